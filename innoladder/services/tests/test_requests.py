import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innoladder.core.models import AuditEntry, AuditEvent
from innoladder.services import selectors, services
from innoladder.services.choices import RequestStatus
from innoladder.services.models import EnterpriseRequest, RequestCategory

from .factories import category, make_request, make_visit

pytestmark = pytest.mark.django_db


def test_categories_are_seeded_with_1_3_7_30_day_rules():
    days = set(RequestCategory.objects.values_list("days", flat=True))
    assert {1, 3, 7, 30} <= days


@pytest.mark.parametrize(
    ("code", "due"),
    [
        ("policy", dt.date(2023, 3, 2)),
        ("project", dt.date(2023, 3, 4)),
        ("funding", dt.date(2023, 3, 8)),
        ("factors", dt.date(2023, 3, 31)),
    ],
)
def test_request_deadline_follows_its_category(cast, code, due):
    req = make_request(cast.officer, cast.ent_a, code=code, raised_on=dt.date(2023, 3, 1))
    assert req.due_on == due


def test_changed_category_days_apply_to_new_requests(cast):
    cat = category("policy")
    cat.days = 5
    cat.save()
    req = make_request(cast.officer, cast.ent_a, code="policy", raised_on=dt.date(2023, 3, 1))
    assert req.due_on == dt.date(2023, 3, 6)


def test_editing_category_recomputes_deadline(cast):
    req = make_request(cast.officer, cast.ent_a, code="policy", raised_on=dt.date(2023, 3, 1))
    services.request_update(request=req, user=cast.officer, category=category("factors"))
    req.refresh_from_db()
    assert req.due_on == dt.date(2023, 3, 31)


def test_overdue_query_matches_rule_at_the_boundary(cast):
    req = make_request(cast.officer, cast.ent_a, code="project", raised_on=dt.date(2023, 3, 1))  # due 3-4
    qs = selectors.request_list(cast.officer)
    assert not selectors.overdue_requests(qs, dt.date(2023, 3, 4)).exists()
    assert list(selectors.overdue_requests(qs, dt.date(2023, 3, 5))) == [req]
    assert req.overdue_on(dt.date(2023, 3, 4)) is False
    assert req.overdue_on(dt.date(2023, 3, 5)) is True
    services.request_transition(request=req, user=cast.officer, to_status=RequestStatus.IN_PROGRESS)
    assert list(selectors.overdue_requests(qs, dt.date(2023, 3, 5))) == [req]
    services.request_transition(
        request=req, user=cast.officer, to_status=RequestStatus.RESOLVED, resolution="已协助提交"
    )
    assert not selectors.overdue_requests(qs, dt.date(2023, 3, 5)).exists()


def test_legal_path_writes_history_and_audit(cast):
    req = make_request(cast.officer, cast.ent_a)
    services.request_transition(
        request=req, user=cast.officer, to_status=RequestStatus.IN_PROGRESS, comment="受理"
    )
    services.request_transition(
        request=req,
        user=cast.agency,
        to_status=RequestStatus.RESOLVED,
        resolution="已完成",
        on=dt.date(2023, 3, 3),
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.RESOLVED
    assert req.resolved_on == dt.date(2023, 3, 3)
    steps = list(req.history.values_list("from_status", "to_status", "actor__username"))
    assert steps == [
        ("", "pending", "officer"),
        ("pending", "in_progress", "officer"),
        ("in_progress", "resolved", "agency"),
    ]
    transitions = AuditEntry.objects.filter(event_type=AuditEvent.TRANSITION, object_id=str(req.pk))
    assert transitions.count() == 2
    assert AuditEntry.objects.filter(event_type=AuditEvent.CREATE, object_id=str(req.pk)).count() == 1


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], RequestStatus.RESOLVED),  # cannot resolve before accepting
        ([], RequestStatus.PENDING),
        ([RequestStatus.IN_PROGRESS], RequestStatus.PENDING),
        ([RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED], RequestStatus.IN_PROGRESS),
        ([RequestStatus.RETURNED], RequestStatus.IN_PROGRESS),
    ],
)
def test_illegal_transitions_are_refused_in_chinese(cast, path, illegal):
    req = make_request(cast.officer, cast.ent_a)
    for step in path:
        services.request_transition(
            request=req, user=cast.officer, to_status=step, comment="原因", resolution="结果"
        )
    before = req.history.count()
    with pytest.raises(ValidationError, match="不能变更为"):
        services.request_transition(
            request=req, user=cast.officer, to_status=illegal, comment="x", resolution="y"
        )
    assert req.history.count() == before


def test_return_needs_a_reason_and_resolve_needs_a_result(cast):
    req = make_request(cast.officer, cast.ent_a)
    with pytest.raises(ValidationError, match="退回原因"):
        services.request_transition(request=req, user=cast.officer, to_status=RequestStatus.RETURNED)
    services.request_transition(request=req, user=cast.officer, to_status=RequestStatus.IN_PROGRESS)
    with pytest.raises(ValidationError, match="办理结果"):
        services.request_transition(request=req, user=cast.officer, to_status=RequestStatus.RESOLVED)
    services.request_transition(
        request=req, user=cast.officer, to_status=RequestStatus.RETURNED, comment="不属于职责"
    )
    req.refresh_from_db()
    assert req.return_reason == "不属于职责"


def _in_progress(cast):
    req = make_request(cast.user_a, cast.ent_a)
    services.request_transition(request=req, user=cast.officer, to_status=RequestStatus.IN_PROGRESS)
    return req


def _resolve(req, cast):
    services.request_transition(
        request=req, user=cast.officer, to_status=RequestStatus.RESOLVED, resolution="ok"
    )


def _resolved(cast):
    req = _in_progress(cast)
    _resolve(req, cast)
    return req


def test_satisfaction_only_after_resolved(cast):
    req = _in_progress(cast)
    with pytest.raises(ValidationError, match="办结后"):
        services.request_rate(request=req, user=cast.user_a, score=5)
    _resolve(req, cast)
    services.request_rate(request=req, user=cast.user_a, score=4, note="及时")
    req.refresh_from_db()
    assert (req.satisfaction, req.satisfaction_note) == (4, "及时")


@pytest.mark.parametrize("who", ["officer", "admin", "agency", "user_b"])
def test_satisfaction_only_by_the_enterprise_itself(cast, who):
    req = _resolved(cast)
    with pytest.raises(ValidationError, match="企业本身"):
        services.request_rate(request=req, user=getattr(cast, who), score=5)
    req.refresh_from_db()
    assert req.satisfaction is None


@pytest.mark.parametrize("score", [0, 6])
def test_satisfaction_range(cast, score):
    req = _resolved(cast)
    with pytest.raises(ValidationError, match="1至5"):
        services.request_rate(request=req, user=cast.user_a, score=score)


def test_enterprise_user_raises_request_through_the_page(client, cast):
    client.force_login(cast.user_a)
    response = client.post(
        "/services/requests/new/",
        {"category": category("funding").pk, "title": "申请资金", "description": "说明"},
    )
    assert response.status_code == 302
    req = EnterpriseRequest.objects.get(title="申请资金")
    assert req.enterprise == cast.ent_a
    assert req.raised_by == cast.user_a
    assert req.status == RequestStatus.PENDING


def test_enterprise_user_cannot_handle_own_request(client, cast):
    req = make_request(cast.user_a, cast.ent_a)
    client.force_login(cast.user_a)
    response = client.post(
        f"/services/requests/{req.pk}/transition/", {"to_status": "in_progress", "version": 1}
    )
    assert response.status_code == 404
    req.refresh_from_db()
    assert req.status == RequestStatus.PENDING


def test_rating_through_the_page(client, cast):
    req = _resolved(cast)
    client.force_login(cast.user_a)
    response = client.post(f"/services/requests/{req.pk}/rate/", {"score": "5", "note": ""})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.satisfaction == 5


def test_category_change_in_admin_is_audited(client, cast):
    cat = category("policy")
    client.force_login(cast.sysadmin)  # reference data is the 系统管理员's (三权分立)
    response = client.post(
        f"/sysadmin/services/requestcategory/{cat.pk}/change/",
        {"code": cat.code, "name": cat.name, "days": 2, "order": cat.order, "active": "on"},
    )
    assert response.status_code == 302
    cat.refresh_from_db()
    assert cat.days == 2
    entry = AuditEntry.objects.get(event_type=AuditEvent.UPDATE, object_type="services.RequestCategory")
    assert entry.changes["days"] == [1, 2]


def test_officer_handles_request_through_the_page(client, cast):
    req = make_request(cast.user_a, cast.ent_a)
    client.force_login(cast.officer)
    url = f"/services/requests/{req.pk}/transition/"
    assert (
        client.post(
            url, {"to_status": "in_progress", "comment": "已受理", "version": req.version}
        ).status_code
        == 302
    )
    req.refresh_from_db()
    illegal = client.post(url, {"to_status": "pending", "version": req.version})
    assert "不能变更为" in illegal.content.decode()
    stale = client.post(url, {"to_status": "resolved", "resolution": "完成", "version": req.version - 1})
    assert "已被他人修改" in stale.content.decode()
    req.refresh_from_db()
    assert req.status == RequestStatus.IN_PROGRESS
    assert list(req.history.values_list("to_status", flat=True)) == ["pending", "in_progress"]


def test_stale_visit_edit_is_refused(cast):
    from innoladder.core.services import StaleEditError

    from .factories import make_visit

    visit = make_visit(cast.officer, [cast.ent_a])
    services.visit_update(
        visit=visit, user=cast.officer, enterprises=[cast.ent_a], expected_version=1, notes="第一次"
    )
    with pytest.raises(StaleEditError):
        services.visit_update(
            visit=visit, user=cast.agency, enterprises=[cast.ent_a], expected_version=1, notes="基于旧版本"
        )


def test_request_refuses_a_visit_of_another_enterprise(cast):
    visit_b = make_visit(cast.officer, [cast.ent_b])
    with pytest.raises(ValidationError) as refused:
        make_request(cast.officer, cast.ent_a, visit=visit_b)
    assert "未走访“企业甲有限公司”" in refused.value.message_dict["visit"][0]
    assert not EnterpriseRequest.objects.exists()
    req = make_request(cast.officer, cast.ent_a)
    with pytest.raises(ValidationError):
        services.request_update(request=req, user=cast.officer, visit=visit_b)
    req.refresh_from_db()
    assert req.visit is None


def test_request_accepts_a_visit_of_several_enterprises_for_each_of_them(cast):
    visit = make_visit(cast.officer, [cast.ent_a, cast.ent_b])
    assert make_request(cast.officer, cast.ent_a, visit=visit).visit == visit
    assert make_request(cast.officer, cast.ent_b, visit=visit).visit == visit


def test_request_form_names_visits_by_date_and_enterprise(cast):
    from innoladder.services.forms import RequestForm

    visit_a = make_visit(cast.officer, [cast.ent_a], on=dt.date(2023, 3, 1))
    visit_b = make_visit(cast.officer, [cast.ent_b], on=dt.date(2023, 3, 1))
    make_visit(cast.other_officer, [cast.ent_other_park])
    labels = dict(RequestForm(user=cast.officer).fields["visit"].choices)
    named = {"---------", "2023-03-01 走访 企业甲有限公司", "2023-03-01 走访 企业乙有限公司"}
    assert set(labels.values()) == named
    assert str(visit_a) == "2023-03-01 走访"  # elsewhere (reports, the request page) named by its date
    for_a = RequestForm(user=cast.officer, initial={"enterprise": cast.ent_a})
    offered = [value for value, _ in for_a.fields["visit"].choices if value]
    assert offered == [visit_a.pk]
    assert visit_b.pk not in offered


def test_request_cannot_be_raised_after_today(cast):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        make_request(cast.officer, cast.ent_a, raised_on=today + dt.timedelta(days=1))
    assert refused.value.message_dict["raised_on"] == ["提出日期不能晚于今天。"]
    req = make_request(cast.officer, cast.ent_a, raised_on=today)
    with pytest.raises(ValidationError):
        services.request_update(request=req, user=cast.officer, raised_on=today + dt.timedelta(days=29))
    req.refresh_from_db()
    assert req.raised_on == today


def _visit_of_another_enterprise(cast) -> dict:
    return {"raised_on": "2023-03-02", "visit": make_visit(cast.officer, [cast.ent_b]).pk}


def _date_after_today(cast) -> dict:
    return {"raised_on": (timezone.localdate() + dt.timedelta(days=29)).isoformat()}


@pytest.mark.parametrize(
    ("refused", "message"),
    [
        (_visit_of_another_enterprise, "所选走访未走访“企业甲有限公司”"),
        (_date_after_today, "提出日期不能晚于今天。"),
    ],
)
def test_request_page_refuses_bad_input_and_keeps_what_was_typed(client, cast, refused, message):
    fields = refused(cast)
    client.force_login(cast.officer)
    response = client.post(
        "/services/requests/new/",
        {"enterprise": cast.ent_a.pk, "category": category("funding").pk, "title": "申请资金扶持", **fields},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "申请资金扶持" in page and fields["raised_on"] in page
    assert not EnterpriseRequest.objects.exists()


def test_the_api_refuses_a_visit_of_another_enterprise_and_a_future_date(cast):
    from innoladder.api.tests.helpers import client_for

    visit_b = make_visit(cast.officer, [cast.ent_b])
    client = client_for(cast.officer)
    body = {"enterprise": cast.ent_a.pk, "category": category("funding").pk, "title": "人才公寓"}
    wrong_visit = client.post("/api/v1/requests/", {**body, "visit": visit_b.pk}, format="json")
    assert wrong_visit.status_code == 400
    assert "所选走访未走访“企业甲有限公司”" in str(wrong_visit.json())
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    too_late = client.post("/api/v1/requests/", {**body, "raised_on": future}, format="json")
    assert too_late.status_code == 400 and "提出日期不能晚于今天。" in str(too_late.json())
    assert not EnterpriseRequest.objects.exists()
