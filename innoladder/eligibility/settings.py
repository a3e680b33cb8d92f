"""Named settings for boundaries the official texts leave ambiguous."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Each setting is reported in the notes of the rule sets it affects."""

    # 创新型中小企业 2022: "5%以上 / 3%-5%" — True: a boundary value belongs to the higher band.
    innovative_sme_lower_inclusive: bool = True
    # 专精特新中小企业 2022 scoring bands ("80%以上 / 70%-80%") — same reading.
    srdi_sme_lower_inclusive: bool = True
    # 专精特新中小企业 2022: must already hold 创新型中小企业.
    # Not stated in the 2022 text; many provinces require it in practice.
    srdi_requires_innovative_sme: bool = False


DEFAULT = Settings()
