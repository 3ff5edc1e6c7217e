"""City of Music demo: a synthetic aitys of eight akyns played to a winner, the five programmes the city's
UNESCO profile plans (seed.CITIES_OF_MUSIC) grouped as a series, and a synthetic open-air season with
cancellations, weather and attendance. Everything here is demo data (is_demo) and goes with `remove_demo`;
akyns, jurors, venues and dates are invented and say so in their names."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from craftcity.aitys import services as aitys_services
from craftcity.aitys.models import Aitys, Round
from craftcity.events import services as event_services
from craftcity.events.models import Application, Call, Competition, Criterion, Event, EventSeries, Juror
from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_create
from craftcity.places.models import Place
from craftcity.places.services import place_save

from . import seed
from .events import MUSIC, _event, local_moment
from .seed_loader import city
from .upsert import bump

ALMATY = ZoneInfo("Asia/Almaty")
AITYS_SLUG = "aitys-of-young-akyns-demo"
SEASON_EVENTS = 30
# Synthetic akyns: numbered pen names, so no reader takes them for real people.
AKYNS = [("Демо ақын", "Demo akyn", n) for n in range(1, 9)]
JURORS = [("Демо қазы", "Demo juror", n) for n in range(1, 4)]


def load_aitys(*, stats: dict, seed_value: int = 2025) -> None:
    """The loader's one call: aitys, planned programmes as a series, the open-air season."""
    rng = random.Random(seed_value)
    _aitys(stats, rng)
    _planned_programmes(stats)
    _open_air_season(stats, rng)


def _person(kk: str, en: str, number: int, occupation: str) -> Person:
    slug_name = f"{en} {number}"
    existing = Person.objects.filter(is_demo=True, names__full_name=slug_name).first()
    if existing is not None:
        return existing
    return person_create(
        names=[
            {"full_name": f"{kk} {number}", "language": "kk", "form": PersonName.Form.KAZAKH_CYRILLIC,
             "is_primary": True},
            {"full_name": slug_name, "language": "en", "form": PersonName.Form.PRESS, "is_primary": True},
        ],
        is_demo=True,
        occupation=occupation,
    )  # fmt: skip


def _aitys(stats, rng):
    if Event.objects.filter(slug=AITYS_SLUG).exists():
        return
    now = timezone.now()
    event = _event(
        AITYS_SLUG,
        stats=stats,
        kind=Event.Kind.COMPETITION,
        name={
            "kk": "Жас ақындар айтысы (демо)",
            "ru": "Айтыс молодых акынов (демо)",
            "en": "Aitys of young akyns (demo)",
        },
        description={
            "kk": "Ойдан шығарылған айтыс: сегіз ақын, үш қазы, жекпе-жек кестесі. Барлығы демо деректер.",
            "ru": "Вымышленный айтыс: восемь акынов, три члена жюри, сетка поединков. Всё — демо-данные.",
            "en": "A synthetic aitys: eight akyns, a jury of three, a bracket of duels. Everything is demo data.",
        },
        starts_at=local_moment(-14, 15),
        ends_at=local_moment(-14, 20),
        place=Place.objects.filter(slug="alatau-theatre-of-traditional-art").first(),
        city="Almaty",
        is_demo=True,
    )
    # Demo people have no accounts to apply or judge from: the loader writes the call's rows as the services would.
    call = Call.objects.create(event=event, opens_at=now - dt.timedelta(days=60), closes_at=now - dt.timedelta(days=30))
    competition = Competition.objects.create(event=event)
    criteria = [
        Criterion.objects.create(competition=competition, name=name, weight=weight, position=n)
        for n, (name, weight) in enumerate([
            ({"kk": "Суырыпсалмалық", "ru": "Импровизация", "en": "Improvisation"}, 3),
            ({"kk": "Тапқырлық пен ұйқас", "ru": "Находчивость и рифма", "en": "Wit and rhyme"}, 2),
            ({"kk": "Домбыра мен әуен", "ru": "Домбра и мелодия", "en": "Dombra and melody"}, 1),
        ])
    ]  # fmt: skip
    jurors = [
        Juror.objects.create(competition=competition, person=_person(kk, en, n, Person.Occupation.MUSICIAN),
                             is_chair=n == 1)
        for kk, en, n in JURORS
    ]  # fmt: skip
    entries = []
    for index, (kk, en, n) in enumerate(AKYNS):
        person = _person(kk, en, n, Person.Occupation.AKYN)
        application = Application(call=call, person=person, status=Application.Status.CONFIRMED, language="kk")
        application.save()
        Application.objects.filter(pk=application.pk).update(created_at=now - dt.timedelta(days=50, minutes=-index))
        entries.append(application)
    bump(stats, "aitys.akyn.created", len(entries))
    aitys = aitys_services.aitys_create(user=None, competition=competition, has_audience_vote=True)
    aitys_services.aitys_draw(user=None, aitys=aitys)
    strength = {entry.pk: rng.uniform(4, 9) for entry in entries}
    while aitys.status == Aitys.Status.RUNNING:
        current = aitys.rounds.get(status=Round.Status.OPEN)
        for duel in current.duels.exclude(second__isnull=True):
            for juror in jurors:
                values = {
                    side: {str(c.pk): max(0, min(10, round(strength[side] + rng.uniform(-1.5, 1.5)))) for c in criteria}
                    for side in (duel.first_id, duel.second_id)
                }
                aitys_services.duel_scores_submit(user=None, juror=juror, duel=duel, values=values)
        aitys_services.round_close(user=None, aitys=aitys)
        aitys.refresh_from_db()
    aitys_services.aitys_results_publish(user=None, aitys=aitys)
    bump(stats, "aitys.aitys.created")


def _series(slug, stats, **fields) -> EventSeries:
    existing = EventSeries.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    bump(stats, "events.series.created")
    return event_services.event_series_save(user=None, series=EventSeries(slug=slug, is_demo=True, **fields))


def _planned_programmes(stats):
    """The profile's five planned programmes; the festival of orchestras is not yet among the demo events."""
    year = timezone.localdate().year + 1
    series = _series(
        "city-of-music-planned-programmes",
        stats,
        name={
            "kk": "Музыка қаласының жоспарланған бағдарламалары",
            "ru": "Запланированные программы Города музыки",
            "en": "The City of Music's planned programmes",
        },
        description={"kk": f"Алматының ЮНЕСКО профиліндегі бес бағдарлама; күндері демо деректер. "
                           f"Дереккөз: {seed.CITIES_OF_MUSIC}",
                     "ru": f"Пять программ из профиля Алматы в ЮНЕСКО; их даты — демо-данные. "
                           f"Источник: {seed.CITIES_OF_MUSIC}",
                     "en": f"The five programmes of Almaty's UNESCO profile; their dates are demo data. "
                           f"Source: {seed.CITIES_OF_MUSIC}"},
        field=EventSeries.Field.MUSIC,
        year=year,
    )  # fmt: skip
    orchestras = _event(
        f"open-air-festival-of-orchestras-{year}",
        stats=stats,
        kind=Event.Kind.FESTIVAL,
        name={"kk": "Оркестрлердің ашық аспан астындағы фестивалі", "ru": "Фестиваль оркестров под открытым небом",
              "en": "Open-air Music Festival of Orchestras"},
        description={"kk": "Жергілікті және ұлттық оркестрлер өнер көрсететін ашық аспан астындағы фестиваль. "
                           f"Күндері демо деректер. Дереккөз: {seed.CITIES_OF_MUSIC}",
                     "ru": "Фестиваль местных и национальных оркестров под открытым небом. Даты — демо-данные. "
                           f"Источник: {seed.CITIES_OF_MUSIC}",
                     "en": "Open-air festival showcasing local and national orchestras. Dates are demo data. "
                           f"Source: {seed.CITIES_OF_MUSIC}"},
        starts_at=dt.datetime(year, 4, 20, 18, tzinfo=ALMATY),
        ends_at=dt.datetime(year, 4, 20, 22, tzinfo=ALMATY),
        city="Almaty",
        source_url=seed.CITIES_OF_MUSIC,
        is_demo=True,
    )  # fmt: skip
    planned = {"gakku-dauysy", "koktobe-opera", "spirit-of-the-great-steppe", "star-of-asia"}
    events = [orchestras, *Event.objects.filter(slug__in=[f"{slug}-{year}" for slug, *_r in MUSIC if slug in planned])]
    event_services.event_series_events_set(user=None, series=series, events=[e for e in events if e.series_id is None])


def _venue(slug, name, capacity, stats) -> Place:
    existing = Place.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    bump(stats, "places.place.created")
    return place_save(place=Place(slug=slug, kind=Place.Kind.VENUE, name=name, capacity=capacity,
                                  locality=city("Almaty"), is_demo=True))  # fmt: skip


WEATHER_OFF = [
    ("storm", {"kk": "Дауыл туралы ескерту", "ru": "Штормовое предупреждение", "en": "Storm warning"}),
    ("rain", {"kk": "Нөсер жаңбыр", "ru": "Ливень", "en": "Heavy rain"}),
]


def _open_air_season(stats, rng):
    """Last summer's synthetic open-air season: most evenings held with attendance, some called off."""
    year = timezone.localdate().year - 1
    series = _series(
        f"open-air-season-{year}-demo",
        stats,
        name={"kk": f"Ашық аспан астындағы маусым {year} (демо)", "ru": f"Сезон под открытым небом {year} (демо)",
              "en": f"Open-air season {year} (demo)"},
        description={"kk": "Қаладағы жылына жүзге жуық ашық аспан астындағы іс-шараның (AlmaFest және басқалар) "
                           f"орнына жасалған ойдан шығарылған маусым. Бұл санның дереккөзі: {seed.CITIES_OF_MUSIC}",
                     "ru": "Вымышленный сезон вместо сотни событий под открытым небом, которые город проводит за "
                           f"год (AlmaFest и другие). Источник этой цифры: {seed.CITIES_OF_MUSIC}",
                     "en": "A synthetic season standing in for the city's hundred open-air events a year "
                           f"(AlmaFest and others). Source of that figure: {seed.CITIES_OF_MUSIC}"},
        field=EventSeries.Field.MUSIC,
        is_open_air=True,
        year=year,
    )  # fmt: skip
    if series.events.exists():
        return
    stages = [
        _venue("open-air-stage-demo", {"kk": "Ашық сахна (демо)", "ru": "Открытая сцена (демо)",
               "en": "Open-air stage (demo)"}, 2000, stats),
        _venue("park-amphitheatre-demo", {"kk": "Саябақ амфитеатры (демо)", "ru": "Амфитеатр в парке (демо)",
               "en": "Park amphitheatre (demo)"}, 800, stats),
    ]  # fmt: skip
    titles = [
        ({"kk": "Күй кеші", "ru": "Вечер кюев", "en": "Kui evening"}, Event.Kind.CONCERT),
        ({"kk": "Эстрада кеші", "ru": "Эстрадный вечер", "en": "Pop evening"}, Event.Kind.CONCERT),
        ({"kk": "Үрлемелі оркестр", "ru": "Духовой оркестр", "en": "Brass band"}, Event.Kind.CONCERT),
        ({"kk": "Джаз кеші", "ru": "Джазовый вечер", "en": "Jazz evening"}, Event.Kind.CONCERT),
    ]
    for number in range(SEASON_EVENTS):
        day = dt.date(year, 5, 15) + dt.timedelta(days=4 * number)
        name, kind = titles[number % len(titles)]
        stage = stages[number % 2]
        event = _event(
            f"open-air-{year}-{number + 1:02d}-demo",
            stats=stats,
            kind=kind,
            name={key: f"{value} (демо)" if key != "en" else f"{value} (demo)" for key, value in name.items()},
            starts_at=dt.datetime(day.year, day.month, day.day, 19, tzinfo=ALMATY),
            ends_at=dt.datetime(day.year, day.month, day.day, 22, tzinfo=ALMATY),
            place=stage,
            admission=Event.Admission.FREE,
            series=series,
            is_demo=True,
        )
        if number % 7 == 3:  # about one evening in seven called off for the weather
            weather, note = WEATHER_OFF[number % 2]
            event_services.event_schedule_change(
                user=None, event=event, schedule=Event.Schedule.CANCELLED, note=note, weather=weather
            )
        else:
            attendees = int(stage.capacity * rng.uniform(0.35, 0.95))
            weather = rng.choice(["clear", "clear", "cloudy", "heat", "wind"])
            event_services.event_attendance_record(user=None, event=event, attendees=attendees, weather=weather)
