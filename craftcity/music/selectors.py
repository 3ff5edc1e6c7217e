"""Reads of the public music catalogue, each with what its screen needs fetched up front."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from craftcity.organizations.models import Organization
from craftcity.people.models import Person, public_person

from .models import (
    Caption,
    EnsembleMember,
    MusicalWork,
    MusicalWorkCredit,
    Performance,
    Recording,
    Status,
    Transmission,
)


def _public_people():
    return Person.objects.public().prefetch_related("names")


def _credits():
    """Credits a visitor may read: traditional ones, and public people's (a draft person's name stays private)."""
    return (
        MusicalWorkCredit.objects.filter(Q(person__isnull=True) | public_person("person__"))
        .select_related("person")
        .prefetch_related("person__names")
    )


def public_recordings():
    return (
        Recording.objects.public()
        .filter(work__status=Status.PUBLISHED)
        .select_related("work", "ensemble", "place")
        .prefetch_related(Prefetch("performers", queryset=_public_people()))
    )


def repertoire_list(**filters):
    return (
        MusicalWork.objects.public()
        .filter(**filters)
        .select_related("discipline", "tradition")
        .prefetch_related(Prefetch("credits", queryset=_credits()))
        .order_by("pk")
    )


def musical_work_detail(pk: int) -> MusicalWork | None:
    return (
        repertoire_list()
        .select_related("region")
        .prefetch_related(
            "instruments",
            Prefetch(
                "transmissions",
                queryset=Transmission.objects.filter(public_person("teacher__"), public_person("student__"))
                .select_related("teacher", "student", "relation")
                .prefetch_related("teacher__names", "student__names")
                .order_by("year", "pk"),
            ),
            Prefetch(
                "recordings", queryset=public_recordings().order_by("recorded_on", "pk"), to_attr="public_recordings"
            ),
            Prefetch(
                "performances",
                queryset=Performance.objects.filter(event__status="published")
                .select_related("event", "ensemble")
                .prefetch_related(Prefetch("performers", queryset=_public_people()))
                .order_by("-event__starts_at"),
                to_attr="public_performances",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def performers_of(work: MusicalWork) -> list[Person]:
    """The public people who performed or recorded the work, once each, in order of first appearance."""
    seen: dict[int, Person] = {}
    for item in [*work.public_performances, *work.public_recordings]:
        for person in item.performers.all():
            seen.setdefault(person.pk, person)
    return list(seen.values())


def recording_list(**filters):
    return public_recordings().filter(**filters).order_by("-recorded_on", "-pk")


def recording_detail(pk: int) -> Recording | None:
    return (
        public_recordings()
        .select_related("performance__event")
        .prefetch_related(Prefetch("captions", queryset=Caption.objects.order_by("kind", "language")))
        .prefetch_related(Prefetch("work__credits", queryset=_credits()))
        .filter(pk=pk)
        .first()
    )


def ensembles():
    return Organization.objects.public().filter(kind=Organization.Kind.ENSEMBLE).order_by("slug")


def ensemble_detail(slug: str) -> Organization | None:
    return (
        ensembles()
        .prefetch_related(
            Prefetch(
                "ensemble_members",
                queryset=EnsembleMember.objects.filter(public_person("person__"))
                .select_related("person", "instrument")
                .prefetch_related("person__names")
                .order_by("end_year", "-start_year", "pk"),
            ),
            Prefetch(
                "recordings", queryset=public_recordings().order_by("-recorded_on", "-pk"), to_attr="public_recordings"
            ),
        )
        .filter(slug=slug)
        .first()
    )
