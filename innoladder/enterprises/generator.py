"""Deterministic synthetic enterprises for demos and scale tests (`manage.py generate_demo`).

Codes are checksum-valid USCCs in division 632801 (格尔木); figures are plausible for the park's
industries. Rows are written with bulk_create in batches, so 100,000 enterprises take a few minutes on
SQLite; one audit entry records each run.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.eligibility import size_class, uscc

from .models import AnnualData, Enterprise, IPRecord, Park
from .services import search_texts

DIVISION = "632801"
GENERATED_PREFIX = "MB"  # demo enterprises use "MA"; generated ones never collide with them


def make_uscc(org_prefix: str, n: int, division: str = DIVISION) -> str:
    """A checksum-valid code: 91 + division + organisation code (prefix + number, GB 11714 check) + check."""
    width = 8 - len(org_prefix)
    body8 = f"{org_prefix}{n:0{width}d}"
    if len(body8) != 8:
        raise ValueError("organisation code body must be 8 characters")
    org_check = uscc.org_code_check_char(body8)
    first17 = f"91{division}{body8}{org_check}"
    return first17 + uscc.check_char(first17)


@dataclass(frozen=True)
class Profile:
    code: str
    industry: str
    tech_field: str
    word: str
    products: str
    tag: str
    revenue_wan: tuple[int, int]
    employees: tuple[int, int]


PROFILES = (
    Profile("C2613", "无机盐制造", "4", "锂业", "碳酸锂、氯化锂", "锂产业", (800, 200000), (20, 800)),
    Profile("C3217", "镁冶炼", "4", "镁业", "金属镁、镁合金", "镁产业", (1500, 90000), (30, 1200)),
    Profile("C2622", "钾肥制造", "7", "钾肥", "氯化钾、硫酸钾", "钾肥", (2000, 120000), (40, 900)),
    Profile(
        "C2619",
        "其他基础化学原料制造",
        "4",
        "化工",
        "溴素、硼酸、氯化镁",
        "盐湖化工",
        (500, 40000),
        (15, 400),
    ),
    Profile(
        "C3985", "电子专用材料制造", "4", "新材料", "电池正极材料、膜材料", "新材料", (600, 60000), (20, 500)
    ),
    Profile("D4416", "太阳能发电", "6", "新能源", "光伏发电、光热发电", "新能源", (300, 30000), (8, 120)),
    Profile("C3841", "锂离子电池制造", "6", "储能", "储能电池系统", "新能源", (500, 50000), (20, 600)),
    Profile("C3529", "其他专用设备制造", "8", "装备", "盐化工专用设备", "装备制造", (300, 20000), (15, 300)),
    Profile("I6510", "软件开发", "1", "科技", "工业软件、信息系统", "科技服务", (50, 5000), (5, 120)),
    Profile("M7452", "检测服务", "5", "检测", "化验分析、设备检测", "科技服务", (80, 4000), (6, 90)),
    Profile("N7724", "危险废物治理", "7", "环保", "固废资源化", "节能环保", (200, 10000), (10, 150)),
    Profile(
        "C2923", "塑料丝、绳及编织品制造", "4", "塑业", "编织袋、塑料管材", "新材料", (300, 15000), (15, 260)
    ),
)
PLACES = ("格尔木", "青海", "柴达木", "昆仑", "察尔汗", "海西", "高原", "雪域")
SYLLABLES_A = "瑞恒华金鑫晟宏泰丰盛德源嘉润达诚信博新兴隆科远航汇中天安凯宇弘锦峰益祥腾裕融豪"
SYLLABLES_B = "锂盛源达泰诚丰华晶辉光鑫通盈拓创越泽瀚聚润星辰翔阳峰茂昌合鼎方正升同力坤"
_A, _B = len(SYLLABLES_A), len(SYLLABLES_B)
POOLS = (("", 40), ("reserve", 25), ("tier1", 18), ("hnte_candidate", 9), ("tier3", 6), ("tier4", 2))
STATUSES = (("active", 95), ("moved_out", 3), ("deregistered", 2))
IP_KINDS = (("utility_model", 55), ("invention_patent", 20), ("software_copyright", 20), ("design_patent", 5))
SUB_ZONES = ("察尔汗盐湖工业园", "昆仑经济技术开发区", "藏青工业园")
YUAN_STEP = Decimal(1000)


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _yuan(wan: float) -> Decimal:
    """万元 → yuan, rounded to the thousand, as Decimal."""
    return (Decimal(str(round(wan * 10))) * YUAN_STEP).quantize(Decimal("0.01"))


def _year_row(
    rng: random.Random, year: int, revenue: float, staff: int, rd_ratio: float, hitech: bool
) -> dict:
    """One year's figures at the given scale; the ratios around it are drawn from `rng`."""
    ratio = max(0.005, rd_ratio * rng.uniform(0.85, 1.15))
    rd = revenue * ratio
    assets = revenue * rng.uniform(0.9, 1.8)
    liabilities = assets * rng.uniform(0.3, 0.6)
    return {
        "year": year,
        "employees": staff,
        "tech_staff": max(1, round(staff * rng.uniform(0.12, 0.25))),
        "rd_staff": max(1, round(staff * rng.uniform(0.08, 0.12))),
        "sales_revenue": _yuan(revenue),
        "main_revenue": _yuan(revenue * 0.96),
        "operating_revenue": _yuan(revenue),
        "total_income": _yuan(revenue * 1.02),
        "non_taxable_income": _yuan(revenue * 0.002),
        "hitech_revenue": _yuan(revenue * rng.uniform(0.62, 0.85)) if hitech else None,
        "rd_expense": _yuan(rd),
        "rd_domestic": _yuan(rd * 0.9),
        "rd_entrusted_domestic": _yuan(rd * 0.1),
        "rd_entrusted_overseas": Decimal("0.00"),
        "total_cost": _yuan(revenue * rng.uniform(0.78, 0.93)),
        "total_assets": _yuan(assets),
        "total_liabilities": _yuan(liabilities),
        "net_assets": _yuan(assets) - _yuan(liabilities),
        "net_profit": _yuan(revenue * rng.uniform(-0.02, 0.12)),
        "taxes_paid": _yuan(revenue * rng.uniform(0.03, 0.07)),
        "export_value": Decimal("0.00"),
        "equity_financing": Decimal("0.00"),
        "tech_conversions": rng.randint(0, 4),
    }


def annual_series(
    rng: random.Random, *, revenue_wan: float, employees: int, rd_ratio: float, years: list[int], hitech: bool
) -> list[dict]:
    """Figures for consecutive years ending with `revenue_wan` and `employees` in the last year."""
    rows = []
    revenue, staff = revenue_wan, employees
    for year in sorted(years, reverse=True):
        rows.append(_year_row(rng, year, revenue, staff, rd_ratio, hitech))
        revenue = revenue / rng.uniform(1.02, 1.2)
        staff = max(3, round(staff / rng.uniform(1.0, 1.08)))
    return sorted(rows, key=lambda r: r["year"])


def annual_series_after(
    seed: str,
    *,
    base_year: int,
    revenue_wan: float,
    employees: int,
    rd_ratio: float,
    years: list[int],
    hitech: bool,
    growth: tuple[float, float] = (0.97, 1.12),
) -> list[dict]:
    """Figures for the `years` after `base_year`, growing year by year from the base year's scale.

    Each year draws from its own generator (`seed` and the year), so a year's figures are the same
    whichever later year the series is computed up to: loading the demo next year adds a year and leaves
    the years already loaded as they were.
    """
    wanted = {year for year in years if year > base_year}
    rows = []
    revenue, staff = revenue_wan, employees
    for year in range(base_year + 1, max(wanted, default=base_year) + 1):
        rng = random.Random(f"{seed}-{year}")
        revenue = revenue * rng.uniform(*growth)
        staff = max(3, round(staff * rng.uniform(0.99, 1.05)))
        if year in wanted:
            rows.append(_year_row(rng, year, revenue, staff, rd_ratio, hitech))
    return rows


def size_for(industry_code: str, latest: dict) -> str:
    result = size_class.classify(
        industry_code, latest["employees"], latest["operating_revenue"], latest["total_assets"]
    )
    return result.size or ""


def ip_records(rng: random.Random, enterprise_no: int, registered: dt.date, until: int) -> list[dict]:
    found = []
    for j in range(rng.choices((0, 1, 2, 3, 4, 6, 9), weights=(20, 15, 20, 15, 12, 10, 8))[0]):
        kind = _pick(rng, IP_KINDS)
        year = rng.randint(max(registered.year, until - 9), until)
        granted = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        applied = granted - dt.timedelta(days=rng.randint(120, 900) if kind == "invention_patent" else 200)
        if kind == "software_copyright":
            number = f"{year}SR{enterprise_no:07d}{j}"
            title = f"{rng.choice(('生产', '设备', '能耗', '质量', '仓储'))}管理系统V{rng.randint(1, 3)}.0"
        else:
            type_digit = {"invention_patent": 1, "utility_model": 2, "design_patent": 3}[kind]
            number = f"ZL{applied.year}{type_digit}{enterprise_no:07d}{j}"
            title = rng.choice(
                (
                    "一种卤水提锂的吸附装置",
                    "一种氯化钾浮选药剂的制备方法",
                    "一种镁合金熔炼保护装置",
                    "一种光伏组件清洗机构",
                    "一种盐田卤水输送管道防结晶装置",
                    "一种高纯氧化镁的制备方法",
                    "一种编织袋生产用拉丝机",
                    "一种化工尾气净化装置",
                )
            )
        years = 20 if kind == "invention_patent" else 10
        found.append(
            {
                "kind": kind,
                "number": number,
                "title": title,
                "applied_on": applied,
                "granted_on": granted,
                "expires_on": None if kind == "software_copyright" else plus_years(applied, years),
                "core_to_main_product": rng.random() < 0.4,
            }
        )
    return found


def plus_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


class FastInsert:
    """Multi-row INSERT through executemany with values adapted once per column type.

    Django's bulk_create spends about 70% of its time preparing each value through the compiler; at
    100,000 enterprises (with ~600,000 child rows) that is many minutes. The rows here are plain values
    of known types, so the adaptation can be done once per column. Portable SQL (no backend-specific
    syntax), except on PostgreSQL where the rows go through one COPY; defaults and auto_now
    timestamps are filled in as Django would.
    """

    def __init__(self, model):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        qn = connection.ops.quote_name
        columns = ", ".join(qn(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        # Identifiers come from the model definition and are quoted; values are bound parameters.
        self.sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
        self.copy_sql = f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN"
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.defaults = {}
        self.adapters = []
        for f in self.fields:
            kind = f.get_internal_type()
            if kind == "DateTimeField" and (
                getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            ):
                self.defaults[f.attname] = now
            else:
                self.defaults[f.attname] = f.get_default()  # "" for text columns, None when nullable
            if kind == "JSONField":
                self.adapters.append(lambda v, f=f: f.get_db_prep_save(v, connection))
            elif kind == "DateField":
                self.adapters.append(connection.ops.adapt_datefield_value)
            elif kind == "DecimalField":
                self.adapters.append(connection.ops.adapt_decimalfield_value)
            else:
                self.adapters.append(None)

    def insert(self, rows: list[dict]) -> None:
        params = []
        for row in rows:
            values = []
            for f, adapt in zip(self.fields, self.adapters, strict=True):
                value = row.get(f.attname, self.defaults[f.attname])
                values.append(adapt(value) if adapt is not None and value is not None else value)
            params.append(values)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY streams the rows in one statement: a million enterprises in minutes, not an hour.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for values in params:
                        copy.write_row(values)
                return
            for start in range(0, len(params), 500):
                cursor.executemany(self.sql, params[start : start + 500])


@dataclass
class GenerateResult:
    enterprises: int
    annual_rows: int
    ip_rows: int


def generate(
    *,
    count: int,
    park: Park,
    years: int = 3,
    seed: int = 1,
    until: int | None = None,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
    user=None,
) -> GenerateResult:
    """Create `count` synthetic enterprises in `park` with `years` of annual data each and some IP."""
    rng = random.Random(seed)
    until = until or timezone.localdate().year - 1
    year_list = list(range(until - years + 1, until + 1))
    offset = Enterprise.objects.filter(uscc__startswith=f"91{DIVISION}{GENERATED_PREFIX}").count()
    done = annual_total = ip_total = 0
    inserters = {model: FastInsert(model) for model in (Enterprise, AnnualData, IPRecord)}
    while done < count:
        size = min(batch_size, count - done)
        with transaction.atomic():
            enterprises, extras = [], []
            for k in range(size):
                n = offset + done + k
                profile = rng.choice(PROFILES)
                low, high = profile.revenue_wan
                revenue = low * (high / low) ** rng.random()
                e_low, e_high = profile.employees
                staff = round(e_low * (e_high / e_low) ** rng.random())
                registered = dt.date(rng.randint(1998, until), rng.randint(1, 12), rng.randint(1, 28))
                series = annual_series(
                    rng,
                    revenue_wan=revenue,
                    employees=staff,
                    rd_ratio=rng.uniform(0.015, 0.07),
                    years=[y for y in year_list if y >= registered.year] or [until],
                    hitech=profile.tech_field != "",
                )
                place = PLACES[(n // (_A * _B)) % len(PLACES)]
                name = (
                    f"{place}{SYLLABLES_A[n % _A]}{SYLLABLES_B[(n // _A) % _B]}{profile.word}"
                    f"{'股份' if rng.random() < 0.1 else ''}有限公司"
                )
                tags = [profile.tag] + (["战略性新兴产业"] if rng.random() < 0.3 else [])
                status = _pick(rng, STATUSES)
                enterprises.append(
                    dict(
                        uscc=make_uscc(GENERATED_PREFIX, n),
                        name=name,
                        legal_representative=rng.choice("王李张刘陈杨赵黄周吴")
                        + rng.choice("伟芳娜敏静强磊军洋勇"),
                        registered_on=registered,
                        registered_capital=_yuan(rng.choice((50, 100, 300, 500, 1000, 2000, 5000))),
                        address=f"青海省格尔木市{rng.choice(SUB_ZONES)}{rng.randint(1, 99)}号",
                        park_id=park.pk,
                        sub_zone=rng.choice(SUB_ZONES),
                        industry_code=profile.code,
                        industry_name=profile.industry,
                        tech_field=profile.tech_field,
                        strategic_emerging=rng.random() < 0.5,
                        main_products=profile.products,
                        contact_name=rng.choice("王李张刘陈杨赵黄周吴") + rng.choice(("经理", "主任", "工")),
                        contact_phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
                        size_class=size_for(profile.code, series[-1]),
                        tags=tags,
                        former_names=[],
                        **search_texts([], tags),
                        pool=_pick(rng, POOLS),
                        status=status,
                        status_changed_on=None if status == "active" else dt.date(until, 6, 30),
                        is_demo=True,
                    )
                )
                extras.append((series, ip_records(rng, n, registered, until)))
            inserters[Enterprise].insert(enterprises)
            ids = dict(
                Enterprise.objects.filter(uscc__in=[e["uscc"] for e in enterprises]).values_list("uscc", "pk")
            )
            annual, ips = [], []
            for enterprise, (series, records) in zip(enterprises, extras, strict=True):
                pk = ids[enterprise["uscc"]]
                annual.extend(
                    {"enterprise_id": pk, "source": "demo", "source_note": "合成数据", **row}
                    for row in series
                )
                ips.extend({"enterprise_id": pk, **r} for r in records)
            inserters[AnnualData].insert(annual)
            inserters[IPRecord].insert(ips)
        done += size
        annual_total += len(annual)
        ip_total += len(ips)
        if progress:
            progress(done)
    audit.record(
        AuditEvent.CREATE,
        user=user,
        object_type="enterprises.Enterprise",
        object_repr=f"合成企业 {count} 家",
        changes={"park": park.name, "count": count, "years": years, "seed": seed},
        message=f"生成合成演示企业 {count} 家（年度数据 {annual_total} 行，知识产权 {ip_total} 件）",
    )
    return GenerateResult(count, annual_total, ip_total)
