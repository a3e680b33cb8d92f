"""One helper that checks a URL against the whole cast: who gets the page, who gets 404, who must log in."""

from html.parser import HTMLParser

from django.test import Client, RequestFactory

OK = 200
NOT_FOUND = 404
LOGIN = "login"
FORBIDDEN = 403

# The cast's signed-in users (the regional officer follows the auditor unless a test names it).
SIGNED_IN = ("admin", "officer", "other_officer", "agency", "expired_agency", "user_a", "user_b", "auditor")
# A page every signed-in user may open.
EVERYONE = dict.fromkeys(SIGNED_IN, OK)
# Who reads enterprise A's records, and who changes them on its behalf (its agency and the park's staff).
READ_A = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "auditor": OK}
WRITE_A = {"admin": OK, "officer": OK, "agency": OK}


def signed_in(user) -> Client:
    """A browser of its own, signed in as `user` (for tests that need two sessions side by side)."""
    client = Client()
    client.force_login(user)
    return client


def request_as(user, path: str = "/"):
    """A GET request sent by `user`, for code that takes a request rather than a URL (panels, the menu)."""
    request = RequestFactory().get(path)
    request.user = user
    return request


def status_for(client: Client, user, url: str, method: str = "get", data=None) -> int | str:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/accounts/login/" in response.get("Location", ""):
        return LOGIN
    return response.status_code


def assert_access(
    client: Client, cast, url: str, expected: dict, method: str = "get", data=None, default=NOT_FOUND
) -> None:
    """`expected` maps cast names to a status (200, 302, 404, 403 or LOGIN); the rest must get `default`
    (the regional officer: the auditor's status when the test names none for it).

    Anonymous users must always be sent to the login page unless stated otherwise.
    """
    expected = {"anonymous": LOGIN, **expected}
    # The regional officer of the cast reads what the park's auditor reads (the same park, view only)
    # unless a test says otherwise.
    if "regional" not in expected and "auditor" in expected:
        expected["regional"] = expected["auditor"]
    wrong = {}
    for name, user in cast.users().items():
        want = expected.get(name, default)
        got = status_for(client, user, url, method, data)
        if got != want:
            wrong[name] = (want, got)
    client.logout()
    assert not wrong, f"{method.upper()} {url}: unexpected statuses (want, got): {wrong}"


class _PageReader(HTMLParser):
    """Links (and htmx fragment URLs) of a page, and its visible text outside <details class="rule-basis">
    (and scripts)."""

    SKIP = ("script", "style", "template")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def _hidden(self) -> bool:
        return any(hidden for _tag, hidden in self._stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if a.get("hx-get"):  # fragments the page loads (the enterprise page's sections)
            self.links.append(a["hx-get"])
        if tag in VOID:
            return
        basis = tag == "details" and "rule-basis" in (a.get("class") or "").split()
        self._stack.append((tag, basis or tag in self.SKIP))

    def handle_endtag(self, tag):
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data):
        if data.strip() and not self._hidden():
            self.text.append(data.strip())


VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
NOT_PAGES = ("/accounts/logout", "/i18n/", "/sysadmin/", "/static/", "/media/")


def read_page(html: str) -> tuple[list[str], str]:
    """(the hrefs of the page, its visible text outside the 「规则依据」 details), as a reader sees it."""
    reader = _PageReader()
    reader.feed(html)
    return reader.links, "\n".join(reader.text)


def reachable_pages(
    client: Client,
    user,
    *,
    start=("/",),
    per_view: int = 2,
    limit: int = 400,
    language: str | None = None,
    dead: list | None = None,
):
    """Every HTML page a user reaches by following links from ``start`` (GET only, this site only), at
    most ``per_view`` URLs per view (pages of one list, one detail per kind of record), in ``language``
    when given (the language cookie, set again after logging in). Yields (url, visible text outside the
    「规则依据」 details). A link that answers 404 is added to ``dead`` as (page, link) when a list is
    given."""
    from urllib.parse import urljoin, urlsplit

    from django.urls import Resolver404, resolve

    client.logout()
    if user is not None:
        client.force_login(user)
    if language is not None:
        from django.conf import settings

        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    queue, seen, per_name = [(url, None) for url in start], set(), {}
    while queue and len(seen) < limit:
        url, source = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code == 404 and dead is not None:
            dead.append((source, url))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        links, text = read_page(response.content.decode())
        yield url, text
        for href in links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(NOT_PAGES) or "format=" in parts.query or "export" in parts.path:
                continue
            try:
                name = resolve(parts.path).view_name
            except Resolver404:
                continue
            full = parts.path + (f"?{parts.query}" if parts.query else "")
            if full in seen or per_name.get(name, 0) >= per_view:
                continue
            per_name[name] = per_name.get(name, 0) + 1
            queue.append((full, url))
