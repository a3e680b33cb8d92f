"""Engine texts in plain Chinese for user screens.

The rules engine writes notes for developers and reviewers as well as for users: rule-set version ids
(``hnte_2016``), setting names (``srdi_sme_lower_inclusive=True``), 「本引擎未编码」 and how reliable a
source is (「置信度中」). The engine keeps them (they are its record); screens show them only inside the
「规则依据」 detail, and in plain words (``plain``). Which notes are such basis notes: ``is_basis_note``.
"""

from __future__ import annotations

import re
from dataclasses import fields

from innoladder import eligibility as e

from .tiers import TIER_NAMES, version_label

# Each setting in words, and its two values in words.
SETTING_WORDS = {
    "innovative_sme_lower_inclusive": (
        "创新型中小企业“a%以上 / b%-a%”区间的边界值",
        "计入较高一档",
        "计入较低一档",
    ),
    "srdi_sme_lower_inclusive": ("专精特新中小企业评分区间的边界值", "计入较高一档", "计入较低一档"),
    "srdi_requires_innovative_sme": ("专精特新中小企业须先认定为创新型中小企业", "要求", "不要求"),
}
SETTING_NAMES = frozenset(field.name for field in fields(e.Settings))
VERSION_LABELS = {ruleset.info.version: version_label(ruleset.info) for ruleset in e.CATALOGUE}
CONFIDENCE = {"高": "高", "中高": "较高", "中": "中等", "中低": "中等偏低", "低": "低"}

_SETTING_VALUE = re.compile(r"(?:设置\s*)?\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)=(True|False)\b")
_SETTING = re.compile(r"(?:设置\s*)?\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b")
_CONFIDENCE = re.compile(r"置信度(高|中高|中低|中|低)")
_TABLE_VERSION = re.compile(r"\bruletable:(\d+):(\d+)\b")
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")

# Words that mark a note about the basis of the rule rather than about the enterprise.
BASIS_MARKERS = ("置信度", "编码", "设置", "原文", "核对", "推测", "依记忆", "来源为", "镜像", "口径设置")


def _setting_value(match: re.Match) -> str:
    name, value = match.group(1), match.group(2)
    if name not in SETTING_WORDS:
        return match.group(0)
    what, yes, no = SETTING_WORDS[name]
    return f"系统口径「{what}：{yes if value == 'True' else no}」"


def _identifier(match: re.Match) -> str:
    name = match.group(1)
    if name in SETTING_WORDS:
        return f"系统口径「{SETTING_WORDS[name][0]}」"
    if name in VERSION_LABELS:
        return VERSION_LABELS[name]
    if name in TIER_NAMES:
        return TIER_NAMES[name]
    return match.group(0)


def plain(text: str) -> str:
    """``text`` with internal ids, setting names, 「本引擎未编码」 and confidence notes put in words."""
    if not text:
        return text
    text = _SETTING_VALUE.sub(_setting_value, text)
    text = _SETTING.sub(_identifier, text)
    text = _TABLE_VERSION.sub(lambda m: f"管理员录入的规则表（第{m.group(2)}版）", text)
    text = text.replace("本引擎未编码", "本系统尚未内置").replace("尚未编码", "尚未内置")
    text = text.replace("未编码", "尚未内置").replace("本引擎", "本系统")
    text = _CONFIDENCE.sub(lambda m: f"可靠程度{CONFIDENCE[m.group(1)]}", text)
    return text.replace("来源为咨询机构页面", "来源为咨询机构页面转述")


def is_basis_note(text: str) -> bool:
    """A note on how the rule was obtained or configured (for the 规则依据 detail), not on the enterprise."""
    return bool(_IDENTIFIER.search(text)) or any(marker in text for marker in BASIS_MARKERS)


def result_version_label(version: str, name: str = "") -> str:
    """A stored result's rule-set version in words."""
    if version in VERSION_LABELS:
        return VERSION_LABELS[version]
    table = _TABLE_VERSION.fullmatch(version)
    if table:
        return f"{name}：管理员录入的规则表（第{table.group(2)}版）"
    return plain(version)
