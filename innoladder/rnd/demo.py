# ruff: noqa: E501 -- one enterprise per line: the table reads as a table
"""Golmud demo: the 2022 R&D ledgers collected and the 2023 H1 R&D subsidies secured (issue 9).

Seven enterprises of 格尔木工业园 (looked up by name; absent ones are skipped) get three 2022 projects each
and monthly voucher lines. Each ledger is laid out so that its computed deduction base is the target below
(expensed R&D, 2022, manufacturing → 100%); the 2023 rule pays 10% of the super-deduction amount, capped
at 200万元. Subsidies: 200 + 150 + 120 + 100 + 80 + 70 + 55 = 775万元, all awarded in H1 2023. Every
figure is recomputed from the stored lines by the real engine.

The ledgers go on: four of them keep their ledger for the last complete year before the load date, laid
out so that it totals the R&D expense the registry holds for that year, and the park's post-subsidy for
that tax year is awarded on 16 June of the load year (not before the load date reaches it).
"""

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.utils import timezone

from innoladder.core.services import object_create
from innoladder.enterprises.demo import park_enterprise
from innoladder.enterprises.models import AnnualData, Enterprise, Park

from . import choices as c
from . import selectors, services
from .models import LedgerLine, RDProject, SubsidyRule, TaxYearProfile

GOLMUD = "格尔木工业园"
YEAR = 2022
RULE = {
    "year": 2023,
    "tax_year": YEAR,
    "title": "格尔木工业园2023年研发投入后补助（2022年度研发费用）",
    "rate": Decimal("0.10"),
    "cap": Decimal("2000000.00"),
    "base": c.SubsidyBase.DEDUCTION_AMOUNT,
    "min_amount": Decimal("0.00"),
}

# (name keys, deduction base in yuan, award date, three project names)
# fmt: off
ENTERPRISES = (
    (("盐湖股份", "青海盐湖工业股份"), Decimal("30000000"), dt.date(2023, 6, 16), ("基于盐湖提锂的预处理膜过程关键技术研究", "低钠盐制备工艺技术研究", "光热储能熔盐材料性能委托测试")),
    (("盐湖镁业",), Decimal("15000000"), dt.date(2023, 6, 16), ("高纯氯化镁脱水工艺优化", "镁合金压铸件成型技术研究", "金属镁电解槽寿命委托评估")),
    (("藏格锂业",), Decimal("12000000"), dt.date(2023, 5, 26), ("低品位卤水吸附法提锂技术", "电池级碳酸锂除杂工艺研究", "提锂母液综合利用委托研究")),
    (("蓝科锂业",), Decimal("10000000"), dt.date(2023, 5, 26), ("吸附-膜耦合提锂装置改进", "碳酸锂产品粒度控制研究", "老卤资源化委托分析")),
    (("中信国安锂业", "国安锂业"), Decimal("8000000"), dt.date(2023, 4, 28), ("煅烧法提锂能耗降低研究", "硫酸锂溶液净化工艺研究", "锂盐产品检测方法委托开发")),
    (("西豫有色",), Decimal("7000000"), dt.date(2023, 4, 28), ("富氧熔炼烟气制酸余热利用", "铅冶炼渣综合回收工艺", "有价金属回收率委托检测")),
    (("金昆仑",), Decimal("5500000"), dt.date(2023, 3, 31), ("盐湖卤水沉锂母液回收工艺", "电池级氢氧化锂制备技术研究", "锂产品杂质检测方法委托开发")),
)
# fmt: on

FEN = Decimal("0.01")
# Shares of the deduction base: project 1 (self), project 2 (self), project 3 (entrusted domestic, ×80%).
PLAN = (
    (
        0,
        (
            (c.Category.PERSONNEL, Decimal("0.40"), "工资薪金", 12),
            (c.Category.DIRECT_INPUT, Decimal("0.30"), "材料费", 12),
            (c.Category.DEPRECIATION, Decimal("0.10"), "仪器设备折旧", 12),
            (c.Category.DESIGN_FEES, Decimal("0.05"), "新工艺规程制定费", 2),
            (c.Category.OTHER_COSTS, Decimal("0.05"), "差旅会议及专家咨询费", 4),
        ),
    ),
    (
        1,
        (
            (c.Category.PERSONNEL, Decimal("0.04"), "工资薪金", 12),
            (c.Category.DIRECT_INPUT, Decimal("0.01"), "材料费", 4),
        ),
    ),
    (2, ((c.Category.ENTRUSTED_DOMESTIC, Decimal("0.0625"), "委托研发费", 2),)),
)
SUMMARIES = {
    c.Category.PERSONNEL: "研发人员工资及社保",
    c.Category.DIRECT_INPUT: "研发领用材料",
    c.Category.DEPRECIATION: "研发设备折旧",
    c.Category.DESIGN_FEES: "新工艺规程制定",
    c.Category.OTHER_COSTS: "差旅、会议及专家咨询",
    c.Category.ENTRUSTED_DOMESTIC: "支付委托研发款",
}


def find_enterprise(park: Park, keys: tuple[str, ...]) -> Enterprise | None:
    """The park's enterprise named by the first of `keys` that names a registered one."""
    for key in keys:
        found = park_enterprise(park, key)
        if found is not None:
            return found
    return None


def split(amount: Decimal, parts: int) -> list[Decimal]:
    each = (amount / parts).quantize(FEN, rounding=ROUND_DOWN)
    return [each] * (parts - 1) + [amount - each * (parts - 1)]


def _projects(enterprise: Enterprise, names: tuple[str, ...], year: int = YEAR) -> list[RDProject]:
    projects = []
    for i, name in enumerate(names, start=1):
        entrusted = i == 3
        project = RDProject.objects.filter(enterprise=enterprise, code=f"RD{year}-{i:02d}").first()
        if project is None:
            project = services.project_create(
                user=None,
                enterprise=enterprise,
                code=f"RD{year}-{i:02d}",
                name=name,
                form=c.RDForm.ENTRUSTED_DOMESTIC if entrusted else c.RDForm.SELF,
                starts_on=dt.date(year, 1, 1),
                ends_on=dt.date(year, 12, 31),
                status=c.ProjectStatus.FINISHED,
                completion=100,
                contract_registration_no=f"63280122{enterprise.pk:04d}{i:02d}" if entrusted else "",
                is_demo=True,
            )
        projects.append(project)
    return projects


def _lines(enterprise: Enterprise, projects: list[RDProject], base: Decimal, year: int = YEAR) -> None:
    if LedgerLine.objects.filter(enterprise=enterprise, date__year=year).exists():
        return
    rows = []
    voucher = 0
    for index, categories in PLAN:
        project = projects[index]
        for category, share, sub, parts in categories:
            for n, amount in enumerate(split(base * share, parts)):
                month = 12 * (n + 1) // parts
                voucher += 1
                rows.append(
                    LedgerLine(
                        enterprise=enterprise,
                        project=project,
                        date=dt.date(year, month, 25),
                        voucher_no=f"记-{month:02d}-{voucher:04d}",
                        summary=f"{SUMMARIES[category]}（{month}月）",
                        amount=amount,
                        category=category,
                        sub_category=sub,
                        is_demo=True,
                    )
                )
    LedgerLine.objects.bulk_create(rows)


# Ledgers kept every year since: (name key, three project names).
RECENT = (
    ("盐湖镁业", ("镁电解槽能效提升技术研究", "高性能镁合金型材开发", "镁渣资源化利用委托研究")),
    ("蓝科锂业", ("吸附剂寿命延长技术研究", "电池级碳酸锂连续结晶工艺", "老卤提锂尾液综合利用委托研究")),
    ("西豫有色", ("冶炼烟气深度净化工艺研究", "铅银渣有价金属回收技术", "冶炼过程智能控制委托开发")),
    ("启迪清源新材料", ("提锂纳滤膜抗污染改性研究", "电渗析膜组件国产化开发", "膜材料性能委托检测")),
)
PLAN_TOTAL = sum(share for _, categories in PLAN for _, share, _, _ in categories)


def _recent(park: Park, today: dt.date) -> None:
    """The last complete year's ledgers (totalling the registry's R&D expense) and that year's subsidy."""
    year = today.year - 1
    rule = SubsidyRule.objects.filter(park=park, year=year + 1).first()
    if rule is None:
        rule = object_create(
            SubsidyRule(
                park=park,
                is_demo=True,
                **{
                    **RULE,
                    "year": year + 1,
                    "tax_year": year,
                    "title": f"格尔木工业园{year + 1}年研发投入后补助（{year}年度研发费用）",
                },
            )
        )
    awarded_on = dt.date(year + 1, 6, 16)
    for key, names in RECENT:
        enterprise = find_enterprise(park, (key,))
        row = AnnualData.objects.filter(enterprise=enterprise, year=year).first() if enterprise else None
        if row is None or not row.rd_expense:
            continue
        TaxYearProfile.objects.get_or_create(
            enterprise=enterprise,
            year=year,
            defaults={"manufacturing": True, "total_income": row.total_income, "is_demo": True},
        )
        base = (row.rd_expense / PLAN_TOTAL).quantize(FEN, rounding=ROUND_DOWN)
        _lines(enterprise, _projects(enterprise, names, year), base, year)
        run = selectors.latest_run(enterprise, year)
        if run is None or run.inputs_hash != services.inputs_hash(services.deduction_input(enterprise, year)):
            services.compute_for(enterprise=enterprise, year=year, is_demo=True)
        if awarded_on <= today:
            services.subsidy_award(
                user=None, rule=rule, enterprise=enterprise, awarded_on=awarded_on, is_demo=True
            )


def load() -> None:
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return
    rule = SubsidyRule.objects.filter(park=park, year=RULE["year"]).first()
    if rule is None:
        rule = object_create(SubsidyRule(park=park, is_demo=True, **RULE))
    for keys, base, awarded_on, names in ENTERPRISES:
        enterprise = find_enterprise(park, keys)
        if enterprise is None:
            continue
        TaxYearProfile.objects.get_or_create(
            enterprise=enterprise,
            year=YEAR,
            defaults={"manufacturing": True, "total_income": base * 12, "is_demo": True},
        )
        _lines(enterprise, _projects(enterprise, names), base)
        run = selectors.latest_run(enterprise, YEAR)
        current = services.inputs_hash(services.deduction_input(enterprise, YEAR))
        if run is None or run.inputs_hash != current:
            services.compute_for(enterprise=enterprise, year=YEAR, is_demo=True)
        services.subsidy_award(
            user=None, rule=rule, enterprise=enterprise, awarded_on=awarded_on, is_demo=True
        )
    _recent(park, timezone.localdate())
