"""The SQL of the database's own full-text machinery on search entries (used by migration 0002 and by the
bulk rebuild, which drops the per-row triggers, fills the table and rebuilds the FTS5 index in one go).

Changing a statement here needs a new migration: 0002 applied the old one to existing databases."""

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
# Migration 0003: the name keys as whole terms, which is how PostgreSQL asks them first (backends.PostgresBackend);
# the trigram index stays for typos the vocabulary cannot correct.
POSTGRES_KEYS_UP = ["CREATE INDEX search_entry_keys_fts ON search_searchentry USING gin (to_tsvector('simple', keys))"]
POSTGRES_KEYS_DOWN = ["DROP INDEX IF EXISTS search_entry_keys_fts"]
POSTGRES_GIN_INDEXES = ["search_entry_keys_fts", "search_entry_keys_trgm", "search_entry_text_fts"]

SQLITE_TRIGGERS = [statement for statement in SQLITE_UP if statement.startswith("CREATE TRIGGER")]
SQLITE_DROP_TRIGGERS = [statement for statement in SQLITE_DOWN if statement.startswith("DROP TRIGGER")]
SQLITE_REBUILD = [
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_trigram(search_trigram) VALUES ('rebuild')",
]
