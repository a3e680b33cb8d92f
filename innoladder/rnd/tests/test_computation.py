"""Ledger lines → DeductionInput → compute_deduction → stored DeductionRun, figures to the fen."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innoladder.core.models import AuditEntry
from innoladder.core.testing.factories import EnterpriseFactory
from innoladder.rnd import services
from innoladder.rnd.models import TaxYearProfile

from .factories import RDProjectFactory, line

pytestmark = pytest.mark.django_db
D = Decimal


def _two_projects(year):
    enterprise = EnterpriseFactory()
    a = RDProjectFactory(enterprise=enterprise, code="A")
    b = RDProjectFactory(enterprise=enterprise, code="B")
    on = dt.date(year, 6, 30)
    line(a, "personnel", "60000.00", on)
    line(a, "direct_input", "30000.00", on)
    line(a, "other_costs", "12000.00", on)
    line(a, "other_costs", "8000.00", on)
    line(b, "personnel", "90000.00", on)
    # A line of the year before or after must not count.
    line(b, "personnel", "5000.00", dt.date(year + 1, 1, 1))
    return enterprise


def _assert_figures(run, summary=(), **fields) -> None:
    """The stored run's figures are the given ones: its fields by name, its summary rows (A107012's lines)
    by label; amounts given as text."""
    rows = {row["label"]: D(row["amount"]) for row in run.result["summary_rows"]}
    assert {label: rows[label] for label, _ in summary} == {label: D(v) for label, v in summary}
    assert {name: getattr(run, name) for name in fields} == {name: D(v) for name, v in fields.items()}


def test_2021_other_costs_cap_is_computed_across_projects():
    enterprise = _two_projects(2021)
    run = services.compute_for(enterprise=enterprise, year=2021)
    # core 180,000 → cap 180,000×10%÷90% = 20,000; A's 20,000 of other costs fits entirely.
    # 2021, not manufacturing: 75%.
    _assert_figures(
        run,
        [("其他相关费用限额", "20000.00"), ("经限额调整后的其他相关费用", "20000.00")],
        eligible_total="200000.00",
        ledger_total="200000.00",
        rate="0.75",
        extra_deduction="150000.00",
    )


def test_2020_other_costs_cap_is_computed_per_project():
    enterprise = _two_projects(2020)
    run = services.compute_for(enterprise=enterprise, year=2020)
    # A alone: core 90,000 → cap 10,000; B has no other costs. Eligible 190,000 × 75%.
    projects = {p["code"]: p for p in run.result["projects"]}
    assert D(projects["A"]["other_costs_cap"]) == D("10000.00")
    assert D(projects["A"]["other_costs_allowed"]) == D("10000.00")
    _assert_figures(run, eligible_total="190000.00", extra_deduction="142500.00")


def test_entrusted_80_percent_and_overseas_two_thirds_limit_through_the_stored_run():
    enterprise = EnterpriseFactory()
    own = RDProjectFactory(enterprise=enterprise, code="P1")
    domestic = RDProjectFactory(
        enterprise=enterprise, code="P2", form="entrusted_domestic", contract_registration_no="X1"
    )
    overseas = RDProjectFactory(
        enterprise=enterprise, code="P3", form="entrusted_overseas", contract_registration_no="X2"
    )
    line(own, "personnel", "30000.00")
    line(domestic, "entrusted_domestic", "10000.00")
    line(overseas, "entrusted_overseas", "50000.00")
    line(overseas, "entrusted_overseas", "5000.00", overseas_individual=True)
    run = services.compute_for(enterprise=enterprise, year=2023)
    # 80% of 50,000 = 40,000, limited to (30,000 + 8,000) × 2/3 = 25,333.33; the individual's 5,000 is out.
    _assert_figures(
        run,
        [("委托境内研发允许加计扣除金额", "8000.00"), ("委托境外研发允许加计扣除金额", "25333.33")],
        eligible_total="63333.33",
        extra_deduction="63333.33",
        entrusted_overseas_actual="55000.00",
        ledger_total="95000.00",
    )
    excluded = [p for p in run.result["projects"] if not p["included"]]
    assert [p["code"] for p in excluded] == ["P3·境外个人"]
    assert "境外个人" in excluded[0]["explanation"][0]


def test_profile_rate_offsets_and_excluded_industry_at_exactly_50_percent():
    enterprise = EnterpriseFactory()
    p = RDProjectFactory(enterprise=enterprise)
    line(p, "personnel", "100000.00")
    TaxYearProfile.objects.create(
        enterprise=enterprise,
        year=2023,
        enterprise_type="ic",
        total_income=D("1000000"),
        non_taxable_income=D("100000"),
        investment_income=D("100000"),
        excluded_industry_revenue=D("400000"),
        offsets=D("10000.00"),
    )
    run = services.compute_for(enterprise=enterprise, year=2023)
    # 400,000 ÷ 800,000 = 50% exactly → still eligible; IC 2023 → 120% on (100,000 − 10,000).
    assert run.status == "eligible"
    assert run.extra_deduction == D("108000.00")
    TaxYearProfile.objects.filter(enterprise=enterprise).update(excluded_industry_revenue=D("400000.01"))
    run = services.compute_for(enterprise=enterprise, year=2023)
    assert run.status == "excluded"
    assert run.extra_deduction == D("0.00")


def test_capitalised_project_formed_this_year_is_split_from_expensed():
    enterprise = EnterpriseFactory()
    exp = RDProjectFactory(enterprise=enterprise, code="E")
    cap = RDProjectFactory(enterprise=enterprise, code="C", capitalised=True, intangible_formed_year=2023)
    later = RDProjectFactory(enterprise=enterprise, code="L", capitalised=True, intangible_formed_year=2024)
    line(exp, "personnel", "90000.00")
    line(cap, "personnel", "45000.00")
    line(cap, "other_costs", "15000.00")
    line(later, "personnel", "70000.00")
    run = services.compute_for(enterprise=enterprise, year=2023)
    # Pool = E + C (L not formed yet): core 135,000 → cap 15,000 → C keeps its 15,000.
    _assert_figures(
        run,
        [
            ("本年形成无形资产的资本化项目可加计扣除的研发费用", "60000.00"),
            ("费用化部分允许加计扣除的研发费用", "90000.00"),
        ],
        extra_deduction="90000.00",
    )


def test_run_stores_hash_explanations_and_audit_entry(cast):
    enterprise = _two_projects(2023)
    run = services.compute_for(enterprise=enterprise, year=2023, user=cast.officer)
    assert len(run.inputs_hash) == 64
    assert run.computed_by == cast.officer
    assert all(row["explanation"] for row in run.result["a107012_rows"])
    assert AuditEntry.objects.filter(object_type="rnd.DeductionRun", object_id=str(run.pk)).exists()
    again = services.compute_for(enterprise=enterprise, year=2023)
    assert again.inputs_hash == run.inputs_hash
    line(enterprise.rd_projects.get(code="B"), "personnel", "1.00", dt.date(2023, 7, 1))
    assert services.compute_for(enterprise=enterprise, year=2023).inputs_hash != run.inputs_hash


def test_negative_project_total_is_refused():
    enterprise = EnterpriseFactory()
    p = RDProjectFactory(enterprise=enterprise)
    line(p, "personnel", "-100.00")
    with pytest.raises(ValidationError, match="合计为负数"):
        services.compute_for(enterprise=enterprise, year=2023)


def _queries_to_compute(lines: int) -> tuple[int, object]:
    enterprise = EnterpriseFactory()
    projects = [RDProjectFactory(enterprise=enterprise, code=f"P{i}") for i in range(5)]
    for i in range(lines):
        line(projects[i % 5], ["personnel", "direct_input", "other_costs"][i % 3], "100.00")
    with CaptureQueriesContext(connection) as captured:
        run = services.compute_for(enterprise=enterprise, year=2023)
    return len(captured.captured_queries), run


def test_aggregation_is_done_in_the_database():
    """The query count does not grow with the ledger (PostgreSQL's audit-chain lock adds one query)."""
    few, _ = _queries_to_compute(5)
    many, run = _queries_to_compute(200)
    assert run.ledger_total == D("20000.00")
    assert many == few
    assert many <= 13


def _create_line(project, category):
    return services.line_create(
        user=None,
        project=project,
        date=dt.date(2023, 1, 1),
        voucher_no="1",
        summary="x",
        amount=D("1"),
        category=category,
    )


def test_line_category_must_match_project_form():
    enterprise = EnterpriseFactory()
    own = RDProjectFactory(enterprise=enterprise)
    with pytest.raises(ValidationError):
        _create_line(own, "entrusted_domestic")
    entrusted = RDProjectFactory(
        enterprise=enterprise, form="entrusted_domestic", contract_registration_no="R"
    )
    with pytest.raises(ValidationError):
        _create_line(entrusted, "personnel")
    created = _create_line(entrusted, "entrusted_domestic")
    assert created.enterprise_id == enterprise.pk
    assert AuditEntry.objects.filter(object_type="rnd.LedgerLine", event_type="create").count() == 1
