from decimal import Decimal

import pytest
from django.template import Context, Template

from innoladder.core import money


@pytest.mark.parametrize(
    ("show", "value", "text"),
    [
        (money.wan, 12345678, "1,234.57"),
        (money.wan, "5000", "0.50"),
        (money.yuan, Decimal("1234.5"), "1,234.50"),
        (money.percent, Decimal("0.125"), "12.5%"),
        (money.percent, Decimal("0.3"), "30%"),
    ],
)
def test_amounts_are_shown_with_separators_and_no_float(show, value, text):
    assert show(value) == text


@pytest.mark.parametrize("show", [money.wan, money.yuan, money.percent])
def test_an_unknown_amount_is_a_dash_unless_told_otherwise(show):
    assert show(None) == show("") == "—"
    assert show(None, empty="") == ""


def test_the_template_filters_take_the_blank_as_argument():
    template = Template('{% load money %}{{ a|wan }}|{{ b|yuan:"" }}|{{ b|yuan }}|{{ c|percent }}')
    assert template.render(Context({"a": 20000, "b": None, "c": "0.5"})) == "2.00||—|50%"
