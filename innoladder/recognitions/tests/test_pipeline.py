"""Pipeline counts against counts worked out by hand from the dates below (today = 2026-01-01,
movement period = calendar 2025)."""

import datetime as dt

import pytest

from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.recognitions import choices as c
from innoladder.recognitions import pipeline

from .factories import ApplicationFactory, BatchFactory, RecognitionFactory

D = dt.date
PERIOD = pipeline.Period(today=D(2026, 1, 1), start=D(2025, 1, 1), end=D(2025, 12, 31))


@pytest.fixture
def ladder(cast):
    park = cast.park
    e1 = EnterpriseFactory(park=park, name="候选一", pool="hnte_candidate")
    e2 = EnterpriseFactory(park=park, name="持有二", pool="hnte_candidate")
    e3 = EnterpriseFactory(park=park, name="续认三")
    e4 = EnterpriseFactory(park=park, name="新增四")
    e5 = EnterpriseFactory(park=park, name="撤销五")
    e6 = EnterpriseFactory(park=park, name="年末到期六")
    hnte = {"scheme": c.Scheme.HNTE}
    RecognitionFactory(enterprise=e2, issued_on=D(2024, 7, 1), valid_until=D(2027, 6, 30), **hnte)
    RecognitionFactory(enterprise=cast.ent_a, issued_on=D(2023, 4, 1), valid_until=D(2026, 3, 31), **hnte)
    RecognitionFactory(enterprise=cast.ent_b, issued_on=D(2022, 11, 1), valid_until=D(2025, 10, 31), **hnte)
    old = RecognitionFactory(enterprise=e3, issued_on=D(2022, 12, 1), valid_until=D(2025, 11, 30), **hnte)
    RecognitionFactory(
        enterprise=e3, issued_on=D(2025, 11, 20), valid_until=D(2028, 11, 19), renews=old, **hnte
    )
    RecognitionFactory(enterprise=e4, issued_on=D(2025, 3, 1), valid_until=D(2028, 2, 28), **hnte)
    RecognitionFactory(
        enterprise=e5,
        issued_on=D(2024, 12, 21),
        valid_until=D(2027, 12, 20),
        revoked_on=D(2025, 12, 20),
        **hnte,
    )
    RecognitionFactory(enterprise=e6, issued_on=D(2022, 1, 1), valid_until=D(2025, 12, 31), **hnte)
    RecognitionFactory(
        enterprise=cast.ent_other_park, issued_on=D(2024, 1, 1), valid_until=D(2026, 12, 31), **hnte
    )
    batch = BatchFactory(park=park, scheme=c.Scheme.HNTE)
    ApplicationFactory(enterprise=e1, batch=batch, status=c.ApplicationStatus.INTENT)
    ApplicationFactory(
        enterprise=e4, batch=batch, status=c.ApplicationStatus.PASSED, decided_on=D(2025, 3, 1)
    )
    ApplicationFactory(
        enterprise=e6, batch=batch, status=c.ApplicationStatus.REJECTED, decided_on=D(2025, 6, 1)
    )
    ApplicationFactory(
        enterprise=e5, batch=batch, status=c.ApplicationStatus.REJECTED, decided_on=D(2024, 6, 1)
    )
    return locals()


def test_tier_counts_match_hand_counts(cast, ladder):
    row = next(r for r in pipeline.tier_rows(cast.officer, PERIOD) if r["scheme"] == c.Scheme.HNTE)
    assert row["counts"] == {
        "candidates": 1,  # 候选一 (持有二 already holds)
        "applying": 1,  # 候选一's intent
        "held": 4,  # 持有二, 企业甲, 续认三 (new), 新增四
        "expiring": 1,  # 企业甲 ends 2026-03-31, before 2026-07-01
        "lost_year": 1,  # 年末到期六 ends on 2026-01-01
        "gained": 1,  # 新增四
        "renewed": 1,  # 续认三
        "lost": 2,  # 企业乙 (expired 2025-10-31), 撤销五 (revoked 2025-12-20); 续认三 renewed in time
        "passed": 1,
        "decided": 2,  # the 2024 rejection is outside the period
    }
    assert str(row["conversion"]) == "50.0"


def test_each_number_lists_its_rows(client, cast, ladder):
    client.force_login(cast.officer)
    url = "/recognitions/pipeline/list/?scheme=hnte&today=2026-01-01&start=2025-01-01&end=2025-12-31&measure="
    expected = {
        "held": {"持有二", cast.ent_a.name, "续认三", "新增四"},
        "lost": {cast.ent_b.name, "撤销五"},
        "candidates": {"候选一"},
        "renewed": {"续认三"},
    }
    for measure, names in expected.items():
        rows = client.get(url + measure).context["rows"]
        got = {getattr(r, "name", None) or r.enterprise.name for r in rows}
        assert got == names, measure
    page = client.get("/recognitions/pipeline/?today=2026-01-01&start=2025-01-01&end=2025-12-31")
    body = page.content.decode()
    assert 'data-measure="held">4</a>' in body
    assert "50.0%" in body


def test_pool_counts(cast, ladder):
    row = next(r for r in pipeline.pool_rows(cast.officer, PERIOD) if r["pool"] == "hnte_candidate")
    assert row["counts"] == {"pool": 2, "pool_held": 1, "pool_applying": 1}


def test_other_park_officer_sees_only_their_park(cast, ladder):
    row = next(r for r in pipeline.tier_rows(cast.other_officer, PERIOD) if r["scheme"] == c.Scheme.HNTE)
    assert row["counts"]["held"] == 1
    assert row["counts"]["lost"] == 0


def test_pipeline_page_query_count_does_not_grow_with_data(
    client, cast, ladder, django_assert_max_num_queries
):
    client.force_login(cast.officer)
    # Grouped counts: about one query per measure, one per tier for candidates, three per pool.
    with django_assert_max_num_queries(60):
        assert client.get("/recognitions/pipeline/").status_code == 200
