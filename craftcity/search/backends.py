"""Two search backends behind one interface: SQLite FTS5 (default) and PostgreSQL (full text + pg_trgm).

Both find candidates in the database's own index and hand back plain rows; ranking happens once, in
Python, on those few rows (services.search), so both backends rank the same way. Each wider (slower)
way of finding candidates runs only when the narrower one found too few.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import NamedTuple

from django.db import DatabaseError, connection, transaction

from . import fts
from .vocabulary import vocabulary

WORD = re.compile(r"\w+", re.UNICODE)
COLUMNS = "e.id, e.kind, e.object_id, e.ref, e.title, e.subtitle, e.keys, e.text, e.facets"


class Row(NamedTuple):
    id: int
    kind: str
    object_id: int
    ref: str
    title: str  # JSON text
    subtitle: str  # JSON text
    keys: str
    text: str
    facets: object  # JSON text on SQLite, decoded on PostgreSQL


class SearchBackend:
    @contextmanager
    def writing(self, *, bulk: bool):
        """Around writes to the entries; a backend may prepare for many rows at once."""
        yield

    def candidates(
        self, *, keys: list[str], words: list[str], kinds, limit: int, enough: int, typing: bool = False
    ) -> list[Row]:
        """Rows that may match; stops widening the search once `enough` were found. While the visitor is
        `typing`, the last word may be unfinished."""
        raise NotImplementedError


def _kind_clause(kinds, column="e.kind"):
    if not kinds:
        return "", []
    return f" AND {column} IN ({', '.join(['%s'] * len(kinds))})", list(kinds)


def _merge(found: dict, rows) -> None:
    for row in rows:
        found.setdefault(row[0], Row(*row))


def name_terms(keys, *, typing: bool, forgiving: bool = False) -> list[list[tuple[str, bool]]]:
    """One full-text query for a name typed in any script, typos included, as alternatives per typed key
    (all keys must match, any alternative of each): (indexed term, asked as a prefix).

    A key that is an indexed key is asked as that term; a key that only starts indexed keys as a prefix, and
    so is the last key while the visitor is `typing`; a key no indexed key starts with (a typo) together with
    the indexed keys close to it. An exact term reads one list from the index, where a prefix reads the lists
    of every term it starts, so this is also what keeps the query cheap. A `forgiving` match adds the close
    keys to every key: a typo can make a word that starts another name ("Tokyev" for "Tokayev")."""
    known = vocabulary()
    groups = []
    for i, key in enumerate(keys):
        partial = typing and i == len(keys) - 1
        if key in known and not partial and not forgiving:
            groups.append([(key, False)])
            continue
        alternatives = [(key, True)]
        if forgiving or not known.starts_some_key(key):
            alternatives += [(close, False) for close in known.close_to(key)]
        groups.append(alternatives)
    return groups


class SQLiteBackend(SearchBackend):
    """FTS5 over the name keys and text (prefix queries), plus a trigram FTS5 table for typos."""

    @contextmanager
    def writing(self, *, bulk: bool):
        """For many rows, drop the per-row triggers and rebuild both FTS5 indexes once at the end: row by
        row, the trigram index makes a rebuild of 100,000 people take minutes."""
        if not bulk:
            yield
            return
        with connection.cursor() as cursor:
            for statement in fts.SQLITE_DROP_TRIGGERS:
                cursor.execute(statement)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                for statement in fts.SQLITE_TRIGGERS + fts.SQLITE_REBUILD:
                    cursor.execute(statement)

    @staticmethod
    def _grams(keys) -> list[str]:
        return sorted({k[i : i + 3] for k in keys for i in range(len(k) - 2)})

    @staticmethod
    def _quote(token: str) -> str:
        return '"' + token.replace('"', "") + '"'

    def _name_match(self, keys, *, typing: bool, forgiving: bool = False) -> str:
        """One FTS5 query on the name keys: see `name_terms`."""
        groups = [
            " OR ".join(f"keys:{self._quote(term)}{'*' if prefix else ''}" for term, prefix in group)
            for group in name_terms(keys, typing=typing, forgiving=forgiving)
        ]
        return " AND ".join(group if " OR " not in group else f"({group})" for group in groups)

    def candidates(self, *, keys, words, kinds, limit, enough, typing=False):
        kind_sql, kind_params = _kind_clause(kinds)
        found: dict[int, Row] = {}
        with connection.cursor() as cursor:

            def run(table, match, *, ranked=True):
                order = " ORDER BY f.rank" if ranked else ""
                # CROSS JOIN keeps the full-text match as the outer loop: with a kind filter and no statistics,
                # SQLite's planner would walk every entry of that kind and run the match once for each (4.5 s
                # at 100,000 people for a name that matches nothing, instead of under 1 ms).
                cursor.execute(
                    f"SELECT {COLUMNS} FROM {table} f CROSS JOIN search_searchentry e ON e.id = f.rowid "
                    f"WHERE {table} MATCH %s{kind_sql}{order} LIMIT %s",
                    [match, *kind_params, limit],
                )
                rows = cursor.fetchall()
                _merge(found, rows)
                return len(rows)

            def run_names(forgiving: bool):
                # Unranked, since ranking computes a score for every match and these are few; when there are
                # more than `limit`, the index's rank picks which.
                match = self._name_match(keys, typing=typing, forgiving=forgiving)
                if run("search_fts", match, ranked=False) >= limit:
                    found.clear()
                    run("search_fts", match)

            if keys:
                run_names(forgiving=False)  # the precise path, enough for nearly every query
                if not found:
                    run_names(forgiving=True)
            if len(found) < enough and len(keys) > 1:
                # Typos beyond the vocabulary's reach, or one that makes another name: the other tokens still
                # match, and the mistyped one is matched by its first letters (a cheap prefix query).
                for width in (4, 3):
                    for i, key in enumerate(keys):
                        if len(key) <= width:
                            continue
                        head = [f"keys:{self._quote(key[:width])}*"]
                        others = [f"keys:{self._quote(k)}*" for j, k in enumerate(keys) if j != i]
                        run("search_fts", " AND ".join(head + others))
                    if len(found) >= enough:
                        break
            terms = [f"keys:{self._quote(k)}*" for k in keys] + [f"text:{self._quote(w)}*" for w in words if len(w) > 1]
            if len(found) < enough and terms:
                run("search_fts", " OR ".join(terms))
            grams = self._grams(keys)
            if len(found) < enough and grams:
                # Typos: entries sharing trigrams with the typed keys; ranking sorts out the best.
                run("search_trigram", " OR ".join(self._quote(g) for g in grams))
        return list(found.values())


class PostgresBackend(SearchBackend):
    """Full text (GIN) on the name keys and on the text, plus pg_trgm on the keys for typos: the same ways of
    finding candidates as on SQLite, in the same order.

    Name keys are asked as whole terms (`to_tsvector('simple', keys) @@ to_tsquery(…)`), corrected against the
    index's own vocabulary first, not by trigram similarity: the keys of 100,000 people and their works share
    a few thousand distinct names, so every trigram of a typed name is in tens of thousands of entries, and
    a word-similarity search read and compared all of them (p95 > 150 ms at 300,000 entries; now a few ms).
    Where more than `limit` entries match, the shortest keys are kept, as FTS5's bm25 prefers them, from
    among the first RANKED_AT_MOST matches."""

    KEYS = "to_tsvector('simple', e.keys)"
    RANKED_AT_MOST = 2000
    TEXT = "to_tsvector('simple', e.text)"

    @contextmanager
    def writing(self, *, bulk: bool):
        """After many rows, move the GIN indexes' pending entries (where new rows wait to be merged, up to 4 MB
        per index) into the indexes proper: every search reads the whole pending list of each index it asks,
        which made a two-name query 3.4 ms instead of 0.3 ms until autovacuum came by."""
        yield
        if not bulk:
            return
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for index in fts.POSTGRES_GIN_INDEXES:
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        except DatabaseError:  # a role that does not own the indexes: autovacuum will do it
            pass

    @staticmethod
    def _lexeme(term: str, prefix: bool) -> str:
        return "'" + term.replace("\\", "").replace("'", "") + "'" + (":*" if prefix else "")

    def _tsquery(self, groups) -> str:
        parts = [" | ".join(self._lexeme(term, prefix) for term, prefix in group) for group in groups]
        return " & ".join(part if len(group) == 1 else f"({part})" for part, group in zip(parts, groups, strict=True))

    def candidates(self, *, keys, words, kinds, limit, enough, typing=False):
        kind_sql, kind_params = _kind_clause(kinds)
        found: dict[int, Row] = {}
        with connection.cursor() as cursor:

            def run(where, params, order, order_params=()):
                # The first RANKED_AT_MOST matches the index hands back are ranked, not every match: ordering
                # reads each ranked entry from the table, which for a two-letter prefix was most of it.
                cursor.execute(
                    f"SELECT * FROM (SELECT {COLUMNS} FROM search_searchentry e WHERE ({where}){kind_sql} "
                    f"LIMIT {self.RANKED_AT_MOST}) e ORDER BY {order} LIMIT %s",
                    [*params, *kind_params, *order_params, limit],
                )
                _merge(found, cursor.fetchall())

            def run_names(groups):
                run(f"{self.KEYS} @@ to_tsquery('simple', %s)", [self._tsquery(groups)], "length(e.keys), e.id")

            if keys:
                run_names(name_terms(keys, typing=typing))  # the precise path, enough for nearly every query
                if not found:
                    run_names(name_terms(keys, typing=typing, forgiving=True))
            if len(found) < enough and len(keys) > 1:
                # Typos beyond the vocabulary's reach, or one that makes another name: the other keys still
                # match, and the mistyped one is matched by its first letters.
                for width in (4, 3):
                    for i, key in enumerate(keys):
                        if len(key) > width:
                            run_names([[(key[:width], True)], *[[(k, True)] for j, k in enumerate(keys) if j != i]])
                    if len(found) >= enough:
                        break
            tokens = [t for t in (re.sub(r"[^\w]", "", w) for w in words if len(w) > 1) if t]
            if len(found) < enough and (keys or tokens):
                # Any word: a name key or a word of the text (crafts, places, descriptions) it starts.
                clauses = []
                params = []
                if keys:
                    clauses.append(f"{self.KEYS} @@ to_tsquery('simple', %s)")
                    params.append(" | ".join(self._lexeme(k, True) for k in keys))
                if tokens:
                    clauses.append(f"{self.TEXT} @@ to_tsquery('simple', %s)")
                    params.append(" | ".join(self._lexeme(t, True) for t in tokens))
                run(" OR ".join(clauses), params, "length(e.text), e.id")
            if len(found) < enough and keys:
                # Typos: entries whose keys are similar to the typed ones (pg_trgm); ranking sorts out the best.
                typed = " ".join(keys)
                run("%s <%% e.keys", [typed], "word_similarity(%s, e.keys) DESC, e.id", [typed])
        return list(found.values())


def get_backend() -> SearchBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
