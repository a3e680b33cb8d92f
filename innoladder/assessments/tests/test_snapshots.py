"""Compact storage: the facts snapshot once per assessment, verdicts per scheme, details re-explained."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from innoladder import eligibility as e
from innoladder.assessments import facts_loader, services, snapshots
from innoladder.assessments.models import Assessment, SchemeResult
from innoladder.assessments.serialize import result_dict, snapshot_dict, standing_of, verdict
from innoladder.eligibility.jsonio import facts_to_dict
from innoladder.enterprises.models import AnnualData, Enterprise

from .factories import add_years

ON = dt.date(2023, 6, 30)


def rich_facts() -> e.EnterpriseFacts:
    """Every part of the snapshot filled, with Decimal, date, bool, None and int values."""
    return e.EnterpriseFacts(
        uscc="91632801MA752XK41R",
        name="快照企业",
        registered_on=dt.date(2015, 1, 1),
        registered_in_qinghai=True,
        tech_field="4",
        strategic_emerging=None,
        niche_market_years=Decimal("4"),
        years=(e.YearData(year=2022, employees=100, sales_revenue=Decimal("50000000.00"), rd_expense=None),),
        ips=(e.IPRecord(kind="invention_patent", granted_on=dt.date(2021, 6, 1), overseas_family=True),),
        awards=(e.Award(level="national", kind="sci_tech", name="科技进步奖", year=2022, rank=2),),
        standards=(e.StandardWork(level="industry", year=2021, rank=1, name="行业标准"),),
        institutions=(e.RDInstitution(kind="enterprise_tech_center", level="provincial", name="技术中心"),),
        recognitions=(e.RecognitionHeld(scheme="tsme", issued_on=dt.date(2023, 5, 1)),),
        incidents=(e.Incident(kind="environmental_violation", occurred_on=dt.date(2020, 3, 1)),),
        expert=e.ExpertInputs(tech_advancement=6, core_support=None),
        market_share=Decimal("0.125"),
        chuangke_rank=3,
    )


def test_snapshot_writes_money_and_dates_as_the_engine_json_does():
    facts = rich_facts()
    stored, engine_json = snapshot_dict(facts), facts_to_dict(facts)
    assert stored["years"][0]["sales_revenue"] == engine_json["years"][0]["sales_revenue"] == "50000000.00"
    assert (
        stored["recognitions"][0]["issued_on"] == engine_json["recognitions"][0]["issued_on"] == "2023-05-01"
    )


def test_stored_snapshot_leaves_out_defaults_and_reads_back_to_the_same_facts():
    facts = rich_facts()
    stored = snapshot_dict(facts)
    assert e.jsonio.facts_from_dict(stored) == facts
    assert e.jsonio.facts_from_dict(facts_to_dict(facts)) == facts
    assert "rd_domestic" not in stored["years"][0] and "is_resident" not in stored and "awards" in stored
    assert stored["expert"] == {"tech_advancement": 6} and "market_rank" not in stored


def test_a_value_equal_to_a_default_of_another_type_is_kept():
    facts = e.EnterpriseFacts(
        uscc="91632801MA752XK41R",
        name="零值企业",
        years=(e.YearData(year=2022, employees=0, rd_expense=Decimal("0")),),
        ips=(e.IPRecord(kind="utility_model", core_to_main_product=False, status="valid"),),
        awards=(e.Award(level="provincial", kind="sci_tech", year=0),),
        strategic_emerging=False,
    )
    stored = snapshot_dict(facts)
    assert stored["years"] == [{"year": 2022, "employees": 0, "rd_expense": "0"}]
    assert stored["ips"] == [{"kind": "utility_model", "core_to_main_product": False}]
    assert stored["awards"] == [{"level": "provincial", "kind": "sci_tech"}]
    assert stored["strategic_emerging"] is False and "expert" not in stored
    assert e.jsonio.facts_from_dict(stored) == facts


def test_verdict_on_objects_equals_standing_of_on_dicts():
    """The batch's verdict path (no criteria built) stores what the full result's dict says."""
    facts = rich_facts()
    found = e.verdicts(facts, ON)
    results = e.assess(facts, ON)
    assert [item.version for item in found] == [result.version for result in results]
    for fast, result in zip(found, results, strict=True):
        for is_held in (False, True):
            assert verdict(fast, is_held) == standing_of(result_dict(result), is_held)


def test_stored_rows_hold_the_verdict_and_no_result_text(cast, ent):
    assessment = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    facts = facts_loader.load_facts(ent, ON)
    fresh = {result.ruleset_id: result for result in e.assess(facts, ON)}
    assert assessment.facts == snapshot_dict(facts)
    assert e.jsonio.facts_from_dict(assessment.facts) == facts
    assert assessment.versions == {scheme: result.version for scheme, result in fresh.items()}
    assert assessment.settings == {}
    for row in SchemeResult.objects.filter(assessment=assessment):
        result = fresh[row.scheme]
        assert (row.outcome, row.met_count, row.total_count) == (
            result.outcome,
            result.met_count,
            result.total_count,
        )
        standing, met, total, failed = standing_of(result_dict(result), False)
        assert (row.standing, row.conditions_met, row.conditions_total, row.unmet) == (
            standing,
            met,
            total,
            failed,
        )
    assert not hasattr(SchemeResult, "result") and not hasattr(Assessment, "plan")


def test_reexplained_results_equal_the_original_run_after_the_data_changed(cast, ent):
    facts = facts_loader.load_facts(ent, ON)
    original = {result.ruleset_id: result_dict(result) for result in e.assess(facts, ON)}
    assessment = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    AnnualData.objects.filter(enterprise=ent).update(tech_staff=1, rd_expense=0)
    assert services.results_by_scheme(assessment) == original
    rows = list(assessment.scheme_results.order_by("pk"))
    explained = snapshots.explain(assessment, rows)
    assert explained.drifted == () and explained.missing == ()
    assert explained.plan == e.next_step_plan(facts, tuple(e.assess(facts, ON)), ON)


def test_non_default_settings_are_stored_and_used_to_reexplain(cast, ent):
    settings = e.Settings(srdi_requires_innovative_sme=True)
    services.assess_many(
        user=cast.admin, queryset=Enterprise.objects.filter(pk=ent.pk), on=ON, settings=settings
    )
    assessment = Assessment.objects.get(enterprise=ent)
    assert assessment.settings == {"srdi_requires_innovative_sme": True}
    facts = facts_loader.load_facts(ent, ON)
    (srdi,) = [r for r in e.assess(facts, ON, settings) if r.ruleset_id == "srdi_sme"]
    (default,) = [r for r in e.assess(facts, ON) if r.ruleset_id == "srdi_sme"]
    assert result_dict(srdi) != result_dict(default)  # the setting matters for this enterprise
    assert services.results_by_scheme(assessment)["srdi_sme"] == result_dict(srdi)


def test_detail_page_shows_the_whole_snapshot_as_before(client, cast, ent):
    assessment = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    facts = facts_loader.load_facts(ent, ON)
    client.force_login(cast.officer)
    response = client.get(f"/assessments/{assessment.pk}/")
    assert json.loads(response.context["facts_json"]) == facts_to_dict(facts)
    assert "rd_entrusted_overseas&quot;: null" in response.content.decode()


def test_a_verdict_the_current_code_no_longer_gives_is_flagged_and_kept(client, cast, ent):
    assessment = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    row = assessment.scheme_results.get(scheme="qh_tech_enterprise")
    assert row.outcome == "eligible"
    SchemeResult.objects.filter(pk=row.pk).update(outcome="not_eligible")
    client.force_login(cast.officer)
    response = client.get(f"/assessments/{assessment.pk}/")
    (block,) = [b for b in response.context["blocks"] if b["id"] == "qh_tech_enterprise"]
    assert block["outcome"] == "not_eligible" and block["outcome_label"] == "不符合"
    assert "结论以评估时保存的为准" in block["notes"][0]
    others = [b for b in response.context["blocks"] if b["id"] != "qh_tech_enterprise"]
    assert others and not any("结论以评估时保存的为准" in note for b in others for note in b["notes"])


def test_a_version_missing_from_the_catalogue_shows_the_stored_verdict_only(client, cast, ent):
    assessment = services.assess_enterprise(user=cast.officer, enterprise=ent, on=ON)
    SchemeResult.objects.filter(assessment=assessment, scheme="hnte").update(ruleset_version="hnte_1999")
    client.force_login(cast.officer)
    response = client.get(f"/assessments/{assessment.pk}/")
    assert response.status_code == 200
    (block,) = [b for b in response.context["blocks"] if b["id"] == "hnte"]
    assert block["rows"] == [] and block["version"] == "hnte_1999" and block["standing"] == "close"
    assert "hnte_1999 已不在规则目录中" in block["notes"][0]


def test_chunk_filter_is_a_range_only_for_consecutive_ids():
    consecutive = facts_loader.id_filter("enterprise_id", [4, 5, 6])
    assert consecutive.children == [("enterprise_id__gte", 4), ("enterprise_id__lte", 6)]
    for ids in ([4, 6, 7], [4, 4, 6], [6, 5, 4], [4, 6, 5]):
        assert facts_loader.id_filter("enterprise_id", ids).children == [("enterprise_id__in", ids)]


def test_chunk_with_gaps_assesses_only_its_own_enterprises(cast, ent):
    add_years(cast.ent_b)
    add_years(cast.ent_other_park)
    run = services.Run(on=ON, run_by_id=None, job_id=None, settings=e.DEFAULT, is_demo=False)
    first, last = sorted([ent.pk, cast.ent_other_park.pk])
    services.assess_chunk(run, [first, last])
    assessed = set(Assessment.objects.values_list("enterprise_id", flat=True))
    assert assessed == {first, last} and cast.ent_b.pk not in assessed


def test_one_chunk_reads_each_table_once_and_writes_in_bulk(cast, ent, django_assert_max_num_queries):
    for other in (cast.ent_b, cast.ent_other_park):
        add_years(other)
    run = services.Run(on=ON, run_by_id=None, job_id=None, settings=e.DEFAULT, is_demo=False)
    ids = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True))
    # 8 reads (enterprises, 6 registry tables, recognitions), 2 flag updates, 2 inserts, 1 id read, savepoint
    with django_assert_max_num_queries(16):
        count, counts = services.assess_chunk(run, ids)
    assert count == 3 and SchemeResult.objects.count() == 18
    assert sum(counts["hnte"].values()) == 3


@pytest.mark.django_db(transaction=True)
def test_worker_processes_store_every_chunk_and_report_progress_per_chunk(cast):
    for index, other in enumerate((cast.ent_a, cast.ent_b, cast.ent_other_park)):
        add_years(other, tech_staff=9 + 3 * index)
    assert services.may_fork()  # no open transaction: the chunks go to two forked processes
    calls = []
    summary = services.assess_many(
        user=cast.admin,
        queryset=Enterprise.objects.all(),
        on=ON,
        batch_size=1,
        workers=2,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert summary["enterprises"] == 3 and sum(summary["counts"]["hnte"].values()) == 3
    assert Assessment.objects.filter(is_latest=True, run_by=cast.admin).count() == 3
    assert SchemeResult.objects.filter(is_latest=True).count() == 18
    serial = {}
    for ent in (cast.ent_a, cast.ent_b, cast.ent_other_park):
        facts = facts_loader.load_facts(ent, ON)
        serial[ent.pk] = {r.ruleset_id: verdict(r, False)[0] for r in e.verdicts(facts, ON)}
    stored = {}
    for row in SchemeResult.objects.all():
        stored.setdefault(row.enterprise_id, {})[row.scheme] = row.standing
    assert stored == serial


def test_inside_a_transaction_the_chunks_run_in_this_process(cast):
    assert not services.may_fork()
