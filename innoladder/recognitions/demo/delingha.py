"""德令哈工业园 (issue 22): the second park of 海西州, small and real enough for the region's rollup.

H1 2023 keeps its dates, as Golmud's: three enterprises in the province's first 2023 batch of 创新型中小企业,
one 科技型中小企业 entry, one 青海省科技型企业 application in preparation, and a 高企 certificate held since
2022. What followed is written relative to the load date: the 2023 certificates renewed on schedule, the
高企 renewed at expiry, and one first 高企 application in the load year's batch. Idempotent through the same
helpers as Golmud's records.
"""

import datetime as dt

from innoladder.accounts.choices import Role
from innoladder.accounts.models import User
from innoladder.enterprises.models import Park

from .. import choices as c
from .current import _annual_reports, _renew_on_schedule, _steps
from .h1_2023 import (
    BATCHES,
    _passed_steps,
    apply_for,
    ensure_batches,
    find_enterprise,
    hnte_batch,
    passed_in_batch,
    recognition_for,
)

D = dt.date
S = c.ApplicationStatus
DELINGHA = "德令哈工业园"
INNOVATIVE_2023 = ("昊阳光热", "海西云数据", "诺木洪枸杞")
# The province's calls of 2023, the same as Golmud's.
CALLS_2023 = ("innovative", "tsme", "qh_tech")


def load_delingha(today: dt.date) -> None:
    park = Park.objects.filter(name=DELINGHA).first()
    if park is None:
        return
    officer = User.objects.filter(role=Role.OFFICER, parks=park).order_by("pk").first()
    batches = ensure_batches(park, {code: BATCHES[code] for code in CALLS_2023})

    held = passed_in_batch(
        park,
        batches["innovative"],
        INNOVATIVE_2023,
        "QHCX2023-01-{:03d}",
        _passed_steps(D(2023, 2, 8), D(2023, 3, 9), D(2023, 5, 8), D(2023, 5, 20)),
        officer=officer,
        start=101,
    )
    for serial, rec in held.items():
        _renew_on_schedule(rec, "QHCX{y}-01-", serial, today)

    passed_in_batch(
        park,
        batches["tsme"],
        ("锂能储能",),
        "202363280202000031",
        _passed_steps(D(2023, 4, 6), D(2023, 4, 27), D(2023, 6, 1), D(2023, 6, 15)),
        officer=officer,
    )

    apply_for(
        park,
        "柯鲁柯盐化",
        batches["qh_tech"],
        [
            (S.INTENT, D(2023, 4, 17), "走访中确认申报青海省科技型企业"),
            (S.PREPARING, D(2023, 5, 8), "整理2022年度研发费用和知识产权材料"),
        ],
        officer=officer,
    )

    # 德令哈纯碱: 高企 since December 2022, renewed when it expires.
    enterprise = find_enterprise(park, "德令哈纯碱")
    if enterprise is not None:
        rec = recognition_for(
            enterprise, c.Scheme.HNTE, "GR202263000058", D(2022, 12, 1), level=c.RecognitionLevel.NATIONAL
        )
        _annual_reports(rec, today)
        _annual_reports(_renew_on_schedule(rec, "GR{y}63", 58, today), today)

    # 昊阳光热 applies for 高企 for the first time in the load year's batch, once it opens.
    batch = hnte_batch(park, today.year)
    if batch.opens_on <= today:
        plan = (
            (S.INTENT, 0, "创新型中小企业，研发投入强度达标，拟首次申报高企"),
            (S.PREPARING, 12, "归集近三年研发费用，整理知识产权"),
        )
        steps = _steps(batch.opens_on + dt.timedelta(days=9), plan)
        apply_for(park, "昊阳光热", batch, steps, officer=officer, today=today)
