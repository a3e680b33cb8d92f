"""The whole cast × every endpoint: each token reaches exactly what its account reaches on the web pages.

Enterprise users see their enterprise, agencies their assigned ones (while the assignment runs), officers
their parks, auditors read their parks and write nothing, the administrator duties get nothing (403),
anonymous callers 401, and anything outside scope is 404.
"""

import datetime as dt

import pytest
from django.urls import get_resolver

from .helpers import client_for

pytestmark = pytest.mark.django_db

DUTIES = ("sysadmin", "secadmin", "auditadmin")
# Who reads the records of enterprise A (park 格尔木) and of the other park's enterprise. A regional officer
# of 格尔木's region (when the cast has one) reads as the park's auditor does.
SEES_A = {"admin", "officer", "agency", "user_a", "auditor", "regional"}
SEES_OTHER = {"admin", "other_officer"}
BUREAU = {"admin", "officer", "auditor", "regional"}  # reports and statistics of the park
READ_ONLY = ("auditor", "regional")


def _urls(cast, world) -> dict[str, tuple[str, set[str]]]:
    """URL name → (a URL, the cast names that get 200; everyone else of the cast gets 404)."""
    from innoladder.assessments.selectors import may_see_candidates

    a, other = cast.ent_a.pk, cast.ent_other_park.pk
    # The candidates page's own role gate (enterprise users have none): the API answers as the page.
    candidate_readers = {name for name, user in cast.users().items() if user and may_see_candidates(user)}
    return {
        "enterprise_list": ("/api/v1/enterprises/", set(cast.users()) - {"anonymous"}),
        "enterprise_detail": (f"/api/v1/enterprises/{a}/", SEES_A),
        "assessment_list": (f"/api/v1/assessments/?enterprise={a}", SEES_A),
        "assessment_detail": (f"/api/v1/assessments/{world.a.assessment.pk}/", SEES_A),
        "candidate_list": ("/api/v1/candidates/", candidate_readers),
        "obligation_list": ("/api/v1/obligations/", set(cast.users()) - {"anonymous"}),
        "visit_list": ("/api/v1/visits/", set(cast.users()) - {"anonymous"}),
        "visit_detail": (f"/api/v1/visits/{world.a.visit.pk}/", SEES_A),
        "request_list": ("/api/v1/requests/", set(cast.users()) - {"anonymous"}),
        "request_detail": (f"/api/v1/requests/{world.a.request.pk}/", SEES_A),
        "submission_list": ("/api/v1/submissions/", set(cast.users()) - {"anonymous"}),
        "submission_detail": (f"/api/v1/submissions/{world.a.submission.pk}/", SEES_A),
        "statistics": (f"/api/v1/statistics/?park={cast.park.pk}", BUREAU),
        "report_list": ("/api/v1/reports/", BUREAU | {"other_officer"}),
        "report_detail": (f"/api/v1/reports/{world.report.pk}/", BUREAU),
        "assess": ("/api/v1/assess", set(cast.users()) - {"anonymous"}),
        # The other park's records.
        "enterprise_detail#other": (f"/api/v1/enterprises/{other}/", SEES_OTHER),
        "assessment_detail#other": (f"/api/v1/assessments/{world.other.assessment.pk}/", SEES_OTHER),
        "assessment_list#other": (f"/api/v1/assessments/?enterprise={other}", SEES_OTHER),
        "visit_detail#other": (f"/api/v1/visits/{world.other.visit.pk}/", SEES_OTHER),
        "request_detail#other": (f"/api/v1/requests/{world.other.request.pk}/", SEES_OTHER),
        "submission_detail#other": (f"/api/v1/submissions/{world.other.submission.pk}/", SEES_OTHER),
    }


def _api_names() -> set[str]:
    resolver = get_resolver()
    api = next(p for p in resolver.url_patterns if getattr(p, "namespace", None) == "api")
    v1 = next(p for p in api.url_patterns if str(p.pattern) == "v1/")
    return {p.name for p in v1.url_patterns if p.name} - {"schema", "docs"}


FACTS = {"uscc": "91632801MA752XK41R", "name": "格尔木示例企业", "as_of": "2026-05-20"}


def _call(client, name: str, url: str):
    if name == "assess":
        return client.post(url, FACTS, format="json")
    return client.get(url)


def test_every_endpoint_is_in_the_access_table(cast, world):
    assert {name.split("#")[0] for name in _urls(cast, world)} == _api_names()


def test_the_whole_cast_on_every_endpoint(cast, world):
    clients = {name: client_for(user) for name, user in cast.users().items()}
    clients.update({duty: client_for(getattr(cast, duty)) for duty in DUTIES})
    wrong = {}
    for key, (url, readers) in _urls(cast, world).items():
        for name, client in clients.items():
            want = 401 if name == "anonymous" else 403 if name in DUTIES else 200 if name in readers else 404
            got = _call(client, key.split("#")[0], url).status_code
            if got != want:
                wrong[(key, name)] = (want, got)
    assert not wrong, f"unexpected statuses (want, got): {wrong}"


def _ids(client, url, field="id") -> set:
    rows, page = [], url
    while page:
        data = client.get(page).json()
        rows += data["results"]
        page = data["next"]
    return {row[field] for row in rows}


def test_each_list_holds_exactly_the_users_scope(cast, world):
    a, b, other = cast.ent_a.pk, cast.ent_b.pk, cast.ent_other_park.pk
    enterprises = {
        "admin": {a, b, other},
        "officer": {a, b},
        "other_officer": {other},
        "agency": {a},
        "expired_agency": set(),
        "user_a": {a},
        "user_b": {b},
        "auditor": {a, b},
        "regional": {a, b},
    }
    va, vo = world.a.visit.pk, world.other.visit.pk
    visits = {
        name: ({va} if a in ids else set()) | ({vo} if other in ids else set())
        for name, ids in enterprises.items()
    }
    ra, ro = world.a.request.pk, world.other.request.pk
    requests = {name: {ra if v == va else ro for v in ids} for name, ids in visits.items()}
    for name, user in cast.users().items():
        if user is None:
            continue
        client = client_for(user)
        assert _ids(client, "/api/v1/enterprises/") == enterprises[name], name
        assert _ids(client, "/api/v1/submissions/", "enterprise") == enterprises[name], name
        assert _ids(client, "/api/v1/visits/") == visits[name], name
        assert _ids(client, "/api/v1/requests/") == requests[name], name


def _visit(enterprise):
    return {"visited_on": dt.date.today().isoformat(), "enterprises": [enterprise.pk], "topics": ["policy"]}


def test_writes_follow_the_web_pages_and_the_auditor_writes_nothing(cast, world):
    a, other = cast.ent_a, cast.ent_other_park
    for name in (*READ_ONLY, "user_a", "expired_agency"):
        if getattr(cast, name, None) is None:
            continue
        assert (
            client_for(getattr(cast, name)).post("/api/v1/visits/", _visit(a), format="json").status_code
            == 404
        )
    for name in ("admin", "officer", "agency"):
        assert (
            client_for(getattr(cast, name)).post("/api/v1/visits/", _visit(a), format="json").status_code
            == 201
        )
    response = client_for(cast.officer).post("/api/v1/visits/", _visit(other), format="json")
    assert response.status_code == 400 and "enterprises" in response.json()["errors"]

    raised = {"category": world.category.pk, "title": "融资诉求"}
    for name in READ_ONLY:
        if getattr(cast, name, None) is not None:
            assert (
                client_for(getattr(cast, name)).post("/api/v1/requests/", raised, format="json").status_code
                == 404
            )
    own = client_for(cast.user_a).post("/api/v1/requests/", {**raised, "enterprise": other.pk}, format="json")
    assert own.status_code == 201 and own.json()["enterprise"] == a.pk  # an enterprise raises its own only
    outside = client_for(cast.agency).post(
        "/api/v1/requests/", {**raised, "enterprise": other.pk}, format="json"
    )
    assert outside.status_code == 400

    body = {"values": {"employees": "60"}, "version": world.a.submission.version}
    for name in (*READ_ONLY, "user_b", "other_officer", "expired_agency"):
        if getattr(cast, name, None) is None:
            continue
        url = f"/api/v1/submissions/{world.a.submission.pk}/"
        assert client_for(getattr(cast, name)).put(url, body, format="json").status_code == 404, name
    url = f"/api/v1/submissions/{world.a.submission.pk}/"
    assert client_for(cast.user_a).put(url, body, format="json").status_code == 200
