"""Private upload storage: files live under MEDIA_ROOT/private (outside the web root), named by a random id,
never served by URL; only the scoped download views read them back."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

MAGIC = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@deconstructible
class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        # Read lazily (and re-read when MEDIA_ROOT changes) so the location is never frozen at import.
        return str(Path(settings.MEDIA_ROOT) / "private")

    def url(self, name):
        raise ValueError("私有文件只能通过下载视图访问")


def private_storage():
    return PrivateStorage()


def upload_to(instance, filename: str) -> str:
    ext = ""
    for _magic, _mime, suffix in MAGIC:
        if filename.lower().endswith(suffix) or (suffix == ".jpg" and filename.lower().endswith(".jpeg")):
            ext = suffix
    return f"recognitions/{uuid.uuid4().hex}{ext}"


def max_upload_bytes() -> int:
    return int(getattr(settings, "RECOGNITIONS_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_upload(uploaded) -> str:
    """Refuse anything but PDF/JPG/PNG (by content, not name) or larger than the limit; returns the type."""
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(f"文件过大：最大允许 {limit // (1024 * 1024)} MB。")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for magic, mime, _suffix in MAGIC:
        if head.startswith(magic):
            return mime
    raise ValidationError("文件类型不允许：只能上传 PDF、JPG 或 PNG 文件。")
