"""The work report as Word (.docx), laid out as a government work report is: title in 方正小标宋简体 (falling
back to 黑体/SimHei), section headings in 黑体, body in 仿宋_GB2312 (falling back to 仿宋/FangSong), 三号
body text with a two-character first-line indent.

Word picks the East Asian font from `w:eastAsia` on the run fonts; python-docx's `font.name` only sets the
Latin ones, so the East Asian font is set on the XML. The fallbacks are declared as `w:altName` in the
document's font table, which Word and WPS use when the first font is not installed.
"""

import io
from xml.sax.saxutils import quoteattr

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
FALLBACKS = {TITLE_FONT: "SimHei", HEADING_FONT: "SimHei", BODY_FONT: "FangSong", "仿宋": "FangSong"}
LATIN_FONT = "Times New Roman"

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
LINE = Pt(28)


def set_run_font(run, east_asian: str, size=None, bold: bool | None = None) -> None:
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
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
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)


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


def build(report, sections: list[dict], subtitle: str = "") -> bytes:
    """`sections` are `services.final_sections(report)`; empty sections are left out."""
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.author = report.park.name
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
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
