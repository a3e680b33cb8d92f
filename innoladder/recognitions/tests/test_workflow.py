import datetime as dt
import itertools

import pytest

from innoladder.core.models import AuditEntry
from innoladder.recognitions import choices as c
from innoladder.recognitions import services
from innoladder.recognitions.models import Application, ApplicationTransition, Recognition

from .factories import BatchFactory, RecognitionFactory

S = c.ApplicationStatus
LEGAL = {
    (S.INTENT, S.PREPARING), (S.INTENT, S.WITHDRAWN),
    (S.PREPARING, S.SUBMITTED), (S.PREPARING, S.INTENT), (S.PREPARING, S.WITHDRAWN),
    (S.SUBMITTED, S.REVIEWING), (S.SUBMITTED, S.PREPARING), (S.SUBMITTED, S.WITHDRAWN),
    (S.REVIEWING, S.PUBLICISED), (S.REVIEWING, S.REJECTED), (S.REVIEWING, S.WITHDRAWN),
    (S.PUBLICISED, S.PASSED), (S.PUBLICISED, S.REJECTED),
}  # fmt: skip


def _application(cast, status=S.INTENT, **kwargs):
    batch = kwargs.pop("batch", None) or BatchFactory(park=cast.park)
    app = services.application_create(user=cast.officer, enterprise=cast.ent_a, batch=batch, **kwargs)
    Application.objects.filter(pk=app.pk).update(status=status)
    app.refresh_from_db()
    return app


@pytest.mark.parametrize("source, target", sorted(itertools.product(S.values, S.values)))
def test_every_transition_is_allowed_or_refused_in_chinese(cast, source, target):
    app = _application(cast, source)
    before = ApplicationTransition.objects.filter(application=app).count()
    if (source, target) in LEGAL:
        services.application_transition(
            user=cast.officer,
            application=app,
            to_status=target,
            comment="测试",
            number="N-1",
            on=dt.date(2023, 5, 20),
        )
        app.refresh_from_db()
        assert app.status == target
        row = ApplicationTransition.objects.filter(application=app).latest("id")
        assert (row.from_status, row.to_status, row.by, row.comment) == (source, target, cast.officer, "测试")
        assert ApplicationTransition.objects.filter(application=app).count() == before + 1
        assert AuditEntry.objects.filter(event_type="transition", object_id=str(app.pk)).exists()
    else:
        with pytest.raises(services.TransitionError) as exc:
            services.application_transition(
                user=cast.officer, application=app, to_status=target, number="N-1"
            )
        assert "不允许" in exc.value.messages[0]
        app.refresh_from_db()
        assert app.status == source
        assert ApplicationTransition.objects.filter(application=app).count() == before


def test_enterprise_user_may_prepare_and_submit_but_not_review(cast):
    app = _application(cast)
    services.application_transition(user=cast.user_a, application=app, to_status=S.PREPARING)
    services.application_transition(user=cast.user_a, application=app, to_status=S.SUBMITTED)
    with pytest.raises(services.TransitionError) as exc:
        services.application_transition(user=cast.user_a, application=app, to_status=S.REVIEWING)
    assert "园区工作人员" in exc.value.messages[0]
    assert services.allowed_targets(app, cast.user_a) == [S.PREPARING, S.WITHDRAWN]


def test_passing_creates_the_recognition_in_the_same_step(cast):
    batch = BatchFactory(park=cast.park, scheme=c.Scheme.INNOVATIVE_SME, level=c.RecognitionLevel.PROVINCIAL)
    app = _application(cast, S.PUBLICISED, batch=batch)
    services.application_transition(
        user=cast.officer,
        application=app,
        to_status=S.PASSED,
        number="QHCX2023-01-001",
        issued_on=dt.date(2023, 5, 20),
        on=dt.date(2023, 5, 21),
    )
    app.refresh_from_db()
    rec = app.recognition
    assert rec.enterprise == cast.ent_a and rec.batch == batch
    assert (rec.scheme, rec.level, rec.number) == (c.Scheme.INNOVATIVE_SME, "provincial", "QHCX2023-01-001")
    assert rec.issued_on == dt.date(2023, 5, 20)
    assert rec.valid_until == dt.date(2026, 5, 19)
    assert app.decided_on == dt.date(2023, 5, 21)


def test_passing_without_a_number_is_refused_and_creates_nothing(cast):
    app = _application(cast, S.PUBLICISED)
    with pytest.raises(services.TransitionError) as exc:
        services.application_transition(user=cast.officer, application=app, to_status=S.PASSED)
    assert "证书编号" in exc.value.messages[0]
    assert not Recognition.objects.exists()


def test_re_recognition_links_old_and_new(cast):
    old = RecognitionFactory(
        enterprise=cast.ent_a,
        scheme=c.Scheme.QH_TECH_ENTERPRISE,
        level="provincial",
        issued_on=dt.date(2021, 10, 15),
        valid_until=dt.date(2023, 12, 31),
    )
    batch = BatchFactory(park=cast.park, scheme=c.Scheme.QH_TECH_ENTERPRISE)
    app = _application(cast, batch=batch, kind=c.ApplicationKind.RENEWAL, renews=old)
    assert app.renews == old
    for status in (S.PREPARING, S.SUBMITTED, S.REVIEWING, S.PUBLICISED):
        services.application_transition(user=cast.officer, application=app, to_status=status)
    services.application_transition(
        user=cast.officer,
        application=app,
        to_status=S.PASSED,
        number="QHKJ2023-0001",
        issued_on=dt.date(2023, 11, 20),
    )
    app.refresh_from_db()
    new = app.recognition
    assert new.renews == old
    assert list(old.renewed_by.all()) == [new]
    assert new.valid_until == dt.date(2025, 12, 31)


def test_re_recognition_must_name_a_recognition_of_the_same_enterprise_and_scheme(cast):
    batch = BatchFactory(park=cast.park, scheme=c.Scheme.QH_TECH_ENTERPRISE)
    with pytest.raises(services.ValidationError):
        services.application_create(user=cast.officer, enterprise=cast.ent_a, batch=batch, kind="renewal")
    other = RecognitionFactory(enterprise=cast.ent_b, scheme=c.Scheme.QH_TECH_ENTERPRISE)
    with pytest.raises(services.ValidationError):
        services.application_create(
            user=cast.officer, enterprise=cast.ent_a, batch=batch, kind="renewal", renews=other
        )
    wrong_scheme = RecognitionFactory(enterprise=cast.ent_a, scheme=c.Scheme.HNTE)
    with pytest.raises(services.ValidationError):
        services.application_create(
            user=cast.officer, enterprise=cast.ent_a, batch=batch, kind="renewal", renews=wrong_scheme
        )


def test_application_into_another_parks_batch_is_refused(cast):
    batch = BatchFactory(park=cast.other_park)
    with pytest.raises(services.ValidationError):
        services.application_create(user=cast.admin, enterprise=cast.ent_a, batch=batch)


def test_creation_writes_the_first_history_row(cast):
    app = _application(cast)
    rows = list(ApplicationTransition.objects.filter(application=app))
    assert [(r.from_status, r.to_status) for r in rows] == [("", S.INTENT)]


def test_recognition_end_events_set_status(cast):
    rec = RecognitionFactory(enterprise=cast.ent_a, valid_until=dt.date(2026, 11, 30))
    services.recognition_end(
        user=cast.officer, recognition=rec, how="cancelled", on=dt.date(2025, 7, 1), reason="连续两年未报年报"
    )
    rec.refresh_from_db()
    assert rec.status_on(dt.date(2025, 7, 1)) == c.RecognitionStatus.CANCELLED
    with pytest.raises(services.ValidationError):
        services.recognition_end(
            user=cast.officer, recognition=rec, how="revoked", on=dt.date(2025, 8, 1), reason="x"
        )
