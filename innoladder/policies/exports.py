from innoladder.core.xlsx import Column


def _mark(check) -> str:
    return "✓" if check.passed else "✗" if check.passed is False else "数据不足"


def _checks(match) -> str:
    return "；".join(f"{c.label}{c.value}（要求{c.threshold}）{_mark(c)}" for c in match.result.checks)


POLICY_COLUMNS = [
    Column("政策名称", "title", width=40),
    Column("发文机关", "issuer", width=24),
    Column("文号", "document_number", width=20),
    Column("发文日期", "issued_on", kind="date", width=12),
    Column("层级", "get_level_display", width=10),
    Column("标签", lambda p: "，".join(p.tags or []), width=20),
    Column("有效期自", "valid_from", kind="date", width=12),
    Column("有效期至", "valid_until", kind="date", width=12),
    Column("支持内容", "benefit", width=30),
    Column("政策摘要", "summary", width=60),
]

CANDIDATE_COLUMNS = [
    Column("企业名称", lambda m: m.enterprise.name, width=30),
    Column("统一社会信用代码", lambda m: m.enterprise.uscc, width=22),
    Column("匹配结果", lambda m: "符合" if m.result.matched else "差距较小", width=10),
    Column("数据年度", lambda m: m.year, kind="int", width=10),
    Column("条件核对", _checks, width=70),
    Column("差距", lambda m: "" if m.result.matched else m.result.summary, width=40),
    Column("联系人", lambda m: m.enterprise.contact_name, width=12),
]

CAMPAIGN_COLUMNS = [
    Column("活动名称", "title", width=30),
    Column("园区", "park.name", width=20),
    Column("开始日期", "starts_on", kind="date", width=12),
    Column("结束日期", "ends_on", kind="date", width=12),
    Column("覆盖企业数", "enterprise_count", kind="int", width=12),
    Column("活动内容", "description", width=50),
]

TRAINING_COLUMNS = [
    Column("培训班名称", "title", width=36),
    Column("主办单位", "organiser", width=24),
    Column("开始日期", "starts_on", kind="date", width=12),
    Column("结束日期", "ends_on", kind="date", width=12),
    Column("地点", "place", width=20),
    Column("参训企业数", "enterprise_count", kind="int", width=12),
    Column("参训人数", "attendee_count", kind="int", width=10),
]
