"""A statistics table as the pages, the xlsx export and the API show it; its group columns."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from innoladder.core import money
from innoladder.core.xlsx import Column


def shown(cell, kind: str):
    """A cell as a page shows it: a ratio of kind "percent" (0.0579) as 5.79% (like the `percent` filter);
    other cells as they are."""
    return money.percent(cell) if kind == "percent" and cell is not None else cell


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    kinds: list[str]
    rows: list[list]
    note: str = ""

    def shown_rows(self) -> list[list]:
        """The rows as the page shows them: a ratio (kind "percent") as a percentage with two decimals."""
        return [[shown(cell, kind) for cell, kind in zip(row, self.kinds, strict=True)] for row in self.rows]

    def columns(self) -> list[Column]:
        return [
            Column(header, (lambda row, i=i: row[i]), kind="decimal" if kind == "wan" else kind)
            for i, (header, kind) in enumerate(zip(self.headers, self.kinds, strict=True))
        ]


GROUP_HEADERS = [
    _("企业数"),
    _("有年度数据企业数"),
    _("销售收入(万元)"),
    _("研发费用(万元)"),
    _("研发投入强度"),
    _("科技人员"),
]
GROUP_KINDS = ["int", "int", "wan", "wan", "percent", "int"]
