import datetime as dt

import pytest

from innoladder.services import selectors

from .factories import make_request, make_visit

pytestmark = pytest.mark.django_db

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
OUTSIDE = (dt.date(2022, 12, 31), dt.date(2023, 7, 1))


def test_visits_in_period_include_the_ends_and_exclude_rows_just_outside(cast):
    for day in OUTSIDE:
        make_visit(cast.officer, [cast.ent_a], on=day)
    inside = [
        make_visit(cast.officer, [cast.ent_a], on=START),
        make_visit(cast.officer, [cast.ent_b], on=END),
    ]
    make_visit(cast.admin, [cast.ent_other_park], on=dt.date(2023, 3, 1))
    qs = selectors.visits_in_period(cast.officer, cast.park, START, END)
    assert sorted(v.pk for v in qs) == sorted(v.pk for v in inside)
    # admin sees every park, but the park argument keeps the other park's visit out
    assert selectors.visits_in_period(cast.admin, cast.park, START, END).count() == 2
    assert selectors.visits_in_period(cast.admin, None, START, END).count() == 3


def test_visited_enterprises_are_distinct_and_scoped(cast):
    make_visit(cast.officer, [cast.ent_a, cast.ent_b], on=dt.date(2023, 2, 1))
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 1))
    make_visit(cast.officer, [cast.ent_a], on=OUTSIDE[1])
    officer = selectors.visited_enterprises_in_period(cast.officer, cast.park, START, END)
    assert sorted(e.name for e in officer) == sorted([cast.ent_a.name, cast.ent_b.name])
    assert officer.count() == 2
    agency = selectors.visited_enterprises_in_period(cast.agency, cast.park, START, END)
    assert [e.pk for e in agency] == [cast.ent_a.pk]
    assert selectors.visited_enterprises_in_period(cast.other_officer, cast.park, START, END).count() == 0


def test_visit_of_two_enterprises_counts_once(cast):
    make_visit(cast.officer, [cast.ent_a, cast.ent_b], on=dt.date(2023, 2, 1))
    assert selectors.visits_in_period(cast.officer, cast.park, START, END).count() == 1


def test_requests_in_period(cast):
    for day in OUTSIDE:
        make_request(cast.officer, cast.ent_a, raised_on=day)
    inside = make_request(cast.officer, cast.ent_a, raised_on=END)
    make_request(cast.officer, cast.ent_b, raised_on=START)
    assert selectors.requests_in_period(cast.officer, cast.park, START, END).count() == 2
    assert list(selectors.requests_in_period(cast.user_a, cast.park, START, END)) == [inside]
    assert selectors.requests_in_period(cast.other_officer, cast.park, START, END).count() == 0
