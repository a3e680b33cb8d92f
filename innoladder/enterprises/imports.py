"""Excel import datasets of the enterprise registry: enterprises, annual data, IP, awards, and the other
child records (standards, R&D institutions, incidents)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext_noop

from innoladder.accounts.choices import Role
from innoladder.core.validators import BAD_PHONE, is_phone_number
from innoladder.imports import registry
from innoladder.imports.datasets import (
    BOOL,
    CHOICE,
    DATE,
    ENTERPRISE_CODE,
    INT,
    MONEY,
    TEXT,
    USCC,
    CellError,
    Column,
)
from innoladder.imports.values import fold

from . import choices as c
from .models import (
    AnnualData,
    Award,
    Enterprise,
    Incident,
    IPRecord,
    Park,
    RDInstitution,
    StandardWork,
    award_date_problem,
)
from .selectors import ANNUAL_TABLE_ROWS

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _parks(ctx) -> dict[str, int]:
    if "parks" not in ctx.cache:
        qs = Park.objects.all()
        if ctx.user.role != Role.ADMIN:
            qs = qs.filter(pk__in=ctx.user.parks.values("pk"))
        names = {}
        for park in qs:
            names[fold(park.name)] = park.pk
            if park.short_name:
                names[fold(park.short_name)] = park.pk
        ctx.cache["parks"] = names
    return ctx.cache["parks"]


def parse_park(raw, ctx) -> int:
    park_id = _parks(ctx).get(fold(str(raw)))
    if park_id is None:
        raise CellError("园区名称不存在或不在您的管理范围内")
    return park_id


def parse_email(raw, ctx) -> str:
    text = fold(str(raw))
    if not _EMAIL.match(text) or len(text) > 254:
        raise CellError("电子邮箱格式不正确")
    return text


def parse_phone(raw, ctx) -> str:
    """A mobile number or a landline with its area code, as the enterprise form takes it."""
    if isinstance(raw, int | float | Decimal) and raw == int(raw):
        raw = int(raw)  # a number cell: 13809790001 read as 13809790001.0
    text = fold(str(raw))
    if not is_phone_number(text):
        raise CellError(str(BAD_PHONE))
    return text


def _enterprise_defaults(ctx) -> dict:
    """An officer of exactly one park need not fill in the park column."""
    if ctx.user.role == Role.OFFICER:
        parks = list(ctx.user.parks.values_list("pk", flat=True))
        if len(parks) == 1:
            return {"park_id": parks[0]}
    return {}


ENTERPRISES = registry.declare(
    ("enterprises", gettext_noop("企业名录"), Enterprise, ("uscc",)),
    order=10,
    description=gettext_noop(
        "按统一社会信用代码新增或更新企业档案的基本信息。园区工作人员可新增企业；企业用户只能更新本企业。"
    ),
    columns=[
        Column("统一社会信用代码", "uscc", USCC, required=True, width=22, help="18位，按GB 32100-2015校验"),
        Column("企业名称", "name", TEXT, required=True, width=30),
        Column(
            "所属园区",
            "park_id",
            TEXT,
            parse=parse_park,
            help="园区全称或简称；只管理一个园区的干部可不填",
        ),
        Column("园区分区", "sub_zone", TEXT),
        Column("法定代表人", "legal_representative", TEXT),
        Column("成立日期", "registered_on", DATE, help="如 2015-03-01"),
        Column("注册资本", "registered_capital", MONEY, unit="万元", min_value=0),
        Column("注册地址", "address", TEXT, width=30),
        Column("行业代码", "industry_code", TEXT, help="GB/T 4754-2017 四位代码"),
        Column("行业名称", "industry_name", TEXT),
        Column("技术领域", "tech_field", CHOICE, choices=c.TechField, help="国家重点支持的高新技术领域"),
        Column("主要产品(服务)", "main_products", TEXT, width=30, aliases=("主要产品",)),
        Column("联系人", "contact_name", TEXT),
        Column("联系电话", "contact_phone", TEXT, parse=parse_phone),
        Column("电子邮箱", "contact_email", TEXT, parse=parse_email),
        Column("企业规模", "size_class", CHOICE, choices=c.SizeClass),
    ],
    defaults=_enterprise_defaults,
    examples=[
        {
            "uscc": "91632801MA7G2XY87R",
            "name": "格尔木示例锂业有限公司",
            "park_id": "格尔木工业园",
            "registered_on": "2016-05-20",
            "registered_capital": "5000",
            "industry_code": "3985",
            "tech_field": "新材料",
            "size_class": "小型",
        }
    ],
)


def _annual_clean(vals: dict, ctx) -> dict[str, str]:
    errors = {}
    employees = vals.get("employees")
    if employees is not None:
        for field_name, label in (("tech_staff", "科技人员"), ("rd_staff", "研发人员")):
            value = vals.get(field_name)
            if value is not None and value > employees:
                errors[field_name] = f"{label}（{value}）不能多于职工总数（{employees}）"
    rd = vals.get("rd_expense")
    domestic = vals.get("rd_domestic")
    if rd is not None and domestic is not None and domestic > rd:
        errors["rd_domestic"] = "境内研发费用不能大于研发费用"
    return errors


def _annual_stamp(ctx) -> dict:
    note = f"Excel导入批次 {str(ctx.batch.pk)[:8]}" if ctx.batch is not None else "Excel导入"
    return {"source": c.DataSource.IMPORT, "source_note": note}


def _annual_column(name: str, label: str, kind: str) -> Column:
    """A figure of the annual table: a count, or an amount in 万元 (only profit and net assets below 0)."""
    if kind == "int":
        return Column(label, name, INT, min_value=0)
    floor = None if name in ("net_profit", "net_assets") else 0
    return Column(label, name, MONEY, unit="万元", min_value=floor)


ANNUAL_DATA = registry.declare(
    ("annual_data", gettext_noop("年度数据"), AnnualData, ("enterprise", "year")),
    order=20,
    description=gettext_noop(
        "企业各年度的人员与财务数据，按“统一社会信用代码 + 年度”新增或更新。金额单位以表头为准（元或万元）。"
    ),
    columns=[
        ENTERPRISE_CODE,
        Column("年度", "year", INT, required=True, min_value=2000, max_value=2100, width=8),
        *[_annual_column(name, label, kind) for name, label, kind in ANNUAL_TABLE_ROWS],
    ],
    stamp=_annual_stamp,
    clean=_annual_clean,
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "year": 2024,
            "employees": 120,
            "tech_staff": 30,
            "rd_staff": 18,
            "sales_revenue": "8650.5",
            "rd_expense": "512.3",
            "rd_domestic": "512.3",
        }
    ],
)

IP_RECORDS = registry.declare(
    ("ip_records", gettext_noop("知识产权"), IPRecord, ("enterprise", "number")),
    order=30,
    description=gettext_noop("企业拥有的知识产权，按“统一社会信用代码 + 编号”新增或更新。"),
    columns=[
        ENTERPRISE_CODE,
        Column("类型", "kind", CHOICE, required=True, choices=c.IPKind),
        Column("编号", "number", TEXT, required=True, width=20, aliases=("专利号", "登记号")),
        Column("名称", "title", TEXT, required=True, width=30),
        Column("申请日", "applied_on", DATE),
        Column("授权日", "granted_on", DATE),
        Column("状态", "status", CHOICE, choices=c.IPStatus),
        Column("到期日", "expires_on", DATE),
        Column("获得方式", "acquisition", CHOICE, choices=c.IPAcquisition),
        Column("受让日期", "transferred_on", DATE),
        Column("有海外同族专利", "overseas_family", BOOL),
        Column("质押融资", "pledge_financing", BOOL),
        Column("获国家科技奖或中国专利奖", "award_winning", BOOL),
        Column("对主要产品起核心支持作用", "core_to_main_product", BOOL),
    ],
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "kind": "发明专利",
            "number": "ZL202110123456.7",
            "title": "一种盐湖卤水提锂的方法",
            "granted_on": "2023-08-15",
            "status": "有效",
            "acquisition": "自主研发",
            "core_to_main_product": "是",
        }
    ],
)


def _award_clean(vals: dict, ctx) -> dict[str, str]:
    problem = award_date_problem(vals.get("year"), vals.get("awarded_on"), ctx.today)
    return {"awarded_on": problem} if problem else {}


AWARDS = registry.declare(
    ("awards", gettext_noop("获奖情况"), Award, ("enterprise", "name", "year")),
    order=40,
    description=gettext_noop("企业获得的奖项，按“统一社会信用代码 + 奖项名称 + 年度”新增或更新。"),
    columns=[
        ENTERPRISE_CODE,
        Column("奖项名称", "name", TEXT, required=True, width=30),
        Column("年度", "year", INT, required=True, min_value=1950, max_value=2100, width=8),
        Column("授奖日期", "awarded_on", DATE, help="颁奖日期，如 2023-05-26；工作报告按此日期统计获奖"),
        Column("类别", "kind", CHOICE, choices=c.AwardKind),
        Column("级别", "level", CHOICE, required=True, choices=c.Level),
        Column("等级", "grade", TEXT),
        Column("完成单位排名", "rank", INT, min_value=1, max_value=100),
        Column("获奖项目", "project", TEXT, width=30),
    ],
    clean=_award_clean,
    examples=[
        {
            "enterprise": "91632801MA7G2XY87R",
            "name": "青海省科学技术进步奖",
            "year": 2023,
            "awarded_on": "2024-04-18",
            "kind": "科学技术奖",
            "level": "省级",
            "grade": "二等奖",
            "rank": 1,
        }
    ],
)


EXAMPLE_USCC = "91632801AY4CL12T2E"


def _incident_clean(values, ctx):
    problem = Incident.date_problem(values.get("occurred_on"), values.get("removed_on"))
    return {"removed_on": problem} if problem else {}


STANDARDS = registry.declare(
    ("standards", gettext_noop("参与标准"), StandardWork, ("enterprise", "title")),
    order=50,
    description=gettext_noop("企业主持或参与制定的标准，按“统一社会信用代码 + 标准名称”新增或更新。"),
    columns=[
        ENTERPRISE_CODE,
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

INSTITUTIONS = registry.declare(
    ("rd_institutions", gettext_noop("研发机构"), RDInstitution, ("enterprise", "name")),
    order=60,
    description=gettext_noop("企业的研发机构，按“统一社会信用代码 + 机构名称”新增或更新。"),
    columns=[
        ENTERPRISE_CODE,
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

INCIDENTS = registry.declare(
    ("incidents", gettext_noop("不良记录"), Incident, ("enterprise", "kind", "occurred_on")),
    order=70,
    description=gettext_noop(
        "重大安全质量事故、严重环境违法、失信与经营异常名录等记录，"
        "按“统一社会信用代码 + 类型 + 日期”新增或更新。"
    ),
    columns=[
        ENTERPRISE_CODE,
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
