"""Registry services: size class from the latest annual data, optimistic locking, soft status, audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from innoladder.core.models import AuditEntry
from innoladder.core.services import StaleEditError
from innoladder.enterprises import services
from innoladder.enterprises.models import AnnualData, Enterprise, IPRecord

WAN = Decimal(10000)


@pytest.fixture
def chemical(cast):
    ent = cast.ent_a
    ent.industry_code = "C2613"  # 制造业 → 工业: large ≥1000 staff and ≥40000万; medium ≥300 and ≥2000万
    ent.save()
    return ent


def _size_class_after(cast, enterprise, year, data, **options) -> str:
    """The enterprise's size class once the officer has recorded `data` for `year`."""
    services.annual_data_upsert(enterprise=enterprise, year=year, user=cast.officer, data=data, **options)
    enterprise.refresh_from_db()
    return enterprise.size_class


def test_size_class_follows_the_latest_year(cast, chemical):
    # 350 ≥ 300 and 25000万 ≥ 2000万, below the large bounds
    medium = {"employees": 350, "operating_revenue": 25000 * WAN, "total_assets": 30000 * WAN}
    assert _size_class_after(cast, chemical, 2023, medium, expected_version=0) == "medium"
    large = {"employees": 1200, "operating_revenue": 50000 * WAN}
    assert _size_class_after(cast, chemical, 2024, large, expected_version=0) == "large"
    # An older year entered afterwards does not displace the latest one.
    older = {"employees": 12, "operating_revenue": 100 * WAN}
    assert _size_class_after(cast, chemical, 2020, older) == "large"


def test_one_indicator_below_the_small_bound_makes_it_micro(cast, chemical):
    # 200万 < 300万 small bound for industry
    micro = {"employees": 400, "operating_revenue": 200 * WAN}
    assert _size_class_after(cast, chemical, 2024, micro) == "micro"


def test_annual_data_records_source_and_confirmation(cast, chemical):
    row = services.annual_data_upsert(
        enterprise=chemical,
        year=2024,
        user=cast.agency,
        data={"rd_expense": Decimal("1234567.89")},
        source="collection",
        source_note="2024年度填报",
        expected_version=0,
    )
    assert row.source == "collection" and row.source_note == "2024年度填报"
    assert row.confirmed_by == cast.agency and row.confirmed_at is not None
    assert AuditEntry.objects.filter(object_type="enterprises.AnnualData", object_id=str(row.pk)).count() == 1


def test_stale_annual_edit_is_refused_and_nothing_is_overwritten(cast, chemical):
    row = services.annual_data_upsert(
        enterprise=chemical, year=2024, user=cast.officer, data={"employees": 100}, expected_version=0
    )
    seen = row.version
    services.annual_data_upsert(
        enterprise=chemical, year=2024, user=cast.user_a, data={"employees": 120}, expected_version=seen
    )
    with pytest.raises(StaleEditError) as err:
        services.annual_data_upsert(
            enterprise=chemical, year=2024, user=cast.officer, data={"employees": 90}, expected_version=seen
        )
    assert "已被他人修改" in err.value.message
    assert AnnualData.objects.get(enterprise=chemical, year=2024).employees == 120


def test_new_year_form_refused_when_that_year_already_exists(cast, chemical):
    services.annual_data_upsert(enterprise=chemical, year=2024, user=cast.user_a, data={"employees": 5})
    with pytest.raises(services.AnnualYearExists) as refused:
        services.annual_data_upsert(
            enterprise=chemical, year=2024, user=cast.officer, data={"employees": 6}, expected_version=0
        )
    assert refused.value.message_dict == {"year": ["2024年度数据已存在，请在该年度上修改。"]}
    assert AnnualData.objects.get(enterprise=chemical, year=2024).employees == 5


def test_new_year_page_for_an_existing_year_points_to_that_year_and_keeps_the_input(client, cast):
    services.annual_data_upsert(enterprise=cast.ent_a, year=2025, user=cast.officer, data={"employees": 5})
    client.force_login(cast.officer)
    response = client.post(
        f"/enterprises/{cast.ent_a.pk}/annual-data/new/",
        {"year": 2025, "employees": 77, "source": "manual", "source_note": "年报核对", "expected_version": 0},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "2025年度数据已存在，请在该年度上修改。" in page
    assert "已被他人修改" not in page
    assert f'<a href="/enterprises/{cast.ent_a.pk}/annual-data/2025/">修改2025年度数据</a>' in page
    assert 'value="77"' in page and "年报核对" in page
    assert AnnualData.objects.get(enterprise=cast.ent_a, year=2025).employees == 5


def test_stale_enterprise_edit_through_the_page_shows_a_chinese_message(client, cast):
    ent = cast.ent_b
    seen = ent.version
    services.enterprise_update(
        enterprise=ent, user=cast.officer, data={"address": "新地址"}, expected_version=seen
    )
    client.force_login(cast.user_b)
    response = client.post(
        f"/enterprises/{ent.pk}/edit/", {"uscc": ent.uscc, "name": "改名有限公司", "expected_version": seen}
    )
    assert response.status_code == 200
    assert "该记录已被他人修改" in response.content.decode()
    ent.refresh_from_db()
    assert ent.name == "企业乙有限公司" and ent.address == "新地址"


def test_status_change_is_soft_and_audited(cast):
    ent = services.enterprise_set_status(
        enterprise=cast.ent_a,
        user=cast.officer,
        status="moved_out",
        on=dt.date(2024, 3, 1),
        reason="迁至西宁",
    )
    assert Enterprise.objects.filter(
        pk=ent.pk, status="moved_out", status_changed_on=dt.date(2024, 3, 1)
    ).exists()
    entry = AuditEntry.objects.filter(object_id=str(ent.pk), event_type="update").latest("id")
    assert entry.changes["status"] == ["active", "moved_out"]
    assert "迁至西宁" in entry.message
    services.enterprise_set_status(enterprise=ent, user=cast.officer, status="deregistered")
    assert Enterprise.objects.get(pk=ent.pk).status == "deregistered"


def test_status_change_refused_for_non_staff_and_for_the_same_status(cast):
    with pytest.raises(ValidationError):
        services.enterprise_set_status(enterprise=cast.ent_a, user=cast.user_a, status="deregistered")
    with pytest.raises(ValidationError):
        services.enterprise_set_status(enterprise=cast.ent_a, user=cast.officer, status="active")
    assert Enterprise.objects.get(pk=cast.ent_a.pk).status == "active"


def test_enterprise_user_cannot_move_park_pool_officer_or_status(cast):
    services.enterprise_update(
        enterprise=cast.ent_a,
        user=cast.user_a,
        data={"park": cast.other_park, "pool": "tier4", "status": "deregistered", "main_products": "碳酸锂"},
    )
    ent = Enterprise.objects.get(pk=cast.ent_a.pk)
    assert (ent.park_id, ent.pool, ent.status) == (cast.park.pk, "", "active")
    assert ent.main_products == "碳酸锂"


def test_child_records_are_audited_on_create_update_delete(cast):
    rec = services.iprecord_create(
        enterprise=cast.ent_a,
        user=cast.user_a,
        data={"kind": "utility_model", "number": "ZL202320000001.1", "title": "一种过滤装置"},
    )
    assert rec.ip_class == "Ⅱ类"
    services.iprecord_update(
        record=rec, user=cast.officer, data={"title": "一种卤水过滤装置"}, expected_version=1
    )
    with pytest.raises(StaleEditError):
        services.iprecord_update(
            record=IPRecord.objects.get(pk=rec.pk), user=cast.officer, data={}, expected_version=1
        )
    services.iprecord_delete(record=IPRecord.objects.get(pk=rec.pk), user=cast.officer)
    events = list(
        AuditEntry.objects.filter(object_type="enterprises.IPRecord", object_id=str(rec.pk))
        .order_by("id")
        .values_list("event_type", flat=True)
    )
    assert events == ["create", "update", "delete"]


def test_transferred_ip_needs_its_transfer_date(cast):
    with pytest.raises(ValidationError) as err:
        services.iprecord_create(
            enterprise=cast.ent_a,
            user=cast.officer,
            data={"kind": "invention_patent", "number": "ZL1", "title": "t", "acquisition": "transferred"},
        )
    assert "受让日期" in str(err.value)
