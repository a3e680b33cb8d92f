"""Bulk import of cooperation projects and talents through the shared Excel framework (auto-discovered).

Talents: the 身份证号 column is read, checked (GB 11643 check character) and immediately replaced by its
keyed hash and last 4 characters; the number itself is never written to the database.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

from innoladder.core.viewkit import can_write
from innoladder.imports import registry
from innoladder.imports.datasets import CHOICE, DATE, ENTERPRISE_CODE, MONEY, TEXT, Column

from . import services
from .choices import CooperationKind, TalentCategory, TalentStatus
from .models import Cooperation, Talent


class _Rejected(str):
    """An invalid ID number, carried as an empty string so the error report never shows the number."""

    message = ""


def _id_number(raw, ctx) -> str:
    try:
        return services.normalise_id_number(str(raw))
    except ValidationError as exc:
        rejected = _Rejected("")
        rejected.message = "；".join(exc.messages)
        return rejected


def _talent_clean(values: dict, ctx) -> dict[str, str]:
    number = values.pop("id_hash", None)
    if isinstance(number, _Rejected):
        values["id_hash"] = ""
        return {"id_hash": number.message}
    if not number:
        return {}
    digest = services.id_number_hash(number)
    values["id_hash"] = digest
    values["id_last4"] = number[-4:]
    seen = ctx.cache.setdefault("talent_id_hashes", set())
    if digest in seen:
        return {"id_hash": "与本文件中另一行的身份证号重复"}
    seen.add(digest)
    other = Talent.objects.filter(id_hash=digest).exclude(
        enterprise_id=values.get("enterprise_id"), name=values.get("name")
    )
    if other.exists():
        return {"id_hash": "该身份证号对应的人才已登记，请勿重复录入"}
    return {}


registry.declare(
    ("cooperation_projects", gettext_noop("产学研合作"), Cooperation, ("enterprise", "title")),
    description=gettext_noop("按“统一社会信用代码 + 合作项目名称”新增或更新产学研合作项目。"),
    columns=[
        ENTERPRISE_CODE,
        Column("合作项目名称", "title", TEXT, required=True, width=36),
        Column("合作高校/院所", "partner", TEXT, required=True, width=24),
        Column("合作方式", "kind", CHOICE, required=True, choices=CooperationKind),
        Column("合同金额", "amount", MONEY, unit="万元", min_value=0),
        Column("签订日期", "signed_on", DATE, required=True),
        Column("结束日期", "ends_on", DATE),
        Column("合作成果", "outcome", TEXT, width=40),
    ],
    allowed=can_write,
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "title": "氯化钾生产尾盐综合利用技术开发",
            "partner": "武汉工程大学",
            "kind": "合作研发",
            "amount": "120",
            "signed_on": "2023-03-16",
        }
    ],
    order=60,
)

registry.declare(
    ("talents", gettext_noop("人才"), Talent, ("enterprise", "name")),
    description=gettext_noop(
        "按“统一社会信用代码 + 姓名”新增或更新人才；身份证号仅用于查重，系统只保存其摘要和后四位。"
    ),
    columns=[
        ENTERPRISE_CODE,
        Column("姓名", "name", TEXT, required=True, width=12),
        Column("人才类别", "category", CHOICE, required=True, choices=TalentCategory),
        Column("专业领域", "field", TEXT),
        Column("状态", "status", CHOICE, choices=TalentStatus),
        Column("入库/认定日期", "recorded_on", DATE, required=True, aliases=("入库日期", "认定日期")),
        Column(
            "身份证号",
            "id_hash",
            TEXT,
            parse=_id_number,
            help="可选；仅用于查重，不保存明文",
            width=22,
        ),
    ],
    clean=_talent_clean,
    allowed=can_write,
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "name": "张工",
            "category": "领军人才",
            "field": "盐湖化工",
            "status": "储备",
            "recorded_on": "2023-03-01",
        }
    ],
    order=61,
)
