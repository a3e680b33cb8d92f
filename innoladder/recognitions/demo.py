"""Golmud demo (issue 9): batches, applications and recognitions of H1 2023, plus 高企 held over the years.

Idempotent: batches are keyed by (park, name), recognitions by (enterprise, scheme, number), applications by
(enterprise, batch). Enterprises are looked up by short name; a name not yet loaded is skipped quietly.
Workflow rows are written with the dates they happened on, so reports over past periods count them.
"""

import datetime as dt

from innoladder.accounts.choices import Role
from innoladder.accounts.models import ServiceAgency, User
from innoladder.enterprises.models import Enterprise, Park

from . import choices as c
from . import rules
from .models import (
    AnnualReport,
    Application,
    ApplicationTransition,
    Batch,
    ChangeEvent,
    Recognition,
    rule_for,
)

D = dt.date
S = c.ApplicationStatus
GOLMUD = "格尔木工业园"

INNOVATIVE_2023 = (
    "西豫有色",
    "兰河塑业",
    "藏格锂业",
    "金昆仑",
    "昆仑新能源",
    "锂源电池材料",
    "镁合金压铸",
    "青盐智能装备",
    "晶诚光伏",
)
QH_RENEWALS = ("柏丽姿日化", "海珠镁业", "检验检测中心")
QH_NEW = ("维祥科技", "盛隆塑编")
# (short name, issue date, certificate number, annual-report years submitted, renews the previous one)
HNTE = (
    ("盐湖股份", D(2020, 12, 1), "GR202063000112", (2020, 2021, 2022), False),
    ("盐湖股份", D(2023, 11, 30), "GR202363000087", (2023, 2024), True),
    ("盐湖镁业", D(2024, 12, 5), "GR202463000046", (2024,), False),
    ("藏格锂业", D(2021, 11, 20), "GR202163000031", (2021,), False),
    ("蓝科锂业", D(2023, 12, 8), "GR202363000102", (2023, 2024, 2025), False),
)

BATCHES = {
    "innovative": dict(
        name="2023年青海省第一批创新型中小企业",
        scheme=c.Scheme.INNOVATIVE_SME,
        level=c.RecognitionLevel.PROVINCIAL,
        year=2023,
        opens_on=D(2023, 2, 1),
        closes_on=D(2023, 3, 15),
        online_deadline=D(2023, 3, 10),
        paper_deadline=D(2023, 3, 15),
        note="青海省工业和信息化厅组织，企业在优质中小企业梯度培育平台自评申报。",
    ),
    "qh_tech": dict(
        name="2023年度青海省科技型企业认定",
        scheme=c.Scheme.QH_TECH_ENTERPRISE,
        level=c.RecognitionLevel.PROVINCIAL,
        year=2023,
        opens_on=D(2023, 6, 13),
        closes_on=D(2023, 8, 10),
        online_deadline=D(2023, 7, 31),
        paper_deadline=D(2023, 8, 10),
        note="含2023年底到期企业的重新认定；网上填报 www.tjpjfx.cn 「科技型企业申报」。",
    ),
    "little_giant": dict(
        name="第五批专精特新“小巨人”企业",
        scheme=c.Scheme.LITTLE_GIANT,
        level=c.RecognitionLevel.NATIONAL,
        year=2023,
        opens_on=D(2023, 3, 1),
        closes_on=D(2023, 5, 15),
        online_deadline=D(2023, 5, 10),
    ),
    "qh_little_giant": dict(
        name="2023年青海省科技小巨人企业",
        scheme=c.Scheme.QH_TECH_LITTLE_GIANT,
        level=c.RecognitionLevel.PROVINCIAL,
        year=2023,
        opens_on=D(2023, 2, 20),
        closes_on=D(2023, 4, 10),
    ),
    "tsme": dict(
        name="2023年第二批科技型中小企业入库",
        scheme=c.Scheme.TSME,
        level=c.RecognitionLevel.NATIONAL,
        year=2023,
        opens_on=D(2023, 4, 1),
        closes_on=D(2023, 5, 31),
    ),
    "hnte_2026": dict(
        name="2026年度高新技术企业认定（第一批）",
        scheme=c.Scheme.HNTE,
        level=c.RecognitionLevel.NATIONAL,
        year=2026,
        opens_on=D(2026, 5, 6),
        closes_on=D(2026, 12, 15),
        online_deadline=D(2026, 12, 10),
        paper_deadline=D(2026, 12, 15),
    ),
}


def _enterprise(park, short: str):
    return Enterprise.objects.filter(park=park, name__contains=short).first()


def _officer(park):
    return User.objects.filter(role=Role.OFFICER, parks=park).order_by("pk").first()


def _recognition(enterprise, scheme, number, issued_on, *, level, batch=None, renews=None):
    rec, _ = Recognition.objects.get_or_create(
        enterprise=enterprise,
        scheme=scheme,
        number=number,
        defaults={
            "level": level,
            "batch": batch,
            "issued_on": issued_on,
            "valid_until": rules.valid_until(rule_for(scheme), issued_on),
            "renews": renews,
            "is_demo": True,
        },
    )
    return rec


def _application(
    enterprise,
    batch,
    steps,
    *,
    officer,
    agency=None,
    kind=c.ApplicationKind.NEW,
    renews=None,
    recognition=None,
    note="",
):
    """Create the application with its history: `steps` is [(status, date, comment), …] starting at 意向."""
    existing = Application.objects.filter(enterprise=enterprise, batch=batch).first()
    if existing is not None:
        return existing
    final_status, final_on, _ = steps[-1]
    app = Application.objects.create(
        enterprise=enterprise,
        batch=batch,
        kind=kind,
        renews=renews,
        status=final_status,
        started_on=steps[0][1],
        decided_on=final_on if final_status in c.FINAL_STATUSES else None,
        officer=officer,
        agency=agency,
        recognition=recognition,
        note=note,
        is_demo=True,
    )
    previous = ""
    for status, on, comment in steps:
        ApplicationTransition.objects.create(
            application=app, from_status=previous, to_status=status, by=officer, on=on, comment=comment
        )
        previous = status
    return app


def _passed_steps(intent, submitted, publicised, passed):
    return [
        (S.INTENT, intent, "走访中确认申报意向"),
        (S.PREPARING, intent + dt.timedelta(days=7), "服务机构协助准备材料"),
        (S.SUBMITTED, submitted, "已在线提交"),
        (S.REVIEWING, submitted + dt.timedelta(days=10), "进入评审"),
        (S.PUBLICISED, publicised, "公示"),
        (S.PASSED, passed, "公示无异议，认定通过"),
    ]


def load() -> None:
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return
    officer = _officer(park)
    agency = ServiceAgency.objects.filter(is_demo=True).order_by("pk").first()
    batches = {}
    for code, fields in BATCHES.items():
        batches[code], _ = Batch.objects.get_or_create(
            park=park, name=fields["name"], defaults={**fields, "is_demo": True}
        )

    # 9 enterprises recognised in the province's first 2023 batch of 创新型中小企业.
    batch = batches["innovative"]
    for index, short in enumerate(INNOVATIVE_2023, start=1):
        enterprise = _enterprise(park, short)
        if enterprise is None:
            continue
        rec = _recognition(
            enterprise,
            batch.scheme,
            f"QHCX2023-01-{index:03d}",
            D(2023, 5, 20),
            level=batch.level,
            batch=batch,
        )
        _application(
            enterprise,
            batch,
            _passed_steps(D(2023, 2, 6), D(2023, 3, 8), D(2023, 5, 8), D(2023, 5, 20)),
            officer=officer,
            agency=agency,
            recognition=rec,
        )

    # Re-recognition preparation of 青海省科技型企业 expiring at the end of 2023.
    batch = batches["qh_tech"]
    for index, short in enumerate(QH_RENEWALS, start=1):
        enterprise = _enterprise(park, short)
        if enterprise is None:
            continue
        old = _recognition(
            enterprise,
            batch.scheme,
            f"QHKJ2021-{index:04d}",
            D(2021, 10, 15),
            level=c.RecognitionLevel.PROVINCIAL,
        )
        start = D(2023, 3, 6 + index * 7)
        _application(
            enterprise,
            batch,
            [
                (S.INTENT, start, "2023年底到期，走访时提醒重新认定"),
                (S.PREPARING, start + dt.timedelta(days=20), "整理2022年度研发费用和知识产权材料"),
            ],
            officer=officer,
            agency=agency,
            kind=c.ApplicationKind.RENEWAL,
            renews=old,
        )
    for index, short in enumerate(QH_NEW):
        enterprise = _enterprise(park, short)
        if enterprise is None:
            continue
        start = D(2023, 4, 10 + index * 14)
        _application(
            enterprise,
            batch,
            [
                (S.INTENT, start, "有意申报青海省科技型企业"),
                (S.PREPARING, start + dt.timedelta(days=15), "协助准备申报材料"),
            ],
            officer=officer,
            agency=agency,
        )

    # 蓝科锂业 applying for national 专精特新“小巨人”.
    enterprise = _enterprise(park, "蓝科锂业")
    if enterprise is not None:
        _application(
            enterprise,
            batches["little_giant"],
            [
                (S.INTENT, D(2023, 2, 20), "具备专精特新中小企业资格，拟申报国家级小巨人"),
                (S.PREPARING, D(2023, 3, 10), "准备申报书和佐证材料"),
                (S.SUBMITTED, D(2023, 4, 25), "已提交省工信厅初审"),
            ],
            officer=officer,
        )

    # 启迪清源新材料: provincial 科技小巨人; 地沣肥业: national 科技型中小企业, second batch of 2023.
    for short, code, number, steps in (
        (
            "启迪清源新材料",
            "qh_little_giant",
            "QHXJR2023-008",
            _passed_steps(D(2023, 2, 22), D(2023, 4, 6), D(2023, 5, 16), D(2023, 5, 30)),
        ),
        (
            "地沣肥业",
            "tsme",
            "202363280102000157",
            _passed_steps(D(2023, 4, 3), D(2023, 4, 28), D(2023, 6, 1), D(2023, 6, 15)),
        ),
    ):
        enterprise = _enterprise(park, short)
        if enterprise is None:
            continue
        batch = batches[code]
        rec = _recognition(enterprise, batch.scheme, number, steps[-1][1], level=batch.level, batch=batch)
        _application(enterprise, batch, steps, officer=officer, agency=agency, recognition=rec)

    # 高新技术企业 held over the years: expiries, a renewal and annual reports for the calendar.
    previous: dict[str, Recognition] = {}
    for short, issued_on, number, reported, renews in HNTE:
        enterprise = _enterprise(park, short)
        if enterprise is None:
            continue
        rec = _recognition(
            enterprise,
            c.Scheme.HNTE,
            number,
            issued_on,
            level=c.RecognitionLevel.NATIONAL,
            renews=previous.get(short) if renews else None,
        )
        previous[short] = rec
        for year in reported:
            AnnualReport.objects.get_or_create(
                recognition=rec, year=year, defaults={"submitted_on": D(year + 1, 5, 20)}
            )

    enterprise = _enterprise(park, "蓝科锂业")
    if enterprise is not None:
        ChangeEvent.objects.get_or_create(
            enterprise=enterprise,
            kind=c.ChangeKind.MATERIAL,
            occurred_on=D(2026, 10, 15),
            defaults={"description": "新增电池级氢氧化锂生产线，经营业务范围变更", "is_demo": True},
        )
