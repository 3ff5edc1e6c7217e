"""Reindex a record after every change that can alter what search shows of it."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from craftcity.lineage.models import Dynasty
from craftcity.organizations.models import Organization
from craftcity.people.models import Person, PersonName
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline

from .models import SearchEntry

WATCHED = {
    Person: SearchEntry.Kind.PERSON,
    Organization: SearchEntry.Kind.ORGANIZATION,
    Place: SearchEntry.Kind.PLACE,
    Dynasty: SearchEntry.Kind.DYNASTY,
    Discipline: SearchEntry.Kind.DISCIPLINE,
}


def _later(kind, pk):
    from .services import index_object

    transaction.on_commit(lambda: index_object(kind, pk))


@receiver([post_save, post_delete])
def record_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if sender in WATCHED:
        _later(WATCHED[sender], instance.pk)
    elif sender is PersonName and instance.person_id:
        _later(SearchEntry.Kind.PERSON, instance.person_id)


@receiver(m2m_changed, sender=Person.disciplines.through)
def person_disciplines_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Person):
        _later(SearchEntry.Kind.PERSON, instance.pk)
