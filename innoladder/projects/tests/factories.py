import datetime as dt
from decimal import Decimal

from innoladder.projects import services


def make_project(user, enterprise, title="盐湖提锂关键技术研究", **fields):
    defaults = {
        "programme": "青海省重点研发与转化计划",
        "level": "provincial",
        "year": 2023,
        "batch": "第一批",
        "government_funding": Decimal("1000000.00"),
        "self_raised": Decimal("500000.00"),
        "applied_on": dt.date(2022, 10, 1),
    }
    return services.project_create(user=user, enterprise=enterprise, title=title, **(defaults | fields))


def approve(user, project, on):
    return services.project_transition(project=project, user=user, to_status="approved", on=on)
