"""Golmud demo (issue 9): batches, applications and recognitions of H1 2023, plus what the park holds today.

The H1 2023 records keep their dates (the work report of that half year reproduces from them). What
followed is written relative to the load date (`timezone.localdate()`), so the calendar and the ladder
are current on any day the demo is loaded: the 2023 applications' outcomes after the half year; the
certificates renewed on schedule since (高企 re-recognised at expiry, 青海省科技型企业 every three years,
专精特新 and 科技小巨人 reviewed); and the park's current holdings, issued so many days before today that
some are mid-term, some expire within 90 days and a few have lapsed, with the re-recognition
applications those expiries call for.

德令哈工业园, the second park of 海西州, has its own smaller set (`delingha.py`).

Idempotent: batches are keyed by (park, name), recognitions by (enterprise, scheme, number), applications by
(enterprise, batch). Enterprises are looked up by short name; a name not yet loaded is skipped quietly.
Workflow rows are written with the dates they happened on, so reports over past periods count them; a step
dated after the load date is not written.
"""

from django.utils import timezone

from .current import load_since_2023
from .delingha import load_delingha
from .h1_2023 import load_h1_2023


def load() -> None:
    found = load_h1_2023()
    if found is not None:
        load_since_2023(*found, timezone.localdate())
    load_delingha(timezone.localdate())
