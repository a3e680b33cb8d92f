"""Fact providers reading the service work: visits (by visit date), the enterprises visited, the topics
covered and the service agencies that took part, and the enterprise requests raised and resolved."""

from typing import NamedTuple

from django.apps import apps
from django.utils.translation import gettext_noop as _

from innoladder.core.scoping import for_user
from innoladder.enterprises.models import park_q

from ..choices import Section
from ..facts import in_period, label_of, listed, phrase, records
from . import park_rows, period_rows, provider, selector

CHUNK = 500
# The visits' sentence, by (topics recorded, a service agency took part).
VISIT_TEMPLATES = {
    (False, False): _("深入{names}{figure}开展上门走访服务"),
    (True, False): _("深入{names}{figure}开展上门走访服务，围绕{topics}等方面开展政策宣讲和服务指导"),
    (False, True): _("深入{names}{figure}开展上门走访服务，并组织第三方服务机构参与"),
    (True, True): _(
        "深入{names}{figure}开展上门走访服务，围绕{topics}等方面开展政策宣讲和服务指导，并组织第三方服务机构参与"
    ),
}


class Visited(NamedTuple):
    """A visit as the report counts it."""

    pk: int
    topics: list | None
    agency_id: int | None


def visits_in_period(user, park, start, end):
    found = selector("services", "visits_in_period")
    if found is not None:
        return found(user, park, start, end)
    visit = apps.get_model("services", "Visit")
    ids = visit.objects.filter(park_q("enterprises__park", park)).values("pk")
    return for_user(visit.objects.all(), user).filter(pk__in=ids, **in_period("visited_on", start, end))


@provider("services.visits", Section.SERVICES, requires=("services.Visit",), order=10)
def visits(this, user, park, start, end):
    """ "深入隆盛石化、西豫有色等32家企业开展上门走访服务…": enterprises ordered by their first visit."""
    # The visits read as values of the columns the facts use, and their enterprises as (visit, enterprise) id
    # pairs: an enterprise object per visit of it was most of the time of this provider (issue 23).
    rows = [
        Visited(pk, topics, agency_id)
        for pk, topics, agency_id in visits_in_period(user, park, start, end)
        .order_by("visited_on", "pk")
        .prefetch_related(None)  # the selector's prefetch reads every column of every enterprise
        .values_list("pk", "topics", "agency_id")
    ]
    if not rows:
        return []
    # The enterprises of these visits the user may see: those of the park in the user's scope, read once
    # (the services selector `visited_enterprises_in_period` says the same, but SQLite probes its list of
    # visits once per enterprise of the park: 24 s at 10,000 enterprises, issue 23).
    enterprise_model = apps.get_model("enterprises", "Enterprise")
    visible = set(park_rows(user, park, "enterprises.Enterprise", "park").values_list("pk", flat=True))
    links = apps.get_model("services", "Visit").enterprises.through.objects
    visited: dict[int, list[int]] = {}
    visit_ids = sorted(v.pk for v in rows)
    for begin in range(0, len(visit_ids), CHUNK):
        chunk = visit_ids[begin : begin + CHUNK]
        for visit_id, enterprise_id in links.filter(visit_id__in=chunk).values_list(
            "visit_id", "enterprise_id"
        ):
            visited.setdefault(visit_id, []).append(enterprise_id)
    order = []
    seen: set[int] = set()  # a set, not the list: tens of thousands of visits (issue 23)
    for visit in rows:
        for enterprise_id in sorted(visited.get(visit.pk, ())):
            # `visible` holds the enterprises of the park(s) only
            if enterprise_id in visible and enterprise_id not in seen:
                seen.add(enterprise_id)
                order.append(enterprise_id)
    by_pk = {}
    ordered_ids = sorted(order)
    for begin in range(0, len(ordered_ids), CHUNK):
        chunk = ordered_ids[begin : begin + CHUNK]
        by_pk.update((e.pk, e) for e in records(enterprise_model.objects.filter(pk__in=chunk), path=""))
    enterprises = [by_pk[pk] for pk in order]
    topics = []
    labels = {}
    topic_choices = _topic_choices()
    for visit in rows:
        for code in visit.topics or []:
            if code != "other" and code not in topics:
                topics.append(code)
                labels[code] = str(topic_choices.get(code, code))
    order = list(topic_choices)
    topics.sort(key=lambda code: order.index(code) if code in order else len(order))
    agencies = sum(1 for v in rows if v.agency_id)
    template = phrase(
        VISIT_TEMPLATES[bool(topics), bool(agencies)], topics=listed(label_of(labels[c]) for c in topics)
    )
    facts = this.facts_from_rows(
        enterprises,
        enterprises,
        key="services.visited_enterprises",
        model="enterprises.Enterprise",
        label=_("走访企业"),
        template=template,
        date_field="",
        unit="家企业",
        counts_enterprises=True,
    )
    facts += this.facts_from_rows(
        rows,
        enterprises,
        step=1,
        model="services.Visit",
        label=_("走访次数"),
        template=_("累计开展走访{figure}"),
        date_field="visited_on",
        unit="次",
    )
    return facts


def _topic_choices() -> dict:
    try:
        from innoladder.services.choices import Topic
    except ImportError:
        return {}
    return dict(Topic.choices)


def requests_in_period(user, park, start, end):
    return period_rows(
        user, park, start, end, "services.EnterpriseRequest", "raised_on", selector_name="requests_in_period"
    )


@provider("services.requests", Section.SERVICES, requires=("services.EnterpriseRequest",), order=20)
def requests(this, user, park, start, end):
    facts = this.rows_fact(
        requests_in_period(user, park, start, end),
        label=_("收集企业诉求"),
        template=_("收集{names}企业诉求{figure}"),
        date_field="raised_on",
        unit="件",
    )
    resolved = period_rows(user, park, start, end, "services.EnterpriseRequest", "resolved_on")
    facts += this.rows_fact(
        resolved.filter(status="resolved"),
        key="services.requests_resolved",
        step=1,
        label=_("办结企业诉求"),
        template=_("办结{names}企业诉求{figure}"),
        date_field="resolved_on",
        unit="件",
    )
    return facts
