"""The name keys the index holds, kept in memory, to correct a mistyped name before the index is asked.

This is a search engine's fuzzy term expansion done once per query in Python: a typed key that no indexed
key starts with is matched against the indexed keys of about its length (edit distance, transpositions
counting one), and the close ones join it in a single full-text query. One query to the index instead of
a trigram scan, and a typo anywhere in the name, its first letters included, is forgiven.

Each process loads the keys once and again after the index changes (`index_changed`, called by every
write to the index, tells this process at once and the others through the cache within a second). A
stale vocabulary only costs typo tolerance for the newest names: the typed key is always asked as well.
"""

from __future__ import annotations

import bisect
import threading
import time

from django.core.cache import cache
from django.db import connection, transaction
from rapidfuzz import process
from rapidfuzz.distance import OSA

from craftcity.core.cache import new_version

VERSION_KEY = "craftcity:search-index-version"
CHECK_EVERY = 1.0  # seconds between looks at the shared version


def allowed_distance(key: str) -> int:
    """Edits forgiven in a key of this length, as search engines commonly do: none in keys of one or two
    letters, one up to five letters, two beyond."""
    if len(key) < 3:
        return 0
    return 1 if len(key) < 6 else 2


# A typo in a name's ending can stop its suffix (-ova, -uly) from being recognised and dropped from the key
# ("Zhusipbeokva"): the typed key is also compared without its last letters, up to this many.
LOOSE_ENDING = 4


class Vocabulary:
    def __init__(self, keys):
        self.known = frozenset(keys)
        self.keys = sorted(self.known)
        # The keys by length, and where each length starts: a range of lengths is one slice.
        self.by_length = sorted(self.keys, key=len)
        self.lengths = [len(key) for key in self.by_length]

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, typed: str) -> bool:
        return typed in self.known

    def starts_some_key(self, typed: str) -> bool:
        i = bisect.bisect_left(self.keys, typed)
        return i < len(self.keys) and self.keys[i].startswith(typed)

    def close_to(self, typed: str, *, limit: int = 4) -> list[str]:
        """Indexed keys within the allowed edit distance of a typed key or of it without a loose ending;
        closest first, then those that needed less of the ending dropped."""
        best: dict[str, tuple[int, int]] = {}
        for cut in range(max(0, min(LOOSE_ENDING, len(typed) - 4)) + 1):  # the ending only of longer keys
            part = typed[: len(typed) - cut]
            distance = allowed_distance(part)
            if not distance:
                continue
            start = bisect.bisect_left(self.lengths, len(part) - distance)
            choices = self.by_length[start : bisect.bisect_right(self.lengths, len(part) + distance)]
            for key, found, _index in process.extract(
                part, choices, scorer=OSA.distance, score_cutoff=distance, limit=limit
            ):
                if key != typed and (found, cut) < best.get(key, (99, 99)):
                    best[key] = (found, cut)
        return sorted(best, key=lambda key: (*best[key], key))[:limit]


def _load() -> Vocabulary:
    tokens: set[str] = set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT keys FROM search_searchentry WHERE keys <> ''")
        for (keys,) in cursor.fetchall():
            tokens.update(keys.split())
    return Vocabulary(tokens)


class _Holder:
    """One vocabulary per process and database, reloaded when the shared index version moves."""

    def __init__(self):
        self.lock = threading.Lock()
        self.loaded: dict[str, tuple[object, Vocabulary]] = {}  # database name -> (version, vocabulary)
        self.checked: dict[str, tuple[float, object]] = {}  # database name -> (when, version seen)

    def get(self) -> Vocabulary:
        alias = connection.settings_dict["NAME"]
        now = time.monotonic()
        checked_at, version = self.checked.get(alias, (0.0, None))
        if now - checked_at > CHECK_EVERY or version is None:
            version = cache.get(VERSION_KEY, "")
            self.checked[alias] = (now, version)
        held = self.loaded.get(alias)
        if held is not None and held[0] == version:
            return held[1]
        with self.lock:
            vocabulary = _load()
            self.loaded[alias] = (version, vocabulary)
        return vocabulary

    def forget(self):
        self.loaded.clear()
        self.checked.clear()


_holder = _Holder()


def vocabulary() -> Vocabulary:
    return _holder.get()


def _bump() -> None:
    _holder.forget()
    cache.set(VERSION_KEY, new_version(), timeout=None)


def index_changed() -> None:
    """The index was written: this process reloads at its next query, the others within CHECK_EVERY.

    Told now and again at commit, so a process that reloaded in between, before the commit, reloads again."""
    _bump()
    transaction.on_commit(_bump)
