"""Golmud demo (issue 9), projects part: earlier S&T plan projects tracked (东台锂资源, approved
2021–2022, now 在研 and 验收) and the two 盐湖股份 projects approved (立项) in the province's first 2023
batch. Idempotent by (lead enterprise, title); enterprises not yet registered are skipped.
"""

import datetime as dt
from decimal import Decimal

from innoladder.accounts.models import User
from innoladder.enterprises.models import Enterprise, Park

from . import services
from .models import Project

GOLMUD = "格尔木工业园"
BATCH_2023 = "2023年第一批"
PROJECTS = (
    {
        "lead": "东台锂资源",
        "title": "东台吉乃尔盐湖卤水吸附法提锂关键技术产业化",
        "programme": "青海省重点研发与转化计划",
        "level": "provincial",
        "year": 2021,
        "batch": "2021年第二批",
        "number": "2021-GX-C12",
        "government_funding": Decimal("3000000"),
        "self_raised": Decimal("12000000"),
        "applied_on": dt.date(2021, 3, 20),
        "starts_on": dt.date(2021, 7, 1),
        "ends_on": dt.date(2023, 12, 31),
        "path": [
            ("approved", dt.date(2021, 6, 18)),
            ("in_progress", dt.date(2021, 7, 1)),
            ("midterm", dt.date(2022, 7, 10)),
            ("in_progress", dt.date(2022, 8, 1)),
        ],
        "milestones": [("项目验收材料提交", dt.date(2023, 12, 31))],
        "report": (dt.date(2023, 5, 30), "完成万吨级吸附提锂生产线连续运行试验，锂收率达到合同指标。"),
    },
    {
        "lead": "东台锂资源",
        "title": "高镁锂比卤水碳酸锂结晶过程控制技术研究",
        "programme": "青海省基础研究计划",
        "level": "provincial",
        "year": 2022,
        "batch": "2022年第一批",
        "number": "2022-ZJ-915",
        "government_funding": Decimal("800000"),
        "self_raised": Decimal("1600000"),
        "applied_on": dt.date(2022, 2, 25),
        "starts_on": dt.date(2022, 6, 1),
        "ends_on": dt.date(2023, 5, 31),
        "path": [
            ("approved", dt.date(2022, 5, 20)),
            ("in_progress", dt.date(2022, 6, 1)),
            ("acceptance", dt.date(2023, 6, 15)),
        ],
        "milestones": [],
        "report": (dt.date(2023, 6, 10), "完成结晶过程控制模型及中试验证，提交验收申请。"),
    },
    {
        "lead": "盐湖股份",
        "title": "低钠盐制备工艺技术研究与示范",
        "programme": "青海省重点研发与转化计划",
        "level": "provincial",
        "year": 2023,
        "batch": BATCH_2023,
        "number": "2023-SF-101",
        "government_funding": Decimal("2000000"),
        "self_raised": Decimal("6000000"),
        "applied_on": dt.date(2022, 11, 15),
        "starts_on": dt.date(2023, 5, 1),
        "ends_on": dt.date(2025, 4, 30),
        "path": [("approved", dt.date(2023, 4, 26))],
        "milestones": [("中期检查", dt.date(2024, 4, 30)), ("项目验收", dt.date(2025, 4, 30))],
        "report": None,
    },
    {
        "lead": "盐湖股份",
        "title": "基于盐湖提锂的预处理膜过程关键技术研究及应用示范",
        "programme": "青海省重点研发与转化计划",
        "level": "provincial",
        "year": 2023,
        "batch": BATCH_2023,
        "number": "2023-SF-102",
        "government_funding": Decimal("3000000"),
        "self_raised": Decimal("9000000"),
        "applied_on": dt.date(2022, 11, 15),
        "starts_on": dt.date(2023, 5, 1),
        "ends_on": dt.date(2025, 12, 31),
        "path": [("approved", dt.date(2023, 4, 26))],
        "milestones": [("中期检查", dt.date(2024, 6, 30)), ("项目验收", dt.date(2025, 12, 31))],
        "report": None,
    },
)


def load() -> None:
    park = Park.objects.filter(name=GOLMUD).first()
    if park is None:
        return
    officer = User.objects.filter(username__iexact="officer").first()
    for spec in PROJECTS:
        spec = dict(spec)
        lead = Enterprise.objects.filter(park=park, name__contains=spec.pop("lead")).order_by("pk").first()
        if lead is None or Project.objects.filter(enterprise=lead, title=spec["title"]).exists():
            continue
        path = spec.pop("path")
        milestones = spec.pop("milestones")
        report = spec.pop("report")
        project = services.project_create(user=officer, enterprise=lead, is_demo=True, **spec)
        for status, on in path:
            services.project_transition(project=project, user=officer, to_status=status, on=on)
        for title, due_on in milestones:
            services.milestone_create(user=officer, project=project, title=title, due_on=due_on)
        if report is not None:
            services.report_create(user=officer, project=project, reported_on=report[0], summary=report[1])
