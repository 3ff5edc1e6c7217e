"""Write the seed facts (craftcity.demo.seed) through the registry's services. Idempotent.

A seed record that already exists is left as it is: staff may have corrected it since.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from craftcity.awards.models import Award, AwardProgramme
from craftcity.awards.services import award_save
from craftcity.geo.models import Country, Locality
from craftcity.organizations.models import Membership, Organization
from craftcity.organizations.services import membership_create, organization_create
from craftcity.people.models import Person, PersonName
from craftcity.people.services import person_create
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline, Material, Technique

from . import seed
from .names import kazakh_name_forms
from .upsert import bump, upsert_missing


def city(name_en: str, parent: Locality | None = None) -> Locality:
    """A reference city (or, with `parent`, one of its districts) by English name."""
    kind = Locality.Kind.DISTRICT if parent else Locality.Kind.CITY
    for locality in Locality.objects.filter(kind=kind, parent=parent, is_demo=False):
        if locality.name.get("en") == name_en:
            return locality
    raise LookupError(f"Reference locality {name_en!r} is missing: run `craftcity load_reference` first.")


def find_seed_person(key: str) -> Person | None:
    """Seed people are found by the press spelling of their name used in the articles."""
    name = (
        PersonName.objects.filter(full_name=key, form=PersonName.Form.PRESS, person__merged_into__isnull=True)
        .select_related("person")
        .first()
    )
    return name.person if name else None


def seed_name_forms(row: dict) -> list[dict]:
    if "names" in row:  # a foreign name: English is what the press writes, Cyrillic a transcription
        forms = []
        for language, (given, family) in row["names"].items():
            form = {"en": PersonName.Form.PRESS, "ru": PersonName.Form.RUSSIAN, "kk": PersonName.Form.KAZAKH_CYRILLIC}
            forms.append(
                {"form": form[language], "language": language, "is_primary": True, "full_name": f"{given} {family}",
                 "given_name": given, "family_name": family}
            )  # fmt: skip
        return forms
    given, family = row["kk"]
    forms = kazakh_name_forms(given, family)
    press_given, press_family = row["key"].split(" ", 1)
    for form in forms:
        if form["form"] == PersonName.Form.PRESS:
            form.update(full_name=row["key"], given_name=press_given, family_name=press_family)
        if form["form"] == PersonName.Form.RUSSIAN and "ru" in row:
            form.update(full_name=" ".join(row["ru"]), given_name=row["ru"][0], family_name=row["ru"][1])
    return forms


def load_seed(*, stats: dict) -> None:
    countries = {c.iso_code: c for c in Country.objects.all()}
    organizations = _load_organizations(countries, stats)
    people = _load_people(countries, stats)
    for key, slug, role in seed.MEMBERSHIPS:
        person, organization = people[key], organizations[slug]
        if not Membership.objects.filter(person=person, organization=organization, role=role).exists():
            membership_create(person=person, organization=organization, role=role)
            bump(stats, "organizations.membership.created")
    _load_places(organizations, stats)
    _load_awards(organizations, people, stats)


def _load_organizations(countries, stats) -> dict[str, Organization]:
    result = {}
    for row in seed.ORGANIZATIONS:
        existing = Organization.objects.filter(slug=row["slug"]).first()
        if existing:
            result[row["slug"]] = existing
            continue
        fields = {k: v for k, v in row.items() if k in {"slug", "kind", "name", "short_name", "description",
                                                         "founded_year", "website"}}  # fmt: skip
        if "country" in row:
            fields["country"] = countries[row["country"]]
        if "city" in row:
            fields["locality"] = city(row["city"])
            fields["region"] = fields["locality"].region
        if "parent" in row:
            fields["parent"] = result[row["parent"]]
        result[row["slug"]] = organization_create(**fields)
        bump(stats, "organizations.organization.created")
    return result


def _load_people(countries, stats) -> dict[str, Person]:
    result = {}
    for row in seed.PEOPLE:
        person = find_seed_person(row["key"])
        if person is None:
            fields = {"occupation": row["occupation"], "biography": row["biography"]}
            if row.get("gender"):
                fields["gender"] = row["gender"]
            if row.get("country"):
                fields["country"] = countries[row["country"]]
            if row.get("city"):
                fields["locality"] = city(row["city"])
                fields["region"] = fields["locality"].region
            if row.get("disciplines"):
                fields["disciplines"] = list(Discipline.objects.filter(slug__in=row["disciplines"]))
            if row.get("techniques"):
                fields["techniques"] = list(Technique.objects.filter(slug__in=row["techniques"]))
            if row.get("materials"):
                fields["materials"] = list(Material.objects.filter(slug__in=row["materials"]))
            person = person_create(names=seed_name_forms(row), **fields)
            bump(stats, "people.person.created")
        result[row["key"]] = person
    return result


def _load_places(organizations, stats) -> None:
    almaty = city("Almaty")
    for row in seed.PLACES:
        values = {"kind": row["kind"], "name": row["name"], "is_address_public": True}
        values["locality"] = city(row["district"], parent=almaty) if "district" in row else almaty
        for key in ("address", "description"):
            if key in row:
                values[key] = row[key]
        for key in ("latitude", "longitude"):
            if key in row:
                values[key] = Decimal(row[key])
        if "organization" in row:
            values["organization"] = organizations[row["organization"]]
        if not Place.objects.filter(slug=row["slug"]).exists():
            upsert_missing(Place, {"slug": row["slug"]}, values, stats)


def _load_awards(organizations, people, stats) -> None:
    programmes = {}
    for row in seed.AWARD_PROGRAMMES:
        values = {"kind": row["kind"], "name": row["name"], "website": row.get("website", "")}
        if "awarding_body" in row:
            values["awarding_body"] = organizations[row["awarding_body"]]
        programme = AwardProgramme.objects.filter(slug=row["slug"]).first()
        if programme is None:
            programme = upsert_missing(AwardProgramme, {"slug": row["slug"]}, values, stats)
        programmes[row["slug"]] = programme
    for row in seed.AWARDS:
        kind, holder_key = row["holder"]
        holder = {"locality": city(holder_key)} if kind == "city" else {"person": people[holder_key]}
        lookup = {"programme": programmes[row["programme"]], "year": row["year"], **holder}
        if Award.objects.filter(**lookup).exists():
            continue
        values = {key: row[key] for key in ("scope", "citation", "source_url") if key in row}
        if "granted_on" in row:
            values["granted_on"] = datetime.date.fromisoformat(row["granted_on"])
        # Through the awards' service: a city title brings its reporting obligations with it.
        award_save(actor=None, award=Award(**lookup, **values))
        bump(stats, "awards.award.created")
