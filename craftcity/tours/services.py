"""Writes for tours: each in a transaction and a change batch, validated before saving."""

from __future__ import annotations

from django.db import transaction

from craftcity.audit.context import change_batch
from craftcity.places.models import Place

from .models import Tour, TourStop


def tour_create(
    *, slug: str, title: dict, summary: dict | None = None, stops: list[dict], status: str = "published",
    is_demo: bool = False, actor=None,
) -> Tour:  # fmt: skip
    """A tour with its stops in the given order; each stop: {"place": Place, "text": {...}, "visit_minutes": n}."""
    with transaction.atomic(), change_batch(user=actor, label=f"tour {slug}"):
        tour = Tour(slug=slug, title=title, summary=summary or {}, status=status, is_demo=is_demo)
        tour.full_clean()
        tour.save()
        for position, row in enumerate(stops, start=1):
            place = row["place"]
            if not isinstance(place, Place):
                place = Place.objects.get(slug=place)
            stop = TourStop(
                tour=tour, position=position, place=place, text=row.get("text") or {},
                visit_minutes=row.get("visit_minutes", place.visit_minutes),
            )  # fmt: skip
            stop.full_clean()
            stop.save()
        return tour
