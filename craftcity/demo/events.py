"""Demo events: the seed articles' events with their facts (seed.EVENTS), and synthetic parts marked is_demo —
dates the articles do not give for the music festivals, a training programme with a waiting list, and a
judged competition with categories, rubric, jury, scores and published winners."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from craftcity.events import services
from craftcity.events.models import (
    Application,
    Call,
    Category,
    Competition,
    Criterion,
    Event,
    EventOrganization,
    Juror,
    Participant,
    Score,
)
from craftcity.geo.models import Country
from craftcity.organizations.models import Organization
from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_create
from craftcity.places.models import Place

from . import seed
from .seed_loader import find_seed_person
from .upsert import bump

ALMATY = ZoneInfo("Asia/Almaty")


def _at(y, m, d, hour=0, minute=0):
    return dt.datetime(y, m, d, hour, minute, tzinfo=ALMATY)


def _facts(row) -> dict:
    return {"en": f"{row['facts']} Source: {row['source']}"}


def local_moment(days: int, hour: int) -> dt.datetime:
    """`hour` o'clock in the city's time zone, `days` from today: demo events begin at times a registrar would
    enter, not at the minute the loader happened to run (an aitys "05:10–10:10" read as a time-zone error)."""
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour)))


def _event(slug, *, stats, organizations=(), **fields) -> Event:
    existing = Event.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    bump(stats, "events.event.created")
    return services.event_create(slug=slug, organizations=organizations, **fields)


def _org(slug):
    return Organization.objects.filter(slug=slug).first()


def _participant(event, person, role, *, is_demo=False, stats):
    if person is not None:
        _obj, created = Participant.objects.get_or_create(
            event=event, person=person, role=role, defaults={"is_demo": is_demo}
        )
        bump(stats, "events.participant.created", int(created))


def _seed_row(name):
    return next(row for row in seed.EVENTS if row["name"] == name)


def load_events(*, stats: dict) -> None:
    _ala_craft(stats)
    _sheber(stats)
    _soul_of_tengri(stats)
    _music(stats)
    demo_people = list(Person.objects.filter(is_demo=True, user__isnull=True).order_by("pk")[:120])
    if len(demo_people) >= 30:
        _training(demo_people[:14], stats)
        _competition(demo_people[14:60], stats)


def _ala_craft(stats):
    row = _seed_row("ALA CRAFT 2025")
    supporters = [
        (org, EventOrganization.Role.SUPPORTER)
        for org in map(
            _org,
            [
                "world-crafts-council",
                "kazakh-union-of-artisans",
                "smithsonian-center-for-folklife-and-cultural-heritage",
                "almaty-tourism-department",
            ],
        )
        if org is not None
    ]
    festival = _event(
        "ala-craft-2025",
        stats=stats,
        kind=Event.Kind.FESTIVAL,
        name={"kk": "ALA CRAFT 2025", "ru": "ALA CRAFT 2025", "en": "ALA CRAFT 2025"},
        description=_facts(row),
        starts_at=_at(2025, 10, 4),
        is_all_day=True,
        is_international=True,
        place=Place.objects.filter(slug=row["place"]).first(),
        source_url=row["source"],
        organizations=supporters,
    )
    _event(
        "ala-craft-2025-opening",
        stats=stats,
        kind=Event.Kind.FESTIVAL,
        parent=festival,
        name={
            "kk": "Салтанатты ашылу: «Дүниежүзілік қолөнер қаласы» атағы",
            "ru": "Торжественное открытие: статус «Всемирный город ремёсел»",
            "en": "Grand opening: the World Craft City title announced",
        },
        starts_at=_at(2025, 10, 5),
        is_all_day=True,
        place=festival.place,
        source_url=row["source"],
    )
    for key in row["participants"]:
        _participant(festival, find_seed_person(key), Participant.Role.EXHIBITOR, stats=stats)
    # The article names artisans from the USA without naming one: a synthetic exhibitor stands in.
    american = Person.objects.filter(is_demo=True, country__iso_code="US").first()
    us = Country.objects.filter(iso_code="US").first()
    if american is None and us is not None:
        american = person_create(
            names=[
                {"full_name": "Demo Artisan (USA)", "language": "en", "form": PersonName.Form.PRESS, "is_primary": True}
            ],
            is_demo=True,
            country=us,
        )
    _participant(festival, american, Participant.Role.EXHIBITOR, is_demo=True, stats=stats)


def _sheber(stats):
    row = _seed_row("Sheber competition finalists' exhibition")
    exhibition = _event(
        "sheber-finalists-exhibition",
        stats=stats,
        kind=Event.Kind.EXHIBITION,
        name={
            "kk": "«Шебер» байқауы финалистерінің көрмесі",
            "ru": "Выставка финалистов конкурса «Шебер»",
            "en": "Sheber competition finalists' exhibition",
        },
        description={
            "en": f"{row['facts']} The article gives no date; shown at the interview's date. Source: {row['source']}"
        },
        starts_at=_at(2025, 10, 27),
        is_all_day=True,
        is_international=True,
        place=Place.objects.filter(slug=row["place"]).first(),
        source_url=row["source"],
        organizations=[(o, EventOrganization.Role.ORGANISER) for o in [_org("kasteyev-state-museum-of-arts")] if o],
    )
    for key in row["participants"]:
        _participant(exhibition, find_seed_person(key), Participant.Role.FINALIST, stats=stats)


def _soul_of_tengri(stats):
    row = _seed_row("Soul of Tengri")
    event = _event(
        "soul-of-tengri-2019",
        stats=stats,
        kind=Event.Kind.EXHIBITION,
        name={"kk": "Soul of Tengri", "ru": "Soul of Tengri", "en": "Soul of Tengri"},
        description={"en": f"{row['facts']} The article gives the year only. Source: {row['source']}"},
        starts_at=_at(2019, 1, 1),
        is_all_day=True,
        is_international=True,
        city=row["city"],
        source_url=row["source"],
    )
    _participant(event, find_seed_person("Ikramzhan Rafikov"), Participant.Role.EXHIBITOR, stats=stats)


MUSIC = [
    # slug, kind, names, fact from the City of Music profile
    ("almafest", Event.Kind.FESTIVAL, ("AlmaFest", "AlmaFest", "AlmaFest"),
     "Open-air festival built around the apple, symbol of the city; music, folk art and gastronomy."),
    ("gakku-dauysy", Event.Kind.FESTIVAL, ("Гакку дауысы", "Гакку Дауысы", "Gakku Dauysy"),
     "Open-air music festival promoting Kazakh pop music and singers."),
    ("koktobe-opera", Event.Kind.CONCERT, ("KokTobe Opera", "Опера на Кок-Тобе", "Almaty KokTobe Opera"),
     "Opera in the open air with international singers and masterpieces of classical music."),
    ("spirit-of-the-great-steppe", Event.Kind.FESTIVAL, ("Ұлы Дала рухы", "Дух Великой степи",
     "Spirit of the Great Steppe"), "International programme promoting the values of the nomadic peoples."),
    ("star-of-asia", Event.Kind.FESTIVAL, ("Азия жұлдызы", "Звезда Азии", "Star of Asia"),
     "Programme on little-known customs and traditions of Asian countries."),
    ("colisium-music-conference", Event.Kind.CONFERENCE, ("Colisium", "Colisium", "Colisium International Music "
     "Conference"), "Forum on the concert industry hosted by Almaty."),
]  # fmt: skip


def _music(stats):
    # The profile names the festivals but no dates: the dates below are demo data (is_demo), next season.
    year = timezone.localdate().year + 1
    for number, (slug, kind, (kk, ru, en), fact) in enumerate(MUSIC):
        _event(
            f"{slug}-{year}",
            stats=stats,
            kind=kind,
            name={"kk": kk, "ru": ru, "en": en},
            description={"en": f"{fact} Dates are demo data. Source: {seed.CITIES_OF_MUSIC}"},
            starts_at=_at(year, 5 + number, 10 + number, 18, 0),
            ends_at=_at(year, 5 + number, 10 + number, 22, 0),
            is_international=slug in {"spirit-of-the-great-steppe", "star-of-asia", "colisium-music-conference"},
            place=Place.objects.filter(slug="alatau-theatre-of-traditional-art").first() if kind == "concert" else None,
            city="Almaty",
            source_url=seed.CITIES_OF_MUSIC,
            is_demo=True,
        )
    # A synthetic open-air evening that was called off: a cancelled event stays on the calendar, marked so.
    _event(
        f"open-air-kui-evening-demo-{year}",
        stats=stats,
        kind=Event.Kind.CONCERT,
        name={
            "kk": "Ашық аспан астындағы күй кеші (демо)",
            "ru": "Вечер кюев под открытым небом (демо)",
            "en": "Open-air kui evening (demo)",
        },
        description={
            "kk": "Ойдан шығарылған оқиға: ауа райына байланысты өтпейді.",
            "ru": "Вымышленное событие: отменено из-за погоды.",
            "en": "A synthetic event: called off because of the weather.",
        },
        starts_at=_at(year, 6, 21, 19, 0),
        ends_at=_at(year, 6, 21, 21, 30),
        city="Almaty",
        schedule=Event.Schedule.CANCELLED,
        admission=Event.Admission.FREE,
        is_demo=True,
    )


def _application(call, person, status, *, at, **fields) -> Application:
    # Demo people have no accounts to apply from, so the loader writes the rows the service would.
    application = Application(call=call, person=person, status=status, language="kk", **fields)
    application.save()
    Application.objects.filter(pk=application.pk).update(created_at=at)
    return application


def _training(people, stats):
    now = timezone.now()
    event = _event(
        "young-artisans-felt-programme-demo",
        stats=stats,
        kind=Event.Kind.TRAINING,
        name={
            "kk": "Жас шеберлерге киіз басу курсы (демо)",
            "ru": "Курс войлоковаляния для молодых мастеров (демо)",
            "en": "Felt-making programme for young artisans (demo)",
        },
        starts_at=local_moment(30, 10),
        ends_at=local_moment(60, 17),
        is_demo=True,
    )
    if hasattr(event, "call"):
        return
    call = Call.objects.create(
        event=event,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=20),
        capacity=10,
        questions=[
            {"key": "experience", "label": {"en": "Years of practice", "ru": "Стаж, лет", "kk": "Тәжірибе, жыл"},
             "type": "number", "required": True},
            {"key": "motivation", "label": {"en": "Why this programme?", "ru": "Почему эта программа?",
             "kk": "Неге бұл бағдарлама?"}, "type": "long_text"},
        ],
    )  # fmt: skip
    for number, person in enumerate(people):
        status = Application.Status.CONFIRMED if number < 10 else Application.Status.WAITING
        _application(call, person, status, at=now - dt.timedelta(days=9, minutes=-number), answers={"experience": 2})
        bump(stats, "events.application.created")


def _competition(people, stats):
    rng = random.Random(2025)
    now = timezone.now()
    event = _event(
        "craft-competition-demo",
        stats=stats,
        kind=Event.Kind.COMPETITION,
        name={"kk": "Қолөнер байқауы (демо)", "ru": "Конкурс ремёсел (демо)", "en": "Craft competition (demo)"},
        description={
            "en": "A synthetic competition showing the jury: rubric, conflicts of interest, normalized "
            "scores and winners. Everything in it is demo data."
        },
        starts_at=local_moment(-20, 11),
        is_demo=True,
    )
    if hasattr(event, "competition"):
        return
    call = Call.objects.create(event=event, opens_at=now - dt.timedelta(days=90), closes_at=now - dt.timedelta(days=30))
    competition = Competition.objects.create(event=event, is_blind=True)
    categories = [
        Category.objects.create(competition=competition, slug=slug, name=name)
        for slug, name in [("jewellery", {"en": "Jewellery", "ru": "Ювелирное дело", "kk": "Зергерлік"}),
                           ("felt", {"en": "Felt", "ru": "Войлок", "kk": "Киіз"})]
    ]  # fmt: skip
    criteria = [
        Criterion.objects.create(competition=competition, name=name, weight=weight, max_score=10, position=n)
        for n, (name, weight) in enumerate([
            ({"en": "Mastery of technique", "ru": "Владение техникой", "kk": "Техниканы меңгеру"}, 3),
            ({"en": "Link to tradition", "ru": "Связь с традицией", "kk": "Дәстүрмен байланыс"}, 2),
            ({"en": "Originality", "ru": "Оригинальность", "kk": "Өзіндік ерекшелік"}, 1),
        ])
    ]  # fmt: skip
    jurors = [
        Juror.objects.create(competition=competition, person=p, is_chair=n == 0) for n, p in enumerate(people[:5])
    ]
    entries = [
        _application(call, person, Application.Status.CONFIRMED, at=now - dt.timedelta(days=80, minutes=-n),
                     category=categories[n % 2])
        for n, person in enumerate(people[5:])
    ]  # fmt: skip
    from craftcity.events.conflicts import juror_conflicts

    for juror in jurors:
        blocked = juror_conflicts(juror)
        for entry in entries:
            if entry.pk in blocked:
                continue
            quality = rng.uniform(3, 9)
            for criterion in criteria:
                value = max(0, min(10, round(quality + rng.uniform(-1.5, 1.5))))
                Score.objects.create(juror=juror, application=entry, criterion=criterion, value=value)
    bump(stats, "events.application.created", len(entries))
    from craftcity.events.selectors import competition_results

    ranked = [r.entry for r in competition_results(competition)]
    services.entries_advance(user=None, competition=competition, application_ids=ranked[:12], stage="shortlisted",
                             system=True)  # fmt: skip
    services.entries_advance(user=None, competition=competition, application_ids=ranked[:6], stage="finalist",
                             system=True)  # fmt: skip
    services.entries_advance(user=None, competition=competition, application_ids=ranked[:2], stage="winner",
                             system=True)  # fmt: skip
    services.results_publish(user=None, competition=competition, system=True)
