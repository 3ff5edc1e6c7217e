"""Every order of every subset, for small cases only: the yardstick the solvers are measured against."""

from __future__ import annotations

from .model import Problem, alone_reason, better, simulate


def solve_exhaustive(problem: Problem, max_candidates: int = 10) -> list[int]:
    pool = [n for n in range(1, len(problem.stops) + 1) if alone_reason(problem, n) is None]
    if len(pool) > max_candidates:
        raise ValueError(f"{len(pool)} candidates are too many to try every order (at most {max_candidates}).")
    limit = problem.max_stops or len(pool)
    best: list[list[int] | None] = [None]

    def extend(order: list[int]) -> None:
        if better(problem, order, best[0]):
            best[0] = list(order)
        if len(order) >= limit:
            return
        for node in pool:
            if node in order:
                continue
            order.append(node)
            if simulate(problem, order) is not None:
                extend(order)
            order.pop()

    extend([])
    return best[0] or []
