"""Refuse `migrate` on a database left part-way through migrations that have since been squashed.

Such a database is neither at the old migrations' end nor new: Django would drop the squashed migration
from its plan, apply the other apps and fail on the first one that needs the missing tables.
"""

from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


@register(Tags.database)
def squashed_migrations_whole(app_configs=None, databases=None, **kwargs):
    errors = []
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for alias in databases or []:
        applied = set(MigrationRecorder(connections[alias]).applied_migrations())
        if not applied:
            continue
        for (app, name), migration in disk.items():
            done = [key for key in migration.replaces if key in applied]
            if done and len(done) < len(migration.replaces):
                errors.append(
                    Error(
                        f"数据库 {alias} 的 {app} 旧迁移只执行了 {len(done)}/{len(migration.replaces)} 个"
                        f"（已合并为 {name}）：请先用合并之前的版本执行 manage.py migrate，再升级到本版本",
                        id="core.E101",
                    )
                )
    return errors
