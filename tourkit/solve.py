"""One entry point: pick a solver (OR-Tools when installed, else the built-in heuristic) and return a Plan."""

from __future__ import annotations

import time

from . import ortools_solver
from .exhaustive import solve_exhaustive
from .heuristic import solve_heuristic
from .model import Plan, Problem, better, build_plan, simulate


def available_solvers() -> list[str]:
    return (["ortools"] if ortools_solver.available() else []) + ["heuristic", "exhaustive"]


def solve(problem: Problem, solver: str = "auto", time_limit: float = 1.5) -> Plan:
    """Plan the day. `solver`: auto, ortools, heuristic or exhaustive (small cases only)."""
    if solver == "auto":
        solver = "ortools" if ortools_solver.available() else "heuristic"
    started = time.perf_counter()
    problem.matrices()
    if solver == "heuristic":
        order = solve_heuristic(problem, time_limit=time_limit)
    elif solver == "ortools":
        # start OR-Tools from the heuristic's answer: it can only improve on it
        quick = solve_heuristic(problem, time_limit=time_limit / 3)
        remaining = max(0.2, time_limit - (time.perf_counter() - started))
        order = ortools_solver.solve_ortools(problem, time_limit=remaining, initial=quick)
        if simulate(problem, order) is None or better(problem, quick, order):
            order = quick
    elif solver == "exhaustive":
        order = solve_exhaustive(problem)
    else:
        raise ValueError(f"Unknown solver {solver!r}; choose from {', '.join(available_solvers())}.")
    return build_plan(problem, order, solver, time.perf_counter() - started)
