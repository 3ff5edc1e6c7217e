"""Bracket arithmetic: seeding order, byes for fields that are not a power of two, number of rounds."""

import pytest

from craftcity.aitys import bracket


def test_the_two_best_seeds_can_meet_only_in_the_final():
    order = bracket.seed_order(8)
    assert order == [1, 8, 4, 5, 2, 7, 3, 6]
    assert 1 in order[:4] and 2 in order[4:]


@pytest.mark.parametrize(
    ("count", "byes", "duels", "rounds"),
    [(2, 0, 1, 1), (3, 1, 2, 2), (5, 3, 4, 3), (6, 2, 4, 3), (7, 1, 4, 3), (8, 0, 4, 3), (64, 0, 32, 6)],
)
def test_odd_and_uneven_fields_give_byes_to_the_best_seeds(count, byes, duels, rounds):
    pairs = bracket.first_round(count)
    assert len(pairs) == duels
    with_bye = sorted(seed for seed, other in pairs if other is None)
    assert with_bye == list(range(1, byes + 1))
    seeds = sorted([s for pair in pairs for s in pair if s is not None])
    assert seeds == list(range(1, count + 1))  # everyone is drawn exactly once
    assert bracket.rounds_needed(count) == rounds


def test_a_single_akyn_is_not_an_aitys():
    with pytest.raises(ValueError):
        bracket.first_round(1)
