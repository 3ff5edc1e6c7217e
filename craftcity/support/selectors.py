"""What visitors may read about the city's support programmes.

A programme itself (name, kind, funder, description, its call) is public: the city announces it. Who
received what is public only where the programme publishes its awards (`are_awards_public`), and then
only for recipients whose records are public; otherwise visitors see how many awards were made per year,
never names or amounts.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db.models import Count, Q

from craftcity.people.models import public_person

from .models import Grant, Programme

LIVE = ~Q(status=Grant.Status.CANCELLED)


def public_programmes():
    """Every programme with the number of awards it has made (cancelled ones left out), newest activity first."""
    return (
        Programme.objects.select_related("funder", "call__event")
        .annotate(awards=Count("grants", filter=~Q(grants__status=Grant.Status.CANCELLED)))
        .order_by("kind", "slug")
    )


def _public_recipient() -> Q:
    return (Q(person__isnull=False) & public_person("person__")) | Q(organization__status="published")


def programme_awards(programme: Programme) -> dict:
    """What a visitor sees of a programme's awards: per year counts always; when the programme publishes its
    awards, the grants to public recipients with amounts and the total."""
    grants = programme.grants.filter(LIVE)
    per_year = sorted(Counter(grants.values_list("decided_on__year", flat=True)).items(), reverse=True)
    listed = []
    total = Decimal(0)
    if programme.are_awards_public:
        listed = list(
            grants.filter(_public_recipient())
            .select_related("person", "organization", "residency__host", "residency__place")
            .prefetch_related("person__names")
            .order_by("-decided_on", "id")
        )
        total = sum((grant.amount for grant in listed), Decimal(0))
    return {"per_year": per_year, "grants": listed, "total": total}


def person_public_grants(person) -> list[Grant]:
    """The awards a person's public page may list: from programmes that publish their awards, not cancelled."""
    return list(
        person.grants.filter(LIVE, programme__are_awards_public=True)
        .select_related("programme")
        .order_by("-decided_on")
    )
