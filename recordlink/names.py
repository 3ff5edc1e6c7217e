"""Name features for linkage: spelling-tolerant token keys, patronymic, gender hint, blocking keys.

Spelling across scripts is namekit's job; this module only adapts it to what pairwise comparison
needs: an unordered set of core tokens (given name and surname, because lists write them in either
order), the patronymic apart (it is often dropped, so its absence must not count against a match), and
surname gender endings folded (Ахметов/Ахметова is one family; telling father from daughter is left to
the given name and the gender hint, which are compared separately).

If namekit is not importable (it is developed alongside), a small local fallback keeps the engine
usable; ``NAMEKIT_AVAILABLE`` says which one is in use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # pragma: no cover - exercised whichever way the environment is
    import namekit as _namekit

    _nk_skeleton = getattr(_namekit, "skeleton", None)
    _nk_blocking_keys = getattr(_namekit, "blocking_keys", None)
    _nk_female = {w.lower() for w in getattr(_namekit, "KAZAKH_GIVEN_NAMES_FEMALE", ())}
    _nk_male = {w.lower() for w in getattr(_namekit, "KAZAKH_GIVEN_NAMES_MALE", ())}
except ImportError:  # pragma: no cover
    _namekit = None
    _nk_skeleton = _nk_blocking_keys = None
    _nk_female = _nk_male = set()

NAMEKIT_AVAILABLE = _nk_skeleton is not None

_CYR = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "c",
    "ч": "w",
    "ш": "w",
    "щ": "w",
    "ъ": "",
    "ы": "i",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
_LAT = {
    "ä": "a",
    "ğ": "g",
    "q": "k",
    "ñ": "n",
    "ö": "o",
    "ū": "u",
    "ü": "u",
    "ı": "i",
    "ş": "w",
    "ç": "w",
    "y": "i",
    "x": "h",
    "é": "e",
    "ó": "o",
}
_DIGRAPHS = [("dzh", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "w"), ("ch", "w"), ("ts", "c"), ("ng", "n")]
_DOUBLE = re.compile(r"(.)\1+")
_VOWEL_I_E = re.compile(r"(?<=[aeiou])i(?=e)")


def fallback_skeleton(token: str) -> str:
    """Script-independent key of one name token: Cyrillic, Kazakh Latin, passport and press agree."""
    out = []
    for ch in token.lower():
        if ch in _CYR:
            out.append(_CYR[ch])
        elif ch in _LAT:
            out.append(_LAT[ch])
        elif "a" <= ch <= "z":
            out.append(ch)
    s = "".join(out)
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = s.replace("y", "i")
    if s.startswith("ie"):
        s = s[1:]  # Yerlan / Ерлан
    s = _VOWEL_I_E.sub("", s)
    return _DOUBLE.sub(r"\1", s)


_token_cache: dict[str, str] = {}


def token_key(token: str) -> str:
    """Spelling key of one token, through namekit when present (cached: names repeat a lot)."""
    key = _token_cache.get(token)
    if key is None:
        if _nk_skeleton is not None:
            # namekit may keep spaces or hyphens; a token key must stay one word.
            key = re.sub(r"[^a-z0-9]", "", _nk_skeleton(token).lower())
        else:
            key = fallback_skeleton(token)
        _token_cache[token] = key
    return key


# Suffixes on the *key* (after skeleton), so they work in every script.
_PATRONYMIC_M = ("ovich", "evich", "ovic", "evic", "ovw", "evw", "ivich", "ich", "uli", "ulu", "uly")
_PATRONYMIC_F = ("ovna", "evna", "ivna", "ichna", "kizi", "kyzy", "kizy")
_SEPARATE_SUFFIX = {"uli": "uli", "ulu": "uli", "uly": "uli", "kizi": "kizi", "kyzy": "kizi", "kizy": "kizi"}
_SPLIT = re.compile(r"[\s,]+")


def _patronymic_gender(key: str) -> str:
    if key.endswith(_PATRONYMIC_F):
        return "f"
    if key.endswith(_PATRONYMIC_M):
        return "m"
    return ""


def _is_patronymic(key: str) -> bool:
    return bool(_patronymic_gender(key))


def _surname_fold(key: str) -> tuple[str, str]:
    """Fold surname gender endings: ...ova/eva/ina -> ...ov/ev/in, ...kizi -> ...uli. Returns (key, gender)."""
    for fem, masc in (("ova", "ov"), ("eva", "ev"), ("ina", "in")):
        if key.endswith(fem) and len(key) > 5:
            return key[: -len(fem)] + masc, "f"
    for masc in ("ov", "ev"):
        if key.endswith(masc) and len(key) > 4:
            return key, "m"
    if key.endswith("kizi") and len(key) > 6:
        return key[:-4] + "uli", "f"
    if key.endswith("uli") and len(key) > 5:
        return key, "m"
    return key, ""


def _strip_patronymic(key: str) -> str:
    """Patronymic -> father's name key, so Ерланұлы and Ерланович compare equal."""
    for suffix in (
        "ovich",
        "evich",
        "ivich",
        "ovna",
        "evna",
        "ivna",
        "ichna",
        "ovic",
        "evic",
        "ovw",
        "evw",
        "kizi",
        "uli",
        "ulu",
        "ich",
    ):
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            return key[: -len(suffix)]
    return key


@dataclass(frozen=True, slots=True)
class NameFeatures:
    core: tuple[str, ...]  # keys of (given name, surname) when both are known, else the one token
    patronymic: str  # father's-name key or ""
    gender: str  # "m", "f" or ""
    roles_sure: bool  # surname recognised by its ending, so (given, surname) order can be trusted


_features_cache: dict[str, NameFeatures] = {}
# Surname endings as written (any script), checked on the raw lowercase text: cheaper than a skeleton.
_FAMILY_ENDINGS = (
    "ов",
    "ев",
    "ин",
    "ова",
    "ева",
    "ина",
    "ұлы",
    "улы",
    "қызы",
    "кызы",
    "ov",
    "ev",
    "in",
    "ova",
    "eva",
    "ina",
    "uly",
    "uli",
    "ulu",
    "ūly",
    "kyzy",
    "qyzy",
    "kizi",
    "qızy",
    "kızy",
    "ий",
    "ая",
)


def _key_of(part: str) -> str:
    keys = [token_key(t) for t in _SPLIT.split(part.replace("-", " ").strip()) if t]
    keys = [k for k in keys if k]
    return keys[0] if keys else ""


def _namekit_features(full_name: str) -> NameFeatures:
    parsed = _namekit.parse_name(full_name)
    given, family = _key_of(parsed.given), _key_of(parsed.family)
    patronymic = _key_of(parsed.patronymic)
    gender = {"male": "m", "female": "f"}.get(parsed.gender_hint or "", "")
    sure = bool(family) and parsed.family.lower().endswith(_FAMILY_ENDINGS)
    core = (given, family) if given and family else tuple(k for k in (given, family) if k)
    return NameFeatures(core, patronymic, gender, sure)


def _fallback_features(full_name: str) -> NameFeatures:
    raw = [t for t in _SPLIT.split(full_name.replace("-", " ").strip()) if t]
    keys: list[str] = []
    for t in raw:
        k = fallback_skeleton(t)
        if not k:
            continue
        if k in _SEPARATE_SUFFIX and keys:
            keys[-1] += _SEPARATE_SUFFIX[k]  # "Ахмет улы" written apart
        else:
            keys.append(k)
    patronymic, gender = "", ""
    if len(keys) >= 3:
        idx = [i for i, k in enumerate(keys) if _is_patronymic(k)]
        if idx:
            i = idx[-1]
            gender = _patronymic_gender(keys[i])
            patronymic = _strip_patronymic(keys.pop(i))
    given, family, sure = [], "", False
    for k in keys:
        folded, g = _surname_fold(k)
        if g and not family:
            family, sure = folded, True
            gender = gender or g
        else:
            given.append(folded)
    if not family and len(given) >= 2:
        family = given.pop(0)  # official order: surname first
    core = tuple(x for x in (given[0] if given else "", family) if x)
    return NameFeatures(core, patronymic, gender, sure)


def name_features(full_name: str) -> NameFeatures:
    """Parse a full name written in any script and order into comparable features (cached).

    Uses namekit.parse_name and namekit.skeleton when available; the fallback parser handles the
    common shapes (surname by its ending, patronymic by -ұлы/-қызы/-ович/-овна).
    """
    cached = _features_cache.get(full_name)
    if cached is not None:
        return cached
    # Case and spacing never change a name; folding them first multiplies cache hits.
    folded = " ".join(full_name.lower().split())
    feats = _features_cache.get(folded)
    if feats is None:
        feats = _namekit_features(folded) if NAMEKIT_AVAILABLE else _fallback_features(folded)
        _features_cache[folded] = feats
    if len(_features_cache) < 2_000_000:
        _features_cache[full_name] = feats
    return feats


def namekit_blocking_keys(full_name: str, core_len: int = 2) -> set[str]:
    """namekit's own blocking keys when it is installed (empty otherwise).

    For two-part names the engine's own keys (built on the same namekit skeletons, but pairing each
    part with four letters of the other instead of one) are finer and cover the same pairs, and the
    surname-only key ("f:") groups a whole dynasty; so namekit's keys are used for names with fewer
    than two parts (a bare surname), which have no other way to meet their full-name twins.
    """
    if _nk_blocking_keys is None or core_len >= 2:
        return set()
    try:
        return set(_nk_blocking_keys(full_name))
    except Exception:  # a name namekit cannot parse must not stop a whole file
        return set()
