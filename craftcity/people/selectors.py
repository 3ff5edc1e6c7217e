"""Reads for the public pages: what a screen shows, fetched in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, Q, prefetch_related_objects
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
    the page takes the same number of queries for a newcomer and for a master with hundreds of pieces.

    Their masters and apprentices (`masters`, `apprentices`: relations) come from one query, their names from
    one more. The credits are plain queries with a LIMIT, not prefetches: for one person a sliced prefetch only adds
    a window function and the prefetch machinery, which cost more than the rest of the page."""
    person = (
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
            Prefetch(
                "dynasty_memberships",
                queryset=DynastyMember.objects.select_related("dynasty").filter(dynasty__status="published"),
            ),
        )
        .get(pk=pk)
    )
    links = list(
        Relation.objects.filter(
            Q(senior=person, junior__status="published", junior__merged_into__isnull=True)
            | Q(junior=person, senior__status="published", senior__merged_into__isnull=True)
        ).select_related("senior", "junior")
    )
    prefetch_related_objects([r.junior if r.senior_id == person.pk else r.senior for r in links], "names")
    person.masters = [r for r in links if r.junior_id == person.pk]  # whom they learned from
    person.apprentices = [r for r in links if r.senior_id == person.pk]  # whom they taught
    person.work_credits = list(maker_credits().filter(person=person)[:works])
    person.event_credits = list(public_participations(now=timezone.now()).filter(person=person)[:events])
    return person
