"""Import services: preview (dry run) an upload, start the commit job, run the commit, report errors."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from innoladder.accounts.choices import Role
from innoladder.core import audit, jobs
from innoladder.core.models import AuditEvent, JobStatus
from innoladder.core.uploads import media_dir

from . import engine, parse_cache, reader, registry, workbooks
from .choices import BatchStatus
from .datasets import Dataset
from .models import ImportBatch

MAX_STORED_ERRORS = 20_000
MAX_UPLOADS_PER_HOUR = 30  # AS-21 anti-automation; generous enough for a fix-and-re-upload afternoon
COMMIT_JOB = "imports.commit"


@contextlib.contextmanager
def _bulk_work():
    """No cyclic garbage collection while one import holds its rows: the collector would otherwise walk
    the million cell values and tens of thousands of model instances again and again (15–25 % of a
    50,000-row import). It is switched back on afterwards and collects whatever cycles were left."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _expired() -> str:
    return (
        f"上传的文件已超过保留时间被删除（未导入的文件保留 {settings.IMPORT_FILE_TTL_MINUTES} 分钟），"
        "未写入任何数据。请重新上传预检。"
    )


class ImportRefused(Exception):
    """A request the user must correct (duplicate file, wrong status); the message is Chinese."""


def storage_dir() -> Path:
    return media_dir("imports")


def batch_file(batch: ImportBatch) -> bytes:
    return (storage_dir() / batch.stored_name).read_bytes()


def _cache_path(batch: ImportBatch) -> Path:
    return storage_dir() / f"{batch.stored_name}.parsed"


def _read_for_commit(batch: ImportBatch, dataset: Dataset) -> reader.ParsedSheet:
    """The sheet as the dry run read it when its cache verifies, else read the stored file again."""
    data = batch_file(batch)
    sha = hashlib.sha256(data).hexdigest()
    if sha != batch.file_sha256:
        raise CommitFailed("已上传的文件与预检时不一致，未写入任何数据。请重新上传预检。")
    cached = parse_cache.load(_cache_path(batch), sha256=sha, dataset=dataset)
    return cached if cached is not None else reader.parse(data, dataset)


def _batch_park_id(user):
    if user.role == Role.ENTERPRISE and user.enterprise_id:
        return user.enterprise.park_id
    if user.role in (Role.OFFICER, Role.AUDITOR):
        parks = list(user.parks.values_list("pk", flat=True))
        return parks[0] if len(parks) == 1 else None
    return None


def uploads_left(user) -> int:
    since = timezone.now() - dt.timedelta(hours=1)
    return max(
        0, MAX_UPLOADS_PER_HOUR - ImportBatch.objects.filter(created_by=user, created_at__gte=since).count()
    )


def batch_preview(
    *, dataset: Dataset, data: bytes, file_name: str, user, options: dict | None = None
) -> ImportBatch:
    """Dry run: store the upload under a random name, parse and validate every row, record the counts.

    Nothing but the ImportBatch row is written. A file that is refused as a whole still gets a batch (status
    预检未通过) so the user sees why. `options` are the file's choices (`FileOptionsForm.options()`).
    """
    sha = hashlib.sha256(data).hexdigest()
    batch = ImportBatch(
        dataset=dataset.key,
        dataset_title=dataset.title,
        file_name=Path(file_name or "upload.xlsx").name[:255],
        file_sha256=sha,
        file_size=len(data),
        stored_name="",
        created_by=user,
        park_id=_batch_park_id(user),
        enterprise_id=user.enterprise_id if user.role == Role.ENTERPRISE else None,
        options=options or {},
    )
    with _bulk_work():
        try:
            parsed = reader.parse(data, dataset)
        except reader.FileRejected as exc:
            batch.status = BatchStatus.INVALID
            batch.file_errors = [str(exc)]
            batch.save()
            return batch
        stored = f"{uuid.uuid4().hex}.xlsx"
        (storage_dir() / stored).write_bytes(data)
        batch.stored_name = stored
        plan = _apply_plan(batch, dataset, parsed, user, counts_only=True)
        if plan is not None and not plan.errors:  # only a committable batch is read again
            parse_cache.save(
                _cache_path(batch), sha256=sha, dataset=dataset, parsed=parsed, converted=plan.converted
            )
        del parsed, plan
    batch.duplicate_of = (
        ImportBatch.objects.filter(dataset=dataset.key, file_sha256=sha, status=BatchStatus.COMMITTED)
        .order_by("-committed_at")
        .first()
    )
    batch.save()
    return batch


def _apply_plan(
    batch: ImportBatch, dataset: Dataset, parsed: reader.ParsedSheet, user, *, counts_only: bool = False
) -> engine.Plan | None:
    batch.example_rows = parsed.example_rows
    batch.rows_total = len(parsed.rows)
    warnings = []
    if parsed.unknown_headers:
        warnings.append("以下列未能识别，将被忽略：" + "、".join(parsed.unknown_headers))
    if parsed.example_rows:
        warnings.append(f"已忽略 {parsed.example_rows} 行示例数据。")
    if parsed.header_row != 1:
        warnings.append(f"表头位于第 {parsed.header_row} 行，数据从第 {parsed.header_row + 1} 行开始读取。")
    batch.warnings = warnings
    if parsed.missing_required:
        batch.status = BatchStatus.INVALID
        batch.file_errors = ["缺少必填列：" + "、".join(parsed.missing_required) + "。请使用最新模板。"]
        return None
    if not parsed.rows:
        batch.status = BatchStatus.INVALID
        batch.file_errors = ["文件中没有数据行。"]
        return None
    context = engine.make_context(user, dataset, batch=batch)
    parsed = _screen(batch, dataset, parsed, context)
    if parsed is None:
        return None
    plan = engine.build_plan(dataset, parsed, context, counts_only=counts_only)
    batch.rows_create = plan.created
    batch.rows_update = plan.updated
    batch.rows_unchanged = plan.unchanged
    batch.rows_error = plan.error_rows
    batch.errors = [e.as_list() for e in plan.errors[:MAX_STORED_ERRORS]]
    batch.status = BatchStatus.INVALID if plan.errors else BatchStatus.PREVIEWED
    return plan


def _screen(batch: ImportBatch, dataset: Dataset, parsed: reader.ParsedSheet, context):
    """The dataset's notes on rows (Dataset.screen) stored on the batch, and the sheet without the rows it
    skips on purpose; None (the batch refused) when no row is left to import."""
    if dataset.screen is None:
        return parsed
    notes = dataset.screen(parsed, context)
    batch.row_notes = [note.as_list() for note in notes[:MAX_STORED_ERRORS]]
    skipped = {note.row for note in notes if note.skip}
    batch.rows_skip = len(skipped)
    if not skipped:
        return parsed
    kept = [row for row in parsed.rows if row[0] not in skipped]
    if not kept:
        batch.status = BatchStatus.INVALID
        batch.file_errors = ["文件中的行全部跳过（原因见逐行结果），没有可导入的记录。"]
        return None
    return dataclasses.replace(parsed, rows=kept)


def _skipped_rows(batch: ImportBatch) -> set[int]:
    return {note[0] for note in batch.row_notes if note[4]}


@transaction.atomic
def batch_commit(*, batch: ImportBatch, user, confirm_duplicate: bool = False):
    """Start the commit job for a previewed batch; refuse twice-committed files unless confirmed."""
    if batch.created_by_id != user.pk:
        raise ImportRefused("只能由上传该文件的用户确认导入。")
    if batch.file_expired:
        raise ImportRefused(_expired())
    if not batch.can_commit:
        raise ImportRefused("该批次当前不能导入（存在错误或已提交）。")
    duplicate = (
        ImportBatch.objects.filter(
            dataset=batch.dataset, file_sha256=batch.file_sha256, status=BatchStatus.COMMITTED
        )
        .exclude(pk=batch.pk)
        .order_by("-committed_at")
        .first()
    )
    if duplicate is not None and not confirm_duplicate:
        raise ImportRefused(
            f"同一文件已于 {timezone.localtime(duplicate.committed_at):%Y-%m-%d %H:%M} 导入过"
            f"（{duplicate.created_by}）。如确需再次导入，请勾选“确认再次导入”。"
        )
    claimed = (
        ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.PREVIEWED)
        .exclude(stored_name="")
        .update(status=BatchStatus.QUEUED)
    )
    if not claimed:
        batch.refresh_from_db()
        if not batch.stored_name:
            raise ImportRefused(_expired())
        raise ImportRefused("该批次已提交导入，请勿重复提交。")
    job = jobs.enqueue(
        COMMIT_JOB,
        title=f"导入{batch.dataset_title}：{batch.file_name}",
        params={"batch_id": str(batch.pk)},
        user=user,
    )
    ImportBatch.objects.filter(pk=batch.pk).update(job=job)
    batch.refresh_from_db()
    return job


class CommitFailed(Exception):
    pass


def batch_run_commit(*, batch: ImportBatch, progress=None, set_total=None) -> dict:
    """The commit itself: re-read and re-validate (progress visible), then write, audit and post-check in
    one transaction."""
    with _bulk_work():
        return _run_commit(batch, progress, set_total)


def _run_commit(batch: ImportBatch, progress, set_total) -> dict:
    dataset = registry.get(batch.dataset)
    if dataset is None:
        raise CommitFailed("该数据集已不可导入。")
    user = batch.created_by
    try:
        parsed = _read_for_commit(batch, dataset)
    except reader.FileRejected as exc:
        raise CommitFailed(f"无法读取已上传的文件：{exc}") from exc
    except OSError as exc:
        raise CommitFailed(
            "无法读取已上传的文件（可能已超过保留时间被删除），未写入任何数据。请重新上传预检。"
        ) from exc
    finally:
        parse_cache.discard(_cache_path(batch))
    if set_total:
        set_total(len(parsed.rows))
    skipped_before = _skipped_rows(batch)
    plan = _apply_plan(batch, dataset, parsed, user)
    if _skipped_rows(batch) != skipped_before:
        raise CommitFailed(
            "预检后企业登记或管理范围发生了变化，跳过的行与预检时不同，未写入任何数据。请重新上传预检。"
        )
    if plan is None or plan.errors:
        raise CommitFailed(
            f"预检后数据发生了变化，重新检查发现 {batch.rows_error} 行有错误，未写入任何数据。"
            "请重新上传预检。"
        )
    if progress:
        progress(0, "校验完成，正在写入（全部成功才会保存）…")
    with transaction.atomic():
        try:
            counts = engine.write_plan(plan, user, progress=progress)
        except (engine.ScopeViolation, engine.ConcurrentEdit) as exc:
            raise CommitFailed(str(exc)) from exc
        # A commit whose worker was taken for dead has had its batch put back (batch_interrupted): no write.
        still_queued = ImportBatch.objects.select_for_update().filter(pk=batch.pk, status=BatchStatus.QUEUED)
        if not still_queued.exists():
            raise CommitFailed("该批次已不在写入中（后台任务被判定中断后已退回），本次未写入任何数据。")
        batch.status = BatchStatus.COMMITTED
        batch.committed_at = timezone.now()
        batch.message = (
            f"导入完成：新增 {counts['created']} 行，更新 {counts['updated']} 行，"
            f"未变化 {counts['unchanged']} 行。"
        )
        if batch.rows_skip:
            batch.message += f"跳过 {batch.rows_skip} 行（原因见逐行结果）。"
        batch.save()
        changes = {"dataset": batch.dataset, "file_sha256": batch.file_sha256, "file_name": batch.file_name}
        if batch.options:
            changes["options"] = batch.options.get("values", {})
        if batch.rows_skip:
            changes["skipped"] = batch.rows_skip
        audit.record(
            AuditEvent.IMPORT,
            obj=batch,
            user=user,
            enterprise_id=batch.enterprise_id,
            changes={**changes, **counts},
            message=f"导入{batch.dataset_title}（{batch.file_name}）：{batch.message}",
        )
    return {**counts, "message": batch.message, "url": batch.get_absolute_url(), "link_text": "查看导入结果"}


def purge_stored_files(*, now: dt.datetime | None = None) -> int:
    """Delete uploads once used or kept too long (security baseline DB-RI-2: temporary uploads ≤ 1 h).

    A committed or failed batch's file (and dry-run cache) goes at once; a previewed or refused batch's
    after IMPORT_FILE_TTL_MINUTES (it can then no longer be committed and is uploaded again); a queued
    one never. The batches forget their files in one transaction with their rows locked before any file
    goes, so a commit claimed at the same moment either keeps its file or is refused. Files no batch
    names (an upload interrupted before its batch was saved) go after the same time. Returns the number
    of files deleted.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.IMPORT_FILE_TTL_MINUTES)
    used = Q(status__in=(BatchStatus.COMMITTED, BatchStatus.FAILED))
    stale = Q(status__in=(BatchStatus.PREVIEWED, BatchStatus.INVALID), created_at__lt=cutoff)
    with transaction.atomic():
        batches = ImportBatch.objects.select_for_update().exclude(stored_name="").filter(used | stale)
        forgotten = dict(batches.values_list("pk", "stored_name"))
        ImportBatch.objects.filter(pk__in=forgotten).update(stored_name="")
    deleted = 0
    for name in forgotten.values():
        deleted += _unlink(storage_dir() / name) + _unlink(storage_dir() / f"{name}.parsed")
    named = set(ImportBatch.objects.exclude(stored_name="").values_list("stored_name", flat=True))
    for path in storage_dir().iterdir():
        stored = path.name.removesuffix(".parsed")
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        if stored not in named and modified < cutoff:
            deleted += _unlink(path)
    return deleted


def _unlink(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    return 1


def batch_interrupted(job) -> dict:
    """The commit's worker died (core.jobs recovery, in its transaction): nothing was written, so the
    batch is committable again (its file is kept while queued; the purge's retention time then applies)."""
    batch = ImportBatch.objects.select_for_update().filter(job=job, status=BatchStatus.QUEUED).first()
    if batch is None:
        return {}
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.PREVIEWED, message=jobs.INTERRUPTED)
    audit.record(
        AuditEvent.IMPORT,
        obj=batch,
        result="failure",
        enterprise_id=batch.enterprise_id,
        changes={"dataset": batch.dataset, "file_sha256": batch.file_sha256},
        message=f"导入{batch.dataset_title}中断（工作进程已停止），未写入任何数据，批次可重新导入",
    )
    return {"url": batch.get_absolute_url(), "link_text": "返回导入批次重新导入"}


def batch_sync_status(batch: ImportBatch) -> ImportBatch:
    """A failed commit job rolled back everything, the batch's status too: mark it failed afterwards.
    A commit whose worker died is recovered here too (the batch becomes committable again)."""
    if batch.status != BatchStatus.QUEUED or batch.job_id is None:
        return batch
    job = jobs.recover_if_dead(batch.job)
    batch.refresh_from_db()
    if batch.status != BatchStatus.QUEUED:
        return batch
    if job.status == JobStatus.FAILED:
        with transaction.atomic():
            updated = ImportBatch.objects.filter(pk=batch.pk, status=BatchStatus.QUEUED).update(
                status=BatchStatus.FAILED, message=job.message
            )
            if updated:
                audit.record(
                    AuditEvent.IMPORT,
                    obj=batch,
                    user=batch.created_by,
                    result="failure",
                    enterprise_id=batch.enterprise_id,
                    changes={"dataset": batch.dataset, "file_sha256": batch.file_sha256},
                    message=f"导入{batch.dataset_title}失败，已全部回滚：{job.message}",
                )
        batch.refresh_from_db()
    return batch


def batch_error_report(*, batch: ImportBatch) -> bytes:
    dataset = registry.get(batch.dataset)
    parsed = reader.parse(batch_file(batch), dataset)
    return workbooks.error_report_bytes(parsed, batch.errors)
