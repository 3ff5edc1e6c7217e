"""Finding a taxonomy term by what a list writes: any language, any script, synonyms, and a word or two more.

"кесте", "Keste", "вышивка", "вышивка гладью", "вышивальщица" and "embroidery" all find embroidery. Text is
folded to ASCII (recordlink's transliteration, Kazakh letters included), so Cyrillic and Latin spellings
meet. A phrase is found by the one term its words name; a word by a term word it shares a stem with. What
is not found exactly gets suggestions, best first, and nonsense gets none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

from recordlink.normalize import ascii_fold, normalize_craft

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
STEM = 5  # letters two words must share at the start to be one word's forms (vyshiv-ka, vyshiv-alshchitsa)
FUZZY_CUTOFF = 75


def fold(text: str) -> str:
    return " ".join(_NOT_LETTERS.sub(" ", ascii_fold(text or "").casefold()).split())


@dataclass(frozen=True)
class Suggestion:
    pk: int
    label: dict  # the term's name in every language
    score: float  # 0..100


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one word: a shared start of STEM letters or more, covering most of the shorter word."""
    if min(len(a), len(b)) < STEM:
        return a == b
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= STEM and shared >= 0.7 * min(len(a), len(b))


class TermIndex:
    """Terms (disciplines, techniques, materials) by their names in kk/ru/en, slug and synonyms."""

    def __init__(self, terms: Iterable):
        self.by_key: dict[str, int] = {}
        self.labels: dict[int, dict] = {}
        self.words: dict[str, set[int]] = {}  # every word of every key → the terms it belongs to
        synonyms = []
        for term in terms:
            self.labels[term.pk] = dict(term.name)
            for text in [*dict(term.name).values(), term.slug, term.slug.replace("-", " ")]:
                self._add(fold(text), term.pk)
            synonyms.extend((word, term.pk) for word in getattr(term, "synonyms", None) or [])
        for text, pk in synonyms:  # a term's own names win over another term's synonym
            self._add(fold(text), pk)
        self.by_code: dict[str, int] = {}
        for key, pk in self.by_key.items():
            code = normalize_craft(key)
            if code:
                self.by_code.setdefault(code, pk)

    @classmethod
    def for_model(cls, model) -> TermIndex:
        return cls(model.objects.all())

    def _add(self, key: str, pk: int) -> None:
        if not key:
            return
        self.by_key.setdefault(key, pk)
        for word in key.split():
            self.words.setdefault(word, set()).add(pk)

    def find(self, text: str) -> int | None:
        """The one term the text names, or None when it names none or more than one."""
        key = fold(text)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        words = key.split()
        # A phrase ("вышивка гладью", "мастер кесте"): the terms its words or word pairs name on their own.
        parts = [*words, *(" ".join(pair) for pair in pairwise(words))]
        named = {self.by_key[part] for part in parts if part in self.by_key}
        if len(named) == 1:
            return named.pop()
        if named:
            return None
        # Another form of a word a term is named by ("вышивальщица" for "вышивка").
        stems = {
            pk for word in words for key_word, pks in self._words_like(word) for pk in pks if key_word in self.by_key
        }
        if len(stems) == 1:
            return stems.pop()
        # Last, recordlink's craft codes ("керамика" and "гончар" are one code): a term sharing the text's code.
        code = normalize_craft(text)
        return self.by_code.get(code) if code and not stems else None

    def _words_like(self, word: str):
        return ((other, pks) for other, pks in self.words.items() if _same_stem(word, other))

    def suggest(self, text: str, limit: int = 3) -> list[Suggestion]:
        """Terms the text may mean, best first: those sharing a word (or a word's stem), then close spellings."""
        key = fold(text)
        if not key:
            return []
        scores: dict[int, float] = {}

        def offer(pk: int, score: float) -> None:
            scores[pk] = max(scores.get(pk, 0.0), score)

        found = self.find(text)
        if found is not None:
            offer(found, 100.0)
        for word in key.split():
            for pk in self.words.get(word, ()):
                offer(pk, 90.0)
            for _other, pks in self._words_like(word):
                for pk in pks:
                    offer(pk, 85.0)
        for other, score, _index in process.extract(key, list(self.by_key), scorer=fuzz.ratio, limit=limit * 4):
            if score >= FUZZY_CUTOFF:
                offer(self.by_key[other], float(score))
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [Suggestion(pk, self.labels[pk], score) for pk, score in best]
