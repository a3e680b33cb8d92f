"""A verdict row's name (the report's fact rows, the audit log) reads the labels once per language and says
the same as Django's own display methods."""

import pytest
from django.utils import translation

from innoladder.assessments import choices as c
from innoladder.assessments.models import SchemeResult


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("scheme", [*c.SCHEME_NAMES, "retired_scheme"])
@pytest.mark.parametrize("outcome", [*c.Outcome.values, "unknown_outcome"])
def test_the_name_says_what_the_display_methods_say(language, scheme, outcome):
    result = SchemeResult(enterprise_id=7, scheme=scheme, outcome=outcome)
    with translation.override(language):
        expected = f"7 {result.get_scheme_display()} {result.get_outcome_display()}"
        assert str(result) == expected
    if language == "en" and scheme == "hnte" and outcome == "eligible":
        assert "High" in expected and "Eligible" in expected  # the labels are translated, not the keys
