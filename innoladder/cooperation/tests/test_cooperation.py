import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from innoladder.cooperation import selectors, services
from innoladder.cooperation.models import Talent
from innoladder.core.models import AuditEntry, AuditEvent
from innoladder.core.testing.access import EVERYONE, READ_A, WRITE_A, assert_access
from innoladder.core.testing.factories import IPRecordFactory
from innoladder.enterprises.models import IPRecord

from .helpers import ID_NUMBER, coop, patent, talent

pytestmark = pytest.mark.django_db

START, END = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
OUTSIDE = (dt.date(2022, 12, 31), dt.date(2023, 7, 1))


def test_patent_introduction_creates_transferred_ip_record(cast):
    intro = patent(cast.officer, cast.ent_a)
    record = IPRecord.objects.get(enterprise=cast.ent_a, number="ZL202010000001.1")
    assert record.acquisition == "transferred"
    assert record.transferred_on == dt.date(2023, 4, 1)
    assert record.kind == "invention_patent"
    assert intro.ip_record == record
    assert (
        AuditEntry.objects.filter(event_type=AuditEvent.CREATE, object_type="enterprises.IPRecord").count()
        == 1
    )


def test_patent_introduction_updates_existing_ip_record(cast):
    existing = IPRecordFactory(enterprise=cast.ent_a, number="ZL202010000001.1", acquisition="self")
    patent(cast.officer, cast.ent_a)
    existing.refresh_from_db()
    assert existing.acquisition == "transferred"
    assert existing.transferred_on == dt.date(2023, 4, 1)
    assert IPRecord.objects.filter(enterprise=cast.ent_a).count() == 1
    update = AuditEntry.objects.get(event_type=AuditEvent.UPDATE, object_type="enterprises.IPRecord")
    assert update.changes["acquisition"] == ["self", "transferred"]


def test_talent_id_number_never_stored_in_clear(cast):
    t = talent(cast.officer, cast.ent_a, id_number="110105 19491231 002x")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Talent._meta.db_table} WHERE id = %s", [t.pk])
        row = cursor.fetchone()
    raw = " ".join(str(v) for v in row)
    assert ID_NUMBER not in raw.upper()
    assert "19491231" not in raw
    assert t.id_last4 == "002X"
    assert len(t.id_hash) == 64 and t.id_hash == services.id_number_hash(ID_NUMBER)
    audit_text = str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert "19491231" not in audit_text


def test_talent_hash_deduplicates(cast):
    talent(cast.officer, cast.ent_a, id_number=ID_NUMBER)
    with pytest.raises(ValidationError, match="已登记"):
        talent(cast.officer, cast.ent_b, id_number=ID_NUMBER.lower(), name="同一人")
    assert Talent.objects.count() == 1


def test_talent_hash_depends_on_secret_key(settings):
    first = services.id_number_hash(ID_NUMBER)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert services.id_number_hash(ID_NUMBER) != first


@pytest.mark.parametrize("bad", ["123", "110105194912310021", "11010519491231002Y"])
def test_invalid_id_numbers_refused(cast, bad):
    with pytest.raises(ValidationError):
        talent(cast.officer, cast.ent_a, id_number=bad)


def test_talent_page_shows_only_last_four(client, cast):
    t = talent(cast.officer, cast.ent_a, id_number=ID_NUMBER)
    client.force_login(cast.officer)
    page = client.get(f"/cooperation/talents/{t.pk}/").content.decode()
    assert "002X" in page and "19491231" not in page


def test_period_selectors_exclude_rows_just_outside(cast):
    for day in OUTSIDE:
        coop(cast.officer, cast.ent_a, on=day)
        patent(cast.officer, cast.ent_a, number=f"ZL{day:%Y%m%d}.1", on=day)
        talent(cast.officer, cast.ent_a, on=day)
    for day in (START, END):
        coop(cast.officer, cast.ent_b, on=day)
        patent(cast.officer, cast.ent_b, number=f"ZL{day:%Y%m%d}.9", on=day)
        talent(cast.officer, cast.ent_b, on=day)
    coop(cast.admin, cast.ent_other_park, on=dt.date(2023, 3, 1))
    for fn in (
        selectors.cooperation_in_period,
        selectors.patent_introductions_in_period,
        selectors.talents_in_period,
    ):
        assert fn(cast.officer, cast.park, START, END).count() == 2, fn.__name__
        assert fn(cast.user_a, cast.park, START, END).count() == 0, fn.__name__
        assert fn(cast.user_b, cast.park, START, END).count() == 2, fn.__name__
    assert selectors.cooperation_in_period(cast.admin, None, START, END).count() == 3


def test_pages_scoped(client, cast):
    objects = {
        "projects": coop(cast.officer, cast.ent_a),
        "patents": patent(cast.officer, cast.ent_a),
        "talents": talent(cast.officer, cast.ent_a),
    }
    for prefix, obj in objects.items():
        assert_access(client, cast, f"/cooperation/{prefix}/", EVERYONE)
        assert_access(client, cast, f"/cooperation/{prefix}/export/", EVERYONE)
        assert_access(client, cast, f"/cooperation/{prefix}/{obj.pk}/", READ_A)
        assert_access(client, cast, f"/cooperation/{prefix}/{obj.pk}/edit/", WRITE_A)
        assert_access(client, cast, f"/cooperation/{prefix}/new/", {**WRITE_A, "other_officer": 200})


def test_talent_delete_only_by_bureau(client, cast):
    t = talent(cast.officer, cast.ent_a)
    client.force_login(cast.agency)
    assert client.post(f"/cooperation/talents/{t.pk}/delete/").status_code == 404
    client.force_login(cast.officer)
    assert client.post(f"/cooperation/talents/{t.pk}/delete/").status_code == 302
    assert not Talent.objects.exists()
    assert (
        AuditEntry.objects.filter(event_type=AuditEvent.DELETE, object_type="cooperation.Talent").count() == 1
    )


def test_create_through_page_and_export(client, cast):
    client.force_login(cast.agency)
    response = client.post(
        "/cooperation/patents/new/",
        {
            "enterprise": cast.ent_a.pk,
            "patent_number": "ZL202110000009.X",
            "title": "镁合金压铸方法",
            "kind": "invention_patent",
            "mode": "license",
            "source": "某研究院",
            "introduced_on": "2023-02-01",
            "amount": "50000",
        },
    )
    assert response.status_code == 302
    assert IPRecord.objects.get(number="ZL202110000009.X").acquisition == "transferred"
    refused = client.post("/cooperation/patents/new/", {"enterprise": cast.ent_b.pk})
    assert "enterprise" in refused.context["form"].errors


def test_list_query_counts(client, cast, django_assert_max_num_queries):
    for i in range(30):
        ent = cast.ent_a if i % 2 else cast.ent_b
        coop(cast.officer, ent, title=f"合作{i}")
        patent(cast.officer, ent, number=f"ZL2020{i:08d}.1")
        talent(cast.officer, ent, name=f"人才{i}")
    client.force_login(cast.officer)
    for prefix in ("projects", "patents", "talents"):
        with django_assert_max_num_queries(10):
            assert client.get(f"/cooperation/{prefix}/").status_code == 200
