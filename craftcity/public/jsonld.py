"""schema.org JSON-LD for entity pages, built only from public fields."""

from __future__ import annotations

import json

from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.safestring import mark_safe


def _texts(value) -> dict:
    return {k: v for k, v in dict(value or {}).items() if v}


def _page_subject(kind: str, url: str, name, description=None) -> dict:
    """The node a page is about: its type, its address as @id and url, its name, and its description if any."""
    data = {"@context": "https://schema.org", "@type": kind, "@id": url, "url": url, "name": str(name)}
    if _texts(description):
        data["description"] = str(description)
    return data


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
    same = [link for link in [person.website, *(person.links or [])] if link]
    if same:
        data["sameAs"] = same
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
    """An event nested in another record (a person's performerIn): what search engines need of any Event."""
    data = {
        "@type": EVENT_TYPES.get(event.kind, "Event"),
        "name": str(event.name),
        "url": url,
        "startDate": _when(event, event.starts_at),
        "eventStatus": f"https://schema.org/{EVENT_STATUS[event.schedule]}",
        "eventAttendanceMode": f"https://schema.org/{ATTENDANCE[event.attendance]}",
        "location": _event_location(event, url),
    }
    if event.ends_at:
        data["endDate"] = _when(event, event.ends_at)
    return data


# schema.org's Event subtypes for our kinds (a competition or a residency has none of its own).
EVENT_TYPES = {
    "festival": "Festival", "exhibition": "ExhibitionEvent", "fair": "SaleEvent", "concert": "MusicEvent",
    "conference": "EducationEvent", "training": "EducationEvent", "workshop": "EducationEvent",
}  # fmt: skip
EVENT_STATUS = {
    "scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled", "held": "EventScheduled",  # schema.org has no "took place"; it was as planned
}  # fmt: skip
ATTENDANCE = {
    "offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
    "mixed": "MixedEventAttendanceMode",
}  # fmt: skip


def _postal_address(locality: str, street: str = "") -> dict:
    from django.conf import settings

    address = {"@type": "PostalAddress", "addressLocality": locality}
    if street:
        address["streetAddress"] = street
    address["addressCountry"] = getattr(settings, "CRAFTCITY_HOLIDAY_COUNTRY", "KZ")
    return address


def _event_location(event, url: str) -> dict | list:
    """Where: the venue with its public address, or the city; online events point to their page."""
    places = []
    if event.attendance != "online":
        if event.place_id:
            venue = event.place
            place = {"@type": "Place", "name": str(venue.name), "address": _postal_address(
                str(venue.locality.name) if venue.locality_id else (event.city or "Almaty"), venue.public_address(None)
            )}  # fmt: skip
            places.append(place)
        else:
            city = event.city or "Almaty"
            places.append({"@type": "Place", "name": city, "address": _postal_address(city)})
    if event.attendance != "offline":
        places.append({"@type": "VirtualLocation", "url": event.tickets_url or url})
    return places[0] if len(places) == 1 else places


def event_jsonld(event, url: str, *, base: str, organisers=(), performers=(), sub_events=()) -> dict:
    """The markup of an event page, complete enough for search engines' event results: name, dates, status,
    attendance mode, location with address, organizer, admission, performers, programme."""
    data = {"@context": "https://schema.org", **_event_jsonld(event, url), "@id": url}
    if _texts(event.description):
        data["description"] = str(event.description)
    if organisers:
        data["organizer"] = [
            {
                "@type": "Organization",
                "name": str(o.name),
                "url": f"{base}{reverse_lazy('public:organization', args=[o.slug])}",
            }
            for o in organisers
        ]
    if event.admission == "free":
        data["isAccessibleForFree"] = True
    elif event.admission == "paid" and event.tickets_url:
        data["offers"] = {"@type": "Offer", "url": event.tickets_url, "availability": "https://schema.org/InStock"}
    if performers:
        data["performer"] = [{"@type": "Person", "name": name, "url": person_url} for name, person_url in performers]
    if event.parent_id:
        data["superEvent"] = {"@type": "Event", "name": str(event.parent.name),
                              "url": f"{base}{reverse_lazy('public:event', args=[event.parent.slug])}"}  # fmt: skip
    if sub_events:
        data["subEvent"] = [
            _event_jsonld(sub, f"{base}{reverse_lazy('public:event', args=[sub.slug])}") for sub in sub_events
        ]
    return data


def dynasty_jsonld(dynasty, url: str, base: str) -> dict:
    """A lineage has no type of its own in schema.org: its page is a CollectionPage whose main entity is the
    list of its members, generation by generation."""
    members = list(dynasty.members.all())
    data = _page_subject("CollectionPage", url, dynasty.name, dynasty.description)
    data["mainEntity"] = {
        "@type": "ItemList",
        "numberOfItems": len(members),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "item": {
                    "@type": "Person",
                    "name": member.person.display_name,
                    "url": f"{base}{reverse_lazy('public:person', args=[member.person_id])}",
                },
            }
            for position, member in enumerate(members, start=1)
        ],
    }
    if dynasty.discipline_id:
        data["about"] = {"@type": "DefinedTerm", "name": str(dynasty.discipline.name)}
    return data


def discipline_jsonld(discipline, url: str) -> dict:
    data = _page_subject("DefinedTerm", url, discipline.name, discipline.description)
    data["inDefinedTermSet"] = {"@type": "DefinedTermSet", "name": str(discipline.field.name)}
    if discipline.aat_id:
        data["sameAs"] = f"http://vocab.getty.edu/aat/{discipline.aat_id}"
    return data


def region_jsonld(region, url: str) -> dict:
    return {
        **_page_subject("AdministrativeArea", url, region.name),
        "identifier": region.iso_code,
        "containedInPlace": {
            "@type": "Country",
            "name": str(region.country.name),
            "identifier": region.country.iso_code,
        },
    }


def _work_ref(base: str, pk: int, title) -> dict:
    return {"@type": "VisualArtwork", "name": str(title), "url": f"{base}{reverse_lazy('public:work', args=[pk])}"}


def exhibition_jsonld(exhibition, url: str, base: str) -> dict:
    data = _page_subject("ExhibitionEvent", url, exhibition.title, exhibition.description)
    data["eventStatus"] = "https://schema.org/EventScheduled"
    data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    start = (
        exhibition.starts_on.isoformat() if exhibition.starts_on else (str(exhibition.year) if exhibition.year else "")
    )
    if start:
        data["startDate"] = start
    if exhibition.ends_on:
        data["endDate"] = exhibition.ends_on.isoformat()
    city = exhibition.city or (
        str(exhibition.venue.locality.name) if exhibition.venue_id and exhibition.venue.locality_id else ""
    )
    if exhibition.venue_id:
        address = _postal_address(city or "Almaty", exhibition.venue.public_address(None))
        data["location"] = {"@type": "Place", "name": str(exhibition.venue.name), "address": address}
    elif city:
        data["location"] = {"@type": "Place", "name": city, "address": _postal_address(city)}
    featured = [
        _work_ref(base, item.work_id, item.work.title)
        for item in exhibition.items.all()
        if item.work.status == "published"
    ]
    if featured:
        data["workFeatured"] = featured
    return data


def collection_jsonld(collection, url: str, base: str, works) -> dict:
    """`works`: (pk, title) of the published works, the first page of them."""
    data = _page_subject("Collection", url, collection.name, collection.description)
    data["collectionSize"] = len(works)
    if collection.owner_id:
        data["maintainer"] = {"@type": "Organization", "name": str(collection.owner.name)}
    if works:
        data["hasPart"] = [_work_ref(base, pk, title) for pk, title in works[:100]]
    return data


def tour_jsonld(tour, url: str, base: str, route) -> dict:
    data = _page_subject("TouristTrip", url, tour.title, tour.summary)
    data["itinerary"] = {
        "@type": "ItemList",
        "numberOfItems": len(route.stops),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": item.number,
                "item": _stop_place(item, base),
            }
            for item in route.stops
        ],
    }
    return data


def _stop_place(item, base: str) -> dict:
    place = item.stop.place
    data = {
        "@type": "Place",
        "name": str(place.name),
        "url": f"{base}{reverse_lazy('public:place', args=[place.slug])}",
    }
    if item.address:
        data["address"] = item.address
    if item.point:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": item.point[0], "longitude": item.point[1]}
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


# schema.org types of our places; only these (LocalBusiness and CivicStructure kinds) may carry opening hours.
PLACE_TYPES = {
    "workshop": "LocalBusiness", "studio": "LocalBusiness", "shop": "Store", "gallery": "ArtGallery",
    "museum": "Museum", "venue": "PerformingArtsTheater", "school": "School", "square": "Place",
}  # fmt: skip
_OPENING_HOURS_DOMAIN = {"LocalBusiness", "Store", "ArtGallery", "Museum", "PerformingArtsTheater"}


def place_jsonld(place, url: str, address: str, point) -> dict:
    """`point` is what the viewer may see (Place.public_coordinates), never the raw coordinates."""
    kind = PLACE_TYPES.get(place.kind, "Place")
    data = _page_subject(kind, url, place.name)
    if address:
        data["address"] = address
    if point:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}
    if place.opening_hours and kind in _OPENING_HOURS_DOMAIN:
        week = opening_hours_specification(place.opening_hours)
        if week:
            data["openingHoursSpecification"] = week
    return data


def opening_hours_specification(text: str) -> list[dict]:
    """OpenStreetMap opening_hours (what we store; it says "24/7", "PH off", "Tu-Su 10:00-18:00") read by the
    hours library into schema.org's structured form: the windows of each weekday of an ordinary week.
    Public-holiday rules are not expressible in it and are left to the page, which shows them."""
    from tourkit.hours import HoursError, clock, ordinary_week

    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    try:
        week = ordinary_week(text)
    except HoursError:
        return []
    return [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": f"https://schema.org/{name}", "opens": clock(start),
         "closes": clock(end)}
        for name, windows in zip(names, week, strict=True)
        for start, end in windows
    ]  # fmt: skip


# schema.org types that take `inLanguage` themselves (CreativeWork and Event kinds); the others (Person,
# Organization, Place…) say their page's language through `mainEntityOfPage`.
_HAS_LANGUAGE = {
    "VisualArtwork", "CollectionPage", "Collection", "Event", "ExhibitionEvent", "Festival", "SaleEvent",
    "MusicEvent", "EducationEvent",
}  # fmt: skip


def in_page_language(data: dict, language: str | None = None) -> dict:
    """The markup of a page said to be in the page's language: its @id and url are this language's address
    (views build them from the request), `mainEntityOfPage` is the page in `language` with the same page in
    the other languages as its translations, and types that carry a language carry `inLanguage`."""
    from django.conf import settings
    from django.urls import translate_url
    from django.utils import translation

    url = data.get("url") or data.get("@id")
    if not url or "@context" not in data:
        return data
    language = language or translation.get_language()
    data = dict(data)
    if data.get("@type") in _HAS_LANGUAGE:
        data["inLanguage"] = language
    # The page nodes carry no @id: the subject already uses the page's address as its own @id, and two nodes
    # with one @id would be merged into one by a JSON-LD reader.
    data["mainEntityOfPage"] = {
        "@type": "WebPage",
        "url": url,
        "inLanguage": language,
        "workTranslation": [
            {"@type": "WebPage", "url": address, "inLanguage": code}
            for code, _name in settings.LANGUAGES
            if code != language and (address := translate_url(url, code)) != url
        ],
    }
    return data


def script_tag(data: dict) -> str:
    """A <script type="application/ld+json"> block, safe against </script> in values; the page's own markup
    is marked with the page's language (`in_page_language`)."""
    data = in_page_language(data)
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
            {
                "@type": "Person",
                "name": m.person.display_name,
                "url": f"{base}{reverse_lazy('public:person', args=[m.person.pk])}",
            }
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


def _person_ref(person, base: str = "") -> dict:
    ref = {"@type": "Person", "name": person.display_name}
    if person.status == "published" and person.merged_into_id is None:
        ref["url"] = f"{base}{reverse_lazy('public:person', args=[person.pk])}"
    return ref


def musical_work_jsonld(work, url: str, base: str) -> dict:
    """A piece of repertoire as schema.org's MusicComposition; its credits by public name only."""
    data = _page_subject("MusicComposition", url, work.title, work.description)
    roles = {"composer": "composer", "lyricist": "lyricist", "attributed": "composer"}
    for credit in work.credits.all():
        key = roles.get(credit.role)
        if key and credit.person_id:
            data.setdefault(key, []).append(_person_ref(credit.person, base))
    if work.iswc:
        data["iswcCode"] = work.iswc
    if work.date_display:
        data["dateCreated"] = work.date_display.replace("–", "/")
    if work.lyrics_language in {"kk", "ru", "en"}:
        data["inLanguage"] = work.lyrics_language
    data["genre"] = str(work.get_kind_display())
    return data


def recording_jsonld(recording, url: str, base: str) -> dict:
    """A recording as schema.org's MusicRecording, with the AudioObject or VideoObject a player would load."""
    data = _page_subject("MusicRecording", url, recording.display_title, recording.description)
    work_url = f"{base}{reverse_lazy('public:musical-work', args=[recording.work_id])}"
    data["recordingOf"] = {"@type": "MusicComposition", "name": str(recording.work.title), "url": work_url}
    if recording.duration:
        data["duration"] = recording.duration_iso
    performers = [_person_ref(person, base) for person in recording.performers.all()]
    if performers:
        data["byArtist"] = performers
    if recording.file:
        kind = "VideoObject" if recording.is_video else "AudioObject"
        data["audio" if kind == "AudioObject" else "video"] = {
            "@type": kind,
            "contentUrl": f"{base}/iiif/recordings/{recording.pk}/media",
            "encodingFormat": recording.mime_type.split(";")[0],
        }
    elif recording.external_url:
        data["sameAs"] = recording.external_url
    if recording.recorded_on:
        data["dateCreated"] = recording.recorded_on.isoformat()
    data["license"] = recording.license_url or recording.rights_statement
    return data
