"""Input facts: frozen dataclasses describing one enterprise.

Money is ``Decimal`` in yuan; ratios (market share) are ``Decimal`` fractions (0.12 = 12%).
``None`` always means "unknown", never zero. Lists (IP, awards, incidents, ...) are complete
records: an empty list means "none".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

IP_CLASS_I_KINDS = frozenset(
    {
        "invention_patent",
        "defence_patent",
        "plant_variety",
        "crop_variety",
        "new_drug",
        "tcm_protected",
        "ic_layout",
    }
)
IP_CLASS_II_KINDS = frozenset({"utility_model", "design_patent", "software_copyright"})
IP_KINDS = IP_CLASS_I_KINDS | IP_CLASS_II_KINDS | {"other"}

INCIDENT_KINDS = frozenset(
    {
        "safety_quality_accident",
        "environmental_violation",
        "integrity_breach",
        "abnormal_operation_list",
        "serious_violation_list",
    }
)
LIST_INCIDENT_KINDS = frozenset({"abnormal_operation_list", "serious_violation_list"})
ANNUAL_SCHEMES = {"tsme": 1}


_CLASS_OF = {**{kind: "I" for kind in IP_CLASS_I_KINDS}, **{kind: "II" for kind in IP_CLASS_II_KINDS}}


def ip_class(kind: str) -> str | None:
    """Return "I", "II" or None (trademarks and other kinds are not classed)."""
    return _CLASS_OF.get(kind)


def add_years(day: date, years: int) -> date:
    """Same calendar day ``years`` later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class YearData:
    """One fiscal year of figures (calendar year in China)."""

    year: int
    employees: int | None = None
    tech_staff: int | None = None
    rd_staff: int | None = None
    sales_revenue: Decimal | None = None
    main_revenue: Decimal | None = None
    operating_revenue: Decimal | None = None
    total_income: Decimal | None = None
    non_taxable_income: Decimal | None = None
    hitech_revenue: Decimal | None = None
    rd_expense: Decimal | None = None
    rd_domestic: Decimal | None = None
    rd_entrusted_domestic: Decimal | None = None
    rd_entrusted_overseas: Decimal | None = None
    total_cost: Decimal | None = None
    total_assets: Decimal | None = None
    total_liabilities: Decimal | None = None
    net_assets: Decimal | None = None
    net_profit: Decimal | None = None
    taxes_paid: Decimal | None = None
    export_value: Decimal | None = None
    equity_financing: Decimal | None = None
    tech_conversions: int | None = None

    def net_assets_value(self) -> Decimal | None:
        """净资产: the given figure, else 资产总额 − 负债总额."""
        if self.net_assets is not None:
            return self.net_assets
        if self.total_assets is not None and self.total_liabilities is not None:
            return self.total_assets - self.total_liabilities
        return None

    def debt_ratio(self) -> Decimal | None:
        """资产负债率 = 负债总额 ÷ 资产总额."""
        if self.total_liabilities is None or not self.total_assets:
            return None
        return self.total_liabilities / self.total_assets


@dataclass(frozen=True)
class IPRecord:
    """One intellectual-property right held by the enterprise."""

    kind: str
    number: str = ""
    title: str = ""
    granted_on: date | None = None
    expires_on: date | None = None
    status: str = "valid"
    acquisition: str = "self"
    transferred_on: date | None = None
    overseas_family: bool = False
    maintained_over_10y: bool = False
    pledge_financing: bool = False
    award: bool = False
    core_to_main_product: bool = True
    used_in_hnte_application: bool = False

    @property
    def ip_class(self) -> str | None:
        return _CLASS_OF.get(self.kind)

    def is_valid(self, on: date) -> bool:
        """Valid on ``on``: status valid, already granted and not expired."""
        if self.status != "valid":
            return False
        if self.granted_on is not None and self.granted_on > on:
            return False
        return self.expires_on is None or self.expires_on >= on

    def is_high_value(self, on: date) -> bool:
        """Ⅰ类高价值 (MIIT 2022): overseas family, >10 years maintained, pledge financing or award."""
        if self.ip_class != "I":
            return False
        over_10y = self.maintained_over_10y or (
            self.granted_on is not None and add_years(self.granted_on, 10) < on
        )
        return self.overseas_family or over_10y or self.pledge_financing or self.award


@dataclass(frozen=True)
class Award:
    """A science-and-technology (or other) award won by the enterprise; rank = its unit rank."""

    level: str
    kind: str
    name: str = ""
    year: int = 0
    rank: int | None = None


@dataclass(frozen=True)
class StandardWork:
    """Participation in drafting a standard; rank = the enterprise's drafting-unit rank."""

    level: str
    year: int
    rank: int | None = None
    name: str = ""


@dataclass(frozen=True)
class RDInstitution:
    """A recognised R&D institution (kind e.g. enterprise_tech_center, key_lab)."""

    kind: str
    level: str
    name: str = ""


@dataclass(frozen=True)
class RecognitionHeld:
    """A recognition or honour already held (scheme id from the glossary, or an honour id)."""

    scheme: str
    issued_on: date
    expires_on: date | None = None
    level: str = "national"
    number: str = ""

    def is_valid(self, on: date) -> bool:
        """Valid on ``on``; without an expiry date, 1 year for 科技型中小企业 (annual), else 3 years."""
        years = ANNUAL_SCHEMES.get(self.scheme, 3)
        end = self.expires_on if self.expires_on is not None else add_years(self.issued_on, years)
        return self.issued_on <= on <= end


@dataclass(frozen=True)
class Incident:
    """A negative event; list-type kinds stay in force until ``removed_on``."""

    kind: str
    occurred_on: date
    removed_on: date | None = None


@dataclass(frozen=True)
class ExpertInputs:
    """Expert-judged parts of the HNTE innovation-ability score (integers); None = not yet judged."""

    tech_advancement: int | None = None
    core_support: int | None = None
    ip_quantity: int | None = None
    ip_acquisition: int | None = None
    standards_bonus: int | None = None
    conversion: int | None = None
    rd_management: int | None = None
    net_asset_growth: int | None = None
    sales_growth: int | None = None


@dataclass(frozen=True)
class EnterpriseFacts:
    """Everything the rule sets read about one enterprise."""

    uscc: str
    name: str
    registered_on: date | None = None
    registered_in_qinghai: bool | None = None
    is_resident: bool = True
    industry_code: str = ""
    tech_field: str | None = None
    strategic_emerging: bool | None = None
    niche_market_years: Decimal | None = None
    in_negative_catalogue: bool = False
    years: tuple[YearData, ...] = ()
    ips: tuple[IPRecord, ...] = ()
    awards: tuple[Award, ...] = ()
    standards: tuple[StandardWork, ...] = ()
    institutions: tuple[RDInstitution, ...] = ()
    recognitions: tuple[RecognitionHeld, ...] = ()
    incidents: tuple[Incident, ...] = ()
    expert: ExpertInputs = field(default_factory=ExpertInputs)
    proprietary_tech: bool | None = None
    digital_level: int | None = None
    quality_items: int | None = None
    market_share: Decimal | None = None
    market_rank: int | None = None
    own_brand: bool | None = None
    chain_key_link: bool | None = None
    foundation_field: bool | None = None
    time_honoured_brand: bool | None = None
    serves_chain_leader: bool | None = None
    info_system_core_business: bool | None = None
    mgmt_certification: bool | None = None
    provincial_feature_points: Decimal | None = None
    srdi_index_score: Decimal | None = None
    chuangke_rank: int | None = None
    chuangke_year: int | None = None

    @cached_property
    def _years_by_number(self) -> dict[int, YearData]:
        return {item.year: item for item in self.years}

    @cached_property
    def memo(self) -> dict[object, object]:
        """Look-ups that several rule sets derive alike (e.g. the IP valid on a date), kept once a facts
        object; the facts are frozen, so a key's value never changes."""
        return {}

    def year(self, year: int) -> YearData | None:
        return self._years_by_number.get(year)
