import datetime as dt
import random

import pytest

from tourkit import Point, Problem, Stop, solve
from tourkit.geo import CoordinateError, WalkModel, haversine_m
from tourkit.hours import HoursError, day_hours, status_at, validate
from tourkit.model import PlanError, SkipReason, simulate
from tourkit.ortools_solver import available as ortools_available

ABAI = Point(43.2379, 76.9455)
KASTEYEV = Point(43.2336, 76.9213)
SOLVERS = ["heuristic", pytest.param("ortools", marks=pytest.mark.skipif(not ortools_available(), reason="no ortools"))]


def test_walking_time_is_great_circle_times_detour_over_speed():
    metres = haversine_m(ABAI, KASTEYEV)
    assert 1900 < metres < 2100  # Abai Square to the Kasteyev Museum, straight line
    walk = WalkModel(detour=1.3, speed_kmh=4.5)
    assert walk.minutes(ABAI, KASTEYEV) == pytest.approx(metres * 1.3 / 75)


@pytest.mark.parametrize("lat, lon", [(91, 0), (0, 181), (-90.5, 10), ("x", 1), (float("nan"), 0)])
def test_coordinates_outside_the_world_are_refused(lat, lon):
    with pytest.raises(CoordinateError):
        Point(lat, lon)


def test_split_hours_give_two_windows():
    hours = day_hours("Mo-Fr 10:00-13:00,14:00-18:00", dt.date(2026, 4, 7))
    assert hours.windows == ((600, 780), (840, 1080))


def test_kazakh_public_holidays_close_a_place_with_ph_off():
    text = "Mo-Fr 10:00-18:00; PH off"
    assert day_hours(text, dt.date(2026, 3, 23)).is_closed  # Nauryz
    assert day_hours(text, dt.date(2026, 3, 24)).is_closed  # Nauryz, a moved day off (from `holidays`)
    assert day_hours(text, dt.date(2026, 3, 26)).windows == ((600, 1080),)
    assert day_hours("Mo-Fr 10:00-18:00; PH 12:00-14:00", dt.date(2026, 3, 23)).windows == ((720, 840),)
    assert not day_hours(text, dt.date(2026, 3, 23), country=None).is_closed


def test_unparsable_hours_say_where_reading_failed():
    with pytest.raises(HoursError) as caught:
        validate("Mo-Fr 10:00-25:61")
    assert caught.value.column == 16
    assert caught.value.pointer.splitlines()[1] == " " * 15 + "^"
    validate("")  # unknown hours are allowed


def test_status_now():
    assert status_at("Mo-Fr 10:00-18:00", dt.datetime(2026, 4, 7, 11, 0)) == (True, 18 * 60)
    assert status_at("Mo-Fr 10:00-18:00", dt.datetime(2026, 4, 7, 9, 0)) == (False, 600)
    assert status_at("", dt.datetime(2026, 4, 7, 9, 0)) == (None, None)


def test_zero_budget_is_refused():
    with pytest.raises(PlanError, match="more than zero"):
        Problem(ABAI, 600, 0, [])


def _city(n, seed=7, closed_share=0.2):
    rng = random.Random(seed)
    hours = [((600, 1080),), ((660, 1140),), ((540, 780), (840, 1020))]
    return [
        Stop(
            i,
            Point(43.238 + rng.uniform(-0.02, 0.02), 76.945 + rng.uniform(-0.03, 0.03)),
            rng.choice([20, 30, 45]),
            () if rng.random() < closed_share else rng.choice(hours),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("solver", SOLVERS)
def test_plans_respect_windows_budget_and_explain_the_rest(solver):
    stops = _city(40)
    problem = Problem(ABAI, 600, 240, stops)
    plan = solve(problem, solver, time_limit=0.5)
    assert plan.visits
    assert plan.end_minute <= 600 + 240
    by_id = {s.id: s for s in stops}
    for visit in plan.visits:
        stop = by_id[visit.stop_id]
        assert any(a <= visit.begin and visit.leave <= b for a, b in stop.windows)
        assert visit.begin >= visit.arrive
    reasons = {skip.stop_id: skip.reason for skip in plan.skipped}
    assert len(reasons) + len(plan.visits) == len(stops)
    for stop in stops:
        if not stop.windows:
            assert reasons[stop.id] is SkipReason.CLOSED


@pytest.mark.parametrize("solver", SOLVERS)
def test_small_cases_match_the_exhaustive_optimum(solver):
    for seed in range(4):
        problem = Problem(ABAI, 600, 180, _city(8, seed=seed, closed_share=0.1))
        best = solve(problem, "exhaustive")
        found = solve(problem, solver, time_limit=0.5)
        assert len(found.visits) == len(best.visits)
        assert found.walk_minutes <= best.walk_minutes * 1.15 + 0.5


@pytest.mark.parametrize("solver", SOLVERS)
def test_far_and_closed_stops_are_named(solver):
    far = Stop("far", Point(43.5, 77.5), 30)  # ~55 km away
    closed = Stop("closed", KASTEYEV, 30, ())
    late = Stop("late", KASTEYEV, 30, ((1200, 1260),))
    near = Stop("near", KASTEYEV, 30)
    plan = solve(Problem(ABAI, 600, 120, [far, closed, late, near]), solver, time_limit=0.3)
    assert plan.stop_ids == ["near"]
    assert {s.stop_id: s.reason for s in plan.skipped} == {
        "far": SkipReason.TOO_FAR,
        "closed": SkipReason.CLOSED,
        "late": SkipReason.NOT_OPEN_IN_TIME,
    }


@pytest.mark.parametrize("solver", SOLVERS)
def test_all_closed_gives_an_empty_plan_not_a_crash(solver):
    stops = [Stop(i, KASTEYEV, 30, ()) for i in range(3)]
    plan = solve(Problem(ABAI, 600, 120, stops), solver, time_limit=0.3)
    assert plan.visits == []
    assert {s.reason for s in plan.skipped} == {SkipReason.CLOSED}


@pytest.mark.parametrize("solver", SOLVERS)
def test_max_stops_caps_the_plan(solver):
    problem = Problem(ABAI, 600, 600, _city(60, closed_share=0), max_stops=5)
    plan = solve(problem, solver, time_limit=0.5)
    assert len(plan.visits) == 5
    order = [int(v.stop_id) + 1 for v in plan.visits]
    assert simulate(problem, order) is not None
