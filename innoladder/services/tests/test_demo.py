"""The demo loaders build the Golmud H1 2023 figures from real records (and run twice without duplicating)."""

import datetime as dt

import pytest
from freezegun import freeze_time

from innoladder.accounts import demo as accounts_demo
from innoladder.accounts.models import User
from innoladder.cooperation import demo as cooperation_demo
from innoladder.cooperation import selectors as cooperation_selectors
from innoladder.core.testing.factories import EnterpriseFactory, ParkFactory
from innoladder.enterprises.models import IPRecord
from innoladder.projects import demo as projects_demo
from innoladder.projects import selectors as project_selectors
from innoladder.services import demo as services_demo
from innoladder.services import selectors
from innoladder.services.models import EnterpriseRequest, Visit

pytestmark = pytest.mark.django_db

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
# The scenario's enterprises (short names) that the loaders look up.
NAMES = (
    "隆盛石化 西豫有色 盐湖股份 三元钾肥 海珠镁业 盛隆塑编 "
    "盐湖镁业 中信国安锂业 蓝科锂业 东台锂资源 香江盐湖 维祥科技"
).split()


@pytest.fixture
def golmud():
    park = ParkFactory(name="格尔木工业园")
    for short in NAMES:
        EnterpriseFactory(park=park, name=f"青海{short}有限公司", is_demo=True)
    for i in range(30):
        EnterpriseFactory(park=park, name=f"格尔木演示企业{i:02d}有限公司", is_demo=True)
    accounts_demo.load()
    return park


def _load_all():
    projects_demo.load()
    services_demo.load()
    cooperation_demo.load()


def test_demo_figures_for_h1_2023(golmud):
    _load_all()
    _load_all()  # idempotent
    from innoladder.accounts.models import User

    admin = User.objects.get(username="admin")
    visited = selectors.visited_enterprises_in_period(admin, golmud, START, END)
    names = set(visited.values_list("name", flat=True))
    assert visited.count() > 30
    assert {"青海隆盛石化有限公司", "青海西豫有色有限公司"} <= names
    assert Visit.objects.filter(is_demo=True, agency__isnull=False).exists()
    topics = set()
    for visit in selectors.visits_in_period(admin, golmud, START, END):
        topics.update(visit.topics)
    assert {"upgrade", "project", "funding", "innovation", "rnd_ledger", "policy"} <= topics
    statuses = set(selectors.requests_in_period(admin, golmud, START, END).values_list("status", flat=True))
    assert statuses == {"pending", "in_progress", "resolved", "returned"}

    coops = cooperation_selectors.cooperation_in_period(admin, golmud, START, END)
    assert coops.filter(enterprise__name__contains="盐湖股份", partner="武汉工程大学").count() == 2
    assert coops.filter(enterprise__name__contains="三元钾肥").count() == 3
    patents = cooperation_selectors.patent_introductions_in_period(admin, golmud, START, END)
    assert patents.count() == 5
    assert patents.filter(enterprise__name__contains="海珠镁业").count() == 3
    assert IPRecord.objects.filter(acquisition="transferred", transferred_on__range=(START, END)).count() == 5
    talents = cooperation_selectors.talents_in_period(admin, golmud, START, END)
    assert talents.count() == 11
    assert set(talents.values_list("category", flat=True)) == {"leading", "top", "discipline_leader"}

    approved = project_selectors.projects_approved_in_period(admin, golmud, START, END)
    assert sorted(approved.values_list("title", flat=True)) == sorted(
        ["低钠盐制备工艺技术研究与示范", "基于盐湖提锂的预处理膜过程关键技术研究及应用示范"]
    )
    active = project_selectors.projects_active_in_period(admin, golmud, START, END)
    assert active.filter(enterprise__name__contains="东台锂资源").count() == 2


def test_demo_skips_missing_enterprises_quietly():
    ParkFactory(name="格尔木工业园")
    _load_all()
    assert Visit.objects.count() == 0


def test_work_continues_over_the_twelve_months_before_the_load_date(golmud):
    today, later = dt.date(2026, 12, 5), dt.date(2027, 2, 1)
    with freeze_time(today):
        _load_all()
        _load_all()
    recent = Visit.objects.filter(visited_on__gt=END)
    days = sorted(recent.values_list("visited_on", flat=True))
    assert len(days) == 37 and days[0] > today - dt.timedelta(days=365) and days[-1] <= today
    assert all((b - a).days == services_demo.VISIT_EVERY for a, b in zip(days, days[1:], strict=False))
    assert {d.month for d in days if d.year == today.year} == set(range(1, 13))
    requests = EnterpriseRequest.objects.filter(raised_on__gt=END)
    assert {r.status for r in requests} >= {"in_progress", "resolved", "returned"}
    assert any(r.overdue_on(today) for r in requests)  # one in seven is still open past its deadline
    assert all(r.resolved_on is None or r.resolved_on <= r.due_on for r in requests)
    assert not requests.filter(raised_on__gt=today).exists()
    # The H1 2023 work is as it was.
    admin = User.objects.get(username="admin")
    assert selectors.visited_enterprises_in_period(admin, golmud, START, END).count() > 30
    assert (
        selectors.visits_in_period(admin, golmud, START, END).count()
        == Visit.objects.filter(visited_on__lte=END).count()
    )
    # Loading later adds the visits that fell due since, and nothing else.
    before = set(recent.values_list("pk", flat=True))
    with freeze_time(later):
        _load_all()
    added = Visit.objects.filter(visited_on__gt=END).exclude(pk__in=before)
    assert sorted(added.values_list("visited_on", flat=True)) == [
        d for d in (days[-1] + dt.timedelta(days=10 * k) for k in range(1, 10)) if d <= later
    ]


def test_a_later_load_carries_an_open_request_forward(golmud):
    # The 2026 request of the "technology" kind (7-day limit), loaded the day after it was raised.
    n = next(
        n
        for n in range(1000)
        if n % len(services_demo.RECENT_REQUESTS) == 1
        and services_demo.SINCE + dt.timedelta(days=n * services_demo.REQUEST_EVERY) >= dt.date(2026, 3, 1)
    )
    raised_on = services_demo.SINCE + dt.timedelta(days=n * services_demo.REQUEST_EVERY)
    with freeze_time(raised_on + dt.timedelta(days=1)):
        _load_all()
    request = EnterpriseRequest.objects.get(raised_on=raised_on)
    assert request.status == "in_progress" and request.category.code == "technology"
    with freeze_time(raised_on + dt.timedelta(days=30)):
        _load_all()
    request.refresh_from_db()
    assert request.status == "resolved" and request.resolved_on == raised_on + dt.timedelta(days=6)
    assert EnterpriseRequest.objects.filter(raised_on=raised_on).count() == 1
