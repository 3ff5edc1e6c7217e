"""The dossier's exporters: each yields a header then rows; `core.exporters` writes them as CSV or XLSX."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from craftcity.core.exporters import Exporter
from craftcity.core.translation import as_translated
from craftcity.geo.models import Country, Region
from craftcity.lineage.models import Dynasty
from craftcity.organizations.models import Organization
from craftcity.people.models import Person, PersonName, choose_name_form
from craftcity.taxonomy.models import Discipline

from .asof import Snapshot
from .indicators import BREAKDOWNS, Result


def _text(value, language) -> str:
    return as_translated(value).text(language) if isinstance(value, dict) else str(value)


class IndicatorTablesExporter(Exporter):
    """Every number behind the dossier's tables: indicator, breakdown, label, values."""

    def __init__(self, results: dict, language: str, registry):
        self.results, self.language, self.registry = results, language, registry
        self.title = _("Indicators")

    def header(self):
        return [_("indicator"), _("breakdown"), _("item"), _("value"), _("more values")]

    def rows(self):
        for code, result in self.results.items():
            name = self.registry[code].label(self.language)
            yield [name, _("total"), "", result.total, ""]
            for table in result.tables:
                breakdown = _text(BREAKDOWNS[table.breakdown], self.language)
                for row in table.rows:
                    yield [name, breakdown, str(row.label), row.values[0], " · ".join(str(v) for v in row.values[1:])]


class IndicatorExporter(Exporter):
    """One indicator's series and tables, for the dashboard's download links."""

    def __init__(self, computed, language: str):
        self.computed, self.language = computed, language
        self.title = computed.indicator.label(language)

    def header(self):
        return [_("breakdown"), _("item"), _("value")]

    def rows(self):
        for label, total in self.computed.series:
            yield [_("total"), label, total]
        result: Result = self.computed.result
        for table in result.tables:
            breakdown = _text(BREAKDOWNS[table.breakdown], self.language)
            for row in table.rows:
                yield [breakdown, str(row.label), *row.values]


def _names(person_ids: set[int], language: str) -> dict[int, str]:
    forms: dict[int, list] = defaultdict(list)
    for form in (
        PersonName.objects.filter(person_id__in=_public_people().values("pk"))
        .only("person_id", "full_name", "language", "is_primary")
        .order_by("person_id", "id")
        .iterator(chunk_size=10_000)
    ):
        if form.person_id in person_ids:
            forms[form.person_id].append(form)
    return {pid: (choose_name_form(items, language).full_name if items else "") for pid, items in forms.items()}


def _public_people():
    # Public, unmerged people today: a person who has since withdrawn is counted but not listed.
    return Person.objects.public()


def _listable(snapshot: Snapshot) -> set[int]:
    today = set(_public_people().values_list("pk", flat=True))
    return snapshot.practitioner_ids & today


class ArtisansAnnex(Exporter):
    """Practitioners counted at the date and public today: only public or consented personal data."""

    def __init__(self, snapshot: Snapshot, language: str):
        self.snapshot, self.language = snapshot, language
        self.title = _("Artisans and musicians")

    def header(self):
        return [
            _("ID"),
            _("name"),
            _("occupation"),
            _("disciplines"),
            _("region"),
            _("country"),
            _("birth year"),
            _("phone (consented)"),
            _("e-mail (consented)"),
            _("website"),
        ]

    def rows(self):
        ids = _listable(self.snapshot)
        names = _names(ids, self.language)
        disciplines = {pk: _text(name, self.language) for pk, name in Discipline.objects.values_list("pk", "name")}
        regions = {pk: _text(name, self.language) for pk, name in Region.objects.values_list("pk", "name")}
        countries = {pk: _text(name, self.language) for pk, name in Country.objects.values_list("pk", "name")}
        occupations = dict(Person.Occupation.choices)
        people = self.snapshot.people
        current = _public_people().order_by("pk")
        for pk, phone, phone_public, email, email_public, website in current.values_list(
            "pk", "phone", "is_phone_public", "email", "is_email_public", "website"
        ).iterator(chunk_size=10_000):
            if pk not in ids:
                continue
            row = people[pk]
            yield [
                pk,
                names.get(pk, ""),
                str(occupations.get(row.occupation, row.occupation)),
                "; ".join(disciplines.get(d, "") for d in self.snapshot.person_disciplines.get(pk, ())),
                regions.get(row.region_id, ""),
                countries.get(row.country_id, ""),
                row.birth_year or "",
                phone if phone_public else "",
                email if email_public else "",
                website,
            ]


class DynastiesAnnex(Exporter):
    def __init__(self, snapshot: Snapshot, language: str):
        self.snapshot, self.language = snapshot, language
        self.title = _("Dynasties")

    def header(self):
        return [_("dynasty"), _("generations"), _("member ID"), _("member"), _("generation")]

    def rows(self):
        listable = _listable(self.snapshot)
        generations = self.snapshot.dynasty_generations
        members = {pid for gens in generations.values() for pid in gens}
        names = _names(members & listable, self.language)
        dynasty_names = {pk: _text(name, self.language) for pk, name in Dynasty.objects.values_list("pk", "name")}
        for dynasty_id, _slug, *_rest in self.snapshot.dynasties:
            gens = generations.get(dynasty_id)
            if not gens:
                continue
            count = max(gens.values())
            for pid, generation in sorted(gens.items(), key=lambda item: (item[1], item[0])):
                if pid in listable:
                    yield [dynasty_names.get(dynasty_id, ""), count, pid, names.get(pid, ""), generation]


class OrganizationsAnnex(Exporter):
    def __init__(self, snapshot: Snapshot, language: str):
        self.snapshot, self.language = snapshot, language
        self.title = _("Organizations")

    def header(self):
        return [_("ID"), _("organization"), _("kind"), _("country"), _("active members")]

    def rows(self):
        kinds = dict(Organization.Kind.choices)
        countries = {pk: _text(name, self.language) for pk, name in Country.objects.values_list("pk", "name")}
        names = {pk: _text(name, self.language) for pk, name in Organization.objects.values_list("pk", "name")}
        members: dict[int, set[int]] = defaultdict(set)
        for org, person, _role in self.snapshot.active_memberships:
            members[org].add(person)
        for pk, (kind, country) in sorted(self.snapshot.organizations.items()):
            yield [pk, names.get(pk, ""), str(kinds.get(kind, kind)), countries.get(country, ""), len(members[pk])]
