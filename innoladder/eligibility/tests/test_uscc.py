"""Tests for the USCC checker (GB 32100-2015)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innoladder.eligibility.uscc import CHARSET, check_char, normalise, org_code_check_char, validate

# Published codes, each seen in several independent public listings:
# 华为技术有限公司 and 腾讯科技（深圳）有限公司.
PUBLISHED = ["914403001922038216", "91440300708461136T"]


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_enterprise_codes_validate(code: str) -> None:
    result = validate(code)
    assert result.ok
    assert result.errors == ()
    assert result.warnings == ()
    assert result.authority == "工商（市场监管）"
    assert result.org_type == "企业"
    assert result.division_code == "440300"


def test_check_char_by_hand() -> None:
    # 9*1 + 1*3 + 6*9 + 3*27 + 2*19 + 8*26 + 0*16 + 1*17 = 410; 410 mod 31 = 7; 31 - 7 = 24 -> "Q".
    assert check_char("91632801000000000") == "Q"
    # The embedded organisation code 00000000: sum 0, 11 - 0 = 11 -> "0".
    assert org_code_check_char("00000000") == "0"
    result = validate("91632801000000000Q")
    assert result.ok
    assert result.division_code == "632801"
    assert result.org_code == "000000000"


def test_org_code_check_ten_maps_to_x() -> None:
    # Only the 8th character (weight 2) is non-zero in each case:
    # 3*2 = 6 -> 11 - 6 = 5; A(10)*2 = 20, 20 mod 11 = 9 -> 2; 6*2 = 12, 12 mod 11 = 1 -> 10 -> "X".
    assert org_code_check_char("00000003") == "5"
    assert org_code_check_char("0000000A") == "2"
    assert org_code_check_char("00000006") == "X"


def test_wrong_checksum_is_an_error_naming_the_expected_char() -> None:
    result = validate("914403001922038217")
    assert not result.ok
    assert result.errors == ("校验码错误：第18位应为“6”，实际为“7”",)


@pytest.mark.parametrize("bad", ["I", "O", "S", "V", "Z"])
def test_forbidden_letters_are_errors(bad: str) -> None:
    result = validate("91632801" + bad + "00000000Q")
    assert not result.ok
    assert any(bad in message and "不允许的字符" in message for message in result.errors)


def test_lowercase_is_normalised() -> None:
    assert normalise(" 91440300708461136t ") == "91440300708461136T"
    assert validate("91440300708461136t").ok


def test_full_width_input_is_normalised() -> None:
    full = "９１４４０３００７０８４６１１３６Ｔ"
    assert normalise(full) == "91440300708461136T"
    assert validate("　" + full + "　").ok


@pytest.mark.parametrize("raw,length", [("", 0), ("91440300708461136", 17), ("91440300708461136TT", 19)])
def test_length_errors(raw: str, length: int) -> None:
    result = validate(raw)
    assert not result.ok
    assert result.errors[0] == f"统一社会信用代码应为18位，当前为{length}位"


def test_non_digit_division_is_an_error() -> None:
    body = "91A32801000000000"
    result = validate(body + check_char(body))
    assert not result.ok
    assert "第3-8位登记管理机关行政区划码应为6位数字" in result.errors


def test_embedded_org_code_mismatch_only_warns() -> None:
    # Organisation code 00000000 should end in "0"; use "1" and a correct overall check char.
    body = "91632801000000001"
    result = validate(body + check_char(body))
    assert result.ok
    assert len(result.warnings) == 1
    assert "应为“0”" in result.warnings[0]


def test_unknown_org_type_warns() -> None:
    body = "97632801000000000"
    result = validate(body + check_char(body))
    assert result.ok
    assert result.org_type is None
    assert result.warnings


def test_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        check_char("123")
    with pytest.raises(ValueError):
        check_char("9163280100000000I")


@given(
    st.text(alphabet=CHARSET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.text(alphabet=CHARSET, min_size=9, max_size=9),
)
def test_every_body_with_its_check_char_validates(head: str, division: str, subject: str) -> None:
    body = head + division + subject
    result = validate(body + check_char(body))
    assert result.ok
    assert result.errors == ()


@given(st.text(alphabet=CHARSET, min_size=17, max_size=17), st.sampled_from(CHARSET))
def test_any_other_check_char_fails(body: str, other: str) -> None:
    if other != check_char(body) and body[2:8].isdigit():
        assert not validate(body + other).ok
