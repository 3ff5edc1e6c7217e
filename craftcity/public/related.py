"""Related items at the end of every entity page: the same craft, the same dynasty, the same region or venue.

One selector per kind of page. Each group is one query for the related records, limited to a few, and people's
names are one more query for all groups together (read through `people.selectors.display_names`, the one rule
for which name a reader sees). Only public records; nothing personal is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from craftcity.events.models import Event
from craftcity.events.selectors import still_on
from craftcity.lineage.models import Dynasty
from craftcity.organizations.models import Organization
from craftcity.people.models import Person
from craftcity.people.selectors import display_names
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline
from craftcity.works.models import Work

SHOWN = 6


@dataclass
class Item:
    label: object  # a TranslatedText, or a person's name already chosen for the reader (a str)
    url: str
    is_person: bool = False


@dataclass
class Group:
    heading: str  # "Same craft", "Same region"…
    subject: object = ""  # what they share (a TranslatedText), linked to its page when `href` is given
    href: str = ""
    items: list[Item] = field(default_factory=list)
    subject_is_plain: bool = False  # the subject is already in the reader's language (a name, a choice label)


def _people_group(heading: str, people, *, subject="", href="") -> tuple[Group, list[int]]:
    # Three times as many as shown, so that a group still fills when the people of an earlier one are left out.
    ids = list(people.order_by("pk").values_list("pk", flat=True).distinct()[: SHOWN * 3])
    return Group(heading, subject, href), ids


def _fill_people(groups: list[tuple[Group, list[int]]], shown=()) -> list[Group]:
    """Each person once, in the first group they belong to (a dynasty's members often share its craft and region),
    and none the page already links to (`shown`: its masters and apprentices)."""
    names = display_names({pk for _group, ids in groups for pk in ids})
    seen: set[int] = set(shown)
    result = []
    for group, ids in groups:
        fresh = [pk for pk in ids if pk not in seen and names.get(pk)][:SHOWN]
        seen.update(fresh)
        group.items = [Item(names[pk], reverse("public:person", args=[pk]), is_person=True) for pk in fresh]
        if group.items:
            result.append(group)
    return result


def related_to_person(person: Person, *, disciplines=(), dynasties=(), shown=()) -> list[Group]:
    """Other public people of the person's first craft, first dynasty and region. `disciplines` and `dynasties`
    are what the page already read (people.selectors.PersonPage): (slug, name) pairs, the first one shared;
    `shown`: ids of the people the page links to already, left out here."""
    others = Person.objects.public().exclude(pk=person.pk)
    groups = []
    if dynasties:
        line = dynasties[0]
        groups.append(
            _people_group(
                _("Same dynasty"), others.filter(dynasty_memberships__dynasty__slug=line.slug),
                subject=line.name, href=reverse("public:dynasty", args=[line.slug]),
            )
        )  # fmt: skip
    if disciplines:
        craft = disciplines[0]
        groups.append(
            _people_group(
                _("Same craft"), others.filter(disciplines__slug=craft.slug),
                subject=craft.name, href=reverse("public:discipline", args=[craft.slug]),
            )
        )  # fmt: skip
    if person.region_id:
        region = person.region
        groups.append(
            _people_group(
                _("Same region"), others.filter(region_id=person.region_id),
                subject=region.name, href=reverse("public:region", args=[region.iso_code]),
            )
        )  # fmt: skip
    return _fill_people(groups, shown)


def _works_group(heading: str, works, *, subject="", href="") -> Group:
    rows = works.order_by("-pk").values_list("pk", "title").distinct()[:SHOWN]
    return Group(heading, subject, href, [Item(title, reverse("public:work", args=[pk])) for pk, title in rows])


def related_to_work(work: Work, *, makers=()) -> list[Group]:
    """More public works by the first published maker, and of the same craft. `makers`: the work's credits as
    the page read them (with their people)."""
    others = Work.objects.public().exclude(pk=work.pk)
    groups = []
    maker = next((credit.person for credit in makers if credit.person.status == "published"), None)
    if maker is not None and maker.merged_into_id is None:
        by_maker = _works_group(
            _("Same maker"), others.filter(work_makers__person=maker),
            subject=maker.display_name, href=reverse("public:person", args=[maker.pk]),
        )  # fmt: skip
        by_maker.subject_is_plain = True
        groups.append(by_maker)
    if work.discipline_id:
        groups.append(
            _works_group(
                _("Same craft"), others.filter(discipline_id=work.discipline_id),
                subject=work.discipline.name, href=reverse("public:discipline", args=[work.discipline.slug]),
            )
        )  # fmt: skip
    return [group for group in groups if group.items]


def _named_group(heading: str, rows, url_name: str, *, subject="", href="") -> Group:
    items = [Item(name, reverse(url_name, args=[slug])) for slug, name in rows.values_list("slug", "name")[:SHOWN]]
    # A choice label (an event's or a place's kind) is already in the reader's language; names are translated texts.
    return Group(heading, subject, href, items, subject_is_plain=isinstance(subject, str))


def related_to_organization(organization: Organization) -> list[Group]:
    """Other public organizations of the same crafts, and of the same region."""
    others = Organization.objects.public().exclude(pk=organization.pk)
    groups = [
        _named_group(
            _("Same craft"),
            others.filter(disciplines__in=organization.disciplines.all()).distinct().order_by("slug"),
            "public:organization",
        )
    ]
    if organization.region_id:
        region = organization.region
        groups.append(
            _named_group(
                _("Same region"), others.filter(region_id=organization.region_id).order_by("slug"),
                "public:organization", subject=region.name, href=reverse("public:region", args=[region.iso_code]),
            )
        )  # fmt: skip
    return [group for group in groups if group.items]


def related_to_event(event: Event) -> list[Group]:
    """Events still on at the same venue, and of the same kind."""
    others = Event.objects.public().exclude(pk=event.pk).filter(still_on(timezone.now())).order_by("starts_at", "slug")
    groups = []
    if event.place_id:
        groups.append(
            _named_group(
                _("Same venue"), others.filter(place_id=event.place_id), "public:event",
                subject=event.place.name, href=reverse("public:place", args=[event.place.slug]),
            )
        )  # fmt: skip
    groups.append(
        _named_group(
            _("Same kind"), others.filter(kind=event.kind), "public:event", subject=str(event.get_kind_display())
        )
    )
    return [group for group in groups if group.items]


def related_to_place(place: Place) -> list[Group]:
    """Other public places in the same locality, and of the same kind."""
    others = Place.objects.public().exclude(pk=place.pk).order_by("slug")
    groups = []
    if place.locality_id:
        groups.append(
            _named_group(
                _("Same locality"), others.filter(locality_id=place.locality_id), "public:place",
                subject=place.locality.name,
            )
        )  # fmt: skip
    groups.append(
        _named_group(
            _("Same kind"), others.filter(kind=place.kind), "public:place", subject=str(place.get_kind_display())
        )
    )
    return [group for group in groups if group.items]


def related_to_dynasty(dynasty: Dynasty) -> list[Group]:
    """Other public dynasties of the same craft, the longest lines first."""
    if not dynasty.discipline_id:
        return []
    rows = (
        Dynasty.objects.public()
        .exclude(pk=dynasty.pk)
        .filter(discipline_id=dynasty.discipline_id)
        .order_by("-generation_count", "slug")
    )
    group = _named_group(
        _("Same craft"), rows, "public:dynasty",
        subject=dynasty.discipline.name, href=reverse("public:discipline", args=[dynasty.discipline.slug]),
    )  # fmt: skip
    return [group] if group.items else []


def related_to_discipline(discipline: Discipline) -> list[Group]:
    """The other crafts or arts of the same creative field."""
    rows = Discipline.objects.filter(field_id=discipline.field_id).exclude(pk=discipline.pk).order_by("slug")
    group = _named_group(_("Same field"), rows, "public:discipline", subject=discipline.field.name)
    return [group] if group.items else []
