"""A date or time printed in a page without a format reads 2026-12-07 (08:03) in Chinese and in English,
as the lists print theirs; English pages used to say "Dec. 7, 2026" beside "2026-12-07"."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_unformatted_dates_and_times_read_as_in_the_lists(language):
    template = Template("{{ day }} | {{ moment }} | {{ day|date }} | {{ day|date:'SHORT_DATE_FORMAT' }}")
    with translation.override(language):
        text = template.render(
            Context({"day": dt.date(2026, 12, 7), "moment": dt.datetime(2026, 12, 7, 8, 3)})
        )
    assert text == "2026-12-07 | 2026-12-07 08:03 | 2026-12-07 | 2026-12-07"


def test_date_input_still_reads_the_chinese_forms():
    from django import forms

    with translation.override("zh-hans"):
        field = forms.DateField()
        assert field.clean("2026年12月7日") == field.clean("2026/12/07") == dt.date(2026, 12, 7)
