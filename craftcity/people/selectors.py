"""Reads for the public pages: what a screen shows, fetched in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from craftcity.awards.models import Award
from craftcity.events.selectors import public_participations
from craftcity.lineage.models import DynastyMember, Relation
from craftcity.organizations.models import Membership
from craftcity.works.selectors import maker_credits

from .models import Person


def person_list(
    *, user=None, discipline=None, technique=None, material=None, region=None, country=None, organization=None
):
    qs = Person.objects.visible_to(user).select_related("region", "country", "locality")
    qs = qs.prefetch_related("names", "disciplines")
    filters = {
        "disciplines__slug": discipline,
        "techniques__slug": technique,
        "materials__slug": material,
        "region__iso_code": region,
        "country__iso_code": country,
        "memberships__organization__slug": organization,
    }
    for lookup, value in filters.items():
        if value:
            qs = qs.filter(**{lookup: value})
    return qs.distinct().order_by("id")


def person_detail(*, pk: int, user=None, works: int = 12, events: int = 12) -> Person:
    """A person with everything their page shows. Of their credits on published works (`work_credits`) and
    their participations in published events (`event_credits`) at most `works` and `events` are fetched, so
    the page takes the same number of queries for a newcomer and for a master with hundreds of pieces."""
    relations = Relation.objects.select_related("senior", "junior").prefetch_related("senior__names", "junior__names")
    return (
        Person.objects.visible_to(user)
        .select_related("region", "country", "locality", "locality__region")
        .prefetch_related(
            "names",
            "disciplines__field",
            "techniques",
            "materials",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(organization__status="published")
                .select_related("organization")
                .order_by("start_year"),
            ),
            Prefetch("awards", queryset=Award.objects.select_related("programme__awarding_body")),
            Prefetch("relations_as_senior", queryset=relations.filter(junior__status="published")),
            Prefetch("relations_as_junior", queryset=relations.filter(senior__status="published")),
            Prefetch(
                "dynasty_memberships",
                queryset=DynastyMember.objects.select_related("dynasty").filter(dynasty__status="published"),
            ),
            "places",
            Prefetch("work_makers", queryset=maker_credits()[:works], to_attr="work_credits"),
            Prefetch(
                "event_participations",
                queryset=public_participations(now=timezone.now())[:events],
                to_attr="event_credits",
            ),
        )
        .get(pk=pk)
    )
