"""Reads for dynasty pages, including the drawn tree."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from . import graph
from .models import Dynasty, DynastyMember, Relation

NODE_WIDTH, NODE_HEIGHT, GAP_X, GAP_Y, MARGIN_LEFT = 210, 56, 24, 64, 120


@dataclass
class TreeNode:
    person: object
    generation: int
    x: int
    y: int


@dataclass
class TreeEdge:
    kind: str
    x1: int
    y1: int
    x2: int
    y2: int


def dynasty_detail(*, slug: str) -> Dynasty:
    members = DynastyMember.objects.filter(person__status="published", person__merged_into__isnull=True)
    members = members.select_related("person").prefetch_related("person__names", "person__disciplines")
    return (
        Dynasty.objects.public()
        .select_related("discipline", "founder")
        .prefetch_related(Prefetch("members", queryset=members))
        .get(slug=slug)
    )


def dynasty_tree(dynasty: Dynasty) -> dict:
    """Positions of members and lines for the SVG tree, generations as rows."""
    members = list(dynasty.members.all())
    gens = {m.person_id: m.generation for m in members}
    people = {m.person_id: m.person for m in members}
    relations = list(
        Relation.objects.filter(senior_id__in=gens, junior_id__in=gens).values_list("senior_id", "junior_id", "kind")
    )
    positions = graph.tree_layout(gens, [(s, j) for s, j, _k in relations])
    nodes = [
        TreeNode(
            people[pk],
            gens[pk],
            MARGIN_LEFT + col * (NODE_WIDTH + GAP_X),
            20 + row * (NODE_HEIGHT + GAP_Y),
        )
        for pk, (col, row) in positions.items()
    ]
    at = {node.person.pk: node for node in nodes}
    edges = [
        TreeEdge(
            kind,
            at[s].x + NODE_WIDTH // 2,
            at[s].y + NODE_HEIGHT,
            at[j].x + NODE_WIDTH // 2,
            at[j].y,
        )
        for s, j, kind in relations
        if s in at and j in at
    ]
    columns = max((col for col, _row in positions.values()), default=0) + 1
    rows = max(gens.values(), default=1)
    return {
        "nodes": sorted(nodes, key=lambda n: (n.generation, n.x)),
        "edges": edges,
        "width": MARGIN_LEFT + columns * (NODE_WIDTH + GAP_X),
        "height": 40 + rows * (NODE_HEIGHT + GAP_Y),
        "node_width": NODE_WIDTH,
        "node_height": NODE_HEIGHT,
        "generations": [(g, 20 + (g - 1) * (NODE_HEIGHT + GAP_Y) + NODE_HEIGHT // 2) for g in range(1, rows + 1)],
        "family": Relation.Kind.FAMILY,
    }
