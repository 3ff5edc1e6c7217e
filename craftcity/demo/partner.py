"""A second, clearly synthetic demo city for trying the network on one machine: Sheberkent, a made-up partner
craft city whose registry is written in Russian and English (no Kazakh spelling), so the hub's search has
Cyrillic names to find from Latin queries. Loaded into its own database (`craftcity load_demo_partner`, with
CRAFTCITY_CITY_FILE=craftcity/demo/partner_city.json); every record is `is_demo` and goes with `remove_demo`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from craftcity.events.models import Event
from craftcity.events.services import event_create
from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_create
from craftcity.taxonomy.models import Discipline

from .upsert import bump

CITY_FILE = Path(__file__).with_name("partner_city.json")

# Invented people (Russian spelling, English press spelling), none of them real.
ARTISANS = [
    ("Гульнара Сейткали", "Gulnara Seitkali", "felt"),
    ("Бахтияр Каримов", "Bakhtiyar Karimov", "pottery"),
    ("Жанар Оспанова", "Zhanar Ospanova", "weaving"),
    ("Ерлан Тулегенов", "Yerlan Tulegenov", "wood-carving"),
    ("Мадина Абдуллаева", "Madina Abdullayeva", "jewellery"),
    ("Нурлан Жумабеков", "Nurlan Zhumabekov", "leather"),
    ("Айгерим Садыкова", "Aigerim Sadykova", "kurak-korpe"),
    ("Тимур Рахимов", "Timur Rakhimov", "instrument-making"),
    ("Сауле Бекова", "Saule Bekova", "textiles"),
    ("Ильяс Муратов", "Ilyas Muratov", "bone-carving"),
    ("Лаура Касымова", "Laura Kassymova", "glass"),
    ("Данияр Искаков", "Daniyar Iskakov", "yurt-making"),
]
# slug, kind, names in Russian and English, days from today, length in days
EVENTS = [
    ("sheberkent-demo-craft-fair", Event.Kind.FAIR, "Ярмарка мастеров Шеберкента (демо)", "Makers' Fair (demo)", 30, 2),
    ("sheberkent-demo-felt-festival", Event.Kind.FESTIVAL, "Фестиваль войлока (демо)", "Felt Festival (demo)", 75, 3),
]  # fmt: skip


def load_partner(*, stats: dict) -> dict:
    """The partner city's artisans and events; what is already there is left alone."""
    crafts = {d.slug: d for d in Discipline.objects.filter(slug__in={craft for *_names, craft in ARTISANS})}
    for russian, english, craft in ARTISANS:
        if PersonName.objects.filter(full_name=russian, person__is_demo=True).exists():
            continue
        person_create(
            names=[
                {"full_name": russian, "language": "ru", "form": PersonName.Form.RUSSIAN, "is_primary": True},
                {"full_name": english, "language": "en", "form": PersonName.Form.PRESS},
            ],
            is_demo=True,
            status="published",
            disciplines=[crafts[craft]] if craft in crafts else [],
        )
        bump(stats, "partner.people")
    today = timezone.localdate()
    for slug, kind, russian, english, days, length in EVENTS:
        if Event.objects.filter(slug=slug).exists():
            continue
        starts = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days), dt.time(10)))
        event_create(
            slug=slug,
            kind=kind,
            name={"ru": russian, "en": english},
            starts_at=starts,
            ends_at=starts + dt.timedelta(days=length, hours=8),
            city="Шеберкент",
            is_demo=True,
            status="published",
        )
        bump(stats, "partner.events")
    return stats


def partner_people() -> int:
    return Person.objects.filter(is_demo=True, names__full_name__in=[row[0] for row in ARTISANS]).count()
