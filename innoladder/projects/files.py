"""Attachment check: allowed types decided by magic bytes (and the ZIP layout for Office files), size cap."""

import io
import zipfile

from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024
MAX_ENTRIES = 1000
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSION_ALIASES = {"jpeg": "jpg"}


def _office_kind(head: bytes, data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return None
    infos = archive.infolist()
    # Check the archive before anyone unpacks it (zip bombs).
    if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ValidationError("附件压缩内容过大，已拒绝。")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def detect(data: bytes) -> str | None:
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(head, data)
    return None


def check_upload(uploaded) -> str:
    """Return the checked extension of an uploaded file or raise a Chinese ValidationError."""
    if uploaded.size > MAX_BYTES:
        raise ValidationError("附件不能超过10MB。")
    data = uploaded.read()
    uploaded.seek(0)
    kind = detect(data)
    if kind is None:
        raise ValidationError("附件类型不允许：仅接受 PDF、JPG、PNG、DOCX、XLSX 文件。")
    claimed = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    claimed = EXTENSION_ALIASES.get(claimed, claimed)
    if claimed != kind:
        raise ValidationError("附件扩展名与文件内容不符。")
    return kind
