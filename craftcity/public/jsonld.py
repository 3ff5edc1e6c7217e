"""schema.org JSON-LD for entity pages, built only from public fields."""

from __future__ import annotations

import json

from django.utils import timezone
from django.utils.safestring import mark_safe


def _texts(value) -> dict:
    return {k: v for k, v in dict(value or {}).items() if v}


def person_jsonld(page, url: str, events=()) -> dict:
    """`page`: what the person's page shows (people.selectors.PersonPage); `events`: (event, its page's URL)
    for the published events the person takes part in.

    What they made is not listed: schema.org gives a Person no property for it (a work names its creator)."""
    person = page.person
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": url,
        "url": url,
        "name": page.name,
        "alternateName": sorted(set(page.other_names)),
        "knowsAbout": [str(d.name) for d in page.disciplines],
    }
    if person.birth_year:
        data["birthDate"] = str(person.birth_year)
    if person.country_id:
        data["nationality"] = {"@type": "Country", "name": str(person.country.name)}
    if person.locality_id:
        data["homeLocation"] = {"@type": "Place", "name": str(person.locality.name)}
    bio = _texts(person.biography)
    if bio:
        data["description"] = str(person.biography)
    awards = [f"{a.programme} {a.year}" for a in page.awards]
    if awards:
        data["award"] = awards
    orgs = [{"@type": "Organization", "name": str(m.name)} for m in page.memberships]
    if orgs:
        data["memberOf"] = orgs
    for field in ("email", "phone"):
        if getattr(person, f"is_{field}_public") and getattr(person, field):
            data["telephone" if field == "phone" else "email"] = getattr(person, field)
    if events:
        # schema.org: "Event that this person is a performer or participant in".
        data["performerIn"] = [_event_jsonld(event, event_url) for event, event_url in events]
    return data


def _when(event, moment) -> str:
    local = timezone.localtime(moment).replace(microsecond=0)
    return local.date().isoformat() if event.is_all_day else local.isoformat()


def _event_jsonld(event, url: str) -> dict:
    data = {"@type": "Event", "name": str(event.name), "url": url, "startDate": _when(event, event.starts_at)}
    if event.ends_at:
        data["endDate"] = _when(event, event.ends_at)
    return data


def organization_jsonld(organization, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url,
        "url": url,
        "name": str(organization.name),
    }
    if organization.website:
        data["sameAs"] = [organization.website]
    if organization.founded_year:
        data["foundingDate"] = str(organization.founded_year)
    if organization.parent_id:
        data["parentOrganization"] = {"@type": "Organization", "name": str(organization.parent.name)}
    if _texts(organization.description):
        data["description"] = str(organization.description)
    return data


def place_jsonld(place, url: str, address: str, point) -> dict:
    """`point` is what the viewer may see (Place.public_coordinates), never the raw coordinates."""
    data = {"@context": "https://schema.org", "@type": "Place", "@id": url, "url": url, "name": str(place.name)}
    if address:
        data["address"] = address
    if point:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}
    if place.opening_hours:
        data["openingHours"] = place.opening_hours
    return data


def script_tag(data: dict) -> str:
    """A <script type="application/ld+json"> block, safe against </script> in values."""
    payload = (
        json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


def work_jsonld(work, url: str, base: str) -> dict:
    """schema.org VisualArtwork from the public fields of a published work."""
    data = {
        "@context": "https://schema.org",
        "@type": "VisualArtwork",
        "@id": url,
        "url": url,
        "name": str(work.title),
        "creator": [
            {"@type": "Person", "name": m.person.display_name, "url": f"{base}/en/people/{m.person.pk}/"}
            for m in work.work_makers.all()
            if m.person.status == "published"
        ],
    }
    if _texts(work.description):
        data["description"] = str(work.description)
    if work.date_display:
        data["dateCreated"] = work.date_display
    if work.discipline_id:
        data["artform"] = str(work.discipline.name)
    materials = [str(m.name) for m in work.materials.all()]
    if materials:
        data["artMedium"] = materials
    techniques = [str(t.name) for t in work.techniques.all()]
    if techniques:
        data["keywords"] = techniques
    if work.dimensions:
        data["size"] = work.dimensions
    if work.accession_number:
        data["identifier"] = work.accession_number
    if work.collection_id:
        data["isPartOf"] = {"@type": "Collection", "name": str(work.collection.name)}
    data["license"] = work.license_url or work.rights_statement
    images = [f"{base}/iiif/images/{image.pk}/full/max/0/default.jpg" for image in work.images.all()]
    if images:
        data["image"] = images
    data["subjectOf"] = {
        "@type": "CreativeWork",
        "encodingFormat": "application/ld+json",
        "url": f"{base}/iiif/works/{work.pk}/manifest.json",
    }
    return data
