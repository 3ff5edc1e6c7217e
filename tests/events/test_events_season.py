"""The open-air season: schedule lifecycle, attendance checked against the venue, and cancellations reaching
subscribed calendars through the iCalendar feed (STATUS:CANCELLED with a higher SEQUENCE)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from craftcity.events import services
from craftcity.events.models import Event, EventSeries
from craftcity.places.models import Place

Schedule = Event.Schedule


@pytest.fixture
def stage(db):
    place = Place(
        kind=Place.Kind.VENUE,
        slug="open-air-stage",
        name={"en": "Open-air stage", "ru": "Открытая сцена", "kk": "Ашық сахна"},
        capacity=500,
    )
    place.full_clean()
    place.save()
    return place


def _vevent(client, language="en"):
    calendar = Calendar.from_ical(client.get(f"/{language}/events/calendar.ics").content)
    return {str(item["summary"]): item for item in calendar.walk("VEVENT")}


def test_a_cancelled_event_reaches_subscribers_with_a_higher_sequence(make_event, client, stage):
    event = make_event("kui-evening", name={"en": "Kui evening"}, starts_at=timezone.now() + dt.timedelta(days=5))
    before = _vevent(client)["Kui evening"]
    assert (str(before["status"]), int(before["sequence"])) == ("CONFIRMED", 0)

    services.event_schedule_change(
        user=None, event=event, schedule=Schedule.CANCELLED, note={"en": "Storm warning"}, weather="storm"
    )
    after = _vevent(client)["Kui evening"]
    assert str(after["status"]) == "CANCELLED"
    assert int(after["sequence"]) > int(before["sequence"])
    assert str(after["uid"]) == str(before["uid"])  # the same event, so clients replace it


def test_moving_an_event_raises_the_sequence_again_and_postponed_is_tentative(make_event, client):
    event = make_event("opera", name={"en": "Opera"}, starts_at=timezone.now() + dt.timedelta(days=5))
    services.event_schedule_change(user=None, event=event, schedule=Schedule.POSTPONED)
    assert str(_vevent(client)["Opera"]["status"]) == "TENTATIVE"
    services.event_schedule_change(
        user=None, event=event, schedule=Schedule.RESCHEDULED, starts_at=timezone.now() + dt.timedelta(days=9)
    )
    item = _vevent(client)["Opera"]
    assert (str(item["status"]), int(item["sequence"])) == ("CONFIRMED", 2)


def test_held_and_cancelled_are_final_and_held_comes_only_from_attendance(make_event):
    event = make_event(starts_at=timezone.now() - dt.timedelta(hours=3))
    with pytest.raises(ValidationError, match="recording its attendance"):
        services.event_schedule_change(user=None, event=event, schedule=Schedule.HELD)
    services.event_schedule_change(user=None, event=event, schedule=Schedule.CANCELLED)
    with pytest.raises(ValidationError, match="from “cancelled” to “postponed”"):
        services.event_schedule_change(user=None, event=event, schedule=Schedule.POSTPONED)
    with pytest.raises(ValidationError, match="no attendance"):
        services.event_attendance_record(user=None, event=event, attendees=10)


def test_attendance_over_the_venues_capacity_is_refused_with_the_numbers(make_event, stage):
    event = make_event(place=stage, starts_at=timezone.now() - dt.timedelta(hours=3))
    with pytest.raises(ValidationError) as refusal:
        services.event_attendance_record(user=None, event=event, attendees=650)
    message = refusal.value.message_dict["attendees"][0]
    assert "650" in message and "500" in message and "Open-air stage" in message
    event.refresh_from_db()
    assert (event.attendees, event.schedule) == (None, Schedule.SCHEDULED)  # nothing lost, nothing half-written

    held = services.event_attendance_record(user=None, event=event, attendees="480", weather="clear")
    assert (held.attendees, held.schedule, held.weather) == (480, Schedule.HELD, "clear")


def test_attendance_is_a_whole_number_recorded_after_the_start(make_event):
    future = make_event(starts_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="after the event has begun"):
        services.event_attendance_record(user=None, event=future, attendees=5)
    past = make_event(starts_at=timezone.now() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="whole number"):
        services.event_attendance_record(user=None, event=past, attendees="lots")
    with pytest.raises(ValidationError, match="negative"):
        services.event_attendance_record(user=None, event=past, attendees=-1)


def test_only_the_events_organisers_change_its_schedule_or_attendance(make_event, make_organization, organiser_of):
    hosts, others = make_organization("hosts"), make_organization("others")
    event = make_event(organised_by=[hosts], starts_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(PermissionDenied):
        services.event_schedule_change(user=organiser_of(others), event=event, schedule=Schedule.CANCELLED)
    with pytest.raises(PermissionDenied):
        services.event_attendance_record(user=organiser_of(others, name="Басқа Ов"), event=event, attendees=3)
    own = organiser_of(hosts, name="Өз Ов")
    assert services.event_attendance_record(user=own, event=event, attendees=3).attendees == 3


def test_series_are_kept_by_registrars(make_user):
    series = EventSeries(slug="open-air-2027", name={"en": "Open-air season 2027"}, is_open_air=True, year=2027)
    with pytest.raises(PermissionDenied):
        services.event_series_save(user=make_user(role="organiser"), series=series)
    services.event_series_save(user=make_user(role="registrar"), series=series)
    assert EventSeries.objects.get().name.text("en") == "Open-air season 2027"


def test_the_season_page_shows_status_weather_and_attendance_against_capacity(make_event, client, stage):
    series = services.event_series_save(
        user=None,
        series=EventSeries(
            slug="open-air-2026", is_open_air=True, year=2026,
            name={"en": "Open-air season", "ru": "Сезон под открытым небом", "kk": "Ашық аспан маусымы"},
        ),
    )  # fmt: skip
    held = make_event("apple-evening", name={"en": "Apple evening"}, series=series, place=stage,
                      starts_at=timezone.now() - dt.timedelta(days=2))  # fmt: skip
    services.event_attendance_record(user=None, event=held, attendees=420, weather="clear")
    off = make_event("storm-evening", name={"en": "Storm evening"}, series=series, place=stage,
                     starts_at=timezone.now() + dt.timedelta(days=2))  # fmt: skip
    services.event_schedule_change(user=None, event=off, schedule=Schedule.CANCELLED, note={"en": "Storm warning"})
    for language, word in (("en", "Open-air season"), ("ru", "Сезон под открытым небом"), ("kk", "Ашық аспан маусымы")):
        page = client.get(f"/{language}/seasons/{series.slug}/").content.decode()
        assert word in page
    page = client.get(f"/en/seasons/{series.slug}/").content.decode()
    assert "420 / 500" in page and "Clear" in page
    assert "Cancelled" in page and "Storm warning" in page
    event_page = client.get(f"/en/events/{held.slug}/").content.decode()
    assert "420 people came." in event_page and f"/seasons/{series.slug}/" in event_page
