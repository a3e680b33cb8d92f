import datetime as dt

import pytest

from innoladder.core.scoping import for_user
from innoladder.core.testing.factories import IPRecordFactory
from innoladder.enterprises.models import IPRecord, park_q
from innoladder.reports import providers
from innoladder.reports.choices import Section
from innoladder.reports.facts import in_period, rows_fact

H1_2023 = (dt.date(2023, 1, 1), dt.date(2023, 6, 30))


def _patent_provider(key, section, label, template, unit, **fact):
    """A provider for the tests: a fact on the invention patents granted in the period (a real query on
    real rows)."""

    def provider(user, park, start, end):
        qs = for_user(IPRecord.objects.all(), user).filter(
            park_q("enterprise__park", park), kind="invention_patent", **in_period("granted_on", start, end)
        )
        return rows_fact(
            qs,
            key=key,
            section=section,
            label=label,
            template=template,
            date_field="granted_on",
            unit=unit,
            **fact,
        )

    return provider


granted_patents = _patent_provider(
    "test.granted", Section.PROJECTS, "授权发明专利", "{names}获得发明专利授权{figure}", "件"
)
patent_holders = _patent_provider(
    "test.holders",
    Section.CULTIVATION,
    "获得授权企业",
    "先后协助{names}{figure}获得发明专利授权",
    "家企业",
    counts_enterprises=True,
)


@pytest.fixture
def test_providers(monkeypatch):
    """Only the two test providers are registered, so the figures are the test's own."""
    registry = [
        providers.Provider("test.granted", Section.PROJECTS, granted_patents, ("enterprises.IPRecord",), 10),
        providers.Provider(
            "test.holders", Section.CULTIVATION, patent_holders, ("enterprises.IPRecord",), 10
        ),
    ]
    monkeypatch.setattr(providers, "REGISTRY", registry)
    monkeypatch.setattr(providers, "load", lambda: None)
    return registry


@pytest.fixture
def patents(cast):
    """Three patents in H1 2023 (ent_a, ent_b), one just before, one just after, one in another park."""
    return {
        "in": [
            IPRecordFactory(enterprise=cast.ent_a, granted_on=dt.date(2023, 1, 1)),
            IPRecordFactory(enterprise=cast.ent_b, granted_on=dt.date(2023, 3, 10)),
            IPRecordFactory(enterprise=cast.ent_a, granted_on=dt.date(2023, 6, 30)),
        ],
        "out": [
            IPRecordFactory(enterprise=cast.ent_a, granted_on=dt.date(2022, 12, 31)),
            IPRecordFactory(enterprise=cast.ent_b, granted_on=dt.date(2023, 7, 1)),
            IPRecordFactory(enterprise=cast.ent_other_park, granted_on=dt.date(2023, 2, 1)),
        ],
    }
