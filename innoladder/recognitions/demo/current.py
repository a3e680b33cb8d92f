"""What followed the H1 2023 records, written relative to the load date (see the package docstring)."""

import datetime as dt

from .. import choices as c
from .. import rules
from ..models import AnnualReport, Application, Batch, ChangeEvent, Recognition, rule_for
from .h1_2023 import (
    BATCHES,
    QH_NEW,
    QH_RENEWALS,
    D,
    S,
    _steps,
    application_with_steps,
    apply_for,
    find_enterprise,
    hnte_batch,
    recognition_for,
)

# Outcomes of the 2023 applications, after the half year: (short name, steps after the recorded ones,
# certificate number or "").
OUTCOMES_2023 = (
    *(
        (
            short,
            [
                (S.SUBMITTED, D(2023, 7, 20 + i), "已在线提交"),
                (S.REVIEWING, D(2023, 8, 15), "省科技厅组织评审"),
                (S.PUBLICISED, D(2023, 10, 9), "公示"),
                (S.PASSED, D(2023, 10, 20), "公示无异议，认定通过"),
            ],
            f"QHKJ2023-{100 + i:04d}",
        )
        for i, short in enumerate(QH_RENEWALS + QH_NEW, start=1)
    ),
    (
        "蓝科锂业",
        [
            (S.REVIEWING, D(2023, 7, 5), "省工信厅初审通过，报工业和信息化部审核"),
            (S.REJECTED, D(2023, 8, 10), "第五批名单未入选：细分市场占有率佐证不足，建议补充后下一批次申报"),
        ],
        "",
    ),
)
# Five of the nine 创新型中小企业 of 2023 passed the review at expiry, under the 2026 办法 as
# 科技和创新型中小企业 (the tier that replaced it); the other four let the title lapse. (short name, serial)
REVIEWED_2026 = (("西豫有色", 1), ("兰河塑业", 2), ("金昆仑", 3), ("锂源电池材料", 6), ("青盐智能装备", 8))
# Renewed on schedule ever since: (short name, scheme, number prefix, serial). The first certificate is the
# recorded one (or the one issued by OUTCOMES_2023); each successor is issued the day its predecessor
# expires (青海省科技型企业: 20 October of the expiry year), up to the load date.
RENEWED = (
    ("盐湖股份", c.Scheme.HNTE, "GR{y}63", 87),
    ("蓝科锂业", c.Scheme.HNTE, "GR{y}63", 102),
    ("盐湖镁业", c.Scheme.HNTE, "GR{y}63", 46),
    ("启迪清源新材料", c.Scheme.QH_TECH_LITTLE_GIANT, "QHXJR{y}-", 8),
    ("蓝科锂业", c.Scheme.SRDI_SME, "QHZJTX{y}-", 31),
    *((short, c.Scheme.TECH_INNOVATIVE_SME, "QHKC{y}-", serial) for short, serial in REVIEWED_2026),
    *(
        (short, c.Scheme.QH_TECH_ENTERPRISE, "QHKJ{y}-", 100 + i)
        for i, short in enumerate(QH_RENEWALS + QH_NEW, 1)
    ),
)
# 蓝科锂业 has been a 专精特新中小企业 since before 2023 (it applied for 小巨人 on that footing).
SRDI_FIRST = ("蓝科锂业", D(2022, 8, 16), "QHZJTX2022-031")

# Held today, issued relative to the load date. Phase: "fresh" (issued about eight months ago), "mid"
# (about twenty months ago), "expiring" (expires within 90 days), "lapsed" (expired one to four months ago).
# (short name, scheme, phase, days: the phase's offset for this holding, serial)
CURRENT = (
    ("三元钾肥", c.Scheme.HNTE, "fresh", 240, 215),
    ("启迪清源新材料", c.Scheme.HNTE, "mid", 610, 57),
    ("东台锂资源", c.Scheme.HNTE, "expiring", 38, 133),
    ("中信国安锂业", c.Scheme.HNTE, "expiring", 74, 164),
    ("金昆仑", c.Scheme.HNTE, "lapsed", 65, 178),
    ("兰河塑业", c.Scheme.SRDI_SME, "fresh", 200, 44),
    ("西豫有色", c.Scheme.SRDI_SME, "expiring", 52, 12),
)
# 青海省科技型企业 (a three-year term to 31 December, certificates issued on 20 October): issued k autumns
# before the load year — 1: valid to the end of next year; 2: expires this 31 December; 3: expired last
# 31 December. (short name, k, serial)
QH_CURRENT = (
    ("兰河塑业", 1, 211),
    ("金昆仑", 1, 212),
    ("地沣肥业", 2, 213),
    ("昆仑新能源", 2, 214),
    ("晶诚光伏", 1, 215),
    ("盐化机械", 3, 216),
    ("盐湖环保", 2, 217),
)
# 科技型中小企业 registered every year (入库登记编号 valid to 31 December, renewed by 31 March), on 25 April
# (short name, serial).
TSME_YEARLY = (
    ("维祥科技", 1),
    ("启迪清源新材料", 2),
    ("黄河维检", 3),
    ("柴达木储能", 4),
    ("青盐智能装备", 5),
    ("云端数据", 6),
    ("检验检测中心", 7),
)
# New 高企 applications in the load year's batch (short name, note).
HNTE_NEW = (
    ("藏格锂业", "2024年证书到期未重新认定，本年度重新申报"),
    ("柴达木储能", "高企培育库企业，首次申报"),
    ("锂源电池材料", "高企培育库企业，首次申报"),
)


def _number(prefix: str, year: int, serial: int, scheme: str) -> str:
    width = 6 if scheme == c.Scheme.HNTE else 3 if scheme != c.Scheme.QH_TECH_ENTERPRISE else 4
    return f"{prefix.format(y=year)}{serial:0{width}d}"


def _next_issue(rec: Recognition) -> dt.date:
    if rec.scheme == c.Scheme.QH_TECH_ENTERPRISE:
        return D(rec.valid_until.year, 10, 20)
    return rec.valid_until


def _renew_on_schedule(rec: Recognition, prefix: str, serial: int, today: dt.date) -> Recognition:
    """Successors of `rec`, each issued when the one before expires, while that is not after `today`."""
    while rec.valid_until is not None and _next_issue(rec) <= today:
        issued_on = _next_issue(rec)
        rec = recognition_for(
            rec.enterprise,
            rec.scheme,
            _number(prefix, issued_on.year, serial, rec.scheme),
            issued_on,
            level=rec.level,
            renews=rec,
        )
    return rec


def _issued_for(scheme: str, phase: str, days: int, today: dt.date) -> dt.date:
    """The issue date that puts a certificate of `scheme` in `phase` on `today`."""
    years = rule_for(scheme).years
    if phase == "fresh" or phase == "mid":
        return today - dt.timedelta(days=days)
    expires = today + dt.timedelta(days=days) if phase == "expiring" else today - dt.timedelta(days=days)
    # valid_until is the day before the anniversary: issue on the day after expiry, `years` years earlier.
    return rules.add_years(expires + dt.timedelta(days=1), -years)


def _annual_reports(rec: Recognition, today: dt.date) -> None:
    """The 高企 annual reports already due, submitted ten days before the 31 May deadline."""
    for year in rules.hnte_report_years(rec.issued_on, rec.valid_until):
        if D(year + 1, 5, 31) < today:
            AnnualReport.objects.get_or_create(
                recognition=rec, year=year, defaults={"submitted_on": D(year + 1, 5, 20)}
            )


def load_since_2023(park, officer, agency, today: dt.date) -> None:
    """What followed the H1 2023 records, up to `today` (see the module docstring)."""
    by_batch = {
        short: Batch.objects.filter(park=park, name=name).first()
        for short, name in [(s, BATCHES["qh_tech"]["name"]) for s in QH_RENEWALS + QH_NEW]
        + [("蓝科锂业", BATCHES["little_giant"]["name"])]
    }
    for short, after, number in OUTCOMES_2023:
        enterprise, batch = find_enterprise(park, short), by_batch.get(short)
        app = Application.objects.filter(enterprise=enterprise, batch=batch).first() if batch else None
        if enterprise is None or app is None:
            continue
        steps = [(t.to_status, t.on, t.comment) for t in app.transitions.order_by("on", "pk")]
        recorded = len(steps)
        have = {(status, on) for status, on, _ in steps}
        steps += [step for step in after if step[1] <= today and step[:2] not in have]
        passed = steps[-1][0] == S.PASSED
        rec = None
        if passed and number:
            rec = recognition_for(
                enterprise,
                batch.scheme,
                number,
                steps[-1][1],
                level=batch.level,
                batch=batch,
                renews=app.renews,
            )
        if len(steps) > recorded:
            application_with_steps(enterprise, batch, steps, officer=officer, recognition=rec)

    enterprise = find_enterprise(park, SRDI_FIRST[0])
    if enterprise is not None:
        recognition_for(
            enterprise, c.Scheme.SRDI_SME, SRDI_FIRST[2], SRDI_FIRST[1], level=c.RecognitionLevel.PROVINCIAL
        )
    for short, serial in REVIEWED_2026:
        old = Recognition.objects.filter(
            enterprise__park=park, enterprise__name__contains=short, scheme=c.Scheme.INNOVATIVE_SME
        ).first()
        reviewed_on = old.valid_until + dt.timedelta(days=1) if old is not None else None
        if reviewed_on is not None and reviewed_on <= today:
            recognition_for(
                old.enterprise,
                c.Scheme.TECH_INNOVATIVE_SME,
                _number("QHKC{y}-", reviewed_on.year, serial, c.Scheme.TECH_INNOVATIVE_SME),
                reviewed_on,
                level=c.RecognitionLevel.PROVINCIAL,
                renews=old,
            )
    for short, scheme, prefix, serial in RENEWED:
        latest = (
            Recognition.objects.filter(enterprise__park=park, enterprise__name__contains=short, scheme=scheme)
            .order_by("-issued_on", "-pk")
            .first()
        )
        if latest is None:
            continue
        current = _renew_on_schedule(latest, prefix, serial, today)
        if current.scheme == c.Scheme.HNTE and current.pk != latest.pk:
            _annual_reports(current, today)

    for short, scheme, phase, days, serial in CURRENT:
        enterprise = find_enterprise(park, short)
        if enterprise is None:
            continue
        issued_on = _issued_for(scheme, phase, days, today)
        prefix = "GR{y}63" if scheme == c.Scheme.HNTE else "QHZJTX{y}-"
        level = c.RecognitionLevel.NATIONAL if scheme == c.Scheme.HNTE else c.RecognitionLevel.PROVINCIAL
        rec = recognition_for(
            enterprise, scheme, _number(prefix, issued_on.year, serial, scheme), issued_on, level=level
        )
        if scheme == c.Scheme.HNTE:
            _annual_reports(rec, today)
        if phase == "expiring" and scheme == c.Scheme.HNTE:
            application_with_steps(
                enterprise,
                hnte_batch(park, rec.valid_until.year),
                [
                    (
                        S.INTENT,
                        today - dt.timedelta(days=45),
                        f"证书将于{rec.valid_until:%Y年%m月%d日}到期，提醒重新认定",
                    ),
                    (S.PREPARING, today - dt.timedelta(days=30), "整理近三年研发费用专项审计和知识产权材料"),
                ],
                officer=officer,
                agency=agency,
                kind=c.ApplicationKind.RENEWAL,
                renews=rec,
                today=today,
            )
    for short, autumns, serial in QH_CURRENT:
        enterprise = find_enterprise(park, short)
        if enterprise is not None:
            year = today.year - autumns
            recognition_for(
                enterprise,
                c.Scheme.QH_TECH_ENTERPRISE,
                _number("QHKJ{y}-", year, serial, c.Scheme.QH_TECH_ENTERPRISE),
                D(year, 10, 20),
                level=c.RecognitionLevel.PROVINCIAL,
            )
    for short, serial in TSME_YEARLY:
        enterprise = find_enterprise(park, short)
        if enterprise is None:
            continue
        previous = None
        for year in (today.year - 1, today.year):
            issued_on = D(year, 4, 25)
            if issued_on <= today:
                previous = recognition_for(
                    enterprise,
                    c.Scheme.TSME,
                    f"{year}632801{serial:08d}",
                    issued_on,
                    level=c.RecognitionLevel.NATIONAL,
                    renews=previous,
                )

    batch = hnte_batch(park, today.year)
    for short, note in HNTE_NEW:
        plan = (
            (S.INTENT, -20, "走访中确认申报意向"),
            (S.PREPARING, 10, "服务机构协助准备材料"),
            (S.SUBMITTED, 45, "已在线提交"),
            (S.REVIEWING, 70, "进入专家评审"),
        )
        steps = _steps(batch.opens_on, plan)
        if steps[0][1] > today:
            steps = [(S.INTENT, today - dt.timedelta(days=12), "走访中确认申报意向，待批次开放")]
        apply_for(park, short, batch, steps, officer=officer, agency=agency, note=note, today=today)

    enterprise = find_enterprise(park, "蓝科锂业")
    if (
        enterprise is not None
        and not ChangeEvent.objects.filter(enterprise=enterprise, is_demo=True).exists()
    ):
        ChangeEvent.objects.create(
            enterprise=enterprise,
            kind=c.ChangeKind.MATERIAL,
            occurred_on=today - dt.timedelta(days=50),
            description="新增电池级氢氧化锂生产线，经营业务范围变更",
            is_demo=True,
        )
