"""The music indicators of the UNESCO Creative Cities monitoring report, as of any date (dossier.asof): repertoire
documented, recordings published, musicians by genre."""

from __future__ import annotations

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.dossier.asof import rows_as_of
from craftcity.dossier.indicators import Indicator, Result, T, derived, register, table
from craftcity.people.models import Person

from .models import Caption, MusicalWork, Recording, Status, Transmission

MUSIC_FIELD = "music"  # the creative field of taxonomy.reference whose disciplines are music's genres


def _published_work_rows(snap) -> list[tuple]:
    """(id, kind, rights) of the works published at the moment (shared by the two indicators)."""
    return derived(
        snap,
        "music_published_works",
        lambda snap: rows_as_of(MusicalWork, snap.at, ["kind", "rights"], where=Q(status=Status.PUBLISHED)),
    )


def _published_works(snap) -> dict[int, str]:
    """{work: kind} of the works published at the moment."""
    return {pk: kind for pk, kind, _rights in _published_work_rows(snap)}


def repertoire_documented(snap) -> Result:
    """Published works by kind; how many have a published recording, a recorded passing on, or are traditional."""
    works = _published_works(snap)
    rights = {pk: value for pk, _kind, value in _published_work_rows(snap)}
    recorded = {work for _media, work in _published_recordings(snap, works).values()}
    passed_on = {work for _pk, work in rows_as_of(Transmission, snap.at, ["work_id"]) if work in works}
    measures = Counter(
        {
            "documented": len(works),
            "recorded": len(recorded),
            "passed_on": len(passed_on),
            "traditional": sum(1 for value in rights.values() if value == MusicalWork.Rights.TRADITIONAL),
        }
    )
    labels = {
        "documented": _("documented"),
        "recorded": _("with a published recording"),
        "passed_on": _("with a recorded passing on"),
        "traditional": _("traditional knowledge"),
    }
    return Result(
        total=len(works),
        tables=[
            table("kind", Counter(works.values()), dict(MusicalWork.Kind.choices), _("works")),
            table("measure", measures, labels, _("works")),
        ],
    )


def _published_recordings(snap, works: dict[int, str]) -> dict[int, tuple[str, int]]:
    """{recording: (media, work)} of the recordings published at the moment, of works published then."""
    return {
        pk: (media, work)
        for pk, media, work in rows_as_of(Recording, snap.at, ["media", "work_id"], where=Q(status=Status.PUBLISHED))
        if work in works
    }


def recordings_published(snap) -> Result:
    """Published recordings, audio and video, and how many carry captions or a transcript."""
    recordings = _published_recordings(snap, _published_works(snap))
    captioned = {rec for _pk, rec in rows_as_of(Caption, snap.at, ["recording_id"]) if rec in recordings}
    measures = Counter({"published": len(recordings), "captioned": len(captioned)})
    return Result(
        total=len(recordings),
        tables=[
            table(
                "kind",
                Counter(media for media, _work in recordings.values()),
                dict(Recording.Media.choices),
                _("recordings"),
            ),
            table(
                "measure",
                measures,
                {"published": _("published"), "captioned": _("with captions or a transcript")},
                _("recordings"),
            ),
        ],
    )


def musicians_by_genre(snap) -> Result:
    """Practitioners of a music discipline (kui, aitys, opera…) counted in the registry at the moment, by genre.
    A musician of two genres counts once in the total and in each genre."""
    from craftcity.taxonomy.models import Discipline

    genres = {d.pk: d.name for d in Discipline.objects.filter(field__slug=MUSIC_FIELD)}
    # Only people who ever had a music discipline are read (as they were at the moment), not the whole registry.
    through = Person.disciplines.through
    through_history = Person.history.model._meta.get_field("historicalperson_disciplines").related_model
    candidates = Person.objects.filter(
        Q(pk__in=through.objects.filter(discipline_id__in=list(genres)).values("person_id"))
        | Q(pk__in=through_history.objects.filter(discipline_id__in=list(genres)).values("person_id"))
    ).values("pk")
    people = snap.people_among(candidates)
    disciplines = snap.disciplines_among(candidates)
    musicians = Counter()
    counted = set()
    for person in people.values():
        if not snap.is_practitioner(person):
            continue
        for discipline in disciplines.get(person.id, ()):
            if discipline in genres:
                musicians[discipline] += 1
                counted.add(person.id)
    return Result(total=len(counted), tables=[table("discipline", musicians, genres, _("musicians"))])


register(
    Indicator(
        "music_repertoire",
        T("Құжатталған репертуар", "Задокументированный репертуар", "Repertoire documented"),
        T(
            "Жарияланған шығармалар (күй, ән, жыр, опера…) түрі бойынша; жазбасы барлары, кімнен кімге берілгені "
            "жазылғандары және дәстүрлі білім ретінде сақталғандары.",
            "Опубликованные произведения (кюй, песня, жыр, опера…) по видам; сколько из них имеют запись, записанную "
            "передачу от мастера к ученику и сколько относятся к традиционным знаниям.",
            "Published musical works (kui, songs, epics, operas…) by kind; how many have a published recording, a "
            "recorded passing on from master to student, and how many are traditional knowledge.",
        ),
        ("kind", "measure"),
        repertoire_documented,
        section="registry",
    )
)
register(
    Indicator(
        "music_recordings",
        T("Жарияланған жазбалар", "Опубликованные записи", "Recordings published"),
        T(
            "Жарияланған аудио және бейне жазбалар; олардың қаншасында субтитр немесе мәтін бар.",
            "Опубликованные аудио- и видеозаписи; сколько из них с субтитрами или расшифровкой.",
            "Published audio and video recordings, and how many carry captions or a transcript.",
        ),
        ("kind", "measure"),
        recordings_published,
        section="registry",
    )
)
register(
    Indicator(
        "musicians_by_genre",
        T("Музыканттар жанр бойынша", "Музыканты по жанрам", "Musicians by genre"),
        T(
            "Тізілімдегі музыка бағыттарының (күй, айтыс, опера…) өкілдері, жанр бойынша; екі жанрдағы музыкант "
            "жалпы санда бір рет есептеледі.",
            "Практикующие музыканты реестра (кюй, айтыс, опера…) по жанрам; музыкант двух жанров в общем итоге "
            "считается один раз.",
            "Practising musicians in the registry (kui, aitys, opera…) by genre; a musician of two genres counts once "
            "in the total.",
        ),
        ("discipline",),
        musicians_by_genre,
        section="registry",
    )
)
