"""Reindex a record after every change that can alter what search shows of it."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from craftcity.people.models import Person

from .models import SearchEntry
from .pause import indexing_is_paused


def _later(kind, pk):
    """Queue a record for reindexing when the transaction commits; each record once per transaction.

    The queue lives on the connection. A rolled-back transaction drops its commit callbacks but not the
    queue, so a flush is registered whenever none is waiting in the current transaction: the next commit
    indexes what is left, and records that were rolled back are found absent and left out."""
    if pk is None or indexing_is_paused():
        return
    connection = transaction.get_connection()
    connection.__dict__.setdefault("_craftcity_search_pending", set()).add((kind, pk))
    waiting = connection.in_atomic_block and any(entry[1] is _flush for entry in connection.run_on_commit)
    if not waiting:
        transaction.on_commit(_flush)


def _flush():
    from .services import index_objects

    connection = transaction.get_connection()
    pending = connection.__dict__.pop("_craftcity_search_pending", set())
    if pending:
        index_objects(pending)


def watch(model, kind: str, to_pk=None) -> None:
    """Queue the `kind` record an instance of `model` belongs to (itself, or `to_pk(instance)`) for
    reindexing whenever one is saved or deleted. Called by `search.documents.register`."""

    def changed(sender, instance, raw=False, **kwargs):
        if not raw:
            _later(kind, instance.pk if to_pk is None else to_pk(instance))

    # Connected per model, never globally: a receiver without a sender would make Django load and signal
    # every row of every bulk delete in the project (no fast deletes anywhere).
    label = f"{kind}-{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"search-save-{label}")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"search-delete-{label}")


def person_terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A person's crafts, techniques or materials changed, from either side of the link."""
    if not action.startswith("post_"):
        return
    if not reverse:
        _later(SearchEntry.Kind.PERSON, instance.pk)
    else:
        for pk in pk_set or ():
            _later(SearchEntry.Kind.PERSON, pk)


for _field in ("disciplines", "techniques", "materials"):
    m2m_changed.connect(
        person_terms_changed, sender=getattr(Person, _field).through, dispatch_uid=f"search-person-{_field}"
    )
