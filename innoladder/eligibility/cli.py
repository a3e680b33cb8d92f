"""Command line: ``innoladder assess FILE.json`` (or ``-`` for stdin) prints the results as JSON."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import NoReturn

from .jsonio import FactsFormatError, dumps, load_document, results_to_dict
from .plan import next_step_plan
from .registry import UnknownSchemeError, assess, assess_scheme
from .results import RuleSetResult

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"参数错误：{message}\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="innoladder", description="InnoLadder 梯度培育认定条件评估")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("assess", help="按企业数据评估各认定梯度")
    run.add_argument("file", help="企业数据 JSON 文件路径，- 表示标准输入")
    run.add_argument("--on", type=_date, help="评估日期 YYYY-MM-DD（数据中无 as_of 时必填）")
    run.add_argument("--scheme", help="只评估一个认定类型，如 hnte")
    return parser


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _bad_input(message: str) -> int:
    sys.stderr.write(f"输入错误：{message}\n")
    return EXIT_BAD_INPUT


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        text = _read(args.file)
    except OSError as error:
        return _bad_input(f"无法读取文件 {args.file}（{error.strerror}）")
    except UnicodeDecodeError:
        return _bad_input(f"文件 {args.file} 不是 UTF-8 编码")
    try:
        facts, as_of, settings = load_document(text)
    except FactsFormatError as error:
        return _bad_input(str(error))
    on = args.on or as_of
    if on is None:
        return _bad_input("数据中没有 as_of，请用 --on YYYY-MM-DD 指定评估日期")
    results: tuple[RuleSetResult, ...]
    try:
        if args.scheme:
            results = (assess_scheme(args.scheme, facts, on, settings),)
        else:
            results = assess(facts, on, settings)
    except UnknownSchemeError as error:
        return _bad_input(str(error))
    plan = next_step_plan(facts, results, on)
    sys.stdout.write(dumps(results_to_dict(facts, on, results, plan)) + "\n")
    return 0
