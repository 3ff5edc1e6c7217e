"""iCalendar (RFC 5545) for the whole calendar and per event: Asia/Almaty times with a VTIMEZONE, stable UIDs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone, vText
from icalendar import Event as VEvent

PRODID = "-//craftcity//events//EN"
# RFC 5545 §3.8.1.11 knows three states of an event; a postponed one has no date yet to keep.
STATUS = {
    "scheduled": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "held": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def uid(event) -> str:
    return f"craftcity-event-{event.pk}@{getattr(settings, 'CRAFTCITY_ICAL_DOMAIN', 'craftcity')}"


def calendar_for(events, *, name: str, language: str, url_for) -> bytes:
    """`url_for(event)` gives the absolute page address; texts are in `language` with the usual fallbacks."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # An X- property is written as it is unless it is told to be text, and a title's line break then breaks the
    # file; as vText it is escaped like SUMMARY.
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    events = list(events)
    stamp = timezone.now()
    # The VTIMEZONE is always there: RFC 5545's grammar wants at least one component in a calendar, and a filter
    # that matches nothing must still give a calendar that clients accept (and that stays subscribed).
    first = min((e.starts_at for e in events), default=stamp).astimezone(zone)
    last = max(((e.ends_at or e.starts_at) for e in events), default=stamp).astimezone(zone)
    calendar.add_component(
        Timezone.from_tzid(settings.TIME_ZONE, first_date=first.date(), last_date=last.date() + dt.timedelta(days=1))
    )
    for event in events:
        item = VEvent()
        item.add("uid", uid(event))
        item.add("dtstamp", stamp)
        item.add("summary", event.name.text(language))
        item.add("status", STATUS[event.schedule])
        # Raised by every change of schedule or dates: clients replace their copy only for a higher SEQUENCE.
        item.add("sequence", event.sequence)
        start = event.starts_at.astimezone(zone)
        end = (event.ends_at or event.starts_at).astimezone(zone)
        if event.is_all_day:
            item.add("dtstart", start.date())
            item.add("dtend", end.date() + dt.timedelta(days=1))  # DTEND is exclusive for whole days
        else:
            item.add("dtstart", start)
            item.add("dtend", end if event.ends_at else start + dt.timedelta(hours=2))
        description = event.description.text(language)
        if description:
            item.add("description", description)
        if event.place_id:
            item.add("location", event.place.name.text(language))
        elif event.city:
            item.add("location", event.city)
        item.add("url", url_for(event))
        item.add("categories", [event.get_kind_display()])
        if event.updated_at:
            item.add("last-modified", event.updated_at)
        calendar.add_component(item)
    return calendar.to_ical()
