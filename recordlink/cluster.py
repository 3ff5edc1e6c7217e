"""Clustering of linked pairs with a guard against chaining.

Plain connected components let one weak link glue two people together through a third record (a
father's record links to an ambiguous record that links to his son's). So components of three or more
records are rebuilt by merging the strongest links first, and a merge of two groups is refused when any
compared pair across them is clear evidence of *different* people, or when the compared pairs across
them do not, on average, clear the link threshold.
"""

from __future__ import annotations

from array import array

# A cross pair scoring below this (log2 posterior odds; -3.2 is P(match) < 0.1) vetoes a merge.
VETO = -3.2


def _find(parent: list[int], x: int) -> int:
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:
        parent[x], x = root, parent[x]
    return root


def guarded_clusters(
    n: int,
    pairs: array,
    pair_scores: array,
    cut: float,
    *,
    veto: float = VETO,
) -> tuple[list[int], int]:
    """Labels (smallest member index per cluster) and the number of pairs above ``cut``."""
    parent = list(range(n))
    linked = 0
    for idx, p in enumerate(pairs):
        if pair_scores[idx] >= cut:
            linked += 1
            i, j = divmod(p, n)
            ri, rj = _find(parent, i), _find(parent, j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    comp = [_find(parent, i) for i in range(n)]
    size: dict[int, int] = {}
    for c in comp:
        size[c] = size.get(c, 0) + 1
    big = {c for c, s in size.items() if s >= 3}
    if not big:
        return comp, linked

    # Every compared pair inside a big component, strong or weak, is evidence for the guard.
    known: dict[int, dict[tuple[int, int], float]] = {c: {} for c in big}
    for idx, p in enumerate(pairs):
        i, j = divmod(p, n)
        c = comp[i]
        if c in big and comp[j] == c:
            known[c][(i, j)] = pair_scores[idx]

    labels = comp
    for scores in known.values():
        members: dict[int, list[int]] = {}
        owner: dict[int, int] = {}
        for i, j in scores:
            for x in (i, j):
                if x not in owner:
                    owner[x] = x
                    members[x] = [x]
        for (i, j), s in sorted(scores.items(), key=lambda kv: -kv[1]):
            if s < cut:
                break
            a, b = owner[i], owner[j]
            if a == b:
                continue
            cross = [scores.get((x, y) if x < y else (y, x)) for x in members[a] for y in members[b]]
            cross = [v for v in cross if v is not None]
            if min(cross) < veto or sum(cross) / len(cross) < cut:
                continue
            keep, drop = (a, b) if a < b else (b, a)
            for x in members[drop]:
                owner[x] = keep
            members[keep].extend(members.pop(drop))
        for root, group in members.items():
            for x in group:
                labels[x] = root
    return labels, linked
