"""Whole rendered pages kept per user and query, shared by the server's worker processes (issue 23,
docs/adr/0008-page-cache.md).

A page is kept under a key made of everything its markup depends on: the user (id, role, links, name, the
parks they are staff of), the CSRF secret of their browser (the page embeds a token masked from it), the
language, the full path with its query, today's date, and the data generation. The generation is a random
stamp replaced after every write: `core.audit` calls `changed()` for each entry it writes, and every write
of the application writes an audit entry in its transaction, imports and bulk writes included. A page
kept under an older stamp is never served again (it expires from the store after PAGE_CACHE_SECONDS).

The stamp is replaced at once and again after the transaction commits: a page rendered between the two
(the write not yet visible) is kept under the first stamp and abandoned by the second. Stamps are
random, never counters, so two workers replacing the stamp at the same time cannot bring an old value
back.

Only a GET answered 200 by the view is kept, never one that set a cookie or a message, never for a browser
without a CSRF secret yet (the render creates one, whose cookie the response sets), never while a message
waits to be shown. Writes made outside the application (a shell, SQL) must call `bump()`.
"""

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from .models import AuditEvent

PAGES = "pages"  # the cache alias of the pages
GENERATION = "page_generation"  # the cache alias of the stamp (its own: the pages' culling never scans it)
GENERATION_KEY = "generation"

# Audit events that record no change of data: reading, signing in and out, exporting, checking the log.
QUIET_EVENTS = frozenset(
    {
        AuditEvent.LOGIN,
        AuditEvent.LOGIN_FAILED,
        AuditEvent.LOGOUT,
        AuditEvent.EXPORT,
        AuditEvent.AUDIT_READ,
        AuditEvent.AUDIT_VERIFY,
        AuditEvent.BACKUP,
    }
)


def bump() -> str:
    """Replace the data generation: every page kept so far is stale."""
    stamp = uuid.uuid4().hex
    caches[GENERATION].set(GENERATION_KEY, stamp, None)
    return stamp


def generation() -> str:
    stamp = caches[GENERATION].get(GENERATION_KEY)
    return stamp if stamp is not None else bump()


def bump_after_migrate(**kwargs) -> None:
    """post_migrate (migrate, flush, the test database's set-up): data changed with no audit entry."""
    bump()


def changed(event_type: str, using: str) -> None:
    """A write of `event_type` in the current transaction of `using`: stale now and after the commit."""
    if event_type in QUIET_EVENTS:
        return
    bump()
    connection = connections[using]
    if not connection.in_atomic_block:
        return
    # Once per transaction: a callback registered in a savepoint rolled back since is gone from the list,
    # and a later write registers it again.
    if any(callback is bump for _sids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(bump, using=using)


def _messages_waiting(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _park_ids(user) -> tuple[int, ...]:
    """The parks the user is staff of, read at every request (a change shows at the next page, audited or
    not): one plain query on the link table, a tenth of the ORM's cost on a kept page's path."""
    through = user._meta.get_field("parks").remote_field.through
    meta = through._meta
    connection = connections[router.db_for_read(through)]
    quote = connection.ops.quote_name
    park = quote(meta.get_field("park").column)
    owner = quote(meta.get_field("user").column)
    sql = f"SELECT {park} FROM {quote(meta.db_table)} WHERE {owner} = %s ORDER BY {park}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        return tuple(row[0] for row in cursor.fetchall())


def page_key(request, stamp: str) -> str | None:
    """The key of the page `request` asks for, or None when it must not be kept (see the module)."""
    secret = request.META.get("CSRF_COOKIE")
    user = request.user
    if not secret or not user.is_authenticated or _messages_waiting(request):
        return None
    parts = (
        user.pk,
        user.get_username(),
        str(user),
        user.role,
        user.is_active,
        user.is_staff,
        user.is_superuser,
        user.agency_id,
        user.enterprise_id,
        user.region_id,
        _park_ids(user),
        secret,
        get_language(),
        request.get_full_path(),
        timezone.localdate().isoformat(),
        stamp,
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_page(view):
    """Serve the view's page from the shared store when the same user asked for the same page since the
    last write; keep what the view renders otherwise (see the module for what is never kept)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or not settings.PAGE_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        secret = request.META.get("CSRF_COOKIE")
        key = page_key(request, generation())
        if key is None:
            return view(request, *args, **kwargs)
        store = caches[PAGES]
        kept = store.get(key)
        if kept is not None:
            content, headers = kept
            # The CSRF cookie (a year's age) is not sent again as a render would: masking a new token to
            # renew it cost a fifth of a kept page's time; any page rendered renews it.
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _messages_waiting(request)
            and request.META.get("CSRF_COOKIE") == secret  # the page's token is masked from this secret
        ):
            store.set(key, (response.content, dict(response.headers)), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper
