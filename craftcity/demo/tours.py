"""Two curated demo tours: a museums-and-squares walk in central Almaty, and a walk through demo workshops.

The tours are invented for the demo (is_demo). The extra museum they visit is a real, public place that the
seed articles do not name; its address is public and its coordinates approximate (to about 100 m). The
opening hours given to the seed places are indicative, for the planner to have something to respect, and
are only filled in where staff have left them empty.
"""

from __future__ import annotations

from decimal import Decimal

from craftcity.places.models import Place
from craftcity.tours.models import Tour
from craftcity.tours.services import tour_create
from tourkit import Point
from tourkit.geo import haversine_m

from .seed_loader import city
from .upsert import bump, upsert_missing


def _t(kk: str, ru: str, en: str) -> dict[str, str]:
    return {"kk": kk, "ru": ru, "en": en}


PLACE_DETAILS = {
    "abai-square-palace-of-the-republic": {"opening_hours": "24/7", "visit_minutes": 20, "languages": ""},
    "kasteyev-state-museum-of-arts": {
        "opening_hours": "Tu-Su 10:00-18:00", "visit_minutes": 75, "languages": "kk, ru, en",
        "offers": _t("Қазақстан бейнелеу және қолданбалы өнерінің коллекциясы, «Шебер» финалистерінің көрмелері.",
                     "Коллекция изобразительного и прикладного искусства Казахстана, выставки финалистов «Шебер».",
                     "Kazakhstan's fine and applied art collection; exhibitions of the \"Sheber\" finalists."),
    },
}  # fmt: skip

EXTRA_PLACES = [
    {
        "slug": "museum-of-kazakh-folk-musical-instruments",
        "kind": "museum",
        "name": _t("Ықылас атындағы қазақ халық музыкалық аспаптар музейі",
                   "Музей казахских народных музыкальных инструментов им. Ыхласа",
                   "Ykylas Museum of Kazakh Folk Musical Instruments"),
        "address": _t("Алматы, Зенков көшесі, 24А", "Алматы, ул. Зенкова, 24А", "24A Zenkov St, Almaty"),
        "latitude": "43.258700", "longitude": "76.955300",
        "opening_hours": "Tu-Su 10:00-18:00", "visit_minutes": 60, "languages": "kk, ru",
        "offers": _t("Домбыра, қобыз, сыбызғы: халық аспаптарының коллекциясы.",
                     "Домбры, кобызы, сыбызгы: коллекция народных инструментов.",
                     "Dombras, kobyzes, sybyzgy flutes: a collection of folk instruments."),
    },
]  # fmt: skip

CENTRE_TOUR = {
    "slug": "almaty-squares-and-museums",
    "title": _t("Алматы: алаңдар мен музейлер", "Алматы: площади и музеи", "Almaty: squares and museums"),
    "summary": _t(
        "ALA CRAFT 2025 ашылған Абай алаңынан Қастеев музейіне, одан халық аспаптары музейіне дейін.",
        "От площади Абая, где открылся ALA CRAFT 2025, к музею Кастеева и музею народных инструментов.",
        "From Abai Square, where ALA CRAFT 2025 opened, to the Kasteyev Museum and the folk instruments museum.",
    ),
    "stops": [
        ("abai-square-palace-of-the-republic", 20,
         _t("Фестиваль осы жерде 2025 жылғы 4 қазанда ашылды.", "Здесь 4 октября 2025 года открылся фестиваль.",
            "The festival opened here on 4 October 2025.")),
        ("kasteyev-state-museum-of-arts", 75,
         _t("«Шебер» байқауының финалистері осында көрмеге қойылды.", "Здесь выставлялись финалисты конкурса «Шебер».",
            "The \"Sheber\" competition finalists were exhibited here.")),
        ("museum-of-kazakh-folk-musical-instruments", 60,
         _t("Музыка қаласының аспаптары.", "Инструменты города музыки.", "The instruments of a city of music.")),
    ],
}  # fmt: skip

WORKSHOPS_TOUR = {
    "slug": "almaty-workshops-walk",
    "title": _t("Шеберханалар серуені", "Прогулка по мастерским", "A walk through the workshops"),
    "summary": _t(
        "Орталыққа жақын бірнеше шеберхана (демо деректер).",
        "Несколько мастерских недалеко от центра (демо-данные).",
        "A few workshops near the centre (demo data).",
    ),
}


def load_tours(*, stats: dict) -> None:
    almaty = city("Almaty")
    for slug, details in PLACE_DETAILS.items():
        place = Place.objects.filter(slug=slug).first()
        if place is not None:
            upsert_missing(Place, {"slug": slug}, details, stats)
            if place.visit_minutes == Place._meta.get_field("visit_minutes").default:  # never set by staff
                Place.objects.filter(pk=place.pk).update(visit_minutes=details["visit_minutes"])
    for row in EXTRA_PLACES:
        values = {k: v for k, v in row.items() if k not in ("slug", "latitude", "longitude")}
        values.update(locality=almaty, is_address_public=True,
                      latitude=Decimal(row["latitude"]), longitude=Decimal(row["longitude"]))  # fmt: skip
        upsert_missing(Place, {"slug": row["slug"]}, values, stats)
    if not Tour.objects.filter(slug=CENTRE_TOUR["slug"]).exists():
        stops = [
            {"place": slug, "visit_minutes": minutes, "text": text} for slug, minutes, text in CENTRE_TOUR["stops"]
        ]
        tour_create(slug=CENTRE_TOUR["slug"], title=CENTRE_TOUR["title"], summary=CENTRE_TOUR["summary"],
                    stops=stops, is_demo=True)  # fmt: skip
        bump(stats, "tours.tour.created")
    _load_workshops_tour(stats)


def _load_workshops_tour(stats: dict) -> None:
    """The five open demo workshops nearest to Abai Square, ordered by a walk from the square."""
    if Tour.objects.filter(slug=WORKSHOPS_TOUR["slug"]).exists():
        return
    square = Point(43.2379, 76.9455)
    workshops = [
        p for p in Place.objects.public().filter(is_demo=True, kind=Place.Kind.WORKSHOP, latitude__isnull=False)
        .exclude(opening_hours="")
    ]  # fmt: skip
    if len(workshops) < 3:
        return  # no synthetic community loaded
    workshops.sort(key=lambda p: haversine_m(square, Point(float(p.latitude), float(p.longitude))))
    chosen, here = [], square
    pool = workshops[:5]
    while pool:  # nearest neighbour from the square is good enough for five stops
        nearest = min(pool, key=lambda p: haversine_m(here, Point(float(p.latitude), float(p.longitude))))
        pool.remove(nearest)
        chosen.append(nearest)
        here = Point(float(nearest.latitude), float(nearest.longitude))
    stops = [
        {"place": place, "visit_minutes": 30,
         "text": _t("Шебермен танысыңыз.", "Познакомьтесь с мастером.", "Meet the maker at work.")}
        for place in chosen
    ]  # fmt: skip
    tour_create(slug=WORKSHOPS_TOUR["slug"], title=WORKSHOPS_TOUR["title"], summary=WORKSHOPS_TOUR["summary"],
                stops=stops, is_demo=True)  # fmt: skip
    bump(stats, "tours.tour.created")
