"""科技和创新型中小企业 — 2026年修订《优质中小企业梯度培育管理办法》: criteria not yet recovered."""

from __future__ import annotations

from datetime import date

from ..facts import EnterpriseFacts
from ..results import UNKNOWN, RuleSetResult
from ..settings import Settings
from ._common import build, period
from .versions import info

INFO = info("tech_innovative_sme_2026")


def evaluate(
    facts: EnterpriseFacts, on: date, settings: Settings, data_year: int | None = None
) -> RuleSetResult:
    notes = [
        "2026年修订办法将科技型中小企业并入「科技和创新型中小企业」，该层级的认定标准原文尚未取得，本引擎未编码，"
        "无法判定。请以工业和信息化部发布的标准为准。",
        "参考：原创新型中小企业（2022）和科技型中小企业（2017/2022）的评价结果可作为预判。",
    ]
    return build(INFO, [], UNKNOWN, "", notes, when=period(INFO, facts, on, data_year))


__all__ = ["INFO", "evaluate"]
