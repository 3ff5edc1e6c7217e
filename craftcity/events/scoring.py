"""Normalized competition results, without the database.

Each juror's weighted total for an entry is the weighted mean of the criteria, each scaled to 0–100 by the
criterion's range. Jurors mark differently (one is generous, one strict), so each juror's totals are turned
into z-scores over the entries that juror scored: z = (total − juror mean) / juror standard deviation
(population SD; a juror whose totals are all equal gives every entry z = 0). An entry's score is the mean
of its z-scores.

Tie-break, in order (published with the call): 1. higher mean z-score; 2. higher median z-score (less swayed
by one juror); 3. higher mean raw weighted total; 4. the chair's raw total; 5. earlier submission. Entries
still equal after all five share the rank.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

EPSILON = 1e-9


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: float
    low: float
    high: float


@dataclass
class Ranked:
    entry: int
    mean_z: float
    median_z: float
    mean_raw: float
    chair_raw: float | None
    jurors: int
    rank: int = 0
    tied_with: list[int] = field(default_factory=list)
    decided_by: str = ""


def weighted_totals(criteria: list[CriterionSpec], scores) -> dict[tuple[int, int], float]:
    """(juror, entry) → 0–100 weighted total, from (juror, entry, criterion, value) rows; incomplete sets skipped."""
    spec = {c.id: c for c in criteria}
    weight_sum = sum(c.weight for c in criteria) or 1.0
    sums: dict[tuple[int, int], float] = {}
    counts: dict[tuple[int, int], int] = {}
    for juror, entry, criterion, value in scores:
        c = spec.get(criterion)
        if c is None:
            continue
        key = (juror, entry)
        sums[key] = sums.get(key, 0.0) + c.weight * (float(value) - c.low) / (c.high - c.low) * 100
        counts[key] = counts.get(key, 0) + 1
    return {key: total / weight_sum for key, total in sums.items() if counts[key] == len(criteria)}


def rank(totals: dict[tuple[int, int], float], *, chair: int | None = None, order: dict[int, int] | None = None):
    """Entries ranked by mean z-score with the module's tie-break; `order` maps entry → submission order."""
    by_juror: dict[int, list[tuple[int, float]]] = {}
    for (juror, entry), total in totals.items():
        by_juror.setdefault(juror, []).append((entry, total))
    z_of: dict[int, list[float]] = {}
    raw_of: dict[int, list[float]] = {}
    chair_raw: dict[int, float] = {}
    for juror, rows in by_juror.items():
        values = [total for _entry, total in rows]
        mean = statistics.fmean(values)
        sd = statistics.pstdev(values) if len(values) > 1 else 0.0
        for entry, total in rows:
            z_of.setdefault(entry, []).append((total - mean) / sd if sd > EPSILON else 0.0)
            raw_of.setdefault(entry, []).append(total)
            if juror == chair:
                chair_raw[entry] = total
    order = order or {}
    ranked = [
        Ranked(
            entry=entry,
            mean_z=statistics.fmean(zs),
            median_z=statistics.median(zs),
            mean_raw=statistics.fmean(raw_of[entry]),
            chair_raw=chair_raw.get(entry),
            jurors=len(zs),
        )
        for entry, zs in z_of.items()
    ]

    def key(r: Ranked):
        return (
            -round(r.mean_z, 9),
            -round(r.median_z, 9),
            -round(r.mean_raw, 9),
            -(r.chair_raw if r.chair_raw is not None else -1.0),
            order.get(r.entry, r.entry),
        )

    ranked.sort(key=key)
    names = ("mean z-score", "median z-score", "mean raw total", "chair's total", "earlier submission")
    previous = None
    for position, item in enumerate(ranked, start=1):
        k = key(item)
        if previous is not None and k == key(previous):
            item.rank = previous.rank
        else:
            item.rank = position
        for other in (
            ranked[position - 2] if position > 1 else None,
            ranked[position] if position < len(ranked) else None,
        ):
            if other is None:
                continue
            ko = key(other)
            if k[0] == ko[0]:
                item.tied_with.append(other.entry)
                item.decided_by = (
                    next((names[i] for i in range(5) if k[i] != ko[i]), "") if not item.decided_by else item.decided_by
                )
        previous = item
    return ranked
