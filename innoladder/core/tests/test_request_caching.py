"""What is cached between requests (issue 23: the list page's per-request costs) never outlives a change of
role or parks: the menu follows the role at the next page, the list follows the parks at the next page."""

from innoladder.accounts.choices import Role
from innoladder.accounts.models import User
from innoladder.core.testing.access import request_as


def _menu_names(response) -> set[str]:
    names = set()
    for entry in response.context["menu"]:
        names |= set(entry.get("names", {entry.get("name")}))
    return names


def test_the_menu_follows_a_role_change_at_the_next_page(client, cast):
    client.force_login(cast.officer)
    assert "pipeline" in _menu_names(client.get("/enterprises/"))  # 梯度培育: the bureau's roles only
    User.objects.filter(pk=cast.officer.pk).update(role=Role.AGENCY, agency=cast.agency.agency)
    assert "pipeline" not in _menu_names(client.get("/enterprises/"))
    User.objects.filter(pk=cast.officer.pk).update(role=Role.OFFICER, agency=None)
    assert "pipeline" in _menu_names(client.get("/enterprises/"))


def test_the_menu_is_built_once_per_role_and_language(cast):
    from innoladder.core import context_processors

    first = context_processors.navigation(request_as(cast.officer))["menu"]
    # same role: the same menu, built once
    assert context_processors.navigation(request_as(cast.other_officer))["menu"] is first
    assert context_processors.navigation(request_as(cast.user_a))["menu"] != first


def test_the_list_follows_a_park_change_at_the_next_page(client, cast):
    client.force_login(cast.officer)
    assert cast.ent_a.name in client.get("/enterprises/").content.decode()
    cast.officer.parks.set([cast.other_park])
    page = client.get("/enterprises/").content.decode()
    assert cast.ent_a.name not in page and cast.ent_other_park.name in page
    assert client.get(f"/enterprises/{cast.ent_a.pk}/").status_code == 404


def test_the_menu_markup_marks_the_current_page_and_follows_the_role(client, cast):
    from django.urls import reverse

    client.force_login(cast.officer)
    pipeline = f'href="{reverse("pipeline")}"'
    page = client.get("/enterprises/").content.decode()
    assert f'class="dropdown-item active" href="{reverse("enterprise_list")}"' in page
    assert pipeline in page
    page = client.get("/recognitions/").content.decode()  # the same role, another page: its own entry active
    assert f'class="dropdown-item active" href="{reverse("recognition_list")}"' in page
    assert f'class="dropdown-item active" href="{reverse("enterprise_list")}"' not in page
    User.objects.filter(pk=cast.officer.pk).update(role=Role.AGENCY, agency=cast.agency.agency)
    assert pipeline not in client.get("/enterprises/").content.decode()
