"""Reads for linkage: the registry as records for the matcher, and the review queue."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from craftcity.lineage.models import Relation
from craftcity.organizations.models import Membership
from craftcity.people.models import Person, PersonName
from recordlink.normalize import normalize_craft

from .models import DuplicateCandidate

# Registry text is translated; the matcher folds kk/ru/en itself, so any language will do, but one order
# keeps the records of one run comparable.
TEXT_ORDER = ("ru", "kk", "en")


def _text(value) -> str:
    if not isinstance(value, dict):
        return str(value or "")
    for code in TEXT_ORDER:
        if value.get(code):
            return value[code]
    return next((text for text in value.values() if text), "")


def registry_records(person_ids: Iterable[int] | None = None) -> list[tuple[int, dict]]:
    """One record per name form of every active person: (person pk, row in recordlink's columns)."""
    people = Person.objects.active()
    if person_ids is not None:
        people = people.filter(pk__in=list(person_ids))
    base = {
        pk: {"birth_year": year or "", "region": _text(region), "phone": phone, "email": email}
        for pk, year, region, phone, email in people.values_list("pk", "birth_year", "region__name", "phone", "email")
    }
    # The first recorded discipline and organization stand for the person: recordlink compares one value each.
    through = Person.disciplines.through.objects.all()
    if person_ids is not None:
        through = through.filter(person_id__in=base)
    for person_id, name in through.order_by("id").values_list("person_id", "discipline__name"):
        row = base.get(person_id)
        if row is not None and "craft" not in row and normalize_craft(_text(name)):
            row["craft"] = _text(name)
    memberships = Membership.objects.all()
    if person_ids is not None:
        memberships = memberships.filter(person_id__in=base)
    for person_id, name in memberships.order_by("id").values_list("person_id", "organization__name"):
        row = base.get(person_id)
        if row is not None and "organization" not in row:
            row["organization"] = _text(name)
    names = PersonName.objects.filter(person__merged_into__isnull=True)
    if person_ids is not None:
        names = names.filter(person_id__in=base)
    records = []
    for person_id, full_name in names.order_by("person_id", "id").values_list("person_id", "full_name"):
        row = base.get(person_id)
        if row is not None:
            records.append((person_id, {"full_name": full_name, **row}))
    return records


def related_pairs(person_ids: Iterable[int] | None = None) -> set[tuple[int, int]]:
    """Pairs (low pk, high pk) linked by a lineage relation: a parent and child are never one person."""
    relations = Relation.objects.all()
    if person_ids is not None:
        ids = list(person_ids)
        relations = relations.filter(Q(senior_id__in=ids) | Q(junior_id__in=ids))
    return {(min(s, j), max(s, j)) for s, j in relations.values_list("senior_id", "junior_id")}


def candidate_queue(
    *, status: str | None = DuplicateCandidate.Status.PENDING, search: str = ""
) -> QuerySet[DuplicateCandidate]:
    """Candidates for the review screen, strongest first, with both people's names in two queries."""
    qs = DuplicateCandidate.objects.select_related("person_a", "person_b", "decided_by")
    qs = qs.prefetch_related("person_a__names", "person_b__names")
    if status:
        qs = qs.filter(status=status)
    if status == DuplicateCandidate.Status.PENDING:
        qs = qs.between_active()
    if search:
        qs = qs.filter(
            Q(person_a__names__full_name__icontains=search) | Q(person_b__names__full_name__icontains=search)
        )
        qs = qs.distinct()
    return qs.order_by("-match_weight", "id")
