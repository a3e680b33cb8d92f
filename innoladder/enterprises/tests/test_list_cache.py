"""The list page kept whole per user and query (core.pagecache, issue 23): a kept page is served only to the
browser and user it was rendered for, in its language, on its date, and never after a write."""

import datetime as dt

import pytest
from django.test import Client
from freezegun import freeze_time

from innoladder.assessments.services import assess_enterprise
from innoladder.core import pagecache
from innoladder.core.testing.access import request_as
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.enterprises import services
from innoladder.imports.tests.helpers import commit, preview, xlsx

URL = "/enterprises/"


@pytest.fixture(autouse=True)
def own_store(settings, tmp_path):
    """This test's own files: the suite's other processes write audit entries too, and each replaces the
    shared stamp (as every worker of a server must), which would make a page expected kept render again."""
    settings.CACHES = {
        **settings.CACHES,
        pagecache.PAGES: {**settings.CACHES[pagecache.PAGES], "LOCATION": tmp_path / "pages"},
        pagecache.GENERATION: {**settings.CACHES[pagecache.GENERATION], "LOCATION": tmp_path / "generation"},
    }


def _kept(response) -> bool:
    """Served from the store: no template was rendered for it."""
    assert response.status_code == 200
    return response.context is None


def _browser(user, client: Client | None = None) -> Client:
    """A signed-in browser with its CSRF cookie (the first page sets it; a page is kept only after that)."""
    client = client or Client()
    client.force_login(user)
    assert not _kept(client.get(URL))
    return client


def _cached(client: Client, url: str = URL) -> str:
    """The page as rendered, then as kept: the second answer must come from the store, the same bytes."""
    rendered = client.get(url)
    kept = client.get(url)
    assert not _kept(rendered) and _kept(kept)
    assert kept.content == rendered.content
    return kept.content.decode()


def test_the_second_request_of_the_same_page_is_served_from_the_store(cast):
    page = _cached(_browser(cast.officer))
    assert cast.ent_a.name in page and cast.ent_other_park.name not in page


def test_an_edit_through_the_service_shows_at_the_next_request(cast):
    client = _browser(cast.officer)
    assert cast.ent_a.name in _cached(client)
    services.enterprise_update(enterprise=cast.ent_a, user=cast.officer, data={"name": "企业甲更名有限公司"})
    response = client.get(URL)
    assert not _kept(response)
    assert "企业甲更名有限公司" in response.content.decode()


def test_an_import_commit_shows_at_the_next_request(cast, media):
    client = _browser(cast.officer)
    assert "格尔木新导入锂业有限公司" not in _cached(client)
    rows = [
        ["统一社会信用代码", "企业名称", "所属园区"],
        ["91632801MA7G2XY87R", "格尔木新导入锂业有限公司", cast.park.name],
    ]
    batch = preview(cast.officer, "enterprises", xlsx(rows))
    assert batch.errors == []
    commit(batch, cast.officer)
    response = client.get(URL)
    assert not _kept(response)
    assert "格尔木新导入锂业有限公司" in response.content.decode()


def test_a_stored_assessment_makes_the_next_request_render_again(cast):
    client = _browser(cast.officer)
    _cached(client)
    assess_enterprise(user=cast.officer, enterprise=cast.ent_a)
    assert not _kept(client.get(URL))


def test_a_page_rendered_before_the_commit_is_abandoned_after_it(cast, django_capture_on_commit_callbacks):
    """The stamp is replaced at the write and again once the transaction commits (one callback however
    many writes): a page another worker rendered in between, without the write, is never served."""
    with django_capture_on_commit_callbacks() as callbacks:
        services.enterprise_update(enterprise=cast.ent_a, user=cast.officer, data={"name": "甲一"})
        services.enterprise_update(enterprise=cast.ent_b, user=cast.officer, data={"name": "乙一"})
        in_between = pagecache.generation()
    assert callbacks.count(pagecache.bump) == 1
    callbacks[0]()
    assert pagecache.generation() != in_between


def test_reading_signing_in_and_exporting_keep_the_pages(cast):
    client = _browser(cast.officer)
    _cached(client)
    assert client.get("/enterprises/export/").status_code == 200  # audited as an export
    assert _kept(client.get(URL))


def test_two_users_of_one_browser_never_see_each_others_page(cast):
    """Same CSRF secret, same query: only the user differs, and each still gets their own park."""
    first = _browser(cast.officer)
    second = Client()
    second.cookies["csrftoken"] = first.cookies["csrftoken"].value
    second.force_login(cast.other_officer)
    mine = _cached(first)
    theirs = second.get(URL)
    assert not _kept(theirs)
    theirs = theirs.content.decode()
    assert cast.ent_a.name in mine and cast.ent_other_park.name not in mine
    assert cast.ent_other_park.name in theirs and cast.ent_a.name not in theirs
    again = second.get(URL)
    assert _kept(again) and cast.ent_a.name not in again.content.decode()


@pytest.mark.parametrize(
    ("who", "sees", "never"),
    [
        ("user_a", ["ent_a"], ["ent_b", "ent_other_park"]),
        ("agency", ["ent_a"], ["ent_b", "ent_other_park"]),
        ("officer", ["ent_a", "ent_b"], ["ent_other_park"]),
    ],
)
def test_enterprise_and_agency_users_keep_their_scope_on_kept_pages(cast, who, sees, never):
    browsers = {name: _browser(getattr(cast, name)) for name in ("officer", "user_a", "agency")}
    for browser in browsers.values():
        _cached(browser)
    response = browsers[who].get(URL)
    assert _kept(response)
    page = response.content.decode()
    assert all(getattr(cast, name).name in page for name in sees)
    assert not any(getattr(cast, name).name in page for name in never)


def test_a_role_or_park_change_shows_at_the_next_request(cast):
    client = _browser(cast.officer)
    _cached(client)
    cast.officer.parks.set([cast.other_park])  # no audit entry: the key reads the parks itself
    page = client.get(URL).content.decode()
    assert cast.ent_a.name not in page and cast.ent_other_park.name in page


def test_each_language_has_its_own_page(cast):
    client = _browser(cast.officer)
    chinese = _cached(client)
    client.cookies["django_language"] = "en"
    english = client.get(URL)
    assert not _kept(english)
    assert english.content.decode() != chinese and 'lang="en"' in english.content.decode()
    del client.cookies["django_language"]
    assert client.get(URL).content.decode() == chinese


def test_a_new_day_renders_the_page_again(cast):
    with freeze_time(dt.datetime(2026, 12, 6, 23, 50, tzinfo=dt.timezone(dt.timedelta(hours=8)))) as clock:
        client = _browser(cast.officer)
        _cached(client)
        clock.move_to(dt.datetime(2026, 12, 7, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=8))))
        assert not _kept(client.get(URL))
        assert _kept(client.get(URL))


def test_each_query_has_its_own_page(cast):
    EnterpriseFactory(park=cast.park, name="格尔木查询专用有限公司")
    client = _browser(cast.officer)
    everything = _cached(client)
    found = _cached(client, URL + "?q=查询专用")
    assert "企业甲有限公司" in everything and "企业甲有限公司" not in found
    assert "格尔木查询专用有限公司" in found


def test_a_kept_page_carries_a_token_of_its_own_browser(cast):
    """Pages are kept per CSRF secret: another browser of the same user gets a page whose token its own
    cookie accepts, never the first browser's."""
    first = _browser(cast.officer, Client(enforce_csrf_checks=True))
    second = _browser(cast.officer, Client(enforce_csrf_checks=True))
    tokens = {}
    for name, client in (("first", first), ("second", second)):
        page = _cached(client)
        tokens[name] = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    switch = {"language": "zh-hans", "next": URL}
    assert (
        second.post("/i18n/setlang/", {**switch, "csrfmiddlewaretoken": tokens["second"]}).status_code == 302
    )
    assert (
        second.post("/i18n/setlang/", {**switch, "csrfmiddlewaretoken": tokens["first"]}).status_code == 403
    )


def test_a_waiting_message_is_shown_not_kept(cast):
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage

    request = request_as(cast.officer, URL)
    request.META["CSRF_COOKIE"] = "a" * 32
    request._messages = CookieStorage(request)
    assert pagecache.page_key(request, "stamp") is not None
    messages.success(request, "已保存")
    assert pagecache.page_key(request, "stamp") is None


def test_the_page_cache_can_be_turned_off(cast, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = _browser(cast.officer)
    assert not _kept(client.get(URL)) and not _kept(client.get(URL))


def test_a_migrate_or_flush_makes_every_kept_page_stale(cast):
    """Data changed with no audit entry (migrate, flush: post_migrate) is never hidden behind a kept page."""
    from django.core.management.sql import emit_post_migrate_signal

    client = _browser(cast.officer)
    _cached(client)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert not _kept(client.get(URL))
