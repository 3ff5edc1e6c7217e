"""Repertoire and recordings in the OAI-PMH repository (works.oai's extension point): Dublin Core records
`oai:<repository>:musical_work/<id>` and `…:recording/<id>`, sets `type:musical_work` and `type:recording`;
withdrawn records that were public are reported deleted. Only public people's names are written."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from craftcity.works.oai import RecordSource, dc_element, register_source

from . import selectors
from .models import MusicalWork, Recording


def _people(credits) -> list[str]:
    return [credit.person.display_name for credit in credits if credit.person_id]


def _work_dc(pks: list[int], base: str) -> dict[int, str]:
    result = {}
    for work in selectors.repertoire_list().filter(pk__in=pks):
        parts = [dc_element("title", text, code) for code, text in dict(work.title).items()]
        parts.append(dc_element("title", work.original_title))
        parts += [dc_element("creator", name) for name in _people(work.credits.all())]
        parts.append(dc_element("subject", work.get_kind_display()))
        if work.discipline_id:
            parts += [dc_element("subject", text, code) for code, text in dict(work.discipline.name).items()]
        parts += [dc_element("description", text, code) for code, text in dict(work.description).items()]
        parts.append(dc_element("date", work.date_display.replace("–", "/")))
        parts.append(dc_element("type", "Text"))
        parts.append(dc_element("language", work.lyrics_language if work.lyrics_language != "other" else ""))
        parts.append(dc_element("identifier", f"{base}/en/music/works/{work.pk}/"))
        parts.append(dc_element("identifier", work.iswc and f"ISWC {work.iswc}"))
        parts.append(dc_element("rights", work.get_rights_display()))
        result[work.pk] = "".join(parts)
    return result


def _recording_dc(pks: list[int], base: str) -> dict[int, str]:
    result = {}
    for recording in selectors.recording_list().filter(pk__in=pks).prefetch_related("work__credits__person__names"):
        parts = [dc_element("title", text, code) for code, text in dict(recording.display_title).items()]
        parts += [dc_element("creator", person.display_name) for person in recording.performers.all()]
        parts += [dc_element("contributor", name) for name in _people(recording.work.credits.all())]
        parts += [dc_element("description", text, code) for code, text in dict(recording.description).items()]
        parts.append(dc_element("date", recording.recorded_on.isoformat() if recording.recorded_on else ""))
        parts.append(dc_element("type", "MovingImage" if recording.is_video else "Sound"))
        parts.append(dc_element("format", recording.mime_type.split(";")[0]))
        parts.append(dc_element("identifier", f"{base}/en/music/recordings/{recording.pk}/"))
        parts += [dc_element("relation", f"{base}/en/music/works/{recording.work_id}/")]
        parts.append(dc_element("rights", recording.license_url or recording.rights_statement))
        result[recording.pk] = "".join(parts)
    return result


def _harvestable_recordings():
    # A recording is public only while its work is: one whose work is not is written without metadata, as deleted.
    return Recording.objects.harvestable()


register_source(RecordSource("musical_work", _("Repertoire"), MusicalWork.objects.harvestable, _work_dc))
register_source(RecordSource("recording", _("Recordings"), _harvestable_recordings, _recording_dc))
