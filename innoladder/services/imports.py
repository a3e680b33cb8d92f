"""Bulk import of visits through the shared Excel framework (auto-discovered).

One row per enterprise visited; rows land in VisitImportRow and become visits (rows with the same date,
department, staff, topics and notes → one visit of several enterprises) with the 转入走访记录 action.
"""

from django.utils.translation import gettext_noop

from innoladder.core.viewkit import can_write
from innoladder.imports import registry
from innoladder.imports.datasets import DATE, ENTERPRISE_CODE, TEXT, CellError, Column

from .choices import Topic
from .models import VisitImportRow

SEPARATORS = ("，", ",", "；", ";", "/", " ")


def _topics(raw, ctx) -> str:
    text = str(raw)
    for sep in SEPARATORS:
        text = text.replace(sep, "、")
    by_label = {str(label): value for value, label in Topic.choices}
    codes = []
    for part in (p.strip() for p in text.split("、")):
        if not part:
            continue
        code = by_label.get(part) or (part if part in Topic.values else None)
        if code is None:
            raise CellError(f"未知的走访内容“{part}”，可选：{'、'.join(by_label)}")
        if code not in codes:
            codes.append(code)
    if not codes:
        raise CellError("请填写走访内容")
    return ",".join(codes)


def _stamp(ctx) -> dict:
    agency_id = getattr(ctx.user, "agency_id", None)
    return {"agency_id": agency_id} if agency_id else {}


registry.declare(
    ("service_visits", gettext_noop("走访记录"), VisitImportRow, ("enterprise", "visited_on", "department")),
    description=gettext_noop(
        "每行一家被走访企业；同一天、同一部门、内容相同的多行在“转入走访记录”时合并为一次走访。"
        "走访内容可填多项，用顿号分隔。"
    ),
    columns=[
        ENTERPRISE_CODE,
        Column("走访日期", "visited_on", DATE, required=True),
        Column("走访部门", "department", TEXT, required=True),
        Column("走访人员", "staff_names", TEXT),
        Column(
            "走访内容",
            "topics",
            TEXT,
            required=True,
            parse=_topics,
            width=30,
            help="企业升级、项目申报、争取资金、创新需求、研发费用归集、政策宣传、其他",
        ),
        Column("走访记录", "notes", TEXT, width=40),
        Column("后续跟进", "follow_up", TEXT, width=30),
    ],
    stamp=_stamp,
    allowed=can_write,
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "visited_on": "2023-03-08",
            "department": "园区科技局",
            "staff_names": "王科长、李顾问",
            "topics": "项目申报、研发费用归集",
            "notes": "指导研发费用辅助账归集",
        }
    ],
    order=59,
)
