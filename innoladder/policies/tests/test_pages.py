import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from innoladder.core.models import AuditEntry
from innoladder.core.testing.access import EVERYONE, OK, assert_access
from innoladder.core.testing.factories import AnnualDataFactory, EnterpriseFactory
from innoladder.policies import facts, selectors
from innoladder.policies.models import Policy

from .helpers import municipal_policy

pytestmark = pytest.mark.usefixtures("media")

D = Decimal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PARK_READERS = {"admin": OK, "officer": OK, "agency": OK, "user_a": OK, "user_b": OK, "auditor": OK}
STAFF = {"admin": OK, "officer": OK}


@pytest.fixture
def policy(cast):
    return municipal_policy(
        cast,
        "研发投入后补助政策",
        "格尔木市科技局",
        dt.date(2023, 2, 1),
        tags=["研发", "补助"],
        attachment=SimpleUploadedFile("研发补助办法.pdf", PDF, content_type="application/pdf"),
        conditions=[("rd_expense", ">=", D("1000000")), ("employees", "<=", D("500"))],
    )


def _annual(enterprise, year, rd, employees=100, sales=None):
    return AnnualDataFactory(
        enterprise=enterprise, year=year, rd_expense=D(rd), employees=employees, sales_revenue=sales
    )


def test_policy_pages_exports_and_attachment_are_scoped(client, cast, policy):
    assert_access(client, cast, "/policies/", EVERYONE)
    assert_access(client, cast, "/policies/export/", EVERYONE)
    assert_access(client, cast, "/policies/events/", EVERYONE)
    for suffix in ("", "attachment/", "match/", "match/export/"):
        assert_access(client, cast, f"/policies/{policy.pk}/{suffix}", PARK_READERS)
    assert_access(client, cast, f"/policies/{policy.pk}/edit/", STAFF)
    assert_access(client, cast, "/policies/new/", STAFF | {"other_officer": OK})


def test_attachment_is_stored_under_a_random_name_and_downloaded_as_pdf(client, cast, policy):
    assert policy.attachment.name.startswith("policies/") and "研发" not in policy.attachment.name
    assert policy.attachment_name == "研发补助办法.pdf"
    client.force_login(cast.user_b)
    response = client.get(f"/policies/{policy.pk}/attachment/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(
        event_type="export", actor=cast.user_b, object_type="policies.Policy"
    ).exists()


def test_non_pdf_or_oversized_attachment_is_refused(client, cast, settings):
    client.force_login(cast.officer)
    data = {"park": cast.park.pk, "title": "x", "issuer": "y", "issued_on": "2023-01-01", "level": "park"}
    data["gap_margin"] = "0.20"
    fake = SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post("/policies/new/", {**data, "attachment": fake})
    assert response.status_code == 200 and "附件须为PDF文件" in response.content.decode()
    from innoladder.policies import models

    big = SimpleUploadedFile(
        "b.pdf", PDF + b"0" * (models.MAX_ATTACHMENT_BYTES), content_type="application/pdf"
    )
    response = client.post("/policies/new/", {**data, "attachment": big})
    assert "附件不能超过10MB" in response.content.decode()
    assert not Policy.objects.exists()


def test_officer_creates_a_policy_with_conditions_through_the_form(client, cast):
    client.force_login(cast.officer)
    response = client.post(
        "/policies/new/",
        {
            "park": cast.park.pk,
            "title": "高企认定奖励",
            "issuer": "格尔木市人民政府",
            "issued_on": "2023-03-01",
            "level": "municipal",
            "gap_margin": "0.20",
            "tags_text": "高企，奖励",
            "target_tiers": ["hnte"],
            "cond_field_0": "rd_ratio",
            "cond_op_0": ">=",
            "cond_threshold_0": "0.03",
        },
    )
    assert response.status_code == 302
    policy = Policy.objects.get()
    assert policy.tags == ["高企", "奖励"] and policy.target_tiers == ["hnte"]
    assert [(c.field, c.operator, c.threshold) for c in policy.conditions.all()] == [
        ("rd_ratio", ">=", D("0.03"))
    ]
    assert AuditEntry.objects.filter(object_type="policies.Policy", event_type="create").count() == 1


def test_match_page_lists_matches_and_near_misses_from_the_latest_year(client, cast, policy):
    _annual(cast.ent_a, 2022, "500000")
    _annual(cast.ent_a, 2023, "1200000")  # latest year counts: matches
    _annual(cast.ent_b, 2023, "850000")  # 15% short: near miss
    far = EnterpriseFactory(park=cast.park, name="远不够企业")
    _annual(far, 2023, "100000")
    EnterpriseFactory(park=cast.other_park, name="外园达标企业")
    matches = {
        m.enterprise.name: m.result
        for m in selectors.policy_matches(cast.officer, policy, dt.date(2024, 1, 1))
    }
    assert set(matches) == {"企业甲有限公司", "企业乙有限公司", "远不够企业"}
    assert matches["企业甲有限公司"].matched
    assert matches["企业乙有限公司"].near_miss
    assert matches["企业乙有限公司"].summary == "差距较小：研发费用还需增加 ¥15万"
    assert not matches["远不够企业"].near_miss
    client.force_login(cast.officer)
    body = client.get(f"/policies/{policy.pk}/match/").content.decode()
    assert "研发费用还需增加 ¥15万" in body
    sheet = load_workbook(io.BytesIO(client.get(f"/policies/{policy.pk}/match/export/").content)).active
    rows = [(r[0], r[2]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [("企业甲有限公司", "符合"), ("企业乙有限公司", "差距较小")]
    # An enterprise user sees only their own line.
    assert [m.enterprise for m in selectors.policy_matches(cast.user_b, policy, dt.date(2024, 1, 1))] == [
        cast.ent_b
    ]


def test_tier_conditions_read_recognitions_in_force_on_the_day(cast):
    from innoladder.recognitions.models import Recognition

    fields = ("enterprise", "scheme", "issued_on", "valid_until", "revoked_on")
    for row in (
        (cast.ent_a, "hnte", dt.date(2021, 12, 1), dt.date(2024, 11, 30), None),
        (cast.ent_b, "hnte", dt.date(2020, 1, 1), dt.date(2022, 12, 31), None),
        (cast.ent_b, "tsme", dt.date(2023, 5, 1), dt.date(2023, 12, 31), dt.date(2023, 9, 1)),
    ):
        Recognition.objects.create(level="national", **dict(zip(fields, row, strict=True)))
    ids = [cast.ent_a.pk, cast.ent_b.pk]
    assert facts.held_tiers(ids, dt.date(2024, 11, 30)) == {cast.ent_a.pk: frozenset({"hnte"})}
    assert facts.held_tiers(ids, dt.date(2024, 12, 1)) == {}
    assert facts.held_tiers(ids, dt.date(2023, 6, 1)) == {
        cast.ent_a.pk: frozenset({"hnte"}),
        cast.ent_b.pk: frozenset({"tsme"}),
    }
    assert facts.held_tiers(ids, dt.date(2023, 9, 1)) == {
        cast.ent_a.pk: frozenset({"hnte"})
    }  # revoked that day
    policy = municipal_policy(cast, "高企认定奖励", "市政府", target_tiers=["hnte"])
    result = {
        m.enterprise: m.result.matched
        for m in selectors.policy_matches(cast.officer, policy, dt.date(2024, 1, 1))
    }
    assert result == {cast.ent_a: True, cast.ent_b: False}


def test_match_page_queries_stay_flat(client, cast, policy, django_assert_max_num_queries):
    for i in range(30):
        _annual(EnterpriseFactory(park=cast.park, name=f"批量企业{i}"), 2023, "900000")
    client.force_login(cast.officer)
    with django_assert_max_num_queries(12):
        assert client.get(f"/policies/{policy.pk}/match/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/policies/").status_code == 200


def test_editing_a_policy_keeps_its_attachment_replaces_conditions_and_refuses_stale_edits(
    client, cast, policy
):
    client.force_login(cast.officer)
    data = {
        "park": cast.park.pk,
        "title": "研发投入后补助政策（修订）",
        "issuer": policy.issuer,
        "issued_on": "2023-02-01",
        "level": "municipal",
        "gap_margin": "0.10",
        "cond_field_0": "rd_expense",
        "cond_op_0": ">=",
        "cond_threshold_0": "2000000",
        "_version": str(policy.version),
    }
    assert client.post(f"/policies/{policy.pk}/edit/", data).status_code == 302
    policy.refresh_from_db()
    assert policy.title.endswith("（修订）") and policy.attachment_name == "研发补助办法.pdf"
    assert [(c.field, c.threshold) for c in policy.conditions.all()] == [("rd_expense", D("2000000"))]
    stale = client.post(f"/policies/{policy.pk}/edit/", {**data, "title": "过期的修改", "_version": "1"})
    assert stale.status_code == 200 and "已被他人修改" in stale.content.decode()
    policy.refresh_from_db()
    assert policy.title.endswith("（修订）")
    changes = AuditEntry.objects.filter(object_type="policies.Policy", event_type="update")
    assert any("conditions" in e.changes for e in changes) and any("title" in e.changes for e in changes)


def test_policy_list_keeps_its_filters_tag_badges_and_link_to_events(client, cast, policy):
    municipal_policy(cast, "已废止的旧政策", valid_until=dt.date(2020, 1, 1))
    client.force_login(cast.officer)
    current = client.get("/policies/?current=1&q=政策").content.decode()
    assert "研发投入后补助政策" in current and "已废止的旧政策" not in current
    assert 'name="current" value="1"' in current and "checked" in current
    assert '<span class="badge text-bg-light">补助</span>' in current
    assert 'href="/policies/export/?current=1&amp;q=' in current and 'href="/policies/events/"' in current
    assert "已废止的旧政策" in client.get("/policies/").content.decode()


def test_policy_list_filters_by_a_chinese_tag(client, cast, policy):
    """Tags are stored as a JSON list; a Chinese tag is found whichever way the database stores it."""
    municipal_policy(cast, "无标签的政策")
    client.force_login(cast.officer)
    tagged = client.get("/policies/?tag=补助").content.decode()
    assert "研发投入后补助政策" in tagged and "无标签的政策" not in tagged
    assert "研发投入后补助政策" not in client.get("/policies/?tag=人才").content.decode()
