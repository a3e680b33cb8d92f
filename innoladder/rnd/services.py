"""Writes of the R&D ledger: projects and lines (audited), the stored computation, subsidies, annual data."""

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from innoladder.core import audit
from innoladder.core import viewkit as vk
from innoladder.core.models import AuditEvent
from innoladder.core.services import StaleEditError, acting_user, object_create, object_delete, object_update
from innoladder.eligibility.subsidy import SubsidyRule as EngineSubsidyRule
from innoladder.eligibility.subsidy import compute_subsidy
from innoladder.eligibility.superdeduction import (
    DeductionInput,
    DeductionResult,
    Figure,
    ProjectCosts,
    compute_deduction,
)
from innoladder.enterprises.choices import DataSource
from innoladder.enterprises.models import AnnualData, Enterprise

from . import choices as c
from . import selectors
from .models import DeductionRun, LedgerLine, RDProject, SubsidyAward, SubsidyRule, TaxYearProfile

ZERO = Decimal("0.00")
# The engine's year input besides the year and the projects: the tax profile's fields of the same names.
PROFILE_FIELDS = tuple(
    f.name for f in dataclasses.fields(DeductionInput) if f.name not in ("tax_year", "projects")
)
CATEGORY_FIELDS = {
    c.Category.PERSONNEL: "personnel",
    c.Category.DIRECT_INPUT: "direct_input",
    c.Category.DEPRECIATION: "depreciation",
    c.Category.AMORTISATION: "amortisation",
    c.Category.DESIGN_FEES: "design_fees",
    c.Category.OTHER_COSTS: "other_costs",
    c.Category.ENTRUSTED_DOMESTIC: "entrusted_amount",
    c.Category.ENTRUSTED_OVERSEAS: "entrusted_amount",
}
OVERSEAS_INDIVIDUAL_SUFFIX = "·境外个人"


# Projects and ledger lines -------------------------------------------------------------------------


def project_create(*, user, enterprise: Enterprise, **fields) -> RDProject:
    return object_create(RDProject(enterprise=enterprise, **fields), user=user)


project_update = vk.updater("project")


def project_delete(*, user, project: RDProject) -> None:
    if project.lines.exists():
        raise ValidationError("该项目已有辅助账明细，不能删除")
    object_delete(project, user=user)


def line_create(*, user, project: RDProject, **fields) -> LedgerLine:
    return object_create(
        LedgerLine(enterprise_id=project.enterprise_id, project=project, **fields), user=user
    )


def line_update(*, user, line: LedgerLine, expected_version: int | None = None, **fields) -> LedgerLine:
    for name, value in fields.items():
        setattr(line, name, value)
    if line.project_id:
        line.enterprise_id = line.project.enterprise_id
    return object_update(line, user=user, expected_version=expected_version)


def line_delete(*, user, line: LedgerLine) -> None:
    object_delete(line, user=user)


def tax_profile_save(
    *, user, enterprise: Enterprise, year: int, expected_version: int | None = None, **fields
) -> TaxYearProfile:
    """Create or change the year's profile; `expected_version` is the version the editor saw (0: none yet),
    None only for callers that are not editing a form."""
    profile = selectors.tax_profile(enterprise, year)
    if profile is None:
        if expected_version not in (None, 0):
            raise StaleEditError()
        return object_create(TaxYearProfile(enterprise=enterprise, year=year, **fields), user=user)
    if expected_version is None:
        expected_version = profile.version
    for name, value in fields.items():
        setattr(profile, name, value)
    return object_update(profile, user=user, expected_version=expected_version)


# Computation --------------------------------------------------------------------------------------


def deduction_input(enterprise: Enterprise, year: int) -> DeductionInput:
    """The engine's input for the year, from the ledger summed by project and category in the database.

    Lines of an overseas project flagged as paid to an overseas individual form their own engine project
    (code + "·境外个人", flagged), which the engine leaves out; the profile's offsets (special income)
    ride on the first project because the engine only uses their total.
    """
    aggregates = selectors.ledger_aggregates(enterprise, year)
    project_ids = {row["project_id"] for row in aggregates}
    projects = {p.pk: p for p in RDProject.objects.filter(pk__in=project_ids)}
    amounts: dict[tuple[int, bool], dict[str, Decimal]] = {}
    for row in aggregates:
        key = (row["project_id"], row["overseas_individual"])
        field = CATEGORY_FIELDS[row["category"]]
        bucket = amounts.setdefault(key, {})
        bucket[field] = bucket.get(field, ZERO) + row["total"]
    profile = selectors.tax_profile(enterprise, year) or TaxYearProfile(enterprise=enterprise, year=year)
    costs: list[ProjectCosts] = []
    for (project_id, individual), values in sorted(
        amounts.items(), key=lambda i: (projects[i[0][0]].code, i[0][1])
    ):
        project = projects[project_id]
        negative = [field for field, value in values.items() if value < 0]
        if negative:
            raise ValidationError(f"研发项目{project.code}的{year}年明细合计为负数，请检查冲销分录")
        costs.append(
            ProjectCosts(
                project_code=project.code + (OVERSEAS_INDIVIDUAL_SUFFIX if individual else ""),
                name=project.name,
                form=project.form,
                related_party=project.related_party,
                capitalised=project.capitalised,
                finished_this_year=project.capitalised and project.intangible_formed_year == year,
                overseas_individual=individual,
                **values,
            )
        )
    if costs and profile.offsets:
        first = costs[0]
        costs[0] = ProjectCosts(**{**first.__dict__, "offsets": profile.offsets})
    return DeductionInput(
        tax_year=year,
        projects=tuple(costs),
        **{name: getattr(profile, name) for name in PROFILE_FIELDS},
    )


def _figure(f: Figure) -> dict:
    return {"label": f.label, "amount": str(f.amount), "explanation": f.explanation, "unit": f.unit}


def result_as_json(result: DeductionResult) -> dict:
    return {
        "status": result.status,
        "reasons": list(result.eligibility_reasons),
        "rate": str(result.rate.rate),
        "rate_explanation": result.rate.explanation,
        "projects": [
            {
                "code": line.project_code,
                "name": line.name,
                "form": line.form,
                "capitalised": line.capitalised,
                "included": line.included,
                "core_costs": str(line.core_costs),
                "other_costs_actual": str(line.other_costs_actual),
                "other_costs_cap": None if line.other_costs_cap is None else str(line.other_costs_cap),
                "other_costs_allowed": str(line.other_costs_allowed),
                "entrusted_actual": str(line.entrusted_actual),
                "entrusted_eligible": str(line.entrusted_eligible),
                "eligible_amount": str(line.eligible_amount),
                "explanation": list(line.explanation),
            }
            for line in result.projects
        ],
        "summary_rows": [_figure(f) for f in result.summary_rows],
        "a107012_rows": [_figure(f) for f in result.a107012_rows],
        "key_figures": [
            _figure(f)
            for f in (
                result.other_costs_cap,
                result.other_costs_allowed,
                result.entrusted_domestic,
                result.overseas_cap,
                result.entrusted_overseas,
                result.deduction_base,
                result.extra_deduction,
                result.amortisation_deduction,
            )
        ],
    }


def inputs_hash(data: DeductionInput) -> str:
    return hashlib.sha256(repr(data).encode()).hexdigest()


@transaction.atomic
def compute_for(*, enterprise: Enterprise, year: int, user=None, is_demo: bool = False) -> DeductionRun:
    """Compute the year's super-deduction from the ledger and store it as a DeductionRun (audited)."""
    data = deduction_input(enterprise, year)
    result = compute_deduction(data)
    totals = selectors.ledger_totals(enterprise, year)
    summary = {row.label: row.amount for row in result.summary_rows}
    run = DeductionRun(
        enterprise=enterprise,
        year=year,
        status=result.status,
        rate=result.rate.rate,
        ledger_total=totals["total"],
        entrusted_domestic_actual=totals["entrusted_domestic"],
        entrusted_overseas_actual=totals["entrusted_overseas"],
        eligible_total=summary["允许加计扣除的研发费用合计"],
        deduction_base=result.deduction_base.amount,
        extra_deduction=result.extra_deduction.amount,
        result=result_as_json(result),
        inputs_hash=inputs_hash(data),
        computed_at=timezone.now(),
        computed_by=acting_user(user),
        is_demo=is_demo,
    )
    return object_create(run, user=user, message=f"计算{year}年度研发费用加计扣除：{run.extra_deduction}元")


# Subsidy ------------------------------------------------------------------------------------------


def engine_rule(rule: SubsidyRule) -> EngineSubsidyRule:
    return EngineSubsidyRule(rate=rule.rate, cap=rule.cap, base=rule.base, min_amount=rule.min_amount)


def subsidy_for(rule: SubsidyRule, enterprise: Enterprise):
    """The subsidy from the latest stored run of the rule's tax year (None when no run exists)."""
    run = selectors.latest_run(enterprise, rule.tax_year)
    if run is None:
        return None, None
    previous = selectors.latest_run(enterprise, rule.tax_year - 1)
    last_year = previous.ledger_total if previous is not None else None
    if last_year is None:
        annual = selectors.annual_data(enterprise, rule.tax_year - 1)
        last_year = annual.rd_expense if annual is not None else None
    return run, compute_subsidy(engine_rule(rule), run.extra_deduction, run.ledger_total, last_year)


@transaction.atomic
def subsidy_award(
    *, user, rule: SubsidyRule, enterprise: Enterprise, awarded_on: dt.date, is_demo: bool = False
):
    """Record (or refresh) the subsidy an enterprise secured under the rule, from its latest run."""
    if enterprise.park_id != rule.park_id:
        raise ValidationError("企业不属于该补助规则所在园区")
    run, result = subsidy_for(rule, enterprise)
    if run is None:
        raise ValidationError(f"{enterprise.name}尚无{rule.tax_year}年度加计扣除计算结果，请先计算")
    if result.insufficient_data:
        raise ValidationError(result.explanation)
    award = SubsidyAward.objects.filter(enterprise=enterprise, rule=rule).first()
    save = object_update
    if award is None:
        award, save = SubsidyAward(enterprise=enterprise, rule=rule, is_demo=is_demo), object_create
    award.run, award.amount, award.awarded_on, award.explanation = (
        run,
        result.amount,
        awarded_on,
        result.explanation,
    )
    return save(award, user=user)


def rule_save(*, user, rule: SubsidyRule, expected_version: int | None = None) -> SubsidyRule:
    if not selectors.can_manage_rules(user):
        raise PermissionError("只有园区工作人员或管理员可以维护补助规则")
    if rule.pk is None:
        return object_create(rule, user=user)
    return object_update(rule, user=user, expected_version=expected_version)


# Annual data --------------------------------------------------------------------------------------

PUSH_FIELDS = (
    ("rd_expense", gettext_lazy("研发费用"), "total"),
    ("rd_domestic", gettext_lazy("境内研发费用"), "domestic"),
    ("rd_entrusted_domestic", gettext_lazy("委托境内研发费用"), "entrusted_domestic"),
    ("rd_entrusted_overseas", gettext_lazy("委托境外研发费用"), "entrusted_overseas"),
)


@dataclass(frozen=True)
class PushRow:
    field: str
    label: str
    ledger: Decimal
    annual: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.annual is None else self.ledger - self.annual

    @property
    def differs(self) -> bool:
        return self.annual is not None and self.annual != self.ledger


def annual_push_preview(enterprise: Enterprise, year: int) -> list[PushRow]:
    """The ledger's R&D figures next to what the annual data holds now, with the difference."""
    totals = selectors.ledger_totals(enterprise, year)
    annual = selectors.annual_data(enterprise, year)
    return [
        PushRow(field, str(label), totals[key], getattr(annual, field) if annual is not None else None)
        for field, label, key in PUSH_FIELDS
    ]


class DifferenceNotConfirmed(ValidationError):
    """Raised when the annual data holds other figures and the officer has not confirmed the overwrite."""


@transaction.atomic
def annual_push(*, user, enterprise: Enterprise, year: int, confirm_difference: bool = False) -> AnnualData:
    """Write the ledger's R&D figures into AnnualData (source "ledger"); differences need confirming."""
    rows = annual_push_preview(enterprise, year)
    differing = [row for row in rows if row.differs]
    if differing and not confirm_difference:
        text = "；".join(
            f"{r.label}：年度数据{r.annual:,.2f}元，辅助账{r.ledger:,.2f}元，差额{r.difference:,.2f}元"
            for r in differing
        )
        raise DifferenceNotConfirmed(f"年度数据与辅助账不一致，请确认后覆盖：{text}")
    values = {row.field: row.ledger for row in rows}
    note = f"{year}年度研发费用辅助账"
    annual = AnnualData.objects.filter(enterprise=enterprise, year=year).first()
    if annual is None:
        annual = AnnualData(
            enterprise=enterprise, year=year, source=DataSource.LEDGER, source_note=note, **values
        )
        return object_create(annual, user=user, message="由研发费用辅助账写入年度数据")
    for field, value in values.items():
        setattr(annual, field, value)
    annual.source, annual.source_note = DataSource.LEDGER, note
    message = "由研发费用辅助账写入年度数据" + ("（已确认覆盖不一致的数据）" if differing else "")
    return object_update(annual, user=user, message=message)


def export_audit(*, user, title: str, rows: int, filters: dict) -> None:
    audit.record(
        AuditEvent.EXPORT,
        user=user,
        object_type="rnd",
        object_repr=title,
        changes={"filters": filters, "rows": rows},
        message=f"导出{title}，共 {rows} 行",
    )
