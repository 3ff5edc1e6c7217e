"""IIIF Presentation 3 for recordings: one Canvas with a `duration`, painted with the Sound or Video, captions as
supplementing annotations; a Collection of every published recording. The media file and its WebVTT captions are
served here too, for the players of the public pages and of IIIF viewers alike. Only published recordings of
published works are reachable; everything else is 404."""

from __future__ import annotations

import re

from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from craftcity.works.iiif import PRESENTATION, json_response, lang_map, provider, site_base, ui_map

from . import selectors
from .models import Caption, Recording


def _recording(pk: int) -> Recording:
    recording = selectors.recording_detail(pk)
    if recording is None:
        raise Http404
    return recording


def manifest_url(base: str, pk: int) -> str:
    return f"{base}/iiif/recordings/{pk}/manifest.json"


def media_url(base: str, recording: Recording) -> str:
    return f"{base}/iiif/recordings/{recording.pk}/media"


def recording_manifest(recording: Recording, base: str) -> dict:
    manifest_id = manifest_url(base, recording.pk)
    canvas_id = f"{base}/iiif/recordings/{recording.pk}/canvas/1"
    media_type = "Video" if recording.is_video else "Sound"
    if recording.file:
        body = {"id": media_url(base, recording), "type": media_type, "format": recording.mime_type.split(";")[0]}
    else:  # a link to a platform: the viewer is sent to its page
        body = {"id": recording.external_url, "type": media_type, "format": "text/html"}
    duration = float(recording.duration or 0) or 0.001  # §3.3: a Canvas's duration is a positive number
    body["duration"] = duration
    title = recording.display_title
    metadata = [
        {"label": ui_map(_("Work")), "value": lang_map(recording.work.title)},
        {"label": ui_map(_("Kind")), "value": ui_map(recording.work.get_kind_display())},
    ]
    composers = [str(c.person.display_name) for c in recording.work.credits.all() if c.person_id]
    if composers:
        metadata.append({"label": ui_map(_("Composer or author")), "value": {"none": ["; ".join(composers)]}})
    performers = [person.display_name for person in recording.performers.all()]
    if performers:
        metadata.append({"label": ui_map(_("Performers")), "value": {"none": ["; ".join(performers)]}})
    if recording.ensemble_id and recording.ensemble.is_published:
        metadata.append({"label": ui_map(_("Ensemble")), "value": lang_map(recording.ensemble.name)})
    if recording.recorded_on:
        metadata.append({"label": ui_map(_("Recorded on")), "value": {"none": [recording.recorded_on.isoformat()]}})
    captions = [
        {
            "id": f"{canvas_id}/captions/{caption.language}",
            "type": "Annotation",
            "motivation": "supplementing",
            "target": canvas_id,
            "body": {
                "id": f"{base}/iiif/recordings/{recording.pk}/captions/{caption.language}.vtt",
                "type": "Text",
                "format": "text/vtt",
                "language": caption.language,
            },
        }
        for caption in recording.captions.all()
        if caption.kind == Caption.Kind.CAPTIONS
    ]
    canvas = {
        "id": canvas_id,
        "type": "Canvas",
        "label": lang_map(title),
        "duration": duration,
        "items": [
            {
                "id": f"{canvas_id}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas_id}/page/media",
                        "type": "Annotation",
                        "motivation": "painting",
                        "target": canvas_id,
                        "body": body,
                    }
                ],
            }
        ],
    }
    if captions:
        canvas["annotations"] = [{"id": f"{canvas_id}/captions", "type": "AnnotationPage", "items": captions}]
    data = {
        "@context": PRESENTATION,
        "id": manifest_id,
        "type": "Manifest",
        "label": lang_map(title),
        "metadata": metadata,
        "requiredStatement": {
            "label": ui_map(_("Rights")),
            "value": {"none": [recording.credit_line or str(recording.get_rights_statement_display())]},
        },
        "rights": recording.license_url or recording.rights_statement,
        "provider": provider(base),
        "homepage": [
            {
                "id": f"{base}/en/music/recordings/{recording.pk}/",
                "type": "Text",
                "label": lang_map(title),
                "format": "text/html",
            }
        ],
        "items": [canvas],
    }
    if dict(recording.description or {}):
        data["summary"] = lang_map(recording.description)
    return data


@require_GET
def manifest(request, pk: int):
    return json_response(recording_manifest(_recording(pk), site_base(request)))


@require_GET
def collection(request):
    """Every published recording's manifest, newest first (IIIF viewers and aggregators start here)."""
    base = site_base(request)
    items = [
        {"id": manifest_url(base, recording.pk), "type": "Manifest", "label": lang_map(recording.display_title)}
        for recording in selectors.recording_list().prefetch_related(None).select_related("work")
    ]
    return json_response(
        {
            "@context": PRESENTATION,
            "id": f"{base}/iiif/recordings/collection.json",
            "type": "Collection",
            "label": ui_map(_("Recordings")),
            "provider": provider(base),
            "items": items,
        }
    )


_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


@require_GET
def media(request, pk: int):
    """The recording's file (its tags already removed), with byte ranges so that players can seek."""
    recording = _recording(pk)
    if not recording.file:
        raise Http404
    storage, name, size = recording.file.storage, recording.file.name, recording.file_size or recording.file.size
    content_type = recording.mime_type or "application/octet-stream"
    match = _RANGE.match(request.headers.get("Range", ""))
    if match and (match.group(1) or match.group(2)):
        if match.group(1):
            start = int(match.group(1))
            end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
        else:  # the last N bytes
            start, end = max(size - int(match.group(2)), 0), size - 1
        if start > end or start >= size:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with storage.open(name, "rb") as handle:
            handle.seek(start)
            chunk = handle.read(end - start + 1)
        response = HttpResponse(chunk, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def captions(request, pk: int, language: str):
    recording = _recording(pk)
    caption = next(
        (c for c in recording.captions.all() if c.language == language and c.kind == Caption.Kind.CAPTIONS), None
    )
    if caption is None:
        raise Http404
    response = HttpResponse(caption.text, content_type="text/vtt; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
