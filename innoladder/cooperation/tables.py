from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk
from innoladder.core.xlsx import Column


def cooperation_fields(c):
    return [
        (_("企业"), c.enterprise.name),
        (_("合作高校/院所"), c.partner),
        (_("合作方式"), c.get_kind_display()),
        (_("合同金额(万元)"), vk.wan(c.amount)),
        (_("签订日期"), c.signed_on),
        (_("结束日期"), c.ends_on),
        (_("合作成果"), c.outcome),
    ]


def patent_fields(p):
    return [
        (_("引进企业"), p.enterprise.name),
        (_("专利号"), p.patent_number),
        (_("专利类型"), p.get_kind_display()),
        (_("引进方式"), p.get_mode_display()),
        (_("转让/许可方"), p.source),
        (_("引进日期"), p.introduced_on),
        (_("金额(万元)"), vk.wan(p.amount)),
        (_("知识产权档案"), _("已登记为受让取得") if p.ip_record_id else ""),
    ]


def talent_fields(t):
    return [
        (_("姓名"), t.name),
        (_("企业"), t.enterprise.name),
        (_("人才类别"), t.get_category_display()),
        (_("专业领域"), t.field),
        (_("状态"), t.get_status_display()),
        (_("入库/认定日期"), t.recorded_on),
        (_("身份证号"), t.id_display),
    ]


def cooperation_columns():
    return [
        vk.link(_("合作项目名称"), lambda c: c.title),
        vk.Col(_("企业"), lambda c: c.enterprise.name),
        vk.Col(_("合作高校/院所"), lambda c: c.partner),
        vk.Col(_("合作方式"), lambda c: c.get_kind_display()),
        vk.Col(_("合同金额(万元)"), lambda c: vk.wan(c.amount)),
        vk.Col(_("签订日期"), lambda c: c.signed_on),
    ]


def patent_columns():
    return [
        vk.link(_("专利名称"), lambda p: p.title),
        vk.Col(_("专利号"), lambda p: p.patent_number),
        vk.Col(_("引进企业"), lambda p: p.enterprise.name),
        vk.Col(_("引进方式"), lambda p: p.get_mode_display()),
        vk.Col(_("转让/许可方"), lambda p: p.source),
        vk.Col(_("引进日期"), lambda p: p.introduced_on),
        vk.Col(_("金额(万元)"), lambda p: vk.wan(p.amount)),
    ]


def talent_columns():
    return [
        vk.link(_("姓名"), lambda t: t.name),
        vk.Col(_("企业"), lambda t: t.enterprise.name),
        vk.Col(_("人才类别"), lambda t: t.get_category_display()),
        vk.Col(_("专业领域"), lambda t: t.field),
        vk.Col(_("状态"), lambda t: t.get_status_display()),
        vk.Col(_("入库/认定日期"), lambda t: t.recorded_on),
    ]


COOPERATION_EXPORT = [
    Column("合作项目名称", "title", width=40),
    Column("企业名称", "enterprise.name", width=30),
    Column("合作高校/院所", "partner", width=24),
    Column("合作方式", lambda c: c.get_kind_display()),
    Column("合同金额", "amount", "money_wan"),
    Column("签订日期", "signed_on", "date", 12),
    Column("结束日期", "ends_on", "date", 12),
    Column("合作成果", "outcome", width=40),
]

PATENT_EXPORT = [
    Column("专利号", "patent_number", width=20),
    Column("专利名称", "title", width=40),
    Column("专利类型", lambda p: p.get_kind_display()),
    Column("引进企业", "enterprise.name", width=30),
    Column("引进方式", lambda p: p.get_mode_display()),
    Column("转让/许可方", "source", width=24),
    Column("引进日期", "introduced_on", "date", 12),
    Column("金额", "amount", "money_wan"),
]

TALENT_EXPORT = [
    Column("姓名", "name", width=12),
    Column("企业名称", "enterprise.name", width=30),
    Column("人才类别", lambda t: t.get_category_display()),
    Column("专业领域", "field"),
    Column("状态", lambda t: t.get_status_display()),
    Column("入库/认定日期", "recorded_on", "date", 12),
    Column("年度", "year", "int", 8),
]
