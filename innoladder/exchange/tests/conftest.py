import datetime as dt
from decimal import Decimal

import pytest
from freezegun import freeze_time

from innoladder.core.testing.factories import AnnualDataFactory
from innoladder.recognitions.tests.factories import RecognitionFactory


@pytest.fixture(autouse=True)
def _uploads_kept_apart(media):
    """Every exchange test keeps its uploads under its own directory."""


@pytest.fixture(params=["2028-06-15", None], ids=["2028", "today"])
def clock(request):
    """Each test runs with the clock in 2028 and on the real today: as-of dates and statuses follow it."""
    if request.param is None:
        yield
        return
    with freeze_time(request.param):
        yield


@pytest.fixture
def registry_data(cast):
    """Figures for the export: enterprise A has two years of data (the later one is exported), B none."""
    a = cast.ent_a
    a.registered_capital = Decimal("52000000.00")
    a.former_names = ["企业甲旧名有限公司"]
    a.tech_field = "4"
    a.size_class = "small"
    a.save()
    AnnualDataFactory(enterprise=a, year=2026, employees=80, sales_revenue=Decimal("61000000.50"))
    AnnualDataFactory(
        enterprise=a,
        year=2027,
        employees=96,
        rd_staff=14,
        sales_revenue=Decimal("73456789.12"),
        rd_expense=Decimal("3120000.00"),
        net_profit=Decimal("-150000.25"),
    )
    AnnualDataFactory(enterprise=cast.ent_other_park, year=2027, employees=10, sales_revenue=Decimal("1"))
    hnte = RecognitionFactory(
        enterprise=a,
        number="GR202663000777",
        issued_on=dt.date(2026, 11, 20),
        valid_until=dt.date(2029, 11, 19),
    )
    RecognitionFactory(
        enterprise=cast.ent_other_park,
        scheme="tsme",
        number="2026630100000123",
        issued_on=dt.date(2026, 4, 1),
        valid_until=dt.date(2026, 12, 31),
    )
    return {"hnte": hnte}
