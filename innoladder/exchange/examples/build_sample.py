"""Writes hnte_roster_sample.xlsx: a 名单 shaped like the lists the province publishes.

The published lists (e.g. 青海省认定机构的高新技术企业认定报备名单, 科技型中小企业入库名单) are one sheet:
a merged title row, then 序号, 企业名称, 统一社会信用代码, 证书编号, 发证日期, 所属地区, and sometimes a
footnote row under the table. The enterprises here are examples (示例) with checksum-valid codes; nothing
in them is real. Run `python -m innoladder.exchange.examples.build_sample` to write the file again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from innoladder.eligibility.uscc import check_char, org_code_check_char

PATH = Path(__file__).with_name("hnte_roster_sample.xlsx")
TITLE = "青海省认定机构2026年认定报备的第一批高新技术企业名单"
HEADERS = ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期", "所属地区"]
ISSUED_ON = dt.date(2026, 11, 20)
ENTERPRISES = [
    ("格尔木示例盐湖化工有限公司", "海西州"),
    ("格尔木示例锂电材料有限公司", "海西州"),
    ("格尔木示例光伏科技有限公司", "海西州"),
    ("德令哈示例新能源有限公司", "海西州"),
    ("西宁示例生物科技有限公司", "西宁市"),
    ("海东示例装备制造有限公司", "海东市"),
]
FOOTNOTE = "注：排名不分先后。"


def sample_uscc(n: int) -> str:
    body = f"{7000 + n:08d}"
    first17 = "91632801" + body + org_code_check_char(body)
    return first17 + check_char(first17)


def rows() -> list[list]:
    return [
        [i, name, sample_uscc(i), f"GR20266300{i:04d}", ISSUED_ON, region]
        for i, (name, region) in enumerate(ENTERPRISES, start=1)
    ]


def build(path: Path = PATH) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(HEADERS)
    for row in rows():
        ws.append(row)
        ws.cell(ws.max_row, 5).number_format = "yyyy-mm-dd"
    ws.append([FOOTNOTE])
    for letter, width in zip("ABCDEF", (6, 32, 22, 18, 12, 10), strict=True):
        ws.column_dimensions[letter].width = width
    wb.save(path)
    return path


if __name__ == "__main__":
    build()
