"""The benchmark's own parts: pairwise scorer on a hand-made example, deterministic generator."""

import pytest

from bench.linkage.generate import generate
from bench.linkage.score import pairwise_scores


def test_pairwise_scores_on_hand_made_clusters():
    truth = {"a": "P", "b": "P", "c": "P", "d": "Q", "e": "Q", "f": "R"}
    # Predicted: {a,b} {c,d,e} {f}. True pairs: ab ac bc de (4). Predicted pairs: ab cd ce de (4).
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2", "f": "3"}
    s = pairwise_scores(predicted, truth)
    assert (s["tp"], s["predicted_pairs"], s["true_pairs"]) == (2, 4, 4)
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(0.5)
    assert s["f1"] == pytest.approx(0.5)


def test_perfect_clustering_scores_one_and_all_singletons_score_zero_recall():
    truth = {"a": "P", "b": "P", "c": "Q"}
    assert pairwise_scores({"a": "x", "b": "x", "c": "y"}, truth)["f1"] == 1.0
    s = pairwise_scores({}, truth)
    assert s["recall"] == 0.0
    assert s["precision"] == 1.0


def test_generator_is_deterministic_for_a_seed():
    assert generate(300, seed=5) == generate(300, seed=5)
    assert generate(300, seed=5) != generate(300, seed=6)


def test_generator_makes_about_two_records_per_person_in_several_scripts():
    rows = generate(1000, seed=3)
    people = {r["person_id"] for r in rows}
    assert len(people) == 1000
    assert 1.7 <= len(rows) / len(people) <= 2.5
    names = " ".join(r["full_name"] for r in rows)
    assert any(ch in names for ch in "әғқңөұүі")  # Kazakh Cyrillic
    assert any(ch in names for ch in "äğqñöūüış")  # Kazakh Latin
    assert "zh" in names.lower()  # passport / press
