"""Two search backends behind one interface: SQLite FTS5 (default) and PostgreSQL (full text + pg_trgm).

Both find candidates fast in the database's own index; ranking happens once, in Python, on a few
hundred candidates (services.search), so both backends rank the same way.
"""

from __future__ import annotations

import re

from django.db import connection

WORD = re.compile(r"\w+", re.UNICODE)


class SearchBackend:
    """Returns the ids of entries that may match; the caller ranks them."""

    def candidates(self, *, keys: list[str], words: list[str], kinds: list[str] | None, limit: int) -> list[int]:
        raise NotImplementedError


def _kind_clause(kinds, column="e.kind"):
    if not kinds:
        return "", []
    return f" AND {column} IN ({', '.join(['%s'] * len(kinds))})", list(kinds)


class SQLiteBackend(SearchBackend):
    """FTS5 over the name keys and text (prefix queries), plus a trigram FTS5 table for typos."""

    def _quote(self, token: str) -> str:
        return '"' + token.replace('"', "") + '"'

    def candidates(self, *, keys, words, kinds, limit):
        kind_sql, kind_params = _kind_clause(kinds)
        terms = [f"keys:{self._quote(k)}*" for k in keys] + [f"text:{self._quote(w)}*" for w in words if len(w) > 1]
        found: list[int] = []
        with connection.cursor() as cursor:
            if keys:
                # Every name token must match (as a prefix): the precise path, good for most queries.
                match = " AND ".join(f"keys:{self._quote(k)}*" for k in keys)
                found += self._run(cursor, "search_fts", match, kind_sql, kind_params, limit)
            if len(found) < limit and terms:
                match = " OR ".join(terms)
                found += self._run(cursor, "search_fts", match, kind_sql, kind_params, limit)
            grams = {k[i : i + 3] for k in keys for i in range(len(k) - 2)}
            if len(found) < 20 and grams:
                # Typos: any shared trigram of the keys; ranking sorts out the best.
                match = " OR ".join(self._quote(g) for g in sorted(grams))
                found += self._run(cursor, "search_trigram", match, kind_sql, kind_params, limit)
        return list(dict.fromkeys(found))[:limit]

    def _run(self, cursor, table, match, kind_sql, kind_params, limit):
        cursor.execute(
            f"SELECT e.id FROM {table} f JOIN search_searchentry e ON e.id = f.rowid "
            f"WHERE {table} MATCH %s{kind_sql} ORDER BY f.rank LIMIT %s",
            [match, *kind_params, limit],
        )
        return [row[0] for row in cursor.fetchall()]


class PostgresBackend(SearchBackend):
    """pg_trgm word similarity on the name keys (typo-tolerant), full text with prefixes on the text."""

    def candidates(self, *, keys, words, kinds, limit):
        kind_sql, kind_params = _kind_clause(kinds)
        found: list[int] = []
        with connection.cursor() as cursor:
            if keys:
                query_key = " ".join(keys)
                cursor.execute(
                    "SELECT e.id FROM search_searchentry e WHERE %s <%% e.keys" + kind_sql
                    + " ORDER BY word_similarity(%s, e.keys) DESC LIMIT %s",
                    [query_key, *kind_params, query_key, limit],
                )  # fmt: skip
                found += [row[0] for row in cursor.fetchall()]
            tokens = [re.sub(r"[^\w]", "", w) for w in words if len(w) > 1]
            tokens = [t for t in tokens if t]
            if len(found) < limit and tokens:
                tsquery = " | ".join(f"{t}:*" for t in tokens)
                cursor.execute(
                    "SELECT e.id FROM search_searchentry e "
                    "WHERE to_tsvector('simple', e.text) @@ to_tsquery('simple', %s)" + kind_sql + " LIMIT %s",
                    [tsquery, *kind_params, limit],
                )
                found += [row[0] for row in cursor.fetchall()]
        return list(dict.fromkeys(found))[:limit]


def get_backend() -> SearchBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
