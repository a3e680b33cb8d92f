# ruff: noqa: E501 -- a project's status path reads three steps to a line
"""Golmud demo (issue 9), projects part: earlier S&T plan projects tracked (东台锂资源, approved
2021–2022, 在研 and 验收 in H1 2023) and the two 盐湖股份 projects approved (立项) in the province's first
2023 batch; then how they went on after the half year (dated steps, the ones after the load date left out),
and the park's projects of the last two years, dated relative to the load date (one just applied for, one
in research, one at its mid-term review). Idempotent by (lead enterprise, title): a project already there
gets the steps and milestones it does not have yet. Enterprises not yet registered are skipped.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from innoladder.accounts.models import User
from innoladder.enterprises.demo import park_enterprise
from innoladder.enterprises.models import Park

from . import services
from .models import Project

GOLMUD = "格尔木工业园"
BATCH_2023 = "2023年第一批"
D = dt.date
# The projects of the Golmud scenario, all provincial: (lead, title, programme, year, batch, number, (funding,
# own money) in yuan, (applied on, starts on, ends on), [(status, on)], [(milestone, due on, done on)],
# (report date, summary) or None).
# fmt: off
PROJECTS = (
    ("东台锂资源", "东台吉乃尔盐湖卤水吸附法提锂关键技术产业化", "青海省重点研发与转化计划", 2021, "2021年第二批", "2021-GX-C12",
     ("3000000", "12000000"), (D(2021, 3, 20), D(2021, 7, 1), D(2023, 12, 31)),
     [("approved", D(2021, 6, 18)), ("in_progress", D(2021, 7, 1)), ("midterm", D(2022, 7, 10)),
      ("in_progress", D(2022, 8, 1)), ("acceptance", D(2024, 1, 15)), ("closed", D(2024, 4, 20))],
     [("项目验收材料提交", D(2023, 12, 31), D(2023, 12, 28))],
     (D(2023, 5, 30), "完成万吨级吸附提锂生产线连续运行试验，锂收率达到合同指标。")),
    ("东台锂资源", "高镁锂比卤水碳酸锂结晶过程控制技术研究", "青海省基础研究计划", 2022, "2022年第一批", "2022-ZJ-915",
     ("800000", "1600000"), (D(2022, 2, 25), D(2022, 6, 1), D(2023, 5, 31)),
     [("approved", D(2022, 5, 20)), ("in_progress", D(2022, 6, 1)), ("acceptance", D(2023, 6, 15)),
      ("closed", D(2023, 9, 20))],
     [],
     (D(2023, 6, 10), "完成结晶过程控制模型及中试验证，提交验收申请。")),
    ("盐湖股份", "低钠盐制备工艺技术研究与示范", "青海省重点研发与转化计划", 2023, BATCH_2023, "2023-SF-101",
     ("2000000", "6000000"), (D(2022, 11, 15), D(2023, 5, 1), D(2025, 4, 30)),
     [("approved", D(2023, 4, 26)), ("in_progress", D(2023, 7, 3)), ("midterm", D(2024, 4, 26)),
      ("in_progress", D(2024, 5, 20)), ("acceptance", D(2025, 4, 28)), ("closed", D(2025, 8, 15))],
     [("中期检查", D(2024, 4, 30), D(2024, 4, 26)), ("项目验收", D(2025, 4, 30), D(2025, 4, 28))],
     None),
    ("盐湖股份", "基于盐湖提锂的预处理膜过程关键技术研究及应用示范", "青海省重点研发与转化计划", 2023, BATCH_2023, "2023-SF-102",
     ("3000000", "9000000"), (D(2022, 11, 15), D(2023, 5, 1), D(2025, 12, 31)),
     [("approved", D(2023, 4, 26)), ("in_progress", D(2023, 7, 3)), ("midterm", D(2024, 6, 28)),
      ("in_progress", D(2024, 7, 15)), ("acceptance", D(2025, 12, 26)), ("closed", D(2026, 4, 20))],
     [("中期检查", D(2024, 6, 30), D(2024, 6, 28)), ("项目验收", D(2025, 12, 31), D(2025, 12, 26))],
     None),
)
# fmt: on


# The last two years' projects, dated relative to the load date: (lead, title, programme, funding and
# own money in yuan, days since applied, [(status, days after applying)], [(milestone, days after
# applying, done days after applying or None)]).
RECENT = (
    (
        "盐湖镁业",
        "镁基固态储氢材料中试及示范应用",
        "青海省重点研发与转化计划",
        ("2500000", "7500000"),
        480,
        [("approved", 90), ("in_progress", 100), ("midterm", 450)],
        [("中期检查", 455, 450), ("项目验收", 820, None)],
    ),
    (
        "启迪清源新材料",
        "盐湖提锂纳滤膜规模化制备关键技术研究",
        "青海省重点研发与转化计划",
        ("1500000", "4500000"),
        260,
        [("approved", 75), ("in_progress", 85)],
        [("中期检查", 440, None), ("项目验收", 800, None)],
    ),
    (
        "柴达木储能",
        "高原高寒环境储能电池热管理系统研发",
        "青海省基础研究计划",
        ("600000", "1200000"),
        40,
        [],
        [],
    ),
)


def _carry_forward(project: Project, officer, path, milestones, today: dt.date) -> None:
    """The steps and milestones of the plan `project` does not have yet, as far as `today`."""
    done = project.history.exclude(from_status="").count()
    for status, on in path[done:]:
        if on <= today:
            services.project_transition(project=project, user=officer, to_status=status, on=on)
    for title, due_on, done_on in milestones:
        milestone = project.milestones.filter(title=title).first()
        if milestone is None:
            milestone = services.milestone_create(user=officer, project=project, title=title, due_on=due_on)
        if done_on is not None and done_on <= today and milestone.done_on is None:
            services.milestone_complete(user=officer, milestone=milestone, done_on=done_on)


def _project(park, officer, short: str, title: str, plan: tuple, money: tuple, dates: tuple, report=None):
    """The provincial project `title` of the park's enterprise `short`, created when it is not there yet
    from its `plan` (programme, year, batch, number), `money` (funding, own money) in yuan, `dates` (applied,
    starts, ends) and progress `report` (date, summary) or None; None while the enterprise is not registered."""
    lead = park_enterprise(park, short)
    if lead is None:
        return None
    project = Project.objects.filter(enterprise=lead, title=title).first()
    if project is None:
        programme, year, batch, number = plan
        project = services.project_create(
            user=officer,
            enterprise=lead,
            is_demo=True,
            title=title,
            programme=programme,
            level="provincial",
            year=year,
            batch=batch,
            number=number,
            government_funding=Decimal(money[0]),
            self_raised=Decimal(money[1]),
            applied_on=dates[0],
            starts_on=dates[1],
            ends_on=dates[2],
        )
        if report is not None:
            services.report_create(user=officer, project=project, reported_on=report[0], summary=report[1])
    return project


def load() -> None:
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return
    officer = User.objects.filter(username__iexact="officer").first()
    today = timezone.localdate()
    for short, title, *plan, money, dates, path, milestones, report in PROJECTS:
        project = _project(park, officer, short, title, tuple(plan), money, dates, report)
        if project is not None:
            _carry_forward(project, officer, path, milestones, today)
    for i, (short, title, programme, money, age, steps, milestones) in enumerate(RECENT):
        applied_on = today - dt.timedelta(days=age)
        approved = next(
            (applied_on + dt.timedelta(days=d) for status, d in steps if status == "approved"), None
        )
        year = (approved or applied_on).year
        if approved:
            plan = (programme, year, f"{year}年第一批", f"{year}-GX-{201 + i}")
            dates = (applied_on, approved + dt.timedelta(days=10), approved + dt.timedelta(days=730))
        else:
            plan, dates = (programme, year, "", ""), (applied_on, None, None)
        project = _project(park, officer, short, title, plan, money, dates)
        if project is None:
            continue
        day = project.applied_on
        _carry_forward(
            project,
            officer,
            [(status, day + dt.timedelta(days=d)) for status, d in steps],
            [
                (name, day + dt.timedelta(days=due), None if done is None else day + dt.timedelta(days=done))
                for name, due, done in milestones
            ],
            today,
        )
