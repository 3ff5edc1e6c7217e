"""Repertoire and recordings in the site search (kinds `musical_work` and `recording`), found by their titles and
by their composers' and performers' names in any script, as people are."""

from __future__ import annotations

from django.db.models import Prefetch

from craftcity.people.models import Person, PersonName, public_person
from craftcity.search.documents import Indexer, all_languages, in_every_language, name_keys, register
from craftcity.search.models import SearchEntry

from .models import MusicalWork, MusicalWorkCredit, Recording, Status


def _name_forms(people) -> list[str]:
    """Every written form of the public people's names (Cyrillic, Latin, Russian…), so that any script finds them."""
    return [name.full_name for person in people for name in person.names.all()]


def _names():
    return Prefetch("names", queryset=PersonName.objects.order_by(*PersonName._meta.ordering))


def _work_queryset():
    credited = MusicalWorkCredit.objects.filter(public_person("person__")).select_related("person")
    return (
        MusicalWork.objects.public()
        .select_related("tradition", "discipline")
        .prefetch_related(
            Prefetch(
                "credits",
                queryset=credited.prefetch_related(
                    Prefetch("person__names", queryset=PersonName.objects.order_by(*PersonName._meta.ordering))
                ),
            )
        )
    )


def _work_document(work: MusicalWork) -> dict:
    titles = [*all_languages(work.title), work.original_title]
    credited = _name_forms(credit.person for credit in work.credits.all())
    kind = in_every_language(work.get_kind_display())
    subtitle = {code: ", ".join([label, *dict.fromkeys(credited[:1])]) for code, label in kind.items()}
    return {
        "ref": str(work.pk),
        "title": dict(work.title),
        "subtitle": subtitle,
        "keys": name_keys([t for t in titles if t] + credited),
        "text": " ".join([*titles, *credited, *all_languages(work.description), work.iswc]),
        "facets": {"kind": work.kind},
    }


def _recording_queryset():
    return (
        Recording.objects.public()
        .filter(work__status=Status.PUBLISHED)
        .select_related("work")
        .prefetch_related(Prefetch("performers", queryset=Person.objects.public().prefetch_related(_names())))
    )


def _recording_document(recording: Recording) -> dict:
    titles = [*all_languages(recording.display_title), recording.work.original_title]
    performers = _name_forms(recording.performers.all())
    media = in_every_language(recording.get_media_display())
    return {
        "ref": str(recording.pk),
        "title": dict(recording.display_title),
        "subtitle": {code: ", ".join([label, *performers[:1]]) for code, label in media.items()},
        "keys": name_keys([t for t in titles if t] + performers),
        "text": " ".join([*titles, *performers, *all_languages(recording.description)]),
        "facets": {"kind": recording.media},
    }


register(
    Indexer(
        SearchEntry.Kind.MUSICAL_WORK, _work_queryset, _work_document, url_name="public:musical-work",
        numeric_ref=True, watch={MusicalWork: None, MusicalWorkCredit: lambda credit: credit.work_id},
    )
)  # fmt: skip
register(
    Indexer(
        SearchEntry.Kind.RECORDING, _recording_queryset, _recording_document, url_name="public:recording",
        numeric_ref=True, watch={Recording: None},
    )
)  # fmt: skip
