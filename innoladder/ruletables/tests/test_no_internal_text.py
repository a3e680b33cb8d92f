"""No developer text on user screens: every page each role reaches (the Golmud demo, assessed today, with
an administrator's rule table) is read as a user sees it; internal rule-set ids, setting names,
「本引擎未编码」, confidence notes and raw enum values appear only inside the 「规则依据」 details."""

import datetime as dt
import importlib
import re
from dataclasses import fields
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from freezegun import freeze_time

from innoladder import eligibility as e
from innoladder.assessments.tests.test_views import _calculator_data
from innoladder.core.testing.access import reachable_pages, read_page
from innoladder.core.testing.english import load_golmud
from innoladder.eligibility.superdeduction import FORM_LABELS
from innoladder.ruletables import services

ROLES = ("admin", "officer", "agency", "enterprise", "auditor", None)
FORBIDDEN = (
    *(ruleset.info.version for ruleset in e.CATALOGUE),
    *(field.name for field in fields(e.Settings)),
    "本引擎未编码",
    "本引擎",
    "置信度",
    "ruletable:",
    *(form for form in FORM_LABELS if "_" in form),
)
RAW_SELF = re.compile(r"(?<![A-Za-z_])self(?![A-Za-z_])")


def leaks(text: str) -> list[str]:
    found = [word for word in FORBIDDEN if word in text]
    return found + (["self"] if RAW_SELF.search(text) else [])


def test_the_reader_skips_only_the_rule_basis_details():
    html = (
        '<p>高新技术企业</p><details class="rule-basis"><summary>规则依据</summary><p>hnte_2016 置信度中</p>'
        "</details><details><p>置信度高</p></details><script>var self = 1;</script><a href='/x/'>x</a>"
    )
    links, text = read_page(html)
    assert links == ["/x/"] and leaks(text) == ["置信度"]
    assert "hnte_2016" not in text and "高新技术企业" in text


@pytest.fixture
def golmud(db):
    with freeze_time("2026-12-05 09:00"):
        load_golmud()
        admin = get_user_model().objects.get(username="admin")
        table = services.ruletable_save(
            user=admin,
            conditions=[
                services.ConditionInput("rd_expense", "last_year", ">=", Decimal(100)),
                services.ConditionInput("tech_staff_share", "last_year", ">=", Decimal(10)),
            ],
            tier="qh_tech_little_giant",
            title="试行",
            effective_from=dt.date(2026, 1, 1),
            effective_to=None,
            source="《青海省科技小巨人企业认定管理办法》",
        )
        services.ruletable_set_published(user=admin, table=table, published=True)
        importlib.import_module("innoladder.assessments.demo").load()  # again: now with the table


def test_no_page_shows_internal_ids_settings_or_confidence_notes(client, golmud):
    found, pages, visited = {}, {}, set()
    with freeze_time("2026-12-05 10:00"):
        for role in ROLES:
            user = get_user_model().objects.get(username=role) if role else None
            start = (
                ("/", "/assessments/calculator/")
                if role
                else ("/assessments/calculator/", "/accounts/login/")
            )
            pages[role] = 0
            for url, text in reachable_pages(client, user, start=start):
                pages[role] += 1
                visited.add(url)
                if leaks(text):
                    found[f"{role} {url}"] = leaks(text)
        # The public calculator's results (a POST): every tier judged or said why not.
        client.logout()
        response = client.post("/assessments/calculator/", _calculator_data(dt.date(2026, 12, 5)))
        html = response.content.decode()
        assert 'id="scheme-hnte"' in html
        _links, text = read_page(html)
        if leaks(text):
            found["calculator results"] = leaks(text)
    assert all(n >= 30 for role, n in pages.items() if role), pages
    # The enterprise page's sections (htmx fragments), the assessment panel and the rule pages among them.
    for part in (
        "/sections/assessments/",
        "/assessments/enterprise/",
        "/ruletables/tables/",
        "/rnd/enterprises/",
    ):
        assert any(part in url for url in visited), part
    assert not found, found
