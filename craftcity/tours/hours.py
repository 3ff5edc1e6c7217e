"""Opening status of a place, now, in the city's time zone (public holidays of the installation's country)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tourkit.hours import HoursError, status_at


def holiday_country() -> str:
    return getattr(settings, "CRAFTCITY_HOLIDAY_COUNTRY", "KZ")


def opening_status(place, moment=None) -> dict:
    """{"state": open|closed|unknown|unreadable, "label": text for visitors}."""
    moment = timezone.localtime(moment or timezone.now()).replace(tzinfo=None)
    try:
        is_open, change = status_at(place.opening_hours, moment, country=holiday_country())
    except HoursError:
        return {"state": "unreadable", "label": _("Opening hours could not be read")}
    if is_open is None:
        return {"state": "unknown", "label": _("Opening hours not known")}
    clock = f"{change // 60:02d}:{change % 60:02d}" if change is not None else ""
    if is_open:
        label = _("Open now, until %(time)s") % {"time": clock} if clock else _("Open now")
        return {"state": "open", "label": label}
    label = _("Closed now, opens at %(time)s") % {"time": clock} if clock else _("Closed for the rest of today")
    return {"state": "closed", "label": label}
