"""The UNESCO Creative Cities (music) indicators of the membership monitoring report that events answer:
music events and their attendance in the year, and international cooperation through them.

Which events are music: concerts, events of a music series (the open-air season, the planned programmes) and
aitys contests. Events are read as they stood at the end of the day (`rows_as_of`), so an attendance recorded
or a cancellation decided after the day is not counted for it. Counted are published events that had started
in the snapshot's year by the day; an event "took place" unless it was cancelled or postponed."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from craftcity.dossier.asof import rows_as_of
from craftcity.dossier.indicators import Indicator, Result, Row, T, Table, derived, register, table
from craftcity.geo.models import Country

from .models import Event, EventOrganization, EventSeries

PUBLISHED = "published"
OFF = (Event.Schedule.CANCELLED, Event.Schedule.POSTPONED)


def music_events_of_year(snap) -> list[tuple]:
    """(id, kind, starts_at, schedule, attendees, series_id, is_international) of the year's music events."""

    def compute(snap):
        from craftcity.aitys.models import Aitys

        music_series = set(EventSeries.objects.filter(field=EventSeries.Field.MUSIC).values_list("pk", flat=True))
        aitys_events = set(
            Aitys.objects.filter(created_at__lte=snap.at).values_list("competition__event_id", flat=True)
        )
        # The database keeps the published events of the year (in the city's time zone) that had started by the
        # moment, each as it stood then; the music test is left to Python (aitys events are a small set).
        year_start = timezone.make_aware(dt.datetime(snap.year, 1, 1))
        rows = rows_as_of(
            Event,
            snap.at,
            ["kind", "starts_at", "schedule", "attendees", "series_id", "is_international"],
            where=Q(status=PUBLISHED, starts_at__gte=year_start, starts_at__lte=snap.at),
        )
        return [row for row in rows if row[1] == Event.Kind.CONCERT or row[5] in music_series or row[0] in aitys_events]

    return derived(snap, "music_events_of_year", compute)


def music_events(snap) -> Result:
    rows = music_events_of_year(snap)
    took_place = [row for row in rows if row[3] not in OFF]
    counted = [row[4] for row in took_place if row[4] is not None]
    open_air = set(EventSeries.objects.filter(is_open_air=True).values_list("pk", flat=True))
    attendance = sum(counted)
    measures = [
        Row("took_place", _("Music events that took place"), (len(took_place),)),
        Row("open_air", _("Of them open-air (a season's events)"), (sum(1 for r in took_place if r[5] in open_air),)),
        Row("cancelled", _("Cancelled"), (sum(1 for r in rows if r[3] == Event.Schedule.CANCELLED),)),
        Row("postponed", _("Postponed"), (sum(1 for r in rows if r[3] == Event.Schedule.POSTPONED),)),
        Row("attendance", _("Attendance recorded"), (attendance,)),
        Row("with_attendance", _("Events with attendance recorded"), (len(counted),)),
        Row("mean_attendance", _("Mean attendance per event"), (round(attendance / len(counted)) if counted else 0,)),
    ]
    return Result(
        total=len(took_place),
        tables=[
            Table("measure", (_("value"),), measures),
            table("kind", Counter(row[1] for row in took_place), dict(Event.Kind.choices), _("events")),
        ],
    )


def music_international(snap) -> Result:
    from django.conf import settings

    rows = [row for row in music_events_of_year(snap) if row[3] not in OFF]
    home = getattr(settings, "CRAFTCITY_HOME_COUNTRY", "KZ")
    links = (
        EventOrganization.objects.filter(event_id__in=[row[0] for row in rows])
        .exclude(organization__country__isnull=True)
        .exclude(organization__country__iso_code=home)
        .values_list("event_id", "organization_id", "organization__country__iso_code")
    )
    foreign_events, partners, countries = set(), set(), Counter()
    seen = set()
    for event, organization, country in links:
        foreign_events.add(event)
        partners.add(organization)
        if (event, country) not in seen:
            seen.add((event, country))
            countries[country] += 1
    international = {row[0] for row in rows if row[6]} | foreign_events
    labels = {country.iso_code: country.name for country in Country.objects.all()}
    measures = [
        Row("international_events", _("International music events"), (len(international),)),
        Row("with_foreign_partners", _("Music events with organisers or partners abroad"), (len(foreign_events),)),
        Row("foreign_partners", _("Organizations abroad taking part"), (len(partners),)),
    ]
    return Result(
        total=len(international),
        tables=[
            Table("measure", (_("value"),), measures),
            table("country", countries, labels, _("events")),
        ],
    )


for _indicator in [
    Indicator(
        "music_events",
        T("Музыкалық іс-шаралар және келушілер", "Музыкальные мероприятия и посещаемость",
          "Music events and attendance"),
        T(
            "Жыл ішінде осы күнге дейін басталған музыкалық іс-шаралар (концерттер, музыкалық сериялар, айтыстар): "
            "өткендері, ашық аспан астындағылары, тоқтатылған және кейінге қалдырылғандары, тіркелген келушілер. "
            "Жиыны — өткен іс-шаралар.",
            "Музыкальные мероприятия (концерты, музыкальные серии, айтысы), начавшиеся в году к этой дате: "
            "состоявшиеся, под открытым небом, отменённые и перенесённые, учтённая посещаемость. "
            "Итог — состоявшиеся мероприятия.",
            "Music events (concerts, music series, aitys contests) that had started in the year by the date: those "
            "that took place, the open-air ones, cancelled and postponed, and the attendance recorded. The total "
            "counts events that took place.",
        ),
        ("measure", "kind"),
        music_events,
        section="music",
    ),
    Indicator(
        "music_international",
        T("Музыкадағы халықаралық ынтымақтастық", "Международное сотрудничество в музыке",
          "International cooperation in music"),
        T(
            "Жыл ішінде өткен халықаралық музыкалық іс-шаралар және шетелдік ұйымдар ұйымдастырған не серіктес "
            "болған іс-шаралар, ел бойынша.",
            "Международные музыкальные мероприятия года и мероприятия с организаторами или партнёрами из-за "
            "рубежа, по странам.",
            "The year's international music events and those with organisers or partners abroad, by country.",
        ),
        ("measure", "country"),
        music_international,
        section="music",
    ),
]:  # fmt: skip
    register(_indicator)
