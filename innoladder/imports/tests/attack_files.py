"""Hostile xlsx files, built by rewriting real openpyxl packages (no binary fixtures in the repo)."""

import io
import struct
import zipfile
import zlib

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


# Damaged packages: the zip is written by hand so that a member's stored bytes, CRC and sizes can disagree.
def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """Every member's info and its content, uncompressed."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [(info, archive.read(info)) for info in archive.infolist()]


def _deflate(content: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)  # raw deflate, as zip stores it
    return packer.compress(content) + packer.flush()


def _package(members: list[tuple[str, int, bytes, int]]) -> bytes:
    """A zip from (name, crc, raw deflated bytes, uncompressed size): written as given, checked by no one."""
    out, central = bytearray(), bytearray()
    for name, crc, raw, size in members:
        encoded = name.encode()
        offset = len(out)
        # version 20, no flags, deflated, a fixed DOS time and date
        common = (20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(raw), size, len(encoded), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *common) + encoded + raw
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *common, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def damaged(data: bytes, member: str, how: str) -> bytes:
    """`data` with one member damaged the way a bad disk, a broken transfer or a bad tool damages it:

    "crc": one byte of the member's content flipped (deflated again, the stored CRC left as it was);
    "truncated": the member's deflate stream cut in half; "garbage": its deflate stream replaced by
    bytes that are no deflate stream (a block of the reserved type 3).
    """
    parts = []
    for info, content in _members(data):
        crc, raw = zlib.crc32(content), _deflate(content)
        if info.filename == member:
            if how == "crc":
                flipped = bytearray(content)
                flipped[len(content) // 2] ^= 0x01
                raw = _deflate(bytes(flipped))
            elif how == "truncated":
                raw = raw[: len(raw) // 2]
            elif how == "garbage":
                raw = b"\x07" + raw[1:]
            else:
                raise ValueError(how)
        parts.append((info.filename, crc, raw, len(content)))
    return _package(parts)


def intact(data: bytes) -> bytes:
    """The same package through the hand-written zip, undamaged: proves the writer itself is sound."""
    return _package([(i.filename, zlib.crc32(c), _deflate(c), len(c)) for i, c in _members(data)])
