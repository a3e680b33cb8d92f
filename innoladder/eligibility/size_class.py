"""Enterprise size class (大型/中型/小型/微型) for statistics.

Source: 国家统计局《统计上大中小微型企业划分办法（2017）》(国统字〔2017〕213号), official copy at
http://www.stats.gov.cn/sj/tjbz/gjtjbz/202302/t20230213_1902763.html. Thresholds checked against a
public copy of the 附表 (https://kubaishu.com/life/202393.html) and against the bureau's own answer
https://www.stats.gov.cn/hd/lyzx/zxgk/202405/t20240524_1953570.html, which quotes the note:

    大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可。

So every listed indicator must reach a tier's lower bound for that tier ("and"); one indicator below the
small-tier bound is enough for 微型 ("or"). An enterprise takes the lowest tier any indicator reaches.

Group coverage follows the 附表 notes (recalled, medium confidence): 工业 = 采矿业, 制造业,
电力、热力、燃气及水生产和供应业; 交通运输业 excludes 铁路运输业;
信息传输业 = 电信、广播电视和卫星传输服务 and 互联网和相关服务;
其他未列明行业 covers 科学研究和技术服务业, 水利、环境和公共设施管理业, 居民服务、修理和其他服务业, 社会工作,
文化、体育和娱乐业, 房地产中介服务 and 其他房地产业, and excludes 自有房地产经营活动. 金融业, 教育, 卫生,
公共管理 and 国际组织 are outside the 15 sections plus 社会工作 that the 2017 text covers.

Industry codes follow GB/T 4754-2017: a section letter, a 2-digit division, a 3-digit group, a 4-digit
class ("C", "C39", "3911", "K7010"). Money is in 元; the 2017 table is in 万元.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Size = Literal["large", "medium", "small", "micro"]
IndicatorName = Literal["employees", "operating_revenue", "total_assets"]

SIZES: tuple[Size, ...] = ("large", "medium", "small", "micro")
SIZE_LABELS: dict[Size, str] = {"large": "大型", "medium": "中型", "small": "小型", "micro": "微型"}
INDICATOR_LABELS: dict[IndicatorName, str] = {
    "employees": "从业人员",
    "operating_revenue": "营业收入",
    "total_assets": "资产总额",
}
WAN = Decimal(10000)
NOTE = "大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可"


@dataclass(frozen=True)
class Threshold:
    """Lower bounds of one indicator for 大型, 中型 and 小型 (persons, or 万元 for money)."""

    indicator: IndicatorName
    large: int
    medium: int
    small: int


@dataclass(frozen=True)
class IndustryGroup:
    """One row group of the 2017 table."""

    key: str
    label_zh: str
    thresholds: tuple[Threshold, ...]


def _x(large: int, medium: int, small: int) -> Threshold:
    return Threshold("employees", large, medium, small)


def _y(large: int, medium: int, small: int) -> Threshold:
    return Threshold("operating_revenue", large, medium, small)


def _z(large: int, medium: int, small: int) -> Threshold:
    return Threshold("total_assets", large, medium, small)


GROUPS: dict[str, IndustryGroup] = {
    group.key: group
    for group in (
        IndustryGroup("agriculture", "农、林、牧、渔业", (_y(20000, 500, 50),)),
        IndustryGroup("industry", "工业", (_x(1000, 300, 20), _y(40000, 2000, 300))),
        IndustryGroup("construction", "建筑业", (_y(80000, 6000, 300), _z(80000, 5000, 300))),
        IndustryGroup("wholesale", "批发业", (_x(200, 20, 5), _y(40000, 5000, 1000))),
        IndustryGroup("retail", "零售业", (_x(300, 50, 10), _y(20000, 500, 100))),
        IndustryGroup("transport", "交通运输业", (_x(1000, 300, 20), _y(30000, 3000, 200))),
        IndustryGroup("warehousing", "仓储业", (_x(200, 100, 20), _y(30000, 1000, 100))),
        IndustryGroup("postal", "邮政业", (_x(1000, 300, 20), _y(30000, 2000, 100))),
        IndustryGroup("accommodation", "住宿业", (_x(300, 100, 10), _y(10000, 2000, 100))),
        IndustryGroup("catering", "餐饮业", (_x(300, 100, 10), _y(10000, 2000, 100))),
        IndustryGroup("information_transmission", "信息传输业", (_x(2000, 100, 10), _y(100000, 1000, 100))),
        IndustryGroup("software_it", "软件和信息技术服务业", (_x(300, 100, 10), _y(10000, 1000, 50))),
        IndustryGroup(
            "real_estate_development", "房地产开发经营", (_y(200000, 1000, 100), _z(10000, 5000, 2000))
        ),
        IndustryGroup("property_management", "物业管理", (_x(1000, 300, 100), _y(5000, 1000, 500))),
        IndustryGroup("leasing_business", "租赁和商务服务业", (_x(300, 100, 10), _z(120000, 8000, 100))),
        IndustryGroup("other", "其他未列明行业", (_x(300, 100, 10),)),
    )
}

OUT_OF_SCOPE = "不在《统计上大中小微型企业划分办法（2017）》适用范围内"

# Division (2 digits) -> group key, or None when the division is outside the 2017 scope.
_DIVISIONS: dict[int, str | None] = {}
for _first, _last, _key in (
    (1, 5, "agriculture"),
    (6, 46, "industry"),
    (47, 50, "construction"),
    (51, 51, "wholesale"),
    (52, 52, "retail"),
    (54, 58, "transport"),
    (59, 59, "warehousing"),
    (60, 60, "postal"),
    (61, 61, "accommodation"),
    (62, 62, "catering"),
    (63, 64, "information_transmission"),
    (65, 65, "software_it"),
    (71, 72, "leasing_business"),
    (73, 82, "other"),
    (85, 85, "other"),
    (86, 90, "other"),
):
    for _division in range(_first, _last + 1):
        _DIVISIONS[_division] = _key
for _division in (53, 66, 67, 68, 69, 83, 84, 91, 92, 93, 94, 95, 96, 97):
    _DIVISIONS[_division] = None

# Section letter -> divisions it spans (GB/T 4754-2017).
SECTIONS: dict[str, tuple[int, int]] = {
    "A": (1, 5),
    "B": (6, 12),
    "C": (13, 43),
    "D": (44, 46),
    "E": (47, 50),
    "F": (51, 52),
    "G": (53, 60),
    "H": (61, 62),
    "I": (63, 65),
    "J": (66, 69),
    "K": (70, 70),
    "L": (71, 72),
    "M": (73, 75),
    "N": (76, 79),
    "O": (80, 82),
    "P": (83, 83),
    "Q": (84, 85),
    "R": (86, 90),
    "S": (91, 96),
    "T": (97, 97),
}

# Division 70 房地产业 splits by 3-digit group.
_REAL_ESTATE: dict[str, str | None] = {
    "701": "real_estate_development",
    "702": "property_management",
    "703": "other",
    "704": None,
    "709": "other",
}


@dataclass(frozen=True)
class GroupLookup:
    """Which table row an industry code falls in, or why none applies."""

    group: IndustryGroup | None
    reason: str


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator's value, the tier it alone reaches, and the explanation."""

    indicator: IndicatorName
    value: Decimal | None
    size: Size | None
    explanation: str


@dataclass(frozen=True)
class SizeResult:
    """Size class with reason; size is None when the data is insufficient or out of scope."""

    size: Size | None
    label_zh: str | None
    group: str | None
    group_label_zh: str | None
    insufficient_data: bool
    missing: tuple[IndicatorName, ...]
    lines: tuple[IndicatorLine, ...]
    reason: str


def group_for(industry_code: str) -> GroupLookup:
    """Map a GB/T 4754-2017 code to a 2017 size-table group."""
    code = industry_code.strip().upper()
    letter = code[:1] if code[:1].isalpha() else ""
    digits = code[len(letter) :]
    if letter and letter not in SECTIONS:
        return GroupLookup(None, f"行业代码“{industry_code}”的门类字母无效")
    if digits and (not digits.isdigit() or len(digits) < 2 or len(digits) > 4):
        return GroupLookup(None, f"行业代码“{industry_code}”格式无效，应为门类字母加2-4位数字")
    if not digits:
        if not letter:
            return GroupLookup(None, "缺少行业代码")
        first, last = SECTIONS[letter]
        keys = {_DIVISIONS.get(d, "real_estate") for d in range(first, last + 1)}
        if len(keys) == 1:
            key = keys.pop()
            if key is None:
                return GroupLookup(None, f"门类{letter}{OUT_OF_SCOPE}")
            if key != "real_estate":
                return GroupLookup(GROUPS[key], f"门类{letter}属于{GROUPS[key].label_zh}")
        return GroupLookup(None, f"门类{letter}包含多个划分行业，请提供行业大类（2位）或中类（3位）代码")
    division = int(digits[:2])
    if letter and not SECTIONS[letter][0] <= division <= SECTIONS[letter][1]:
        return GroupLookup(None, f"行业代码“{industry_code}”的门类与大类不一致")
    if division == 70:
        if len(digits) < 3:
            return GroupLookup(None, "房地产业（70）需提供中类代码（701开发经营、702物业管理等）才能划分")
        real_estate_key = _REAL_ESTATE.get(digits[:3])
        if digits[:3] not in _REAL_ESTATE:
            return GroupLookup(None, f"行业代码“{industry_code}”不是有效的房地产业中类")
        if real_estate_key is None:
            return GroupLookup(None, f"自有房地产经营活动（704）{OUT_OF_SCOPE}")
        return GroupLookup(
            GROUPS[real_estate_key], f"行业中类{digits[:3]}属于{GROUPS[real_estate_key].label_zh}"
        )
    if division not in _DIVISIONS:
        return GroupLookup(None, f"行业大类“{digits[:2]}”不是有效的GB/T 4754-2017大类")
    key = _DIVISIONS[division]
    if key is None:
        return GroupLookup(None, f"行业大类{digits[:2]}{OUT_OF_SCOPE}")
    return GroupLookup(GROUPS[key], f"行业大类{digits[:2]}属于{GROUPS[key].label_zh}")


def _tier(threshold: Threshold, value: Decimal) -> Size:
    if value >= threshold.large:
        return "large"
    if value >= threshold.medium:
        return "medium"
    if value >= threshold.small:
        return "small"
    return "micro"


def _describe(threshold: Threshold, value: Decimal | None, size: Size | None) -> str:
    label = INDICATOR_LABELS[threshold.indicator]
    unit = "人" if threshold.indicator == "employees" else "万元"
    bounds = f"（大型≥{threshold.large}{unit}，中型≥{threshold.medium}{unit}，小型≥{threshold.small}{unit}）"
    if value is None or size is None:
        return f"{label}：未填报{bounds}"
    shown = f"{value:f}" if threshold.indicator == "employees" else f"{value:,.2f}"
    return f"{label}{shown}{unit}{bounds}，单项达到{SIZE_LABELS[size]}"


def classify(
    industry_code: str,
    employees: int | None,
    operating_revenue: Decimal | None,
    total_assets: Decimal | None,
) -> SizeResult:
    """Classify one enterprise. Revenue and assets are in 元; employees is the year-end headcount."""
    lookup = group_for(industry_code)
    if lookup.group is None:
        return SizeResult(None, None, None, None, False, (), (), lookup.reason)
    group = lookup.group
    values: dict[IndicatorName, Decimal | None] = {
        "employees": None if employees is None else Decimal(employees),
        "operating_revenue": None if operating_revenue is None else operating_revenue / WAN,
        "total_assets": None if total_assets is None else total_assets / WAN,
    }
    lines: list[IndicatorLine] = []
    for threshold in group.thresholds:
        value = values[threshold.indicator]
        size = None if value is None else _tier(threshold, value)
        lines.append(IndicatorLine(threshold.indicator, value, size, _describe(threshold, value, size)))
    missing = tuple(line.indicator for line in lines if line.size is None)
    known = [SIZES.index(line.size) for line in lines if line.size is not None]
    detail = "；".join(line.explanation for line in lines)
    prefix = f"{lookup.reason}。{detail}。{NOTE}。"
    if known and max(known) == SIZES.index("micro"):
        return SizeResult(
            "micro", "微型", group.key, group.label_zh, False, missing, tuple(lines), prefix + "结论：微型"
        )
    if missing:
        names = "、".join(INDICATOR_LABELS[name] for name in missing)
        cap = f"，已知指标表明至多为{SIZE_LABELS[SIZES[max(known)]]}" if known else ""
        return SizeResult(
            None,
            None,
            group.key,
            group.label_zh,
            True,
            missing,
            tuple(lines),
            prefix + f"数据不足：缺少{names}{cap}",
        )
    size = SIZES[max(known)]
    return SizeResult(
        size,
        SIZE_LABELS[size],
        group.key,
        group.label_zh,
        False,
        (),
        tuple(lines),
        prefix + f"结论：{SIZE_LABELS[size]}",
    )
