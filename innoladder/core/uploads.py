"""Upload safety: file type by magic bytes (not by name), size limit, server-chosen storage name."""

import uuid
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
DOCUMENTS = (".pdf", ".png", ".jpg", ".jpeg")


def check_upload(upload, allowed: tuple[str, ...] = DOCUMENTS, max_bytes: int = MAX_BYTES) -> str:
    """Refuse a file whose extension is not allowed, whose content does not match it, or that is too big.
    Returns a safe storage name (random, keeps the extension)."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in allowed:
        raise ValidationError(f"只接受以下类型的文件：{'、'.join(allowed)}")
    if upload.size > max_bytes:
        raise ValidationError(f"文件不能超过 {max_bytes // (1024 * 1024)} MB")
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[suffix]):
        raise ValidationError("文件内容与扩展名不符，已拒绝")
    return f"{uuid.uuid4().hex}{suffix}"


def media_dir(name: str) -> Path:
    """The folder MEDIA_ROOT/`name` (made when missing), read from the settings at each call so that a test's
    MEDIA_ROOT is the one used."""
    path = Path(settings.MEDIA_ROOT) / name
    path.mkdir(parents=True, exist_ok=True)
    return path
