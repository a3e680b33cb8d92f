"""The tiers of the ladder, what the system knows of each tier's criteria, and where the criteria are
missing: said once, in plain Chinese, with the official sources to check (from the project's criteria
research, §3.4 "2026 revision" and §7.2 "青海省科技小巨人")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from innoladder import eligibility as e
from innoladder.assessments.choices import SCHEME_NAMES

# One name per tier, the same as the assessments' scheme names (the table-only tier included).
TIER_NAMES = SCHEME_NAMES
ISSUERS = {
    "tsme": "科学技术部（现与工业和信息化部）",
    "hnte": "科学技术部、财政部、国家税务总局",
    "innovative_sme": "工业和信息化部",
    "tech_innovative_sme": "工业和信息化部",
    "srdi_sme": "工业和信息化部、省级中小企业主管部门",
    "little_giant": "工业和信息化部",
    "qh_tech_enterprise": "青海省科学技术厅",
    "qh_tech_little_giant": "青海省科学技术厅",
}


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class CriteriaGap:
    """A tier whose official criteria could not be obtained, from ``since`` (None: always)."""

    tier: str
    since: dt.date | None
    text: str
    sources: tuple[Source, ...]

    def applies(self, on: dt.date) -> bool:
        return self.since is None or on >= self.since


MIIT_2026 = (
    Source(
        "中国中小企业协会：《优质中小企业梯度培育管理办法》修订发布（2026年1月18日）",
        "http://ceccweb.org.cn/listshow.php?cid=69&id=3879",
    ),
    Source("同上：办法全文", "http://www.ceccweb.org.cn/listshow.php?cid=68&id=3878"),
    Source("工业和信息化部网站（以部门发布的原文为准）", "https://www.miit.gov.cn/"),
)
GAPS = {
    gap.tier: gap
    for gap in (
        CriteriaGap(
            "tech_innovative_sme",
            dt.date(2026, 1, 1),
            "2026年1月工业和信息化部修订《优质中小企业梯度培育管理办法》，将科技型中小企业并入新设的"
            "「科技和创新型中小企业」。该层级的认定条件原文目前尚未取得，系统无法判定，评估结果显示为"
            "“数据不足”。取得原文前，可参考科技型中小企业的评价结果预判；园区管理员可按主管部门发布的"
            "条件录入规则表。",
            MIIT_2026,
        ),
        CriteriaGap(
            "srdi_sme",
            dt.date(2026, 1, 1),
            "2026年修订的《优质中小企业梯度培育管理办法》调整了专精特新中小企业认定标准，新标准原文目前"
            "尚未取得。系统仍按2022年标准（工信部企业〔2022〕63号）计算，结论仅供参考；园区管理员可按新标准"
            "录入规则表。",
            MIIT_2026,
        ),
        CriteriaGap(
            "qh_tech_little_giant",
            None,
            "青海省科技小巨人企业的认定管理办法原文目前尚未取得，系统不作判定。请向青海省科学技术厅索取"
            "现行办法；园区管理员可按办法录入规则表。",
            (
                Source("青海省科学技术厅网站（以厅发布的原文为准）", "https://kjt.qinghai.gov.cn/"),
                Source(
                    "中国政府网转青海日报：青海“双倍增”及科技小巨人企业培育（2019年4月1日）",
                    "http://big5.www.gov.cn/gate/big5/www.gov.cn/xinwen/2019-04/01/content_5378640.htm",
                ),
                Source(
                    "中国青年网青海频道（2019年3月11日）",
                    "http://qh.youth.cn/qhyw/201903/t20190311_11893017.htm",
                ),
            ),
        ),
    )
}
# Tiers whose thresholds an administrator may enter as a rule table: those with missing criteria.
TABLE_TIERS = tuple(GAPS)


@dataclass(frozen=True)
class BuiltIn:
    """One rule-set version the system has built in, described in words (never its internal id)."""

    label: str
    basis: str
    effective_from: dt.date
    effective_to: dt.date | None
    in_force: bool  # on the date asked for


def version_label(info) -> str:
    """「高新技术企业 2016年版」: a rule-set version in words (its id stays in the code)."""
    return f"{TIER_NAMES.get(info.scheme, info.name_zh)} {info.effective_from.year}年版"


def built_in(tier: str, on: dt.date) -> list[BuiltIn]:
    found = []
    for ruleset in e.CATALOGUE:
        info = ruleset.info
        if info.scheme == tier:
            found.append(
                BuiltIn(
                    version_label(info),
                    info.basis,
                    info.effective_from,
                    info.effective_to,
                    ruleset.in_force(on),
                )
            )
    return found


def gap_on(tier: str, on: dt.date) -> CriteriaGap | None:
    gap = GAPS.get(tier)
    return gap if gap is not None and gap.applies(on) else None
