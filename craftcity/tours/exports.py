"""A tour or a plan as GeoJSON, GPX and PDF. Only public locations go out: a home workshop without its
owner's consent appears at its district's rounded point, marked as approximate."""

from __future__ import annotations

import gpxpy
import gpxpy.gpx


def feature_collection(points: list[dict], *, line: bool = True, properties: dict | None = None) -> dict:
    """points: dicts with latitude, longitude, exact and any other properties."""
    features = []
    for item in points:
        props = {k: v for k, v in item.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [item["longitude"], item["latitude"]]},
                "properties": props,
            }
        )
    if line and len(points) > 1:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[p["longitude"], p["latitude"]] for p in points]},
                "properties": {"kind": "route", "note": "straight lines between stops, not the streets"},
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    if properties:
        collection["properties"] = properties
    return collection


def gpx_document(name: str, description: str, points: list[dict]) -> str:
    """Waypoints for the stops and a route through them in order."""
    gpx = gpxpy.gpx.GPX()
    gpx.name, gpx.description, gpx.creator = name, description, "craftcity"
    route = gpxpy.gpx.GPXRoute(name=name)
    for item in points:
        label = item["name"] if item.get("exact", True) else f"{item['name']} (~)"
        gpx.waypoints.append(
            gpxpy.gpx.GPXWaypoint(item["latitude"], item["longitude"], name=label, description=item.get("address", ""))
        )
        route.points.append(gpxpy.gpx.GPXRoutePoint(item["latitude"], item["longitude"], name=label))
    gpx.routes.append(route)
    return gpx.to_xml()


def pdf_from_html(html: str, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()
