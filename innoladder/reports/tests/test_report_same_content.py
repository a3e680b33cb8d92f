"""The report's content does not change when its generation gets faster: the composed report of the demo
park (H1 2023, on two clocks) and of a generated park (every module, one year) is compared, fact by fact,
with the snapshot the report code wrote before the performance work (issue 23), in `golden/`. A past
period's report does not depend on the clock: both clocks give the same snapshot.

Row ids differ between databases and runs, so the snapshot names each counted row by its place among the
rows of its table (its id minus the table's first id: the fixtures create the same rows in the same order),
and the ids inside fact keys (a batch, a campaign, an award) by their order of first appearance after the
same key prefix.

Regenerate the snapshots only from report code known to be right:
`REPORT_GOLDEN_WRITE=1 pytest innoladder/reports/tests/test_report_same_content.py`.
"""

import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Min
from freezegun import freeze_time

from innoladder.reports.services import compose

from . import generated_park

GOLDEN = Path(__file__).parent / "golden"
WRITE = os.environ.get("REPORT_GOLDEN_WRITE") == "1"
CLOCKS = ("2026-12-06 10:00", "2028-03-15 10:00")
GENERATED_YEAR = 2025


def snapshot(composed) -> dict:
    """The composed report without its database ids (see the module)."""
    first_ids: dict[str, int] = {}
    key_numbers: dict[str, dict[str, str]] = {}

    def row(model: str, pk: int) -> int:
        if model not in first_ids:
            first_ids[model] = apps.get_model(model).objects.aggregate(first=Min("pk"))["first"]
        return pk - first_ids[model]

    def key(text: str) -> str:
        # Numbered per key prefix: ids of different tables (a batch, an enterprise) may be equal.
        def number(match) -> str:
            numbers = key_numbers.setdefault(text[: match.start()], {})
            return numbers.setdefault(match[0], f"#{len(numbers)}")

        return re.sub(r"(?<=\.)\d+(?=\.|$)", number, text)

    facts = []
    for fact in composed.facts:
        data = fact.to_json()
        data["key"] = key(fact.key)
        data["row_ids"] = [row(fact.model, pk) for pk in fact.row_ids]
        facts.append(data)
    sections = [{**s, "fact_keys": [key(k) for k in s["fact_keys"]]} for s in composed.sections]
    return {"title": composed.title, "sections": sections, "facts": facts}


def check(name: str, composed) -> None:
    path = GOLDEN / f"{name}.json"
    found = snapshot(composed)
    if WRITE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(found, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
        return
    expected = json.loads(path.read_text())
    assert found["title"] == expected["title"]
    assert [f["key"] for f in found["facts"]] == [f["key"] for f in expected["facts"]]
    for got, want in zip(found["facts"], expected["facts"], strict=True):
        assert got == want, got["key"]
    assert found["sections"] == expected["sections"]


@pytest.mark.parametrize("clock", CLOCKS)
def test_demo_park_report_is_unchanged(db, clock):
    from innoladder.accounts.models import User
    from innoladder.enterprises.models import Park

    with freeze_time(clock):
        call_command("load_demo", stdout=io.StringIO())
        park = Park.objects.get(name="格尔木工业园")
        officer = User.objects.get(username="officer")
        composed = compose(user=officer, park=park, start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30))
        check("demo-h1-2023", composed)


@pytest.mark.parametrize("clock", CLOCKS)
def test_generated_park_report_is_unchanged(db, clock):
    from innoladder.accounts.choices import Role
    from innoladder.accounts.models import User

    with freeze_time(clock):
        park = generated_park.generate(count=400, seed=7, year=GENERATED_YEAR)
        officer = User.objects.create(username="same_content_officer", role=Role.OFFICER)
        officer.parks.add(park)
        year = (dt.date(GENERATED_YEAR, 1, 1), dt.date(GENERATED_YEAR, 12, 31))
        composed = compose(user=officer, park=park, start=year[0], end=year[1])
        assert {f.section for f in composed.facts} == {s["key"] for s in composed.sections}
        check(f"generated-{GENERATED_YEAR}", composed)
