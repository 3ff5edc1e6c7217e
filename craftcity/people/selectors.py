"""Reads for the public pages: what a screen shows, fetched in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from craftcity.awards.models import Award
from craftcity.core.translation import TranslatedText
from craftcity.events.models import Participant
from craftcity.events.selectors import public_participations
from craftcity.lineage.models import DynastyMember, Relation
from craftcity.organizations.models import Membership
from craftcity.works.models import WorkMaker, public_work, years_display
from craftcity.works.selectors import maker_credits

from .models import Person, PersonName, choose_name_form

# The orders a visitor may choose on a list of people besides the default, the order they were added in
# (by id: the cheapest at 100,000 people, and the order a festival-day crowd's stored pages were measured in).
PERSON_SORTS = ("name", "newest", "works")


def _sorted(qs, sort: str):
    """People in the chosen order, each order a subquery on the person so filters' joins cannot change it."""
    if sort == "newest":
        return qs.order_by("-created_at", "-id")
    if sort == "works":
        credits = (
            WorkMaker.objects.filter(public_work("work__"), person=OuterRef("pk"))
            .values("person")
            .annotate(n=Count("work", distinct=True))
            .values("n")
        )
        qs = qs.annotate(work_count=Coalesce(Subquery(credits[:1], output_field=IntegerField()), Value(0)))
        return qs.order_by("-work_count", "id")
    # By the name a reader of this language sees (their language's primary form, else any primary form).
    forms = PersonName.objects.filter(person=OuterRef("pk")).order_by("-is_primary", "id").values("full_name")
    language = (translation.get_language() or "en").split("-")[0]
    qs = qs.annotate(sort_name=Coalesce(Subquery(forms.filter(language=language)[:1]), Subquery(forms[:1]), Value("")))
    return qs.order_by(F("sort_name").asc(), "id")


def person_list(
    *,
    user=None,
    discipline=None,
    technique=None,
    material=None,
    region=None,
    country=None,
    organization=None,
    sort: str | None = None,
):
    qs = Person.objects.visible_to(user).select_related("region", "country", "locality")
    qs = qs.prefetch_related("names", "disciplines")
    filters = {
        "disciplines__slug": discipline,
        "techniques__slug": technique,
        "materials__slug": material,
        "region__iso_code": region,
        "country__iso_code": country,
        "memberships__organization__slug": organization,
    }
    for lookup, value in filters.items():
        if value:
            qs = qs.filter(**{lookup: value})
    if sort not in PERSON_SORTS:  # no order asked for (or one we do not offer): the registry's own, by id
        return qs.distinct().order_by("id")
    return _sorted(qs.distinct(), sort)


class Term(NamedTuple):
    slug: str
    name: TranslatedText


class Line(NamedTuple):
    """A dynasty (role: the generation) or an organization (role: the membership's) the person belongs to."""

    slug: str
    name: TranslatedText
    role: object
    start_year: int | None = None
    end_year: int | None = None


class Link(NamedTuple):
    """A master or an apprentice."""

    pk: int
    name: str
    kind: str
    start_year: int | None
    end_year: int | None


class AwardLine(NamedTuple):
    programme: TranslatedText
    year: int
    awarding_body: TranslatedText | None


class WorkCredit(NamedTuple):
    pk: int
    title: TranslatedText
    years: str
    role: str


class EventCredit(NamedTuple):
    pk: int
    slug: str
    name: TranslatedText
    starts_at: object
    ends_at: object
    is_all_day: bool
    role: str
    is_past: bool


class _NameForm(NamedTuple):
    language: str
    is_primary: bool
    full_name: str


@dataclass
class PersonPage:
    """Everything a person's public page shows, read as plain values: model instances and the prefetch
    machinery cost several times the queries themselves, and a page is read far more often than written."""

    person: Person  # with where they live
    names: list[_NameForm]  # every written form of their name, primary ones first
    disciplines: list[Term]
    techniques: list[str]
    materials: list[str]
    dynasties: list[Line]
    masters: list[Link]
    apprentices: list[Link]
    memberships: list[Line]
    awards: list[AwardLine]
    works: list[WorkCredit]  # one row per role, latest work first
    events: list[EventCredit]  # one row per role, events still on first

    @property
    def name(self) -> str:
        """The person's name as the reader of the active language sees it (Person.display_name)."""
        form = choose_name_form(self.names)
        return form.full_name if form else ""

    @property
    def other_names(self) -> list[str]:
        return [name for name in dict.fromkeys(form.full_name for form in self.names) if name != self.name]


def _terms(person, field: str):
    related = Person._meta.get_field(field)
    term = related.related_model._meta.model_name
    rows = related.remote_field.through.objects.filter(person=person)
    return rows.order_by(f"{term}__position", f"{term}__slug").values_list(f"{term}__slug", f"{term}__name")


def _links_and_names(person) -> tuple[list[Link], list[Link], list[_NameForm]]:
    """The person's masters and apprentices named as the reader reads names, and the person's own name
    forms: two queries."""
    rows = list(
        Relation.objects.filter(
            Q(senior=person, junior__status="published", junior__merged_into__isnull=True)
            | Q(junior=person, senior__status="published", senior__merged_into__isnull=True)
        ).values_list("senior_id", "junior_id", "kind", "start_year", "end_year")
    )
    forms: dict[int, list[_NameForm]] = {}
    partners = {senior if junior == person.pk else junior for senior, junior, *_rest in rows}
    names = PersonName.objects.filter(person_id__in={person.pk, *partners})
    for person_id, *form in names.values_list("person_id", "language", "is_primary", "full_name"):
        forms.setdefault(person_id, []).append(_NameForm(*form))

    def link(other: int, kind: str, start_year, end_year) -> Link:
        name = choose_name_form(forms.get(other, []))
        return Link(other, name.full_name if name else "", Relation.Kind(kind).label, start_year, end_year)

    masters = [link(senior, *rest) for senior, junior, *rest in rows if junior == person.pk]
    apprentices = [link(junior, *rest) for senior, junior, *rest in rows if senior == person.pk]
    return masters, apprentices, forms.get(person.pk, [])


def person_page(*, pk: int, user=None, works: int = 12, events: int = 12) -> PersonPage:
    """What the person's page shows, in a fixed number of queries. Of their credits on published works and
    their participations in published events at most `works` and `events` are read, so the page takes as long
    for a newcomer as for a master with hundreds of pieces."""
    person = Person.objects.visible_to(user).select_related("region", "country", "locality").get(pk=pk)
    masters, apprentices, names = _links_and_names(person)
    memberships = Membership.objects.filter(person=person, organization__status="published")
    dynasties = DynastyMember.objects.filter(person=person, dynasty__status="published").order_by("dynasty_id")
    participations = public_participations(now=timezone.now()).filter(person=person)
    return PersonPage(
        person=person,
        names=names,
        disciplines=[Term(*row) for row in _terms(person, "disciplines")],
        techniques=[str(name) for _slug, name in _terms(person, "techniques")],
        materials=[str(name) for _slug, name in _terms(person, "materials")],
        dynasties=[Line(*row) for row in dynasties.values_list("dynasty__slug", "dynasty__name", "generation")],
        masters=masters,
        apprentices=apprentices,
        memberships=[
            Line(slug, name, Membership.Role(role).label, start, end)
            for slug, name, role, start, end in memberships.order_by("start_year", "organization_id").values_list(
                "organization__slug", "organization__name", "role", "start_year", "end_year"
            )
        ],
        awards=[
            AwardLine(*row)
            for row in Award.objects.filter(person=person)
            .order_by("-year", "id")
            .values_list("programme__name", "year", "programme__awarding_body__name")
        ],
        works=[
            WorkCredit(pk, title, years_display(year_from, year_to), WorkMaker.Role(role).label)
            for pk, title, year_from, year_to, role in maker_credits()
            .filter(person=person)
            .values_list("work_id", "work__title", "work__year_from", "work__year_to", "role")[:works]
        ],
        events=[
            EventCredit(*event, Participant.Role(role).label, is_past)
            for *event, role, is_past in participations.values_list(
                "event_id",
                "event__slug",
                "event__name",
                "event__starts_at",
                "event__ends_at",
                "event__is_all_day",
                "role",
                "is_past",
            )[:events]
        ],
    )


def name_forms(person_ids) -> dict[int, list]:
    """{person id: their name forms (.language, .is_primary, .full_name), primary first} in one query, for
    `choose_name_form`."""
    forms: dict[int, list[_NameForm]] = {}
    for person_id, *row in (
        PersonName.objects.filter(person_id__in=list(person_ids))
        .order_by(*PersonName._meta.ordering)
        .values_list("person_id", "language", "is_primary", "full_name")
    ):
        forms.setdefault(person_id, []).append(_NameForm(*row))
    return forms


def display_names(person_ids, language: str | None = None) -> dict[int, str]:
    """{person id: the name a reader of `language` sees} for many people in one query: the same choice as
    `Person.display_name` (`choose_name_form`), for lists that hold ids rather than people."""
    forms = name_forms(person_ids)
    return {pk: form.full_name for pk, items in forms.items() if (form := choose_name_form(items, language))}
