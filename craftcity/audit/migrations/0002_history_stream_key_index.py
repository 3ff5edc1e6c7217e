"""An index on (history_date, history_id) of the history tables the change streams read (api.changes): a stream
page is the rows between two such keys, asked as a row-value range. The history models are built by
django-simple-history, which offers no way to declare this index, so it is made here in SQL (the same on
PostgreSQL and SQLite) and the models' state is left as it is."""

from django.db import migrations

TABLES = {
    ("people", "HistoricalPerson"),
    ("organizations", "HistoricalOrganization"),
    ("works", "HistoricalWork"),
    ("events", "HistoricalEvent"),
    ("places", "HistoricalPlace"),
}


def _names(apps, schema_editor):
    quote = schema_editor.quote_name
    for app_label, model_name in sorted(TABLES):
        table = apps.get_model(app_label, model_name)._meta.db_table
        yield quote(f"{table}_stream_key"), quote(table)


def create(apps, schema_editor):
    for index, table in _names(apps, schema_editor):
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} (history_date, history_id)")


def drop(apps, schema_editor):
    for index, _table in _names(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("people", "0006_portrait_consent_private"),
        ("organizations", "0003_organization_kind_ensemble"),
        ("works", "0003_image_illustration_flag"),
        ("events", "0005_event_series_weather_attendance"),
        ("places", "0004_place_capacity"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
