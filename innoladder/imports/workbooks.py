"""The xlsx files the framework hands out: the blank template of a dataset and the error report."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from innoladder.core.xlsx import neutralise

from . import datasets as d
from . import reader
from .datasets import EXAMPLE_MARKER, EXAMPLE_MARKER_HEADER, Dataset

TYPE_TEXT = {
    d.TEXT: "文本",
    d.INT: "整数",
    d.DECIMAL: "数字",
    d.MONEY: "金额",
    d.DATE: "日期",
    d.BOOL: "是/否",
    d.CHOICE: "从下拉列表选择",
    d.USCC: "统一社会信用代码",
    d.ENTERPRISE: "统一社会信用代码（须为已登记企业）",
}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FILL = PatternFill("solid", fgColor="F2F2F2")
ERROR_FILL = PatternFill("solid", fgColor="FCE4D6")
TEMPLATE_ROWS = 2000


def _choice_labels(col: d.Column) -> list[str]:
    if col.type == d.BOOL:
        return ["是", "否"]
    if col.choices is not None:
        return [str(label) for value, label in col.choices.choices if value != ""]
    return []


def _example_value(col: d.Column, value):
    if value is None:
        return None
    if col.type == d.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if col.type == d.MONEY:
        return float(value)
    return value


def template_bytes(dataset: Dataset) -> bytes:
    """Data sheet (Chinese headers, drop-down lists, example rows marked in 行说明) + 说明 sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = dataset.title[:31]
    columns = dataset.columns
    lists = wb.create_sheet("选项")
    lists.sheet_state = "hidden"
    header_font = Font(bold=True)
    required_font = Font(bold=True, color="C00000")
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.template_header)
        cell.font = required_font if col.required else header_font
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if col.help:
            cell.comment = Comment(col.help, "系统")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = col.width
        if col.type in (d.TEXT, d.USCC, d.ENTERPRISE) and col.parse is None:
            ws.column_dimensions[letter].number_format = "@"
        labels = _choice_labels(col)
        if labels:
            lists.cell(row=1, column=i, value=col.header)
            for r, label in enumerate(labels, start=2):
                lists.cell(row=r, column=i, value=label)
            source = f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${len(labels) + 1}"
            validation = DataValidation(type="list", formula1=source, allow_blank=True)
            validation.error = "请从下拉列表中选择"
            validation.errorTitle = "输入值无效"
            validation.showErrorMessage = True
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        elif col.type == d.DATE:
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        elif col.type == d.MONEY:
            ws.column_dimensions[letter].number_format = "#,##0.00"
    marker_col = len(columns) + 1
    marker = ws.cell(row=1, column=marker_col, value=EXAMPLE_MARKER_HEADER)
    marker.font = header_font
    marker.fill = HEADER_FILL
    ws.column_dimensions[get_column_letter(marker_col)].width = 20
    for r, example in enumerate(dataset.examples, start=2):
        for i, col in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=i, value=_example_value(col, example.get(col.field)))
            cell.fill = EXAMPLE_FILL
            cell.font = Font(italic=True, color="808080")
            if col.type == d.DATE:
                cell.number_format = "yyyy-mm-dd"
        ws.cell(row=r, column=marker_col, value=EXAMPLE_MARKER).fill = EXAMPLE_FILL
    ws.freeze_panes = "A2"
    _instructions(wb.create_sheet("说明"), dataset)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _instructions(ws, dataset: Dataset) -> None:
    # A key field given once for the whole file at upload (Dataset.option_fields) has no column.
    key_headers = "、".join(
        dataset.column(f).header for f in dataset.natural_key if f not in dataset.option_fields
    )
    lines = [
        f"{dataset.title} 导入模板",
        dataset.description,
        "",
        "填写规则：",
        f"1. 在“{dataset.title[:31]}”工作表中从第2行起逐行填写，每行一条记录；"
        "列的顺序可以调整，但请不要修改列名。",
        f"2. 系统按“{key_headers}”识别记录：已存在的记录会被更新，不会重复新增。",
        "3. 红色列名为必填项；其他列留空表示“不修改原有值”。",
        "4. 金额以列名中的单位为准（如“(万元)”或“(元)”），系统自动换算为元保存；"
        "列名未注明单位的金额列无法导入，请保留或注明单位。",
        "5. 日期请写成 2024-03-01 的形式，也可使用 Excel 日期；数字可带千分位逗号。",
        f"6. “{EXAMPLE_MARKER_HEADER}”列填写“示例”的行为示例行，导入时自动忽略，可直接删除。",
        "7. 上传后系统先做预检（不写入任何数据），列出每个错误所在的行号、列名和原值；全部无误后再确认导入。",
        f"8. 仅接受 .xlsx 文件，单个文件不超过 {reader.MAX_FILE_BYTES // (1024 * 1024)} MB、"
        f"{reader.MAX_ROWS} 行、{reader.MAX_COLUMNS} 列。",
        "",
        "各列说明：",
    ]
    for line in lines:
        ws.append([line])
    ws.append(["列名", "必填", "类型", "可选值 / 说明"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for col in dataset.columns:
        labels = _choice_labels(col)
        note = "、".join(labels) if labels else col.help
        if col.type == d.MONEY:
            note = (note + "；" if note else "") + f"单位：{col.unit}"
        ws.append([col.template_header, "是" if col.required else "", TYPE_TEXT[col.type], note])
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 8
    ws.column_dimensions["C"].width = 24
    ws.column_dimensions["D"].width = 60


def error_report_bytes(parsed: reader.ParsedSheet, errors: list[list]) -> bytes:
    """The uploaded rows with their original headers, plus an 错误说明 column naming every problem."""
    by_row: dict[int, list[str]] = {}
    for row, header, raw, message in errors:
        text = f"{header}：{message}" + (f"（原值：{raw}）" if raw else "")
        by_row.setdefault(row, []).append(text)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(parsed.sheet_name[:31] or "数据")
    ws.freeze_panes = "A2"
    width = max([len(parsed.headers), *(len(v) for _, v in parsed.rows)] or [0])
    headers = [*parsed.headers, *[""] * (width - len(parsed.headers))]
    # A problem of the header itself (a money column without a unit) is noted beside the header row.
    header_problems = by_row.get(parsed.header_row)
    note_title = "错误说明" + (
        f"（第 {parsed.header_row} 行表头：" + "；".join(header_problems) + "）" if header_problems else ""
    )
    header_cells = []
    for text in [*headers, note_title]:
        cell = WriteOnlyCell(ws, value=neutralise(text))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        header_cells.append(cell)
    ws.append(header_cells)
    for number, values in parsed.rows:
        problems = by_row.get(number)
        cells = []
        for value in [*values, *[None] * (width - len(values))]:
            cell = WriteOnlyCell(ws, value=neutralise(value))
            if isinstance(value, dt.datetime | dt.date):
                cell.number_format = "yyyy-mm-dd"
            if problems:
                cell.fill = ERROR_FILL
            cells.append(cell)
        note = WriteOnlyCell(
            ws, value=neutralise(f"第 {number} 行：" + "；".join(problems)) if problems else None
        )
        if problems:
            note.font = Font(color="C00000")
        cells.append(note)
        ws.append(cells)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
