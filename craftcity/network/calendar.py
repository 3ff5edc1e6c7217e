"""The network calendar as iCalendar (RFC 5545): partner events in UTC, each with a stable UID from its URI and
the partner's page as URL."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as VEvent

from craftcity.core.translation import fallback_order

PRODID = "-//craftcity//network calendar//EN"


def _text(value, language: str) -> str:
    return next((value[code] for code in fallback_order(language) if value.get(code)), "")


def network_calendar(records, *, name: str, language: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText(name))
    stamp = timezone.now()
    domain = getattr(settings, "CRAFTCITY_ICAL_DOMAIN", "craftcity")
    for record in records:
        item = VEvent()
        item.add("uid", f"network-{hashlib.sha256(record.uri.encode()).hexdigest()[:24]}@{domain}")
        item.add("dtstamp", stamp)
        city = _text(record.city.name, language)
        item.add("summary", f"{_text(record.name, language)} ({city})")
        start = record.starts_at.astimezone(dt.UTC)
        if record.is_all_day:
            item.add("dtstart", record.starts_at.date())
            item.add("dtend", (record.ends_at or record.starts_at).date() + dt.timedelta(days=1))
        else:
            item.add("dtstart", start)
            item.add("dtend", (record.ends_at or record.starts_at + dt.timedelta(hours=2)).astimezone(dt.UTC))
        location = _text(record.location, language)
        item.add("location", ", ".join(filter(None, [location, city])))
        page = _text(record.url, language)
        if page:
            item.add("url", page)
        item.add("last-modified", record.changed_at)
        calendar.add_component(item)
    return calendar.to_ical()
