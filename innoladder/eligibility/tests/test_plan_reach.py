"""A tier's reach in the next-step plan agrees with the ladder's standing: 「接近」 is at most one failed
condition, whether or not other conditions still wait for data (docs/guide/assessments.md §梯度视图)."""

from __future__ import annotations

import pytest

from innoladder.eligibility.plan import _step
from innoladder.eligibility.results import FAIL, PASS, UNKNOWN, CriterionResult, RuleSetResult, Status
from innoladder.eligibility.rulesets._common import build
from innoladder.eligibility.rulesets.versions import info


def _result(*statuses: Status) -> RuleSetResult:
    """An HNTE result whose conditions have these statuses (one failing makes it not eligible)."""
    criteria = [
        CriterionResult(code=f"C{i}", name_zh=f"条件{i}", group="认定条件", status=status)
        for i, status in enumerate(statuses, start=1)
    ]
    return build(info("hnte_2016"), criteria, FAIL, "")


@pytest.mark.parametrize(
    ("statuses", "reach", "why"),
    [
        ((PASS, PASS, FAIL), "close", "仅差1项条件（条件3）"),
        # one condition short, one still waiting for data: still 「接近」, and the pending one is said
        ((PASS, FAIL, UNKNOWN), "close", "仅差1项条件（条件2），另有1项待补充数据"),
        ((FAIL, FAIL, PASS), "far", "尚有2项条件未满足（条件1、条件2）"),
        ((FAIL, FAIL, UNKNOWN), "far", "尚有2项条件未满足（条件1、条件2），另有1项待补充数据"),
    ],
)
def test_reach_counts_failed_conditions_like_the_ladder(statuses, reach, why) -> None:  # type: ignore[no-untyped-def]
    step = _step("科技部门梯度", _result(*statuses))
    assert step.reach == reach
    assert step.why.startswith(why)
