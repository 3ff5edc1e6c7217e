"""Google OR-Tools routing: an open path from the start with time windows, droppable stops (disjunctions
with a penalty larger than any walk, so seeing more always wins) and an optional cap on the number of stops."""

from __future__ import annotations

import itertools

from .model import Problem, alone_reason

SCALE = 10  # tenths of a minute: OR-Tools works in integers


def available() -> bool:
    try:
        import ortools.constraint_solver.pywrapcp  # noqa: F401
    except ImportError:
        return False
    return True


def solve_ortools(problem: Problem, time_limit: float = 1.5, initial: list[int] | None = None) -> list[int]:
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    minutes, _ = problem.matrices()
    stops = problem.stops
    pool = [n for n in range(1, len(stops) + 1) if alone_reason(problem, n) is None]
    if not pool:
        return []
    nodes = [0, *pool]  # local index → problem node; the last local index is the free end
    end = len(nodes)
    manager = pywrapcp.RoutingIndexManager(len(nodes) + 1, 1, [0], [end])
    routing = pywrapcp.RoutingModel(manager)

    def walk(i: int, j: int) -> int:
        if j == end or i == end:
            return 0
        return round(minutes[nodes[i]][nodes[j]] * SCALE)

    def service(i: int) -> int:
        return 0 if i in (0, end) else stops[nodes[i] - 1].visit_minutes * SCALE

    def arc_cost(from_index, to_index):
        return walk(manager.IndexToNode(from_index), manager.IndexToNode(to_index))

    def transit(from_index, to_index):
        i, j = manager.IndexToNode(from_index), manager.IndexToNode(to_index)
        return service(i) + walk(i, j)

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(arc_cost))
    horizon = problem.deadline * SCALE
    routing.AddDimension(routing.RegisterTransitCallback(transit), horizon, horizon, False, "Time")
    time_dim = routing.GetDimensionOrDie("Time")
    time_dim.CumulVar(routing.Start(0)).SetValue(problem.start_minute * SCALE)
    penalty = 10_000_000
    for local, node in enumerate(nodes):
        if local == 0:
            continue
        stop = stops[node - 1]
        # the visit must begin inside a window early enough to finish in it
        starts = [(a * SCALE, (b - stop.visit_minutes) * SCALE) for a, b in stop.windows if b - a >= stop.visit_minutes]
        index = manager.NodeToIndex(local)
        cumul = time_dim.CumulVar(index)
        cumul.SetRange(starts[0][0], min(starts[-1][1], horizon))
        for (_a1, b1), (a2, _b2) in itertools.pairwise(starts):
            if a2 - b1 > 1:
                cumul.RemoveInterval(b1 + 1, a2 - 1)
        routing.AddDisjunction([index], round(penalty * stop.prize))
    if problem.max_stops:
        count = routing.RegisterUnaryTransitCallback(lambda i: 0 if manager.IndexToNode(i) in (0, end) else 1)
        routing.AddDimension(count, 0, problem.max_stops, True, "Count")

    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(max(100, int(time_limit * 1000)))
    solution = None
    if initial:
        local_of = {node: i for i, node in enumerate(nodes)}
        seed = routing.ReadAssignmentFromRoutes([[local_of[n] for n in initial if n in local_of]], True)
        if seed is not None:
            solution = routing.SolveFromAssignmentWithParameters(seed, params)
    if solution is None:
        solution = routing.SolveWithParameters(params)
    if solution is None:
        return list(initial or [])
    order, index = [], routing.Start(0)
    index = solution.Value(routing.NextVar(index))
    while not routing.IsEnd(index):
        order.append(nodes[manager.IndexToNode(index)])
        index = solution.Value(routing.NextVar(index))
    return order
