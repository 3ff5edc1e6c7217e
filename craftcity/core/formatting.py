"""Dates, spans of time, distances, durations, figures and opening hours written for people, in the active language.

The words and patterns come from the language's format module (craftcity/core/formats/<language>/formats.py:
DATE_RANGE_FORMATS, UNITS, WEEKDAYS_SHORT, OPENING_HOURS_WORDS beside Django's DATE_FORMAT and the rest), so a
language is added by adding a module, and nothing here waits for a translation. Machine-readable values
(JSON-LD, iCalendar, the API, `<time datetime>`) stay ISO 8601 and are not made here. Every function takes what a
template may hand it, including None and "", and never raises on odd input: it returns "" or the text it was given.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.dateformat import format as date_pattern

DASH = "–"  # en dash: ranges of numbers (10–12, 10:00–18:00, Mon–Fri)
SPACED_DASH = " – "  # between parts that have spaces in them (30 May – 2 June 2027)
NBSP = "\xa0"  # between a figure and its unit, so "14,7 км" never breaks over two lines


def own_format(name: str):
    """One of craftcity's own formats for the active language; English's when the language has no module."""
    value = formats.get_format(name)
    if value == name:  # get_format hands back the name when no module defines it
        value = formats.get_format(name, lang="en")
    return value


# --- dates and spans of time ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A date or a span of time as words: `parts` are (text, ISO value) joined by `joiner`; one part for one
    moment. The ISO values let a page wrap each part in <time datetime="…">."""

    parts: tuple[tuple[str, str], ...]
    joiner: str = ""

    def __str__(self) -> str:
        return self.joiner.join(text for text, _iso in self.parts)


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _iso(value) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def _day(value, pattern: str) -> tuple[str, str]:
    return date_pattern(value, pattern), _iso(value if not isinstance(value, dt.datetime) else value.date())


def _days(first: dt.date, last: dt.date) -> Span:
    """10–12 May 2027; 30 May – 2 June 2027; 30 December 2027 – 2 January 2028 (and their kk and ru forms)."""
    if last <= first:
        return Span((_day(first, formats.get_format("DATE_FORMAT")),))
    if (first.year, first.month) == (last.year, last.month):
        kind, joiner = "month", DASH
    elif first.year == last.year:
        kind, joiner = "year", SPACED_DASH
    else:
        kind, joiner = "years", SPACED_DASH
    first_pattern, last_pattern = own_format("DATE_RANGE_FORMATS")[kind]
    return Span((_day(first, first_pattern), _day(last, last_pattern)), joiner)


def event_span(start, end=None, *, all_day: bool = False) -> Span:
    """When something happens, without repeating what the start already says:

    one day with times  → 10 May 2027, 18:00–22:00   (an end at midnight is written 24:00)
    through the night   → 10 May 2027, 22:00 – 11 May, 02:00
    several days        → 10–12 May 2027, 30 May – 2 June 2027 (times left to the page's details)
    Dates (not datetimes) and `all_day` give days only. Aware datetimes are read in the city's time zone."""
    if start in (None, ""):
        return Span(())
    start, end = _local(start), _local(end) if end not in (None, "") else None
    timed = isinstance(start, dt.datetime) and not all_day
    if not timed:
        first = start.date() if isinstance(start, dt.datetime) else start
        last = (end.date() if isinstance(end, dt.datetime) else end) if end else first
        return _days(first, last)
    date_pattern_, time_pattern = formats.get_format("DATE_FORMAT"), formats.get_format("TIME_FORMAT")
    start_text = f"{date_pattern(start, date_pattern_)}, {date_pattern(start, time_pattern)}"
    if end is None or end <= start:
        return Span(((start_text, _iso(start)),))
    if end.date() == start.date():
        return Span(((start_text, _iso(start)), (date_pattern(end, time_pattern), _iso(end))), DASH)
    midnight = dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time(), tzinfo=start.tzinfo)
    if end == midnight:
        return Span(((start_text, _iso(start)), ("24:00", _iso(end))), DASH)
    if end - start < dt.timedelta(hours=24):
        day = "MONTH_DAY_FORMAT" if end.year == start.year else "DATE_FORMAT"
        end_text = f"{date_pattern(end, formats.get_format(day))}, {date_pattern(end, time_pattern)}"
        return Span(((start_text, _iso(start)), (end_text, _iso(end))), SPACED_DASH)
    return _days(start.date(), end.date())


def event_range(start, end=None, *, all_day: bool = False) -> str:
    """`event_span` as plain text (e-mails, titles)."""
    return str(event_span(start, end, all_day=all_day))


def span_of(item) -> Span:
    """The span of an event (starts_at, ends_at, is_all_day) or of anything with starts_on/ends_on dates."""

    def get(name):
        return item.get(name) if isinstance(item, dict) else getattr(item, name, None)

    if get("starts_at") is not None:
        return event_span(get("starts_at"), get("ends_at"), all_day=bool(get("is_all_day")))
    return event_span(get("starts_on"), get("ends_on"))


# --- figures and units ---------------------------------------------------------------------------------------


def _number(value, places: int = 0) -> str:
    """Rounded half up (Django's number_format cuts the digits off: 0.995 km would read 0.9)."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return formats.number_format(rounded, places, force_grouping=True)


def number(value) -> str:
    """A count as Kazakh and Russian typography writes it: grouped from five digits (13 600 000; 2027 and 4500
    stay whole), in the active language's separators (13,600,000 in English)."""
    if value in (None, ""):
        return ""
    if isinstance(value, int | float | Decimal) and abs(value) >= 10000:
        return _number(value, 0 if value == int(value) else None)
    return formats.number_format(value)


def distance(metres) -> str:
    """850 m; 14.7 km / 14,7 км (one decimal below 100 km, whole kilometres above). Metres to the nearest ten
    from 100 m: walking distances here are estimates."""
    if metres in (None, ""):
        return ""
    metres = float(metres)
    units = own_format("UNITS")
    shown = round(metres, -1) if metres >= 100 else round(metres)
    if shown < 1000:
        return f"{_number(shown)}{NBSP}{units['m']}"
    km = metres / 1000
    return f"{_number(km, 1 if km < 99.95 else 0)}{NBSP}{units['km']}"


def duration(minutes) -> str:
    """Minutes as hours and minutes: 45 min; 2 h; 2 h 15 min (2 сағ 15 мин, 2 ч 15 мин)."""
    if minutes in (None, ""):
        return ""
    total = round(float(minutes))
    units = own_format("UNITS")
    hours, rest = divmod(total, 60)
    parts = []
    if hours:
        parts.append(f"{_number(hours)}{NBSP}{units['h']}")
    if rest or not hours:
        parts.append(f"{rest}{NBSP}{units['min']}")
    return " ".join(parts)


# --- opening hours -------------------------------------------------------------------------------------------

_WEEKDAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_TIMES = re.compile(rf"^{_TIME}-{_TIME}(?:,{_TIME}-{_TIME})*$")
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS = re.compile(rf"^{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*$")
_RULES = re.compile(r";|,\s+(?=[A-Za-z])")
_WINDOWS = re.compile(r",\s+(?=\d)")
_RULE = re.compile(r"^(?:(?P<days>[A-Za-z,-]+)\s+)?(?P<what>\S+)$")


class _Unread(ValueError):
    """A rule outside the common forms (months, weeks, sunrise, comments…): the text is shown as written."""


def _hours_text(times: str) -> str:
    return ", ".join(window.replace("-", DASH) for window in times.split(","))


def _days_text(days: str, names) -> str:
    def one(code):
        return names[_WEEKDAY_CODES.index(code)]

    return ", ".join(DASH.join(one(code) for code in item.split("-")) for item in days.split(","))


def _rule_text(rule: str, names, words) -> str:
    if rule == "24/7":
        return words["always"]
    if rule in ("PH off", "PH closed"):
        return words["holidays closed"]
    match = _RULE.match(rule)
    if not match:
        raise _Unread(rule)
    days, what = match.group("days"), match.group("what")
    if days == "PH":
        days_text = words["holidays"]
    elif days is None:
        days_text = None
    elif _DAYS.match(days):
        days_text = _days_text(days, names)
    else:
        raise _Unread(rule)
    if what in ("off", "closed"):
        if days_text is None:
            raise _Unread(rule)
        return f"{days_text} {words['closed']}"
    if not _TIMES.match(what):
        raise _Unread(rule)
    return f"{days_text or words['daily']} {_hours_text(what)}"


def opening_hours(text) -> str:
    """OpenStreetMap opening_hours in words: "Mo-Fr 10:00-18:00; Sa 11:00-16:00; PH off" becomes
    "Mon–Fri 10:00–18:00; Sat 11:00–16:00; closed on public holidays" (Дс–Жм …, Пн–Пт …). Rules are read one by
    one, as written: a later rule overriding an earlier one reads the same in words. Anything outside the common
    forms, or not valid at all, is returned as written."""
    from tourkit.hours import HoursError, validate

    raw = (text or "").strip()
    if not raw:
        return ""
    try:
        validate(raw)
        # "; " and ", " both separate rules; "10:00-13:00, 14:00-18:00" is one rule's two windows
        rules = [rule.strip() for rule in _RULES.split(_WINDOWS.sub(",", raw)) if rule.strip()]
        names, words = own_format("WEEKDAYS_SHORT"), own_format("OPENING_HOURS_WORDS")
        return "; ".join(_rule_text(rule, names, words) for rule in rules)
    except (HoursError, _Unread):
        return raw
