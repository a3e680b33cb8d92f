"""The Golmud scenario's H1 2023 recognition records (real dates) and the helpers that write them."""

import datetime as dt

from django.utils import timezone

from innoladder.accounts.choices import Role
from innoladder.accounts.models import ServiceAgency, User
from innoladder.enterprises.models import Enterprise, Park

from .. import choices as c
from .. import rules
from ..models import (
    AnnualReport,
    Application,
    ApplicationTransition,
    Batch,
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
# The 青海省科技型企业 applications in preparation: (status, days after the first step, comment).
QH_RENEWAL_PLAN = (
    (S.INTENT, 0, "2023年底到期，走访时提醒重新认定"),
    (S.PREPARING, 20, "整理2022年度研发费用和知识产权材料"),
)
QH_NEW_PLAN = ((S.INTENT, 0, "有意申报青海省科技型企业"), (S.PREPARING, 15, "协助准备申报材料"))
# (short name, issue date, certificate number, annual-report years submitted, renews the previous one)
HNTE = (
    ("盐湖股份", D(2020, 12, 1), "GR202063000112", (2020, 2021, 2022), False),
    ("盐湖股份", D(2023, 11, 30), "GR202363000087", (2023, 2024), True),
    ("盐湖镁业", D(2024, 12, 5), "GR202463000046", (2024,), False),
    ("藏格锂业", D(2021, 11, 20), "GR202163000031", (2021,), False),
    ("蓝科锂业", D(2023, 12, 8), "GR202363000102", (2023, 2024, 2025), False),
)


def _batch_2023(name, scheme, level, opens_on, closes_on, online_deadline=None, paper_deadline=None, note=""):
    """The fields of a 2023 batch for `ensure_batches` (an absent deadline or note stays empty)."""
    return dict(
        name=name,
        scheme=scheme,
        level=level,
        year=2023,
        opens_on=opens_on,
        closes_on=closes_on,
        online_deadline=online_deadline,
        paper_deadline=paper_deadline,
        note=note,
    )


PROVINCIAL, NATIONAL = c.RecognitionLevel.PROVINCIAL, c.RecognitionLevel.NATIONAL
# The province's and the ministries' 2023 calls by code:
# (name, scheme, level, opens, closes[, online deadline, paper deadline[, note]]).
# fmt: off
BATCHES = {code: _batch_2023(*row) for code, *row in (
    ("innovative", "2023年青海省第一批创新型中小企业", c.Scheme.INNOVATIVE_SME, PROVINCIAL, D(2023, 2, 1), D(2023, 3, 15), D(2023, 3, 10), D(2023, 3, 15), "青海省工业和信息化厅组织，企业在优质中小企业梯度培育平台自评申报。"),  # noqa: E501
    ("qh_tech", "2023年度青海省科技型企业认定", c.Scheme.QH_TECH_ENTERPRISE, PROVINCIAL, D(2023, 6, 13), D(2023, 8, 10), D(2023, 7, 31), D(2023, 8, 10), "含2023年底到期企业的重新认定；网上填报 www.tjpjfx.cn 「科技型企业申报」。"),  # noqa: E501
    ("little_giant", "第五批专精特新“小巨人”企业", c.Scheme.LITTLE_GIANT, NATIONAL, D(2023, 3, 1), D(2023, 5, 15), D(2023, 5, 10)),  # noqa: E501
    ("qh_little_giant", "2023年青海省科技小巨人企业", c.Scheme.QH_TECH_LITTLE_GIANT, PROVINCIAL, D(2023, 2, 20), D(2023, 4, 10)),  # noqa: E501
    ("tsme", "2023年第二批科技型中小企业入库", c.Scheme.TSME, NATIONAL, D(2023, 4, 1), D(2023, 5, 31)),
)}
# fmt: on


def hnte_batch(park, year: int) -> Batch:
    """The year's first 高新技术企业 batch (opens in May, results by the year's end)."""
    batch, _ = Batch.objects.get_or_create(
        park=park,
        name=f"{year}年度高新技术企业认定（第一批）",
        defaults={
            "scheme": c.Scheme.HNTE,
            "level": c.RecognitionLevel.NATIONAL,
            "year": year,
            "opens_on": D(year, 5, 6),
            "closes_on": D(year, 12, 15),
            "online_deadline": D(year, 12, 10),
            "paper_deadline": D(year, 12, 15),
            "is_demo": True,
        },
    )
    return batch


def find_enterprise(park, short: str):
    return Enterprise.objects.filter(park=park, name__contains=short).first()


def _officer(park):
    return User.objects.filter(role=Role.OFFICER, parks=park).order_by("pk").first()


def recognition_for(enterprise, scheme, number, issued_on, *, level, batch=None, renews=None):
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


def application_with_steps(
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
    today=None,
):
    """The application with its history: `steps` is [(status, date, comment), …] starting at 意向.

    With `today`, steps dated after it are left out. An application already there gets the steps it does
    not have yet (its history is the first steps of `steps`), so a later load carries it forward.
    """
    if today is not None:
        steps = [step for step in steps if step[1] <= today]
    existing = Application.objects.filter(enterprise=enterprise, batch=batch).first()
    done = existing.transitions.count() if existing is not None else 0
    if existing is not None and done >= len(steps):
        return existing
    final_status, final_on, _ = steps[-1]
    decided_on = final_on if final_status in c.FINAL_STATUSES else None
    if existing is None:
        app = Application.objects.create(
            enterprise=enterprise,
            batch=batch,
            kind=kind,
            renews=renews,
            status=final_status,
            started_on=steps[0][1],
            decided_on=decided_on,
            officer=officer,
            agency=agency,
            recognition=recognition,
            note=note,
            is_demo=True,
        )
    else:
        app = existing
        app.status, app.decided_on = final_status, decided_on
        app.recognition = recognition or app.recognition
        app.save(update_fields=["status", "decided_on", "recognition"])
    previous = steps[done - 1][0] if done else ""
    for status, on, comment in steps[done:]:
        ApplicationTransition.objects.create(
            application=app, from_status=previous, to_status=status, by=officer, on=on, comment=comment
        )
        previous = status
    return app


def apply_for(park, short: str, batch, steps, **application):
    """The application of the park's enterprise `short` in `batch` through `steps` (as
    `application_with_steps` with the `application` arguments), or None while it is not registered."""
    enterprise = find_enterprise(park, short)
    if enterprise is None:
        return None
    return application_with_steps(enterprise, batch, steps, **application)


def ensure_batches(park, specs: dict) -> dict[str, Batch]:
    """The park's batches of `specs` by code, created once (keyed by park and name)."""
    return {
        code: Batch.objects.get_or_create(
            park=park, name=fields["name"], defaults={**fields, "is_demo": True}
        )[0]
        for code, fields in specs.items()
    }


def passed_in_batch(park, batch, shorts, number: str, steps, *, officer, agency=None, start=1) -> dict:
    """Each of `shorts` found in the park went through `steps` in `batch` and holds the certificate issued
    on the last step's date, numbered `number.format(i)` for the i-th (from `start`): {i: recognition}."""
    held = {}
    for index, short in enumerate(shorts, start=start):
        enterprise = find_enterprise(park, short)
        if enterprise is None:
            continue
        rec = recognition_for(
            enterprise, batch.scheme, number.format(index), steps[-1][1], level=batch.level, batch=batch
        )
        application_with_steps(enterprise, batch, steps, officer=officer, agency=agency, recognition=rec)
        held[index] = rec
    return held


def _steps(start: dt.date, plan) -> list:
    """[(status, start + days, comment), …] for the (status, days, comment) of `plan`."""
    return [(status, start + dt.timedelta(days=days), comment) for status, days, comment in plan]


def _passed_steps(intent, submitted, publicised, passed):
    return [
        (S.INTENT, intent, "走访中确认申报意向"),
        (S.PREPARING, intent + dt.timedelta(days=7), "服务机构协助准备材料"),
        (S.SUBMITTED, submitted, "已在线提交"),
        (S.REVIEWING, submitted + dt.timedelta(days=10), "进入评审"),
        (S.PUBLICISED, publicised, "公示"),
        (S.PASSED, passed, "公示无异议，认定通过"),
    ]


def load_h1_2023():
    """The H1 2023 records; (park, officer, agency) for what follows, or None without the park."""
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return None
    officer = _officer(park)
    agency = ServiceAgency.objects.filter(is_demo=True).order_by("pk").first()
    batches = ensure_batches(park, BATCHES)

    # 9 enterprises recognised in the province's first 2023 batch of 创新型中小企业.
    passed_in_batch(
        park,
        batches["innovative"],
        INNOVATIVE_2023,
        "QHCX2023-01-{:03d}",
        _passed_steps(D(2023, 2, 6), D(2023, 3, 8), D(2023, 5, 8), D(2023, 5, 20)),
        officer=officer,
        agency=agency,
    )

    # Re-recognition preparation of 青海省科技型企业 expiring at the end of 2023.
    batch = batches["qh_tech"]
    for index, short in enumerate(QH_RENEWALS, start=1):
        enterprise = find_enterprise(park, short)
        if enterprise is None:
            continue
        old = recognition_for(
            enterprise,
            batch.scheme,
            f"QHKJ2021-{index:04d}",
            D(2021, 10, 15),
            level=c.RecognitionLevel.PROVINCIAL,
        )
        steps = _steps(D(2023, 3, 6 + index * 7), QH_RENEWAL_PLAN)
        renewal = {"kind": c.ApplicationKind.RENEWAL, "renews": old}
        application_with_steps(enterprise, batch, steps, officer=officer, agency=agency, **renewal)
    for index, short in enumerate(QH_NEW):
        steps = _steps(D(2023, 4, 10 + index * 14), QH_NEW_PLAN)
        apply_for(park, short, batch, steps, officer=officer, agency=agency)

    # 蓝科锂业 applying for national 专精特新“小巨人”.
    apply_for(
        park,
        "蓝科锂业",
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
        passed_in_batch(park, batches[code], (short,), number, steps, officer=officer, agency=agency)

    # 高新技术企业 held over the years: expiries, a renewal and annual reports for the calendar.
    previous: dict[str, Recognition] = {}
    for short, issued_on, number, reported, renews in HNTE:
        enterprise = find_enterprise(park, short)
        if enterprise is None:
            continue
        rec = recognition_for(
            enterprise,
            c.Scheme.HNTE,
            number,
            issued_on,
            level=c.RecognitionLevel.NATIONAL,
            renews=previous.get(short) if renews else None,
        )
        previous[short] = rec
        for year in reported:
            if D(year + 1, 5, 20) > timezone.localdate():
                continue
            AnnualReport.objects.get_or_create(
                recognition=rec, year=year, defaults={"submitted_on": D(year + 1, 5, 20)}
            )

    return park, officer, agency
