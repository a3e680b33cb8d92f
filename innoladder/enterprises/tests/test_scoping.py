from innoladder.core.scoping import CHANGE, DELETE, VIEW, for_user
from innoladder.core.testing.access import OK, assert_access
from innoladder.enterprises.models import Enterprise


def test_enterprise_page_is_reachable_only_in_scope(client, cast):
    assert_access(
        client,
        cast,
        f"/enterprises/{cast.ent_a.pk}/",
        {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "auditor": OK},
    )
    assert_access(
        client,
        cast,
        f"/enterprises/{cast.ent_b.pk}/",
        {"admin": OK, "officer": OK, "user_b": OK, "auditor": OK},
    )
    assert_access(client, cast, f"/enterprises/{cast.ent_other_park.pk}/", {"admin": OK, "other_officer": OK})


def _names(user, action=VIEW):
    return set(for_user(Enterprise.objects.all(), user, action).values_list("name", flat=True))


def test_scoping_function_per_role_and_action(cast):
    park = {"企业甲有限公司", "企业乙有限公司"}
    assert _names(cast.officer) == park
    assert _names(cast.officer, DELETE) == park
    assert _names(cast.other_officer) == {"外园企业有限公司"}
    assert _names(cast.agency) == {"企业甲有限公司"}
    assert _names(cast.agency, DELETE) == set()
    assert _names(cast.expired_agency) == set()
    assert _names(cast.user_a) == {"企业甲有限公司"}
    assert _names(cast.user_a, CHANGE) == {"企业甲有限公司"}
    assert _names(cast.user_a, DELETE) == set()
    assert _names(cast.auditor) == park
    assert _names(cast.auditor, CHANGE) == set()
    assert len(_names(cast.admin)) == 3


def test_list_page_shows_only_enterprises_in_scope(client, cast):
    client.force_login(cast.user_b)
    body = client.get("/enterprises/").content.decode()
    assert "企业乙有限公司" in body and "企业甲有限公司" not in body
