"""The exchange export: written by a background job to a file only its requester may download.

JSON is written record by record (`json_chunks`, usable on its own as a streamed HTTP body); xlsx through
the shared write-only workbook writer. Each export is one audit entry (format, counts, as-of date); the
files are deleted after EXPORT_FILE_TTL_MINUTES by a periodic job.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from django.urls import reverse
from django.utils import timezone

from innoladder.core import audit, jobs, xlsx
from innoladder.core.models import AuditEvent, Job, JobStatus
from innoladder.core.uploads import media_dir

from . import layout, selectors

EXPORT_JOB = "exchange.export"
PURGE_JOB = "exchange.purge_exports"
FORMATS = {"json": "JSON", "xlsx": "Excel"}
EXPORT_FILE_TTL_MINUTES = 60
Progress = Callable[[int], None]


class ExportRefused(Exception):
    """A request that cannot be served; the message is Chinese."""


def storage_dir() -> Path:
    return media_dir("exchange")


def export_path(job: Job) -> Path:
    fmt = job.params.get("format")
    if fmt not in FORMATS:
        raise ExportRefused("未知的导出格式。")
    return storage_dir() / f"{job.pk}.{fmt}"


def export_filename(job: Job) -> str:
    return f"省级平台交换数据_{timezone.localtime(job.created_at):%Y%m%d_%H%M}.{job.params['format']}"


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def json_chunks(
    user, *, today: dt.date, progress: Progress | None = None, counts: dict | None = None
) -> Iterator[str]:
    """The whole JSON document in pieces: the header, then one line per enterprise and per recognition,
    then the counts (also filled into `counts`). Memory stays bounded by one page of rows (selectors.PAGE)."""
    head = layout.header(today, timezone.localtime())
    yield "{" + _dumps(head)[1:-1] + ',\n"enterprises":['
    counts = counts if counts is not None else {}
    counts.update(enterprises=0, recognitions=0)
    done = 0
    for key, pages, to_json in (
        ("enterprises", selectors.enterprise_rows(user), layout.enterprise_json),
        ("recognitions", selectors.recognition_rows(user, today), layout.recognition_json),
    ):
        if key == "recognitions":
            yield '\n],\n"recognitions":['
        for page in pages:
            parts = []
            for row in page:
                parts.append(("\n" if counts[key] == 0 else ",\n") + _dumps(to_json(row)))
                counts[key] += 1
            done += len(page)
            if progress:
                progress(done)
            yield "".join(parts)
    yield '\n],\n"counts":' + _dumps(counts) + "}\n"


def _flatten(pages, seen: list[int], progress: Progress | None):
    for page in pages:
        yield from page
        seen[0] += len(page)
        if progress:
            progress(seen[0])


def xlsx_bytes(user, *, today: dt.date, progress: Progress | None = None) -> tuple[bytes, dict[str, int]]:
    """The two sheets (企业名录 with the latest annual data, 资质认定), Chinese headers, money in 元."""
    seen = [0]
    counts = selectors.exchange_counts(user)
    content, _rows = xlsx.build_workbook(
        [
            (
                layout.ENTERPRISE_SHEET,
                layout.enterprise_columns(),
                _flatten(selectors.enterprise_rows(user), seen, progress),
            ),
            (
                layout.RECOGNITION_SHEET,
                layout.recognition_columns(),
                _flatten(selectors.recognition_rows(user, today), seen, progress),
            ),
        ]
    )
    return content, counts


def export_start(*, user, fmt: str) -> Job:
    if fmt not in FORMATS:
        raise ExportRefused("未知的导出格式。")
    return jobs.enqueue(
        EXPORT_JOB, title=f"导出省级平台交换数据（{FORMATS[fmt]}）", params={"format": fmt}, user=user
    )


def export_run(*, job: Job, set_total: Callable[[int], None], step: Callable[[int, str], None]) -> dict:
    """Write the file of an export job (to a temporary name, renamed when complete) and audit it."""
    user = job.created_by
    if user is None or not user.is_active:
        raise ExportRefused("提交导出的用户已停用，未导出任何数据。")
    today = timezone.localdate()
    total = sum(selectors.exchange_counts(user).values())
    set_total(total)

    def progress(done: int) -> None:
        step(done, f"已导出 {done}/{total} 条记录")

    path = export_path(job)
    partial = path.with_suffix(path.suffix + ".part")
    if job.params["format"] == "json":
        counts: dict[str, int] = {}
        with partial.open("w", encoding="utf-8") as stream:
            for chunk in json_chunks(user, today=today, progress=progress, counts=counts):
                stream.write(chunk)
    else:
        content, counts = xlsx_bytes(user, today=today, progress=progress)
        partial.write_bytes(content)
    os.replace(partial, path)
    audit.record(
        AuditEvent.EXPORT,
        user=user,
        object_type="exchange",
        object_id=str(job.pk),
        object_repr=export_filename(job),
        changes={
            "format": job.params["format"],
            "version": layout.VERSION,
            "as_of": today.isoformat(),
            **counts,
        },
        message=(
            f"导出省级平台交换数据（{FORMATS[job.params['format']]}）：企业 {counts['enterprises']} 家，"
            f"资质认定 {counts['recognitions']} 条"
        ),
    )
    return {
        "message": f"已导出企业 {counts['enterprises']} 家、资质认定 {counts['recognitions']} 条",
        "url": reverse("exchange_download", args=[job.pk]),
        "link_text": "下载文件",
        **counts,
    }


def export_file(job: Job | None, user) -> Path | None:
    """The finished export's file, for the user who asked for it only; None otherwise (a 404)."""
    if job is None or job.kind != EXPORT_JOB or job.created_by_id != user.pk:
        return None
    if job.status != JobStatus.SUCCEEDED:
        return None
    path = export_path(job)
    return path if path.exists() else None


def purge_exports(*, now: dt.datetime | None = None) -> int:
    """Delete export files (and interrupted partial files) older than EXPORT_FILE_TTL_MINUTES."""
    now = now or timezone.now()
    cutoff = (now - dt.timedelta(minutes=EXPORT_FILE_TTL_MINUTES)).timestamp()
    deleted = 0
    for path in storage_dir().iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                deleted += 1
        except FileNotFoundError:
            continue
    return deleted
