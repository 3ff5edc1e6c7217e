"""iCalendar feeds read by a second parser (vobject, not the icalendar library that writes them) and checked
against RFC 5545's grammar: a calendar always has a component, every event its UID and DTSTAMP."""

import pytest
import vobject

from craftcity.events.models import Event
from standards.validators import ical_errors

pytestmark = pytest.mark.django_db


def _calendar(client, path: str):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert ical_errors(response.content) == [], (path, ical_errors(response.content))
    return vobject.readOne(response.content.decode())


def test_every_feed_of_the_demo_parses_and_follows_the_grammar(client, demo_city):
    everything = _calendar(client, "/en/events/calendar.ics?past=1")
    events = list(Event.objects.public())
    assert len(everything.contents.get("vevent", [])) == len(events)
    for event in events:
        single = _calendar(client, f"/en/events/{event.slug}/event.ics")
        assert single.vevent.uid.value.startswith(f"craftcity-event-{event.pk}@")


def test_a_filter_that_matches_nothing_still_gives_a_valid_calendar(client, demo_city):
    empty = _calendar(client, "/en/events/calendar.ics?q=no-such-event-anywhere")
    assert "vevent" not in empty.contents
    assert empty.vtimezone.tzid.value == "Asia/Almaty"


def test_a_cancelled_event_is_sent_as_cancelled(client, demo_city):
    # The music demo's open-air season has cancelled evenings too; this one is the calendar's own demo event.
    cancelled = Event.objects.public().get(
        schedule=Event.Schedule.CANCELLED, slug__startswith="open-air-kui-evening-demo"
    )
    item = _calendar(client, f"/en/events/{cancelled.slug}/event.ics").vevent
    assert item.status.value == "CANCELLED"
    feed = _calendar(client, "/en/events/calendar.ics?past=1")
    statuses = {e.uid.value: e.status.value for e in feed.vevent_list}
    assert statuses[item.uid.value] == "CANCELLED"
    assert set(statuses.values()) == {"CONFIRMED", "CANCELLED"}
