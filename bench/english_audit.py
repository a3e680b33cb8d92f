"""How much of the UI stays Chinese in English mode: every page each role reaches in the Golmud demo is read
in English, the data values (names, addresses, titles: every text stored in the database) are taken out,
and what Chinese is left is counted, per page and in all.

Run: INNOLADDER_VAR_DIR=/tmp/var-i18n .venv/bin/python -m pytest bench/english_audit.py -q -s
It prints the figures; issue 24 wants none left (then this becomes a test that fails on any).
"""

import importlib
import re
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from freezegun import freeze_time

from innoladder.core.management.commands.load_demo import DEMO_ORDER
from innoladder.core.testing.access import reachable_pages

ROLES = ("admin", "officer", "agency", "enterprise", "auditor", "regional", None)
CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3001-\u303f]+")


def data_values() -> list[str]:
    """Every text stored in the database (the data the pages show), longest first."""
    found = set()
    for model in apps.get_models():
        fields = model._meta.get_fields()
        names = [f.name for f in fields if isinstance(f, models.CharField | models.TextField)]
        json_names = [f.name for f in fields if isinstance(f, models.JSONField)]
        for row in model.objects.values(*names, *json_names).iterator():
            for value in row.values():
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str) and CJK.search(text):
                        found.add(text.strip())
                        found.update(part.strip() for part in text.splitlines() if part.strip())
    return sorted(found, key=len, reverse=True)


# Each language is offered by its own name (简体中文 / English), in both languages.
LANGUAGE_NAMES = ["简体中文"]


def untranslated(text: str, values: list[str]) -> list[str]:
    for value in [*values, *LANGUAGE_NAMES]:
        if value and value in text:
            text = text.replace(value, " ")
    return CJK.findall(text)


@pytest.fixture
def golmud(db):
    with freeze_time("2026-12-05 09:00"):
        for app in DEMO_ORDER:
            try:
                module = importlib.import_module(f"innoladder.{app}.demo")
            except ModuleNotFoundError:
                continue
            module.load()


def test_english_audit(client, golmud, settings):
    values = data_values()
    per_page, strings, pages = {}, Counter(), 0
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with freeze_time("2026-12-05 10:00"):
        for role in ROLES:
            user = get_user_model().objects.filter(username=role).first() if role else None
            if role and user is None:
                continue
            start = ("/",) if role else ("/accounts/login/", "/assessments/calculator/")
            for url, text in reachable_pages(client, user, start=start, per_view=1, limit=150):
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
                pages += 1
                left = untranslated(text, values)
                if left:
                    per_page[f"{role} {url}"] = len(left)
                    strings.update(left)
    print(f"\npages read: {pages}; pages with Chinese left: {len(per_page)}", end="")
    print(f"; distinct strings: {len(strings)}")
    for page, n in sorted(per_page.items(), key=lambda kv: -kv[1])[:40]:
        print(f"  {n:4d}  {page}")
    print("most frequent:")
    for text, n in strings.most_common(60):
        print(f"  {n:4d}  {text}")
