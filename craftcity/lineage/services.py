"""Writes to lineages. Dynasty members and generations are derived here, never typed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_change_lineage
from craftcity.audit.context import change_batch
from craftcity.core.cache import pages_changed

from . import graph
from .models import Dynasty, DynastyMember, Relation


def _require_registrar(actor) -> None:
    if actor is not None and not can_change_lineage(actor):
        raise PermissionDenied(_("You may not change lineages."))


def relation_edges(kinds=None) -> list[tuple[int, int]]:
    qs = Relation.objects.all()
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return list(qs.values_list("senior_id", "junior_id"))


@transaction.atomic
def relation_create(*, actor=None, kind: str, senior, junior, start_year=None, end_year=None, note=None) -> Relation:
    """Record that `senior` (parent or master) passed knowledge to `junior` (child or apprentice)."""
    relation = Relation(
        kind=kind, senior=senior, junior=junior, start_year=start_year, end_year=end_year, note=note or {}
    )
    return relation_save(actor=actor, relation=relation)


@transaction.atomic
def relation_save(*, actor=None, relation: Relation) -> Relation:
    """Add or change a relation (the back office's forms fill it in); the dynasties of everyone it touched, before
    and after, are derived again here, by the service that changed their input."""
    _require_registrar(actor)
    before = (
        Relation.objects.filter(pk=relation.pk).values_list("senior_id", "junior_id").first() if relation.pk else None
    )
    with change_batch(user=actor, label=f"relation {relation.senior_id}→{relation.junior_id}"):
        relation.full_clean()
        relation.save()
        dynasties_recompute_for({relation.senior_id, relation.junior_id, *(before or ())})
    return relation


@transaction.atomic
def relation_delete(*, actor=None, relation: Relation) -> None:
    _require_registrar(actor)
    people = {relation.senior_id, relation.junior_id}
    with change_batch(user=actor, label=f"delete relation {relation.pk}"):
        relation.delete()
        dynasties_recompute_for(people)


def dynasty_recompute(dynasty: Dynasty, *, edges: dict | None = None) -> Dynasty:
    """Rebuild a dynasty's members, generations and counts from the current relations.

    `edges` may hold the relation edges already read, keyed by kind ("family") and None (all kinds),
    so that rebuilding thousands of dynasties reads the relation table once."""
    kinds = None if dynasty.includes_apprentices else [Relation.Kind.FAMILY]
    key = None if kinds is None else Relation.Kind.FAMILY
    if edges is not None and key not in edges:
        edges[key] = relation_edges(kinds)
    gens = graph.generations(dynasty.founder_id, edges[key] if edges is not None else relation_edges(kinds))
    existing = {m.person_id: m for m in dynasty.members.all()}
    DynastyMember.objects.filter(dynasty=dynasty).exclude(person_id__in=gens).delete()
    new, changed = [], []
    for person_id, generation in gens.items():
        member = existing.get(person_id)
        if member is None:
            new.append(DynastyMember(dynasty=dynasty, person_id=person_id, generation=generation))
        elif member.generation != generation:
            member.generation = generation
            changed.append(member)
    DynastyMember.objects.bulk_create(new)
    DynastyMember.objects.bulk_update(changed, ["generation"])
    # Bulk writes send no signals: the pages of the people who joined or changed generation are told here
    # (those who left were deleted one by one, which signals).
    pages_changed("person", [m.person_id for m in new + changed])
    dynasty.generation_count = max(gens.values())
    dynasty.member_count = len(gens)
    Dynasty.objects.filter(pk=dynasty.pk).update(
        generation_count=dynasty.generation_count, member_count=dynasty.member_count
    )
    return dynasty


def dynasties_recompute_for(person_ids) -> int:
    """Recompute every dynasty touching these people (after a relation changed). Returns how many."""
    dynasties = Dynasty.objects.filter(Q(founder_id__in=person_ids) | Q(members__person_id__in=person_ids)).distinct()
    count = 0
    for dynasty in dynasties:
        dynasty_recompute(dynasty)
        count += 1
    return count


@transaction.atomic
def dynasty_create(
    *, actor=None, slug: str, name, founder, discipline=None, description=None, includes_apprentices=True, **extra
) -> Dynasty:
    dynasty = Dynasty(
        slug=slug,
        name=name,
        founder=founder,
        discipline=discipline,
        description=description or {},
        includes_apprentices=includes_apprentices,
        **extra,
    )
    return dynasty_save(actor=actor, dynasty=dynasty)


@transaction.atomic
def dynasty_save(*, actor=None, dynasty: Dynasty) -> Dynasty:
    """Add or change a dynasty; its members and generations are derived again from the relations."""
    _require_registrar(actor)
    with change_batch(user=actor, label=f"dynasty {dynasty.slug}"):
        dynasty.full_clean()
        dynasty.save()
        dynasty_recompute(dynasty)
    return dynasty


@transaction.atomic
def dynasty_delete(*, actor=None, dynasty: Dynasty) -> None:
    _require_registrar(actor)
    with change_batch(user=actor, label=f"delete dynasty {dynasty.slug}"):
        dynasty.delete()


def person_relations_move(*, keep, absorb) -> None:
    """A merge: the absorbed record's relations and founded dynasties become the kept one's (people.merging)."""
    from craftcity.people.merging import fill_blanks

    for side, other_side in (("senior", "junior"), ("junior", "senior")):
        for relation in Relation.objects.filter(**{side: absorb}).order_by("id"):
            other_id = getattr(relation, f"{other_side}_id")
            if other_id == keep.pk:
                relation.delete()  # the two were linked; as one person the link would point at itself
                continue
            twin = Relation.objects.filter(kind=relation.kind, **{side: keep, f"{other_side}_id": other_id}).first()
            if twin is not None:
                fill_blanks(twin, relation, ["start_year", "end_year"])
                relation.delete()
                continue
            setattr(relation, side, keep)
            relation.full_clean()
            relation.save()
    for dynasty in Dynasty.objects.filter(founder=absorb).order_by("id"):
        dynasty.founder = keep
        dynasty.save()


def dynasties_follow_undo(batch) -> None:
    """After an undo (audit.services.register_undo_follower): dynasties touched by the batch's relations and
    dynasties are derived again from the relations as they now are."""
    people = set()
    for senior, junior in Relation.history.filter(batch=batch).values_list("senior_id", "junior_id"):
        people.update((senior, junior))
    dynasty_ids = set(Dynasty.history.filter(batch=batch).values_list("id", flat=True))
    if people:
        dynasties_recompute_for(people)
    for dynasty in Dynasty.objects.filter(pk__in=dynasty_ids):
        dynasty_recompute(dynasty)
