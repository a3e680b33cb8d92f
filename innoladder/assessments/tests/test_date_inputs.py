"""Date inputs are browser date pickers, which read only ISO dates: under zh-hans Django's own date format
(2026/12/06) would leave the picker empty."""

import datetime as dt

import pytest
from django.utils import translation

from innoladder.assessments.calculator import CalculatorForm
from innoladder.assessments.forms import BatchForm

DAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_batch_date_and_the_calculators_founding_date_render_as_iso(language):
    with translation.override(language):
        batch = str(BatchForm(initial={"on": DAY})["on"])
        founded = str(CalculatorForm(initial={"registered_on": DAY}, on=DAY)["registered_on"])
    for html in (batch, founded):
        assert 'type="date"' in html
        assert 'value="2026-12-06"' in html
