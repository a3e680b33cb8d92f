"""The app's own 404 and 500 pages, also while DEBUG is on (the demo runs with DEBUG on).

With DEBUG on, Django answers a missing page or an error with its developer page, which lists the URL
map or a traceback; a user trying the demo should see the same Chinese page as in production. Developers
who want Django's pages set DJANGO_DEBUG_PAGES=1. With DEBUG off this middleware does nothing: Django
calls the handlers in innoladder/urls.py.
"""

import logging

from django.conf import settings
from django.http import Http404

from . import views

logger = logging.getLogger("django.request")


def _wanted(request, response) -> bool:
    return (
        settings.DEBUG
        and not settings.DEBUG_ERROR_PAGES
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(response, "innoladder_error_page", False)
    )


class OwnErrorPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and _wanted(request, response):
            return _mark(views.error_404(request))
        return response

    def process_exception(self, request, exception):
        if not settings.DEBUG or settings.DEBUG_ERROR_PAGES:
            return None
        if isinstance(exception, Http404):
            return _mark(views.error_404(request, exception))
        if getattr(request, "path", "").startswith("/api/"):
            return None
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return _mark(views.error_500(request))


def _mark(response):
    response.innoladder_error_page = True
    return response
