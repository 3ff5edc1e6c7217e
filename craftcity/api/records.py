"""The network's record of each public entity: schema.org JSON-LD with names in every language, built in bulk.

One builder serves the record documents (`/api/v1/records/<kind>/<pk>.jsonld`), the change stream's embedded
`record` and anything else that copies records to other cities, so a harvester that reads either gets the same
thing. Records carry public fields only and never personal data, whatever a person consented to: no phone,
e-mail, exact address or birth date, and a home workshop's place only at its district's rounded point."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

SCHEMA = "https://schema.org/"


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def texts(value) -> list[dict]:
    """A translated value as JSON-LD language-tagged strings, in the site's language order."""
    value = dict(value or {})
    order = [*languages(), *(code for code in value if code not in languages())]
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


def stable_uri(base: str, kind: Kind, pk: int) -> str:
    """The record's identifier across the network: language-neutral and never changing (slugs may)."""
    return f"{base}{reverse('record-id', args=[kind.singular, pk])}"


def record_url(base: str, kind: Kind, pk: int) -> str:
    return f"{base}{reverse('api:record', args=[kind.name, pk])}"


def page_urls(base: str, kind: Kind, key) -> list[dict]:
    """The public page in every language (schema.org WebPage with inLanguage)."""
    pages = []
    for code in languages():
        with translation.override(code):
            pages.append({"@type": "WebPage", "@id": f"{base}{reverse(kind.page_url, args=[key])}", "inLanguage": code})
    return pages


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


def _common(base: str, kind: Kind, obj, key) -> dict:
    pages = page_urls(base, kind, key)
    data = {
        "@id": stable_uri(base, kind, obj.pk),
        "@type": kind.schema_type,
        "identifier": stable_uri(base, kind, obj.pk),
        "url": [page["@id"] for page in pages],
        "mainEntityOfPage": pages,
    }
    if getattr(obj, "updated_at", None):
        data["dateModified"] = obj.updated_at.isoformat()
    return data


def _person(base: str, kind: Kind, person) -> dict:
    data = _common(base, kind, person, person.pk)
    names = list(person.names.all())
    primary = {}
    for name in names:
        if name.language not in primary or (name.is_primary and not primary[name.language].is_primary):
            primary[name.language] = name
    order = {code: i for i, code in enumerate(languages())}
    chosen = sorted(primary.values(), key=lambda n: (order.get(n.language, 99), n.language))
    data["name"] = [{"@value": n.full_name, "@language": n.language} for n in chosen]
    others = {(n.full_name, n.language) for n in names} - {(n.full_name, n.language) for n in chosen}
    if others:
        data["alternateName"] = [{"@value": full, "@language": code} for full, code in sorted(others)]
    data["hasOccupation"] = {"@type": "Occupation", "name": person.occupation}
    crafts = [_term(d) for d in person.disciplines.all()]
    if crafts:
        data["knowsAbout"] = crafts
    if person.birth_year:
        data["birthDate"] = str(person.birth_year)  # the year the public page shows; the full date is personal
    if person.death_year:
        data["deathDate"] = str(person.death_year)
    home = _where(person.locality, person.region, person.country)
    if home:
        data["homeLocation"] = home
    if person.country_id:
        data["nationality"] = {"@type": "Country", "identifier": person.country.iso_code}
    bio = texts(person.biography)
    if bio:
        data["description"] = bio
    if person.photo:
        data["image"] = f"{base}{person.photo.url}" if person.photo.url.startswith("/") else person.photo.url
    return data


def _organization(base: str, kind: Kind, organization) -> dict:
    data = _common(base, kind, organization, organization.slug)
    data["name"] = texts(organization.name)
    if organization.short_name:
        data["alternateName"] = organization.short_name
    data["additionalType"] = organization.kind
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


def _work(base: str, kind: Kind, work) -> dict:
    data = _common(base, kind, work, work.pk)
    data["name"] = texts(work.title)
    makers = [
        maker for maker in work.work_makers.all() if maker.person.is_published and not maker.person.merged_into_id
    ]
    if makers:
        data["creator"] = [
            {"@id": stable_uri(base, KINDS["people"], maker.person_id), "@type": "Person", "roleName": maker.role}
            for maker in makers
        ]
    if work.discipline_id:
        data["genre"] = _term(work.discipline)
    materials = [_term(m) for m in work.materials.all()]
    if materials:
        data["material"] = materials
    if work.year_from or work.year_to:
        data["dateCreated"] = str(work.year_from or work.year_to)
    description = texts(work.description)
    if description:
        data["description"] = description
    images = list(work.images.all())
    if images:
        data["image"] = f"{base}{reverse('iiif:image-file', args=[images[0].pk, 'max'])}"
    data["subjectOf"] = {
        "@id": f"{base}{reverse('iiif:work-manifest', args=[work.pk])}",
        "encodingFormat": 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"',
    }
    if work.license:
        data["license"] = work.license_url
    return data


def _event(base: str, kind: Kind, event) -> dict:
    data = _common(base, kind, event, event.slug)
    data["name"] = texts(event.name)
    data["additionalType"] = event.kind
    data["startDate"] = event.starts_at.isoformat()
    if event.ends_at:
        data["endDate"] = event.ends_at.isoformat()
    data["eventStatus"] = event.schedule
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
    data["additionalType"] = place.kind
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
    from craftcity.works.models import Work, WorkImage, WorkMaker

    return {
        "people": (
            Person.objects.public()
            .select_related("locality", "region", "country")
            .prefetch_related("names", "disciplines"),
            _person,
        ),
        "organizations": (
            Organization.objects.public()
            .select_related("locality", "region", "country")
            .prefetch_related("disciplines"),
            _organization,
        ),
        "works": (
            Work.objects.public()
            .select_related("discipline")
            .prefetch_related(
                Prefetch("work_makers", WorkMaker.objects.select_related("person").order_by("position", "pk")),
                Prefetch("images", WorkImage.objects.order_by("pk").only("pk", "work_id")),
                "materials",
            ),
            _work,
        ),
        "events": (Event.objects.public().select_related("place__locality__region"), _event),
        "places": (Place.objects.public().select_related("locality__region"), _place),
    }


def public_queryset(kind: str):
    """The one public queryset of the kind, as every door reads it."""
    return _querysets()[kind][0]


def records(base: str, kind: str, pks: Iterable[int]) -> dict[int, dict]:
    """The records of those of `pks` that are public now, by pk (a few queries whatever their number)."""
    queryset, build = _querysets()[kind]
    spec = KINDS[kind]
    return {obj.pk: build(base, spec, obj) for obj in queryset.filter(pk__in=list(pks))}


def record_document(base: str, kind: str, record: dict) -> dict:
    return {"@context": SCHEMA, **record}
