"""The registry as it stood at a moment, read from the change history.

Every registry model keeps a historical table (django-simple-history): for each record, the newest
historical row written at or before the moment says whether it existed then and with which values
("-" rows mark deletions). Records that have no historical row up to that moment but exist now were
written by bulk loaders that skip history (`generate_people`): they are taken as they are today,
existing since their `created_at` (models without `created_at` count them only when they have no
history at all). That fallback is the one approximation; ordinary writes always leave history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.db.models import Max, Min, Q
from django.utils import timezone

from craftcity.awards.models import Award, AwardProgramme
from craftcity.core.dates import add_years
from craftcity.lineage.models import Dynasty, Relation
from craftcity.organizations.models import Membership, Organization
from craftcity.people import models as people_models
from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.support.models import Grant

# Who is a practitioner: the people app's one definition (PersonQuerySet.practitioners), read from history.
PRACTITIONER_OCCUPATIONS = set(people_models.PRACTITIONER_OCCUPATIONS)
PUBLISHED = "published"
# The models whose history the dossier reads: their first and last change bound the data.
TRACKED_MODELS = [Person, Organization, Membership, Relation, Dynasty, Place, Award, Grant]


class NoDataError(ValueError):
    """The moment asked for lies before the first record of the registry."""


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of a calendar day in the site's time zone: 'as of 31 Dec' includes that day."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def _has_created_at(model) -> bool:
    return any(f.name == "created_at" for f in model._meta.concrete_fields)


def rows_as_of(model: type[models.Model], at: dt.datetime, fields: list[str], *, where: Q | None = None) -> list[tuple]:
    """(id, *fields) of every record of `model` as it was at `at`, ordered by id.

    `where` (a Q on the model's own field names, the historical model has the same) keeps only the records whose
    state at `at` matches it: the database picks each record's state first and filters that, so an indicator
    that wants a few records of a large table (the 2,000 grant holders among 100,000 people) reads only those."""
    historical = model.history.model
    last = historical.objects.filter(history_date__lte=at).values("id").annotate(last=Max("history_id")).values("last")
    tracked = historical.objects.filter(history_id__in=last).exclude(history_type="-")
    untracked = untracked_as_of(model, at)
    if where is not None:
        tracked, untracked = tracked.filter(where), untracked.filter(where)
    rows = list(tracked.values_list("id", *fields)) + list(untracked.values_list("id", *fields))
    rows.sort(key=lambda row: row[0])
    return rows


def last_history_ids(model, at: dt.datetime):
    """Subquery of the historical row that describes each record at `at` (deletions included)."""
    historical = model.history.model
    return historical.objects.filter(history_date__lte=at).values("id").annotate(last=Max("history_id")).values("last")


def untracked_as_of(model, at: dt.datetime) -> models.QuerySet:
    """Today's records that no historical row describes at `at` but that existed then (bulk-loaded data)."""
    historical = model.history.model
    if _has_created_at(model):
        return model._default_manager.filter(created_at__lte=at).exclude(
            pk__in=historical.objects.filter(history_date__lte=at).values("id")
        )
    return model._default_manager.exclude(pk__in=historical.objects.values("id"))


def data_span(at: dt.datetime | None = None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """(first, last) moment the registry changed, the last one counted up to `at` when given."""
    firsts, lasts = [], []
    for model in TRACKED_MODELS:
        historical = model.history.model
        span = historical.objects.aggregate(first=Min("history_date"))
        firsts.append(span["first"])
        upto = historical.objects.filter(history_date__lte=at) if at else historical.objects.all()
        lasts.append(upto.aggregate(last=Max("history_date"))["last"])
        if _has_created_at(model):
            current = model._default_manager.all()
            firsts.append(current.aggregate(first=Min("created_at"))["first"])
            upto = current.filter(created_at__lte=at) if at else current
            lasts.append(upto.aggregate(last=Max("created_at"))["last"])
    firsts = [value for value in firsts if value]
    lasts = [value for value in lasts if value]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


@dataclass(frozen=True)
class PersonRow:
    id: int
    status: str
    occupation: str
    gender: str
    birth_year: int | None
    death_year: int | None
    country_id: int | None
    region_id: int | None
    merged_into_id: int | None


PERSON_FIELDS = ["status", "occupation", "gender", "birth_year", "death_year", "country_id", "region_id"]


class Snapshot:
    """The registry at one moment; each part is read once, on first use. Snapshots of other moments
    (a year earlier, for trends) come from the same `Timeline`, so each moment is read once."""

    def __init__(self, day: dt.date, timeline: Timeline | None = None):
        self.day = day
        self.at = end_of_day(day)
        self.year = day.year
        self.timeline = timeline or Timeline()
        self.timeline.snapshots.setdefault(day, self)
        self.derived: dict = {}  # figures several indicators share, computed once (indicators.derived)

    def earlier(self, *, years: int = 1) -> Snapshot:
        return self.timeline.at(add_years(self.day, -years))

    # --- people ------------------------------------------------------------------------------------

    @cached_property
    def people(self) -> dict[int, PersonRow]:
        rows = rows_as_of(Person, self.at, [*PERSON_FIELDS, "merged_into_id"])
        return {row[0]: PersonRow(*row) for row in rows}

    def is_practitioner(self, p: PersonRow) -> bool:
        """Published, not merged into another record, practising, and alive in the year."""
        return (
            p.status == PUBLISHED
            and p.merged_into_id is None
            and p.occupation in PRACTITIONER_OCCUPATIONS
            and (p.death_year is None or p.death_year >= self.year)
        )

    @cached_property
    def practitioners(self) -> list[PersonRow]:
        """Published, not merged into another record, practising, and alive in the year, by id."""
        year = self.year  # the test written out (not is_practitioner): this runs over every person of the registry
        return [
            p
            for p in self.people.values()
            if p.status == PUBLISHED
            and p.merged_into_id is None
            and p.occupation in PRACTITIONER_OCCUPATIONS
            and (p.death_year is None or p.death_year >= year)
        ]

    def people_among(self, ids) -> dict[int, PersonRow]:
        """{id: PersonRow} of the people `ids` (a collection or a subquery of ids) at the moment. Reads only those
        from the database, unless the whole registry has been read for this moment already (a full dossier)."""
        if "people" in self.__dict__ and not isinstance(ids, models.QuerySet):
            return {pk: self.people[pk] for pk in ids if pk in self.people}
        rows = rows_as_of(Person, self.at, [*PERSON_FIELDS, "merged_into_id"], where=Q(id__in=ids))
        return {row[0]: PersonRow(*row) for row in rows}

    def disciplines_among(self, ids) -> dict[int, tuple[int, ...]]:
        """`person_disciplines` for the people `ids` only (a collection or a subquery of ids)."""
        if "person_disciplines" in self.__dict__ and not isinstance(ids, models.QuerySet):
            return {pk: self.person_disciplines[pk] for pk in ids if pk in self.person_disciplines}
        return self._disciplines(ids)

    @cached_property
    def practitioner_ids(self) -> set[int]:
        return {p.id for p in self.practitioners}

    @cached_property
    def person_disciplines(self) -> dict[int, tuple[int, ...]]:
        """Each person's disciplines at the moment: from the historical m2m rows, or today's for bulk data."""
        return self._disciplines(None)

    def _disciplines(self, among) -> dict[int, tuple[int, ...]]:
        found: dict[int, set[int]] = defaultdict(set)
        through_history = Person.history.model._meta.get_field("historicalperson_disciplines").related_model
        historical = through_history.objects.filter(history_id__in=last_history_ids(Person, self.at))
        untracked = untracked_as_of(Person, self.at)
        if among is not None:
            historical, untracked = historical.filter(person_id__in=among), untracked.filter(pk__in=among)
        for person_id, discipline_id in historical.values_list("person_id", "discipline_id"):
            found[person_id].add(discipline_id)
        through = Person.disciplines.through
        for person_id, discipline_id in through.objects.filter(person_id__in=untracked.values("pk")).values_list(
            "person_id", "discipline_id"
        ):
            found[person_id].add(discipline_id)
        return {person_id: tuple(sorted(ids)) for person_id, ids in found.items()}

    # --- lineage -----------------------------------------------------------------------------------

    @cached_property
    def relations(self) -> list[tuple]:
        """(id, kind, senior_id, junior_id, start_year, end_year) of the relations recorded at the moment."""
        return rows_as_of(Relation, self.at, ["kind", "senior_id", "junior_id", "start_year", "end_year"])

    @cached_property
    def active_apprenticeships(self) -> list[tuple[int, int]]:
        """(master, apprentice) pairs under way in the year, both counted practitioners."""
        year, counted = self.year, self.practitioner_ids
        return sorted(
            {
                (senior, junior)
                for _id, kind, senior, junior, start, end in self.relations
                if kind == Relation.Kind.APPRENTICESHIP
                and (start is None or start <= year)
                and (end is None or end >= year)
                and senior in counted
                and junior in counted
            }
        )

    @cached_property
    def dynasties(self) -> list[tuple]:
        """(id, slug, founder_id, discipline_id, includes_apprentices) of the published dynasties."""
        rows = rows_as_of(Dynasty, self.at, ["slug", "founder_id", "discipline_id", "includes_apprentices", "status"])
        return [row[:5] for row in rows if row[5] == PUBLISHED]

    @cached_property
    def dynasty_generations(self) -> dict[int, dict[int, int]]:
        """For each dynasty, {person: generation} derived from the relations at the moment (merged and
        unpublished people dropped, as the dynasty pages drop them)."""
        from craftcity.lineage import graph

        alive = {pid for pid, p in self.people.items() if p.merged_into_id is None}
        family = graph.children_map(
            (s, j) for _id, kind, s, j, _a, _b in self.relations if kind == Relation.Kind.FAMILY
        )
        every = graph.children_map((s, j) for _id, _kind, s, j, _a, _b in self.relations)
        result = {}
        for dynasty_id, _slug, founder, _discipline, with_apprentices in self.dynasties:
            if founder not in alive:
                continue
            reached = graph.generations_below(founder, every if with_apprentices else family)
            result[dynasty_id] = {pid: gen for pid, gen in reached.items() if pid in alive}
        return result

    # --- organizations, places, awards -------------------------------------------------------------

    @cached_property
    def organizations(self) -> dict[int, tuple]:
        """{id: (kind, country_id)} of the published organizations."""
        rows = rows_as_of(Organization, self.at, ["kind", "country_id", "status"])
        return {row[0]: (row[1], row[2]) for row in rows if row[3] == PUBLISHED}

    @cached_property
    def active_memberships(self) -> list[tuple[int, int, str]]:
        """(organization, person, role) active in the year, for counted practitioners and published bodies."""
        year, counted, organizations = self.year, self.practitioner_ids, self.organizations
        rows = rows_as_of(Membership, self.at, ["organization_id", "person_id", "role", "start_year", "end_year"])
        return [
            (org, person, role)
            for _id, org, person, role, start, end in rows
            if org in organizations
            and person in counted
            and (start is None or start <= year)
            and (end is None or end >= year)
        ]

    @cached_property
    def places(self) -> dict[int, str]:
        rows = rows_as_of(Place, self.at, ["kind", "status"])
        return {row[0]: row[1] for row in rows if row[2] == PUBLISHED}

    @cached_property
    def awards(self) -> list[tuple]:
        """(id, programme_id, year, person_id, organization_id, locality_id) granted by the moment."""
        rows = rows_as_of(
            Award, self.at, ["programme_id", "year", "granted_on", "person_id", "organization_id", "locality_id"]
        )
        return [
            (row[0], row[1], row[2], row[4], row[5], row[6])
            for row in rows
            if (row[3] or dt.date(row[2], 1, 1)) <= self.day
        ]

    @cached_property
    def titles_in_force(self) -> list[tuple]:
        """(id, programme_id, person_id, organization_id, tier) of the titles and certificates held on the day:
        granted by then, not expired, not cancelled (as the history recorded them at the moment)."""
        rows = rows_as_of(
            Award,
            self.at,
            ["programme_id", "year", "granted_on", "person_id", "organization_id", "tier", "valid_until",
             "cancelled_on"],
        )  # fmt: skip
        kinds = {pk for pk, p in self.programmes.items() if p.kind in ("honour", "certificate")}
        day = self.day
        return [
            (pk, programme, person, organization, tier)
            for pk, programme, year, granted, person, organization, tier, until, cancelled in rows
            if programme in kinds
            and (granted or dt.date(year, 1, 1)) <= day
            and (until is None or day <= until)
            and (cancelled is None or day < cancelled)
        ]

    @cached_property
    def programmes(self) -> dict[int, AwardProgramme]:
        return {p.pk: p for p in AwardProgramme.objects.select_related("awarding_body")}


class Timeline:
    """The snapshots one computation uses, each built once."""

    def __init__(self):
        self.snapshots: dict[dt.date, Snapshot] = {}

    def at(self, day: dt.date) -> Snapshot:
        return self.snapshots.get(day) or Snapshot(day, self)
