"""Import of a campaign's sheet through the shared Excel framework (auto-discovered).

Rows land in CollectionImportRow; the campaign page's 转入填报 action fills and submits the forms.
"""

from django.utils.translation import gettext_noop

from innoladder.imports import registry
from innoladder.imports.datasets import DECIMAL, ENTERPRISE_CODE, INT, MONEY, CellError, Column

from .fields import ALL_FIELDS, COUNT_FIELDS, label
from .models import Campaign, CollectionImportRow
from .services import is_bureau


def _campaign(raw, ctx) -> int:
    try:
        pk = int(str(raw).strip())
    except ValueError as exc:
        raise CellError("填报任务编号须为整数（见任务页面标题下方）") from exc
    cache = ctx.cache.setdefault("collection_campaigns", {})
    if pk not in cache:
        campaign = Campaign.objects.filter(pk=pk, status="open").first()
        allowed = campaign is not None and (
            ctx.user.role == "admin" or ctx.user.parks.filter(pk=campaign.park_id).exists()
        )
        cache[pk] = allowed
    if not cache[pk]:
        raise CellError(f"填报任务 {pk} 不存在、已结束或不属于您的园区")
    return pk


def _column(field: str) -> Column:
    if field in COUNT_FIELDS:
        return Column(label(field), field, INT, min_value=0)
    return Column(label(field), field, MONEY, unit="万元")  # as the filing form and the profile


registry.declare(
    ("collection_returns", gettext_noop("年度填报数据"), CollectionImportRow, ("campaign_id", "enterprise")),
    description=gettext_noop(
        "每行一家企业；导入后在填报任务页面点“转入填报”，由园区代企业填报并提交（记为代填）。"
    ),
    columns=[
        Column("填报任务编号", "campaign_id", DECIMAL, required=True, parse=_campaign),
        ENTERPRISE_CODE,
        *[_column(f) for f in ALL_FIELDS],
    ],
    allowed=is_bureau,
    examples=[
        {
            "campaign_id": 1,
            "enterprise": "91632801MA7G2XY87R",
            "employees": 120,
            "sales_revenue": "1500",
        }
    ],
)
