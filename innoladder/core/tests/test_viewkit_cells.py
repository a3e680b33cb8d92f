"""List cells as the kit renders them: a date keeps to one line, other text may wrap. No database."""

import datetime as dt
from types import SimpleNamespace

from innoladder.core.viewkit.tables import Col, amount, day, rows


def test_a_date_cell_keeps_to_one_line_and_text_cells_may_wrap():
    item = SimpleNamespace(
        name="格尔木盐湖检验检测中心有限公司",
        on=dt.date(2026, 12, 10),
        until=dt.date(2029, 12, 9),
        money=125000,
    )
    columns = [
        Col("名称", lambda o: o.name),
        Col("日期", lambda o: day(o.on)),
        Col("有效期", lambda o: f"{day(o.on)} ~ {day(o.until)}"),
        Col("空", lambda o: day(None)),
        amount("金额", lambda o: o.money),
        Col("状态", lambda o: "有效", css=lambda o: "text-success"),
    ]
    [cells] = rows([item], columns)
    css = [cell["css"] for cell in cells]
    assert css[0] == "" and css[3] == "" and css[5] == "text-success"
    assert css[1] == "text-nowrap" and css[2] == "text-nowrap"
    assert css[4] == "text-end" and cells[1]["text"] == "2026-12-10"


def test_a_column_giving_a_date_object_reads_like_the_other_dates():
    [cells] = rows([SimpleNamespace(on=dt.date(2026, 3, 1))], [Col("立项日期", lambda o: o.on)])
    assert cells[0] == {"text": "2026-03-01", "url": "", "css": "text-nowrap"}
