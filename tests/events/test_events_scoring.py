"""Normalization across jurors (z-scores) and the documented tie-break; no database needed."""

import pytest

from craftcity.events.scoring import CriterionSpec, rank, weighted_totals

RUBRIC = [CriterionSpec(1, 3.0, 0, 10), CriterionSpec(2, 1.0, 0, 10)]


def test_weighted_totals_scale_each_criterion_and_skip_incomplete_sets():
    totals = weighted_totals(RUBRIC, [(7, 100, 1, 10), (7, 100, 2, 0), (7, 101, 1, 5)])
    assert totals == {(7, 100): pytest.approx(75.0)}  # (3×100 + 1×0) / 4; entry 101 lacks criterion 2


def test_a_strict_and_a_generous_juror_count_the_same_after_normalization():
    # The generous juror gives 90/80/70, the strict one 30/20/10: the same judgement, shifted.
    totals = {
        (1, "a"): 90, (1, "b"): 80, (1, "c"): 70,
        (2, "a"): 30, (2, "b"): 20, (2, "c"): 10,
    }  # fmt: skip
    ranked = rank(totals)
    assert [r.entry for r in ranked] == ["a", "b", "c"]
    assert ranked[0].mean_z == pytest.approx(1.2247, abs=1e-4)
    assert ranked[1].mean_z == pytest.approx(0.0)


def test_a_strict_jurors_favourite_equals_a_generous_jurors_favourite():
    # Jurors see different entries (categories): x is the generous juror's best, y the strict one's.
    totals = {(1, "x"): 95, (1, "w"): 85, (2, "y"): 50, (2, "v"): 40}
    ranked = {r.entry: r for r in rank(totals)}
    assert ranked["x"].mean_z == ranked["y"].mean_z == pytest.approx(1.0)
    assert ranked["x"].rank == 1 and ranked["y"].rank == 2  # tie on z and median, broken by the raw mean
    assert ranked["x"].decided_by == "mean raw total"


def test_ties_are_broken_by_median_then_raw_then_chair_then_submission():
    # a and b have equal mean z (mirror images across two jurors); a juror three breaks it by median.
    totals = {(1, "a"): 10, (1, "b"): 0, (2, "a"): 0, (2, "b"): 10}
    ranked = rank(totals, chair=2, order={"a": 0, "b": 1})
    assert [r.entry for r in ranked] == ["b", "a"]
    assert ranked[0].decided_by == "chair's total" and ranked[0].tied_with == ["a"]
    assert ranked[0].rank == 1 and ranked[1].rank == 2

    same = rank({(1, "a"): 5, (1, "b"): 5}, order={"a": 1, "b": 0})
    assert [r.entry for r in same] == ["b", "a"] and same[0].decided_by == "earlier submission"


def test_a_juror_who_gives_everyone_the_same_total_moves_no_one():
    ranked = rank({(1, "a"): 50, (1, "b"): 50, (2, "a"): 90, (2, "b"): 10})
    assert [r.entry for r in ranked] == ["a", "b"]
    assert ranked[0].mean_z == pytest.approx(0.5)
