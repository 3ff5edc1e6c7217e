"""A calendar month as weeks of days, with the events on each of their days (the public month view).

Pure arithmetic over events already read: the view asks `calendar_events` for the month and hands them here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

# A day shows this many events; the rest are one link away, in the list of that day. A grid cell holds no more,
# and a month of a busy festival season (hundreds of events) stays a page that renders in tens of milliseconds.
DAY_SHOWN = 5


@dataclass(frozen=True)
class Entry:
    event: object
    starts_today: bool  # the day the event begins (its start time is worth showing), not a later day of it


@dataclass
class Day:
    date: dt.date
    events: list[Entry] = field(default_factory=list)
    is_today: bool = False

    @property
    def shown(self) -> list[Entry]:
        return self.events[:DAY_SHOWN]

    @property
    def more(self) -> int:
        return max(0, len(self.events) - DAY_SHOWN)


@dataclass
class Month:
    first: dt.date
    weeks: list[list[Day | None]]  # None: a cell before the first or after the last day of the month

    @property
    def days(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day is not None]

    @property
    def last(self) -> dt.date:
        return self.first.replace(day=calendar.monthrange(self.first.year, self.first.month)[1])

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return self.last + dt.timedelta(days=1)

    @property
    def offset(self) -> int:
        """Empty cells before the first day in the first week."""
        return self.weeks[0].index(self.days[0])

    @property
    def is_empty(self) -> bool:
        return not any(day.events for day in self.days)


def parse_month(value: str, today: dt.date) -> dt.date:
    """ "2027-05" → 1 May 2027; anything else (or a year outside 1900–2199) → this month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        if 1900 <= year <= 2199:
            return dt.date(year, month, 1)
    except (ValueError, TypeError):
        pass
    return today.replace(day=1)


def _local_day(moment) -> dt.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def event_days(event) -> tuple[dt.date, dt.date]:
    """The first and last local day an event is on. An end at midnight belongs to the day before (an evening
    that runs "until 00:00" is not on the next day), and an event with no end is on its first day only."""
    first = _local_day(event.starts_at)
    if not event.ends_at or event.ends_at <= event.starts_at:
        return first, first
    end = timezone.localtime(event.ends_at) if timezone.is_aware(event.ends_at) else event.ends_at
    last = end.date() if end.time() != dt.time.min else end.date() - dt.timedelta(days=1)
    return first, max(first, last)


def month_of(first: dt.date, events, *, first_weekday: int = 0, today: dt.date | None = None) -> Month:
    """The month starting at `first` with every event placed on each of its days within the month, in the
    events' order. `first_weekday`: 0 Monday … 6 Sunday (Python's calendar, not Django's FIRST_DAY_OF_WEEK)."""
    weeks = [
        [Day(date, is_today=date == today) if date.month == first.month else None for date in week]
        for week in calendar.Calendar(first_weekday).monthdatescalendar(first.year, first.month)
    ]
    month = Month(first, weeks)
    by_date = {day.date: day for day in month.days}
    for event in events:
        start, end = event_days(event)
        day = max(start, month.first)
        while day <= min(end, month.last):
            by_date[day].events.append(Entry(event, day == start))
            day += dt.timedelta(days=1)
    return month
