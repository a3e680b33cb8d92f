"""A seeded generator of varied enterprises for the differential test and bench/bench_engine.py.

Every fact the rule sets read is drawn, unknown (None) included, around the thresholds the rules
test, so each criterion takes each of its branches over a few thousand enterprises.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

from innoladder.eligibility import (
    Award,
    EnterpriseFacts,
    ExpertInputs,
    Incident,
    IPRecord,
    RDInstitution,
    RecognitionHeld,
    StandardWork,
    YearData,
)

IP_KINDS = ("invention_patent", "utility_model", "software_copyright", "design_patent", "ic_layout", "other")
SCHEMES = ("tsme", "hnte", "innovative_sme", "srdi_sme", "little_giant", "qh_tech_enterprise")
LEVELS = ("international", "national", "industry", "provincial", "municipal", "below")
INCIDENT_KINDS = (
    "safety_quality_accident",
    "environmental_violation",
    "integrity_breach",
    "abnormal_operation_list",
    "serious_violation_list",
)
INSTITUTION_KINDS = ("enterprise_tech_center", "key_lab", "engineering_tech_center", "other")
SIZES = (3_000_000, 30_000_000, 120_000_000, 400_000_000)


def _maybe(rng: random.Random, value: Any, unknown: float = 0.05) -> Any:
    return None if rng.random() < unknown else value


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(rng.randint(int(low * 100), int(high * 100))) / 100


def _day(rng: random.Random, first: int, last: int) -> date:
    return date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def _year(rng: random.Random, number: int, size: int) -> YearData:
    sales = _money(rng, size * 0.3, size * 1.2) if rng.random() > 0.03 else Decimal(0)
    employees = rng.randint(5, 900)
    return YearData(
        year=number,
        employees=_maybe(rng, employees),
        tech_staff=_maybe(rng, rng.randint(0, employees // 2)),
        rd_staff=_maybe(rng, rng.randint(0, employees // 3)),
        sales_revenue=_maybe(rng, sales),
        main_revenue=_maybe(rng, sales * Decimal(rng.randint(40, 100)) / 100),
        operating_revenue=_maybe(rng, sales),
        total_income=_maybe(rng, sales + _money(rng, 0, 1_000_000)),
        non_taxable_income=_maybe(rng, _money(rng, 0, 200_000)),
        hitech_revenue=_maybe(rng, sales * Decimal(rng.randint(20, 95)) / 100),
        rd_expense=_maybe(rng, sales * Decimal(rng.randint(0, 120)) / 1000),
        rd_domestic=None if rng.random() < 0.6 else sales * Decimal(rng.randint(0, 100)) / 1000,
        rd_entrusted_overseas=_maybe(rng, _money(rng, 0, 50_000), 0.3),
        total_cost=_maybe(rng, sales * Decimal(rng.randint(60, 110)) / 100),
        total_assets=_maybe(rng, _money(rng, size * 0.5, size * 2)),
        total_liabilities=_maybe(rng, _money(rng, size * 0.1, size)),
        net_assets=_maybe(rng, _money(rng, -size * 0.1, size), 0.7),
        net_profit=_maybe(rng, sales * Decimal(rng.randint(-5, 15)) / 100),
        equity_financing=Decimal(0) if rng.random() < 0.85 else _money(rng, 1_000_000, 90_000_000),
        tech_conversions=_maybe(rng, rng.randint(0, 7)),
    )


def _ip(rng: random.Random, index: int, number: int, on: date) -> IPRecord:
    acquisition = rng.choice(("self", "self", "self", "transfer", "gift", "merger"))
    return IPRecord(
        kind=rng.choice(IP_KINDS),
        number=f"{index}-{number}",
        granted_on=_maybe(rng, _day(rng, 2008, on.year), 0.1),
        expires_on=None if rng.random() < 0.8 else _day(rng, on.year - 2, on.year + 5),
        status="valid" if rng.random() < 0.9 else "lapsed",
        acquisition=acquisition,
        transferred_on=_day(rng, on.year - 2, on.year) if acquisition != "self" else None,
        overseas_family=rng.random() < 0.1,
        maintained_over_10y=rng.random() < 0.05,
        pledge_financing=rng.random() < 0.05,
        award=rng.random() < 0.05,
        core_to_main_product=rng.random() < 0.85,
        used_in_hnte_application=rng.random() < 0.2,
    )


def _expert(rng: random.Random) -> ExpertInputs:
    if rng.random() < 0.8:
        return ExpertInputs()
    names = [
        "tech_advancement",
        "core_support",
        "ip_quantity",
        "ip_acquisition",
        "standards_bonus",
        "conversion",
        "rd_management",
        "net_asset_growth",
        "sales_growth",
    ]
    return ExpertInputs(**{name: _maybe(rng, rng.randint(0, 32), 0.4) for name in names})


def enterprise(rng: random.Random, index: int, on: date) -> EnterpriseFacts:
    """One enterprise assessed on ``on``: up to four fiscal years before it, some missing."""
    size = rng.choice(SIZES)
    years = tuple(
        _year(rng, on.year - offset, size) for offset in (4, 3, 2, 1) if rng.random() > 0.06 or offset == 4
    )
    ips = tuple(_ip(rng, index, number, on) for number in range(rng.randint(0, 12)))
    awards = tuple(
        Award(
            level=rng.choice(LEVELS),
            kind=rng.choice(("sci_tech", "sci_tech", "other")),
            name=rng.choice(("", "科技进步奖")),
            year=rng.randint(on.year - 7, on.year),
            rank=_maybe(rng, rng.randint(1, 8), 0.2),
        )
        for _ in range(rng.choice((0, 0, 0, 1, 2)))
    )
    standards = tuple(
        StandardWork(
            level=rng.choice(LEVELS),
            year=rng.randint(on.year - 7, on.year),
            rank=_maybe(rng, rng.randint(1, 9), 0.2),
        )
        for _ in range(rng.choice((0, 0, 1, 2)))
    )
    institutions = tuple(
        RDInstitution(rng.choice(INSTITUTION_KINDS), rng.choice(LEVELS)) for _ in range(rng.choice((0, 0, 1)))
    )
    recognitions = tuple(
        RecognitionHeld(
            scheme=rng.choice(SCHEMES),
            issued_on=_day(rng, on.year - 4, on.year),
            expires_on=None if rng.random() < 0.7 else _day(rng, on.year - 1, on.year + 3),
            level=rng.choice(("national", "provincial")),
        )
        for _ in range(rng.choice((0, 0, 1, 2)))
    )
    incidents = tuple(
        Incident(
            kind=rng.choice(INCIDENT_KINDS),
            occurred_on=_day(rng, on.year - 3, on.year),
            removed_on=None if rng.random() < 0.5 else _day(rng, on.year - 2, on.year),
        )
        for _ in range(rng.choice((0, 0, 0, 0, 1)))
    )
    chuangke = rng.random() < 0.1
    return EnterpriseFacts(
        uscc=f"9163280{index:011d}",
        name=f"合成企业{index}",
        registered_on=_maybe(rng, _day(rng, 2000, on.year)),
        registered_in_qinghai=_maybe(rng, rng.random() < 0.9),
        is_resident=rng.random() < 0.98,
        tech_field=rng.choice(("4", "6.1", "7.2", "8", "9", " 1.3", None)),
        strategic_emerging=rng.choice((True, False, None)),
        niche_market_years=_maybe(rng, Decimal(rng.randint(0, 15))),
        in_negative_catalogue=rng.random() < 0.03,
        years=years,
        ips=ips,
        awards=awards,
        standards=standards,
        institutions=institutions,
        recognitions=recognitions,
        incidents=incidents,
        expert=_expert(rng),
        proprietary_tech=rng.choice((True, False, None)),
        digital_level=_maybe(rng, rng.randint(1, 4)),
        quality_items=_maybe(rng, rng.randint(0, 3)),
        market_share=_maybe(rng, Decimal(rng.randint(0, 30)) / 100),
        market_rank=_maybe(rng, rng.randint(1, 12), 0.5),
        own_brand=rng.choice((True, False, None)),
        chain_key_link=rng.choice((True, False, None)),
        foundation_field=rng.choice((True, False, None)),
        time_honoured_brand=rng.choice((True, False, None)),
        serves_chain_leader=rng.choice((True, False, None)),
        info_system_core_business=rng.choice((True, False, None)),
        mgmt_certification=rng.choice((True, False, None)),
        provincial_feature_points=_maybe(rng, Decimal(rng.randint(0, 15))),
        srdi_index_score=_maybe(rng, Decimal(rng.randint(40, 100)), 0.5),
        chuangke_rank=rng.randint(1, 600) if chuangke else None,
        chuangke_year=rng.randint(on.year - 3, on.year) if chuangke else None,
    )


def population(count: int, on: date, seed: int = 20261206) -> list[EnterpriseFacts]:
    rng = random.Random(seed)
    return [enterprise(rng, index, on) for index in range(count)]
