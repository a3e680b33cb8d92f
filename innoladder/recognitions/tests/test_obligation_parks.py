"""A user who sees several parks tells their batch deadlines apart: a park-level row of the 保存量日历 is
named by its park in the list, the month view and the Excel export (not a bare "（园区）" twice)."""

import datetime as dt

import pytest

from innoladder.core.testing.sheets import sheet_rows

from .factories import BatchFactory

DAY = dt.date(2030, 3, 15)
PERIOD = "start=2030-03-01&end=2030-03-31"


@pytest.fixture
def twin_batches(cast):
    """The same batch in the cast's two parks, closing the same day."""
    return [
        BatchFactory(park=park, name="2030年创新型中小企业第一批", closes_on=DAY)
        for park in (cast.park, cast.other_park)
    ]


@pytest.mark.parametrize(
    "url",
    [f"/recognitions/obligations/?{PERIOD}", "/recognitions/obligations/?view=month&month=2030-03"],
)
def test_each_parks_deadline_is_named_by_its_park(client, cast, twin_batches, url):
    client.force_login(cast.admin)
    body = client.get(url).content.decode()
    assert body.count("（格尔木工业园）") == 1 and body.count("（德令哈工业园）") == 1, body


def test_the_export_names_each_parks_deadline_by_its_park(client, cast, twin_batches):
    client.force_login(cast.admin)
    rows = sheet_rows(client.get(f"/recognitions/obligations/?{PERIOD}&export=xlsx"))
    column = rows[0].index("企业名称")
    assert sorted(row[column] for row in rows[1:]) == ["（德令哈工业园）", "（格尔木工业园）"]


def test_a_one_park_user_sees_only_their_parks_deadline(client, cast, twin_batches):
    client.force_login(cast.officer)
    body = client.get(f"/recognitions/obligations/?{PERIOD}").content.decode()
    assert "（格尔木工业园）" in body and "德令哈工业园" not in body
