"""Fact providers reading recognitions: applications being prepared or submitted (by the dates of their
workflow transitions) and recognitions issued in the period (by issue date)."""

from typing import NamedTuple

from django.apps import apps
from django.utils.translation import gettext_noop as _

from ..choices import Section
from ..facts import Named, label_of, phrase, records
from . import grouped, park_rows, period_rows, provider

PREPARING = ("intent", "preparing")
SUBMITTED = ("submitted", "reviewing", "publicised")


def _model(name: str):
    return apps.get_model("recognitions", name)


def scheme_label(obj) -> dict:
    """The scheme's name as a param: its label, translated, or the name recorded for an "other" scheme."""
    label = getattr(obj, "scheme_label", None)
    return label_of(label if label else obj.get_scheme_display())


class Applied(NamedTuple):
    """An application as the report counts it."""

    pk: int
    enterprise: Named
    kind: str
    batch_id: int
    started_on: object


def applications_at(user, park, start, end) -> list[tuple]:
    """Each application of the park with a transition in [start, end]: (application, status on `end`,
    first transition date in the period), from the recorded transition dates only. The transitions are read
    as values, each application once (`Applied`)."""
    moves = (
        park_rows(user, park, "recognitions.ApplicationTransition", "application__enterprise__park")
        .filter(on__lte=end)
        .order_by("on", "at", "pk")
        .values_list(
            "application_id",
            "to_status",
            "on",
            "application__kind",
            "application__batch_id",
            "application__started_on",
            "application__enterprise_id",
            "application__enterprise__name",
        )
    )
    status: dict[int, str] = {}
    first_in_period: dict[int, object] = {}
    applications: dict[int, Applied] = {}
    enterprises: dict[int, Named] = {}
    for app_id, to_status, on, kind, batch_id, started_on, enterprise_id, name in moves:
        status[app_id] = to_status
        if app_id not in applications:
            enterprise = enterprises.get(enterprise_id)
            if enterprise is None:
                enterprise = enterprises[enterprise_id] = Named(enterprise_id, name)
            applications[app_id] = Applied(app_id, enterprise, kind, batch_id, started_on)
        if on >= start and app_id not in first_in_period:
            first_in_period[app_id] = on
    return [
        (applications[pk], status[pk], on)
        for pk, on in sorted(first_in_period.items(), key=lambda item: (item[1], item[0]))
    ]


def applications_provider(key: str, order: int, statuses: tuple[str, ...], templates: dict, labels: dict):
    """Register the provider of the applications with a transition in the period whose status at its end is
    one of `statuses`: a fact per batch and kind (new or renewal), in the order the applications were
    started, its words by kind in `templates` and `labels`."""

    @provider(
        key,
        Section.CULTIVATION,
        requires=("recognitions.Application", "recognitions.ApplicationTransition"),
        order=order,
    )
    def applications(this, user, park, start, end):
        found = [
            application
            for application, status, _on in applications_at(user, park, start, end)
            if status in statuses
        ]
        batches = _model("Batch")._default_manager.in_bulk({a.batch_id for a in found})
        groups = grouped(found, lambda a: (batches[a.batch_id].scheme, a.kind, a.batch_id))

        def words(group, rows):
            scheme, kind, batch_id = group
            batch = batches[batch_id]
            name = scheme_label(batch)
            return {
                "part": f"{kind}.{scheme}.{batch.pk}",
                "label": phrase(labels[kind], scheme=name),
                "template": phrase(templates[kind], scheme=name, batch=batch.name),
            }

        by_start = dict(sorted(groups.items(), key=lambda g: g[1][0].started_on))
        return this.group_facts(by_start, words, model="recognitions.Application", date_field="started_on")


# Applications worked on in the period and still being prepared at its end (意向/材料准备).
applications_provider(
    "recognitions.preparing",
    10,
    PREPARING,
    templates={
        "renewal": _("先后协助{names}{figure}开展{scheme}重新认定准备工作"),
        "new": _("协助{names}{figure}做好{scheme}申报准备工作"),
    },
    labels={"renewal": _("{scheme}重新认定准备"), "new": _("{scheme}申报准备")},
)
# Applications submitted and awaiting the decision at the end of the period.
applications_provider(
    "recognitions.submitted",
    30,
    SUBMITTED,
    templates={
        "renewal": _("组织{names}{figure}申报{batch}（重新认定），目前正在评审"),
        "new": _("组织{names}{figure}申报{batch}，目前正在评审"),
    },
    labels={"renewal": _("{scheme}申报在审"), "new": _("{scheme}申报在审")},
)


@provider("recognitions.issued", Section.CULTIVATION, requires=("recognitions.Recognition",), order=50)
def issued(this, user, park, start, end):
    """Recognitions issued in the period, by batch (or by scheme when recorded without a batch)."""
    recognition = _model("Recognition")
    rows = records(
        period_rows(user, park, start, end, "recognitions.Recognition", "issued_on").order_by(
            "issued_on", "pk"
        ),
        "batch_id",
        "scheme",
        "renews_id",
    )
    groups = grouped(rows, lambda row: (row.batch_id or row.scheme, row.renews_id is not None))
    # The words of a group come from its first recognition, read whole (one per group, not per row).
    firsts = recognition._default_manager.select_related("batch").in_bulk([m[0].pk for m in groups.values()])

    def words(group_renewal, members):
        group, renewal = group_renewal
        first = firsts[members[0].pk]
        scheme = scheme_label(first)
        if renewal:
            template = phrase(_("{names}{figure}通过{scheme}重新认定"), scheme=scheme)
        elif first.batch is not None:
            template = phrase(_("{names}{figure}入选{batch}"), batch=first.batch.name)
        else:
            level = label_of(first.get_level_display())
            template = phrase(_("{names}{figure}被认定为{level}{scheme}"), level=level, scheme=scheme)
        return {
            "part": f"{first.scheme}.{group}.{'renewal' if renewal else 'new'}",
            "label": phrase(_("{scheme}重新认定") if renewal else _("{scheme}认定"), scheme=scheme),
            "template": template,
        }

    return this.group_facts(groups, words, model="recognitions.Recognition", date_field="issued_on")
