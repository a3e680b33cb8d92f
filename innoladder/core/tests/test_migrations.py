"""The squashed migrations (2026-12-06): a database migrated with the ones they replace is up to date."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q


@pytest.mark.django_db
def test_a_database_migrated_before_the_squash_has_nothing_to_apply():
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    squashed = {key: m for key, m in disk.items() if m.replaces}
    assert len(squashed) >= 9
    recorded = MigrationRecorder.Migration.objects
    # What a database migrated before the squash records: the replaced names only.
    recorded.filter(Q(*[Q(app=app, name=name) for app, name in squashed], _connector=Q.OR)).delete()
    replaced = {name for m in squashed.values() for name in m.replaces}
    assert replaced <= set(recorded.values_list("app", "name"))
    executor = MigrationExecutor(connection)
    assert set(squashed) <= set(executor.loader.applied_migrations)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_no_squashed_migration_replaces_a_file_still_on_disk():
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    replaced = {name for m in disk.values() for name in m.replaces}
    assert replaced and not replaced & set(disk)


@pytest.mark.django_db
def test_migrate_refuses_a_database_stopped_part_way_through_squashed_migrations():
    from innoladder.core.migration_check import squashed_migrations_whole

    assert squashed_migrations_whole(databases=["default"]) == []
    MigrationRecorder.Migration.objects.filter(app="core", name="0006_audit_chain").delete()
    errors = squashed_migrations_whole(databases=["default"])
    assert [e.id for e in errors] == ["core.E101"]
    assert "core 旧迁移只执行了 6/7 个" in errors[0].msg
