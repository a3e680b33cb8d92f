"""Register of recognitions (资质认定台账) through the shared Excel import framework."""

from django.utils.translation import gettext_noop

from innoladder.core.scoping import is_staff_role
from innoladder.imports import registry
from innoladder.imports.datasets import CHOICE, DATE, ENTERPRISE_CODE, TEXT, Column, dates_in_order

from . import choices as c
from . import rules
from .models import Recognition, rule_for


def _clean(values, ctx):
    """Cross-column checks; an empty 有效期至 is computed from the scheme's rule (bulk writes skip save())."""
    scheme = values.get("scheme")
    if scheme == c.Scheme.OTHER and not values.get("scheme_name"):
        return {"scheme_name": "类别为“其他”时请填写资质名称"}
    issued_on = values.get("issued_on")
    if issued_on is not None and values.get("valid_until") is None and scheme:
        values["valid_until"] = rules.valid_until(rule_for(scheme), issued_on)
    return dates_in_order(values, "issued_on", "valid_until", "有效期至不能早于发证日期")


registry.declare(
    ("recognitions", gettext_noop("资质认定台账"), Recognition, ("enterprise", "scheme", "number")),
    description=gettext_noop(
        "按“统一社会信用代码 + 认定类别 + 证书编号”新增或更新资质认定记录；"
        "有效期至留空时按该类别的有效期规则计算（高企自发证之日起3年，科技型中小企业至当年12月31日，"
        "青海省科技型企业至第3年12月31日）。"
    ),
    columns=[
        ENTERPRISE_CODE,
        Column("认定类别", "scheme", CHOICE, required=True, choices=c.Scheme, width=22),
        Column("类别名称（其他）", "scheme_name", TEXT),
        Column("级别", "level", CHOICE, required=True, choices=c.RecognitionLevel),
        Column("证书编号", "number", TEXT, required=True, width=24, aliases=("入库登记编号", "证书号")),
        Column("发证日期", "issued_on", DATE, required=True, aliases=("认定日期",)),
        Column("有效期至", "valid_until", DATE, help="留空则按规则计算"),
    ],
    clean=_clean,
    allowed=is_staff_role,
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "scheme": "高新技术企业",
            "level": "国家级",
            "number": "GR202363000102",
            "issued_on": "2023-12-08",
        }
    ],
)
