"""JSON round trip, the example document, and the command line."""

import io
import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from innoladder.eligibility import assess
from innoladder.eligibility.cli import main
from innoladder.eligibility.jsonio import (
    FactsFormatError,
    facts_from_dict,
    facts_to_dict,
    load_document,
    to_jsonable,
)

from .builders import ON, facts

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "golmud_example.json"


def test_facts_round_trip() -> None:
    original = facts()
    data = json.loads(json.dumps(facts_to_dict(original, ON)))
    assert data["as_of"] == ON.isoformat()
    assert data["years"][0]["sales_revenue"] == "40000000"
    assert facts_from_dict(data) == original


def test_json_numbers_are_parsed_exactly() -> None:
    loaded, _, _ = load_document(
        '{"uscc": "1", "name": "x", "market_share": 0.1, "years": [{"year": 2024, "rd_expense": 1234567.89}]}'
    )
    assert loaded.market_share == D("0.1")
    assert loaded.years[0].rd_expense == D("1234567.89")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"name": "x"}', "uscc：缺少必填字段"),
        ('{"uscc": "1", "name": "x", "bogus": 1}', "未知字段 bogus"),
        ('{"uscc": "1", "name": "x", "registered_on": "2020-13-01"}', "registered_on：无法识别的日期"),
        ('{"uscc": "1", "name": "x", "years": [{"year": 2024, "rd_expense": "abc"}]}', "years[0].rd_expense"),
        ('{"uscc": "1", "name": "x", "is_resident": "yes"}', "应为 true 或 false"),
        ("[1, 2", "JSON 格式错误"),
    ],
)
def test_bad_input_has_a_chinese_message_with_the_path(text: str, message: str) -> None:
    with pytest.raises(FactsFormatError) as caught:
        load_document(text)
    assert message in str(caught.value)


def test_example_document_loads_and_assesses() -> None:
    loaded, as_of, settings = load_document(EXAMPLE.read_text(encoding="utf-8"))
    assert as_of is not None
    results = assess(loaded, as_of, settings)
    assert len(results) == 6
    json.dumps(to_jsonable(results), ensure_ascii=False)


def test_cli_prints_results_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(EXAMPLE)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["as_of"] == "2026-05-20"
    assert {r["ruleset_id"] for r in out["results"]} >= {"tsme", "hnte", "little_giant"}
    assert out["plan"]["summary"]


def test_cli_reads_stdin_and_needs_a_date(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"uscc": "1", "name": "x"}'))
    assert main(["assess", "-"]) == 2
    assert "--on" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO('{"uscc": "1", "name": "x"}'))
    assert main(["assess", "-", "--on", "2025-06-01", "--scheme", "hnte"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["version"] for r in out["results"]] == ["hnte_2016"]
    # an empty IP list means "no IP": K2 fails even though the figures are unknown
    assert out["results"][0]["outcome"] == "not_eligible"
    k1 = next(c for c in out["results"][0]["criteria"] if c["code"] == "K1")
    assert k1["status"] == "insufficient_data"


@pytest.mark.parametrize(
    "argv", [["assess", "/nonexistent/file.json"], ["assess", "-", "--on", "2025-02-30"], ["frobnicate"]]
)
def test_cli_bad_input_exits_2(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("{}"))
    with pytest.raises(SystemExit) as caught:
        code = main(argv)
        raise SystemExit(code)
    assert caught.value.code == 2


def test_cli_unknown_scheme_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"uscc": "1", "name": "x", "as_of": "2025-06-01"}'))
    assert main(["assess", "-", "--scheme", "nope"]) == 2
    assert "未知的认定类型" in capsys.readouterr().err


def test_cached_type_hints_follow_a_swapped_date_class() -> None:
    """The parser resolves each class's type hints once; a test clock swaps ``date`` in every module,
    and documents parse the same before, under and after it."""
    from freezegun import freeze_time

    text = json.dumps(facts_to_dict(facts()))
    before = facts_from_dict(json.loads(text))
    with freeze_time("2028-03-15"):
        frozen = facts_from_dict(json.loads(text))
        assert frozen.registered_on is not None and frozen.registered_on.isoformat() == "2015-01-01"
    after = facts_from_dict(json.loads(text))
    assert before == after == facts()
    assert frozen.years == before.years
