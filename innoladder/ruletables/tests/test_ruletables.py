"""Rule tables entered by the administrator: screens and access, validation, revisions and audit, and
their use by assessments on the dates in their effective range."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time

from innoladder.assessments import selectors as assessment_selectors
from innoladder.assessments import services as assessment_services
from innoladder.assessments.models import SchemeResult
from innoladder.assessments.tests.factories import add_ip, add_years
from innoladder.core.models import AuditEntry
from innoladder.core.services import StaleEditError
from innoladder.core.testing.access import LOGIN, assert_access
from innoladder.ruletables import services
from innoladder.ruletables.models import RuleTable
from innoladder.ruletables.services import ConditionInput

VIEWERS = ("admin", "officer", "other_officer", "agency", "expired_agency", "auditor")
TODAY = "2026-12-05"


def conditions(rd_wan="200", share="10"):
    return [
        ConditionInput("rd_expense", "last_year", ">=", Decimal(rd_wan), "第五条（一）"),
        ConditionInput("tech_staff_share", "last_year", ">=", Decimal(share)),
    ]


def make_table(user, tier="tech_innovative_sme", publish=True, start=dt.date(2026, 1, 1), end=None, **kw):
    table = services.ruletable_save(
        user=user,
        conditions=kw.pop("conditions", conditions()),
        tier=tier,
        title=kw.pop("title", "2026年修订版"),
        effective_from=start,
        effective_to=end,
        source="《优质中小企业梯度培育管理办法》（2026年修订）",
        source_url="",
        note="",
    )
    if publish:
        table = services.ruletable_set_published(user=user, table=table, published=True)
    return table


@pytest.fixture
def ent(cast):
    """ent_a with 2023–2025 figures: R&D 300万 of 5000万 sales, 15 tech staff of 100."""
    cast.ent_a.tech_field = "4"
    cast.ent_a.save()
    add_years(cast.ent_a, years=(2023, 2024, 2025))
    add_ip(cast.ent_a, number="ZL-1")
    return cast.ent_a


def _login(client, user):
    type(user).objects.filter(pk=user.pk).update(password_changed_at=timezone.now())
    client.force_login(user)


def test_tier_page_and_table_screens_access(client, cast):
    table = make_table(cast.admin)
    draft = make_table(cast.admin, publish=False, start=dt.date(2030, 1, 1), title="草稿")
    assert_access(client, cast, "/ruletables/", {name: 200 for name in VIEWERS})
    assert_access(client, cast, f"/ruletables/tables/{table.pk}/", {name: 200 for name in VIEWERS})
    # A table not yet enabled is the administrator's draft.
    assert_access(client, cast, f"/ruletables/tables/{draft.pk}/", {"admin": 200})
    assert_access(client, cast, "/ruletables/tables/new/", {"admin": 200})
    assert_access(client, cast, f"/ruletables/tables/{table.pk}/edit/", {"admin": 200})
    url = f"/ruletables/tables/{table.pk}/publish/"  # a stale version: the page again, with the reason
    assert_access(client, cast, url, {"admin": 200, "anonymous": LOGIN}, method="post", data={"version": 99})


@pytest.mark.parametrize("today", [TODAY, "2028-03-01"])
def test_tier_page_says_which_criteria_are_missing_with_sources(client, cast, today):
    with freeze_time(today):
        _login(client, cast.officer)
        html = client.get("/ruletables/").content.decode()
    assert html.count('data-tier-notice="') == 3
    for tier in ("tech_innovative_sme", "srdi_sme", "qh_tech_little_giant"):
        assert f'data-tier-notice="{tier}"' in html
    assert "认定条件原文目前尚未取得" in html
    assert "http://www.ceccweb.org.cn/listshow.php?cid=68&amp;id=3878" in html
    assert "https://kjt.qinghai.gov.cn/" in html
    assert "高新技术企业 2016年版" in html and "hnte_2016" not in html


def test_before_2026_only_the_qinghai_tier_lacks_criteria(client, cast):
    with freeze_time("2025-06-01"):
        _login(client, cast.officer)
        html = client.get("/ruletables/").content.decode()
    assert 'data-tier-notice="qh_tech_little_giant"' in html and html.count('data-tier-notice="') == 1


def _post_table(client, version=None, **rows):
    data = {
        "tier": "tech_innovative_sme",
        "title": "2026年修订版",
        "effective_from": "2026-01-01",
        "effective_to": "",
        "source": "《优质中小企业梯度培育管理办法》",
        "source_url": "",
        "note": "",
        "c-TOTAL_FORMS": "3",
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "0",
        "c-MAX_NUM_FORMS": "30",
    }
    if version is not None:
        data["version"] = str(version)
    for index in range(3):
        data.update({f"c-{index}-window": "last_year", f"c-{index}-operator": ">="})
    data.update(rows)
    return data


def test_administrator_enters_edits_and_enables_a_table_all_audited(client, cast):
    _login(client, cast.admin)
    data = _post_table(client, **{"c-0-metric": "rd_expense", "c-0-threshold": "500", "c-0-clause": "第五条"})
    response = client.post("/ruletables/tables/new/", data)
    table = RuleTable.objects.get()
    assert response["Location"] == f"/ruletables/tables/{table.pk}/"
    assert [str(c) for c in table.conditions.all()] == ["上年度研发费用 ≥ 500万元"]
    assert table.revision == 1 and table.revisions.get().entered_by == cast.admin
    edit = _post_table(
        client,
        version=table.version,
        **{
            "c-0-metric": "rd_expense",
            "c-0-threshold": "400",
            "c-1-metric": "tech_staff_share",
            "c-1-threshold": "10",
        },
    )
    client.post(f"/ruletables/tables/{table.pk}/edit/", edit)
    table.refresh_from_db()
    assert [str(c) for c in table.conditions.all()] == [
        "上年度研发费用 ≥ 400万元",
        "上年度科技人员占职工总数比例 ≥ 10%",
    ]
    assert list(table.revisions.values_list("number", flat=True)) == [2, 1]
    client.post(f"/ruletables/tables/{table.pk}/publish/", {"version": table.version, "publish": "1"})
    table.refresh_from_db()
    assert table.is_published
    entries = AuditEntry.objects.filter(object_type="ruletables.RuleTable", object_id=str(table.pk))
    assert entries.count() == 3
    update = entries.filter(message__startswith="修改规则表").get()
    assert update.changes["conditions"] == [
        ["上年度研发费用 ≥ 500万元"],
        ["上年度研发费用 ≥ 400万元", "上年度科技人员占职工总数比例 ≥ 10%"],
    ]
    page = client.get(f"/ruletables/tables/{table.pk}/").content.decode()
    assert "第 2 版" in page and "上年度科技人员占职工总数比例 ≥ 10%" in page


def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(client, cast):
    _login(client, cast.admin)
    data = _post_table(
        client,
        **{
            "c-0-metric": "tech_staff",
            "c-0-window": "last_2_years",
            "c-0-threshold": "5",
            "c-1-threshold": "3",
        },
    )
    data["effective_to"] = "2025-01-01"
    html = client.post("/ruletables/tables/new/", data).content.decode()
    assert "只能按上年度取值" in html and "请选择指标" in html
    assert RuleTable.objects.count() == 0
    fixed = _post_table(client, **{"c-0-metric": "tech_staff", "c-0-threshold": "5"})
    fixed["effective_to"] = "2025-01-01"
    html = client.post("/ruletables/tables/new/", fixed).content.decode()
    assert "失效日期不能早于生效日期" in html and RuleTable.objects.count() == 0


def test_enabling_needs_conditions_and_no_overlap(cast):
    empty = make_table(cast.admin, publish=False, conditions=[])
    with pytest.raises(Exception, match="至少要有一项条件"):
        services.ruletable_set_published(user=cast.admin, table=empty, published=True)
    make_table(cast.admin, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    later = make_table(cast.admin, publish=False, start=dt.date(2026, 7, 1), title="另一版")
    with pytest.raises(Exception, match="生效期重叠"):
        services.ruletable_set_published(user=cast.admin, table=later, published=True)
    after = make_table(cast.admin, start=dt.date(2027, 1, 1), title="2027版")
    assert after.is_published


def test_a_stale_edit_is_refused(cast):
    table = make_table(cast.admin)
    with pytest.raises(StaleEditError):
        services.ruletable_save(
            user=cast.admin, table=table, conditions=conditions(), expected_version=table.version - 1
        )


def _result(user, enterprise, scheme):
    ids = assessment_selectors.latest_assessment_ids(user, enterprise=enterprise, on=dt.date(2026, 12, 5))
    return SchemeResult.objects.filter(assessment_id__in=ids, scheme=scheme).first()


@pytest.mark.parametrize(
    ("on", "uses_table"),
    [(dt.date(2026, 12, 5), True), (dt.date(2027, 6, 30), True), (dt.date(2028, 3, 1), False)],
)
def test_assessments_use_an_enabled_table_on_the_dates_it_is_in_force(cast, ent, on, uses_table):
    table = make_table(cast.admin, end=dt.date(2027, 12, 31))
    for year in (on.year - 1, on.year - 2):
        if year > 2025:
            add_years(ent, years=(year,))
    assessment = assessment_services.assess_enterprise(user=cast.admin, enterprise=ent, on=on)
    row = assessment.scheme_results.get(scheme="tech_innovative_sme")
    if uses_table:
        assert row.ruleset_version == f"ruletable:{table.pk}:{table.revision}"
        assert row.outcome == "eligible" and row.conditions_met == row.conditions_total == 2
        assert row.data_year == on.year - 1
    else:
        # The built-in 2026 version (criteria not recovered): insufficient data.
        assert row.ruleset_version == "tech_innovative_sme_2026" and row.outcome == "insufficient_data"


def test_a_disabled_table_is_not_used(cast, ent):
    table = make_table(cast.admin)
    services.ruletable_set_published(user=cast.admin, table=table, published=False)
    assessment = assessment_services.assess_enterprise(
        user=cast.admin, enterprise=ent, on=dt.date(2026, 12, 5)
    )
    assert (
        assessment.scheme_results.get(scheme="tech_innovative_sme").ruleset_version
        == "tech_innovative_sme_2026"
    )


def test_the_result_says_it_came_from_the_table_and_past_results_keep_their_revision(client, cast, ent):
    table = make_table(cast.admin)
    first = assessment_services.assess_enterprise(user=cast.admin, enterprise=ent, on=dt.date(2026, 12, 5))
    # The administrator raises the R&D threshold above the enterprise's 300万: a new revision.
    services.ruletable_save(user=cast.admin, table=table, conditions=conditions(rd_wan="350"))
    second = assessment_services.assess_enterprise(user=cast.admin, enterprise=ent, on=dt.date(2026, 12, 6))
    assert second.scheme_results.get(scheme="tech_innovative_sme").outcome == "not_eligible"
    with freeze_time("2026-12-06"):
        _login(client, cast.officer)
        old = client.get(f"/assessments/{first.pk}/").content.decode()
        new = client.get(f"/assessments/{second.pk}/").content.decode()
    block = old[old.index('id="scheme-tech_innovative_sme"') :]
    block = block[: block.index("</section>")]
    assert "管理员录入的规则表" in block and "「2026年修订版」第1版" in block and "admin" in block
    assert "按评估时保存" not in block  # no drift: revision 1 explains the stored verdict
    assert "研发费用还需增加 ¥50.0万" in new
    assert f"ruletable:{table.pk}" not in old.replace('<details class="rule-basis', "\0").split("\0")[0]


def test_a_table_for_a_tier_without_built_in_rules_adds_that_tier(client, cast, ent):
    make_table(cast.admin, tier="qh_tech_little_giant", start=dt.date(2020, 1, 1), title="试行")
    assessment_services.assess_enterprise(user=cast.admin, enterprise=ent, on=dt.date(2026, 12, 5))
    row = _result(cast.admin, ent, "qh_tech_little_giant")
    assert row is not None and row.outcome == "eligible"
    with freeze_time("2026-12-06"):
        _login(client, cast.officer)
        response = client.get("/assessments/candidates/?scheme=qh_tech_little_giant")
    assert [r.enterprise_id for r in response.context["page"]] == [ent.pk]
    html = response.content.decode()
    assert '<span id="candidate-scheme">青海省科技小巨人企业</span>' in html
    assert "现按管理员录入的规则表「试行」" in html  # the tier's notice, once


def test_candidates_of_a_tier_without_criteria_carry_its_notice_once(client, cast, ent):
    assessment_services.assess_enterprise(user=cast.admin, enterprise=ent, on=dt.date(2026, 12, 5))
    with freeze_time("2026-12-06"):
        _login(client, cast.officer)
        gap = client.get("/assessments/candidates/?scheme=tech_innovative_sme").content.decode()
        hnte = client.get("/assessments/candidates/?scheme=hnte").content.decode()
        panel = client.get(f"/assessments/enterprise/{ent.pk}/").content.decode()
    assert gap.count('data-tier-notice="tech_innovative_sme"') == 1
    assert "data-tier-notice" not in hnte
    assert panel.count('data-tier-notice="tech_innovative_sme"') == 1
    assert panel.count('data-tier-notice="srdi_sme"') == 1


def test_rule_basis_detail_holds_versions_and_settings_in_words(client, cast, ent):
    assessment = assessment_services.assess_enterprise(
        user=cast.admin, enterprise=ent, on=dt.date(2026, 12, 5)
    )
    with freeze_time("2026-12-06"):
        _login(client, cast.officer)
        html = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert html.count('<details class="rule-basis') == 6  # one per tier assessed in 2026
    assert "规则版本：高新技术企业 2016年版" in html
    assert "系统口径「专精特新中小企业评分区间的边界值：计入较高一档」" in html
    assert "可靠程度中等" in html  # 小巨人 2026: the source is a consultancy page
    for raw in ("srdi_sme_lower_inclusive", "hnte_2016", "置信度", "本引擎"):
        assert raw not in html


def test_a_tier_added_by_a_table_shows_on_the_enterprise_ladder(client, cast, ent):
    """科技小巨人 has no built-in rules; once its table exists it stands on the Qinghai ladder."""
    make_table(cast.admin, tier="qh_tech_little_giant", start=dt.date(2020, 1, 1), title="试行")
    assessment_services.assess_enterprise(user=cast.admin, enterprise=ent, on=dt.date(2026, 12, 5))
    with freeze_time("2026-12-06"):
        _login(client, cast.officer)
        html = client.get(f"/assessments/enterprise/{ent.pk}/").content.decode()
    assert "青海省梯度（科技型企业→科技小巨人）" in html
    ladder = html.split("青海省梯度（科技型企业→科技小巨人）", 1)[1]
    assert "青海省科技小巨人企业" in ladder
