import datetime as dt

import pytest
from freezegun import freeze_time

from innoladder.cooperation import enterprise_panels as cooperation_panels
from innoladder.cooperation.tests.helpers import talent
from innoladder.core import enterprise_page
from innoladder.core.testing.access import request_as
from innoladder.projects import enterprise_panels as project_panels
from innoladder.projects.tests.factories import approve, make_project
from innoladder.services import enterprise_panels, home

from .factories import make_request, make_visit

pytestmark = pytest.mark.django_db


def _panel(panels, title):
    return {p["title"]: p for p in panels}[title]


@freeze_time("2023-03-20")
def test_home_panels_count_open_overdue_and_this_months_visits(cast):
    make_request(cast.officer, cast.ent_a, code="policy", raised_on=dt.date(2023, 3, 18))  # due 3-19: overdue
    make_request(cast.officer, cast.ent_b, code="factors", raised_on=dt.date(2023, 3, 18))  # due 4-17
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 2))
    make_visit(cast.officer, [cast.ent_a, cast.ent_b], on=dt.date(2023, 3, 19))
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 2, 28))
    panels = home.home_panels(cast.officer)
    assert _panel(panels, "在办诉求")["value"] == 2
    assert _panel(panels, "超期诉求")["value"] == 1
    assert _panel(panels, "本月走访")["value"] == 2
    agency = home.home_panels(cast.agency)
    assert (_panel(agency, "在办诉求")["value"], _panel(agency, "超期诉求")["value"]) == (1, 1)
    user_b = home.home_panels(cast.user_b)
    assert _panel(user_b, "超期诉求")["value"] == 0
    assert "本月走访" not in {p["title"] for p in user_b}


def test_enterprise_page_panels_and_timeline(cast):
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 1), department="科技局")
    make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 15), department="经发局")
    make_request(cast.officer, cast.ent_a, raised_on=dt.date(2023, 3, 2))
    project = make_project(cast.officer, cast.ent_a, title="镁基材料项目")
    approve(cast.officer, project, dt.date(2023, 4, 26))
    talent(cast.officer, cast.ent_a, on=dt.date(2023, 5, 1), category="top")
    request = request_as(cast.user_a)
    html = enterprise_panels.panels(request, cast.ent_a)[0].html
    assert "30天内重复走访" in html and "协助申报项目" in html
    assert "镁基材料项目" in project_panels.panels(request, cast.ent_a)[0].html
    assert "张工" in cooperation_panels.panels(request, cast.ent_a)[0].html
    events = enterprise_page.events(request, cast.ent_a)
    kinds = {(e.on, e.kind) for e in events}
    assert {
        (dt.date(2023, 3, 1), "走访"),
        (dt.date(2023, 3, 2), "诉求"),
        (dt.date(2023, 4, 26), "科技计划项目"),
        (dt.date(2023, 5, 1), "人才"),
    } <= kinds
    # ent_b's user sees none of ent_a's rows through the same functions
    assert enterprise_panels.events(request_as(cast.user_b), cast.ent_a) == []
    assert project_panels.events(request_as(cast.user_b), cast.ent_a) == []
