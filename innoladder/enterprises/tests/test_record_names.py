"""IP and incident records are named with labels read once per language: the same words as Django's own
display methods, in either language."""

import datetime as dt

import pytest
from django.utils import translation

from innoladder.enterprises import choices as c
from innoladder.enterprises.models import Incident, IPRecord


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_ip_and_incident_names_say_what_the_display_methods_say(language):
    with translation.override(language):
        for kind in [*c.IPKind.values, "retired_kind"]:
            record = IPRecord(kind=kind, number="ZL2025100001.X")
            assert str(record) == f"{record.get_kind_display()} ZL2025100001.X"
        for kind in [*c.IncidentKind.values, "retired_kind"]:
            incident = Incident(kind=kind, occurred_on=dt.date(2026, 3, 1))
            assert str(incident) == f"{incident.get_kind_display()} 2026-03-01"
