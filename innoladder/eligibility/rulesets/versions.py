"""Identity and validity period of every encoded rule-set version, in one table: the timeline of the
ladder at a glance. A version's scheme is its id less the year ("hnte_2016" → "hnte")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ._common import RuleSetInfo

TSME = "《科技型中小企业评价办法》国科发政〔2017〕115号（2022年修订 国科发区〔2022〕67号 评分表相同）"
HNTE = "《高新技术企业认定管理办法》国科发火〔2016〕32号；《工作指引》国科发火〔2016〕195号"
MIIT_2022 = "《优质中小企业梯度培育管理暂行办法》工信部企业〔2022〕63号"
MIIT_2026 = "《优质中小企业梯度培育管理办法》（工业和信息化部，2026年1月修订）"
QH = "《青海省科技型企业认定管理办法》青科发高新〔2020〕85号"

# The 2022 MIIT measures, replaced by the revision of January 2026.
MIIT_2022_FROM, MIIT_2022_TO = date(2022, 6, 1), date(2025, 12, 31)

# version: name, basis, in force from, until (None: still in force), maximum score (None: not scored)
TABLE: dict[str, tuple[str, str, date, date | None, int | None]] = {
    "tsme_2017": ("科技型中小企业", TSME, date(2017, 5, 3), None, 100),
    "hnte_2016": ("高新技术企业", HNTE, date(2016, 1, 1), None, 100),
    "innovative_sme_2022": ("创新型中小企业", f"{MIIT_2022} 附件1", MIIT_2022_FROM, MIIT_2022_TO, 100),
    "tech_innovative_sme_2026": ("科技和创新型中小企业", MIIT_2026, date(2026, 1, 1), None, None),
    "srdi_sme_2022": ("专精特新中小企业", f"{MIIT_2022} 附件2", MIIT_2022_FROM, None, 100),
    "little_giant_2022": ("专精特新“小巨人”企业", f"{MIIT_2022} 附件3", MIIT_2022_FROM, MIIT_2022_TO, None),
    "little_giant_2026": ("专精特新“小巨人”企业", f"{MIIT_2026}附件2", date(2026, 1, 1), None, None),
    "qh_tech_enterprise_2020": ("青海省科技型企业", QH, date(2020, 1, 1), None, None),
}


def info(version: str) -> RuleSetInfo:
    """The ``RuleSetInfo`` of ``version`` (a key of ``TABLE``)."""
    name_zh, basis, effective_from, effective_to, score_max = TABLE[version]
    top = None if score_max is None else Decimal(score_max)
    return RuleSetInfo(version.rpartition("_")[0], version, name_zh, basis, effective_from, effective_to, top)
