"""The quick way through a worksheet's <sheetData>: regular expressions over the decoded XML.

An expat parser calls back into Python five times per cell (start and end of <c> and <v>, the text);
on a 50,000-row, 24-column sheet that is most of an import's reading time. Almost every sheet that
Excel, WPS, LibreOffice or openpyxl writes has the same few cell shapes:

    <c r="B2" s="3" t="s"><v>12</v></c>     <c r="C2" s="1"/>     <c r="D2"><f>A2+1</f><v>3</v></c>
    <c r="E2" t="inlineStr"><is><t>文本</t></is></c>

so the cells of a row are found in C and only their values are handled in Python. A row is taken only
when every "<" in it belongs to a cell of these shapes (attributes in the order r, s, t). Anything else
raises `NotSimple` and the caller reads the sheet with expat instead, which gives the same values:
namespace prefixes, other attributes, rich inline text, comments, CDATA, a carriage return (which XML
would normalise), an entity other than the predefined ones, an encoding other than UTF-8.

Only the <sheetData> element is read; the parts of the sheet after it (merged cells, page setup) are
not needed for values and are not checked for well-formedness here. DTD and entity declarations have
been refused before this runs (reader.check_archive, on every part's bytes); only the five predefined
XML entities and character references are decoded.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

_CHUNK = 1 << 20

# One cell, with groups: column letters, style, type, "/" when self-closing, the text of a lone <v>,
# and any other content (a formula, an inline string, an empty <v>) for `cell_body`.
CELLS = re.compile(
    r'<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    r"(?:(/)>|>(?:<v>([^<]+)</v>|(.*?))</c>)",
    re.S,
)
_BODY = re.compile(
    r"(?:<f\b[^<>]*?(?:/>|>[^<]*</f>))?"
    r'(?:<v>([^<]*)</v>|(<is>)<t(?: xml:space="preserve")?>([^<]*)</t></is>)?'
)
_ROW_OPEN = re.compile(r'\s*<row\b(?:[^<>"]|"[^"<]*")*?(/?)>')
_ROW_NUMBER = re.compile(r'\sr="([0-9]+)"')
_SHEET_DATA = re.compile(r"<sheetData\s*(/?)>")
_DECLARED_ENCODING = re.compile(r'^\s*<\?xml[^>]*encoding=["\']([^"\']+)["\']')
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class NotSimple(Exception):
    """The sheet uses XML this scanner does not take; read it with expat."""


def unescape(text: str) -> str:
    """Predefined entities and character references, as an XML parser decodes them."""
    if "&" not in text:
        return text
    if text.count("&") != len(_ENTITY.findall(text)):
        raise NotSimple("an entity other than the predefined ones")
    return _ENTITY.sub(_entity, text)


def cell_body(body: str) -> tuple[str | None, bool]:
    """(text, inline) of a cell's content other than a lone non-empty <v>: a formula with or without
    its cached value, an empty <v>, or an inline string; text None when the cell has no value."""
    match = _BODY.fullmatch(body)
    if match is None:
        raise NotSimple("a cell of another shape")
    value, inline, inline_text = match.groups()
    if inline:
        return inline_text, True
    return value, False


def _entity(match: re.Match) -> str:
    name, decimal, hexadecimal = match.groups()
    if name:
        return _NAMED[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    ):
        return chr(code)
    raise NotSimple("a character reference XML does not allow")


def _text(stream) -> Iterator[str]:
    """The part decoded as UTF-8 (the only encoding taken here), in chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    first = True
    while True:
        chunk = stream.read(_CHUNK)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise NotSimple("not UTF-8") from exc
        if first:
            first = False
            text = text.removeprefix("\ufeff")
            declared = _DECLARED_ENCODING.match(text)
            if declared and declared.group(1).lower().replace("-", "").replace("_", "") != "utf8":
                raise NotSimple("declared encoding is not UTF-8")
        if text:
            yield text
        if not chunk:
            return


def raw_rows(stream) -> Iterator[tuple[int | None, int, list[tuple]]]:
    """(row number or None, number of "<" inside the row, cells) for each <row>.

    A cell is (column letters, style, type, "/" or "", lone <v> text, other content), "" for what it
    does not have. The caller accounts for each cell's "<" (1 self-closing, 4 for a lone <v>, else 2 plus
    those of its other content) and raises NotSimple when the row has more: something in it is not a
    usual cell (another attribute order, a prefixed element, a comment).
    """
    chunks = _text(stream)
    buffer = ""
    for text in chunks:
        buffer += text
        start = _SHEET_DATA.search(buffer)
        if start:
            if start.group(1):
                return
            buffer = buffer[start.end() :]
            break
        buffer = buffer[-64:]
    else:
        raise NotSimple("no <sheetData>")
    while True:
        pos = 0
        while True:
            opened = _ROW_OPEN.match(buffer, pos)
            if opened is None:
                break
            number = _ROW_NUMBER.search(buffer, opened.start(), opened.end())
            row = int(number.group(1)) if number else None
            if opened.group(1):
                yield row, 0, []
                pos = opened.end()
                continue
            close = buffer.find("</row>", opened.end())
            if close < 0:
                break
            inner = buffer[opened.end() : close]
            if "\r" in inner:
                raise NotSimple("a carriage return")
            yield row, inner.count("<"), CELLS.findall(inner)
            pos = close + 6
        rest = buffer[pos:]
        stripped = rest.lstrip()
        if stripped.startswith("</sheetData>"):
            return
        if stripped and not ("<row".startswith(stripped[:4]) or "</sheetData>".startswith(stripped)):
            raise NotSimple("something other than rows in the sheet data")
        more = next(chunks, None)
        if more is None:
            raise NotSimple("the sheet data does not end")
        buffer = rest + more
