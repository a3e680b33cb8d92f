"""The demo runs with DEBUG on; a user still gets the app's own Chinese 404 and 500 pages, never Django's
developer pages with the URL map or a traceback."""

import pytest
from django.test import override_settings
from django.urls import path

from innoladder import urls as project_urls


def _boom(request):
    raise RuntimeError("demo failure")


urlpatterns = [*project_urls.urlpatterns, path("boom/", _boom)]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.mark.django_db
@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=False, ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("who", "url", "status", "heading", "hidden"),
    [
        ("officer", "/no-such-page/", 404, "404 · 页面不存在", ("URLconf", "Using the URLconf")),
        ("agency", "/enterprises/{other_park_enterprise}/", 404, "404 · 页面不存在", ("Traceback",)),
        ("officer", "/boom/", 500, "500 · 系统错误", ("RuntimeError", "Traceback")),
    ],
    ids=["unknown-url", "out-of-scope-object", "view-error"],
)
def test_errors_get_the_apps_own_pages_with_debug_on(client, cast, who, url, status, heading, hidden):
    client.raise_request_exception = False
    client.force_login(getattr(cast, who))
    response = client.get(url.format(other_park_enterprise=cast.ent_other_park.pk))
    body = response.content.decode()
    assert response.status_code == status
    assert heading in body
    assert not [text for text in hidden if text in body]


@pytest.mark.django_db
@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=True)
def test_developers_can_ask_for_djangos_pages(client, cast):
    client.force_login(cast.officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" not in response.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=False)
def test_404_page_in_english(client, cast, settings):
    client.force_login(cast.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
