"""What goes into the search index for each kind of record. Only public fields; only published records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation

import namekit
from craftcity.lineage.models import Dynasty
from craftcity.organizations.models import Organization
from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline

from .models import SearchEntry


def _all_languages(value) -> list[str]:
    return [text for text in dict(value or {}).values() if text]


def _keys(names) -> str:
    tokens = []
    for name in names:
        key = namekit.skeleton(name)
        if key:
            tokens.extend(key.split())
    return " ".join(dict.fromkeys(tokens))


def _in_every_language(label) -> dict[str, str]:
    """A gettext label (e.g. a choice's display) rendered in each UI language."""
    result = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result[code] = str(label)
    return result


def _title(names_by_language: dict[str, str]) -> dict[str, str]:
    return {code: text for code, text in names_by_language.items() if text}


@dataclass
class Indexer:
    kind: str
    queryset: Callable  # () -> QuerySet of the public records
    document: Callable  # (obj) -> dict of SearchEntry fields


def _person_queryset():
    return (
        Person.objects.active()
        .published()
        .select_related("region", "country", "locality")
        .prefetch_related("names", "disciplines", "techniques", "materials")
    )


def _person_document(person: Person) -> dict:
    names = [n.full_name for n in person.names.all()]
    by_language = {}
    for code in settings.CONTENT_LANGUAGES:
        name = person.name_in(code)
        if name is not None:
            by_language[code] = name.full_name
    disciplines = list(person.disciplines.all())
    words = [*names]
    for term in [*disciplines, *person.techniques.all(), *person.materials.all()]:
        words += _all_languages(term.name)
    for place in (person.region, person.country, person.locality):
        if place is not None:
            words += _all_languages(place.name)
    subtitle = {}
    for code in settings.CONTENT_LANGUAGES:
        parts = [d.name.text(code) for d in disciplines[:3]]
        if person.region is not None:
            parts.append(person.region.name.text(code))
        subtitle[code] = ", ".join(p for p in parts if p)
    return {
        "ref": str(person.pk),
        "title": _title(by_language),
        "subtitle": _title(subtitle),
        "keys": _keys(names),
        "text": " ".join(words),
        "facets": {
            "discipline": [d.slug for d in disciplines],
            "region": person.region.iso_code if person.region else "",
            "country": person.country.iso_code if person.country else "",
        },
    }


def _organization_document(organization: Organization) -> dict:
    names = _all_languages(organization.name) + ([organization.short_name] if organization.short_name else [])
    return {
        "ref": organization.slug,
        "title": dict(organization.name),
        "subtitle": _in_every_language(Organization.Kind(organization.kind).label),
        "keys": _keys(names),
        "text": " ".join([*names, *_all_languages(organization.description)[:3]]),
        "facets": {"kind": organization.kind},
    }


def _place_document(place: Place) -> dict:
    names = _all_languages(place.name)
    return {
        "ref": place.slug,
        "title": dict(place.name),
        "subtitle": dict(place.locality.name) if place.locality else {},
        "keys": _keys(names),
        "text": " ".join([*names, *_all_languages(place.description)]),
        "facets": {"kind": place.kind},
    }


def _dynasty_document(dynasty: Dynasty) -> dict:
    names = _all_languages(dynasty.name)
    founder = [n.full_name for n in dynasty.founder.names.all()]
    return {
        "ref": dynasty.slug,
        "title": dict(dynasty.name),
        "subtitle": dict(dynasty.discipline.name) if dynasty.discipline else {},
        "keys": _keys(names + founder),
        "text": " ".join([*names, *founder]),
        "facets": {"discipline": [dynasty.discipline.slug] if dynasty.discipline else []},
    }


def _discipline_document(discipline: Discipline) -> dict:
    names = _all_languages(discipline.name)
    techniques = [t for technique in discipline.techniques.all() for t in _all_languages(technique.name)]
    return {
        "ref": discipline.slug,
        "title": dict(discipline.name),
        "subtitle": dict(discipline.field.name),
        "keys": _keys(names),
        "text": " ".join([*names, *techniques, *_all_languages(discipline.description)]),
        "facets": {"field": discipline.field.slug},
    }


INDEXERS: dict[str, Indexer] = {
    SearchEntry.Kind.PERSON: Indexer(SearchEntry.Kind.PERSON, _person_queryset, _person_document),
    SearchEntry.Kind.ORGANIZATION: Indexer(
        SearchEntry.Kind.ORGANIZATION, lambda: Organization.objects.published(), _organization_document
    ),
    SearchEntry.Kind.PLACE: Indexer(
        SearchEntry.Kind.PLACE, lambda: Place.objects.published().select_related("locality"), _place_document
    ),
    SearchEntry.Kind.DYNASTY: Indexer(
        SearchEntry.Kind.DYNASTY,
        lambda: (
            Dynasty.objects.published()
            .select_related("discipline", "founder")
            .prefetch_related(Prefetch("founder__names"))
        ),
        _dynasty_document,
    ),
    SearchEntry.Kind.DISCIPLINE: Indexer(
        SearchEntry.Kind.DISCIPLINE,
        lambda: Discipline.objects.select_related("field").prefetch_related("techniques"),
        _discipline_document,
    ),
}


def register(indexer: Indexer) -> None:
    """Other apps (works, events) add their kind of record to search here."""
    INDEXERS[indexer.kind] = indexer
