"""The UNESCO music indicators as of a date: music events and attendance in the year, international
cooperation, and grants to young musicians. What was recorded after the day does not count for it."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from craftcity.dossier.asof import Snapshot
from craftcity.dossier.indicators import REGISTRY, compute
from craftcity.events import services
from craftcity.events.models import Event, EventOrganization, EventSeries
from craftcity.geo.models import Country
from craftcity.support.models import Grant, Programme
from craftcity.support.services import grant_save, programme_save
from craftcity.taxonomy.models import CreativeField, Discipline


def _at(y, m, d):
    return timezone.make_aware(dt.datetime(y, m, d, 19))


def _backdate(mark, day):
    """Writes made since `mark` happened on `day` as far as the history knows."""
    from craftcity.dossier.asof import TRACKED_MODELS

    when = _at(day.year, day.month, day.day)
    for model in {Event, EventSeries, Programme, *TRACKED_MODELS}:
        model.history.filter(history_date__gte=mark).update(history_date=when)
        if any(field.name == "created_at" for field in model._meta.concrete_fields):
            model._default_manager.filter(created_at__gte=mark).update(created_at=when)


def _measures(result):
    return {row.key: row.values[0] for row in result.table("measure").rows}


def test_music_events_and_attendance_as_of_a_date(make_event, make_organization):
    nz = Country.objects.create(
        iso_code="NZ", name={"en": "New Zealand", "ru": "Новая Зеландия", "kk": "Жаңа Зеландия"}
    )
    mark = timezone.now()
    season = services.event_series_save(
        user=None, series=EventSeries(slug="open-air-2025", name={"en": "Open air 2025"}, is_open_air=True, year=2025)
    )
    early = make_event(kind=Event.Kind.CONCERT, starts_at=_at(2025, 5, 10))
    rained = make_event(kind=Event.Kind.FESTIVAL, series=season, starts_at=_at(2025, 7, 1))
    late = make_event(kind=Event.Kind.CONCERT, series=season, starts_at=_at(2025, 8, 1))
    partner = make_organization("nz-orchestra", country=nz)
    abroad = make_event(kind=Event.Kind.CONCERT, starts_at=_at(2025, 9, 1),
                        organizations=[(partner, EventOrganization.Role.PARTNER)])  # fmt: skip
    make_event(kind=Event.Kind.FAIR, starts_at=_at(2025, 9, 2))  # a craft fair is not a music event
    _backdate(mark, dt.date(2025, 5, 1))

    mark = timezone.now()
    services.event_attendance_record(user=None, event=early, attendees=300)
    _backdate(mark, dt.date(2025, 5, 11))
    mark = timezone.now()
    services.event_schedule_change(user=None, event=rained, schedule=Event.Schedule.CANCELLED)
    _backdate(mark, dt.date(2025, 6, 20))
    services.event_attendance_record(user=None, event=late, attendees=900)  # recorded today, long after 2025

    june = compute(REGISTRY["music_events"], Snapshot(dt.date(2025, 6, 30)))
    assert june.total == 1
    assert _measures(june)["attendance"] == 300

    year = compute(REGISTRY["music_events"], Snapshot(dt.date(2025, 12, 31)))
    measures = _measures(year)
    assert year.total == 3  # early, late, abroad; the cancelled festival and the fair do not count
    assert (measures["cancelled"], measures["open_air"]) == (1, 1)
    assert measures["attendance"] == 300  # the 900 were recorded after the day
    assert {row.key: row.values[0] for row in year.table("kind").rows} == {"concert": 3}

    today = compute(REGISTRY["music_events"], Snapshot(timezone.localdate()))
    assert today.total == 0  # the 2025 events belong to 2025's figures
    assert _measures(compute(REGISTRY["music_events"], Snapshot(dt.date(2025, 12, 31)))) == measures

    international = compute(REGISTRY["music_international"], Snapshot(dt.date(2025, 12, 31)))
    assert international.total == 1
    assert international.table("country").rows[0].key == "NZ"
    assert abroad.pk  # the partner abroad made it international


def test_grants_to_young_musicians_count_music_disciplines_and_age(make_person):
    music = CreativeField.objects.create(slug="music", name={"en": "Music"})
    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    dombra = Discipline.objects.create(field=music, slug="dombra", name={"en": "Dombra"})
    felt = Discipline.objects.create(field=crafts, slug="felt", name={"en": "Felt"})
    mark = timezone.now()
    young_musician = make_person("Жас Домбырашы", birth_year=2000, occupation="musician", disciplines=[dombra])
    old_musician = make_person("Қарт Күйші", birth_year=1950, occupation="musician", disciplines=[dombra])
    young_artisan = make_person("Жас Шебер", birth_year=2001, occupation="artisan", disciplines=[felt])
    programme = programme_save(programme=Programme(slug="young-talent", kind="grant", name={"en": "Young talent"}))
    for person in (young_musician, old_musician, young_artisan):
        grant_save(
            grant=Grant(programme=programme, person=person, amount=Decimal(500000), decided_on=dt.date(2025, 3, 1))
        )
    _backdate(mark, dt.date(2025, 3, 1))

    before = compute(REGISTRY["music_young_grants"], Snapshot(dt.date(2025, 2, 28)))
    assert before.total == 0
    result = compute(REGISTRY["music_young_grants"], Snapshot(dt.date(2025, 12, 31)))
    assert result.total == 1
    assert _measures(result)["amount"] == 500000
    assert result.table("programme").rows[0].values == (1, 500000)


def test_the_music_indicators_are_in_the_uccn_outline_in_three_languages():
    from craftcity.dossier.outlines import OUTLINES

    for code in ("music_events", "music_international", "music_young_grants"):
        assert code in OUTLINES["uccn"].indicators
        assert all(REGISTRY[code].name[language] for language in ("kk", "ru", "en"))
