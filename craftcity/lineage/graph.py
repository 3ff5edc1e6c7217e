"""Graph logic of lineages, free of the database: generations and cycles over (senior, junior) edges."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable


def children_map(edges: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    result: dict[int, list[int]] = defaultdict(list)
    for senior, junior in edges:
        result[senior].append(junior)
    return result


def generations(founder: int, edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Generation of everyone reached from the founder (founder = 1).

    A person reached by several paths gets the shortest one: an apprentice of the founder who is also a
    grandchild stays in the second generation, the one in which they received the knowledge first.
    """
    return generations_below(founder, children_map(edges))


def generations_below(founder: int, below: dict[int, list[int]]) -> dict[int, int]:
    """`generations` over a children map built once (`children_map`), for many founders in one graph."""
    result = {founder: 1}
    queue = deque([founder])
    while queue:
        node = queue.popleft()
        for child in below.get(node, ()):
            if child not in result:
                result[child] = result[node] + 1
                queue.append(child)
    return result


def reaches(start: int, target: int, edges: Iterable[tuple[int, int]]) -> bool:
    """True when `target` can be reached from `start` following senior → junior edges."""
    below = children_map(edges)
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == target:
            return True
        for child in below.get(node, ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return False


def would_close_cycle(senior: int, junior: int, edges: Iterable[tuple[int, int]]) -> bool:
    """Adding senior → junior closes a cycle when the senior already descends from the junior."""
    return senior == junior or reaches(junior, senior, edges)


def tree_layout(gens: dict[int, int], edges: Iterable[tuple[int, int]], order_key=None) -> dict[int, tuple[int, int]]:
    """Place each member in (column, row): row = generation - 1; columns ordered so that juniors sit
    under their seniors (barycentre of their seniors' columns), which keeps lines short and readable."""
    order_key = order_key or (lambda pk: pk)
    seniors: dict[int, list[int]] = defaultdict(list)
    for senior, junior in edges:
        if senior in gens and junior in gens and gens[junior] == gens[senior] + 1:
            seniors[junior].append(senior)
    rows: dict[int, list[int]] = defaultdict(list)
    for pk, generation in gens.items():
        rows[generation].append(pk)
    positions: dict[int, tuple[int, int]] = {}
    for generation in sorted(rows):
        members = rows[generation]

        def barycentre(pk):
            cols = [positions[s][0] for s in seniors.get(pk, []) if s in positions]
            return (sum(cols) / len(cols) if cols else float("inf"), order_key(pk))

        for column, pk in enumerate(sorted(members, key=barycentre)):
            positions[pk] = (column, generation - 1)
    return positions
