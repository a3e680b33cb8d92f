"""Bulk entry of fund applications through the shared Excel import framework (docs/dev/imports.md).

Rows are matched by enterprise + programme + 申报事项. Only the application itself is imported (status
申请); acceptance, approval and payment go through the workflow on screen, where the caps are checked.
"""

from django.utils.translation import gettext_noop

from innoladder.core.parkscope import park_scoped
from innoladder.imports import registry
from innoladder.imports.datasets import DATE, ENTERPRISE_CODE, MONEY, TEXT, CellError, Column
from innoladder.imports.values import fold

from . import choices as c
from .models import FundApplication, Programme


def _programmes(ctx) -> dict[str, list[tuple[int, int]]]:
    """Programme lookup by "2023年名称" and by bare name: [(programme id, park id)]."""
    if "programmes" not in ctx.cache:
        found: dict[str, list[tuple[int, int]]] = {}
        for p in park_scoped(Programme.objects.all(), ctx.user):
            for name in (f"{p.year}年{p.name}", p.name):
                found.setdefault(fold(name), []).append((p.pk, p.park_id))
        ctx.cache["programmes"] = found
    return ctx.cache["programmes"]


def parse_programme(raw, ctx) -> int:
    hits = _programmes(ctx).get(fold(str(raw)), [])
    if not hits:
        raise CellError("未找到该扶持资金项目，请填写如“2023年生产要素保障专项资金”")
    if len({pk for pk, _ in hits}) > 1:
        raise CellError("项目名称对应多个年度或园区，请在名称前加年度，如“2023年…”")
    return hits[0][0]


def clean(vals: dict, ctx) -> dict[str, str]:
    errors = {}
    amount = vals.get("requested_amount")
    if amount is not None and amount < 0:
        errors["requested_amount"] = "申请金额不能为负数"
    programme_id, enterprise_id = vals.get("programme_id"), vals.get("enterprise_id")
    if programme_id and enterprise_id:
        programme_parks = {pk: park for hits in _programmes(ctx).values() for pk, park in hits}
        if programme_parks.get(programme_id) != ctx.enterprise_value(enterprise_id, "park_id"):
            errors["programme_id"] = "只能申请本企业所在园区的扶持资金项目"
    return errors


registry.declare(
    (
        "fund_applications",
        gettext_noop("扶持资金申请"),
        FundApplication,
        ("enterprise", "programme_id", "title"),
    ),
    order=55,
    description=gettext_noop(
        "按“统一社会信用代码 + 扶持资金项目 + 申报事项”新增或更新资金申请；受理、批复、拨付在页面办理。"
    ),
    columns=[
        ENTERPRISE_CODE,
        Column(
            "扶持资金项目",
            "programme_id",
            TEXT,
            required=True,
            parse=parse_programme,
            width=30,
            help="如“2023年生产要素保障专项资金”",
        ),
        Column("申报事项", "title", TEXT, required=True, width=30),
        Column("申请金额", "requested_amount", MONEY, required=True, unit="万元", min_value=0),
        Column("申请日期", "applied_on", DATE, required=True),
        Column("备注", "note", TEXT, width=30),
    ],
    defaults={"status": c.ApplicationStatus.APPLIED},
    clean=clean,
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "programme_id": "2023年生产要素保障专项资金",
            "title": "2023年度用电成本补助",
            "requested_amount": "86",
            "applied_on": "2023-02-20",
        }
    ],
)
