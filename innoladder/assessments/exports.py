"""Columns of the candidates export (scores, counts, the gap in words; no internal rule-set ids)."""

from innoladder.core.xlsx import Column


def _gap(row) -> str:
    gap = getattr(row, "gap", None)
    return gap.text if gap is not None else ""


def _data_year(row) -> str:
    """The fiscal year the verdict read, in words (「2025年度数据」, 「缺少2025年度数据」…)."""
    return getattr(row, "data_year_text", "")


CANDIDATE_COLUMNS = [
    Column("企业名称", "enterprise.name", width=32),
    Column("统一社会信用代码", "enterprise.uscc", width=22),
    Column("园区", "enterprise.park.name", width=16),
    Column("行业代码", "enterprise.industry_code", width=10),
    Column("技术领域", lambda r: r.enterprise.get_tech_field_display(), width=14),
    Column("认定类型", lambda r: r.get_scheme_display(), width=20),
    Column("梯度位置", lambda r: r.get_standing_display(), width=12),
    Column("结论", lambda r: r.get_outcome_display(), width=10),
    Column("满足条件数", "conditions_met", kind="int", width=10),
    Column("条件总数", "conditions_total", kind="int", width=10),
    Column("未满足条件数", "unmet", kind="int", width=12),
    Column("差距", _gap, width=40),
    Column("得分", "score", kind="decimal", width=8),
    Column("得分下限", "score_low", kind="decimal", width=8),
    Column("得分上限", "score_high", kind="decimal", width=8),
    Column("数据年度", _data_year, width=22),
    Column("评估基准日", "assessment.assessed_on", kind="date", width=12),
]
