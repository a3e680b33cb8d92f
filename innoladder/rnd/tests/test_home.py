"""The home page panel of R&D ledgers: counted over every park the user may see, named after the park when
there is one."""

import datetime as dt

import pytest
from freezegun import freeze_time

from innoladder.rnd.home import home_panels

from .factories import RDProjectFactory, line

pytestmark = pytest.mark.django_db

# On 7 December 2026 (10:00 in Xining) the panel counts the ledgers of 2025.
TODAY = "2026-12-07 02:00:00"


@pytest.fixture
def ledgers(cast):
    """Ledger lines of 2025 of ent_a, ent_b (of `park`) and the enterprise of `other_park`; one of 2026."""
    for enterprise in (cast.ent_a, cast.ent_b, cast.ent_other_park):
        line(RDProjectFactory(enterprise=enterprise), "personnel", "1000.00", dt.date(2025, 6, 30))
    line(RDProjectFactory(enterprise=cast.ent_other_park), "personnel", "1000.00", dt.date(2026, 1, 5))


def panel(user) -> dict:
    with freeze_time(TODAY):
        (found,) = home_panels(user)
    return found


def test_an_officer_of_one_park_sees_that_park_named(cast, ledgers):
    found = panel(cast.officer)
    assert found["title"] == "研发费用辅助账" and found["value"] == 2
    assert found["text"] == f"{cast.park.name}2025年度已归集辅助账的企业数"


def test_a_user_of_several_parks_sees_them_all_counted(cast, ledgers):
    cast.officer.parks.add(cast.other_park)
    for user in (cast.admin, cast.officer):
        found = panel(user)
        assert found["value"] == 3, user
        assert found["text"] == "可见园区2025年度已归集辅助账的企业数"
