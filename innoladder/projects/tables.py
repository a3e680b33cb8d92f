from django.utils.translation import gettext as _

from innoladder.core import viewkit as vk
from innoladder.core.xlsx import Column


def _partners(project) -> str:
    names = [e.name for e in project.partners.all()]
    if project.partner_institutions:
        names.append(project.partner_institutions)
    return _("、").join(names)


def year_batch(project) -> str:
    """The year and batch as one cell; a batch named with its year ("2026年第一批") is shown alone."""
    batch = project.batch or ""
    if str(project.year) in batch:
        return batch
    return f"{project.year} {batch}".strip()


def project_columns():
    return [
        vk.link(_("项目名称"), lambda p: p.title),
        vk.Col(_("承担企业"), lambda p: p.enterprise.name),
        vk.Col(_("计划类别"), lambda p: p.programme),
        vk.Col(_("级别"), lambda p: p.get_level_display()),
        vk.Col(_("年度/批次"), year_batch),
        vk.Col(_("财政资助(万元)"), lambda p: vk.wan(p.government_funding)),
        vk.Col(_("立项日期"), lambda p: vk.day(p.approved_on)),
        vk.Col(_("状态"), lambda p: p.get_status_display()),
    ]


PROJECT_EXPORT = [
    Column("项目名称", "title", width=40),
    Column("项目编号", "number"),
    Column("承担企业", "enterprise.name", width=30),
    Column("合作单位", _partners, width=30),
    Column("计划类别", "programme"),
    Column("级别", lambda p: p.get_level_display()),
    Column("年度", "year", "int", 8),
    Column("批次", "batch"),
    Column("财政资助", "government_funding", "money_wan"),
    Column("自筹资金", "self_raised", "money_wan"),
    Column("开始日期", "starts_on", "date", 12),
    Column("结束日期", "ends_on", "date", 12),
    Column("立项日期", "approved_on", "date", 12),
    Column("状态", lambda p: p.get_status_display()),
]
