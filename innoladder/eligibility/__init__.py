"""Pure rules engine: no Django import, ever.

Frozen dataclasses in, frozen dataclasses out; Decimal for money; the date is passed in.
"""

from .facts import (
    Award,
    EnterpriseFacts,
    ExpertInputs,
    Incident,
    IPRecord,
    RDInstitution,
    RecognitionHeld,
    StandardWork,
    YearData,
    ip_class,
)
from .plan import Excluded, Plan, PlanStep, next_step_plan
from .registry import (
    CATALOGUE,
    SCHEMES,
    RuleSet,
    UnknownSchemeError,
    assess,
    assess_all,
    assess_scheme,
    check_data_year,
    fallback_year,
    in_force,
    latest_data_year,
    rule_data_year,
    run,
    select,
    verdicts,
)
from .results import CriterionResult, Gap, RuleSetResult, Verdict, verdict_of
from .rulesets._common import DataYearError
from .settings import DEFAULT, Settings

__all__ = [
    "CATALOGUE",
    "DEFAULT",
    "SCHEMES",
    "Award",
    "CriterionResult",
    "DataYearError",
    "EnterpriseFacts",
    "Excluded",
    "ExpertInputs",
    "Gap",
    "IPRecord",
    "Incident",
    "Plan",
    "PlanStep",
    "RDInstitution",
    "RecognitionHeld",
    "RuleSet",
    "RuleSetResult",
    "Settings",
    "StandardWork",
    "UnknownSchemeError",
    "Verdict",
    "YearData",
    "assess",
    "assess_all",
    "assess_scheme",
    "check_data_year",
    "fallback_year",
    "in_force",
    "latest_data_year",
    "rule_data_year",
    "run",
    "ip_class",
    "next_step_plan",
    "select",
    "verdict_of",
    "verdicts",
]
