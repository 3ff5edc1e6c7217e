from django import template

from craftcity.tours.hours import opening_status as _opening_status

register = template.Library()


@register.simple_tag
def opening_status(place) -> dict:
    """Today's opening status of a place: {"state", "label"}."""
    return _opening_status(place)
