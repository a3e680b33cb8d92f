"""The enterprise list: filters, search, sorting, masking, pagination and a constant number of queries."""

import pytest

from innoladder.core.testing.factories import EnterpriseFactory, UserFactory
from innoladder.enterprises import services


def _names(response) -> list[str]:
    return [e.name for e in response.context["object_list"]]


@pytest.fixture
def park_rows(cast):
    officer2 = UserFactory(username="officer2", role="officer")
    officer2.parks.add(cast.park)
    lithium = EnterpriseFactory(
        park=cast.park,
        name="格尔木锂源科技有限公司",
        industry_code="C2613",
        tech_field="4",
        pool="tier1",
        sub_zone="察尔汗盐湖工业园",
        contact_phone="13812345678",
        assigned_officer=officer2,
    )
    services.enterprise_update(
        enterprise=lithium,
        user=cast.officer,
        data={"former_names": ["青海旧名锂业有限公司"], "tags": ["锂产业", "新材料"]},
    )
    magnesium = EnterpriseFactory(
        park=cast.park, name="格尔木镁业有限公司", industry_code="C3217", tech_field="4"
    )
    services.enterprise_set_status(enterprise=magnesium, user=cast.officer, status="moved_out")
    return lithium, magnesium, officer2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=锂源", ["格尔木锂源科技有限公司"]),
        ("q=旧名锂业", ["格尔木锂源科技有限公司"]),
        ("tag=锂产业", ["格尔木锂源科技有限公司"]),
        ("tag=锂", []),
        ("industry=c26", ["格尔木锂源科技有限公司"]),
        ("pool=tier1", ["格尔木锂源科技有限公司"]),
        ("pool=none&tech_field=4", ["格尔木镁业有限公司"]),
        ("status=moved_out", ["格尔木镁业有限公司"]),
        ("sub_zone=察尔汗盐湖工业园", ["格尔木锂源科技有限公司"]),
    ],
)
def test_filters(client, cast, park_rows, query, expected):
    client.force_login(cast.officer)
    assert _names(client.get(f"/enterprises/?{query}")) == expected


def test_search_by_code_prefix_in_lowercase(client, cast, park_rows):
    client.force_login(cast.officer)
    assert _names(client.get(f"/enterprises/?q={cast.ent_b.uscc.lower()}")) == ["企业乙有限公司"]


def test_officer_filter_and_sorting(client, cast, park_rows):
    lithium, magnesium, officer2 = park_rows
    client.force_login(cast.officer)
    assert _names(client.get(f"/enterprises/?officer={officer2.pk}")) == [lithium.name]
    names = _names(client.get("/enterprises/?sort=uscc"))
    assert len(names) == 4
    by_code = _names(client.get("/enterprises/?sort=-uscc"))
    assert by_code == list(reversed(names))


def test_phone_is_masked_in_the_list(client, cast, park_rows):
    client.force_login(cast.officer)
    body = client.get("/enterprises/").content.decode()
    assert "138****5678" in body and "13812345678" not in body


def test_filter_cannot_widen_scope(client, cast, park_rows):
    client.force_login(cast.officer)
    assert _names(client.get(f"/enterprises/?park={cast.other_park.pk}")) == _names(
        client.get("/enterprises/")
    )
    client.force_login(cast.user_b)
    assert _names(client.get("/enterprises/?q=企业")) == ["企业乙有限公司"]


def test_pagination_keeps_filters(client, cast):
    EnterpriseFactory.create_batch(55, park=cast.park, tech_field="6")
    client.force_login(cast.officer)
    response = client.get("/enterprises/?tech_field=6")
    assert response.context["page_obj"].paginator.count == 55
    assert len(response.context["object_list"]) == 50
    assert "?tech_field=6&page=2" in response.content.decode()
    assert len(client.get("/enterprises/?tech_field=6&page=2").context["object_list"]) == 5


def test_list_queries_do_not_grow_with_rows(client, cast, django_assert_max_num_queries):
    officer2 = UserFactory(username="officer2", role="officer")
    cast.ent_a.assigned_officer = officer2
    cast.ent_a.save()
    client.force_login(cast.officer)
    with django_assert_max_num_queries(14) as few:
        client.get("/enterprises/")
    EnterpriseFactory.create_batch(45, park=cast.park, assigned_officer=officer2, tags=["锂产业"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/enterprises/")
    assert len(response.context["object_list"]) == 47


def test_count_is_capped_for_huge_results(client, cast, monkeypatch):
    from innoladder.enterprises import views

    monkeypatch.setattr(views, "COUNT_CAP", 1)
    client.force_login(cast.officer)
    response = client.get("/enterprises/")
    assert response.context["page_obj"].paginator.capped
    assert "超过 10,000 家企业" in response.content.decode()
    client.force_login(cast.user_a)
    assert not client.get("/enterprises/").context["page_obj"].paginator.capped
