"""The database's own full-text machinery on search entries: FTS5 tables kept in step by triggers on
SQLite; pg_trgm and a full-text GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    # External-content FTS5 tables: the text lives once, in search_searchentry.
    "CREATE VIRTUAL TABLE search_fts USING fts5(keys, text, content='search_searchentry', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 2\", prefix='2 3')",
    "CREATE VIRTUAL TABLE search_trigram USING fts5(keys, content='search_searchentry', content_rowid='id', "
    "tokenize='trigram')",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, keys, text) VALUES (new.id, new.keys, new.text);
        INSERT INTO search_trigram(rowid, keys) VALUES (new.id, new.keys);
    END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, keys, text) VALUES ('delete', old.id, old.keys, old.text);
        INSERT INTO search_trigram(search_trigram, rowid, keys) VALUES ('delete', old.id, old.keys);
    END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, keys, text) VALUES ('delete', old.id, old.keys, old.text);
        INSERT INTO search_trigram(search_trigram, rowid, keys) VALUES ('delete', old.id, old.keys);
        INSERT INTO search_fts(rowid, keys, text) VALUES (new.id, new.keys, new.text);
        INSERT INTO search_trigram(rowid, keys) VALUES (new.id, new.keys);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_trigram",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_entry_keys_trgm ON search_searchentry USING gin (keys gin_trgm_ops)",
    "CREATE INDEX search_entry_text_fts ON search_searchentry USING gin (to_tsvector('simple', text))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_entry_text_fts", "DROP INDEX IF EXISTS search_entry_keys_trgm"]


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
