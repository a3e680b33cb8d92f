"""Tamper-evident audit log (等保 DB-AU-LOG-3): every entry carries the HMAC of the entry before it.

The triggers of `audit_guard` stop the application from changing audit rows; they do not stop someone
with the database file or a superuser login, who can drop them, edit or delete rows and put them back.
The chain makes that visible: entry n stores `prev_hash` (entry n-1's `entry_hash`) and
`entry_hash = HMAC-SHA256(key, canonical(prev_hash, the entry's fields))`. Editing an entry breaks its own
hash; deleting one breaks the next entry's link; without the key nobody can compute the hashes again.

One global chain, in id order. Appends are serialised on a lock row (`AuditChainHead`, id 1): on
PostgreSQL `SELECT … FOR UPDATE`, held until the writing transaction ends; on SQLite every write
transaction already holds the database's single writer lock (`BEGIN IMMEDIATE`). The daily check records
the newest entry it verified in that row (the checkpoint): deleting entries up to the checkpoint is seen;
deleting only entries newer than the last check is not, unless the checkpoint is also kept elsewhere (the
check logs it). docs/security.md says what the chain can and cannot show.

Key: `AUDIT_CHAIN_KEY` from the environment, else derived from SECRET_KEY. Changing it (or SECRET_KEY when
no AUDIT_CHAIN_KEY is set) makes every existing entry fail verification: set AUDIT_CHAIN_KEY once, keep it.
"""

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

GENESIS = "0" * 64
HEAD_ID = 1
# The fields an entry's hash covers, in this order. Changing the list changes every hash: add a new
# AuditEntry field here only with a migration that re-chains (test_chain_covers_every_field guards it).
CHAIN_FIELDS = (
    "ts",
    "actor_id",
    "actor_name",
    "actor_role",
    "source_ip",
    "request_id",
    "event_type",
    "object_type",
    "object_id",
    "object_repr",
    "enterprise_id",
    "park_id",
    "result",
    "changes",
    "message",
)
_INT_INDEXES = frozenset(CHAIN_FIELDS.index(f) for f in ("actor_id", "enterprise_id", "park_id"))
_TS = CHAIN_FIELDS.index("ts")
_IP = CHAIN_FIELDS.index("source_ip")
_CHANGES = CHAIN_FIELDS.index("changes")
_KEY_INFO = b"innoladder.audit-chain.v1"
_UNSET = object()


def chain_key() -> bytes:
    """The HMAC key: AUDIT_CHAIN_KEY when set, else HMAC-SHA256(SECRET_KEY, a fixed label)."""
    configured = getattr(settings, "AUDIT_CHAIN_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), _KEY_INFO, hashlib.sha256).digest()


def _json_float(text: str):
    """A float as every database gives it back: integral ones as integers (jsonb writes 1e20 as digits)."""
    value = float(text)
    return int(value) if value.is_integer() else value


# One encoder (sorted keys: PostgreSQL's jsonb keeps its own key order, SQLite the writer's).
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _ts_text(value) -> str:
    if isinstance(value, str):  # a raw SQLite value read without converters
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


_SCALARS = frozenset({str, int, bool, type(None)})
_TEXT = frozenset({str})


def _is_plain(value) -> bool:
    """Whether a JSON column gives the value back exactly as it is (text keys, no tuples, no floats):
    then it needs no round trip. Checked with set(map(type, …)) to stay cheap for a bulk import's rows."""
    kind = type(value)
    if kind is dict:
        if not set(map(type, value)) <= _TEXT:
            return False
        values = value.values()
    elif kind is list:
        values = value
    else:
        return kind in _SCALARS
    if set(map(type, values)) <= _SCALARS:
        return True
    return all(_is_plain(v) for v in values if type(v) not in _SCALARS)


def _piece(index: int, value) -> str:
    """One field as canonical JSON text, the same whichever database it was read back from."""
    if index == _CHANGES:
        if value is None:
            value = {}
        if not _is_plain(value):
            # JSON's own round trip gives what a JSON column gives back: text keys, lists for tuples.
            value = json.loads(json.dumps(value), parse_float=_json_float)
        return _ENCODE(value)
    if value is None:
        return "null"
    if index == _TS:
        value = _ts_text(value)
    elif index == _IP:
        value = str(ipaddress.ip_address(value)) if value else None
    elif index in _INT_INDEXES:
        value = int(value)
    else:
        value = str(value)
    return _ENCODE(value)


def _join(prev_hash: str, pieces: list[str]) -> bytes:
    return ("[" + _ENCODE(prev_hash) + "," + ",".join(pieces) + "]").encode()


def canonical(prev_hash: str, values: Sequence) -> bytes:
    """The bytes an entry's hash covers: a JSON array of the previous hash and the CHAIN_FIELDS values."""
    return _join(prev_hash, [_piece(i, v) for i, v in enumerate(values)])


def entry_hash(prev_hash: str, values: Sequence, key: bytes | None = None) -> str:
    return hmac.digest(key or chain_key(), canonical(prev_hash, values), "sha256").hex()


def values_of(entry) -> tuple:
    return tuple(getattr(entry, name) for name in CHAIN_FIELDS)


def chain_rows(prev_hash: str, rows: Iterable[Sequence], key: bytes | None = None) -> list[tuple[str, str]]:
    """(prev_hash, entry_hash) for consecutive new entries given as CHAIN_FIELDS value tuples. A value that
    is the very object of the row before (the shared actor, time, message of a bulk write) is encoded once."""
    key = key or chain_key()
    out = []
    last: list = [_UNSET] * len(CHAIN_FIELDS)
    pieces: list[str] = [""] * len(CHAIN_FIELDS)
    for values in rows:
        for i, value in enumerate(values):
            if value is not last[i]:
                pieces[i] = _piece(i, value)
                last[i] = value
        digest = hmac.digest(key, _join(prev_hash, pieces), "sha256").hex()
        out.append((prev_hash, digest))
        prev_hash = digest
    return out


# --- appending -------------------------------------------------------------------------------------


def lock_head(using: str) -> str:
    """Lock the chain for this transaction and return the newest entry's hash. Call inside atomic().

    PostgreSQL: `SELECT … FOR UPDATE` on the lock row, held until the transaction ends; the newest entry is
    read after the lock is granted, so under READ COMMITTED it sees the previous holder's entry. SQLite:
    the transaction already holds the database's only writer lock (BEGIN IMMEDIATE)."""
    from .models import AuditChainHead, AuditEntry

    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        raise RuntimeError("the audit chain is appended inside a transaction")
    if connection.vendor != "sqlite":
        lock = AuditChainHead.objects.using(using).select_for_update().filter(pk=HEAD_ID)
        if not lock.values_list("pk", flat=True):
            # No lock row (a flushed database): two writers may both insert it; the second is ignored.
            AuditChainHead.objects.using(using).bulk_create(
                [AuditChainHead(pk=HEAD_ID)], ignore_conflicts=True
            )
            lock.values_list("pk", flat=True).get()
    last = AuditEntry.objects.using(using).order_by("-id").values_list("entry_hash", flat=True).first()
    return last or GENESIS


# --- verifying -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """The outcome of checking the whole chain; on failure, the first entry that does not fit."""

    ok: bool
    checked: int
    last_id: int | None = None
    broken_id: int | None = None
    broken_ts: dt.datetime | None = None
    reason: str = ""
    last_hash: str = ""

    def summary(self) -> str:
        if self.ok:
            return f"审计日志完整：已校验 {self.checked} 条记录，链尾记录 ID {self.last_id or '-'}。"
        when = f"，时间 {_ts_local(self.broken_ts)}" if self.broken_ts else ""
        where = f"记录 ID {self.broken_id}{when}" if self.broken_id is not None else "链尾"
        return f"审计日志校验失败：第一个断点在{where}：{self.reason}（此前 {self.checked} 条记录完好）。"


def _ts_local(value: dt.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


def verify(using: str = "default", chunk_size: int = 2000) -> Verification:
    """Recompute every entry's hash in id order; stop at the first entry whose content or link is wrong.
    The entry the last check recorded (the checkpoint) must still be there with the same hash."""
    from .models import AuditChainHead, AuditEntry

    key = chain_key()
    head = AuditChainHead.objects.using(using).filter(pk=HEAD_ID).values_list("checked_id", "checked_hash")
    checkpoint_id, checkpoint_hash = head.first() or (0, "")
    rows = (
        AuditEntry.objects.using(using)
        .order_by("id")
        .values_list("id", "prev_hash", "entry_hash", *CHAIN_FIELDS)
        .iterator(chunk_size=chunk_size)
    )
    prev, prev_id, checked, checkpoint_seen = GENESIS, None, 0, checkpoint_id == 0
    for pk, stored_prev, stored_hash, *values in rows:
        ts = values[_TS]
        if stored_prev != prev:
            after = f"ID {prev_id} 之后" if prev_id is not None else "链首"
            return Verification(
                False, checked, prev_id, pk, ts, f"与前一条记录不相连，{after}的记录被删除或改动"
            )
        if not hmac.compare_digest(stored_hash, entry_hash(prev, values, key)):
            return Verification(False, checked, prev_id, pk, ts, "记录内容与其哈希不符，已被改动")
        if pk == checkpoint_id:
            if stored_hash != checkpoint_hash:
                return Verification(False, checked, prev_id, pk, ts, "与上次校验记下的哈希不符")
            checkpoint_seen = True
        prev, prev_id = stored_hash, pk
        checked += 1
    if not checkpoint_seen:
        return Verification(
            False,
            checked,
            prev_id,
            None,
            None,
            f"上次校验到的记录 ID {checkpoint_id} 已不存在：最新的记录被删除",
        )
    return Verification(True, checked, prev_id, last_hash=prev)


def record_checkpoint(result: Verification, using: str = "default") -> None:
    """After a passing check: the newest verified entry becomes the checkpoint the next check requires."""
    from django.utils import timezone

    from .models import AuditChainHead

    if result.ok and result.last_id is not None:
        AuditChainHead.objects.using(using).update_or_create(
            pk=HEAD_ID,
            defaults={
                "checked_id": result.last_id,
                "checked_hash": result.last_hash,
                "checked_at": timezone.now(),
            },
        )
