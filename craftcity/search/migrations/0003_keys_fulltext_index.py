"""PostgreSQL asks the name keys as whole terms through a full-text GIN index (SQLite's FTS5 table already
holds them as terms)."""

from django.db import migrations

from craftcity.search.fts import POSTGRES_KEYS_DOWN, POSTGRES_KEYS_UP


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_indexes")]

    operations = [migrations.RunPython(_run(POSTGRES_KEYS_UP), _run(POSTGRES_KEYS_DOWN))]
