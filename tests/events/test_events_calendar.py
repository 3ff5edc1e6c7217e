"""The public calendar and event pages in three languages, and the iCalendar feeds parsed back."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar

from craftcity.events.models import Event, EventOrganization
from craftcity.search.services import search

ALMATY = ZoneInfo("Asia/Almaty")


def _festival(make_event, make_organization):
    union = make_organization("kazakh-union", name={"en": "Kazakh Union of Artisans", "ru": "Союз ремесленников"})
    festival = make_event(
        "ala-craft",
        name={"en": "ALA CRAFT 2027", "ru": "АЛА КРАФТ 2027", "kk": "ALA CRAFT 2027 (kk)"},
        starts_at=dt.datetime(2027, 10, 4, 10, 0, tzinfo=ALMATY),
        ends_at=dt.datetime(2027, 10, 6, 20, 0, tzinfo=ALMATY),
        organizations=[(union, EventOrganization.Role.SUPPORTER)],
    )
    make_event(
        "ala-craft-day-1",
        kind=Event.Kind.WORKSHOP,
        parent=festival,
        name={"en": "Felt workshop"},
        starts_at=dt.datetime(2027, 10, 4, 15, 30, tzinfo=ALMATY),
        ends_at=dt.datetime(2027, 10, 4, 17, 0, tzinfo=ALMATY),
    )
    make_event("old-fair", kind=Event.Kind.FAIR, starts_at=timezone.now() - dt.timedelta(days=400))
    return festival


def test_calendar_lists_filters_and_speaks_three_languages(
    make_event, make_organization, client, django_assert_max_num_queries
):
    _festival(make_event, make_organization)
    with django_assert_max_num_queries(6):
        page = client.get("/en/events/").content.decode()
    assert "ALA CRAFT 2027" in page and "Felt workshop" in page and "old-fair" not in page
    assert "old-fair" in client.get("/en/events/?past=1").content.decode()
    only_workshops = client.get("/en/events/?kind=workshop").content.decode()
    assert "Felt workshop" in only_workshops and "ALA CRAFT 2027</strong>" not in only_workshops
    assert "Felt workshop" not in client.get("/en/events/?from=2027-10-05&to=2027-10-30").content.decode()
    assert "АЛА КРАФТ 2027" in client.get("/ru/events/").content.decode()
    detail = client.get("/en/events/ala-craft/").content.decode()
    assert "Kazakh Union of Artisans" in detail and "Felt workshop" in detail


def test_the_whole_calendar_feed_parses_with_almaty_times(make_event, make_organization, client):
    _festival(make_event, make_organization)
    response = client.get("/en/events/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Almaty"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"ALA CRAFT 2027", "Felt workshop"}
    start = events["Felt workshop"].decoded("DTSTART")
    assert start.utcoffset() == dt.timedelta(hours=5)  # Asia/Almaty is UTC+5 since 2024
    assert start.astimezone(dt.UTC) == dt.datetime(2027, 10, 4, 10, 30, tzinfo=dt.UTC)
    assert "TZID=Asia/Almaty" in response.content.decode()
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert all(uid.startswith("craftcity-event-") for uid in uids) and len(uids) == 2


def test_one_events_feed_in_russian_and_all_day_events(make_event, make_organization, client):
    festival = _festival(make_event, make_organization)
    calendar = Calendar.from_ical(client.get(f"/ru/events/{festival.slug}/event.ics").content)
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["Felt workshop", "АЛА КРАФТ 2027"]
    make_event("exhibition", is_all_day=True, starts_at=dt.datetime(2027, 11, 1, 0, 0, tzinfo=ALMATY),
               ends_at=dt.datetime(2027, 11, 30, 0, 0, tzinfo=ALMATY))  # fmt: skip
    item = Calendar.from_ical(client.get("/en/events/exhibition/event.ics").content).walk("VEVENT")[0]
    assert item.decoded("DTSTART") == dt.date(2027, 11, 1)
    assert item.decoded("DTEND") == dt.date(2027, 12, 1)  # exclusive end of the last day


def test_events_are_found_by_search_and_listed_by_the_api(
    make_event, make_organization, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _festival(make_event, make_organization)
    hits = search("ala craft")
    assert hits and hits[0].url == "/en/events/ala-craft/"
    data = client.get("/api/v1/events/?kind=festival").json()
    assert [row["slug"] for row in data["results"]] == ["ala-craft"]
    assert data["results"][0]["supporters"] == ["kazakh-union"]


def test_the_feed_is_stored_until_an_event_changes(make_event, make_organization, client):
    festival = _festival(make_event, make_organization)
    first = client.get("/en/events/calendar.ics")
    again = client.get("/en/events/calendar.ics")
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit") and again.content == first.content
    assert client.get("/en/events/calendar.ics", {"kind": "workshop"})["X-Cache"] == "miss"  # other filters
    assert client.get("/ru/events/calendar.ics")["X-Cache"] == "miss"  # another language

    festival.name = {"en": "ALA CRAFT 2027 — moved hall", "ru": "АЛА КРАФТ 2027"}
    festival.save()  # as the back office saves an event
    changed = client.get("/en/events/calendar.ics")
    assert changed["X-Cache"] == "miss"
    summaries = [str(item.get("summary")) for item in Calendar.from_ical(changed.content).walk("VEVENT")]
    assert "ALA CRAFT 2027 — moved hall" in summaries
