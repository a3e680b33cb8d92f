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


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_plain_date_input_anywhere_renders_as_iso(language):
    """The project's format modules put ISO first, so a DateInput without its own format (the report
    period, the audit log's filter, the collection campaign) still fills the picker."""
    from django import forms

    class PeriodForm(forms.Form):
        start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    with translation.override(language):
        html = str(PeriodForm(initial={"start": DAY})["start"])
        assert 'value="2026-12-06"' in html
        assert PeriodForm({"start": "2026-12-06"}).is_valid()
