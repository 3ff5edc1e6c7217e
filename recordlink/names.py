"""Name features for linkage: spelling-tolerant token keys, patronymic, gender hint, blocking keys.

Spelling across scripts and the parsing of a name into its parts are namekit's job (the same package
the registry and search use); this module only adapts namekit's answers to what pairwise comparison
needs: an unordered set of core tokens (given name and surname, because lists write them in either
order), the patronymic apart (it is often dropped, so its absence must not count against a match), and
surname gender endings folded by namekit's stems (Ахметов/Ахметова is one family; telling father from
daughter is left to the given name and the gender hint, which are compared separately).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import namekit

# Caches of parsed names, emptied when full: a long-lived worker scores list after list, and an unbounded cache
# would keep every name it ever saw. A million entries hold a 100,000-person registry's names twice over.
CACHE_LIMIT = 1_000_000
_token_cache: dict[str, str] = {}
_NOT_KEY = re.compile(r"[^a-z0-9]")


def token_key(token: str) -> str:
    """namekit's spelling key of one token, as one word (cached: names repeat a lot)."""
    key = _token_cache.get(token)
    if key is None:
        if len(_token_cache) >= CACHE_LIMIT:
            _token_cache.clear()
        # namekit may keep spaces or hyphens; a token key must stay one word.
        key = _token_cache[token] = _NOT_KEY.sub("", namekit.skeleton(token).lower())
    return key


_SPLIT = re.compile(r"[\s,]+")


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
    parsed = namekit.parse_name(full_name)
    given, family = _key_of(parsed.given), _key_of(parsed.family)
    patronymic = _key_of(parsed.patronymic)
    gender = {"male": "m", "female": "f"}.get(parsed.gender_hint or "", "")
    sure = bool(family) and parsed.family.lower().endswith(_FAMILY_ENDINGS)
    core = (given, family) if given and family else tuple(k for k in (given, family) if k)
    return NameFeatures(core, patronymic, gender, sure)


def name_features(full_name: str) -> NameFeatures:
    """Parse a full name written in any script and order into comparable features (cached).

    namekit.parse_name splits the parts, namekit.skeleton spells each one.
    """
    cached = _features_cache.get(full_name)
    if cached is not None:
        return cached
    # Case and spacing never change a name; folding them first multiplies cache hits.
    if len(_features_cache) >= CACHE_LIMIT:
        _features_cache.clear()
    folded = " ".join(full_name.lower().split())
    feats = _features_cache.get(folded)
    if feats is None:
        feats = _features_cache[folded] = _namekit_features(folded)
    _features_cache[full_name] = feats
    return feats


def namekit_blocking_keys(full_name: str, core_len: int = 2) -> set[str]:
    """namekit's own blocking keys, for names with fewer than two parts (empty otherwise).

    For two-part names the engine's own keys (built on the same namekit skeletons, but pairing each
    part with four letters of the other instead of one) are finer and cover the same pairs, and the
    surname-only key ("f:") groups a whole dynasty; so namekit's keys are used for names with fewer
    than two parts (a bare surname), which have no other way to meet their full-name twins.
    """
    if core_len >= 2:
        return set()
    try:
        return set(namekit.blocking_keys(full_name))
    except Exception:  # a name namekit cannot parse must not stop a whole file
        return set()
