"""Two search backends behind one interface: SQLite FTS5 (default) and PostgreSQL (full text + pg_trgm).

Both find candidates in the database's own index and hand back plain rows; ranking happens once, in
Python, on those few rows (services.search), so both backends rank the same way. Each wider (slower)
way of finding candidates runs only when the narrower one found too few.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import NamedTuple

from django.db import connection

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
        """One full-text query for a name typed in any script, typos included.

        A word that is an indexed key is asked as that term; a word that only starts indexed keys as a prefix,
        and so is the last word while the visitor is `typing`; a word no indexed key starts with (a typo)
        together with the indexed keys close to it. An exact term reads one list from the index, where a
        prefix reads the lists of every term it starts, so this is also what keeps the query cheap. A
        `forgiving` match adds the close keys to every word: a typo can make a word that starts another name
        ("Tokyev" for "Tokayev")."""
        known = vocabulary()
        groups = []
        for i, key in enumerate(keys):
            partial = typing and i == len(keys) - 1
            if key in known and not partial and not forgiving:
                groups.append(f"keys:{self._quote(key)}")
                continue
            alternatives = [f"keys:{self._quote(key)}*"]
            if forgiving or not known.starts_some_key(key):
                alternatives += [f"keys:{self._quote(close)}" for close in known.close_to(key)]
            groups.append(alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})")
        return " AND ".join(groups)

    def candidates(self, *, keys, words, kinds, limit, enough, typing=False):
        kind_sql, kind_params = _kind_clause(kinds)
        found: dict[int, Row] = {}
        with connection.cursor() as cursor:

            def run(table, match, *, ranked=True):
                order = " ORDER BY f.rank" if ranked else ""
                cursor.execute(
                    f"SELECT {COLUMNS} FROM {table} f JOIN search_searchentry e ON e.id = f.rowid "
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
    """pg_trgm word similarity on the name keys (typo-tolerant), full text with prefixes on the text."""

    def candidates(self, *, keys, words, kinds, limit, enough, typing=False):
        kind_sql, kind_params = _kind_clause(kinds)
        found: dict[int, Row] = {}
        with connection.cursor() as cursor:
            # Trigram similarity forgives most typos by itself, not those in a short name's first letters:
            # a typed key no indexed key starts with is first replaced by the closest indexed one.
            known = vocabulary()
            corrected = [key if known.starts_some_key(key) else next(iter(known.close_to(key)), key) for key in keys]
            for attempt in dict.fromkeys([" ".join(corrected), " ".join(keys)]):
                if found or not attempt:
                    break
                cursor.execute(
                    f"SELECT {COLUMNS} FROM search_searchentry e WHERE %s <%% e.keys{kind_sql} "
                    "ORDER BY word_similarity(%s, e.keys) DESC LIMIT %s",
                    [attempt, *kind_params, attempt, limit],
                )
                _merge(found, cursor.fetchall())
            tokens = [t for t in (re.sub(r"[^\w]", "", w) for w in words if len(w) > 1) if t]
            if len(found) < enough and tokens:
                cursor.execute(
                    f"SELECT {COLUMNS} FROM search_searchentry e "
                    f"WHERE to_tsvector('simple', e.text) @@ to_tsquery('simple', %s){kind_sql} LIMIT %s",
                    [" | ".join(f"{t}:*" for t in tokens), *kind_params, limit],
                )
                _merge(found, cursor.fetchall())
        return list(found.values())


def get_backend() -> SearchBackend:
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
