"""Published events in the site search (SearchEntry.Kind.EVENT)."""

from craftcity.search.documents import Indexer, all_languages, in_every_language, name_keys, register
from craftcity.search.models import SearchEntry

from .models import Event


def _event_document(event: Event) -> dict:
    names = all_languages(event.name)
    return {
        "ref": event.slug,
        "title": dict(event.name),
        "subtitle": in_every_language(event.get_kind_display()),
        "keys": name_keys(names),
        "text": " ".join([*names, *all_languages(event.description), event.city]),
        "facets": {"kind": event.kind, "year": event.starts_at.year},
    }


register(
    Indexer(
        SearchEntry.Kind.EVENT, lambda: Event.objects.public().select_related("place"), _event_document,
        url_name="public:event", watch={Event: None},
    )
)  # fmt: skip
