from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "")


@register.filter
def in_force(award, day) -> bool:
    return award.is_in_force(day)
