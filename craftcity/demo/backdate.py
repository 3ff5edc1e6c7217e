"""Spread the synthetic community over the years, so the demo dossier has a past to report on.

A freshly loaded demo would otherwise have every record born today, and any dossier "as of" an earlier
date would find nothing. Only synthetic (is_demo) records are moved, and only their own history: the
facts from the seed articles keep the dates on which they were really entered.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from craftcity.lineage.models import Dynasty, Relation
from craftcity.organizations.models import Membership, Organization
from craftcity.people.models import Person, PersonName
from craftcity.places.models import Place

from .plan import BENCH_EMAIL_DOMAIN

FIRST_DAY = dt.date(2017, 1, 1)


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=rng.randrange(600)))


def _move(model, pk, when) -> None:
    model.history.model.objects.filter(**{model._meta.pk.attname: pk}).update(history_date=when)
    if any(f.name == "created_at" for f in model._meta.concrete_fields):
        model._default_manager.filter(pk=pk).update(created_at=when)


def backdate_community(*, seed: int, stats: dict) -> None:
    """Give each synthetic person a day of joining the registry between 2017 and last month; what hangs on
    a person (names, memberships, workshops, relations, dynasties, demo associations) joins with them."""
    rng = random.Random(seed)
    last_day = timezone.localdate() - dt.timedelta(days=30)
    span = (last_day - FIRST_DAY).days
    people = Person.objects.filter(is_demo=True).exclude(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").order_by("pk")
    joined = {}
    for pk in people.values_list("pk", flat=True):
        joined[pk] = _moment(FIRST_DAY + dt.timedelta(days=rng.randrange(span)), rng)
        _move(Person, pk, joined[pk])
    for model in (PersonName, Membership, Place):
        for pk, person_id in model.objects.filter(person_id__in=joined).values_list("pk", "person_id"):
            _move(model, pk, joined[person_id])
    for pk, senior, junior in Relation.objects.filter(is_demo=True).values_list("pk", "senior_id", "junior_id"):
        dates = [joined[p] for p in (senior, junior) if p in joined]
        if dates:
            _move(Relation, pk, max(dates))
    for pk, founder in Dynasty.objects.filter(is_demo=True).values_list("pk", "founder_id"):
        if founder in joined:
            _move(Dynasty, pk, joined[founder])
    for organization in Organization.objects.filter(is_demo=True):
        member_dates = [joined[p] for p in organization.memberships.values_list("person_id", flat=True) if p in joined]
        _move(Organization, organization.pk, min(member_dates) if member_dates else _moment(FIRST_DAY, rng))
    stats["demo.people.backdated"] = len(joined)
