"""The network's record of each public entity: schema.org JSON-LD with names in every language, built in bulk.

One builder serves the record documents (`/api/v1/records/<kind>/<pk>.jsonld`), the change stream's embedded
`record` and anything else that copies records to other cities, so a harvester that reads either gets the same
thing. Records carry public fields only and never personal data, whatever a person consented to: no phone,
e-mail, exact address or birth date, and a home workshop's place only at its district's rounded point."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from craftcity.public.jsonld import EVENT_STATUS

SCHEMA = "https://schema.org/"


def languages() -> tuple[str, ...]:
    return _languages(tuple(code for code, _name in settings.LANGUAGES)) if _LANGUAGES is None else _LANGUAGES


_LANGUAGES: tuple[str, ...] | None = None


def _languages(codes: tuple[str, ...]) -> tuple[str, ...]:
    global _LANGUAGES  # the site's languages are fixed for the life of the process
    _LANGUAGES = codes
    return codes


def texts(value) -> list[dict]:
    """A translated value as JSON-LD language-tagged strings, in the site's language order."""
    if not value:
        return []
    site = languages()
    order = [*site, *(code for code in value if code not in site)]
    return [{"@value": value[code], "@language": code} for code in order if value.get(code)]


@dataclass(frozen=True)
class Kind:
    """One public entity kind of the network: how its stable URI, its pages and its record are named."""

    name: str  # plural, as in the URLs: people, organizations, works, events, places
    singular: str  # as in the stable URI: /id/person/<pk>
    schema_type: str  # the stream's object type and the record's @type
    page_url: str  # the public page's URL name
    page_key: str  # "pk" or "slug": what the public page is addressed by


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("people", "person", "Person", "public:person", "pk"),
        Kind("organizations", "organization", "Organization", "public:organization", "slug"),
        Kind("works", "work", "CreativeWork", "public:work", "pk"),
        Kind("events", "event", "Event", "public:event", "slug"),
        Kind("places", "place", "Place", "public:place", "slug"),
    )
}
BY_SINGULAR = {kind.singular: kind for kind in KINDS.values()}


_SAMPLE = "987654321"
_templates: dict[tuple, str] = {}


def _template(name: str, args: tuple, language: str | None = None) -> str:
    """A URL reversed once with a placeholder for its last argument, then filled in for every record: reversing
    thousands of URLs costs more than the rest of a stream page."""
    key = (name, args, language)
    if key not in _templates:
        with translation.override(language):
            _templates[key] = reverse(name, args=[*args, _SAMPLE]).replace(_SAMPLE, "{key}")
    return _templates[key]


def stable_uri(base: str, kind: Kind, pk: int) -> str:
    """The record's identifier across the network: language-neutral and never changing (slugs may)."""
    return base + _template("record-id", (kind.singular,)).replace("{key}", str(pk))


def record_url(base: str, kind: Kind, pk: int) -> str:
    return base + _template("api:record", (kind.name,)).replace("{key}", str(pk))


def manifest_url(base: str, pk: int) -> str:
    """A work's IIIF manifest."""
    return base + _template("iiif:work-manifest", ()).replace("{key}", str(pk))


def page_urls(base: str, kind: Kind, key) -> list[dict]:
    """The public page in every language (schema.org WebPage with inLanguage)."""
    return [
        {
            "@type": "WebPage",
            "@id": base + _template(kind.page_url, (), code).replace("{key}", str(key)),
            "inLanguage": code,
        }
        for code in languages()
    ]


def _term(term) -> dict:
    return {"@type": "DefinedTerm", "termCode": term.slug, "name": texts(term.name)}


def _where(locality, region, country) -> dict | None:
    """City, region and country by name, never a street."""
    if locality is None and region is None and country is None:
        return None
    place: dict = {"@type": "Place"}
    if locality is not None:
        place["name"] = texts(locality.name)
    address: dict = {"@type": "PostalAddress"}
    if locality is not None:
        address["addressLocality"] = texts(locality.name)
    if region is not None:
        address["addressRegion"] = texts(region.name)
    if country is not None:
        address["addressCountry"] = country.iso_code
    place["address"] = address
    return place


def _common(base: str, kind: Kind, obj, key, updated_at=None) -> dict:
    """`obj` is an instance or just its pk."""
    pk = getattr(obj, "pk", obj)
    pages = page_urls(base, kind, key)
    uri = stable_uri(base, kind, pk)
    data = {
        "@id": uri,
        "@type": kind.schema_type,
        "identifier": uri,
        "url": [page["@id"] for page in pages],
        "mainEntityOfPage": pages,
    }
    updated_at = updated_at or getattr(obj, "updated_at", None)
    if updated_at:
        data["dateModified"] = updated_at.isoformat()
    return data


def _terms(model, ids) -> dict[int, dict]:
    return {
        pk: {"@type": "DefinedTerm", "termCode": slug, "name": texts(name)}
        for pk, slug, name in model.objects.filter(pk__in=set(ids)).values_list("pk", "slug", "name")
    }


def _places(localities, regions, countries) -> tuple[dict, dict, dict]:
    from craftcity.geo.models import Country, Locality, Region

    return (
        {
            pk: texts(name)
            for pk, name in Locality.objects.filter(pk__in=set(localities) - {None}).values_list("pk", "name")
        },
        {pk: texts(name) for pk, name in Region.objects.filter(pk__in=set(regions) - {None}).values_list("pk", "name")},
        dict(Country.objects.filter(pk__in=set(countries) - {None}).values_list("pk", "iso_code")),
    )


def _where_values(locality, region, country) -> dict | None:
    """City, region (as language-tagged names) and country code, never a street."""
    if locality is None and region is None and country is None:
        return None
    place: dict = {"@type": "Place"}
    address: dict = {"@type": "PostalAddress"}
    if locality is not None:
        place["name"] = address["addressLocality"] = locality
    if region is not None:
        address["addressRegion"] = region
    if country is not None:
        address["addressCountry"] = country
    place["address"] = address
    return place


def _people(base: str, pks) -> dict[int, dict]:
    """People's records from plain values (a handful of queries, no model instances: at a stream page's 500
    people, building instances and their prefetches cost most of the page)."""
    from django.core.files.storage import default_storage

    from craftcity.people.models import Person, PersonName
    from craftcity.taxonomy.models import Discipline

    kind = KINDS["people"]
    rows = list(
        Person.objects.public()
        .filter(pk__in=pks)
        .values("pk", "occupation", "birth_year", "death_year", "biography", "photo", "updated_at",
                "locality_id", "region_id", "country_id")
    )  # fmt: skip
    ids = [row["pk"] for row in rows]
    names: dict[int, list[tuple]] = {}
    for person_id, full_name, language, is_primary in (
        PersonName.objects.filter(person_id__in=ids)
        .order_by("person_id", "-is_primary", "pk")
        .values_list("person_id", "full_name", "language", "is_primary")
    ):
        names.setdefault(person_id, []).append((full_name, language, is_primary))
    crafts: dict[int, list[int]] = {}
    through = Person.disciplines.through
    for person_id, discipline_id in through.objects.filter(person_id__in=ids).values_list("person_id", "discipline_id"):
        crafts.setdefault(person_id, []).append(discipline_id)
    terms = _terms(Discipline, [d for ds in crafts.values() for d in ds])
    localities, regions, countries = _places(
        [r["locality_id"] for r in rows], [r["region_id"] for r in rows], [r["country_id"] for r in rows]
    )
    order = {code: i for i, code in enumerate(languages())}
    found = {}
    for row in rows:
        pk = row["pk"]
        data = _common(base, kind, pk, pk, row["updated_at"])
        primary: dict[str, str] = {}
        for full_name, language, _is_primary in names.get(pk, []):  # primary forms come first
            primary.setdefault(language, full_name)
        chosen = sorted(primary.items(), key=lambda item: (order.get(item[0], 99), item[0]))
        data["name"] = [{"@value": full_name, "@language": language} for language, full_name in chosen]
        others = {(n, code) for n, code, _p in names.get(pk, [])} - {(n, code) for code, n in chosen}
        if others:
            data["alternateName"] = [{"@value": n, "@language": code} for n, code in sorted(others)]
        data["hasOccupation"] = {"@type": "Occupation", "name": row["occupation"]}
        if crafts.get(pk):
            data["knowsAbout"] = [terms[d] for d in sorted(crafts[pk]) if d in terms]
        if row["birth_year"]:
            data["birthDate"] = str(row["birth_year"])  # the year the public page shows; the full date is personal
        if row["death_year"]:
            data["deathDate"] = str(row["death_year"])
        home = _where_values(
            localities.get(row["locality_id"]), regions.get(row["region_id"]), countries.get(row["country_id"])
        )
        if home:
            data["homeLocation"] = home
        if row["country_id"] in countries:
            data["nationality"] = {"@type": "Country", "identifier": countries[row["country_id"]]}
        bio = texts(row["biography"])
        if bio:
            data["description"] = bio
        if row["photo"]:
            url = default_storage.url(row["photo"])
            data["image"] = base + url if url.startswith("/") else url
        found[pk] = data
    return found


def _organization(base: str, kind: Kind, organization) -> dict:
    data = _common(base, kind, organization, organization.slug)
    data["name"] = texts(organization.name)
    if organization.short_name:
        data["alternateName"] = organization.short_name
    data["keywords"] = organization.kind  # union, museum, workshop… (Organization.Kind)
    crafts = [_term(d) for d in organization.disciplines.all()]
    if crafts:
        data["knowsAbout"] = crafts
    where = _where(organization.locality, organization.region, organization.country)
    if where:
        data["location"] = where
    if organization.parent_id:
        data["parentOrganization"] = {"@id": stable_uri(base, kind, organization.parent_id)}
    if organization.founded_year:
        data["foundingDate"] = str(organization.founded_year)
    if organization.website:
        data["sameAs"] = [organization.website]
    description = texts(organization.description)
    if description:
        data["description"] = description
    return data


def _works(base: str, pks) -> dict[int, dict]:
    """Works' records from plain values, as people's (a stream page of works is 500 of them)."""
    from craftcity.people.models import Person, public_person
    from craftcity.taxonomy.models import Discipline, Material
    from craftcity.works.models import Work, WorkImage, WorkMaker

    kind = KINDS["works"]
    rows = list(
        Work.objects.public()
        .filter(pk__in=pks)
        .values("pk", "title", "description", "year_from", "year_to", "discipline_id", "license", "updated_at")
    )
    ids = [row["pk"] for row in rows]
    # The makers first, then which of them are public: joined in one query, SQLite walks every published person
    # and looks each up among the page's works (0.4 s a page at 3,000 people).
    credits = list(
        WorkMaker.objects.filter(work_id__in=ids)
        .order_by("work_id", "position", "pk")
        .values_list("work_id", "person_id", "role")
    )
    public = set(
        Person.objects.filter(public_person(), pk__in={person_id for _w, person_id, _r in credits}).values_list(
            "pk", flat=True
        )
    )
    makers: dict[int, list[tuple]] = {}
    for work_id, person_id, role in credits:
        if person_id in public:
            makers.setdefault(work_id, []).append((person_id, role))
    materials: dict[int, list[int]] = {}
    for work_id, material_id in Work.materials.through.objects.filter(work_id__in=ids).values_list(
        "work_id", "material_id"
    ):
        materials.setdefault(work_id, []).append(material_id)
    images: dict[int, int] = {}
    for work_id, image_id in WorkImage.objects.filter(work_id__in=ids).order_by("-pk").values_list("work_id", "pk"):
        images[work_id] = image_id  # the first image (the lowest pk) is the last written
    disciplines = _terms(Discipline, [row["discipline_id"] for row in rows])
    material_terms = _terms(Material, [m for ms in materials.values() for m in ms])
    people = KINDS["people"]
    image_url = reverse("iiif:image-file", args=[_SAMPLE, "max"])
    manifest_url = _template("iiif:work-manifest", (), None)
    found = {}
    for row in rows:
        pk = row["pk"]
        data = _common(base, kind, pk, pk, row["updated_at"])
        data["name"] = texts(row["title"])
        if makers.get(pk):
            data["creator"] = [
                {"@id": stable_uri(base, people, person_id), "@type": "Person", "roleName": role}
                for person_id, role in makers[pk]
            ]
        if row["discipline_id"] in disciplines:
            data["genre"] = disciplines[row["discipline_id"]]
        if materials.get(pk):
            data["material"] = [material_terms[m] for m in sorted(materials[pk]) if m in material_terms]
        if row["year_from"] or row["year_to"]:
            data["dateCreated"] = str(row["year_from"] or row["year_to"])
        description = texts(row["description"])
        if description:
            data["description"] = description
        if pk in images:
            data["image"] = base + image_url.replace(_SAMPLE, str(images[pk]))
        data["subjectOf"] = {
            "@id": base + manifest_url.replace("{key}", str(pk)),
            "encodingFormat": 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"',
        }
        if row["license"]:
            data["license"] = Work.LICENSE_URLS.get(row["license"], "")
        found[pk] = data
    return found


def _event(base: str, kind: Kind, event) -> dict:
    data = _common(base, kind, event, event.slug)
    data["name"] = texts(event.name)
    data["keywords"] = event.kind  # festival, exhibition, fair… (Event.Kind)
    data["startDate"] = event.starts_at.isoformat()
    if event.ends_at:
        data["endDate"] = event.ends_at.isoformat()
    data["eventStatus"] = f"https://schema.org/{EVENT_STATUS[event.schedule]}"
    if event.parent_id:
        data["superEvent"] = {"@id": stable_uri(base, kind, event.parent_id)}
    if event.place_id and event.place.is_published:
        venue = event.place
        location = _where(venue.locality, venue.locality.region if venue.locality_id else None, None) or {}
        location.update(
            {"@id": stable_uri(base, KINDS["places"], venue.pk), "@type": "Place", "name": texts(venue.name)}
        )
        data["location"] = location
    elif event.city:
        data["location"] = {"@type": "Place", "name": event.city}
    description = texts(event.description)
    if description:
        data["description"] = description
    return data


def _place(base: str, kind: Kind, place) -> dict:
    data = _common(base, kind, place, place.slug)
    data["name"] = texts(place.name)
    data["keywords"] = place.kind  # workshop, venue, museum… (Place.Kind)
    where = _where(place.locality, place.locality.region if place.locality_id else None, None)
    if where:
        data["address"] = where["address"]
    point = place.public_coordinates(None)
    if point is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}
    description = texts(place.description)
    if description:
        data["description"] = description
    return data


def _querysets():
    from craftcity.events.models import Event
    from craftcity.organizations.models import Organization
    from craftcity.people.models import Person
    from craftcity.places.models import Place
    from craftcity.works.models import Work

    return {
        "people": (Person.objects.public(), _people),
        "organizations": (
            Organization.objects.public()
            .select_related("locality", "region", "country")
            .prefetch_related("disciplines"),
            _organization,
        ),
        "works": (Work.objects.public(), _works),
        "events": (Event.objects.public().select_related("place__locality__region"), _event),
        "places": (Place.objects.public().select_related("locality__region"), _place),
    }


def public_queryset(kind: str):
    """The one public queryset of the kind, as every door reads it."""
    return _querysets()[kind][0]


def records(base: str, kind: str, pks: Iterable[int]) -> dict[int, dict]:
    """The records of those of `pks` that are public now, by pk (a few queries whatever their number)."""
    queryset, build = _querysets()[kind]
    pks = list(pks)
    if kind in _BULK:
        found = {}
        for start in range(0, len(pks), 900):  # SQLite's limit on query parameters
            found.update(build(base, pks[start : start + 900]))
        return found
    spec = KINDS[kind]
    return {obj.pk: build(base, spec, obj) for obj in queryset.filter(pk__in=pks)}


_BULK = {"people", "works"}


def record_document(base: str, kind: str, record: dict) -> dict:
    return {"@context": SCHEMA, **record}
