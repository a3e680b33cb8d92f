"""A tier whose criteria the engine does not have (科技和创新型中小企业 from 2026) reads as such on the
ladder and the candidate list, not as "满足 0/0 项条件 · 数据不足"."""

import datetime as dt
import re

from freezegun import freeze_time

from innoladder.assessments.models import Assessment

from .factories import assess_cast

ON = dt.date(2026, 12, 7)


def _tier(html: str, scheme: str) -> str:
    found = re.search(rf'<li[^>]*data-scheme="{scheme}".*?</li>', html, re.S)
    assert found, f"{scheme} is not on the ladder"
    return found.group(0)


def test_a_tier_without_encoded_criteria_says_so(client, cast):
    with freeze_time("2026-12-07 10:00"):
        assess_cast(cast, (15, 9, 15), ON)
        assessment = Assessment.objects.get(enterprise=cast.ent_a)
        client.force_login(cast.officer)
        html = client.get(f"/assessments/{assessment.pk}/").content.decode()
    unencoded = _tier(html, "tech_innovative_sme")
    assert "标准尚未编码" in unencoded and "尚未内置该层级的认定标准" in unencoded
    assert "项条件" not in unencoded and "数据不足" not in unencoded
    encoded = _tier(html, "srdi_sme")
    assert re.search(r"满足 \d+/[1-9]\d* 项条件", encoded) and "标准尚未编码" not in encoded


def test_the_candidate_list_of_such_a_tier_says_so_too(client, cast):
    with freeze_time("2026-12-07 10:00"):
        assess_cast(cast, (15, 9, 15), ON)
        client.force_login(cast.officer)
        html = client.get("/assessments/candidates/?scheme=tech_innovative_sme").content.decode()
        other = client.get("/assessments/candidates/?scheme=srdi_sme").content.decode()
    rows = re.findall(r'<tr data-scheme="tech_innovative_sme".*?</tr>', html, re.S)
    assert rows and all("标准尚未编码" in row and "项条件" not in row for row in rows)
    assert re.search(r"满足 \d+/[1-9]\d* 项条件", other) and "标准尚未编码" not in other
