"""Backups that can be restored safely (等保 DB-BK-*, finding 5 of issue 21).

A backup is one tar archive (`innoladder-<UTC stamp>.tar`, or `.tar.enc` when BACKUP_ENCRYPTION_KEY is
set: AES-256-GCM, see `crypto`) holding the database copy (`database.sqlite3` made with SQLite's backup
API, or `database.pgdump` from pg_dump), every uploaded file under `media/`, and `manifest.json` last:
engine, program version, the migrations applied in the copy, sha256 of every member, and on SQLite a
checksum of every table's rows. Beside it, `<archive>.json` holds the archive's own sha256. Files are
created 0600 in a 0700 directory.

`restore` unpacks into a private staging directory and checks everything before it touches anything:
the archive's sha256, decryption, every member against the manifest, `PRAGMA integrity_check`, the
migrations against this code's (and the tables and columns of this code's models), the table checksums.
Only then it keeps a safety copy of the live database (and moves the live uploads aside), replaces them,
checks the result against the manifest again and writes an audit entry.
"""

from .archive import BackupError, check_backup, create_backup, restore_backup

__all__ = ["BackupError", "check_backup", "create_backup", "restore_backup"]
