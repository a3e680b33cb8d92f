"""Columns of the funding exports (Chinese headers, money in 万元)."""

from innoladder.core.xlsx import Column

APPLICATION_COLUMNS = [
    Column("企业名称", "enterprise.name", width=30),
    Column("统一社会信用代码", "enterprise.uscc", width=22),
    Column("扶持资金项目", lambda a: str(a.programme), width=28),
    Column("项目类别", "programme.get_kind_display", width=12),
    Column("申报事项", "title", width=30),
    Column("申请金额", "requested_amount", kind="money_wan"),
    Column("申请日期", "applied_on", kind="date", width=12),
    Column("状态", "get_status_display", width=10),
    Column("受理日期", "accepted_on", kind="date", width=12),
    Column("批准金额", "approved_amount", kind="money_wan"),
    Column("批复日期", "decided_on", kind="date", width=12),
    Column("拨付金额", "paid_amount", kind="money_wan"),
    Column("拨付日期", "paid_on", kind="date", width=12),
]

PROGRAMME_COLUMNS = [
    Column("园区", "park.name", width=20),
    Column("年度", "year", kind="int", width=8),
    Column("类别", "get_kind_display", width=12),
    Column("项目名称", "name", width=30),
    Column("主管部门", "issuer", width=20),
    Column("单户资助上限", "cap", kind="money_wan"),
    Column("支持标准与规则", "rules", width=50),
]

VOUCHER_COLUMNS = [
    Column("企业名称", "enterprise.name", width=30),
    Column("使用日期", "used_on", kind="date", width=12),
    Column("持券类型", "get_holder_type_display", width=24),
    Column("服务类型", "get_service_type_display", width=16),
    Column("服务机构", "provider", width=28),
    Column("服务费用", "fee", kind="money_wan"),
    Column("本年此前已用", "used_before", kind="money_wan"),
    Column("创新券支付", "amount", kind="money_wan"),
    Column("计算说明", "explanation", width=60),
]

BALANCE_COLUMNS = [
    Column("企业名称", lambda r: r["enterprise"].name, width=30),
    Column("年度", "year", kind="int", width=8),
    Column("持券类型", "holder_type", width=24),
    Column("年度额度", "quota", kind="money_wan"),
    Column("使用次数", "count", kind="int", width=10),
    Column("服务费用合计", "fees", kind="money_wan"),
    Column("已用额度", "used", kind="money_wan"),
    Column("剩余额度", "remaining", kind="money_wan"),
]
