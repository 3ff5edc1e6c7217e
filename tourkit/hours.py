"""OpenStreetMap `opening_hours` parsed and evaluated by opening-hours-py, with a country's public holidays.

Public holidays ("PH") come from the `holidays` package, which knows Kazakhstan's moved days off. The parser
itself is run without a country; on a holiday the "PH" selector is rewritten to that day's weekday, which
matches exactly that day, so "Mo-Fr 10:00-18:00; PH off" is closed on Nauryz and open the day after.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from opening_hours import OpeningHours, ParserError, State

WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
# PH outside double-quoted comments
_PH = re.compile(r'"[^"]*"|\bPH\b')
_POSITION = re.compile(r"-->\s*(\d+):(\d+)")
_EXPECTED = re.compile(r"=\s*(.+)$", re.MULTILINE)


class HoursError(ValueError):
    """An opening-hours text that does not parse; `column` (1-based) is where the parser stopped."""

    def __init__(self, text: str, column: int | None, expected: str):
        self.text, self.column, self.expected = text, column, expected
        where = f"at character {column}" if column else "somewhere"
        super().__init__(f"Cannot read the opening hours {where}: {expected}")

    @property
    def pointer(self) -> str:
        """The text with a caret under the place where reading failed."""
        if not self.column:
            return self.text
        return f"{self.text}\n{' ' * (self.column - 1)}^"


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> OpeningHours:
    try:
        return OpeningHours(text)
    except (ParserError, SyntaxError) as error:
        message = str(error)
        position = _POSITION.search(message)
        expected = _EXPECTED.search(message)
        raise HoursError(
            text,
            int(position.group(2)) if position else None,
            expected.group(1).strip().removeprefix("expected ") if expected else message.splitlines()[0],
        ) from None


def validate(text: str) -> None:
    """Raise HoursError when `text` is not valid opening_hours syntax. An empty text means unknown hours."""
    if text.strip():
        parse(text.strip())


@functools.lru_cache(maxsize=64)
def country_holidays(country: str, year: int) -> frozenset[dt.date]:
    import holidays

    try:
        return frozenset(holidays.country_holidays(country, years=year).keys())
    except NotImplementedError:
        return frozenset()


@dataclass(frozen=True, slots=True)
class DayHours:
    """Opening windows of one day in minutes since midnight; `known` is False when there were no hours."""

    windows: tuple[tuple[int, int], ...]
    known: bool = True
    is_holiday: bool = False

    @property
    def is_closed(self) -> bool:
        return self.known and not self.windows


def _for_day(text: str, day: dt.date, country: str | None) -> OpeningHours:
    holiday = bool(country) and day in country_holidays(country, day.year)
    if holiday and "PH" in text:
        weekday = WEEKDAYS[day.weekday()]
        text = _PH.sub(lambda m: weekday if m.group(0) == "PH" else m.group(0), text)
    return parse(text)


def day_hours(text: str, day: dt.date, *, country: str | None = "KZ") -> DayHours:
    """When a place is open on `day` (unknown hours count as open all day, flagged `known=False`)."""
    text = (text or "").strip()
    is_holiday = bool(country) and day in country_holidays(country, day.year)
    if not text:
        return DayHours(((0, 24 * 60),), known=False, is_holiday=is_holiday)
    hours = _for_day(text, day, country)
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    windows = []
    for begin, finish, state, _comment in hours.intervals(start, end):
        if state != State.OPEN:
            continue
        a = max(0, int((begin - start).total_seconds() // 60))
        b = min(24 * 60, int(((finish or end) - start).total_seconds() // 60))
        if windows and windows[-1][1] == a:
            windows[-1] = (windows[-1][0], b)
        elif b > a:
            windows.append((a, b))
    return DayHours(tuple(windows), known=True, is_holiday=is_holiday)


def status_at(text: str, moment: dt.datetime, *, country: str | None = "KZ") -> tuple[bool | None, int | None]:
    """(open now?, minute of the next change today or None). None when the hours are unknown."""
    if not (text or "").strip():
        return None, None
    minute = moment.hour * 60 + moment.minute
    day = day_hours(text, moment.date(), country=country)
    for a, b in day.windows:
        if a <= minute < b:
            return True, b if b < 24 * 60 else None
        if minute < a:
            return False, a
    return False, None


# Any Monday will do for an ordinary week read without holidays: 2 March 2026 is one.
_ORDINARY_MONDAY = dt.date(2026, 3, 2)


def ordinary_week(text: str) -> list[tuple[tuple[int, int], ...]]:
    """The opening windows (minutes since midnight) of Monday to Sunday in a week without public holidays:
    what structured formats (schema.org, a day-by-day editor) can say of OpenStreetMap hours. Raises
    HoursError if the text cannot be read; empty text gives closed days."""
    if not (text or "").strip():
        return [() for _ in range(7)]
    return [day_hours(text, _ORDINARY_MONDAY + dt.timedelta(days=n), country=None).windows for n in range(7)]


def clock(minutes: int) -> str:
    """HH:MM for minutes since midnight; the end of the day reads 23:59."""
    minutes = min(minutes, 24 * 60 - 1)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
