"""Large deterministic registries for benchmarks (`craftcity generate_people`), written with bulk inserts.

On purpose this bypasses the per-row services and therefore the per-row change history: a benchmark
registry of 100,000 people is test data, and writing a history row per name form would take longer
than the benchmarks it feeds. Every row is is_demo=True, so `craftcity remove_demo --no-history`
takes it away again. Dynasties are still derived, not typed: after the inserts each is rebuilt by
craftcity.lineage.services.dynasty_recompute.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

from django.utils import timezone

from craftcity.core.cache import registry_changed
from craftcity.lineage import services as lineage_services
from craftcity.lineage.models import Dynasty, Relation
from craftcity.organizations.models import Membership, Organization
from craftcity.people.models import Person, PersonName
from craftcity.places.models import Place
from craftcity.search.services import index_rebuild

from .community import Lookups, workshop_name
from .names import kazakh_name_forms
from .plan import BENCH_EMAIL_DOMAIN, Community, plan_community
from .remove import quiet_bulk_work
from .upsert import bump

BENCH_PREFIX = "bench"


def bench_people():
    return Person.objects.filter(is_demo=True, email__endswith=f"@{BENCH_EMAIL_DOMAIN}")


def remove_bench(*, stats: dict, chunk: int = 2000) -> None:
    """Delete a previous benchmark registry (and nothing else), without per-row history."""
    with quiet_bulk_work():
        for model, queryset in [
            (Dynasty, Dynasty.objects.filter(is_demo=True, slug__startswith=f"{BENCH_PREFIX}-")),
            (Place, Place.objects.filter(is_demo=True, slug__startswith=f"{BENCH_PREFIX}-")),
            (Person, bench_people()),
            (Organization, Organization.objects.filter(is_demo=True, slug__startswith=f"{BENCH_PREFIX}-")),
        ]:
            while ids := list(queryset.values_list("pk", flat=True)[:chunk]):
                model.objects.filter(pk__in=ids).delete()
                bump(stats, f"{model._meta.label_lower}.deleted", len(ids))


def plan_bench(*, count: int, seed: int) -> Community:
    # Every benchmark person gets an e-mail: it is how a later run recognises the registry.
    return plan_community(
        seed=seed, count=count, dynasties=max(1, count // 50), prefix=BENCH_PREFIX, email_domain=BENCH_EMAIL_DOMAIN,
        always_email=True,
    )  # fmt: skip


def generate(
    community: Community, *, stats: dict, batch_size: int = 5000, progress: Callable[[str], None] = print
) -> None:
    ref = Lookups()
    started = time.monotonic()
    now = timezone.now()

    organizations = {o.slug: o for o in Organization.objects.filter(slug__in=[o.slug for o in community.organizations])}
    new_orgs = [
        Organization(
            is_demo=True,
            slug=o.slug,
            kind=o.kind,
            name=o.name,
            country=ref.kz,
            region=ref.regions[o.region],
            locality=ref.cities[o.city],
            founded_year=o.founded_year,
        )
        for o in community.organizations
        if o.slug not in organizations
    ]
    for org in Organization.objects.bulk_create(new_orgs):
        organizations[org.slug] = org
    bump(stats, "organizations.organization.created", len(new_orgs))

    person_ids: dict[int, int] = {}
    total = len(community.people)
    through = {name: getattr(Person, name).through for name in ("disciplines", "techniques", "materials")}
    lookup = {"disciplines": ref.disciplines, "techniques": ref.techniques, "materials": ref.materials}
    for start in range(0, total, batch_size):
        chunk = community.people[start : start + batch_size]
        people = [
            Person(
                is_demo=True,
                occupation=p.occupation,
                gender=p.gender,
                birth_year=p.birth_year,
                death_year=p.death_year,
                country=ref.kz,
                region=ref.regions[p.region],
                locality=ref.locality(p),
                biography=p.biography,
                verification=p.verification,
                status=p.status,
                phone=p.phone,
                is_phone_public=p.is_phone_public,
                email=p.email,
                is_email_public=p.is_email_public,
                consent_recorded_at=now if (p.is_phone_public or p.is_email_public) else None,
            )
            for p in chunk
        ]
        Person.objects.bulk_create(people, batch_size=batch_size)
        names, links, memberships, places = [], {key: [] for key in through}, [], []
        for planned, person in zip(chunk, people, strict=True):
            person_ids[planned.index] = person.pk
            forms = kazakh_name_forms(planned.given, planned.family)
            names += [PersonName(person_id=person.pk, **form) for form in forms]
            for key, model in through.items():
                column = f"{key[:-1]}_id"  # disciplines → discipline_id
                for slug in getattr(planned, key):
                    links[key].append(model(person_id=person.pk, **{column: lookup[key][slug].pk}))
            if planned.membership:
                slug, role, start_year = planned.membership
                memberships.append(
                    Membership(person_id=person.pk, organization=organizations[slug], role=role, start_year=start_year)
                )
            if planned.workshop:
                places.append(_workshop(planned, person, ref, {f["form"]: f["full_name"] for f in forms}))
        PersonName.objects.bulk_create(names, batch_size=batch_size)
        for key, model in through.items():
            model.objects.bulk_create(links[key], batch_size=batch_size)
        Membership.objects.bulk_create(memberships, batch_size=batch_size)
        Place.objects.bulk_create(places, batch_size=batch_size)
        bump(stats, "people.person.created", len(people))
        bump(stats, "people.personname.created", len(names))
        bump(stats, "organizations.membership.created", len(memberships))
        bump(stats, "places.place.created", len(places))
        done = start + len(chunk)
        rate = done / max(time.monotonic() - started, 1e-6)
        progress(f"  people {done}/{total} ({rate:,.0f}/s)")

    relations = [
        Relation(
            is_demo=True,
            kind=r.kind,
            senior_id=person_ids[r.senior],
            junior_id=person_ids[r.junior],
            start_year=r.start_year,
            end_year=r.end_year,
        )
        for r in community.relations
    ]
    Relation.objects.bulk_create(relations, batch_size=batch_size)
    bump(stats, "lineage.relation.created", len(relations))

    dynasties = [
        Dynasty(
            is_demo=True,
            slug=d.slug,
            name=d.name,
            founder_id=person_ids[d.founder],
            discipline=ref.disciplines[d.discipline],
            description=d.description,
        )
        for d in community.dynasties
    ]
    Dynasty.objects.bulk_create(dynasties, batch_size=batch_size)
    bump(stats, "lineage.dynasty.created", len(dynasties))
    progress(f"  {len(relations)} relations; deriving {len(dynasties)} dynasties…")
    edges: dict = {}  # read the relations once for all dynasties
    for dynasty in Dynasty.objects.filter(slug__in=[d.slug for d in dynasties]):
        lineage_services.dynasty_recompute(dynasty, edges=edges)
    progress("  indexing for search…")
    index_rebuild()
    registry_changed()
    elapsed = time.monotonic() - started
    stats["total.seconds"] = round(elapsed, 1)
    stats["total.people_per_second"] = round(total / max(elapsed, 1e-6))


def _workshop(planned, person: Person, ref: Lookups, names: dict[str, str]) -> Place:
    shop = planned.workshop
    return Place(
        is_demo=True, kind=Place.Kind.WORKSHOP, slug=shop["slug"], person_id=person.pk, locality=ref.locality(planned),
        name=workshop_name(names), address=shop["address"], is_address_public=shop["is_address_public"],
        latitude=Decimal(str(shop["latitude"])), longitude=Decimal(str(shop["longitude"])),
        opening_hours=shop["opening_hours"],
    )  # fmt: skip
