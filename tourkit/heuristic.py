"""Prize-collecting insertion, then 2-opt, relocation and swaps with unvisited stops, all window-checked."""

from __future__ import annotations

import time

from .model import Problem, alone_reason, better, simulate, walking


def _limit(problem: Problem) -> int:
    return problem.max_stops or len(problem.stops)


def insert_greedily(problem: Problem, order: list[int], pool: list[int]) -> list[int]:
    """Add stops one at a time, each time the one with the best prize per minute added to the day."""
    minutes, _ = problem.matrices()
    stops = problem.stops
    order = list(order)
    pool = [n for n in pool if n not in order]
    while pool and len(order) < _limit(problem):
        times = simulate(problem, order) or []
        end = times[-1][2] if times else problem.start_minute
        best = None
        for node in pool:
            stop = stops[node - 1]
            last_close = stop.windows[-1][1]
            for position in range(len(order) + 1):
                prev = order[position - 1] if position else 0
                ready = times[position - 1][2] if position else problem.start_minute
                if ready + minutes[prev][node] + stop.visit_minutes > last_close:
                    break  # later positions are later still
                candidate = [*order[:position], node, *order[position:]]
                new_times = simulate(problem, candidate)
                if new_times is None:
                    continue
                added = new_times[-1][2] - end
                extra_walk = minutes[prev][node]
                if position < len(order):
                    nxt = order[position]
                    extra_walk += minutes[node][nxt] - minutes[prev][nxt]
                score = (stop.prize / (1.0 + max(added, 0.0) + extra_walk), -extra_walk)
                if best is None or score > best[0]:
                    best = (score, candidate, node)
        if best is None:
            break
        order = best[1]
        pool.remove(best[2])
    return order


def two_opt(problem: Problem, order: list[int]) -> list[int]:
    """Reverse segments and move single stops while the walk gets shorter and every window still holds."""
    improved = True
    best_walk = walking(problem, order)
    while improved:
        improved = False
        n = len(order)
        for i in range(n - 1):
            for j in range(i + 1, n):
                candidate = order[:i] + order[i : j + 1][::-1] + order[j + 1 :]
                w = walking(problem, candidate)
                if w < best_walk - 1e-9 and simulate(problem, candidate) is not None:
                    order, best_walk, improved = candidate, w, True
        for i in range(n):
            rest = order[:i] + order[i + 1 :]
            for j in range(n):
                if j == i:
                    continue
                candidate = [*rest[:j], order[i], *rest[j:]]
                w = walking(problem, candidate)
                if w < best_walk - 1e-9 and simulate(problem, candidate) is not None:
                    order, best_walk, improved = candidate, w, True
                    break
    return order


def swap_unvisited(problem: Problem, order: list[int], pool: list[int], nearest: int = 25) -> list[int]:
    """Replace a chosen stop by an unchosen one of at least the same prize when that shortens the walk."""
    minutes, _ = problem.matrices()
    stops = problem.stops
    best_walk = walking(problem, order)
    improved = True
    while improved:
        improved = False
        chosen = set(order)
        for i, old in enumerate(order):
            prev = order[i - 1] if i else 0
            others = sorted((n for n in pool if n not in chosen), key=lambda n: minutes[prev][n])[:nearest]
            for new in others:
                if stops[new - 1].prize + 1e-9 < stops[old - 1].prize:
                    continue
                candidate = [*order[:i], new, *order[i + 1 :]]
                w = walking(problem, candidate)
                if w < best_walk - 1e-9 and simulate(problem, candidate) is not None:
                    order, best_walk, improved = candidate, w, True
                    break
            if improved:
                break
    return order


def _improve(problem: Problem, order: list[int], pool: list[int], started: float, time_limit: float) -> list[int]:
    for _round in range(6):
        if time.perf_counter() - started > time_limit:
            break
        previous = list(order)
        order = two_opt(problem, order)
        order = swap_unvisited(problem, order, pool)
        order = insert_greedily(problem, order, pool)  # a shorter walk may have freed time for one more
        if order == previous:
            break
    return order


def solve_heuristic(problem: Problem, time_limit: float = 1.0, starts: int = 8) -> list[int]:
    """Greedy insertion from an empty day and from each of the nearest stops as the first one; the best
    after local search wins. New starts stop once half the time is spent."""
    started = time.perf_counter()
    minutes, _ = problem.matrices()
    pool = [n for n in range(1, len(problem.stops) + 1) if alone_reason(problem, n) is None]
    best = _improve(problem, insert_greedily(problem, [], pool), pool, started, time_limit)
    for first in sorted(pool, key=lambda n: minutes[0][n])[:starts]:
        if time.perf_counter() - started > time_limit / 2:
            break
        order = _improve(problem, insert_greedily(problem, [first], pool), pool, started, time_limit)
        if better(problem, order, best):
            best = order
    return best
