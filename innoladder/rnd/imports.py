"""Excel import of R&D projects and ledger lines through the shared framework (innoladder/imports).

Natural keys:
- 研发项目: 统一社会信用代码 + 项目编号.
- 辅助账明细: 统一社会信用代码 + 项目编号 + 凭证号 + 日期 + 行号. Voucher numbers restart every month and
  one voucher may carry several lines for the same project, so the date and a line number are part of the
  key; re-importing a corrected file updates those lines instead of duplicating them.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_noop

from innoladder.imports import registry
from innoladder.imports.datasets import (
    BOOL,
    CHOICE,
    DATE,
    ENTERPRISE_CODE,
    INT,
    MONEY,
    TEXT,
    Column,
    dates_in_order,
)

from . import choices as c
from .models import LedgerLine, RDProject, line_problems

EXAMPLE_USCC = "91632801MA7G2XY87R"


def _project_clean(vals: dict, ctx) -> dict[str, str]:
    form = vals.get("form")
    if form in (*c.ENTRUSTED_FORMS, c.RDForm.COOPERATIVE) and not vals.get("contract_registration_no"):
        return {"contract_registration_no": "委托、合作研发项目须填写技术合同登记号"}
    return dates_in_order(vals, "starts_on", "ends_on", "结束日期不能早于开始日期")


PROJECTS = registry.declare(
    ("rnd_projects", gettext_noop("研发项目"), RDProject, ("enterprise", "code")),
    order=60,
    description=gettext_noop("按统一社会信用代码和项目编号新增或更新研发项目。"),
    columns=[
        ENTERPRISE_CODE,
        Column("项目编号", "code", TEXT, required=True, width=14),
        Column("项目名称", "name", TEXT, required=True, width=30),
        Column("研发形式", "form", CHOICE, required=True, choices=c.RDForm),
        Column("关联方", "related_party", BOOL),
        Column("资本化", "capitalised", BOOL),
        Column("形成无形资产年度", "intangible_formed_year", INT, min_value=2000, max_value=2100),
        Column("开始日期", "starts_on", DATE),
        Column("结束日期", "ends_on", DATE),
        Column("状态", "status", CHOICE, choices=c.ProjectStatus),
        Column("完成进度(%)", "completion", INT, min_value=0, max_value=100),
        Column("技术合同登记号", "contract_registration_no", TEXT, width=20),
    ],
    clean=_project_clean,
    examples=[
        {
            "enterprise": EXAMPLE_USCC,
            "code": "RD2024-01",
            "name": "低品位卤水吸附法提锂技术",
            "form": "自主研发",
            "status": "进行中",
            "completion": 40,
        }
    ],
)


def _projects(ctx) -> dict[tuple[int, str], RDProject]:
    """The projects of the enterprises the user may write, loaded once per import."""
    if "rnd_projects" not in ctx.cache:
        qs = RDProject.objects.filter(enterprise_id__in=ctx.writable_enterprise_ids)
        ctx.cache["rnd_projects"] = {(p.enterprise_id, p.code): p for p in qs}
    return ctx.cache["rnd_projects"]


def _line_clean(vals: dict, ctx) -> dict[str, str]:
    """Resolve the project code within the row's enterprise, then apply the booking rules."""
    project = _projects(ctx).get((vals["enterprise_id"], vals["project"]))
    if project is None:
        return {"project": "该企业没有此项目编号的研发项目，请先登记或导入研发项目"}
    vals["project"] = project
    if vals["amount"] == Decimal(0):
        return {"amount": "金额不能为零"}
    return line_problems(
        project=project,
        enterprise_id=vals["enterprise_id"],
        category=vals["category"],
        overseas_individual=bool(vals.get("overseas_individual")),
    )


LEDGER_LINES = registry.declare(
    (
        "rnd_ledger_lines",
        gettext_noop("研发费用辅助账明细"),
        LedgerLine,
        ("enterprise", "project", "voucher_no", "date", "line_no"),
    ),
    order=61,
    description=gettext_noop(
        "按凭证逐行导入研发费用辅助账。唯一标识：统一社会信用代码+项目编号+凭证号+日期+行号；"
        "同一凭证同一项目有多行时行号按1、2、3……编号。项目须先登记。"
    ),
    columns=[
        ENTERPRISE_CODE,
        Column("项目编号", "project", TEXT, required=True, width=14),
        Column("日期", "date", DATE, required=True, width=12),
        Column("凭证号", "voucher_no", TEXT, required=True, width=12),
        Column("行号", "line_no", INT, required=True, min_value=1, max_value=9999, width=6),
        Column("摘要", "summary", TEXT, required=True, width=30),
        Column("金额", "amount", MONEY, required=True, unit="元"),
        Column("费用类别", "category", CHOICE, required=True, choices=c.Category, width=16),
        Column("明细科目", "sub_category", TEXT, width=16),
        Column("委托境外个人", "overseas_individual", BOOL, width=8),
    ],
    clean=_line_clean,
    examples=[
        {
            "enterprise": EXAMPLE_USCC,
            "project": "RD2024-01",
            "date": "2024-03-31",
            "voucher_no": "记-0031",
            "line_no": 1,
            "summary": "3月研发人员工资",
            "amount": "86500.00",
            "category": "人员人工费用",
            "sub_category": "工资薪金",
        }
    ],
)
