import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innoladder.core.models import AuditEntry
from innoladder.funding import choices as c
from innoladder.funding import selectors, services
from innoladder.funding.models import FundApplication

from .factories import FundApplicationFactory, ProgrammeFactory

D = Decimal
S = c.ApplicationStatus


@pytest.fixture
def application(cast):
    programme = ProgrammeFactory(park=cast.park, cap=D("300000"))
    return services.fund_application_create(
        user=cast.user_a,
        enterprise=cast.ent_a,
        programme=programme,
        title="生产线智能化改造",
        requested_amount=D("400000"),
        applied_on=dt.date(2023, 3, 1),
    )


def _move(app, to, user, **kw):
    return services.fund_application_transition(application=app, to_status=to, user=user, **kw)


def test_approved_above_requested_or_cap_is_refused_in_chinese(cast, application):
    app = _move(application, S.ACCEPTED, cast.officer, on=dt.date(2023, 3, 5))
    with pytest.raises(ValidationError) as err:
        _move(app, S.APPROVED, cast.officer, amount=D("300000.01"))
    assert "超过该项目单户资助上限" in str(err.value)
    app.programme.cap = None
    app.programme.save()
    with pytest.raises(ValidationError) as err:
        _move(FundApplication.objects.get(pk=app.pk), S.APPROVED, cast.officer, amount=D("400000.01"))
    assert "超过申请金额" in str(err.value)
    app = _move(FundApplication.objects.get(pk=app.pk), S.APPROVED, cast.officer, amount=D("400000"))
    assert app.approved_amount == D("400000") and app.status == S.APPROVED


def test_approved_at_exactly_the_cap_is_accepted(cast, application):
    app = _move(application, S.ACCEPTED, cast.officer)
    app = _move(app, S.APPROVED, cast.officer, amount=D("300000"), on=dt.date(2023, 4, 1))
    assert app.approved_amount == D("300000") and app.decided_on == dt.date(2023, 4, 1)


def test_status_moves_one_step_at_a_time_and_writes_history(cast, application):
    with pytest.raises(ValidationError) as err:
        _move(application, S.APPROVED, cast.officer, amount=D(1))
    assert "不能变更为“已批准”" in str(err.value)
    app = _move(application, S.ACCEPTED, cast.officer, on=dt.date(2023, 3, 5))
    app = _move(app, S.APPROVED, cast.officer, amount=D("250000"), on=dt.date(2023, 4, 10))
    with pytest.raises(ValidationError):
        _move(app, S.PAID, cast.officer, amount=D("250000.01"), on=dt.date(2023, 5, 1))
    app = _move(FundApplication.objects.get(pk=app.pk), S.PAID, cast.officer, on=dt.date(2023, 5, 20))
    assert app.paid_amount == D("250000") and app.paid_on == dt.date(2023, 5, 20)
    steps = [(h.from_status, h.to_status) for h in app.history.all()]
    assert steps == [("", S.APPLIED), (S.APPLIED, S.ACCEPTED), (S.ACCEPTED, S.APPROVED), (S.APPROVED, S.PAID)]
    entries = AuditEntry.objects.filter(event_type="transition", object_id=str(app.pk)).order_by("pk")
    assert [e.message for e in entries] == ["申请 → 已受理", "已受理 → 已批准", "已批准 → 已拨付"]
    with pytest.raises(ValidationError):
        _move(app, S.ACCEPTED, cast.officer)


def test_rejection_needs_a_reason_and_ends_the_workflow(cast, application):
    app = _move(application, S.ACCEPTED, cast.officer)
    with pytest.raises(ValidationError):
        _move(app, S.REJECTED, cast.officer)
    app = _move(app, S.REJECTED, cast.officer, comment="不符合支持方向")
    assert app.status == S.REJECTED
    with pytest.raises(ValidationError):
        services.fund_application_update(application=app, user=cast.officer, title="改")


def test_only_bureau_staff_decide(cast, application, client):
    with pytest.raises(PermissionDenied):
        _move(application, S.ACCEPTED, cast.user_a)
    for user in (cast.user_a, cast.agency, cast.auditor):
        client.force_login(user)
        response = client.post(
            f"/funding/applications/{application.pk}/transition/",
            {"to_status": S.ACCEPTED, "on": "2023-03-05"},
        )
        assert response.status_code == 404
    client.force_login(cast.officer)
    client.post(
        f"/funding/applications/{application.pk}/transition/", {"to_status": S.ACCEPTED, "on": "2023-03-05"}
    )
    assert FundApplication.objects.get(pk=application.pk).status == S.ACCEPTED


def test_edit_cannot_touch_amounts_decided(cast, application):
    app = services.fund_application_update(
        application=application, user=cast.user_a, title="新名称", approved_amount=D(1), status=S.PAID
    )
    app.refresh_from_db()
    assert (app.title, app.approved_amount, app.status) == ("新名称", None, S.APPLIED)


def test_application_to_another_parks_programme_is_refused(cast):
    programme = ProgrammeFactory(park=cast.other_park)
    with pytest.raises(ValidationError) as err:
        services.fund_application_create(
            user=cast.officer,
            enterprise=cast.ent_a,
            programme=programme,
            title="x",
            requested_amount=D(1),
            applied_on=dt.date(2023, 1, 1),
        )
    assert "所在园区" in str(err.value)


def test_period_selectors_count_recorded_dates_and_exclude_rows_just_outside(cast):
    start, end = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
    factor = ProgrammeFactory(park=cast.park, kind=c.ProgrammeKind.FACTOR)
    upgrade = ProgrammeFactory(park=cast.park, kind=c.ProgrammeKind.TRANSFORMATION)
    inside = [
        FundApplicationFactory(enterprise=cast.ent_a, programme=factor, applied_on=start),
        FundApplicationFactory(enterprise=cast.ent_b, programme=upgrade, applied_on=end),
    ]
    FundApplicationFactory(enterprise=cast.ent_a, programme=factor, applied_on=dt.date(2022, 12, 31))
    FundApplicationFactory(enterprise=cast.ent_a, programme=factor, applied_on=dt.date(2023, 7, 1))
    FundApplicationFactory(enterprise=cast.ent_other_park, applied_on=dt.date(2023, 3, 1))
    got = list(selectors.fund_applications_in_period(cast.officer, cast.park, start, end))
    assert got == inside
    assert (
        list(selectors.fund_applications_in_period(cast.officer, cast.park, start, end, kind="factor"))
        == inside[:1]
    )
    by_kind = selectors.fund_applications_by_kind(cast.officer, cast.park, start, end)
    assert (by_kind["factor"]["n"], by_kind["transformation"]["n"], by_kind["voucher"]["n"]) == (1, 1, 0)
    # Scoped: user_a sees only enterprise A's rows.
    assert list(selectors.fund_applications_in_period(cast.user_a, cast.park, start, end)) == inside[:1]

    def decided(amount, decided_on, paid_on=None, paid=None):
        status = S.PAID if paid_on else S.APPROVED
        FundApplicationFactory(
            enterprise=cast.ent_a,
            programme=factor,
            requested_amount=D(amount),
            approved_amount=D(amount),
            decided_on=decided_on,
            paid_amount=D(paid) if paid else None,
            paid_on=paid_on,
            status=status,
        )

    decided("100000", dt.date(2023, 1, 1), dt.date(2023, 6, 30), "90000")
    decided("200000", dt.date(2023, 6, 30), dt.date(2023, 7, 1), "200000")
    decided("400000", dt.date(2022, 12, 31), dt.date(2023, 2, 1), "400000")
    decided("800000", dt.date(2023, 7, 1))
    FundApplicationFactory(
        enterprise=cast.ent_a, programme=factor, decided_on=dt.date(2023, 3, 1), status=S.REJECTED
    )
    assert selectors.funds_approved_total(cast.officer, cast.park, start, end) == D("300000")
    assert selectors.funds_paid_total(cast.officer, cast.park, start, end) == D("490000")
    assert selectors.funds_paid_total(cast.user_b, cast.park, start, end) == D(0)


@pytest.mark.parametrize(
    ("applied_on", "refused"), [("2023-12-31", False), ("2024-06-30", False), ("2025-01-02", True)]
)
def test_an_application_is_dated_in_its_programmes_year_or_the_next(cast, applied_on, refused):
    programme = ProgrammeFactory(park=cast.park, year=2023, name="科技创新券")
    fields = {
        "enterprise": cast.ent_a,
        "programme": programme,
        "title": "检测服务",
        "requested_amount": D("1"),
    }
    on = dt.date.fromisoformat(applied_on)
    if not refused:
        assert services.fund_application_create(user=cast.officer, applied_on=on, **fields).pk
        return
    with pytest.raises(ValidationError) as err:
        services.fund_application_create(user=cast.officer, applied_on=on, **fields)
    assert "为2023年度项目，申请日期须在2023年或2024年内" in str(err.value.message_dict["applied_on"])
    assert not FundApplication.objects.filter(applied_on=on).exists()
