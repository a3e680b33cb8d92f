"""Amounts are typed and shown in 万元 and stored in yuan, exactly: no float, nothing finer than a fen."""

from decimal import Decimal

import pytest

from innoladder.core.testing.factories import AnnualDataFactory
from innoladder.enterprises import money
from innoladder.enterprises.forms import AnnualDataForm
from innoladder.enterprises.models import AnnualData


@pytest.mark.parametrize(
    ("yuan", "text", "grouped"),
    [
        ("787820.00", "78.782", "78.782"),
        ("86505000.00", "8650.5", "8,650.5"),
        ("1000000.00", "100", "100"),
        ("0.01", "0.000001", "0.000001"),
        ("-1234.50", "-0.12345", "-0.12345"),
        ("0.00", "0", "0"),
    ],
)
def test_yuan_shows_as_exact_wan_text_and_converts_back(yuan, text, grouped):
    assert money.wan_text(Decimal(yuan)) == text
    assert money.wan_text(Decimal(yuan), grouping=True) == grouped
    assert money.wan_to_yuan(Decimal(text)) == Decimal(yuan)


def test_finer_than_a_fen_is_refused_not_rounded():
    with pytest.raises(money.MoneyInputError, match="最多保留六位小数"):
        money.wan_to_yuan(Decimal("78.7820001"))
    with pytest.raises(money.MoneyInputError):
        money.wan_to_yuan(Decimal("NaN"))


def test_the_annual_data_form_takes_wan_and_stores_yuan(db, cast):
    form = AnnualDataForm(
        data={"year": 2025, "operating_revenue": "78.782", "rd_expense": "１,２00.5", "source": "manual"},
        instance=AnnualData(enterprise=cast.ent_a),
    )
    assert form.is_valid(), form.errors
    values = form.annual_values()
    assert values["operating_revenue"] == Decimal("787820.00")
    assert values["rd_expense"] == Decimal("12005000.00")
    assert form.fields["operating_revenue"].label == "营业收入(万元)"
    bad = AnnualDataForm(
        data={"year": 2025, "operating_revenue": "78.7820001", "source": "manual"},
        instance=AnnualData(enterprise=cast.ent_a),
    )
    assert not bad.is_valid()
    assert bad.errors["operating_revenue"] == ["以万元填写时最多保留六位小数（即精确到分）"]


def test_the_edit_form_shows_the_stored_yuan_in_wan(client, cast):
    AnnualDataFactory(enterprise=cast.ent_a, year=2025, operating_revenue=Decimal("787820.00"))
    client.force_login(cast.officer)
    body = client.get(f"/enterprises/{cast.ent_a.pk}/annual-data/2025/").content.decode()
    assert 'name="operating_revenue" value="78.782"' in body
    assert "营业收入(万元)" in body
