"""Benchmark: assess N synthetic enterprises (3 years, IP) with every rule set in force.

Usage: python bench/bench_engine.py [N] [YYYY-MM-DD] [REPEATS]
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from innoladder.eligibility import (  # noqa: E402
    Award,
    EnterpriseFacts,
    IPRecord,
    RDInstitution,
    RecognitionHeld,
    YearData,
    assess,
)

KINDS = ["invention_patent", "utility_model", "software_copyright", "design_patent", "ic_layout", "other"]


def say(text: str) -> None:
    """Benchmarks report their figures on standard output."""
    sys.stdout.write(text + "\n")


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def synthetic(rng: random.Random, index: int, on: date) -> EnterpriseFacts:
    size = rng.choice([5_000_000, 30_000_000, 120_000_000, 400_000_000])
    years = []
    for offset in (3, 2, 1):
        sales = money(rng, size // 2, size)
        employees = rng.randint(10, 700)
        years.append(
            YearData(
                year=on.year - offset,
                employees=employees,
                tech_staff=rng.randint(0, employees // 2),
                rd_staff=rng.randint(0, employees // 3),
                sales_revenue=sales,
                main_revenue=sales * Decimal(rng.randint(40, 100)) / 100,
                operating_revenue=sales,
                total_income=sales + money(rng, 0, 1_000_000),
                non_taxable_income=money(rng, 0, 200_000),
                hitech_revenue=sales * Decimal(rng.randint(20, 95)) / 100,
                rd_expense=sales * Decimal(rng.randint(0, 120)) / 1000,
                rd_domestic=None,
                rd_entrusted_overseas=money(rng, 0, 50_000),
                total_cost=sales * Decimal(rng.randint(60, 110)) / 100,
                total_assets=money(rng, size // 2, size * 2),
                total_liabilities=money(rng, size // 10, size),
                net_profit=sales * Decimal(rng.randint(-5, 15)) / 100,
                equity_financing=Decimal(0) if rng.random() < 0.9 else money(rng, 1_000_000, 90_000_000),
                tech_conversions=rng.randint(0, 6),
            )
        )
    ips = tuple(
        IPRecord(
            kind=rng.choice(KINDS),
            number=f"{index}-{n}",
            granted_on=date(rng.randint(2012, on.year - 1), 1, 1),
        )
        for n in range(rng.randint(0, 12))
    )
    return EnterpriseFacts(
        uscc=f"9163280{index:011d}",
        name=f"合成企业{index}",
        registered_on=date(rng.randint(2005, on.year - 1), rng.randint(1, 12), 1),
        registered_in_qinghai=rng.random() < 0.9,
        tech_field=rng.choice(["4", "6.1", "7.2", "9", None]),
        strategic_emerging=rng.choice([True, False, None]),
        niche_market_years=Decimal(rng.randint(0, 15)),
        years=tuple(years),
        ips=ips,
        awards=(Award("provincial", "sci_tech", year=on.year - 2, rank=2),) if rng.random() < 0.1 else (),
        institutions=(RDInstitution("enterprise_tech_center", rng.choice(["provincial", "municipal"])),)
        if rng.random() < 0.3
        else (),
        recognitions=(RecognitionHeld("hnte", date(on.year - 1, 12, 1)),) if rng.random() < 0.2 else (),
        digital_level=rng.randint(1, 4),
        quality_items=rng.randint(0, 3),
        market_share=Decimal(rng.randint(0, 30)) / 100,
        own_brand=rng.random() < 0.5,
        chain_key_link=rng.random() < 0.3,
        foundation_field=rng.random() < 0.5,
        info_system_core_business=True,
        mgmt_certification=rng.random() < 0.7,
        provincial_feature_points=Decimal(rng.randint(0, 15)),
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    on = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date(2025, 6, 1)
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    rng = random.Random(20260117)
    population = [synthetic(rng, index, on) for index in range(count)]
    rulesets = len(assess(population[0], on))
    outcomes: dict[str, int] = {}
    for facts in population[:200]:  # warm-up
        assess(facts, on)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        for facts in population:
            assess(facts, on)
        timings.append(time.perf_counter() - started)
    for facts in population:
        for result in assess(facts, on):
            key = f"{result.version}:{result.outcome}"
            outcomes[key] = outcomes.get(key, 0) + 1
    mean_us = sum(timings) / len(timings) / count * 1_000_000
    best_us = min(timings) / count * 1_000_000
    say(f"enterprises: {count}, rule sets per enterprise: {rulesets}, assessment date: {on.isoformat()}")
    say(
        f"mean over {repeats} runs: {mean_us:.1f} µs per enterprise (all rule sets); "
        f"{1_000_000 / mean_us:.0f} enterprises/second"
    )
    say(f"best run: {best_us:.1f} µs per enterprise; {1_000_000 / best_us:.0f} enterprises/second")
    say(f"target ≤ 1000 µs (mean): {'met' if mean_us <= 1000 else 'NOT met'}")
    for key in sorted(outcomes):
        say(f"  {key}: {outcomes[key]}")


if __name__ == "__main__":
    main()
