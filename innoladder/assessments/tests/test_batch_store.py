"""The batch path (chunks in forked workers, COPY on PostgreSQL) stores exactly the rows that assessing
each enterprise on its own stores (plain INSERTs)."""

import datetime as dt

import pytest
from django.utils import timezone

from innoladder.assessments import services, store
from innoladder.assessments.models import Assessment, SchemeResult
from innoladder.enterprises import generator
from innoladder.enterprises.models import Enterprise

ASSESSMENT_FIELDS = ("facts", "versions", "settings", "assessed_on", "run_by_id", "data_year", "is_demo")
RESULT_FIELDS = tuple(column for column in store.RESULT_COLUMNS if column != "assessment_id")
COUNT = 30


def _latest() -> tuple[dict, list]:
    assessments = {
        row.pop("enterprise_id"): row
        for row in Assessment.objects.filter(is_latest=True).values("enterprise_id", *ASSESSMENT_FIELDS)
    }
    results = sorted(SchemeResult.objects.filter(is_latest=True).values_list(*RESULT_FIELDS))
    return assessments, results


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("on", [dt.date(2028, 6, 30), None], ids=["2028", "today"])
def test_batch_stores_the_same_rows_as_assessing_each_enterprise(cast, on):
    on = on or timezone.localdate()
    generator.generate(count=COUNT, park=cast.park, years=3, until=on.year - 1, seed=11)
    enterprises = Enterprise.objects.filter(park=cast.park)
    total = enterprises.count()
    assert total >= COUNT and services.may_fork()

    summary = services.assess_many(user=cast.admin, queryset=enterprises, on=on, batch_size=7, workers=2)
    batch = _latest()
    for enterprise in enterprises:
        services.assess_enterprise(user=cast.admin, enterprise=enterprise, on=on)
    single = _latest()

    assert summary["enterprises"] == total and set(summary["seconds"]) == set(services.PHASES)
    assert batch == single
    assessments, results = batch
    schemes = len(services.Run(on, None, None, services.e.DEFAULT, False).rulesets())
    assert len(assessments) == total and len(results) == total * schemes
    assert len({row[RESULT_FIELDS.index("standing")] for row in results}) > 1  # varied verdicts compared
    assert Assessment.objects.filter(is_latest=False).count() == total  # the batch's rows, replaced
    assert SchemeResult.objects.filter(is_latest=False).count() == total * schemes
