"""The planning problem and its answer, as plain data. Times are minutes since midnight of the day walked."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .geo import Point, WalkModel


class PlanError(ValueError):
    """A problem that cannot be planned at all (no time, no stops); the message says why."""


class SkipReason(enum.StrEnum):
    CLOSED = "closed"  # closed all day
    TOO_FAR = "too_far"  # walking there and back into the budget is impossible even alone
    NOT_OPEN_IN_TIME = "not_open_in_time"  # open that day, but not while the visitor can be there
    OVER_BUDGET = "over_budget"  # fits alone, not together with the stops chosen


@dataclass(frozen=True, slots=True)
class Stop:
    id: str | int
    point: Point
    visit_minutes: int = 30
    windows: tuple[tuple[int, int], ...] = ((0, 24 * 60),)
    prize: float = 1.0
    name: str = ""


@dataclass
class Problem:
    start: Point
    start_minute: int
    budget_minutes: int
    stops: list[Stop]
    walk: WalkModel = field(default_factory=WalkModel)
    max_stops: int | None = None
    _minutes: list | None = field(default=None, init=False, repr=False)
    _metres: list | None = field(default=None, init=False, repr=False)

    def __post_init__(self):
        if self.budget_minutes <= 0:
            raise PlanError("The time budget must be more than zero minutes.")
        if not 0 <= self.start_minute < 24 * 60:
            raise PlanError("The start time must be within the day.")
        if self.max_stops is not None and self.max_stops <= 0:
            raise PlanError("At least one stop must be allowed.")

    @property
    def deadline(self) -> int:
        return min(self.start_minute + self.budget_minutes, 24 * 60)

    def matrices(self) -> tuple[list[list[float]], list[list[float]]]:
        """Walking minutes and metres; node 0 is the start, node i is stops[i - 1]."""
        if self._minutes is None:
            self._minutes, self._metres = self.walk.matrix([self.start, *(s.point for s in self.stops)])
        return self._minutes, self._metres


@dataclass(frozen=True, slots=True)
class Visit:
    stop_id: str | int
    arrive: float
    begin: float
    leave: float
    walk_minutes: float
    walk_metres: float

    @property
    def wait(self) -> float:
        return self.begin - self.arrive


@dataclass(frozen=True, slots=True)
class Skip:
    stop_id: str | int
    reason: SkipReason


@dataclass(slots=True)
class Plan:
    visits: list[Visit]
    skipped: list[Skip]
    solver: str
    start_minute: int
    seconds: float = 0.0

    @property
    def walk_minutes(self) -> float:
        return sum(v.walk_minutes for v in self.visits)

    @property
    def walk_metres(self) -> float:
        return sum(v.walk_metres for v in self.visits)

    @property
    def end_minute(self) -> float:
        return self.visits[-1].leave if self.visits else self.start_minute

    @property
    def stop_ids(self) -> list:
        return [v.stop_id for v in self.visits]


def earliest_begin(arrive: float, visit: int, windows) -> float | None:
    """The first moment at or after `arrive` when a whole visit fits in one opening window."""
    for a, b in windows:
        begin = arrive if arrive > a else a
        if begin + visit <= b:
            return begin
    return None


def simulate(problem: Problem, order: list[int]) -> list[tuple[float, float, float]] | None:
    """(arrive, begin, leave) per node of `order` (1-based stop nodes), or None when it breaks a window
    or the budget. Visitors wait at a closed door rather than skip it, so waiting counts against the budget."""
    minutes, _ = problem.matrices()
    stops, deadline = problem.stops, problem.deadline
    t, prev, times = float(problem.start_minute), 0, []
    for node in order:
        stop = stops[node - 1]
        arrive = t + minutes[prev][node]
        begin = earliest_begin(arrive, stop.visit_minutes, stop.windows)
        if begin is None:
            return None
        t = begin + stop.visit_minutes
        if t > deadline + 1e-9:
            return None
        times.append((arrive, begin, t))
        prev = node
    return times


def walking(problem: Problem, order: list[int]) -> float:
    minutes, _ = problem.matrices()
    return sum(minutes[a][b] for a, b in zip([0, *order[:-1]], order, strict=True)) if order else 0.0


def alone_reason(problem: Problem, node: int) -> SkipReason | None:
    """Why a stop cannot be visited even as the only stop, or None when it can."""
    stop = problem.stops[node - 1]
    if not stop.windows:
        return SkipReason.CLOSED
    minutes, _ = problem.matrices()
    arrive = problem.start_minute + minutes[0][node]
    if arrive + stop.visit_minutes > problem.deadline:
        return SkipReason.TOO_FAR
    if simulate(problem, [node]) is None:
        return SkipReason.NOT_OPEN_IN_TIME
    return None


def build_plan(problem: Problem, order: list[int], solver: str, seconds: float = 0.0) -> Plan:
    times = simulate(problem, order)
    if times is None:
        raise AssertionError(f"{solver} returned an infeasible order")
    minutes, metres = problem.matrices()
    visits = []
    prev = 0
    for node, (arrive, begin, leave) in zip(order, times, strict=True):
        visits.append(Visit(problem.stops[node - 1].id, arrive, begin, leave, minutes[prev][node], metres[prev][node]))
        prev = node
    chosen = set(order)
    skipped = []
    for node in range(1, len(problem.stops) + 1):
        if node not in chosen:
            skipped.append(Skip(problem.stops[node - 1].id, alone_reason(problem, node) or SkipReason.OVER_BUDGET))
    return Plan(visits, skipped, solver, problem.start_minute, seconds)


def better(problem: Problem, a: list[int], b: list[int] | None) -> bool:
    """Is order `a` better than `b`: more prize, then less walking."""
    if b is None:
        return True
    pa = sum(problem.stops[n - 1].prize for n in a)
    pb = sum(problem.stops[n - 1].prize for n in b)
    if abs(pa - pb) > 1e-9:
        return pa > pb
    return walking(problem, a) < walking(problem, b) - 1e-9
