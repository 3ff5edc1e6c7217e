"""Write a Kazakh name (Kazakh Cyrillic in) in each of its other written forms.

The demo-data generator needs every form a real registry would contain for one person, and the
tests need a reference to check the comparison keys against; both go through these functions.
Letter values come from :mod:`namekit.alphabet`; this module adds the few rules that depend on
context (the passport's double S, BGN's "ye", the Russian soft sign) and proper casing.

Every function accepts a whole name and keeps its separators, so "Қасым-Жомарт Тоқаев" comes out
as "Qasym-Jomart Toqaev".  Characters without a table entry (digits, Latin letters) pass through.
"""

import re
from functools import lru_cache

from namekit.alphabet import (
    CYRILLIC_VOWELS,
    FRONT_VOWELS,
    KK_TO_BGN_PCGN,
    KK_TO_LATIN_2021,
    KK_TO_PASSPORT,
    KK_TO_PRESS,
    KK_TO_RUSSIAN,
)
from namekit.names_data import RUSSIAN_EXCEPTIONS

_WORD_RE = re.compile(r"[^\W\d_]+")

# Kazakh Latin distinguishes dotted İ/i (И, Й) from dotless I/ı (І); str.upper() would merge them.
_LATIN_2021_UPPER = {"i": "İ", "ı": "I"}

# Endings after which a word may still be a known given name turned surname or patronymic
# (Бақытов → Бахытов); kept in Kazakh spelling and converted with the letter table.
_RUSSIAN_EXCEPTION_SUFFIXES = (
    "қызы", "кызы", "ұлы", "улы", "ович", "евич", "овна", "евна", "ова", "ева", "ов", "ев",
)  # fmt: skip


def detect_script(text: str) -> str:
    """Say which script the letters of ``text`` are in: "cyrillic", "latin", "mixed" or "" (no letters)."""
    has_cyrillic = has_latin = False
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            has_cyrillic = True
        elif char.isalpha() and (char.isascii() or "\u00c0" <= char <= "\u024f"):
            has_latin = True
    if has_cyrillic and has_latin:
        return "mixed"
    if has_cyrillic:
        return "cyrillic"
    return "latin" if has_latin else ""


def _capitalize(word: str, upper_map: dict[str, str] | None = None) -> str:
    if not word:
        return word
    first = word[0]
    upper = upper_map.get(first) if upper_map else None
    return (upper or first.upper()) + word[1:]


def _map_words(text: str, convert) -> str:
    return _WORD_RE.sub(lambda match: convert(match.group().lower()), text)


def _latin_2021_word(word: str) -> str:
    return _capitalize("".join(KK_TO_LATIN_2021.get(char, char) for char in word), _LATIN_2021_UPPER)


@lru_cache(maxsize=4096)
def to_kazakh_latin(kk_cyrillic: str) -> str:
    """Kazakh Cyrillic → 2021 Kazakh Latin alphabet, proper-cased: "Нұрлан" → "Nūrlan"."""
    return _map_words(kk_cyrillic, _latin_2021_word)


def _passport_word(word: str) -> str:
    out = []
    last = len(word) - 1
    for index, char in enumerate(word):
        # A lone С between vowels is doubled on Kazakhstan passports (Әсел → ASSEL) so that English
        # readers do not voice it; a written double СС is not tripled.
        if (
            char == "с"
            and 0 < index < last
            and word[index - 1] in CYRILLIC_VOWELS
            and word[index + 1] in CYRILLIC_VOWELS
        ):
            out.append("ss")
        elif char == "е" and (index == 0 or word[index - 1] in CYRILLIC_VOWELS):
            # Kazakhstan passports print YE where Е is pronounced [je]: YERLAN, NAZARBAYEV.
            out.append("ye")
        else:
            out.append(KK_TO_PASSPORT.get(char, char))
    return _capitalize("".join(out))


@lru_cache(maxsize=4096)
def to_passport(kk_cyrillic: str) -> str:
    """Kazakh Cyrillic → passport (ICAO 9303 as printed in Kazakhstan), proper-cased: "Әсел" → "Assel".

    Passports print capitals; we return proper case so the form can sit next to the others.  The
    canonical form follows what passports print rather than bare ICAO letters: a lone С between
    vowels is doubled (Assel, not Asel) and Е is YE at the start of a word and after a vowel
    (Yerlan, Nazarbayev).  Keys treat all these spellings as equal.
    """
    return _map_words(kk_cyrillic, _passport_word)


def _ye_word(word: str, table: dict[str, str], press: bool) -> str:
    out = []
    for index, char in enumerate(word):
        previous = word[index - 1] if index else ""
        following = word[index + 1] if index + 1 < len(word) else ""
        if char == "е" and (not previous or previous in CYRILLIC_VOWELS or previous in "йъь"):
            out.append("ye")
        elif press and char == "й" and following not in CYRILLIC_VOWELS:
            # English texts write Aizhan and Kairat, but Nazarbayev: й is "i" unless a vowel follows.
            out.append("i")
        else:
            out.append(table.get(char, char))
    return _capitalize("".join(out))


@lru_cache(maxsize=4096)
def to_bgn_pcgn(kk_cyrillic: str) -> str:
    """Kazakh Cyrillic → BGN/PCGN 1979 romanization, proper-cased: "Айжан" → "Ayzhan"."""
    return _map_words(kk_cyrillic, lambda word: _ye_word(word, KK_TO_BGN_PCGN, press=False))


@lru_cache(maxsize=4096)
def to_press(kk_cyrillic: str) -> str:
    """Kazakh Cyrillic → the diacritic-free spelling of English-language press: "Айжан" → "Aizhan"."""
    return _map_words(kk_cyrillic, lambda word: _ye_word(word, KK_TO_PRESS, press=True))


def _russian_by_rule(word: str) -> str:
    out = []
    for index, char in enumerate(word):
        out.append(KK_TO_RUSSIAN.get(char, char))
        if char != "л":
            continue
        following = word[index + 1] if index + 1 < len(word) else ""
        if following and (following in CYRILLIC_VOWELS or following in "ьл"):
            continue
        # Russian marks the soft Kazakh л with a soft sign before a consonant or at the end of the
        # word (Айгүл → Айгуль, Гүлнар → Гульнар) when the syllable's vowel is a front one.
        for back in range(index - 1, -1, -1):
            if word[back] in CYRILLIC_VOWELS:
                if word[back] in FRONT_VOWELS:
                    out.append("ь")
                break
    return "".join(out)


def _russian_word(word: str) -> str:
    exception = RUSSIAN_EXCEPTIONS.get(word)
    if exception:
        return exception
    for suffix in _RUSSIAN_EXCEPTION_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            exception = RUSSIAN_EXCEPTIONS.get(word[: -len(suffix)])
            if exception:
                # A soft sign cannot stand before the vowel of the ending: Адиль + ов → Адилов.
                return exception.removesuffix("ь") + _russian_by_rule(suffix)
    return _capitalize(_russian_by_rule(word))


@lru_cache(maxsize=4096)
def to_russian(kk_cyrillic: str) -> str:
    """Kazakh Cyrillic → the usual Russian spelling, proper-cased: "Әсел" → "Асель", "Шыңғыс" → "Чингис"."""
    return _map_words(kk_cyrillic, _russian_word)


def name_forms(kk_cyrillic_full_name: str) -> dict[str, str]:
    """Every written form of one Kazakh name, keyed kk_cyrl, ru_cyrl, kk_latn, passport, bgn_pcgn, press."""
    kk_cyrl = _map_words(" ".join(kk_cyrillic_full_name.split()), _capitalize)
    return {
        "kk_cyrl": kk_cyrl,
        "ru_cyrl": to_russian(kk_cyrl),
        "kk_latn": to_kazakh_latin(kk_cyrl),
        "passport": to_passport(kk_cyrl),
        "bgn_pcgn": to_bgn_pcgn(kk_cyrl),
        "press": to_press(kk_cyrl),
    }
