"""Typo correction against the keys the index holds: what a mistyped name is taken to mean."""

import pytest

from craftcity.search.vocabulary import Vocabulary, allowed_distance

KEYS = ["aijan", "bekul", "jusipbek", "jusup", "rafik", "ikramjan", "tural", "almas", "alma"]


@pytest.fixture
def vocabulary():
    return Vocabulary(KEYS)


def test_short_keys_are_never_corrected():
    assert allowed_distance("al") == 0
    assert allowed_distance("alma") == 1
    assert allowed_distance("ikramjan") == 2


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("arfik", "rafik"),  # first two letters swapped
        ("ikarmjan", "ikramjan"),  # swap in the middle
        ("bekl", "bekul"),  # a letter dropped
        ("jusipbeokva", "jusipbek"),  # a typo in "-ova" kept the ending from being recognised
    ],
)
def test_a_mistyped_key_is_taken_for_the_closest_indexed_one(vocabulary, typed, meant):
    assert vocabulary.close_to(typed)[0] == meant


def test_unrelated_keys_are_not_offered(vocabulary):
    assert "aijan" not in vocabulary.close_to("rafik")
    assert vocabulary.close_to("zzzzzz") == []


def test_knows_whole_keys_and_their_beginnings(vocabulary):
    assert "alma" in vocabulary and "alm" not in vocabulary
    assert vocabulary.starts_some_key("alm") and vocabulary.starts_some_key("almas")
    assert not vocabulary.starts_some_key("almaz")
