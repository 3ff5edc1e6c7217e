"""Write a planned synthetic community through the registry's services, every record marked is_demo.

Used by `craftcity load_demo` for a few hundred people: each write is validated and lands in the
history of the command's batch, as a registrar's would. Lineages go through the lineage services, so
dynasty members and generations are derived from the relations, never typed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from craftcity.geo.models import Country, Locality, Region
from craftcity.lineage.models import Relation
from craftcity.lineage.services import dynasty_create, relation_create
from craftcity.organizations.models import Organization
from craftcity.organizations.services import membership_create, organization_create
from craftcity.people.models import Person
from craftcity.people.services import person_create
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline, Material, Technique

from .names import kazakh_name_forms
from .plan import Community, PlannedPerson
from .upsert import bump


class Lookups:
    """Reference rows by the keys the plan uses (ISO codes, slugs, English city names)."""

    def __init__(self):
        self.kz = Country.objects.get(iso_code="KZ")
        self.regions = {r.iso_code: r for r in Region.objects.all()}
        self.cities: dict[str, Locality] = {}
        self.districts: dict[str, Locality] = {}
        for locality in Locality.objects.filter(is_demo=False, kind__in=["city", "district"]):
            target = self.districts if locality.kind == "district" else self.cities
            target.setdefault(locality.name.get("en", ""), locality)
        self.disciplines = {d.slug: d for d in Discipline.objects.all()}
        self.techniques = {t.slug: t for t in Technique.objects.all()}
        self.materials = {m.slug: m for m in Material.objects.all()}

    def locality(self, person: PlannedPerson) -> Locality:
        return self.districts.get(person.district) or self.cities[person.city]


def community_loaded(prefix: str = "demo") -> bool:
    """True when a synthetic community with this prefix is in the registry (its associations mark it)."""
    return Organization.objects.filter(slug__startswith=f"{prefix}-artisans-association-").exists()


def load_community(community: Community, *, stats: dict, progress: Callable[[str], None] = print) -> None:
    ref = Lookups()
    organizations = {}
    for org in community.organizations:
        existing = Organization.objects.filter(slug=org.slug).first()
        if existing is None:
            existing = organization_create(
                is_demo=True, slug=org.slug, kind=org.kind, name=org.name, country=ref.kz,
                region=ref.regions[org.region], locality=ref.cities[org.city], founded_year=org.founded_year,
                disciplines=[ref.disciplines[s] for s in org.disciplines],
            )  # fmt: skip
            bump(stats, "organizations.organization.created")
        organizations[org.slug] = existing

    people: dict[int, Person] = {}
    total = len(community.people)
    for number, planned in enumerate(community.people, start=1):
        people[planned.index] = _create_person(planned, ref)
        bump(stats, "people.person.created")
        if number % 50 == 0 or number == total:
            progress(f"  people {number}/{total}")

    for planned in community.relations:
        relation = relation_create(
            kind=planned.kind, senior=people[planned.senior], junior=people[planned.junior],
            start_year=planned.start_year, end_year=planned.end_year,
        )  # fmt: skip
        # relation_create has no is_demo parameter; mark the row afterwards.
        Relation.objects.filter(pk=relation.pk).update(is_demo=True)
        bump(stats, "lineage.relation.created")

    for planned in community.dynasties:
        dynasty_create(
            slug=planned.slug, name=planned.name, founder=people[planned.founder],
            discipline=ref.disciplines[planned.discipline], description=planned.description, is_demo=True,
        )  # fmt: skip
        bump(stats, "lineage.dynasty.created")

    for planned in community.people:
        person = people[planned.index]
        if planned.membership:
            slug, role, start_year = planned.membership
            membership_create(person=person, organization=organizations[slug], role=role, start_year=start_year)
            bump(stats, "organizations.membership.created")
        if planned.workshop:
            _create_workshop(planned, person, ref)
            bump(stats, "places.place.created")


def _create_person(planned: PlannedPerson, ref: Lookups) -> Person:
    fields = {
        "occupation": planned.occupation, "gender": planned.gender, "birth_year": planned.birth_year,
        "death_year": planned.death_year, "country": ref.kz, "region": ref.regions[planned.region],
        "locality": ref.locality(planned), "biography": planned.biography, "verification": planned.verification,
        "status": planned.status,
        "disciplines": [ref.disciplines[s] for s in planned.disciplines],
        "techniques": [ref.techniques[s] for s in planned.techniques],
        "materials": [ref.materials[s] for s in planned.materials],
    }  # fmt: skip
    if planned.phone:
        fields.update(phone=planned.phone, is_phone_public=planned.is_phone_public)
    if planned.email:
        fields.update(email=planned.email, is_email_public=planned.is_email_public)
    return person_create(is_demo=True, names=kazakh_name_forms(planned.given, planned.family), **fields)


def _create_workshop(planned: PlannedPerson, person: Person, ref: Lookups) -> Place:
    # Places have no service yet: validate and save here; the history still lands in the batch.
    shop = planned.workshop
    name = workshop_name({n.form: n.full_name for n in person.names.all()})
    place = Place(
        is_demo=True, kind=Place.Kind.WORKSHOP, slug=shop["slug"], person=person, locality=ref.locality(planned),
        name=name, address=shop["address"], is_address_public=shop["is_address_public"],
        latitude=Decimal(str(shop["latitude"])), longitude=Decimal(str(shop["longitude"])),
        opening_hours=shop["opening_hours"],
    )  # fmt: skip
    place.full_clean()
    place.save()
    return place


def workshop_name(names: dict[str, str]) -> dict[str, str]:
    """The workshop's name in three languages from its artisan's name forms (form → full name)."""
    return {
        "kk": f"{names.get('kk_cyrl', '')} шеберханасы",
        "ru": f"Мастерская: {names.get('ru_cyrl', '')}",
        "en": f"{names.get('press', '')}'s workshop",
    }
