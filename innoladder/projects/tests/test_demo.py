"""The projects demo: the H1 2023 projects as they were then, how they went on, and the last two years'."""

import datetime as dt

import pytest
from freezegun import freeze_time

from innoladder.accounts import demo as accounts_demo
from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory
from innoladder.projects import demo
from innoladder.projects.models import Milestone, Project, ProjectHistory

pytestmark = pytest.mark.django_db
START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)


@pytest.mark.parametrize("today", [dt.date(2026, 12, 5), dt.date(2028, 3, 15)])
def test_projects_go_on_from_the_half_year_to_the_load_date(today):
    park = ParkFactory(name="格尔木工业园")
    for short in ("东台锂资源", "盐湖股份", "盐湖镁业", "启迪清源新材料", "柴达木储能", "蓝科锂业"):
        EnterpriseFactory(park=park, name=f"青海{short}有限公司", is_demo=True)
    accounts_demo.load()
    with freeze_time(today):
        demo.load()
        demo.load()
    assert Project.objects.count() == 7
    assert not ProjectHistory.objects.filter(on__gt=today).exists()

    # On 30 June 2023 the two 2023 projects were approved and 东台锂资源's two under way, as recorded.
    def status_on(project, day):
        return project.history.filter(on__lte=day).order_by("on", "pk").last().to_status

    h1 = {p.title: status_on(p, END) for p in Project.objects.filter(applied_on__lte=END)}
    assert sorted(h1.values()) == ["acceptance", "approved", "approved", "in_progress"]
    # Their milestones are done by now, so the calendar shows none of them overdue.
    assert not Milestone.objects.filter(due_on__lt=today, done_on__isnull=True).exists()
    # The last two years: one just applied for, one in research, one at its mid-term review.
    recent = Project.objects.filter(applied_on__gt=END)
    assert sorted(recent.values_list("status", flat=True)) == ["applied", "in_progress", "midterm"]
    assert all(today - dt.timedelta(days=730) < p.applied_on <= today for p in recent)
    assert Milestone.objects.filter(project__in=recent, due_on__gt=today, done_on__isnull=True).exists()
