"""The database itself refuses UPDATE and DELETE on the audit table (等保 DB-AU-LOG-3)."""

from django.db import migrations

from innoladder.core import audit_guard


def forwards(apps, schema_editor):
    audit_guard.install(schema_editor.connection)


def backwards(apps, schema_editor):
    audit_guard.remove(schema_editor.connection)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS core_auditentry_refuse();")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
