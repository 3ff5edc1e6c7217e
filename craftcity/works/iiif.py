"""IIIF Presentation 3 manifests for published works and collections, and a static level-0 image service."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from .models import Collection, Work, WorkImage

PRESENTATION = "http://iiif.io/api/presentation/3/context.json"
IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"


def _lang_map(value) -> dict[str, list[str]]:
    found = {code: [text] for code, text in dict(value or {}).items() if text}
    return found or {"none": [""]}


def _ui_map(label) -> dict[str, list[str]]:
    result = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result[code] = [str(label)]
    return result


def _json(data: dict) -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/ld+json;charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def image_service_id(base: str, image: WorkImage) -> str:
    return f"{base}/iiif/images/{image.pk}"


def work_manifest(work: Work, base: str) -> dict:
    from django.utils.translation import gettext_lazy as _

    manifest_id = f"{base}/iiif/works/{work.pk}/manifest.json"
    metadata = []
    makers = [str(m.person) for m in work.work_makers.all()]
    if makers:
        metadata.append({"label": _ui_map(_("Maker")), "value": {"none": ["; ".join(makers)]}})
    if work.date_display:
        metadata.append({"label": _ui_map(_("Date")), "value": {"none": [work.date_display]}})
    if work.discipline_id:
        metadata.append({"label": _ui_map(_("Discipline")), "value": _lang_map(work.discipline.name)})
    if work.dimensions:
        metadata.append({"label": _ui_map(_("Dimensions")), "value": {"none": [work.dimensions]}})
    if work.accession_number:
        metadata.append({"label": _ui_map(_("Accession number")), "value": {"none": [work.accession_number]}})
    canvases = []
    for image in work.images.all():
        canvas_id = f"{manifest_id[: -len('manifest.json')]}canvas/{image.pk}"
        service = image_service_id(base, image)
        canvases.append(
            {
                "id": canvas_id,
                "type": "Canvas",
                "label": _lang_map(image.alt) if image.alt else _lang_map(work.title),
                "width": image.width,
                "height": image.height,
                "items": [
                    {
                        "id": f"{canvas_id}/page",
                        "type": "AnnotationPage",
                        "items": [
                            {
                                "id": f"{canvas_id}/page/image",
                                "type": "Annotation",
                                "motivation": "painting",
                                "target": canvas_id,
                                "body": {
                                    "id": f"{service}/full/max/0/default.jpg",
                                    "type": "Image",
                                    "format": "image/jpeg",
                                    "width": image.width,
                                    "height": image.height,
                                    "service": [{"id": service, "type": "ImageService3", "profile": "level0"}],
                                },
                            }
                        ],
                    }
                ],
            }
        )
    data = {
        "@context": PRESENTATION,
        "id": manifest_id,
        "type": "Manifest",
        "label": _lang_map(work.title),
        "metadata": metadata,
        "requiredStatement": {
            "label": _ui_map(_("Rights")),
            "value": {"none": [work.credit_line or work.get_rights_statement_display()]},
        },
        "rights": work.license_url or work.rights_statement,
        "homepage": [
            {"id": f"{base}/en/works/{work.pk}/", "type": "Text", "label": _lang_map(work.title), "format": "text/html"}
        ],
        "items": canvases,
    }
    if dict(work.description or {}):
        data["summary"] = _lang_map(work.description)
    first = next(iter(work.images.all()), None)
    if first is not None:
        data["thumbnail"] = [
            {
                "id": f"{image_service_id(base, first)}/full/{first.thumbnail_width},/0/default.jpg",
                "type": "Image",
                "format": "image/jpeg",
                "width": first.thumbnail_width,
                "height": first.thumbnail_height,
            }
        ]
    return data


def _published_work(pk: int) -> Work:
    try:
        return (
            Work.objects.public()
            .select_related("discipline")
            .prefetch_related("images", "work_makers__person__names")
            .get(pk=pk)
        )
    except Work.DoesNotExist:
        raise Http404 from None


@require_GET
def manifest(request, pk: int):
    return _json(work_manifest(_published_work(pk), _base(request)))


@require_GET
def collection_manifest(request, slug: str):
    try:
        collection = Collection.objects.public().get(slug=slug)
    except Collection.DoesNotExist:
        raise Http404 from None
    base = _base(request)
    items = [
        {"id": f"{base}/iiif/works/{pk}/manifest.json", "type": "Manifest", "label": _lang_map(title)}
        for pk, title in Work.objects.public().filter(collection=collection).order_by("pk").values_list("pk", "title")
    ]
    return _json(
        {
            "@context": PRESENTATION,
            "id": f"{base}/iiif/collections/{slug}/collection.json",
            "type": "Collection",
            "label": _lang_map(collection.name),
            "items": items,
        }
    )


def _public_image(pk: int) -> WorkImage:
    image = WorkImage.objects.filter(pk=pk, work__status=Work.Status.PUBLISHED).first()
    if image is None:
        raise Http404
    return image


@require_GET
def image_info(request, pk: int):
    """Level 0: the two derivatives are the only sizes; clients ask for them by width."""
    image = _public_image(pk)
    return _json(
        {
            "@context": IMAGE_CONTEXT,
            "id": image_service_id(_base(request), image),
            "type": "ImageService3",
            "protocol": "http://iiif.io/api/image",
            "profile": "level0",
            "width": image.width,
            "height": image.height,
            "sizes": [
                {"width": image.thumbnail_width, "height": image.thumbnail_height},
                {"width": image.width, "height": image.height},
            ],
        }
    )


@require_GET
def image_file(request, pk: int, size: str):
    image = _public_image(pk)
    if size in {"max", f"{image.width},", f"{image.width},{image.height}"}:
        field = image.web
    elif size in {f"{image.thumbnail_width},", f"{image.thumbnail_width},{image.thumbnail_height}"}:
        field = image.thumbnail
    else:
        raise Http404
    response = FileResponse(field.storage.open(field.name, "rb"), content_type="image/jpeg")
    response["Access-Control-Allow-Origin"] = "*"
    return response
