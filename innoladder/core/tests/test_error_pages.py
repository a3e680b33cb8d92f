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
@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=False)
def test_unknown_url_gets_the_apps_404_page_with_debug_on(client, cast):
    client.force_login(cast.officer)
    response = client.get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "404 · 页面不存在" in body
    assert "URLconf" not in body and "Using the URLconf" not in body


@pytest.mark.django_db
@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=False)
def test_out_of_scope_object_gets_the_apps_404_page_with_debug_on(client, cast):
    client.force_login(cast.agency)
    response = client.get(f"/enterprises/{cast.ent_other_park.pk}/")
    assert response.status_code == 404
    assert "404 · 页面不存在" in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=True, DEBUG_ERROR_PAGES=False, ROOT_URLCONF=__name__)
def test_view_error_gets_the_apps_500_page_with_debug_on(client, cast):
    client.raise_request_exception = False
    client.force_login(cast.officer)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "500 · 系统错误" in body
    assert "RuntimeError" not in body and "Traceback" not in body


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
