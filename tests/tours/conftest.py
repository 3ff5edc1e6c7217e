import datetime as dt
from decimal import Decimal

import pytest

from craftcity.places.models import Place
from craftcity.tours.services import tour_create

TUESDAY = dt.date(2026, 4, 7)
NAURYZ = dt.date(2026, 3, 23)  # a Monday and a public holiday


@pytest.fixture
def make_place(db):
    def make(slug, lat, lon, *, hours="Mo-Su 09:00-19:00; PH off", kind="museum", **fields) -> Place:
        place = Place(
            slug=slug, kind=kind, name={"en": slug.replace("-", " ").title(), "ru": slug}, opening_hours=hours,
            latitude=Decimal(str(lat)), longitude=Decimal(str(lon)), is_address_public=fields.pop("public", True),
            address={"en": f"1 {slug} St"}, **fields,
        )  # fmt: skip
        place.full_clean()
        place.save()
        return place

    return make


@pytest.fixture
def city(make_place, make_person):
    """A square, two museums and a home workshop whose artisan did not consent to show the address."""
    artisan = make_person("Айжан Беккулова", status="published")
    return {
        "square": make_place("abai-square", 43.2379, 76.9455, hours="24/7", kind="square"),
        "museum": make_place("kasteyev", 43.2336, 76.9213, hours="Tu-Su 10:00-18:00"),
        "instruments": make_place("instruments", 43.2587, 76.9553, hours="Tu-Su 10:00-18:00; PH off"),
        "workshop": make_place(
            "felt-home",
            43.241234,
            76.951234,
            hours="Mo-Fr 10:00-17:00; PH off",
            kind="workshop",
            person=artisan,
            public=False,
        ),
    }


@pytest.fixture
def tour(city):
    return tour_create(
        slug="centre",
        title={"en": "Centre walk", "ru": "Прогулка по центру"},
        summary={"en": "Squares, museums and a felt workshop."},
        stops=[
            {"place": city["square"], "visit_minutes": 15, "text": {"en": "Start here."}},
            {"place": city["museum"], "visit_minutes": 60},
            {"place": city["workshop"], "visit_minutes": 30},
        ],
    )
