"""Great-circle distances and offline walking times (distance × detour factor ÷ walking speed)."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8


class CoordinateError(ValueError):
    """A latitude or longitude that is not on Earth."""


@dataclass(frozen=True, slots=True)
class Point:
    latitude: float
    longitude: float

    def __post_init__(self):
        check_coordinates(self.latitude, self.longitude)


def check_coordinates(latitude, longitude) -> None:
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise CoordinateError("Coordinates must be numbers.") from None
    if not math.isfinite(lat) or not -90 <= lat <= 90:
        raise CoordinateError(f"Latitude {latitude} is outside the world (−90 to 90).")
    if not math.isfinite(lon) or not -180 <= lon <= 180:
        raise CoordinateError(f"Longitude {longitude} is outside the world (−180 to 180).")


def haversine_m(a: Point, b: Point) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True, slots=True)
class WalkModel:
    """Streets are longer than the straight line: urban circuity is about 1.2–1.4 on foot."""

    detour: float = 1.3
    speed_kmh: float = 4.5

    def distance_m(self, a: Point, b: Point) -> float:
        return haversine_m(a, b) * self.detour

    def minutes(self, a: Point, b: Point) -> float:
        return self.distance_m(a, b) / (self.speed_kmh * 1000 / 60)

    def matrix(self, points: list[Point]) -> tuple[list[list[float]], list[list[float]]]:
        """(walking minutes, walking metres) between every pair of points."""
        n = len(points)
        minutes = [[0.0] * n for _ in range(n)]
        metres = [[0.0] * n for _ in range(n)]
        per_minute = self.speed_kmh * 1000 / 60
        for i in range(n):
            for j in range(i + 1, n):
                d = haversine_m(points[i], points[j]) * self.detour
                metres[i][j] = metres[j][i] = d
                minutes[i][j] = minutes[j][i] = d / per_minute
        return minutes, metres
