from django import template

from craftcity.accounts import rules

register = template.Library()


@register.filter
def needs_second_factor(user) -> bool:
    """`{% if user|needs_second_factor %}`: the back office will not open for them without one (accounts.rules)."""
    return rules.needs_second_factor(user)
