"""Golmud demo (issue 9): 2023 programmes, H1 2023 fund applications (生产要素, 转型升级, 创新券) for
香江盐湖 and others, and innovation-voucher draws. Enterprises are looked up by name; absent ones are
skipped. The ¥7.75 million of R&D super-deduction subsidies belongs to the R&D-ledger demo, not here.

The programmes run every year: last year's and this year's (years of the load date) have applications on the
programmes' usual calendar (applied in March, decided in June, paid in September); a step after the load
date is not taken yet, and a later load takes it.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from innoladder.eligibility.voucher import voucher_use
from innoladder.enterprises.models import Enterprise, Park

from . import choices as c
from .models import FundApplication, FundApplicationHistory, Programme, VoucherUse

S = c.ApplicationStatus
D = Decimal

PROGRAMMES = (
    (
        c.ProgrammeKind.FACTOR,
        "生产要素保障专项资金",
        D("1000000"),
        "对用电、用气、物流等生产要素成本给予补助，单户最高100万元。",
    ),
    (
        c.ProgrammeKind.TRANSFORMATION,
        "工业转型升级专项资金",
        D("2000000"),
        "支持技术改造、智能化改造和绿色化改造项目，按设备投资额的一定比例补助，单户最高200万元。",
    ),
    (
        c.ProgrammeKind.VOUCHER,
        "青海省科技创新券",
        None,
        "高企、科技型企业、国家科技型中小企业、有研发投入的规上企业每年最高20万元；孵化器内科技型企业最高5万元。大型科研仪器共享按服务费100%支付，检验检测、研发服务、技术咨询、绿色算力、科技金融按80%支付。",
    ),
    (
        c.ProgrammeKind.RD_SUBSIDY,
        "企业研发投入后补助",
        D("500000"),
        "按经税务确认的研发费用加计扣除额的一定比例给予后补助。",
    ),
)

# (name fragment, kind, title, requested, applied, accepted, approved, decided, paid, paid_on)
APPLICATIONS = (
    (
        "香江盐湖",
        "factor",
        "2023年度用电成本补助",
        "860000",
        "2023-02-20",
        "2023-03-01",
        "800000",
        "2023-04-18",
        "800000",
        "2023-06-12",
    ),
    (
        "香江盐湖",
        "transformation",
        "氯化钾生产线智能化改造",
        "1800000",
        "2023-03-15",
        "2023-03-28",
        "1500000",
        "2023-06-20",
        None,
        None,
    ),
    (
        "香江盐湖",
        "voucher",
        "申领2023年度科技创新券",
        "200000",
        "2023-02-10",
        "2023-02-16",
        "200000",
        "2023-03-01",
        None,
        None,
    ),
    (
        "盐湖镁业",
        "factor",
        "2023年度天然气成本补助",
        "950000",
        "2023-03-05",
        "2023-03-20",
        None,
        None,
        None,
        None,
    ),
    (
        "藏格锂业",
        "transformation",
        "碳酸锂产线节能改造",
        "2500000",
        "2023-04-06",
        None,
        None,
        None,
        None,
        None,
    ),
    (
        "西豫有色",
        "voucher",
        "申领2023年度科技创新券",
        "200000",
        "2023-03-22",
        "2023-03-30",
        "200000",
        "2023-04-20",
        None,
        None,
    ),
    (
        "金昆仑",
        "factor",
        "2023年度物流成本补助",
        "300000",
        "2023-05-08",
        "2023-05-15",
        None,
        None,
        None,
        None,
    ),
)

VOUCHER_DRAWS = (
    ("香江盐湖", "hnte", "testing", "青海省分析测试中心", "62000", "2023-04-12"),
    ("香江盐湖", "hnte", "instrument_sharing", "青海大学大型仪器共享平台", "45000", "2023-05-30"),
    ("西豫有色", "tsme", "rd_service", "中国科学院青海盐湖研究所", "150000", "2023-05-18"),
)


# Each year's applications: (name fragment, kind, title with {y}, requested yuan, approved share or None
# for 未批准). Applied 10 March, accepted 20 March, decided 18 June, paid 20 September (if approved).
YEARLY = (
    ("香江盐湖", "factor", "{y}年度用电成本补助", "820000", D("0.9")),
    ("盐湖镁业", "factor", "{y}年度天然气成本补助", "950000", D("0.8")),
    ("藏格锂业", "transformation", "碳酸锂产线节能改造（{y}年度）", "2000000", D("0.75")),
    ("西豫有色", "voucher", "申领{y}年度科技创新券", "200000", D("1")),
    ("金昆仑", "factor", "{y}年度物流成本补助", "300000", None),
)
CALENDAR = (("applied", 3, 10), ("accepted", 3, 20), ("decided", 6, 18), ("paid", 9, 20))


def _yearly(park, year: int, programmes: dict, today: dt.date) -> None:
    """The year's applications, as far as `today` on the programmes' calendar."""
    on = {step: dt.date(year, month, day) for step, month, day in CALENDAR}
    for name, kind, title, requested, share in YEARLY:
        enterprise = Enterprise.objects.filter(park=park, name__contains=name).first()
        if enterprise is None or on["applied"] > today:
            continue
        decided = on["decided"] <= today
        approved = None if share is None else (D(requested) * share).quantize(D("1"))
        paid = approved is not None and on["paid"] <= today
        status = (
            S.PAID
            if paid
            else S.APPROVED
            if decided and approved is not None
            else S.REJECTED
            if decided
            else S.ACCEPTED
            if on["accepted"] <= today
            else S.APPLIED
        )
        app, _ = FundApplication.objects.get_or_create(
            enterprise=enterprise,
            programme=programmes[kind],
            title=title.format(y=year),
            defaults={
                "requested_amount": D(requested),
                "applied_on": on["applied"],
                "status": S.APPLIED,
                "is_demo": True,
            },
        )
        steps = [S.APPLIED, S.ACCEPTED, S.APPROVED if approved is not None else S.REJECTED, S.PAID]
        reached = steps[: steps.index(status) + 1]
        recorded = list(app.history.order_by("pk").values_list("to_status", flat=True))
        for before, after in zip([""] + reached[:-1], reached, strict=True):
            if after not in recorded:
                FundApplicationHistory.objects.create(
                    application=app, from_status=before, to_status=after, comment="演示数据"
                )
        app.status = status
        app.accepted_on = on["accepted"] if on["accepted"] <= today else None
        app.decided_on = on["decided"] if decided else None
        app.approved_amount = approved if decided else None
        app.paid_amount, app.paid_on = (approved, on["paid"]) if paid else (None, None)
        app.save()


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _programmes(park, year: int) -> dict:
    found = {}
    for kind, name, cap, rules in PROGRAMMES:
        found[kind], _ = Programme.objects.get_or_create(
            park=park,
            year=year,
            name=name,
            defaults={"kind": kind, "cap": cap, "rules": rules, "issuer": "格尔木市科技局", "is_demo": True},
        )
    return found


def load() -> None:
    park = Park.objects.filter(name="格尔木工业园").first()
    if park is None:
        return
    today = timezone.localdate()
    programmes = _programmes(park, 2023)
    for year in (today.year - 1, today.year):
        _yearly(park, year, _programmes(park, year), today)
    for name, kind, title, requested, applied, accepted, approved, decided, paid, paid_on in APPLICATIONS:
        enterprise = Enterprise.objects.filter(name__contains=name).first()
        if enterprise is None or enterprise.park_id != park.pk:
            continue
        status = S.PAID if paid_on else S.APPROVED if decided else S.ACCEPTED if accepted else S.APPLIED
        app, created = FundApplication.objects.get_or_create(
            enterprise=enterprise,
            programme=programmes[kind],
            title=title,
            defaults={
                "requested_amount": D(requested),
                "applied_on": _date(applied),
                "accepted_on": _date(accepted),
                "approved_amount": D(approved) if approved else None,
                "decided_on": _date(decided),
                "paid_amount": D(paid) if paid else None,
                "paid_on": _date(paid_on),
                "status": status,
                "is_demo": True,
            },
        )
        if created:
            steps = [S.APPLIED, S.ACCEPTED, S.APPROVED, S.PAID]
            reached = steps[: steps.index(status) + 1]
            for before, after in zip([""] + reached[:-1], reached, strict=True):
                FundApplicationHistory.objects.create(
                    application=app, from_status=before, to_status=after, comment="演示数据"
                )
    voucher_programme = programmes[c.ProgrammeKind.VOUCHER]
    rules = voucher_programme.voucher_rules()
    for name, holder, service, provider, fee, used_on in VOUCHER_DRAWS:
        enterprise = Enterprise.objects.filter(name__contains=name).first()
        if enterprise is None or enterprise.park_id != park.pk:
            continue
        if VoucherUse.objects.filter(
            enterprise=enterprise, used_on=_date(used_on), provider=provider
        ).exists():
            continue
        used = sum(
            (u.amount for u in VoucherUse.objects.filter(enterprise=enterprise, used_on__year=2023)), D(0)
        )
        result = voucher_use(D(fee), service, holder, used, rules)
        VoucherUse.objects.create(
            enterprise=enterprise,
            programme=voucher_programme,
            used_on=_date(used_on),
            holder_type=holder,
            service_type=service,
            provider=provider,
            fee=D(fee),
            used_before=used,
            amount=result.amount,
            explanation=result.explanation,
            is_demo=True,
        )
