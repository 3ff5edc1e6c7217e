from django import template

from craftcity.tours.hours import opening_status as _opening_status

register = template.Library()


@register.simple_tag
def opening_status(place) -> dict:
    """Today's opening status of a place: {"state", "label"}."""
    return _opening_status(place)


@register.filter
def clock(minutes) -> str:
    """Minutes as h:mm (a duration)."""
    minutes = round(minutes or 0)
    return f"{minutes // 60}:{minutes % 60:02d}"


@register.filter
def km(metres) -> str:
    return f"{(metres or 0) / 1000:.1f}"
