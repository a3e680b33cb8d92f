"""统一社会信用代码 (unified social credit code, USCC) per GB 32100-2015.

Structure: pos 1 registration authority, pos 2 organisation type, pos 3-8 administrative division
(GB/T 2260), pos 9-17 the 组织机构代码 (GB 11714), pos 18 the overall check character.

A failed overall checksum is an error; a failed embedded 组织机构代码 check is only a warning, because
some legacy codes really issued deviate from GB 11714. Officers may still override an error with a
recorded reason; that workflow lives outside this module.

Sources: GB 32100-2015 as described at https://www.cods.org.cn/c/2020-10-29/12575.html;
/work/shared/domain/criteria.md §5.
"""

from __future__ import annotations

from dataclasses import dataclass

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
ORG_CODE_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "中央编办直管群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "6": "商事调解组织",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": (
        "民政",
        {
            "1": "社会团体",
            "2": "民办非企业单位",
            "3": "基金会",
            "4": "村民委员会",
            "5": "居民委员会",
            "9": "其他",
        },
    ),
    "6": ("旅游", {"1": "外国旅游部门常驻代表机构", "2": "港澳台旅游部门常驻内地代表机构", "9": "其他"}),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商（市场监管）", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {"1": "其他"}),
}

_FULL_WIDTH_OFFSET = 0xFEE0


@dataclass(frozen=True)
class UsccCheck:
    """Result of checking one code: errors block, warnings only inform."""

    code: str
    ok: bool
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    authority: str | None
    org_type: str | None
    division_code: str | None
    org_code: str | None


def normalise(raw: str) -> str:
    """Strip blanks, turn full-width characters into half-width ones, and uppercase."""
    chars = []
    for ch in raw:
        point = ord(ch)
        if point == 0x3000:
            continue
        if 0xFF01 <= point <= 0xFF5E:
            ch = chr(point - _FULL_WIDTH_OFFSET)
        if ch.isspace():
            continue
        chars.append(ch)
    return "".join(chars).upper()


def _weighted_sum(body: str, charset: str, weights: tuple[int, ...]) -> int | None:
    """Σ (each character's position in ``charset``) × its weight; None if a character is not in it."""
    total = 0
    for ch, weight in zip(body, weights, strict=True):
        value = charset.find(ch)
        if value < 0:
            return None
        total += value * weight
    return total


def check_char(first17: str) -> str:
    """Compute the 18th (overall check) character for a 17-character body.

    Raises ValueError if the body has the wrong length or characters outside the 31-character set.
    """
    if len(first17) != 17:
        raise ValueError("统一社会信用代码本体应为17位")
    total = _weighted_sum(first17, CHARSET, WEIGHTS)
    if total is None:
        ch = next(ch for ch in first17 if ch not in CHARSET)
        raise ValueError(f"字符“{ch}”不在统一社会信用代码字符集中")
    return CHARSET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str | None:
    """GB 11714 check character for the 8-character 组织机构代码 body, or None if it is not computable."""
    total = _weighted_sum(first8, ORG_CODE_CHARSET, ORG_CODE_WEIGHTS)
    if total is None:
        return None
    check = 11 - total % 11
    if check == 10:
        return "X"
    if check == 11:
        return "0"
    return str(check)


def validate(raw: str) -> UsccCheck:
    """Check a code for length, character set and the overall checksum; warn on the 组织机构代码 check."""
    code = normalise(raw)
    errors: list[str] = []
    warnings: list[str] = []
    if len(code) != 18:
        errors.append(f"统一社会信用代码应为18位，当前为{len(code)}位")
    bad = sorted({ch for ch in code if ch not in CHARSET})
    if bad:
        errors.append("含有不允许的字符：" + "、".join(bad) + "（不使用字母I、O、S、V、Z）")
    if len(code) >= 8 and not code[2:8].isdigit():
        errors.append("第3-8位登记管理机关行政区划码应为6位数字")
    if not errors:
        expected = check_char(code[:17])
        if code[17] != expected:
            errors.append(f"校验码错误：第18位应为“{expected}”，实际为“{code[17]}”")

    authority: str | None = None
    org_type: str | None = None
    division: str | None = None
    org_code: str | None = None
    if len(code) == 18:
        entry = AUTHORITIES.get(code[0])
        if entry is None:
            warnings.append(f"第1位登记管理部门代码“{code[0]}”未在GB 32100-2015中列出")
        else:
            authority = entry[0]
            org_type = entry[1].get(code[1])
            if org_type is None:
                warnings.append(f"第2位机构类别代码“{code[1]}”不属于{authority}登记管理部门的已知类别")
        division = code[2:8]
        org_code = code[8:17]
        expected_org = org_code_check_char(org_code[:8])
        if expected_org is None:
            warnings.append("第9-16位含有组织机构代码不允许的字符，无法复核组织机构代码校验位")
        elif org_code[8] != expected_org:
            warnings.append(
                f"内嵌组织机构代码校验位（第17位）按GB 11714应为“{expected_org}”，实际为“{org_code[8]}”；"
                "部分历史代码不符合此项，仅作提示"
            )
    return UsccCheck(
        code=code,
        ok=not errors,
        errors=tuple(errors),
        warnings=tuple(warnings),
        authority=authority,
        org_type=org_type,
        division_code=division,
        org_code=org_code,
    )
