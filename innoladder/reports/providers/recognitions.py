"""Fact providers reading recognitions: applications being prepared or submitted (by the dates of their
workflow transitions) and recognitions issued in the period (by issue date)."""

from collections import defaultdict

from django.apps import apps

from innoladder.core.scoping import for_user
from innoladder.enterprises.models import park_q

from ..choices import Section
from ..facts import facts_from_rows, in_period
from . import distinct_enterprises, lean, provider

PREPARING = ("intent", "preparing")
SUBMITTED = ("submitted", "reviewing", "publicised")


def _model(name: str):
    return apps.get_model("recognitions", name)


def scheme_label(obj) -> str:
    label = getattr(obj, "scheme_label", None)
    return label if label else obj.get_scheme_display()


def applications_at(user, park, start, end) -> list[tuple]:
    """Each application of the park with a transition in [start, end]: (application, status on `end`,
    first transition date in the period), from the recorded transition dates only."""
    transition = _model("ApplicationTransition")
    moves = (
        lean(for_user(transition.objects.all(), user), "application__enterprise")
        .filter(park_q("application__enterprise__park", park), on__lte=end)
        .select_related("application", "application__enterprise", "application__batch")
        .order_by("on", "at", "pk")
    )
    status: dict[int, str] = {}
    first_in_period: dict[int, object] = {}
    applications: dict[int, object] = {}
    for move in moves:
        app_id = move.application_id
        status[app_id] = move.to_status
        applications[app_id] = move.application
        if move.on >= start and app_id not in first_in_period:
            first_in_period[app_id] = move.on
    return [
        (applications[pk], status[pk], on)
        for pk, on in sorted(first_in_period.items(), key=lambda item: (item[1], item[0]))
    ]


def _grouped_application_facts(user, park, start, end, statuses, key_prefix, templates, label_text, order):
    groups: dict[tuple, list] = defaultdict(list)
    for application, status, _on in applications_at(user, park, start, end):
        if status not in statuses:
            continue
        batch = application.batch
        groups[(batch.scheme, application.kind, batch.pk)].append(application)
    facts = []
    for i, ((scheme, kind, _batch), rows) in enumerate(
        sorted(groups.items(), key=lambda g: g[1][0].started_on)
    ):
        batch = rows[0].batch
        enterprises = distinct_enterprises(rows)
        name = scheme_label(batch)
        facts += facts_from_rows(
            rows,
            enterprises,
            model="recognitions.Application",
            key=f"{key_prefix}.{kind}.{scheme}.{batch.pk}",
            section=Section.CULTIVATION,
            label=label_text.format(scheme=name, kind="重新认定" if kind == "renewal" else "申报"),
            template=templates[kind].format(scheme=name, batch=batch.name),
            date_field="started_on",
            unit="家企业",
            distinct_enterprises=True,
            order=order + i,
        )
    return facts


@provider(
    "recognitions.preparing",
    Section.CULTIVATION,
    requires=("recognitions.Application", "recognitions.ApplicationTransition"),
    order=10,
)
def preparing(user, park, start, end):
    """Applications worked on in the period and still being prepared at its end (意向/材料准备)."""
    return _grouped_application_facts(
        user,
        park,
        start,
        end,
        PREPARING,
        "recognitions.preparing",
        {
            "renewal": "先后协助{{names}}{{figure}}开展{scheme}重新认定准备工作",
            "new": "协助{{names}}{{figure}}做好{scheme}申报准备工作",
        },
        "{scheme}{kind}准备",
        10,
    )


@provider(
    "recognitions.submitted",
    Section.CULTIVATION,
    requires=("recognitions.Application", "recognitions.ApplicationTransition"),
    order=30,
)
def submitted(user, park, start, end):
    """Applications submitted and awaiting the decision at the end of the period."""
    return _grouped_application_facts(
        user,
        park,
        start,
        end,
        SUBMITTED,
        "recognitions.submitted",
        {
            "renewal": "组织{{names}}{{figure}}申报{batch}（重新认定），目前正在评审",
            "new": "组织{{names}}{{figure}}申报{batch}，目前正在评审",
        },
        "{scheme}申报在审",
        30,
    )


@provider("recognitions.issued", Section.CULTIVATION, requires=("recognitions.Recognition",), order=50)
def issued(user, park, start, end):
    """Recognitions issued in the period, by batch (or by scheme when recorded without a batch)."""
    recognition = _model("Recognition")
    rows = list(
        lean(for_user(recognition.objects.all(), user), "enterprise")
        .filter(park_q("enterprise__park", park), **in_period("issued_on", start, end))
        .select_related("enterprise", "batch")
        .order_by("issued_on", "pk")
    )
    groups: dict[tuple, list] = defaultdict(list)
    for row in rows:
        groups[(row.batch_id or row.scheme, row.renews_id is not None)].append(row)
    facts = []
    for i, ((group, renewal), members) in enumerate(groups.items()):
        first = members[0]
        scheme = scheme_label(first)
        enterprises = distinct_enterprises(members)
        if renewal:
            template = f"{{names}}{{figure}}通过{scheme}重新认定"
        elif first.batch is not None:
            template = f"{{names}}{{figure}}入选{first.batch.name}"
        else:
            template = f"{{names}}{{figure}}被认定为{first.get_level_display()}{scheme}"
        facts += facts_from_rows(
            members,
            enterprises,
            model="recognitions.Recognition",
            key=f"recognitions.issued.{first.scheme}.{group}.{'renewal' if renewal else 'new'}",
            section=Section.CULTIVATION,
            label=f"{scheme}{'重新认定' if renewal else '认定'}",
            template=template,
            date_field="issued_on",
            unit="家企业",
            distinct_enterprises=True,
            order=50 + i,
        )
    return facts
