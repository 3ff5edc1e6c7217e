"""Reads for the public pages about organizations."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Lower
from django.utils import translation

from craftcity.people.models import public_person

from .models import Organization

# The orders a visitor may choose besides the default, by name in the reader's language (a city has hundreds of
# organizations, not the hundred thousand people whose list keeps the cheaper order by id).
ORGANIZATION_SORTS = ("newest", "members")


def organization_list(*, kind: str | None = None, sort: str | None = None):
    """Public organizations with their number of public members, in the order asked for."""
    qs = Organization.objects.public().select_related("parent", "locality")
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.annotate(
        member_count=Count("memberships__person", filter=public_person("memberships__person__"), distinct=True)
    )
    if sort not in ORGANIZATION_SORTS:
        # By the name in the reader's language, else in the others (the same fallback the page shows).
        language = (translation.get_language() or "en").split("-")[0]
        order = [language, *(code for code in ("kk", "ru", "en") if code != language)]
        name = Coalesce(*(KeyTextTransform(code, "name") for code in order))
        return qs.annotate(sort_name=Lower(name)).order_by("sort_name", "slug")
    if sort == "newest":
        return qs.order_by("-created_at", "slug")
    return qs.order_by("-member_count", "slug")
