"""Keep the search index in step with the registry, and answer queries in any script."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from rapidfuzz import fuzz

import namekit
from craftcity.core.translation import TranslatedText, fallback_order

from .backends import WORD, Row, get_backend
from .documents import INDEXERS
from .models import SearchEntry
from .vocabulary import index_changed

CANDIDATES = 100
# Widen the search (any word, then trigrams for typos) only when the precise path found nothing: it already
# forgives typos, and widening a query that found its person only adds namesakes of one word.
ENOUGH = 1


def index_object(kind: str, pk) -> None:
    """Reindex one record: write its entry if public, remove it otherwise."""
    index_objects({(kind, pk)})


# Above this many records at once, SQLite rebuilds its full-text index in one pass instead of row by row.
BULK_FROM = 5000


@transaction.atomic
def index_objects(pairs, *, chunk: int = 2000) -> int:
    """Reindex many records at once from (kind, pk) pairs: public ones are written, the rest removed."""
    by_kind: dict[str, list] = {}
    for kind, pk in pairs:
        by_kind.setdefault(kind, []).append(pk)
    total = sum(len(pks) for pks in by_kind.values())
    written = 0
    with get_backend().writing(bulk=total >= BULK_FROM):
        for kind, pks in by_kind.items():
            indexer = INDEXERS[kind]
            for start in range(0, len(pks), chunk):
                part = pks[start : start + chunk]
                SearchEntry.objects.filter(kind=kind, object_id__in=part).delete()
                documents = indexer.documents(part)
                SearchEntry.objects.bulk_create(
                    [SearchEntry(kind=kind, object_id=pk, **document) for pk, document in documents.items()]
                )
                written += len(documents)
    index_changed()
    return written


@transaction.atomic
def index_rebuild(kinds=None, *, chunk: int = 2000, progress=None) -> int:
    """Rebuild the entries of these kinds (all by default) from scratch. Returns how many were written."""
    total = 0
    with get_backend().writing(bulk=True):
        for kind in kinds or list(INDEXERS):
            indexer = INDEXERS[kind]
            SearchEntry.objects.filter(kind=kind).delete()
            pks = list(indexer.queryset().order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), chunk):
                documents = indexer.documents(pks[start : start + chunk])
                SearchEntry.objects.bulk_create(
                    [SearchEntry(kind=kind, object_id=pk, **document) for pk, document in documents.items()]
                )
                total += len(documents)
                if progress:
                    progress(kind, total)
    index_changed()
    return total


@dataclass
class Hit:
    kind: str
    title: str
    subtitle: str
    url: str
    score: float
    object_id: int
    facets: dict = field(default_factory=dict)
    title_language: str = ""  # the language the title is in ("" when unknown): a fallback is marked as such
    subtitle_language: str = ""

    @property
    def marked_title(self) -> TranslatedText:
        """The title as a translated text, for the `translated` filter to mark a fallback as pages do."""
        return TranslatedText({self.title_language or translation.get_language(): self.title})

    @property
    def marked_subtitle(self) -> TranslatedText:
        return TranslatedText({self.subtitle_language or translation.get_language(): self.subtitle})

    def as_dict(self) -> dict:
        return {
            "type": self.kind,
            "title": self.title,
            "subtitle": self.subtitle,
            "lang": self.title_language,
            "url": self.url,
            "score": round(self.score, 3),
            "id": self.object_id,
        }


def url_of(kind: str, ref: str) -> str:
    """The public URL of an entry. Reversed once per kind and language, then filled in: reversing a URL
    for every hit costs more than the search itself."""
    language = translation.get_language()
    pattern = _url_patterns.get((kind, language))
    if pattern is None:
        try:
            indexer = INDEXERS[kind]
            sample = 987654321 if indexer.numeric_ref else "ref-placeholder"
            pattern = reverse(indexer.url_name, args=[sample]).replace(str(sample), "{ref}")
        except (KeyError, NoReverseMatch):
            pattern = ""
        _url_patterns[(kind, language)] = pattern
    return pattern.replace("{ref}", ref) if pattern else ""


_url_patterns: dict[tuple[str, str], str] = {}


def parse_query(text: str) -> tuple[list[str], list[str]]:
    """Name keys (script-independent) and plain lowercase words of what the visitor typed."""
    text = (text or "").strip()[:200]
    keys = namekit.skeleton(text).split() if text else []
    words = [w.casefold() for w in WORD.findall(text)]
    return keys, words


def _token_score(query_key: str, entry_keys: list[str]) -> float:
    """How well one typed name token matches the best token of an entry: a prefix counts fully,
    otherwise edit similarity (so "Rafikow" still meets "Rafikov")."""
    best = 0.0
    for key in entry_keys:
        if key.startswith(query_key):
            return 1.0
        best = max(best, fuzz.ratio(query_key, key) / 100)
    return best


def _score(keys: list[str], words: list[str], row: Row) -> float:
    key_score = 0.0
    if keys and row.keys:
        entry_keys = row.keys.split()
        key_score = sum(_token_score(q, entry_keys) for q in keys) / len(keys)
    if key_score >= 1.0 or not words:
        return key_score
    text = row.text.casefold()
    word_score = sum(1 for w in words if w in text) / len(words)
    return max(key_score, 0.9 * word_score)


def _json(value) -> dict:
    """A JSON column as read by the cursor: text on SQLite, already decoded on PostgreSQL."""
    return json.loads(value or "{}") if isinstance(value, str) else (value or {})


def _text(value, languages) -> str:
    """A translated title as read by a visitor of the first of `languages`, falling back in their order."""
    return _text_and_language(value, languages)[0]


def _text_and_language(value, languages) -> tuple[str, str]:
    texts = _json(value)
    return next(((texts[code], code) for code in languages if texts.get(code)), ("", ""))


def search(
    text: str, *, kinds: list[str] | None = None, limit: int = 20, threshold: float = 0.6, typing: bool = False
) -> list[Hit]:
    """Find records whatever script or romanization the visitor typed; best first. Suggestions shown while
    the visitor is `typing` treat the last word as unfinished."""
    keys, words = parse_query(text)
    if not keys and not words:
        return []
    rows = get_backend().candidates(keys=keys, words=words, kinds=kinds, limit=CANDIDATES, enough=ENOUGH, typing=typing)
    scored = sorted(
        ((score, row) for row in rows if (score := _score(keys, words, row)) >= threshold),
        key=lambda pair: (-pair[0], _KIND_ORDER.get(pair[1].kind, 99), pair[1].object_id),
    )
    languages = fallback_order(translation.get_language())
    hits = []
    for score, row in scored[:limit]:
        title, title_language = _text_and_language(row.title, languages)
        subtitle, subtitle_language = _text_and_language(row.subtitle, languages)
        hits.append(
            Hit(
                row.kind, title, subtitle, url_of(row.kind, row.ref), score, row.object_id, _json(row.facets),
                title_language, subtitle_language,
            )
        )  # fmt: skip
    return hits


_KIND_ORDER = {kind: i for i, kind in enumerate(SearchEntry.Kind.values)}  # people first on a tie


def search_grouped(text: str, *, kinds=None, per_kind: int = 10) -> dict[str, list[Hit]]:
    groups: dict[str, list[Hit]] = {}
    for hit in search(text, kinds=kinds, limit=per_kind * 6):
        bucket = groups.setdefault(hit.kind, [])
        if len(bucket) < per_kind:
            bucket.append(hit)
    return groups
