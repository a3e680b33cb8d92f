"""Column layouts of the registry's xlsx exports (enterprise list, annual data, IP)."""

from innoladder.core.xlsx import Column

from .selectors import ANNUAL_TABLE_ROWS

ENTERPRISE_COLUMNS = [
    Column("企业名称", "name", width=32),
    Column("统一社会信用代码", "uscc", width=22),
    Column("曾用名", lambda e: "、".join(e.former_names or []), width=20),
    Column("所属园区", "park.name", width=16),
    Column("园区分区", "sub_zone"),
    Column("法定代表人", "legal_representative", width=10),
    Column("成立日期", "registered_on", kind="date", width=12),
    Column("注册资本", "registered_capital", kind="money_wan"),
    Column("行业代码", "industry_code", width=10),
    Column("行业名称", "industry_name", width=20),
    Column("技术领域", "get_tech_field_display", width=14),
    Column("战略性新兴产业", lambda e: {True: "是", False: "否"}.get(e.strategic_emerging), width=10),
    Column("企业规模", "get_size_class_display", width=8),
    Column("培育库", "get_pool_display", width=16),
    Column("标签", lambda e: "、".join(e.tags or []), width=20),
    Column("联系人", "contact_name", width=10),
    Column("联系电话", "contact_phone_masked", width=14),
    Column("联系干部", lambda e: str(e.assigned_officer) if e.assigned_officer_id else "", width=12),
    Column("状态", "get_status_display", width=8),
    Column("演示数据", lambda e: "是" if e.is_demo else "", width=8),
]

# The first two columns of the sheets of an enterprise's records (annual data, IP): whose row it is.
OF_ENTERPRISE = (
    Column("企业名称", "enterprise.name", width=32),
    Column("统一社会信用代码", "enterprise.uscc", width=22),
)

ANNUAL_COLUMNS = [
    *OF_ENTERPRISE,
    Column("年度", "year", kind="int", width=8),
    *[
        Column(label, name, kind="int" if kind == "int" else "money_wan", width=14)
        for name, label, kind in ANNUAL_TABLE_ROWS
    ],
    Column("数据来源", "get_source_display", width=12),
    Column("来源说明", "source_note", width=20),
    Column("确认人", lambda r: str(r.confirmed_by) if r.confirmed_by_id else "", width=12),
    Column(
        "确认时间", lambda r: r.confirmed_at.strftime("%Y-%m-%d %H:%M") if r.confirmed_at else "", width=18
    ),
]

IP_COLUMNS = [
    *OF_ENTERPRISE,
    Column("类型", "get_kind_display", width=14),
    Column("类别", "ip_class", width=8),
    Column("编号", "number", width=22),
    Column("名称", "title", width=36),
    Column("申请日", "applied_on", kind="date", width=12),
    Column("授权日", "granted_on", kind="date", width=12),
    Column("状态", "get_status_display", width=8),
    Column("到期日", "expires_on", kind="date", width=12),
    Column("获得方式", "get_acquisition_display", width=10),
    Column("受让日期", "transferred_on", kind="date", width=12),
    Column("核心支持主要产品", lambda r: "是" if r.core_to_main_product else "否", width=10),
    Column("已用于高企申报", lambda r: "是" if r.used_in_hnte_application else "否", width=10),
]
