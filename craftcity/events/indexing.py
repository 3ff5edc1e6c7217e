"""Published events in the site search (SearchEntry.Kind.EVENT)."""

from craftcity.search.documents import Indexer, _all_languages, _in_every_language, _keys, register
from craftcity.search.models import SearchEntry

from .models import Event


def _event_document(event: Event) -> dict:
    names = _all_languages(event.name)
    return {
        "ref": event.slug,
        "title": dict(event.name),
        "subtitle": _in_every_language(event.get_kind_display()),
        "keys": _keys(names),
        "text": " ".join([*names, *_all_languages(event.description), event.city]),
        "facets": {"kind": event.kind, "year": event.starts_at.year},
    }


register(Indexer(SearchEntry.Kind.EVENT, lambda: Event.objects.published().select_related("place"), _event_document))


def _watch() -> None:
    """Reindex an event whenever it is saved or deleted, as search does for the registry's own records."""
    from django.db.models.signals import post_delete, post_save

    from craftcity.search import services as search_services
    from craftcity.search import signals as search_signals

    search_signals.WATCHED[Event] = SearchEntry.Kind.EVENT
    search_services.URL_NAMES.setdefault(SearchEntry.Kind.EVENT, "public:event")
    post_save.connect(search_signals.record_changed, sender=Event, dispatch_uid="search-save-events.Event")
    post_delete.connect(search_signals.record_changed, sender=Event, dispatch_uid="search-delete-events.Event")


_watch()
