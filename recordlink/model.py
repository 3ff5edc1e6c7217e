"""Fellegi–Sunter model: comparison levels per field, m/u probabilities by EM, match weights.

Every candidate pair is reduced to a *comparison vector* (one level per field), encoded as one integer
(mixed radix). Pairs with the same vector get the same weight, so EM runs over a few thousand distinct
vectors with counts instead of over millions of pairs; that is what keeps training fast in pure Python.

Why EM estimates u on the candidate pairs (not only on random pairs, as Splink does): among blocked
pairs, non-matches are mostly relatives and namesakes. They share surname, region, craft and sometimes
a family phone far more often than random pairs do; u from random pairs would make those agreements
look like overwhelming evidence and merge fathers with sons. Random-pair u is still computed and used
as the starting point and as a floor-free reference in ``FSModel.describe``.

Domain knowledge enters as bounds, not as hand-set weights: a pair of one person almost never has
different given names, birth years three or more apart, different patronymics or different genders,
so the m probability of those levels is capped. EM is free everywhere else.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

# (name, levels); the last level of each comparison is the null level "missing", which carries no
# evidence (weight 0), exactly as Splink treats nulls. Given name and surname form ONE comparison:
# lists write them in either order, and "other token exact" implies "best token exact", so two
# separate comparisons would count the same evidence twice.
COMPARISONS: list[tuple[str, list[str]]] = [
    (
        "name",
        [
            "both exact",
            "exact + jw>=0.92",
            "exact + jw>=0.85",
            "exact + different",
            "both jw>=0.90",
            "single token exact",
            "else",
            "missing",
        ],
    ),
    ("patronymic", ["same", "different", "missing"]),
    ("gender", ["same", "different", "missing"]),
    ("birth_year", ["exact", "±1", "±2", "else", "missing"]),
    ("phone", ["same", "different", "missing"]),
    ("email", ["same", "different", "missing"]),
    ("region", ["same", "different", "missing"]),
    ("craft", ["same", "different", "missing"]),
    ("organization", ["same", "different", "missing"]),
]
RADICES = [len(levels) for _, levels in COMPARISONS]
NULL_LEVEL = [r - 1 for r in RADICES]
NAME_BOTH_EXACT = 0

# Upper bounds on m for levels that contradict identity (why: see module docstring). Relatives share a
# surname, a region, a craft, often an organization and sometimes a phone; only these levels tell them
# apart, so they must stay decisive whatever EM finds.
M_CAPS: dict[tuple[str, str], float] = {
    ("name", "exact + different"): 0.0005,
    ("name", "else"): 0.0005,
    ("name", "exact + jw>=0.85"): 0.02,
    ("patronymic", "different"): 0.02,
    ("gender", "different"): 0.001,
    ("birth_year", "else"): 0.002,
    ("birth_year", "±2"): 0.02,
}

# Lower bounds on m for disagreement levels: people move, change phones and e-mails, and lists mistype
# regions; without a floor EM on clean-looking data drives m to 0 and one disagreement becomes a veto.
M_FLOORS: dict[tuple[str, str], float] = {
    ("phone", "different"): 0.1,
    ("email", "different"): 0.1,
    ("region", "different"): 0.03,
    ("craft", "different"): 0.05,
    ("organization", "different"): 0.1,
}

# Lower bounds on u for agreements that relatives and colleagues share far more often than random
# records do: a family phone, a shared e-mail, one association. Caps their weight near +10 bits.
U_FLOORS: dict[tuple[str, str], float] = {
    ("phone", "same"): 0.001,
    ("email", "same"): 0.001,
    ("organization", "same"): 0.005,
}

# Starting values for m: what a registrar would guess before seeing the data.
M_START: dict[str, list[float]] = {
    "name": [0.75, 0.1, 0.01, 0.0005, 0.05, 0.08, 0.0005],
    "patronymic": [0.95, 0.05],
    "gender": [0.99, 0.01],
    "birth_year": [0.88, 0.1, 0.01, 0.01],
    "phone": [0.8, 0.2],
    "email": [0.8, 0.2],
    "region": [0.9, 0.1],
    "craft": [0.85, 0.15],
    "organization": [0.8, 0.2],
}


# u before any data is seen: how often two different artisans of one country's registry agree on each
# level. Used, with M_START, by the untrained model of small runs (see `untrained_model`).
U_PRIOR: dict[str, list[float]] = {
    "name": [0.0005, 0.001, 0.002, 0.03, 0.001, 0.05, 0.9155],
    "patronymic": [0.05, 0.95],
    "gender": [0.5, 0.5],
    "birth_year": [0.02, 0.04, 0.04, 0.9],
    "phone": [0.0001, 0.9999],
    "email": [0.0001, 0.9999],
    "region": [0.15, 0.85],
    "craft": [0.15, 0.85],
    "organization": [0.05, 0.95],
}
# Below this many records EM has too few pairs to learn from (a list of twenty rows against a new
# registry: a handful of pairs, most of them the duplicates themselves), and the untrained model is used.
MIN_TRAINING_RECORDS = 1000
# The untrained model's prior that two random records are one person: at most one duplicate per thousand
# pairs (a trained model finds about 1e-5 at 100,000 records).
UNTRAINED_PRIOR = 0.001


def decode(code: int) -> list[int]:
    """Comparison vector from its integer code."""
    levels = []
    for r in reversed(RADICES):
        code, lv = divmod(code, r)
        levels.append(lv)
    return levels[::-1]


def encode(levels: list[int]) -> int:
    code = 0
    for lv, r in zip(levels, RADICES, strict=True):
        code = code * r + lv
    return code


@dataclass
class FSModel:
    """m and u per comparison level, λ among candidate pairs and the prior for a random pair."""

    m: list[list[float]] = field(default_factory=list)
    u: list[list[float]] = field(default_factory=list)
    candidate_prior: float = 0.1
    prior: float = 1e-5
    iterations: int = 0

    def level_weights(self) -> list[list[float]]:
        """log2(m/u) per level; 0 for null levels."""
        out = []
        for k, r in enumerate(RADICES):
            row = [math.log2(self.m[k][lv] / self.u[k][lv]) for lv in range(r - 1)]
            row.append(0.0)
            out.append(row)
        return out

    def weight(self, code: int, _lw: list[list[float]] | None = None) -> float:
        """Match weight (log2 Bayes factor) of a comparison vector, without the prior."""
        lw = _lw or self.level_weights()
        return sum(lw[k][lv] for k, lv in enumerate(decode(code)))

    @property
    def prior_weight(self) -> float:
        """log2 prior odds that two random records are one person (Splink's λ)."""
        return math.log2(self.prior / (1 - self.prior))

    def describe(self) -> str:
        """Human-readable table of levels, m, u and weights, for logs and the docs."""
        lines = [
            f"λ random pair={self.prior:.3g} ({self.prior_weight:+.2f} bits), "
            f"λ candidates={self.candidate_prior:.4f}, EM iterations {self.iterations}"
        ]
        lw = self.level_weights()
        for k, (name, levels) in enumerate(COMPARISONS):
            cells = [
                f"{lv}: m={self.m[k][i]:.4f} u={self.u[k][i]:.2g} w={lw[k][i]:+.1f}" for i, lv in enumerate(levels[:-1])
            ]
            lines.append(f"  {name}: " + "; ".join(cells))
        return "\n".join(lines)


def level_frequencies(counts: Mapping[int, int], smoothing: float = 1.0) -> list[list[float]]:
    """Per-comparison frequency of each non-null level over the given vectors (Laplace-smoothed)."""
    tallies = [[smoothing] * (r - 1) for r in RADICES]
    for code, c in counts.items():
        for k, lv in enumerate(decode(code)):
            if lv != NULL_LEVEL[k]:
                tallies[k][lv] += c
    return [[t / sum(row) for t in row] for row in tallies]


def _bounds(table: Mapping[tuple[str, str], float], *, upper: bool) -> list[dict[int, tuple[float, float]]]:
    out: list[dict[int, tuple[float, float]]] = []
    for name, levels in COMPARISONS:
        out.append(
            {levels.index(lv): ((0.0, v) if upper else (v, 1.0)) for (cname, lv), v in table.items() if cname == name}
        )
    return out


def _clamp(row: list[float], bounds: dict[int, tuple[float, float]]) -> list[float]:
    """Clamp bounded levels into [floor, cap] and rescale the free levels so the row sums to 1."""
    if not bounds:
        return row
    row = list(row)
    fixed_total = 0.0
    for lv, (lo, hi) in bounds.items():
        row[lv] = min(max(row[lv], lo), hi)
        fixed_total += row[lv]
    free = [lv for lv in range(len(row)) if lv not in bounds]
    free_total = sum(row[lv] for lv in free)
    scale = (1.0 - fixed_total) / free_total if free_total > 0 else 0.0
    for lv in free:
        row[lv] *= scale
    return row


def estimate_u(random_counts: Mapping[int, int]) -> list[list[float]]:
    """u from random record pairs (as Splink does), with the floors of U_FLOORS."""
    u = level_frequencies(random_counts, smoothing=0.5)
    floors = _bounds(U_FLOORS, upper=False)
    return [_clamp(row, floors[k]) for k, row in enumerate(u)]


def _em(
    counts: Mapping[int, int],
    u: list[list[float]],
    m: list[list[float]],
    bounds: list[dict[int, tuple[float, float]]],
    active: set[int],
    *,
    max_iterations: int,
    tolerance: float,
) -> tuple[list[list[float]], float, int]:
    """One EM session: updates m of the ``active`` comparisons and λ within these pairs."""
    items = [(decode(code), c) for code, c in counts.items()]
    total = sum(counts.values())
    m = [list(row) for row in m]
    lam, it = 0.3, 0
    order = sorted(active)
    for it in range(1, max_iterations + 1):  # noqa: B007 - the count is reported
        m_acc = [[1e-3] * (r - 1) for r in RADICES]
        match_mass = 0.0
        ratio = [[m[k][lv] / u[k][lv] for lv in range(r - 1)] for k, r in enumerate(RADICES)]
        odds0 = lam / (1 - lam)
        for levels, c in items:
            odds = odds0
            for k in order:
                lv = levels[k]
                if lv != NULL_LEVEL[k]:
                    odds *= ratio[k][lv]
            pm = c * (odds / (1 + odds) if odds < 1e300 else 1.0)
            match_mass += pm
            for k in order:
                lv = levels[k]
                if lv != NULL_LEVEL[k]:
                    m_acc[k][lv] += pm
        delta = 0.0
        for k in order:
            row = _clamp([x / sum(m_acc[k]) for x in m_acc[k]], bounds[k])
            delta = max(delta, max(abs(a - b) for a, b in zip(row, m[k], strict=True)))
            m[k] = row
        new_lam = min(max(match_mass / total, 1e-6), 1 - 1e-6)
        delta = max(delta, abs(new_lam - lam))
        lam = new_lam
        if delta < tolerance:
            break
    return m, lam, it


def untrained_model() -> FSModel:
    """The Fellegi–Sunter model as a registrar would set it before seeing data: M_START within the caps and
    floors, U_PRIOR, and UNTRAINED_PRIOR. Same name and birth year links; same name one year apart, or with
    no year, is for a person to review; a sister with the same surname and year is not a candidate."""
    bounds = [{**c, **f} for c, f in zip(_bounds(M_CAPS, upper=True), _bounds(M_FLOORS, upper=False), strict=True)]
    m = [_clamp(list(M_START[name]), bounds[k]) for k, (name, _) in enumerate(COMPARISONS)]
    u = [list(U_PRIOR[name]) for name, _levels in COMPARISONS]
    return FSModel(m=m, u=u, candidate_prior=0.5, prior=UNTRAINED_PRIOR, iterations=0)


def _level_is(code: int, comparison: int, level: int) -> bool:
    return decode(code)[comparison] == level


def train_em(
    counts: Mapping[int, int],
    random_counts: Mapping[int, int],
    *,
    n_records: int,
    max_iterations: int = 40,
    tolerance: float = 1e-5,
) -> FSModel:
    """Estimate m by EM in two sessions (as Splink trains per blocking rule), u from random pairs.

    Why two sessions: EM needs non-matches that look random on the fields it estimates. Among pairs
    with identical names, non-matches are namesakes, random in year, phone, region and craft: that
    session estimates every field but the name. Among pairs sharing a phone or an e-mail, the name
    is free to vary: that session estimates the name comparison. The prior for a random pair follows
    Splink's reasoning: matches found in session one, divided by the share of all matches that have
    identical names (m of "both exact"), over all possible pairs.
    """
    bounds = [{**c, **f} for c, f in zip(_bounds(M_CAPS, upper=True), _bounds(M_FLOORS, upper=False), strict=True)]
    u = estimate_u(random_counts)
    m = [_clamp(list(M_START[name]), bounds[k]) for k, (name, _) in enumerate(COMPARISONS)]
    name_k = 0
    phone_k = [n for n, _ in COMPARISONS].index("phone")
    email_k = phone_k + 1
    everything = set(range(len(COMPARISONS)))

    same_name = {c: v for c, v in counts.items() if _level_is(c, name_k, NAME_BOTH_EXACT)}
    same_contact = {c: v for c, v in counts.items() if _level_is(c, phone_k, 0) or _level_is(c, email_k, 0)}
    iterations, lam_name = 0, 0.5
    if same_name:
        m1, lam_name, it1 = _em(
            same_name, u, m, bounds, everything - {name_k}, max_iterations=max_iterations, tolerance=tolerance
        )
        m = [m1[k] if k != name_k else m[k] for k in everything]
        iterations += it1
    if same_contact:
        m2, _lam, it2 = _em(
            same_contact,
            u,
            m,
            bounds,
            everything - {phone_k, email_k},
            max_iterations=max_iterations,
            tolerance=tolerance,
        )
        m[name_k] = m2[name_k]
        iterations += it2
    matches = lam_name * sum(same_name.values()) / m[name_k][NAME_BOTH_EXACT]
    all_pairs = max(n_records * (n_records - 1) / 2, 1)
    total = sum(counts.values()) or 1
    prior = min(max(matches / all_pairs, 1e-12), 0.5)
    return FSModel(m=m, u=u, candidate_prior=min(matches / total, 1.0), prior=prior, iterations=iterations)
