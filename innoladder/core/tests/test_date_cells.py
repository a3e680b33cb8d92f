"""Every table cell holding only a date (or a span of two) keeps to one line: at 1366 px a browser breaks
"2026-12-10" after a hyphen. Templates are read as text; no database."""

import re
from pathlib import Path

import innoladder

DATE = r'\{\{ [^{}]*?\|date:"Y-m-d(?: H:i(?::s)?)?"(?:\|default(?:_if_none)?:"[^"]*")? \}\}'
DATE_CELL = re.compile(r'<td(?: class="(?P<css>[^"]*)")?>' + DATE + r"(?: ?(?:~|—|至) ?" + DATE + r")?</td>")


def test_date_cells_keep_to_one_line():
    root = Path(innoladder.__file__).parent
    loose = []
    for template in sorted(root.glob("**/templates/**/*.html")):
        for match in DATE_CELL.finditer(template.read_text(encoding="utf-8")):
            if "text-nowrap" not in (match.group("css") or "").split():
                loose.append(f"{template.relative_to(root)}: {match.group(0)}")
    assert not loose, "date cells without text-nowrap:\n" + "\n".join(loose)


def test_the_check_reads_cells_as_written():
    assert DATE_CELL.fullmatch('<td>{{ r.issued_on|date:"Y-m-d" }}</td>')
    assert DATE_CELL.fullmatch('<td class="x">{{ a.on|date:"Y-m-d" }} ~ {{ a.to|date:"Y-m-d" }}</td>')
    assert not DATE_CELL.fullmatch("<td>{{ r.number }}</td>")
