"""Column definitions for the xlsx exports (Chinese headers)."""

from innoladder.core.xlsx import Column

from . import choices as c

STATUS = dict(c.RecognitionStatus.choices)

RECOGNITION_COLUMNS = [
    Column("企业名称", lambda r: r[0].enterprise.name, width=32),
    Column("统一社会信用代码", lambda r: r[0].enterprise.uscc, width=22),
    Column("认定类别", lambda r: r[0].scheme_label, width=22),
    Column("级别", lambda r: r[0].get_level_display()),
    Column("证书编号/入库登记编号", lambda r: r[0].number, width=24),
    Column("批次", lambda r: r[0].batch.name if r[0].batch else "", width=32),
    Column("发证日期", lambda r: r[0].issued_on, kind="date"),
    Column("有效期至", lambda r: r[0].valid_until, kind="date"),
    Column("状态", lambda r: STATUS[r[1]]),
    Column("重新认定自", lambda r: r[0].renews.number if r[0].renews_id else "", width=24),
]

BATCH_COLUMNS = [
    Column("批次名称", "name", width=36),
    Column("园区", "park.name", width=20),
    Column("认定类别", "get_scheme_display", width=22),
    Column("级别", "get_level_display"),
    Column("年度", "year", kind="int"),
    Column("开始日期", "opens_on", kind="date"),
    Column("截止日期", "closes_on", kind="date"),
    Column("网上申报截止", "online_deadline", kind="date"),
    Column("纸质材料报送截止", "paper_deadline", kind="date"),
]

APPLICATION_COLUMNS = [
    Column("企业名称", "enterprise.name", width=32),
    Column("申报批次", "batch.name", width=36),
    Column("认定类别", "batch.get_scheme_display", width=22),
    Column("申报类型", "get_kind_display"),
    Column("状态", "get_status_display"),
    Column("登记日期", "started_on", kind="date"),
    Column("结果日期", "decided_on", kind="date"),
    Column("负责干部", lambda a: str(a.officer) if a.officer_id else ""),
    Column("服务机构", lambda a: a.agency.name if a.agency_id else "", width=24),
    Column("证书编号", lambda a: a.recognition.number if a.recognition_id else "", width=24),
]

OBLIGATION_COLUMNS = [
    Column("到期日", "due_on", kind="date"),
    Column("事项", "title", width=40),
    Column("企业名称", "enterprise_name", width=32),
    Column("类型", "kind", width=20),
    Column("提示", "note", width=40),
]

PIPELINE_RECOGNITION_COLUMNS = [
    Column("企业名称", "enterprise.name", width=32),
    Column("认定类别", "scheme_label", width=22),
    Column("证书编号", "number", width=24),
    Column("发证日期", "issued_on", kind="date"),
    Column("有效期至", "valid_until", kind="date"),
]
PIPELINE_APPLICATION_COLUMNS = APPLICATION_COLUMNS
PIPELINE_ENTERPRISE_COLUMNS = [
    Column("企业名称", "name", width=32),
    Column("统一社会信用代码", "uscc", width=22),
    Column("培育库", "get_pool_display", width=20),
    Column("园区", "park.name", width=20),
]
