"""Reads for tours and the route of a tour as visitors may see it (home workshops only near their district)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from tourkit.geo import Point, WalkModel

from .models import Tour, TourStop


def walk_model() -> WalkModel:
    from django.conf import settings

    return WalkModel(
        detour=getattr(settings, "CRAFTCITY_WALK_DETOUR", 1.3), speed_kmh=getattr(settings, "CRAFTCITY_WALK_KMH", 4.5)
    )


def tour_list():
    return Tour.objects.public().prefetch_related(_stops()).order_by("slug")


def tour_detail(*, slug: str) -> Tour:
    return Tour.objects.public().prefetch_related(_stops()).get(slug=slug)


def _stops():
    return Prefetch(
        "stops",
        queryset=TourStop.objects.filter(place__status="published")
        .select_related("place__locality")
        .order_by("position"),
    )


@dataclass
class RouteStop:
    number: int
    stop: TourStop
    point: tuple[float, float, bool] | None  # (lat, lon, exact)
    address: str
    walk_minutes: float  # from the previous stop
    walk_metres: float
    arrive_minute: float  # minutes from the start of the tour


@dataclass
class Route:
    stops: list[RouteStop]
    walk_minutes: float
    walk_metres: float
    visit_minutes: int

    @property
    def duration_minutes(self) -> float:
        return self.walk_minutes + self.visit_minutes


def tour_route(tour: Tour, viewer=None) -> Route:
    """Stops in order with public locations, walking legs and running times."""
    walk = walk_model()
    result, previous, clock, total_walk, total_metres, visits = [], None, 0.0, 0.0, 0.0, 0
    for number, stop in enumerate(tour.stops.all(), start=1):
        point = stop.place.public_coordinates(viewer)
        minutes = metres = 0.0
        if point and previous:
            here, there = Point(previous[0], previous[1]), Point(point[0], point[1])
            minutes, metres = walk.minutes(here, there), walk.distance_m(here, there)
        clock += minutes
        result.append(RouteStop(number, stop, point, stop.place.public_address(viewer), minutes, metres, clock))
        clock += stop.visit_minutes
        total_walk += minutes
        total_metres += metres
        visits += stop.visit_minutes
        previous = point or previous
    return Route(result, total_walk, total_metres, visits)
