"""The controlled vocabularies of a list (craft, region, locality, organization) and what a registrar decided
about values the registry does not know.

A regional list writes "кесте", "вышивка гладью", "Түркістан обл." or "Союз ремесленников" however its
author does. Each value is looked up in the registrar's saved decisions for the source first, then in the
registry's own names in kk/ru/en (and, for crafts, their synonyms). A value found in neither is gathered,
with every row that uses it and the best suggestions, into the mapping table of the run; the registrar maps
it to an existing entry, creates a new one or leaves it blank, and the next run of the file uses that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import process as fuzzy

from craftcity.geo.models import Locality, Region
from craftcity.organizations.models import Organization
from craftcity.taxonomy.matching import TermIndex
from craftcity.taxonomy.models import Discipline
from recordlink.normalize import ascii_fold, normalize_org, normalize_region

from .models import ValueMapping

ROWS_KEPT = 50  # rows listed per unknown value; the count says how many there are in all
SUGGESTIONS = 3


def fold(text: str) -> str:
    return ascii_fold(text or "")


def _names(value) -> list[str]:
    return [text for text in dict(value or {}).values() if text]


@dataclass(frozen=True)
class Suggestion:
    pk: int
    label: dict  # every language; rendered in the reader's own when shown


def closest(key: str, labels: dict[str, tuple[int, dict]], *, limit: int, cutoff: int) -> list[Suggestion]:
    """The entries whose folded names are spelled most like `key`, each once, best first."""
    result: list[Suggestion] = []
    for found, _score, _index in fuzzy.extract(key, list(labels), limit=limit * 3, score_cutoff=cutoff):
        pk, label = labels[found]
        if all(s.pk != pk for s in result):
            result.append(Suggestion(pk, label))
    return result[:limit]


class TextVocabulary:
    """Rows of a reference table found by their kk/ru/en names, slug or code, with close matches as hints."""

    def __init__(self, entries: Iterable[tuple[int, list[str], dict]], normalizer=None):
        self.by_text: dict[str, int] = {}
        self.by_code: dict[str, int] = {}
        self.labels: dict[str, tuple[int, dict]] = {}
        self.normalizer = normalizer
        entries = list(entries)
        for pk, texts, label in entries:
            for text in texts:
                key = fold(text)
                if key:
                    self.by_text.setdefault(key, pk)
                    self.labels.setdefault(key, (pk, label))
                code = normalizer(text) if normalizer and text else ""
                if code:
                    self.by_code.setdefault(code, pk)

    def find(self, text: str) -> int | None:
        key = fold(text)
        if key in self.by_text:
            return self.by_text[key]
        if self.normalizer:
            code = self.normalizer(text)
            if code in self.by_code:
                return self.by_code[code]
        return None

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
        return closest(fold(text), self.labels, limit=limit, cutoff=60)


def regions() -> TextVocabulary:
    return TextVocabulary(
        ((r.pk, [*_names(r.name), r.iso_code], dict(r.name)) for r in Region.objects.all()),
        normalizer=normalize_region,
    )


def crafts() -> _TermVocabulary:
    """Crafts by any name, slug or synonym, in any script (taxonomy.matching)."""
    return _TermVocabulary(TermIndex.for_model(Discipline))


class _TermVocabulary:
    def __init__(self, index):
        self.index = index

    def find(self, text: str) -> int | None:
        return self.index.find(text)

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
        return [Suggestion(s.pk, dict(s.label)) for s in self.index.suggest(text, limit=limit)]


_LOCALITY_WORDS = {"g", "gor", "gorod", "s", "selo", "pos", "poselok", "aul", "auyly", "auly", "kalasy", "k", "city"}


def locality_key(text: str) -> str:
    return " ".join(w for w in fold(text).split() if w not in _LOCALITY_WORDS)


class Localities:
    def __init__(self):
        self.by_key: dict[str, list[tuple[int, int | None]]] = {}
        self.labels: dict[str, tuple[int, dict]] = {}
        for pk, name, region_id in Locality.objects.values_list("pk", "name", "region_id"):
            for text in _names(name):
                key = locality_key(text)
                if key:
                    self.by_key.setdefault(key, []).append((pk, region_id))
                    self.labels.setdefault(key, (pk, dict(name)))

    def find(self, text: str, region_id: int | None = None) -> int | None:
        found = self.by_key.get(locality_key(text), [])
        for pk, region in found:
            if region_id is None or region == region_id:
                return pk
        return found[0][0] if found else None

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
        return closest(locality_key(text), self.labels, limit=limit, cutoff=70)


class Organizations:
    """Existing organizations by any of their names; unknown names become new organizations of the batch."""

    def __init__(self):
        self.by_key: dict[str, int] = {}
        self.labels: dict[str, tuple[int, dict]] = {}
        for pk, name, short_name, slug in Organization.objects.values_list("pk", "name", "short_name", "slug"):
            for text in [*_names(name), short_name, slug]:
                for key in (fold(text), normalize_org(text)):
                    if key:
                        self.by_key.setdefault(key, pk)
                        self.labels.setdefault(key, (pk, dict(name)))
        self.new: dict[str, str] = {}  # key → name as first written
        self.memo: dict[str, tuple[int | None, str]] = {}

    def key(self, text: str) -> str:
        return normalize_org(text) or fold(text)

    def find(self, text: str) -> tuple[int | None, str]:
        if text not in self.memo:
            self.memo[text] = self._find(text)
        return self.memo[text]

    def _find(self, text: str) -> tuple[int | None, str]:
        for key in (fold(text), normalize_org(text)):
            if key in self.by_key:
                return self.by_key[key], key
        key = self.key(text)
        self.new.setdefault(key, text)
        return None, key

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
        return closest(self.key(text), self.labels, limit=limit, cutoff=75)


# The model each vocabulary's entries live in.
VOCABULARY_MODELS = {
    ValueMapping.Vocabulary.CRAFT: Discipline,
    ValueMapping.Vocabulary.REGION: Region,
    ValueMapping.Vocabulary.LOCALITY: Locality,
    ValueMapping.Vocabulary.ORGANIZATION: Organization,
}


# --- the registrar's decisions ----------------------------------------------------------------------------


def mapping_key(vocabulary: str, text: str) -> str:
    """How a value is known in the mapping table: folded, so "Кесте" and "кесте " are one decision."""
    if vocabulary == ValueMapping.Vocabulary.LOCALITY:
        return locality_key(text)[:300]
    return " ".join(fold(text).split())[:300]


class Decisions:
    """The saved mappings of one source: (vocabulary, folded value) → the mapping."""

    def __init__(self, source):
        self.by_key = {(m.vocabulary, m.key): m for m in ValueMapping.objects.filter(source=source)}

    def get(self, vocabulary: str, text: str) -> ValueMapping | None:
        return self.by_key.get((vocabulary, mapping_key(vocabulary, text)))


@dataclass
class Unknown:
    vocabulary: str
    value: str
    key: str
    rows: list[int] = field(default_factory=list)
    count: int = 0
    suggestions: list[Suggestion] = field(default_factory=list)
    proposed: str = ValueMapping.Action.MAP  # what the mapping form offers first

    def as_dict(self) -> dict:
        return {
            "vocabulary": self.vocabulary, "value": self.value, "key": self.key, "rows": self.rows,
            "count": self.count, "proposed": self.proposed,
            "suggestions": [{"id": s.pk, "label": s.label} for s in self.suggestions],
        }  # fmt: skip


class UnknownValues:
    """Every distinct value no vocabulary knew, with the rows that use it: the run's mapping table."""

    def __init__(self):
        self.found: dict[tuple[str, str], Unknown] = {}
        self._keys: dict[tuple[str, str], tuple[str, str]] = {}  # a spelling repeats in thousands of rows

    def add(self, vocabulary: str, text: str, row: int, suggest, *, proposed=ValueMapping.Action.MAP) -> Unknown:
        key = self._keys.get((vocabulary, text))
        if key is None:
            key = self._keys[(vocabulary, text)] = (vocabulary, mapping_key(vocabulary, text))
        unknown = self.found.get(key)
        if unknown is None:
            unknown = self.found[key] = Unknown(vocabulary, text, key[1], suggestions=suggest(text), proposed=proposed)
        unknown.count += 1
        if len(unknown.rows) < ROWS_KEPT:
            unknown.rows.append(row)
        return unknown

    def as_list(self) -> list[dict]:
        return [u.as_dict() for u in sorted(self.found.values(), key=lambda u: (u.vocabulary, -u.count, u.key))]
