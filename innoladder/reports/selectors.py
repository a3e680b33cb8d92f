"""Reads of the reports module: which parks and reports a user may see, and the rows behind a figure."""

from django.apps import apps
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from innoladder.accounts.choices import Role
from innoladder.core.scoping import for_user, is_staff_role
from innoladder.enterprises.models import Park

from .facts import Fact
from .models import WorkReport

READERS = (Role.ADMIN, Role.OFFICER, Role.AUDITOR)


def parks_for(user) -> QuerySet[Park]:
    """Parks whose reports and dashboards the user may read: admin all, officers and auditors their parks
    (an auditor bound to no park reads all), nobody else."""
    if not user.is_authenticated or not user.is_active or user.role not in READERS:
        return Park.objects.none()
    if user.role == Role.ADMIN:
        return Park.objects.all()
    own = user.parks.all()
    return Park.objects.filter(pk__in=own.values("pk"))


def park_get(user, pk) -> Park:
    return get_object_or_404(parks_for(user), pk=pk)


def default_park(user, requested=None) -> Park | None:
    """The park asked for in the query string (404 when out of scope), else the user's first park."""
    if requested not in (None, ""):
        try:
            return park_get(user, int(requested))
        except (TypeError, ValueError):
            return None
    return parks_for(user).order_by("name").first()


def can_write(user, park) -> bool:
    """Generating and editing reports is the bureau's work: admins and the park's officers."""
    return is_staff_role(user) and parks_for(user).filter(pk=park.pk).exists()


def report_list(user) -> QuerySet[WorkReport]:
    return WorkReport.objects.filter(park__in=parks_for(user)).select_related("park", "created_by")


def report_get(user, pk) -> WorkReport:
    return get_object_or_404(report_list(user).prefetch_related("edits"), pk=pk)


def report_facts(report: WorkReport) -> list[Fact]:
    return [Fact.from_json(data) for data in report.facts]


def fact_get(report: WorkReport, key: str) -> Fact:
    data = report.fact(key)
    if data is None:
        from django.http import Http404

        raise Http404
    return Fact.from_json(data)


def fact_rows(user, fact: Fact) -> list:
    """The rows a figure counted, as the viewer may see them now (scoped), in the order they were counted."""
    if not fact.model or not fact.row_ids:
        return []
    model = apps.get_model(fact.model)
    related = [
        f.name for f in model._meta.concrete_fields if f.is_relation and f.name in ("enterprise", "park")
    ]
    qs = for_user(model._default_manager.filter(pk__in=fact.row_ids), user)
    if related:
        qs = qs.select_related(*related)
    by_pk = {row.pk: row for row in qs}
    return [by_pk[pk] for pk in fact.row_ids if pk in by_pk]
