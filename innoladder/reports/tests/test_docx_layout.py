"""The .docx report read back: A4 with the GB/T 9704-2012 margins, and the 落款 (issuing unit over the date
the report was written, in Chinese) at the right."""

import datetime as dt
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from freezegun import freeze_time

from innoladder.reports import docx_export
from innoladder.reports.services import report_generate

from .conftest import H1_2023

pytestmark = pytest.mark.usefixtures("test_providers")


def _docx(client, cast, written: dt.datetime) -> Document:
    with freeze_time(written):
        report = report_generate(user=cast.officer, park=cast.park, start=H1_2023[0], end=H1_2023[1])
    client.force_login(cast.officer)
    response = client.get(f"/reports/{report.pk}/report.docx")
    assert response.status_code == 200
    return Document(io.BytesIO(response.content))


def _mm(length) -> float:
    return round(length / Mm(1), 1)


@pytest.mark.parametrize(
    "written", [dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.UTC), dt.datetime(2028, 1, 9, 2, 0, tzinfo=dt.UTC)]
)
def test_a4_page_with_gbt_9704_margins_and_signature(client, cast, patents, settings, written):
    settings.REPORT_ISSUING_UNIT = ""
    document = _docx(client, cast, written)
    section = document.sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    assert (_mm(section.top_margin), _mm(section.left_margin)) == (37, 28)
    # The body is 156 mm × 225 mm.
    assert _mm(section.page_width - section.left_margin - section.right_margin) == 156
    assert _mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    unit, date = paragraphs[-2], paragraphs[-1]
    assert unit.text == cast.park.name
    assert date.text == f"{written.year}年{written.month}月{written.day}日"
    assert unit.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # The date four characters (三号, 16 pt each) from the right margin (two when it is longer than the
    # unit), the unit centred over it.
    chars = 2 if docx_export.text_width(date.text) > docx_export.text_width(unit.text) else 4
    assert date.paragraph_format.right_indent == Pt(16 * chars)
    unit_centre = unit.paragraph_format.right_indent.pt + docx_export.text_width(unit.text) * 16 / 2
    date_centre = 16 * chars + docx_export.text_width(date.text) * 16 / 2
    assert abs(unit_centre - date_centre) < 0.5
    fonts = {run._element.rPr.rFonts.get(qn("w:eastAsia")) for p in (unit, date) for run in p.runs}
    assert fonts == {"仿宋_GB2312"}


def test_configured_unit_follows_the_park_name(client, cast, patents, settings):
    settings.REPORT_ISSUING_UNIT = "管理委员会"
    document = _docx(client, cast, dt.datetime(2026, 12, 6, 3, 0, tzinfo=dt.UTC))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[-2:] == [f"{cast.park.name}管理委员会", "2026年12月6日"]
    assert document.core_properties.author == f"{cast.park.name}管理委员会"


def test_signature_indents_follow_the_standard():
    # A unit longer than the date: the date four characters from the margin, the unit centred over it.
    assert docx_export.signature_indents("格尔木工业园管理委员会", "2026年12月6日") == (1.75, 4.0)
    # A date longer than the unit: the date two characters from the margin.
    unit, date = docx_export.signature_indents("科技局", "2026年12月16日")
    assert date == 2.0 and unit == 2.0 + (docx_export.text_width("2026年12月16日") - 3) / 2
    assert docx_export.chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"
