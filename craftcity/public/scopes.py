"""Which stored person pages a change makes stale: what `public:person` shows of each kind of record.

A person's page shows their names, crafts, memberships, awards, published grants, dynasties, works and
events, and the names of their masters and apprentices. A change to one of those records makes stale the
pages of the people it belongs to, and a change to a person (their names, whether they are published) the
pages of the people linked to them. Records whose names show on many pages (crafts, organizations,
dynasties, regions) are not declared here: a change to them makes every stored page stale.

A record moved from one person to another (an award given to someone else) makes both pages stale: the
people it belonged to before the save are read first.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import pre_save

from craftcity.core.cache import register_page_scope

PERSON = "person"


def _with_partners(pks) -> set[int]:
    """These people and everyone linked to them as master or apprentice, whose pages show their names."""
    from craftcity.lineage.models import Relation

    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return pks
    links = Relation.objects.filter(Q(senior_id__in=pks) | Q(junior_id__in=pks)).values_list("senior_id", "junior_id")
    return pks | {pk for link in links for pk in link}


def _many_to_many(kwargs, person_model) -> set[int] | None:
    """The people on either side of a many-to-many change; None when a link set was cleared unseen."""
    instance, pk_set = kwargs["instance"], kwargs.get("pk_set")
    if isinstance(instance, person_model):
        return {instance.pk}
    if kwargs.get("model") is person_model and pk_set is not None:
        return set(pk_set)
    return None


def _belongs_to(*fields: str, partners: bool = False):
    """A scope for records that point at the people whose pages show them (`person_id`; a relation's both)."""

    def scope(sender, kwargs):
        from craftcity.people.models import Person

        if "action" in kwargs:  # written through a many-to-many manager (`work.makers.add(person)`)
            pks = _many_to_many(kwargs, Person)
        else:
            instance = kwargs["instance"]
            pks = {getattr(instance, field) for field in fields} | getattr(instance, "_pages_before", set())
        if pks is None:
            return None
        return PERSON, _with_partners(pks) if partners else {pk for pk in pks if pk is not None}

    return scope


def _remember_owners(fields):
    def receiver(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            return
        before = sender._default_manager.filter(pk=instance.pk).values_list(*fields).first()
        instance._pages_before = set(before or ())

    return receiver


def _person(sender, kwargs):
    return PERSON, _with_partners({kwargs["instance"].pk})


def _person_terms(sender, kwargs):
    from craftcity.people.models import Person

    pks = _many_to_many(kwargs, Person)
    return None if pks is None else (PERSON, pks)


def _credits_of(child_model: str):
    """A work or an event: the pages of the people credited on it."""

    def scope(sender, kwargs):
        from django.apps import apps

        credits = apps.get_model(child_model)._default_manager.filter(**{sender._meta.model_name: kwargs["instance"]})
        return PERSON, set(credits.values_list("person_id", flat=True))

    return scope


# model -> the fields pointing at the people whose pages show its records
OWNED = {
    "people.PersonName": ("person_id",),
    "organizations.Membership": ("person_id",),
    "awards.Award": ("person_id",),
    "lineage.Relation": ("senior_id", "junior_id"),
    "lineage.DynastyMember": ("person_id",),
    "works.WorkMaker": ("person_id",),
    "events.Participant": ("person_id",),
    "support.Grant": ("person_id",),
}


def register() -> None:
    from django.apps import apps

    from craftcity.people.models import Person

    register_page_scope("people.Person", _person)
    for field in ("disciplines", "techniques", "materials"):
        register_page_scope(getattr(Person, field).through._meta.label, _person_terms)
    for label, fields in OWNED.items():
        # A person's names show on their partners' pages too.
        register_page_scope(label, _belongs_to(*fields, partners=label == "people.PersonName"))
        pre_save.connect(
            _remember_owners(fields), sender=apps.get_model(label), weak=False, dispatch_uid=f"pages-before-{label}"
        )
    register_page_scope("works.Work", _credits_of("works.WorkMaker"))
    register_page_scope("events.Event", _credits_of("events.Participant"))
