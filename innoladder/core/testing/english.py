"""Every page of the Golmud demo cast read in English, with what Chinese is left outside the data.

Used by the English test (core/tests/test_english_pages.py) and the audit that counts what is left
(bench/english_audit.py). The data values (names, addresses, titles: every text stored in the database)
are taken out of each page's visible text first; any Chinese still there is interface text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import Resolver404, resolve
from freezegun import freeze_time

from innoladder.core.management.commands.load_demo import load_apps

from .access import reachable_pages

ROLES = ("admin", "officer", "agency", "enterprise", "auditor", "regional", None)
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3001-\u303f]+")
# Each language is offered by its own name (简体中文 / English), in both languages.
LANGUAGE_NAMES = ["简体中文"]
DEMO_LOADED_AT = "2026-12-05 09:00"
READ_AT = "2026-12-05 10:00"


def load_golmud() -> None:
    """The Golmud demo, as `load_demo` loads it, on a fixed date."""
    with freeze_time(DEMO_LOADED_AT):
        load_apps()


def data_values() -> list[str]:
    """Every text stored in the database (the data the pages show), longest first."""
    found = set()
    for model in apps.get_models():
        fields = model._meta.get_fields()
        names = [f.name for f in fields if isinstance(f, models.CharField | models.TextField)]
        json_names = [f.name for f in fields if isinstance(f, models.JSONField)]
        for row in model.objects.values(*names, *json_names).iterator():
            for text in _texts(list(row.values())):
                if CJK.search(text):
                    found.add(text.strip())
                    found.update(part.strip() for part in text.splitlines() if part.strip())
    return sorted(found, key=len, reverse=True)


def _texts(value) -> Iterator[str]:
    """The strings in a value, JSON ones at any depth (an audit entry's changes hold whole records)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)


def untranslated(text: str, values: list[str]) -> list[str]:
    """The runs of Chinese in ``text`` once the data values are taken out."""
    for value in [*values, *LANGUAGE_NAMES]:
        if value and value in text:
            text = text.replace(value, " ")
    return CJK.findall(text)


@dataclass(frozen=True)
class Page:
    role: str | None
    url: str
    view: str
    left: tuple[str, ...]  # the Chinese left outside data values, by line


def english_pages(client, limit: int = 150) -> Iterator[Page]:
    """Every page each role of the cast reaches (and the anonymous visitor), read in English."""
    values = data_values()
    cookie = settings.LANGUAGE_COOKIE_NAME
    with freeze_time(READ_AT):
        for role in ROLES:
            user = get_user_model().objects.filter(username=role).first() if role else None
            if role and user is None:
                continue
            start = ("/",) if role else ("/accounts/login/", "/assessments/calculator/")
            pages = reachable_pages(client, user, start=start, per_view=1, limit=limit, language="en")
            for url, text in pages:
                client.cookies[cookie] = "en"  # whatever the page set
                try:
                    view = resolve(url.split("?")[0]).view_name
                except Resolver404:
                    view = url
                left: tuple[str, ...] = ()
                if untranslated(text, values):
                    # The crawl writes data too (an export's audit entry, its file name): read them again.
                    values = data_values()
                if untranslated(text, values):
                    left = tuple(line for line in text.splitlines() if untranslated(line, values))
                yield Page(role, url, view, left)
