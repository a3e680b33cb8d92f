import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def cast(db):
    from innoladder.core.testing.cast import build_cast

    return build_cast()


@pytest.fixture
def media(settings, tmp_path):
    """Uploads and stored files kept under the test's own directory; that directory."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


TRANSACTIONAL = ("transactional_db", "live_server")


@pytest.fixture(autouse=True)
def _audit_table_stays_append_only(request):
    """Every database test runs with the append-only triggers; transactional tests lift them only for
    the flush that empties the database afterwards."""
    names = request.fixturenames
    transactional = any(name in names for name in TRANSACTIONAL)
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        transactional = True
    if not transactional and "db" not in names and marker is None:
        yield
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.db import connection

    from innoladder.core import audit_guard

    audit_guard.install(connection)
    yield
    if transactional:
        audit_guard.remove(connection)


from innoladder.core.testing.browser import page  # noqa: E402,F401  (the Playwright page fixture)
