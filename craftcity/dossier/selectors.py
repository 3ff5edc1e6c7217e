"""Reads for the dashboard and the dossier: indicators at a date, year-over-year series, due reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .asof import Timeline
from .indicators import REGISTRY, Indicator, Result, compute
from .models import ReportingObligation

REMINDER_DAYS = 180


@dataclass
class Computed:
    indicator: Indicator
    result: Result
    series: list[tuple[str, int]]  # (label, total), oldest first; the last point is the as-of date


def indicators_as_of(as_of: dt.date, *, codes=None, timeline: Timeline | None = None) -> dict[str, Result]:
    """Every registered indicator (or those named) as of the end of a day, in registry order."""
    snapshot = (timeline or Timeline()).at(as_of)
    return {code: compute(indicator, snapshot) for code, indicator in REGISTRY.items() if not codes or code in codes}


def series_points(as_of: dt.date, years: int = 4) -> list[tuple[str, dt.date]]:
    """31 December of each of the `years` years before the as-of date's year, then the as-of date."""
    points = [(str(year), dt.date(year, 12, 31)) for year in range(as_of.year - years, as_of.year)]
    return [*points, (as_of.strftime("%Y-%m-%d"), as_of)]


def indicators_with_series(
    as_of: dt.date, *, codes=None, years: int = 4, progress=None, timeline: Timeline | None = None
) -> list[Computed]:
    """Indicators at the date with their totals at each year end before it (one timeline: each moment read once)."""
    timeline = timeline or Timeline()
    points = series_points(as_of, years)
    results_by_point = []
    for i, (_label, day) in enumerate(points):
        results_by_point.append(indicators_as_of(day, codes=codes, timeline=timeline))
        if progress:
            progress(10 + 50 * (i + 1) // len(points), f"indicators as of {day:%Y-%m-%d}")
    final = results_by_point[-1]
    return [
        Computed(
            indicator=REGISTRY[code],
            result=result,
            series=[
                (label, results[code].total) for (label, _day), results in zip(points, results_by_point, strict=True)
            ],
        )
        for code, result in final.items()
    ]


def obligations_due_soon(*, today: dt.date | None = None, days: int = REMINDER_DAYS):
    """Reports not yet submitted that are overdue or due within `days`, soonest first."""
    today = today or timezone.localdate()
    return (
        ReportingObligation.objects.exclude(status=ReportingObligation.Status.SUBMITTED)
        .filter(due_on__lte=today + dt.timedelta(days=days))
        .select_related("award__programme", "award__locality")
        .order_by("due_on", "id")
    )


def city_designations(as_of: dt.date | None = None):
    """The city titles held (granted by the date when given), with their reporting obligations."""
    from craftcity.awards.models import Award

    awards = Award.objects.filter(programme__kind="city_title", locality__isnull=False)
    if as_of:
        awards = awards.filter(year__lte=as_of.year)
    return (
        awards.select_related("programme__awarding_body", "locality")
        .prefetch_related("reporting_obligations")
        .order_by("year", "id")
    )


@dataclass
class ObligationsOverview:
    overdue: list  # not submitted, past the due date: most overdue first
    upcoming: list  # not submitted, due within REMINDER_DAYS
    later: list  # not submitted, due after that
    submitted: list  # the city's history of reports, newest first


def obligations_overview(*, today: dt.date | None = None, days: int = REMINDER_DAYS) -> ObligationsOverview:
    """Every reporting obligation in its place: overdue, upcoming, later, submitted."""
    today = today or timezone.localdate()
    every = list(
        ReportingObligation.objects.select_related("award__programme", "award__locality", "submitted_by").order_by(
            "due_on", "id"
        )
    )
    open_ = [o for o in every if o.status != ReportingObligation.Status.SUBMITTED]
    return ObligationsOverview(
        overdue=[o for o in open_ if o.due_on < today],
        upcoming=[o for o in open_ if today <= o.due_on <= today + dt.timedelta(days=days)],
        later=[o for o in open_ if o.due_on > today + dt.timedelta(days=days)],
        submitted=sorted(
            (o for o in every if o.status == ReportingObligation.Status.SUBMITTED),
            key=lambda o: (o.submitted_on, o.pk),
            reverse=True,
        ),
    )
