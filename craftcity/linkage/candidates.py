"""Scoring records that belong to owners (people in the registry, rows of an incoming file) with recordlink.

recordlink.dedupe answers with cluster labels only; the review queue also needs each pair's match weight and
the evidence per field. So this module takes recordlink.score_pairs (the stages dedupe runs before clustering)
and keeps the scores. It adds no scoring of its own: every weight is recordlink's.

A person has several records, one per written form of the name; a pair of people is scored by their best
pair of records, which is the comparison of the forms written in the same script and spelling.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import namekit
from recordlink import DEFAULT_THRESHOLD, score_pairs
from recordlink.cluster import guarded_clusters
from recordlink.model import COMPARISONS, decode

# Which row column each comparison reads, for showing both values side by side.
EVIDENCE_COLUMNS = {
    "name": "full_name",
    "patronymic": "full_name",
    "gender": "full_name",
    "birth_year": "birth_year",
    "phone": "phone",
    "email": "email",
    "region": "region",
    "craft": "craft",
    "organization": "organization",
}


@dataclass(frozen=True)
class ScoredPair:
    """The best comparison between two owners' records, oriented so that `first` < `second`."""

    first: Hashable
    second: Hashable
    weight: float  # log2 posterior odds (prior included), as recordlink's clustering uses
    cluster: Hashable | None  # the owners' shared guarded cluster, None when the guard kept them apart
    # What the evidence is written from, when it is asked for: an import scores tens of thousands of pairs and
    # shows few, and nine dicts per pair would cost more memory than the rows themselves.
    code: int = field(repr=False, compare=False)
    level_weights: Sequence = field(repr=False, compare=False)
    rows: tuple[Mapping, Mapping] = field(repr=False, compare=False)

    @property
    def probability(self) -> float:
        return probability_of(self.weight)

    @property
    def evidence(self) -> list[dict]:
        """Per compared field: its level, its weight and both records' values."""
        return _evidence(decode(self.code), self.level_weights, *self.rows)


def probability_of(weight: float) -> float:
    if weight > 60:
        return 1.0
    odds = 2.0**weight
    return odds / (1.0 + odds)


def weight_cut(threshold: float) -> float:
    """The match weight at which a pair's posterior probability reaches `threshold`."""
    if not 0.0 < threshold < 1.0:
        raise ValueError("threshold must be a probability strictly between 0 and 1")
    return math.log2(threshold / (1.0 - threshold))


def _shown(field: str, row: Mapping) -> str:
    """The value a reviewer should see for a compared field: the part of the name it was read from."""
    value = str(row.get(EVIDENCE_COLUMNS[field]) or "")
    if field == "patronymic" and value:
        return namekit.parse_name(value).patronymic
    if field == "gender" and value:
        return namekit.parse_name(value).gender_hint
    return value


def _evidence(levels: Sequence[int], level_weights, row_a: Mapping, row_b: Mapping) -> list[dict]:
    return [
        {
            "field": field,
            "level": labels[levels[k]],
            "weight": round(level_weights[k][levels[k]], 2),
            "a": _shown(field, row_a),
            "b": _shown(field, row_b),
        }
        for k, (field, labels) in enumerate(COMPARISONS)
    ]


def score_owners(
    records: Sequence[tuple[Hashable, Mapping[str, object]]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
    cluster: bool = True,
) -> list[ScoredPair]:
    """Pairs of distinct owners whose best records score at least `threshold`, strongest first.

    `records` are (owner, row) with recordlink's contract columns (full_name, birth_year, region, craft,
    phone, email, organization). Owners must be mutually comparable (ints, or tuples of one shape).
    With `cluster=False` there is no guarded clustering (every `cluster` is None), so pairs below the threshold
    are dropped as soon as they are scored: an import of 300,000 rows would otherwise hold millions of them.
    """
    cut = weight_cut(threshold)
    owners = [owner for owner, _row in records]
    rows = [row for _owner, row in records]
    n = len(rows)
    if n < 2:
        return []
    scored = score_pairs(rows, seed=seed, progress=progress)
    pairs, codes, scores = scored.pairs, scored.codes, scored.scores
    level_weights = scored.model.level_weights()
    floor = -math.inf if cluster else cut

    # Best record pair per owner pair: the records of one owner are all the same person.
    best: dict[tuple[Hashable, Hashable], tuple[float, int, int, int]] = {}
    for idx, p in enumerate(pairs):
        weight = scores[idx]
        if weight < floor:
            continue
        i, j = divmod(p, n)
        a, b = owners[i], owners[j]
        if a == b:
            continue
        if b < a:
            a, b, i, j = b, a, j, i
        known = best.get((a, b))
        if known is None or weight > known[0]:
            best[(a, b)] = (weight, i, j, codes[idx])
    del scored, pairs, codes, scores

    labels, index, distinct = None, {}, []
    if cluster:
        # Guarded clustering over owners, so that a weak link does not chain a father to his son.
        distinct = sorted(set(owners))
        index = {owner: k for k, owner in enumerate(distinct)}
        m = len(distinct)
        owner_pairs = sorted(best, key=lambda ab: index[ab[0]] * m + index[ab[1]])
        encoded = [index[a] * m + index[b] for a, b in owner_pairs]
        owner_scores = array("d", (best[ab][0] for ab in owner_pairs))
        labels, _linked = guarded_clusters(m, encoded, owner_scores, cut)

    result = []
    for (a, b), (weight, i, j, code) in best.items():
        if weight < cut:
            continue
        together = None
        if labels is not None:
            la, lb = labels[index[a]], labels[index[b]]
            together = distinct[la] if la == lb else None
        result.append(ScoredPair(a, b, weight, together, code, level_weights, (rows[i], rows[j])))
    result.sort(key=lambda pair: (-pair.weight, pair.first, pair.second))
    return result
