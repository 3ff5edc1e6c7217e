"""Writing many people at once: the bulk door to the registry, used by imports.

A list of 100,000 artisans cannot go through `person_create` one row at a time (about 20 queries each), so
this module writes the same rows set-wise: people, their name forms, crafts and memberships, each with the
"+" history row that `save()` would have written, tied to the open change batch, so that `batch_undo` takes
the lot back out exactly as it would take back single writes. Enriching people already in the registry
(a list that names someone we know) fills blank fields and adds crafts through the ORM per person, and adds
name forms and memberships set-wise, with their history likewise.

Callers open the change batch and the transaction, and tell the page cache and the search index afterwards
(`people_bulk_create` writes without model signals).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from craftcity.audit.models import ChangeBatch
from craftcity.core.bulk import TableWriter, fast_path, insert_with_history
from craftcity.organizations.models import Membership

from .models import Person, PersonName

BULK_SIZE = 2000
# Fields an incoming list may fill on a known person when they are blank; nothing it says overwrites a value.
ENRICHED_FIELDS = ("birth_year", "gender", "phone", "email", "country_id", "region_id", "locality_id")


@dataclass
class NewPerson:
    """One person to add: model fields (by attname), name forms (the first is primary), crafts, organization."""

    fields: dict
    names: list[dict]
    discipline_ids: list[int] = field(default_factory=list)
    organization_ids: list[int] = field(default_factory=list)

    def enrich(self, enrichment: Enrichment) -> None:
        """What a later row of the same list says about this person, added before anything is written, by
        the rules of `people_enrich`: blank fields filled, new name forms, crafts and organizations."""
        for name in ENRICHED_FIELDS:
            if enrichment.fields.get(name) not in (None, "") and self.fields.get(name) in (None, ""):
                self.fields[name] = enrichment.fields[name]
        known = {_name_key(name["full_name"]) for name in self.names}
        primary = {name["language"] for name in self.names if name.get("is_primary")}
        self.names = self.names + [
            {k: v for k, v in row.items() if k != "person_id"}
            for row in _new_names(0, enrichment.names, known, primary)
        ]
        self.discipline_ids = self.discipline_ids + [
            pk for pk in enrichment.discipline_ids if pk not in self.discipline_ids
        ]
        if enrichment.organization_id and enrichment.organization_id not in self.organization_ids:
            self.organization_ids = [*self.organization_ids, enrichment.organization_id]


@dataclass
class Enrichment:
    """What an incoming row adds to a person already in the registry."""

    person_id: int
    fields: dict
    names: list[dict]
    discipline_ids: list[int] = field(default_factory=list)
    organization_id: int | None = None


class FastWriter:
    """executemany with ids from the table's sequence (SQLite, where the writer holds the write lock)."""

    def __init__(self, batch_id, user_id):
        self.batch_id, self.user_id = batch_id, user_id

    def create(self, model, rows: list[dict]) -> tuple[list[int], dict[int, int]]:
        if not rows:
            return [], {}
        return insert_with_history(model, rows, batch_id=self.batch_id, user_id=self.user_id)

    def plain(self, model, rows: list[dict]) -> list[int]:
        writer = TableWriter(model)
        pk = writer.pk.attname
        for row, new_id in zip(rows, writer.reserve_ids(len(rows)), strict=True):
            row[pk] = new_id
        writer.insert(rows)
        return [row[pk] for row in rows]


class OrmWriter:
    """bulk_create plus simple-history's bulk_history_create, tied to the change batch (other databases)."""

    def __init__(self, history_batch: ChangeBatch, actor):
        self.history_batch = history_batch
        self.user = actor if getattr(actor, "is_authenticated", False) else None

    def create(self, model, rows: list[dict]) -> tuple[list[int], dict[int, int]]:
        objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=BULK_SIZE)
        history = model.history.bulk_history_create(
            objects, batch_size=BULK_SIZE, default_user=self.user,
            custom_historical_attrs={"batch_id": self.history_batch.pk},
        )  # fmt: skip
        ids = [obj.pk for obj in objects]
        if all(row.history_id for row in history):
            return ids, {obj.pk: row.history_id for obj, row in zip(objects, history, strict=True)}
        found = model.history.model.objects.filter(batch_id=self.history_batch.pk, history_type="+")
        return ids, dict(found.values_list(model._meta.pk.attname, "history_id"))

    def plain(self, model, rows: list[dict]) -> list[int]:
        return [obj.pk for obj in model.objects.bulk_create([model(**row) for row in rows], batch_size=BULK_SIZE)]


def bulk_writer(history_batch: ChangeBatch, actor) -> FastWriter | OrmWriter:
    """The writer for this database, for the caller's own rows that belong with the people (their sources)."""
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    return FastWriter(history_batch.pk, user_id) if fast_path() else OrmWriter(history_batch, actor)


def people_bulk_create(people: Sequence[NewPerson], *, history_batch: ChangeBatch, actor, writer=None) -> list[int]:
    """Add people with their names, crafts and memberships, with history in `history_batch`; their new ids.

    The rows were checked by the caller against the models' own validation (imports use `full_clean`); this
    writes them, in the caller's transaction.
    """
    writer = writer or bulk_writer(history_batch, actor)
    person_ids, person_history = writer.create(Person, [dict(person.fields) for person in people])
    _write_disciplines(people, person_ids, person_history, writer)
    names = [
        {"person_id": person_id, **name}
        for person, person_id in zip(people, person_ids, strict=True)
        for name in person.names
    ]
    writer.create(PersonName, names)
    memberships = [
        {"person_id": person_id, "organization_id": organization_id}
        for person, person_id in zip(people, person_ids, strict=True)
        for organization_id in person.organization_ids
    ]
    writer.create(Membership, memberships)
    return person_ids


def _write_disciplines(people, person_ids: list[int], person_history: dict[int, int], writer) -> None:
    through = Person.disciplines.through
    rows = [
        {"person_id": person_id, "discipline_id": pk}
        for person, person_id in zip(people, person_ids, strict=True)
        for pk in person.discipline_ids
    ]
    if not rows:
        return
    through_ids = writer.plain(through, rows)
    # The person's "+" history row lists the disciplines it was created with, as save() and .set() would.
    m2m_history = Person.history.model._meta.get_field("historicalperson_disciplines").related_model
    writer.plain(
        m2m_history,
        [{"id": through_id, "person_id": row["person_id"], "discipline_id": row["discipline_id"],
          "history_id": person_history[row["person_id"]]}
         for row, through_id in zip(rows, through_ids, strict=True)],
    )  # fmt: skip


@transaction.atomic
def people_enrich(enrichments: Sequence[Enrichment], *, writer) -> dict[int, list[str]]:
    """Add what incoming rows know to people already in the registry: blank fields, new name forms, crafts,
    memberships. Nothing already recorded is overwritten. Returns, per person, what changed.

    Runs inside the caller's change batch. Fields and crafts go through the ORM (the person's history row
    carries its crafts); name forms and memberships, the bulk of it, through `writer` with their "+" rows.
    """
    changed: dict[int, list[str]] = {}
    people = Person.objects.in_bulk([e.person_id for e in enrichments])
    known_names: dict[int, set[str]] = {}
    primaries: dict[int, set[str]] = {}
    for person_id, full_name, language, is_primary in PersonName.objects.filter(person_id__in=people).values_list(
        "person_id", "full_name", "language", "is_primary"
    ):
        known_names.setdefault(person_id, set()).add(_name_key(full_name))
        if is_primary:
            primaries.setdefault(person_id, set()).add(language)
    crafts: dict[int, set[int]] = {}
    for person_id, discipline_id in Person.disciplines.through.objects.filter(person_id__in=people).values_list(
        "person_id", "discipline_id"
    ):
        crafts.setdefault(person_id, set()).add(discipline_id)
    members = set(Membership.objects.filter(person_id__in=people).values_list("person_id", "organization_id"))
    new_names, new_members = [], []
    for enrichment in enrichments:
        person = people.get(enrichment.person_id)
        if person is None:
            continue
        done = changed.setdefault(person.pk, [])
        filled = [
            name
            for name in ENRICHED_FIELDS
            if enrichment.fields.get(name) not in (None, "") and getattr(person, name) in (None, "")
        ]
        for name in filled:
            setattr(person, name, enrichment.fields[name])
        if filled:
            person.save(update_fields=[*filled, "updated_at"])
            done.extend(name.removesuffix("_id") for name in filled)
        new_crafts = set(enrichment.discipline_ids) - crafts.setdefault(person.pk, set())
        if new_crafts:
            person.disciplines.add(*new_crafts)
            crafts[person.pk] |= new_crafts
            done.append("disciplines")
        added = _new_names(person.pk, enrichment.names, known_names.setdefault(person.pk, set()),
                           primaries.setdefault(person.pk, set()))  # fmt: skip
        if added:
            new_names.extend(added)
            done.append("names")
        if enrichment.organization_id and (person.pk, enrichment.organization_id) not in members:
            members.add((person.pk, enrichment.organization_id))
            new_members.append({"person_id": person.pk, "organization_id": enrichment.organization_id})
            done.append("memberships")
    writer.create(PersonName, new_names)
    writer.create(Membership, new_members)
    return {pk: fields for pk, fields in changed.items() if fields}


def _name_key(full_name: str) -> str:
    return " ".join(full_name.casefold().split())


def _new_names(person_id: int, names: list[dict], known: set[str], primary_languages: set[str]) -> list[dict]:
    """The row's name as written and its derived forms, when the person has no such form yet; a form is
    primary only in a language where the person has none."""
    if not names or _name_key(names[0]["full_name"]) in known:
        return []
    rows = []
    for name in names:
        key = _name_key(name["full_name"])
        if key in known:
            continue
        known.add(key)
        is_primary = name.get("is_primary", False) and name["language"] not in primary_languages
        if is_primary:
            primary_languages.add(name["language"])
        rows.append({**name, "person_id": person_id, "is_primary": is_primary})
    return rows
