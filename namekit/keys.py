"""Whole-name keys and scores built on skeletons: for search, blocking and record linkage.

Everything here is order-independent and script-independent, because registries disagree on both.
The patronymic is left out of keys (half the sources omit it) and only nudges the similarity when
both names carry one.  Results are cached per distinct name string: linkage sees the same names
many times, and a cached call costs a dictionary lookup.  Pairs are not cached: linkage scores
each candidate pair once, and millions of cache entries would only feed the garbage collector.
"""

from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Indel

from namekit.parse import parse_tokens

# One side missing a part (a bare surname against a full name) is weaker evidence than a match of
# every part, so its score is scaled down rather than dropped.
_MISSING_PART_FACTOR = 0.8
# Рысбеков vs Рысбекова: the same family stem, but a man and a woman are rarely one record.
_GENDER_MISMATCH_FACTOR = 0.9
_PATRONYMIC_WEIGHT = 0.15


class _Core(NamedTuple):
    given: tuple[str, ...]
    family: str
    patronymic: str
    gender: str


@lru_cache(maxsize=1 << 18)
def _core(full_name: str) -> _Core:
    parse = parse_tokens(full_name)
    stems = [info.stem for info in parse.infos]
    return _Core(
        given=tuple(stems[index] for index in parse.given),
        family=stems[parse.family] if parse.family >= 0 else "",
        patronymic=stems[parse.patronymic] if parse.patronymic >= 0 else "",
        gender=parse.gender,
    )


def name_key(full_name: str) -> str:
    """Order-independent key of a whole name: the sorted skeletons of given and family names."""
    core = _core(full_name)
    parts = [*core.given, core.family] if core.family else list(core.given)
    return " ".join(sorted(parts))


def blocking_keys(full_name: str) -> set[str]:
    """Short keys that every spelling, script and order of one person shares at least one of.

    - ``p:<skeleton>|<initial>`` for each of given and family name paired with the other's
      initial: survives a typo or variant in either part and a swapped order;
    - ``f:<family stem>`` for the family name alone, so a bare surname meets the full names.  It is
      coarse (a whole dynasty shares it); callers that block on it should cap large blocks;
    - ``g:<skeleton>`` only when the name is a given name alone.
    """
    core = _core(full_name)
    given = core.given[0] if core.given else ""
    family = core.family
    if given and family:
        return {f"p:{family}|{given[0]}", f"p:{given}|{family[0]}", f"f:{family}"}
    if family:
        return {f"f:{family}"}
    if given:
        return {f"g:{given}"}
    return set()


def _ratio(a: str, b: str) -> float:
    return Indel.normalized_similarity(a, b)


def _best_average(short: tuple[str, ...], long: tuple[str, ...]) -> float:
    return sum(max(_ratio(part, other) for other in long) for part in short) / len(short)


def similarity(a: str, b: str) -> float:
    """Script-independent similarity of two full names in [0, 1], robust to order and patronymics."""
    core_a, core_b = _core(a), _core(b)
    if core_a.given and core_a.family and core_b.given and core_b.family:
        given_a, given_b = " ".join(core_a.given), " ".join(core_b.given)
        # A product, not a mean: relatives share the surname, so one differing letter in the given
        # name (Нұрлан/Нұржан Серіков) must cost more than half of its own shortfall.
        straight = _ratio(given_a, given_b) * _ratio(core_a.family, core_b.family)
        swapped = _ratio(given_a, core_b.family) * _ratio(core_a.family, given_b)
        score = max(straight, swapped)
    else:
        parts_a = (*core_a.given, core_a.family) if core_a.family else core_a.given
        parts_b = (*core_b.given, core_b.family) if core_b.family else core_b.given
        if not parts_a or not parts_b:
            return 0.0
        short, long = sorted((parts_a, parts_b), key=len)
        score = _best_average(short, long)
        if len(short) < len(long):
            score *= _MISSING_PART_FACTOR
    if core_a.patronymic and core_b.patronymic:
        patronymic = _ratio(core_a.patronymic, core_b.patronymic)
        score = (1 - _PATRONYMIC_WEIGHT) * score + _PATRONYMIC_WEIGHT * patronymic
    if core_a.gender and core_b.gender and core_a.gender != core_b.gender:
        score *= _GENDER_MISMATCH_FACTOR
    return score
