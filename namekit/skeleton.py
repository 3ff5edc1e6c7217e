"""The skeleton: one lowercase ASCII key per name token that every spelling of it shares.

Search indexes it and record linkage blocks and scores on it, so it must be the same for Айжан,
Aizhan, Aijan, Ayzhan and Aıjan, and it must be fast (hundreds of thousands of names per run).

How a token becomes its skeleton:

1. lowercase, then one ``str.translate`` pass maps every Cyrillic letter and every Latin letter with
   a diacritic onto a small phonetic alphabet (tables in :mod:`namekit.alphabet`);
2. one regex pass folds the Latin digraphs and look-alikes: zh/dzh/dj/j → j, kh/h/q/c → k,
   gh → g, ng → n, y → i, w → u (Бақыт is Бахыт in Russian, so к/қ/х/һ share one class);
3. a few sound rules: ye/yo after a vowel or at the start are e (Yerlan = Ерлан, Tokayev =
   Токаев, Artyom = Артём), "uy" before a consonant is u (Бауыржан = Бауржан);
4. the stem: surname endings (-ов/-ев/-ин and the feminine -ова/-ева/-ина, -of), Russian
   patronymic endings (-ович/-овна …) and Kazakh ones (-ұлы/-қызы, joined or written apart) are
   removed, so Бекқұлова, Bekkulov and Бекқұлұлы share "bekul".  A token that is a known given name
   keeps its ending (Мадина is not a surname "Мад-ина");
5. doubled letters collapse (Assel = Әсел, Bekkulova = Бекқұлова) — after step 4, so that
   Серікқызы does not lose the last letter of its stem to the ending.

What it does not do: it cannot join spellings that differ beyond letters (Шыңғыс vs Чингис is
"shinis" vs "chinis"), and it deliberately keeps Нұрлан and Нұржан apart.
"""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from namekit.alphabet import KK_TO_SKELETON, LATIN_SPECIAL_TO_SKELETON
from namekit.names_data import (
    KAZAKH_GIVEN_NAMES_FEMALE,
    KAZAKH_GIVEN_NAMES_MALE,
    OTHER_GIVEN_NAMES_FEMALE,
    OTHER_GIVEN_NAMES_MALE,
    RUSSIAN_EXCEPTIONS,
)

_APOSTROPHES = "'’ʼ`´‘ʻ"

_TRANSLATE = str.maketrans(
    {
        **KK_TO_SKELETON,
        **LATIN_SPECIAL_TO_SKELETON,
        **dict.fromkeys(_APOSTROPHES, "'"),
        # Cyrillic look-alikes that appear in Ukrainian, Belarusian and Tatar spellings.
        "ї": "i", "є": "e", "ў": "u", "ґ": "g", "ҙ": "z", "ҫ": "s",
        # "İ".lower() leaves a combining dot above behind.
        "\u0307": "",
    }
)  # fmt: skip

# The 2017 Kazakh Latin draft wrote ш and ч as s' and c'; the other apostrophes just go.
_APOSTROPHE_RE = re.compile(r"([sc])'")
_NOT_LETTER_RE = re.compile(r"[^a-z]+")

_DIGRAPHS = {
    "nggh": "n", "ngg": "n", "ngh": "n", "dzh": "j", "dj": "j", "zh": "j", "kh": "k", "gh": "g", "sh": "sh",
    "ch": "ch", "ts": "ts", "ph": "f", "ck": "k", "ng": "n", "x": "ks", "w": "u", "q": "k", "c": "k",
    "h": "k", "y": "i",
}  # fmt: skip
_DIGRAPH_RE = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)))

_DOUBLE_RE = re.compile(r"(.)\1+")
_YO_RE = re.compile(r"io")
_YE_RE = re.compile(r"(^|[aeiou])i+e")
_UY_RE = re.compile(r"ui+(?=[^aeiou])")

PATRONYMIC_PARTICLES = frozenset({"uli", "kizi", "ogli", "ulu"})
KAZAKH_PATRONYMIC_ENDINGS = ("uli", "kizi")

# (ending, kind, gender), longest first within each group so -ovna wins over -ova.
_ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("ovich", "patronymic", "male"),
    ("evich", "patronymic", "male"),
    ("ichna", "patronymic", "female"),
    ("ovna", "patronymic", "female"),
    ("evna", "patronymic", "female"),
    ("kizi", "patronymic", "female"),
    ("ogli", "patronymic", "male"),
    ("uli", "patronymic", "male"),
    ("skaia", "family", "female"),
    ("ova", "family", "female"),
    ("eva", "family", "female"),
    ("ina", "family", "female"),
    ("skii", "family", "male"),
    ("ski", "family", "male"),
    ("ov", "family", "male"),
    ("ev", "family", "male"),
    ("of", "family", "male"),
    ("ef", "family", "male"),
    ("in", "family", "male"),
)
# -ская/-ский keep "sk" in the stem so that Kowalski and Kowalska meet on "kovalsk".
_KEEP_IN_STEM = {"skaia": 2, "skii": 2, "ski": 2}
_MIN_STEM = 3


@lru_cache(maxsize=1 << 17)
def _phonetic_uncollapsed(token: str) -> str:
    # Doubled letters are collapsed only after endings are cut: collapsing first would glue the
    # last letter of Серік to the ending of Серікқызы ("serikizi") and cut the stem short.
    text = token.lower().translate(_TRANSLATE)
    if "'" in text:
        text = _APOSTROPHE_RE.sub(r"\1h", text)
    if not text.isascii() or not text.isalpha():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        text = _NOT_LETTER_RE.sub("", text)
    text = _DIGRAPH_RE.sub(lambda match: _DIGRAPHS[match.group()], text)
    if "io" in text:
        text = _YO_RE.sub("e", text)
    if "ie" in text:
        text = _YE_RE.sub(r"\1e", text)
    if "ui" in text:
        text = _UY_RE.sub("u", text)
    return text


def _collapse(text: str) -> str:
    return _DOUBLE_RE.sub(r"\1", text)


@lru_cache(maxsize=1 << 17)
def phonetic(token: str) -> str:
    """The token in the phonetic alphabet, before any ending is removed (see the module docstring)."""
    return _collapse(_phonetic_uncollapsed(token))


def _given_name_genders() -> dict[str, str]:
    genders: dict[str, str] = {}
    sources = (
        (KAZAKH_GIVEN_NAMES_FEMALE, "female"),
        (OTHER_GIVEN_NAMES_FEMALE, "female"),
        (KAZAKH_GIVEN_NAMES_MALE, "male"),
        (OTHER_GIVEN_NAMES_MALE, "male"),
    )
    for names, gender in sources:
        for name in names:
            for spelling in (name, RUSSIAN_EXCEPTIONS.get(name.lower(), name)):
                key = phonetic(spelling)
                # A name given to both boys and girls tells nothing about gender.
                genders[key] = gender if genders.get(key, gender) == gender else ""
    return genders


GIVEN_NAME_GENDERS: dict[str, str] = _given_name_genders()


class TokenInfo(NamedTuple):
    """What one name token says about itself, independent of its neighbours."""

    phonetic: str
    stem: str
    kind: str  # "patronymic", "family" or "" (no telling ending)
    gender: str  # from the ending, or from the given-name lists when the token is a given name
    is_given: bool


@lru_cache(maxsize=1 << 17)
def analyse_token(token: str) -> TokenInfo:
    """Phonetic form, stem, kind and gender signal of one token (cached: names repeat a lot)."""
    raw = _phonetic_uncollapsed(token)
    phon = _collapse(raw)
    if phon in GIVEN_NAME_GENDERS:
        return TokenInfo(phon, phon, "", GIVEN_NAME_GENDERS[phon], True)
    for ending, kind, gender in _ENDINGS:
        if raw.endswith(ending):
            stem = _collapse(raw[: len(raw) - len(ending) + _KEEP_IN_STEM.get(ending, 0)])
            if len(stem) >= _MIN_STEM:
                return TokenInfo(phon, stem, kind, gender, False)
    return TokenInfo(phon, phon, "", "", False)


_TOKEN_RE = re.compile(r"[^\s,;/()\[\]\"«»]+")
_NEEDS_REGEX_RE = re.compile(r"[,;/()\[\]\"«»]")


def split_tokens(text: str) -> tuple[str, ...]:
    """Split a name into tokens, gluing a separate patronymic particle to its stem ("Рысбек улы")."""
    tokens: list[str] = []
    for raw in _TOKEN_RE.findall(text) if _NEEDS_REGEX_RE.search(text) else text.split():
        token = raw.strip(".-'’")
        if not token:
            continue
        phon = analyse_token(token).phonetic
        if not phon:
            continue
        if tokens and phon in PATRONYMIC_PARTICLES:
            tokens[-1] = f"{tokens[-1]} {token}"
        else:
            tokens.append(token)
    return tuple(tokens)


def token_skeleton(token: str) -> str:
    """Skeleton of a single token (a particle written apart is read as part of it)."""
    return analyse_token(token).stem


def skeleton(token_or_text: str) -> str:
    """Script-independent, spelling-tolerant lowercase ASCII key; a longer text gives one per token."""
    return " ".join([analyse_token(token).stem for token in split_tokens(token_or_text)])
