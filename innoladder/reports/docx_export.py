"""The work report as Word (.docx), laid out as GB/T 9704-2012 (党政机关公文格式) lays out a document:
A4 paper, 天头 37 mm, 订口 28 mm and a 156 × 225 mm body of 22 lines; title in 二号方正小标宋简体 (falling
back to 黑体/SimHei), section headings in 黑体, body in 三号仿宋_GB2312 (falling back to 仿宋/FangSong) with a
two-character first-line indent; and the 落款: the issuing unit over the date the report was written, in
Chinese, the date four characters from the right margin and the unit centred over it (§7.3.5.1).

Word picks the East Asian font from `w:eastAsia` on the run fonts; python-docx's `font.name` only sets the
Latin ones, so the East Asian font is set on the XML. The fallbacks are declared as `w:altName` in the
document's font table, which Word and WPS use when the first font is not installed.
"""

import io
import unicodedata
from xml.sax.saxutils import quoteattr

from django.conf import settings
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
FALLBACKS = {TITLE_FONT: "SimHei", HEADING_FONT: "SimHei", BODY_FONT: "FangSong", "仿宋": "FangSong"}
LATIN_FONT = "Times New Roman"

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
BODY_HEIGHT = Mm(225)
LINES_PER_PAGE = 22
LINE = Pt(BODY_HEIGHT.pt / LINES_PER_PAGE)  # 22 lines fill the 225 mm body exactly

# GB/T 9704-2012 §5.2.1 and §5.2.2: A4, 天头 37 mm, 订口 28 mm, body 156 mm × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, LEFT = Mm(37), Mm(28)
RIGHT = Mm(210 - 28 - 156)
BOTTOM = Mm(297 - 37 - 225)


def _r_fonts(rpr):
    """The run properties' <w:rFonts>, added first when missing."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    return fonts


def set_run_font(run, east_asian: str, size=None, bold: bool | None = None) -> None:
    run.font.name = LATIN_FONT
    fonts = _r_fonts(run._element.get_or_add_rPr())
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def _style_fonts(style, east_asian: str, size) -> None:
    style.font.name = LATIN_FONT
    style.font.size = size
    _r_fonts(style.element.get_or_add_rPr()).set(qn("w:eastAsia"), east_asian)


def _declare_fallbacks(document) -> None:
    """Add the Chinese fonts to word/fontTable.xml with their fallback (altName)."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            break
    else:
        return
    blob = part.blob.decode("utf-8")
    entries = "".join(
        f'<w:font w:name={quoteattr(name)}><w:altName w:val={quoteattr(alt)}/><w:charset w:val="86"/>'
        f'<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        for name, alt in FALLBACKS.items()
        if f'w:name="{name}"' not in blob
    )
    closing = "</w:fonts>"
    if entries and closing in blob:
        part._blob = blob.replace(closing, entries + closing).encode("utf-8")


def _paragraph(document, text: str, *, font: str, size, bold=False, align=None, indent=True):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        paragraph.alignment = align
    set_run_font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _page_setup(document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        section.left_margin, section.right_margin = LEFT, RIGHT


def chinese_date(day) -> str:
    """2026-12-06 → "2026年12月6日" (GB/T 9704-2012 §7.3.5.1: Arabic numerals, no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def issuing_unit(report) -> str:
    """The park (or region) that issues the report, with the unit name configured for the site (e.g.
    "管理委员会" or "科技局") when there is one."""
    scope = getattr(report, "scope", None) or report.park
    unit = getattr(settings, "REPORT_ISSUING_UNIT", "").strip()
    return f"{scope.name}{unit}" if unit and not scope.name.endswith(unit) else scope.name


def text_width(text: str) -> float:
    """Width in characters of the body font: a Chinese character is one, a digit or Latin letter half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def signature_indents(unit: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of the unit and the date: the date four characters from the right
    margin, the unit centred over it; a date longer than the unit sits two from the margin (§7.3.5.1)."""
    unit_width, date_width = text_width(unit), text_width(date)
    date_indent = 2.0 if date_width > unit_width else 4.0
    return max(0.0, date_indent + (date_width - unit_width) / 2), date_indent


def _signature(document, report) -> None:
    """The 落款 after the body: one blank line, the issuing unit, and the date the report was written."""
    unit = issuing_unit(report)
    written = report.created_at or timezone.now()
    date = chinese_date(timezone.localtime(written).date() if timezone.is_aware(written) else written.date())
    unit_indent, date_indent = signature_indents(unit, date)
    _paragraph(document, "", font=BODY_FONT, size=BODY_SIZE, indent=False)
    for text, chars in ((unit, unit_indent), (date, date_indent)):
        paragraph = _paragraph(
            document, text, font=BODY_FONT, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False
        )
        paragraph.paragraph_format.right_indent = Pt(BODY_SIZE.pt * chars)


def build(report, sections: list[dict], subtitle: str = "") -> bytes:
    """`sections` are `services.final_sections(report)`; empty sections are left out."""
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.author = issuing_unit(report)
    _page_setup(document)
    _style_fonts(document.styles["Normal"], BODY_FONT, BODY_SIZE)
    for level in (1, 2):
        style = document.styles[f"Heading {level}"]
        _style_fonts(style, HEADING_FONT, BODY_SIZE if level == 2 else TITLE_SIZE)
        style.font.color.rgb = None
    _declare_fallbacks(document)

    title = document.add_heading(level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(title.add_run(report.title), TITLE_FONT, TITLE_SIZE, bold=False)
    if subtitle:
        _paragraph(
            document, subtitle, font=BODY_FONT, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
        )
    for section in sections:
        text = section["final"].strip()
        if not text:
            continue
        heading = document.add_heading(level=2)
        heading.paragraph_format.first_line_indent = Pt(BODY_SIZE.pt * 2)
        set_run_font(heading.add_run(section["title"]), HEADING_FONT, BODY_SIZE, bold=False)
        for line in text.splitlines():
            if line.strip():
                _paragraph(document, line.strip(), font=BODY_FONT, size=BODY_SIZE)
    _signature(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
