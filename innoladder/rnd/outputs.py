"""The 2021-format 研发支出辅助账 per project, the 汇总表 and the A107012-style summary, for screen and xlsx.

The ledger and summary are kept in yuan to the fen (the tax forms' unit); the screen shows 万元 as well.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext_noop

from innoladder.core.xlsx import Column, build_workbook

from . import choices as c
from .models import DeductionRun, RDProject

ZERO = Decimal("0.00")
LEDGER_COLUMNS = list(c.Category)
SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def project_ledger(project: RDProject, year: int, lines) -> dict:
    """Voucher lines with the amount split into the six categories and 委托 境内/境外, and the totals."""
    rows = []
    totals = dict.fromkeys(LEDGER_COLUMNS, ZERO)
    grand = ZERO
    for line in lines:
        split = {cat: (line.amount if line.category == cat else None) for cat in LEDGER_COLUMNS}
        totals[c.Category(line.category)] += line.amount
        grand += line.amount
        rows.append({"line": line, "split": [split[cat] for cat in LEDGER_COLUMNS], "amount": line.amount})
    return {
        "project": project,
        "year": year,
        "header": [
            # Chinese here (the xlsx sheet); the screen translates the labels (rnd/_ledger.html).
            (gettext_noop("项目名称"), project.name),
            (gettext_noop("项目编号"), project.code),
            (gettext_noop("研发形式"), project.get_form_display()),
            (
                gettext_noop("资本化、费用化"),
                gettext_noop("资本化") if project.capitalised else gettext_noop("费用化"),
            ),
            (gettext_noop("项目实施状态"), project.get_status_display()),
            (gettext_noop("完成进度"), f"{project.completion}%"),
        ],
        "rows": rows,
        "totals": [totals[cat] for cat in LEDGER_COLUMNS],
        "total": grand,
    }


def _money(label: str, value) -> Column:
    return Column(label, value, kind="money_yuan", width=16)


def ledger_columns() -> list[Column]:
    cols = [
        Column("日期", lambda r: r["date"], kind="date", width=12),
        Column("凭证号", lambda r: r["voucher"], width=12),
        Column("摘要", lambda r: r["summary"], width=30),
        _money("金额(元)", lambda r: r["amount"]),
    ]
    for i, cat in enumerate(LEDGER_COLUMNS):
        cols.append(_money(f"{cat.label}(元)", lambda r, i=i: r["split"][i]))
    return cols


def sheet_title(prefix: str, code: str, used: set[str]) -> str:
    title = SHEET_UNSAFE.sub("_", f"{prefix}{code}")[:31]
    base, n = title, 2
    while title in used:
        suffix = f"~{n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title


def workbook(run: DeductionRun, ledgers: list[dict]) -> tuple[bytes, int]:
    """Sheets: 汇总表, A107012, 项目计算, 项目信息, then one 辅助账 per project."""
    figure_cols = [
        Column("项目", "label", width=40),
        _money("金额(元)", lambda r: Decimal(r["amount"])),
        Column("说明", "explanation", width=90),
    ]
    a107012_cols = [
        Column("行次", "row", kind="int", width=6),
        Column("项目", "label", width=40),
        Column("金额", lambda r: Decimal(r["amount"]), kind="decimal"),
        Column("说明", "explanation", width=90),
    ]
    project_cols = [
        Column("项目编号", "code", width=14),
        Column("项目名称", "name", width=30),
        Column("研发形式", lambda r: c.RDForm(r["form"]).label, width=12),
        Column("计入本年", lambda r: "是" if r["included"] else "否", width=8),
        _money("前五类费用(元)", lambda r: Decimal(r["core_costs"])),
        _money("其他相关费用实际(元)", lambda r: Decimal(r["other_costs_actual"])),
        _money("其他相关费用允许(元)", lambda r: Decimal(r["other_costs_allowed"])),
        _money("委托研发实际(元)", lambda r: Decimal(r["entrusted_actual"])),
        _money("委托研发×80%(元)", lambda r: Decimal(r["entrusted_eligible"])),
        _money("可加计扣除(元)", lambda r: Decimal(r["eligible_amount"])),
        Column("说明", lambda r: "；".join(r["explanation"]), width=80),
    ]
    info_cols = [
        Column(label, lambda r, i=i: r[i][1], width=18) for i, (label, _) in enumerate(_header_labels())
    ]
    a107012 = [{**row, "row": i} for i, row in enumerate(run.result["a107012_rows"], start=1)]
    sheets = [
        ("汇总表", figure_cols, run.result["summary_rows"]),
        ("A107012", a107012_cols, a107012),
        ("项目计算", project_cols, run.result["projects"]),
        ("项目信息", info_cols, [ledger["header"] for ledger in ledgers]),
    ]
    used = {"汇总表", "A107012", "项目计算", "项目信息"}
    for ledger in ledgers:
        rows = [
            {
                "date": r["line"].date,
                "voucher": r["line"].voucher_no,
                "summary": r["line"].summary,
                "amount": r["amount"],
                "split": r["split"],
            }
            for r in ledger["rows"]
        ]
        rows.append(
            {
                "date": None,
                "voucher": "",
                "summary": "合计",
                "amount": ledger["total"],
                "split": ledger["totals"],
            }
        )
        sheets.append((sheet_title("辅助账-", ledger["project"].code, used), ledger_columns(), rows))
    return build_workbook(sheets)


def _header_labels():
    return [
        ("项目名称", ""),
        ("项目编号", ""),
        ("研发形式", ""),
        ("资本化、费用化", ""),
        ("项目实施状态", ""),
        ("完成进度", ""),
    ]
