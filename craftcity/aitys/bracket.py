"""Bracket arithmetic without the database: seeding order, byes and the pairing of winners.

A field of n akyns is drawn into a bracket of the next power of two, p. Seed 1 meets seed p, seed 2 meets
seed p − 1, and so on, placed so that the two best seeds can meet only in the final (the usual tennis order).
Seeds above n are empty: the p − n best seeds have a bye in the first round and go straight on. After the
first round every round is full (a power of two), so byes happen only in round one, and a duel's winner meets
the winner of the neighbouring duel."""

from __future__ import annotations


def bracket_size(count: int) -> int:
    size = 1
    while size < count:
        size *= 2
    return size


def seed_order(size: int) -> list[int]:
    """Seeds in bracket order: [1, 8, 4, 5, 2, 7, 3, 6] for eight."""
    order = [1]
    while len(order) < size:
        total = 2 * len(order) + 1
        order = [seed for top in order for seed in (top, total - top)]
    return order


def first_round(count: int) -> list[tuple[int, int | None]]:
    """(seed, opponent's seed or None for a bye) per duel of round one, for `count` akyns (at least two)."""
    if count < 2:
        raise ValueError("an aitys needs at least two akyns")
    order = seed_order(bracket_size(count))
    pairs = []
    for index in range(0, len(order), 2):
        a, b = order[index], order[index + 1]
        a, b = min(a, b), max(a, b)
        pairs.append((a, b if b <= count else None))
    return pairs


def rounds_needed(count: int) -> int:
    return max(1, (bracket_size(count) - 1).bit_length())
