"""The rules engine's texts in the page's language.

The engine (``innoladder.eligibility``, no Django) writes its reasons, values, thresholds, gaps, clauses
and notes in Chinese, formatted when read. Pages translate them here, at display: a text the catalogue
holds whole is looked up; any other is matched against the engine's wordings in ``TEMPLATES`` (Chinese
with named placeholders, ``%(name)s``), whose parts are translated in turn and put into the English
wording the catalogue gives for the same template. Policy document numbers (国科发火〔2016〕32号) are one
such template: the issuer's abbreviation has its English (pinyin) rendering in the catalogue.

Assessments keep only their verdicts and the facts snapshot; the texts are formatted again from the
stored facts when shown, so nothing stored needs rewriting. In Chinese every text is returned as is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

CJK = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3001-\u303f]")
NUMERALS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "两": 2}
_NUMERAL = re.compile(r"[零一二两三四五六七八九十百]+")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")

# The engine's wordings: Chinese with named placeholders, each with its English in the catalogue.
# The longer the fixed part of a template, the earlier it is tried.
TEMPLATES = (
    # Policy documents and their clauses.
    _("%(issuer)s〔%(year)s〕%(number)s号"),
    _("%(doc)s 第%(article)s条(%(item)s)"),
    _("%(doc)s 第%(article)s条"),
    _("%(doc)s 附件%(annex)s"),
    _("%(doc)s 附件%(annex)s %(part)s"),
    _("%(doc)s %(section)s(%(item)s)%(point)s"),
    _("%(doc)s %(section)s(%(item)s)"),
    _("第%(article)s条(%(item)s)"),
    _("第%(article)s条"),
    _("附件%(annex)s"),
    # Reasons.
    _("%(name)s：%(value)s，要求%(threshold)s，%(verdict)s"),
    _("%(name)s：%(value)s，得 %(points)s 分（满分 %(top)s 分）"),
    _("%(name)s：%(verdict)s（%(value)s）"),
    _("%(name)s：专家评定，本档 %(low)s–%(high)s 分，待专家评定"),
    _("%(name)s：专家分 %(given)s 超出本档 %(low)s–%(high)s 分，已按 %(points)s 分计"),
    _("%(name)s：%(value)s，本档 %(low)s–%(high)s 分，待专家评定"),
    _("%(name)s：%(value)s"),
    # Values and thresholds.
    _("%(start)s 至 %(end)s 无"),
    _("%(low)s–%(high)s 分"),
    _("本档 %(low)s–%(high)s 分"),
    _("本档 %(points)s 分"),
    _("%(points)s 分"),
    _("%(days)s 天"),
    _("%(count)s人"),
    _("%(count)s 项"),
    _("¥%(amount)s万"),
    _("%(name)s %(year)s年版"),
    _("%(year)s年 %(award)s"),
    _("%(year)s年 第 %(rank)s 名"),
    _("未填写：%(what)s"),
    _("占有率 %(share)s；国内排名 %(rank)s"),
    _("要求%(threshold)s"),
    _("%(sentence)s。"),
    _("评分还差 %(points)s 分"),
    _(
        "已持有「%(name)s」，与本层级属同一梯度（2026年起科技型中小企业、创新型中小企业并入「科技和创新型中小企业」）。"
    ),
    _("需要计算器未收集的信息：%(names)s，请登录平台完整评估。"),
    _("%(first)s。%(second)s"),
    _("%(first)s %(second)s"),
    _(
        "%(start)s 至 %(end)s 无重大安全/质量事故、严重环境违法、科研严重失信，"
        "未列入经营异常名录和严重违法失信名单"
    ),
    _("《%(title)s》%(doc)s"),
    _("%(year)s年《%(title)s》"),
    _("《%(title)s》"),
    _("%(doc)s附件%(annex)s"),
    _("2022年修订 %(doc)s 评分表相同"),
    _("按%(year)s年度数据评价"),
    _("%(verdict)s：%(names)s"),
    _("差 %(gaps)s"),
    _("评分 %(points)s 分"),
    _("创新能力评价还差 %(points)s 分"),
    _("%(what)s还需增加 %(amount)s（按上年营业收入计）"),
    _("≥%(n)s天"),
    _("≥%(n)s项"),
    _("≥%(n)s年"),
    _("≥%(n)s分"),
    _("≥%(n)s万元"),
    _("≤%(n)s亿元"),
    # A technology contract's VAT treatment and its basis.
    _("%(label)s合同技术卖方取得的收入免征增值税"),
    _("单独的%(label)s合同不适用技术转让、技术开发增值税免税政策"),
    _("%(label)s与技术转让或技术开发相关且价款开在同一张发票上，免征增值税"),
    _("%(doc)s附件%(annex)s第%(article)s条第（%(item)s）项"),
    # A policy condition's threshold: the operator before an amount, a count or a share.
    _("≥%(value)s"),
    _("≤%(value)s"),
    _("%(value)s（%(note)s）"),
    _("%(amount)s，占营业收入 %(share)s"),
    _("年均 %(amount)s"),
    _("≥%(share)s（上年销售收入 %(amount)s）"),
    _("近3年共 %(count)s 项，年均 %(average)s"),
    _("Ⅰ类 %(first)s 项，Ⅱ类 %(second)s 项"),
    _("Ⅰ类 %(first)s 项，可用Ⅱ类 %(second)s 项"),
    _("有效知识产权 %(count)s 项"),
    _("还需 %(count)s 项Ⅰ类知识产权"),
    _("近三年还需增加 %(count)s 项科技成果转化"),
    _("还需新增 %(count)s 名科技人员（占比达 %(share)s）"),
    _("%(what)s还需增加 %(amount)s（%(basis)s）"),
    _("%(what)s还需增加 %(amount)s"),
    _("%(what)s还需增加 %(points)s个百分点"),
    _("按近3年销售收入 %(amount)s 计"),
    _("评价得分 %(score)s"),
    _("专精特新评价得分 %(score)s"),
    _("创新能力评价 %(score)s，要求高于70分"),
    _("营业收入 %(amount)s"),
    _("近2年股权融资 %(amount)s"),
    _("占销售收入 %(share)s"),
    _("占成本费用 %(share)s"),
    _("最高 %(points)s 分档"),
    _("推荐「%(name)s」：%(why)s"),
    _("已满足「%(name)s」条件，可在下一申报批次申报。"),
    _("须先取得「%(lower)s」认定，才能以「%(name)s」为目标。"),
    _("已持有更高层级的「%(name)s」，无需再以此为目标。"),
    _("仅差1项条件（%(name)s）"),
    _("尚有%(count)s项条件未满足（%(names)s）"),
    _("尚有%(count)s项条件未满足（%(names)s），另有%(unknown)s项待补充数据"),
    _("%(how)s，另有%(unknown)s项待补充数据"),
    _("数据不足，补充%(names)s后才能判断"),
    _("数据不足，补充%(names)s等后才能判断"),
    _("下一步目标「%(name)s」，未满足：%(names)s。建议：%(actions)s。"),
    _("「%(name)s」数据不足，请补充：%(names)s。"),
    _("「%(name)s」缺少%(year)s年度数据，请先补充该年度数据再评估。"),
    _("%(why)s在已符合条件的%(count)s个层级中价值最高，建议优先申报。"),
    _("%(why)s在尚未持有的层级中最容易达到。"),
    # A rule set's notes on the year its data come from.
    _("缺少%(year)s年度数据：基准日 %(on)s 应按%(due)s年度（上一个完整会计年度）的数据评价。"),
    _(
        "按%(year)s年度数据评估（最近有数据的年度）：基准日 %(on)s 本应按%(due)s年度数据评价，"
        "该年度数据缺失，经选择改用%(chosen)s年度数据，结论仅供参考。"
    ),
    # The R&D super-deduction's explanation lines (amounts as the engine writes them, 1,234.50元).
    _("%(first)s；分配比例=允许额÷实际额=%(ratio)s"),
    _(
        "2021年以前按项目分别计算其他相关费用限额（%(doc)s）：各项目限额=该项目前五类费用×10%÷(1−10%)，"
        "各项目取实际发生额与限额孰小，限额合计%(cap)s元，允许扣除合计%(allowed)s元"
    ),
    _(
        "2021年起全部项目合并计算其他相关费用限额（%(doc)s）：前五类费用合计%(core)s元×10%÷(1−10%)=%(cap)s元；"
        "实际发生%(actual)s元，允许扣除%(allowed)s元"
    ),
    _("委托境内机构或个人研发费用按实际发生额的80%计入，合计%(amount)s元"),
    _("境内符合条件的研发费用%(base)s元×2/3=%(cap)s元（%(doc)s）"),
    _("委托境外机构研发费用×80%=%(share)s元，与限额%(cap)s元孰小，取%(allowed)s元；委托境外个人的费用不计入"),
    _("允许加计扣除的研发费用合计%(total)s元，减本年形成无形资产的资本化部分%(capitalised)s元"),
    _("资本化项目的其他相关费用按分配比例分摊后计入无形资产计税基础，按摊销额加计扣除，合计%(amount)s元"),
    _("研发形成的无形资产本年摊销%(amount)s元，按摊销额的%(share)s税前摊销"),
    _("下脚料、残次品、中间试制品等特殊收入合计%(amount)s元，从当年研发费用中扣减"),
    _("费用化%(expensed)s元+摊销%(amortisation)s元−特殊收入%(offsets)s元=%(base)s元"),
    _("%(first)s，不足扣减的按零计算"),
    _("%(base)s元×%(rate)s=%(extra)s元；%(why)s"),
    _("摊销%(amortisation)s元×%(rate)s=%(extra)s元，连同摊销额本身即按%(share)s税前摊销"),
    _("前五类费用%(core)s元，其他相关费用实际%(actual)s元、允许%(allowed)s元，可加计扣除%(eligible)s元"),
    _("委托研发实际发生%(actual)s元×80%=%(share)s元，可加计扣除%(eligible)s元"),
    _("%(form)s，费用化"),
    _("%(form)s，本年形成无形资产的资本化项目"),
    _(
        "2022年1-9月按75%、第四季度按100%加计扣除（%(doc)s），第四季度占比%(share)s（%(method)s），"
        "综合比例%(rate)s"
    ),
    _("收入总额减除不征税收入和投资收益后为%(base)s元，无法计算负面清单行业收入占比，请核实收入数据"),
    _(
        "负面清单行业收入%(excluded)s元÷（收入总额%(income)s元−不征税收入%(untaxed)s元"
        "−投资收益%(investment)s元）=%(share)s"
    ),
    _("%(first)s，超过50%，不适用加计扣除（%(doc)s）"),
    _("%(first)s，未超过50%，不属于不适用加计扣除的行业"),
    # Policy matching's gaps.
    _("差距较小：%(gap)s"),
    _("%(what)s超出 %(amount)s"),
    _("%(what)s须超过%(threshold)s，还需增加 %(amount)s以上"),
    _("%(what)s须低于%(threshold)s，超出 %(amount)s"),
    _("%(points)s个百分点"),
    _("缺少%(what)s数据"),
    _("需取得%(tiers)s资质"),
    _("%(first)s或%(second)s"),
)


def _numeral(text: str) -> int | None:
    """A Chinese numeral below a thousand (十一 → 11, 二十 → 20), None for any other text."""
    if not _NUMERAL.fullmatch(text):
        return None
    total, digit = 0, 0
    for char in text:
        if char == "十":
            total += (digit or 1) * 10
            digit = 0
        elif char == "百":
            total += (digit or 1) * 100
            digit = 0
        else:
            digit = NUMERALS[char]
    return total + digit


def _patterns(template: str) -> tuple[re.Pattern[str], ...]:
    """The template as a pattern whose placeholders take as little as they can, then as much."""
    parts = _PLACEHOLDER.split(template)
    found = []
    for width in ("+?", "+"):
        regex = "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>.{width})" for index, part in enumerate(parts)
        )
        found.append(re.compile(regex, re.DOTALL))
    return tuple(found)


def _fixed(template: str) -> str:
    return _PLACEHOLDER.sub("", template)


# (template, its pattern, the longest fixed part: a quick test before the match)
_COMPILED = sorted(
    (
        (template, _patterns(template), max(_PLACEHOLDER.split(template)[::2], key=len))
        for template in TEMPLATES
    ),
    key=lambda item: -len(_fixed(item[0])),
)
# English counts agree with their number: one wording serves every count (the catalogue holds one English
# text a wording), so a count of exactly 1 takes the singular noun (1 day, not 1 days; 0–1 points stays).
SINGULAR = {
    "days": "day",
    "points": "point",
    "conditions": "condition",
    "items": "item",
    "people": "person",
    "projects": "project",
    "enterprises": "enterprise",
    "years": "year",
    "percentage points": "percentage point",
}
_PLURALS = "|".join(sorted(SINGULAR, key=len, reverse=True))
_ONE = re.compile(rf"(?<![\d.,\-–/])1 ({_PLURALS})\b")
_SEPARATORS = ("\n", "；", "，", "、")
# Lines and ；-separated statements are read one by one before any wording is tried on the whole: a wording
# would take a list of statements into its last placeholder (研发费用还需增加 ¥12.5万；职工总数超出 58人).
_STATEMENT_SEPARATORS = ("\n", "；")
_JOINERS = {"\n": "\n", "；": "; ", "，": ", ", "、": ", "}


@lru_cache(maxsize=20000)
def _translate(text: str, language: str) -> str:
    stripped = text.strip()
    if not CJK.search(stripped):
        return text
    found = gettext(stripped)
    if found != stripped:
        return found
    number = _numeral(stripped)
    if number is not None:
        return str(number)
    joined = _split(stripped, language, _STATEMENT_SEPARATORS)
    if joined is not None:
        return joined
    for template, patterns, fixed in _COMPILED:
        if fixed not in stripped:
            continue
        english = gettext(template)  # untranslated, its Chinese stays and the result is not taken
        for pattern in patterns:
            match = pattern.fullmatch(stripped)
            if match is None:
                continue
            args = {name: _translate(value, language) for name, value in match.groupdict().items()}
            result = _ONE.sub(lambda one: f"1 {SINGULAR[one.group(1)]}", english % args)
            if not CJK.search(result):
                return result
    joined = _split(stripped, language, _SEPARATORS)
    return text if joined is None else joined  # wholly or not at all: half in English reads worse


def _split(text: str, language: str, separators: tuple[str, ...]) -> str | None:
    """``text`` read part by part at the first separator whose every part has its English, else None."""
    for separator in separators:
        if separator in text:
            parts = [_translate(part, language).strip() for part in text.split(separator)]
            joined = _JOINERS[separator].join(part for part in parts if part)
            if not CJK.search(joined):
                return joined
    return None


def translate(text: str) -> str:
    """``text`` (one of the engine's) in the active language: as is in Chinese."""
    if not text or not isinstance(text, str):
        return text
    language = get_language() or ""
    if not language.startswith("en"):
        return text
    return _translate(text, language)


# An engine label (a choice's label taken from the engine) translated when shown.
translate_lazy = lazy(translate, str)
