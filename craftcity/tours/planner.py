"""The tour planner: wanted crafts, artisans or places → candidate stops with that day's hours → tourkit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from craftcity.places.models import Place
from tourkit import Point, Problem, Stop, solve
from tourkit.geo import CoordinateError
from tourkit.hours import HoursError, day_hours
from tourkit.model import PlanError, SkipReason

from .hours import holiday_country
from .selectors import walk_model

MAX_CANDIDATES = 400


def skip_message(reason: SkipReason) -> str:
    return {
        SkipReason.CLOSED: _("closed on that day"),
        SkipReason.TOO_FAR: _("too far to reach and visit within your time"),
        SkipReason.NOT_OPEN_IN_TIME: _("not open while you can be there"),
        SkipReason.OVER_BUDGET: _("did not fit in your time together with the other stops"),
    }[reason]


@dataclass
class PlannedVisit:
    number: int
    place: Place
    latitude: float
    longitude: float
    exact: bool
    address: str
    arrive: dt.time
    begin: dt.time
    leave: dt.time
    wait_minutes: int
    walk_minutes: int
    walk_metres: int


@dataclass
class PlanResult:
    date: dt.date
    start: tuple[float, float]
    start_time: dt.time
    budget_minutes: int
    visits: list[PlannedVisit] = field(default_factory=list)
    skipped: list[tuple[Place, str, str]] = field(default_factory=list)  # place, reason code, message
    is_holiday: bool = False
    solver: str = ""
    notice: str = ""

    @property
    def walk_minutes(self) -> int:
        return sum(v.walk_minutes for v in self.visits)

    @property
    def walk_metres(self) -> int:
        return sum(v.walk_metres for v in self.visits)

    def points(self) -> list[dict]:
        return [
            {
                "number": v.number, "name": str(v.place.name), "slug": v.place.slug, "url": v.place.get_absolute_url(),
                "latitude": v.latitude, "longitude": v.longitude, "exact": v.exact, "address": v.address,
                "arrive": v.arrive.strftime("%H:%M"), "begin": v.begin.strftime("%H:%M"),
                "leave": v.leave.strftime("%H:%M"), "walk_minutes": v.walk_minutes,
            }
            for v in self.visits
        ]  # fmt: skip


def _clock(minute: float) -> dt.time:
    minute = min(round(minute), 24 * 60 - 1)
    return dt.time(minute // 60, minute % 60)


def candidate_places(*, disciplines=(), people=(), places=()):
    """Published places with coordinates matching any wish; with no wish, every workshop, studio, gallery and museum."""
    qs = Place.objects.public().filter(latitude__isnull=False, longitude__isnull=False)
    wish = Q()
    if disciplines:
        wish |= Q(person__disciplines__slug__in=disciplines, person__status="published")
        wish |= Q(organization__disciplines__slug__in=disciplines)
    if people:
        wish |= Q(person__pk__in=people, person__status="published")
    if places:
        wish |= Q(slug__in=places)
    qs = qs.filter(wish) if wish else qs.filter(kind__in=["workshop", "studio", "gallery", "museum", "shop"])
    return qs.select_related("locality", "person").distinct().order_by("slug")[:MAX_CANDIDATES]


def tour_plan(
    *,
    date: dt.date,
    start_time: dt.time,
    budget_minutes: int,
    latitude: float | None = None,
    longitude: float | None = None,
    start_place: Place | None = None,
    disciplines=(),
    people=(),
    places=(),
    max_stops: int | None = None,
    solver: str = "auto",
    viewer=None,
) -> PlanResult:
    """Plan a walking day. Raises ValidationError with field keys for input that cannot be planned."""
    if budget_minutes is None or budget_minutes <= 0:
        raise ValidationError({"budget_minutes": [_("The time budget must be more than zero minutes.")]})
    if start_place is not None:
        point = start_place.public_coordinates(viewer)
        if point is None:
            raise ValidationError({"start_place": [_("This place has no location on the map.")]})
        latitude, longitude = point[0], point[1]
    if latitude is None or longitude is None:
        raise ValidationError({"start": [_("Give a start point: a place, or a latitude and longitude.")]})
    try:
        start = Point(float(latitude), float(longitude))
    except CoordinateError as error:
        raise ValidationError(
            {"start": [_("The start point is outside the world: %(error)s") % {"error": error}]}
        ) from None

    result = PlanResult(date=date, start=(start.latitude, start.longitude), start_time=start_time,
                        budget_minutes=budget_minutes)  # fmt: skip
    stops, by_slug, unreadable = [], {}, []
    for place in candidate_places(disciplines=disciplines, people=people, places=places):
        point = place.public_coordinates(viewer)
        try:
            hours = day_hours(place.opening_hours, date, country=holiday_country())
        except HoursError:
            unreadable.append(place)
            continue
        result.is_holiday = result.is_holiday or hours.is_holiday
        by_slug[place.slug] = (place, point)
        stops.append(Stop(place.slug, Point(point[0], point[1]), place.visit_minutes, hours.windows, name=str(place)))
    for place in unreadable:
        result.skipped.append((place, "unreadable_hours", _("its opening hours cannot be read")))
    if not stops:
        result.notice = _("No place matches what you chose.") if not unreadable else ""
        return result
    try:
        problem = Problem(start, start_time.hour * 60 + start_time.minute, budget_minutes, stops,
                          walk=walk_model(), max_stops=max_stops)  # fmt: skip
    except PlanError as error:
        raise ValidationError({"budget_minutes": [str(error)]}) from None
    plan = solve(problem, solver=solver, time_limit=1.0)
    result.solver = plan.solver
    for number, visit in enumerate(plan.visits, start=1):
        place, point = by_slug[visit.stop_id]
        result.visits.append(
            PlannedVisit(
                number=number, place=place, latitude=point[0], longitude=point[1], exact=point[2],
                address=place.public_address(viewer), arrive=_clock(visit.arrive), begin=_clock(visit.begin),
                leave=_clock(visit.leave), wait_minutes=round(visit.wait), walk_minutes=round(visit.walk_minutes),
                walk_metres=round(visit.walk_metres),
            )
        )  # fmt: skip
    for skip in plan.skipped:
        result.skipped.append((by_slug[skip.stop_id][0], skip.reason.value, skip_message(skip.reason)))
    if not plan.visits:
        if all(s.reason is SkipReason.CLOSED for s in plan.skipped):
            result.notice = _("Every place you chose is closed on that day. Try another date.")
        else:
            result.notice = _("None of the places you chose fits in your time. Allow more time or start closer.")
    return result
