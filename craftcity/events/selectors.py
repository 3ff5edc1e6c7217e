"""Reads for the calendar, event pages, organisers' lists and results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, F, Prefetch, Q, Value, When
from django.utils import timezone

from .models import Application, Competition, Criterion, Event, EventOrganization, Juror, Participant, Score
from .scoring import CriterionSpec, rank, weighted_totals


def still_on(now: dt.datetime, *, through: str = "") -> Q:
    """Events still on the calendar at `now`: not over yet, or begun within the last day (many have no end).

    `through` is the path to the event from the model queried, e.g. "event__" for participants."""
    return Q(**{f"{through}ends_at__gte": now}) | Q(**{f"{through}starts_at__gte": now - dt.timedelta(days=1)})


def still_on_until(event) -> dt.datetime:
    """The moment `event` leaves the calendar's "still on" (see `still_on`)."""
    ends = event.starts_at + dt.timedelta(days=1)
    return max(ends, event.ends_at) if event.ends_at else ends


def calendar_events(
    *,
    kind: str = "",
    place: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    q: str = "",
    include_past: bool = False,
):
    """Published events for the calendar, filtered; an event shows while it is running."""
    events = Event.objects.public().select_related("place", "parent")
    if kind:
        events = events.filter(kind=kind)
    if place:
        events = events.filter(place__slug=place)
    if start:
        day = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
        events = events.filter(Q(ends_at__gte=day) | Q(ends_at__isnull=True, starts_at__gte=day))
    elif not include_past:
        events = events.filter(still_on(timezone.now()))
    if end:
        events = events.filter(
            starts_at__lt=timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
        )
    if q:
        events = events.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    return events.order_by("starts_at", "slug")


def event_detail(slug: str):
    return (
        Event.objects.public()
        .select_related("place", "parent", "call", "competition")
        .prefetch_related(
            Prefetch("sub_events", queryset=Event.objects.public().select_related("place")),
            Prefetch("organizations", queryset=EventOrganization.objects.select_related("organization")),
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("person__country").prefetch_related("person__names"),
            ),
        )
        .get(slug=slug)
    )


def public_participations(*, now: dt.datetime):
    """Participations in published events, each marked `is_past`: events still on first (soonest first), then
    past ones (latest first). For a person's page, where it is prefetched."""
    on = still_on(now, through="event__")
    return (
        Participant.objects.filter(event__in=Event.objects.public())
        .select_related("event")
        .annotate(is_past=Case(When(on, then=Value(False)), default=Value(True)))
        .order_by(
            "is_past",
            Case(When(on, then=F("event__starts_at"))).asc(nulls_last=True),
            F("event__starts_at").desc(),
            "event_id",
            "role",
        )
    )


def organiser_applications(*, event: Event, status: str = "", stage: str = "", checked_in: str = ""):
    rows = (
        Application.objects.filter(call__event=event)
        .select_related("person__country", "category")
        .prefetch_related("person__names")
    )
    if status:
        rows = rows.filter(status=status)
    if stage:
        rows = rows.filter(stage=stage)
    if checked_in in ("yes", "no"):
        rows = rows.filter(checked_in_at__isnull=checked_in == "no")
    return rows.order_by("created_at", "pk")


def competition_results(competition: Competition):
    """Ranked entries (scoring.Ranked) from every complete score set of every juror."""
    criteria = [
        CriterionSpec(c.pk, float(c.weight), c.min_score, c.max_score)
        for c in Criterion.objects.filter(competition=competition)
    ]
    rows = Score.objects.filter(juror__competition=competition).values_list(
        "juror_id", "application_id", "criterion_id", "value"
    )
    totals = weighted_totals(criteria, rows.iterator(chunk_size=5000))
    chair = Juror.objects.filter(competition=competition, is_chair=True).values_list("pk", flat=True).first()
    order = {
        pk: n
        for n, pk in enumerate(
            Application.objects.filter(call__event__competition=competition)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
    }
    return rank(totals, chair=chair, order=order)


@dataclass(frozen=True)
class WorklistEntry:
    """One entry a juror scores: the application, the name shown (None when judging is blind), the juror's
    conflicts with it (scoring is refused while there are any) and their scores so far by criterion id."""

    application: Application
    name: str | None
    conflicts: list[str]
    scores: dict[int, object]


def juror_worklist(juror: Juror) -> list[WorklistEntry]:
    """The confirmed entries of the juror's competition (of their categories, if they were given some), in
    submission order: the one worklist the jury page and the API both show."""
    from .conflicts import juror_conflicts

    competition = juror.competition
    conflicts = juror_conflicts(juror)
    mine: dict[int, dict[int, object]] = {}
    for application_id, criterion_id, value in juror.scores.values_list("application_id", "criterion_id", "value"):
        mine.setdefault(application_id, {})[criterion_id] = value
    entries = Application.objects.filter(call__event=competition.event, status=Application.Status.CONFIRMED)
    assigned = set(juror.categories.values_list("pk", flat=True))
    if assigned:
        entries = entries.filter(category_id__in=assigned)
    entries = entries.select_related("person", "category").prefetch_related("person__names").order_by("pk")
    return [
        WorklistEntry(
            application=entry,
            name=None if competition.is_blind else entry.person.display_name,
            conflicts=conflicts.get(entry.pk, []),
            scores=mine.get(entry.pk, {}),
        )
        for entry in entries
    ]
