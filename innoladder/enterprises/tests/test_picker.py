"""The searchable enterprise picker: the form page carries only the chosen enterprises, matches come from a
scoped search (htmx), and the form still refuses an enterprise the user may not act on."""

import pytest

from innoladder.core.testing.browser import login
from innoladder.core.testing.cast import PASSWORD
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.services.models import Visit

pytestmark = pytest.mark.django_db


def _matches(client, text: str, field: str = "enterprises") -> list[str]:
    response = client.get("/enterprises/pick/", {"field": field, f"{field}__q": text})
    assert response.status_code == 200
    return [str(e) for e in response.context["enterprises"]]


def test_matches_are_scoped_to_what_the_user_may_act_on(client, cast):
    expected = {
        "officer": ["企业乙有限公司", "企业甲有限公司"],
        "other_officer": ["外园企业有限公司"],
        "agency": ["企业甲有限公司"],
        "user_a": ["企业甲有限公司"],
        "auditor": [],  # read-only: nothing to choose in a form
        "admin": ["企业乙有限公司", "企业甲有限公司", "外园企业有限公司"],
    }
    for name, names in expected.items():
        client.force_login(getattr(cast, name))
        assert sorted(_matches(client, "企业")) == sorted(names), name


def test_search_by_credit_code_and_a_bounded_answer(client, cast):
    client.force_login(cast.officer)
    assert _matches(client, cast.ent_b.uscc) == [cast.ent_b.name]
    for i in range(25):
        EnterpriseFactory(park=cast.park, name=f"格尔木测试{i:02d}有限公司")
    response = client.get("/enterprises/pick/", {"field": "enterprises", "enterprises__q": "格尔木测试"})
    assert len(response.context["enterprises"]) == 20 and response.context["more"]
    assert "仅显示前 20 条" in response.content.decode()
    assert _matches(client, "   ") == []


def test_anonymous_is_sent_to_login(client):
    response = client.get("/enterprises/pick/", {"enterprises__q": "企业"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_visit_form_carries_only_the_chosen_enterprises(client, cast):
    for i in range(30):
        EnterpriseFactory(park=cast.park, name=f"园区企业{i:02d}有限公司")
    client.force_login(cast.officer)
    body = client.get("/services/visits/new/").content.decode()
    assert "园区企业00有限公司" not in body and 'hx-get="/enterprises/pick/?field=enterprises"' in body
    response = client.post(
        "/services/visits/new/",
        {
            "visited_on": "2026-12-01",
            "enterprises": [cast.ent_a.pk],
            "staff": [cast.officer.pk],
            "topics": ["policy"],
        },
    )
    assert response.status_code == 302
    # A refused value is shown back with the error, and an out-of-scope one is not named on the page.
    response = client.post(
        "/services/visits/new/",
        {
            "visited_on": "2026-12-01",
            "enterprises": [cast.ent_a.pk, cast.ent_other_park.pk],
            "topics": ["policy"],
        },
    )
    assert response.status_code == 200 and "enterprises" in response.context["form"].errors
    assert cast.ent_other_park.name not in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_finds_an_enterprise_by_typing_and_records_a_visit(page, cast):
    login(page, "officer", PASSWORD)
    page.goto(f"{page.base_url}/services/visits/new/")
    page.fill("input[name=visited_on]", "2026-12-01")
    page.fill("input[name=enterprises__q]", "企业甲")
    page.click("[data-pick-value]:has-text('企业甲有限公司')")
    page.fill("input[name=enterprises__q]", "企业乙")
    page.click("[data-pick-value]:has-text('企业乙有限公司')")
    page.check("input[name=topics][value=policy]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    visit = Visit.objects.get()
    assert sorted(e.name for e in visit.enterprises.all()) == ["企业乙有限公司", "企业甲有限公司"]
