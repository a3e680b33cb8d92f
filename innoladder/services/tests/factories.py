"""Builders for the service-work tests (services, projects, cooperation)."""

import datetime as dt

from innoladder.services import services
from innoladder.services.choices import Topic
from innoladder.services.models import RequestCategory


def category(code="project") -> RequestCategory:
    return RequestCategory.objects.get(code=code)


def make_visit(user, enterprises, on=dt.date(2023, 3, 1), topics=(Topic.PROJECT,), **fields):
    return services.visit_create(
        user=user, enterprises=list(enterprises), visited_on=on, topics=list(topics), **fields
    )


def make_request(user, enterprise, code="project", raised_on=dt.date(2023, 3, 1), **fields):
    return services.request_create(
        user=user,
        enterprise=enterprise,
        category=category(code),
        title="协助申报项目",
        raised_on=raised_on,
        **fields,
    )
