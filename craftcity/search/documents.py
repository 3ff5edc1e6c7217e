"""What goes into the search index for each kind of record. Only public fields; only published records."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation

import namekit
from craftcity.core.translation import as_translated
from craftcity.geo.models import Country, Locality, Region
from craftcity.lineage.models import Dynasty
from craftcity.organizations.models import Organization
from craftcity.people.models import Person, PersonName, choose_name_form
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline, Material, Technique

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
    """One kind of record in search: how to read its public records, the page each one links to, and which
    models' saves and deletes make a record stale. Apps add theirs with `register`."""

    kind: str
    queryset: Callable  # () -> QuerySet of the public records
    document: Callable | None = None  # (obj) -> dict of SearchEntry fields
    bulk: Callable | None = None  # (pks) -> {pk: dict of SearchEntry fields}, for kinds with many records
    url_name: str = ""  # the public page, reversed with the entry's ref
    numeric_ref: bool = False  # the page's URL takes an integer (a pk), not a slug
    # model → function of a saved or deleted instance giving the pk of the record to reindex (None: itself)
    watch: dict = dataclasses.field(default_factory=dict)

    def documents(self, pks) -> dict:
        """Documents of the public records among `pks`."""
        if self.bulk is not None:
            return self.bulk(pks)
        return {obj.pk: self.document(obj) for obj in self.queryset().filter(pk__in=pks)}


def _person_queryset():
    return Person.objects.public()


class _NameForm(NamedTuple):
    language: str
    is_primary: bool
    full_name: str


def _lookup(model, key="pk") -> dict:
    return {row[0]: (row[1], as_translated(row[2])) for row in model.objects.values_list("pk", key, "name")}


def _person_documents(pks) -> dict[int, dict]:
    """Documents of many people from a handful of flat queries: no model instances, so a registry of
    100,000 people is indexed in seconds, not minutes."""
    people = list(_person_queryset().filter(pk__in=pks).values_list("pk", "region_id", "country_id", "locality_id"))
    found = [row[0] for row in people]
    names: dict[int, list[_NameForm]] = {pk: [] for pk in found}
    for person_id, language, is_primary, full_name in (
        PersonName.objects.filter(person_id__in=found)
        .order_by("person_id", "-is_primary", "id")
        .values_list("person_id", "language", "is_primary", "full_name")
    ):
        names[person_id].append(_NameForm(language, is_primary, full_name))
    terms = {}
    for relation, model in (("disciplines", Discipline), ("techniques", Technique), ("materials", Material)):
        through = Person._meta.get_field(relation).remote_field.through
        column = f"{model._meta.model_name}_id"
        links: dict[int, list[int]] = {}
        for person_id, term_id in through.objects.filter(person_id__in=found).values_list("person_id", column):
            links.setdefault(person_id, []).append(term_id)
        terms[relation] = (links, _lookup(model, "slug"))
    regions, countries, localities = _lookup(Region, "iso_code"), _lookup(Country, "iso_code"), _lookup(Locality)

    documents = {}
    for pk, region_id, country_id, locality_id in people:
        forms = names[pk]
        all_names = [form.full_name for form in forms]
        by_language = {}
        for code in settings.CONTENT_LANGUAGES:
            form = choose_name_form(forms, code)
            if form is not None:
                by_language[code] = form.full_name
        disciplines = [terms["disciplines"][1][i] for i in terms["disciplines"][0].get(pk, [])]
        words = list(all_names)
        for field in ("disciplines", "techniques", "materials"):
            links, lookup = terms[field]
            for term_id in links.get(pk, []):
                words += _all_languages(lookup[term_id][1])
        region = regions.get(region_id)
        country = countries.get(country_id)
        locality = localities.get(locality_id)
        for place in (region, country, locality):
            if place is not None:
                words += _all_languages(place[1])
        subtitle = {}
        for code in settings.CONTENT_LANGUAGES:
            parts = [name.text(code) for _slug, name in disciplines[:3]]
            if region is not None:
                parts.append(region[1].text(code))
            subtitle[code] = ", ".join(p for p in parts if p)
        documents[pk] = {
            "ref": str(pk),
            "title": _title(by_language),
            "subtitle": _title(subtitle),
            "keys": _keys(all_names),
            "text": " ".join(words),
            "facets": {
                "discipline": [slug for slug, _name in disciplines],
                "region": region[0] if region else "",
                "country": country[0] if country else "",
            },
        }
    return documents


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


# Helpers for indexers of other apps: every language's text of a translated value, the text in every language,
# and the namekit keys of names (what makes "Айжан" find "Aizhan").
all_languages = _all_languages
in_every_language = _in_every_language
name_keys = _keys

INDEXERS: dict[str, Indexer] = {}


def register(indexer: Indexer) -> None:
    """The registration point of search: a kind of record, its public page and the models that change it.

    The registry's own kinds register below; works and events register theirs in their `indexing` modules.
    Saves and deletes of the watched models queue the record for reindexing at commit (`search.signals`)."""
    from . import signals

    INDEXERS[indexer.kind] = indexer
    for model, to_pk in indexer.watch.items():
        signals.watch(model, indexer.kind, to_pk)


register(
    Indexer(
        SearchEntry.Kind.PERSON, _person_queryset, bulk=_person_documents, url_name="public:person",
        numeric_ref=True, watch={Person: None, PersonName: lambda name: name.person_id},
    )
)  # fmt: skip
register(
    Indexer(
        SearchEntry.Kind.ORGANIZATION, lambda: Organization.objects.public(), _organization_document,
        url_name="public:organization", watch={Organization: None},
    )
)  # fmt: skip
register(
    Indexer(
        SearchEntry.Kind.PLACE, lambda: Place.objects.public().select_related("locality"), _place_document,
        url_name="public:place", watch={Place: None},
    )
)  # fmt: skip
register(
    Indexer(
        SearchEntry.Kind.DYNASTY,
        lambda: (
            Dynasty.objects.public()
            .select_related("discipline", "founder")
            .prefetch_related(Prefetch("founder__names"))
        ),
        _dynasty_document, url_name="public:dynasty", watch={Dynasty: None},
    )
)  # fmt: skip
register(
    Indexer(
        SearchEntry.Kind.DISCIPLINE,
        lambda: Discipline.objects.select_related("field").prefetch_related("techniques"),
        _discipline_document, url_name="public:discipline", watch={Discipline: None},
    )
)  # fmt: skip
