"""The database's own full-text machinery on search entries: FTS5 tables kept in step by triggers on
SQLite; pg_trgm and a full-text GIN index on PostgreSQL."""

from django.db import migrations

from craftcity.search.fts import POSTGRES_DOWN, POSTGRES_UP, SQLITE_DOWN, SQLITE_UP

def _run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
