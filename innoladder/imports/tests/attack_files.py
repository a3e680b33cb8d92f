"""Hostile xlsx files, built by rewriting real openpyxl packages (no binary fixtures in the repo)."""

import io
import zipfile

from .helpers import xlsx

BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&xxe;</t></si></sst>"
)


def rewrite(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None, **kw) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, **kw) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def base() -> bytes:
    return xlsx([["统一社会信用代码", "年度"], ["91632801MA7G2XY87R", 2024]])


def billion_laughs() -> bytes:
    return rewrite(base(), {"xl/worksheets/sheet1.xml": BILLION_LAUGHS.encode()})


def external_entity() -> bytes:
    return rewrite(base(), {}, {"xl/sharedStrings.xml": EXTERNAL_ENTITY.encode()})


def utf16_doctype() -> bytes:
    text = BILLION_LAUGHS.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return rewrite(base(), {"xl/worksheets/sheet1.xml": text.encode("utf-16")})


def zip_bomb_ratio() -> bytes:
    """5 MB of zeros (well under the 50 MB size limit) compressing about 1000:1."""
    return rewrite(base(), {}, {"xl/media/padding.xml": b"\0" * (5 * 1024 * 1024)})


def zip_bomb_size() -> bytes:
    """A 60 MB part inside a small file: refused on the declared sizes before anything is inflated."""
    return rewrite(base(), {}, {"xl/media/padding.bin": b"\0" * (60 * 1024 * 1024)})


def many_entries() -> bytes:
    return rewrite(base(), {}, {f"xl/media/image{i}.png": b"x" for i in range(120)})


def macro_workbook() -> bytes:
    return rewrite(base(), {}, {"xl/vbaProject.bin": b"\x00" * 64})
