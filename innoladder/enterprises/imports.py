"""Excel import datasets of the registry's remaining child records (standards, R&D institutions, incidents).

Enterprises, annual data, IP and awards are registered by the import framework itself
(innoladder/imports/builtin.py).
"""

from innoladder.imports import registry
from innoladder.imports.datasets import CHOICE, DATE, ENTERPRISE, INT, TEXT, Column, Dataset

from . import choices as c
from .models import Incident, RDInstitution, StandardWork

EXAMPLE_USCC = "91632801AY4CL12T2E"


def _incident_clean(values, ctx):
    occurred, removed = values.get("occurred_on"), values.get("removed_on")
    if occurred and removed and removed < occurred:
        return {"removed_on": "移出日期不能早于发生/列入日期"}
    return {}


STANDARDS = registry.register(
    Dataset(
        key="standards",
        title="参与标准",
        model=StandardWork,
        natural_key=("enterprise", "title"),
        order=50,
        description="企业主持或参与制定的标准，按“统一社会信用代码 + 标准名称”新增或更新。",
        columns=[
            Column("统一社会信用代码", "enterprise", ENTERPRISE, required=True, width=22),
            Column("标准名称", "title", TEXT, required=True, width=30),
            Column("标准号", "number", TEXT, width=18),
            Column("级别", "level", CHOICE, required=True, choices=c.StandardLevel),
            Column("发布年度", "year", INT, required=True, min_value=1950, max_value=2100, width=8),
            Column("起草单位排名", "rank", INT, min_value=1, max_value=100),
        ],
        examples=[
            {
                "enterprise": EXAMPLE_USCC,
                "title": "盐湖卤水碳酸锂",
                "number": "YS/T 1575-2022",
                "level": "行业标准",
                "year": 2022,
                "rank": 1,
            }
        ],
    )
)

INSTITUTIONS = registry.register(
    Dataset(
        key="rd_institutions",
        title="研发机构",
        model=RDInstitution,
        natural_key=("enterprise", "name"),
        order=60,
        description="企业的研发机构，按“统一社会信用代码 + 机构名称”新增或更新。",
        columns=[
            Column("统一社会信用代码", "enterprise", ENTERPRISE, required=True, width=22),
            Column("机构名称", "name", TEXT, required=True, width=30),
            Column("类型", "kind", CHOICE, required=True, choices=c.InstitutionKind),
            Column("级别", "level", CHOICE, required=True, choices=c.Level),
            Column("认定部门", "approved_by", TEXT, width=20),
            Column("认定年度", "year", INT, min_value=1950, max_value=2100, width=8),
        ],
        examples=[
            {
                "enterprise": EXAMPLE_USCC,
                "name": "青海省盐湖提锂工程技术研究中心",
                "kind": "工程技术研究中心",
                "level": "省级",
                "approved_by": "青海省科学技术厅",
                "year": 2016,
            }
        ],
    )
)

INCIDENTS = registry.register(
    Dataset(
        key="incidents",
        title="不良记录",
        model=Incident,
        natural_key=("enterprise", "kind", "occurred_on"),
        order=70,
        description=(
            "重大安全质量事故、严重环境违法、失信与经营异常名录等记录，"
            "按“统一社会信用代码 + 类型 + 日期”新增或更新。"
        ),
        columns=[
            Column("统一社会信用代码", "enterprise", ENTERPRISE, required=True, width=22),
            Column("类型", "kind", CHOICE, required=True, choices=c.IncidentKind, width=20),
            Column("发生/列入日期", "occurred_on", DATE, required=True, aliases=("发生日期", "列入日期")),
            Column("移出日期", "removed_on", DATE),
            Column("说明", "description", TEXT, width=30),
        ],
        clean=_incident_clean,
        allowed=lambda user: user.role in ("admin", "officer"),
        examples=[
            {
                "enterprise": EXAMPLE_USCC,
                "kind": "列入经营异常名录",
                "occurred_on": "2021-05-10",
                "removed_on": "2021-09-02",
                "description": "未按时报送年度报告，补报后移出",
            }
        ],
    )
)
