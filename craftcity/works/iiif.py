"""IIIF Presentation 3 manifests for published works and collections, and a static level-0 image service."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from craftcity.core import pictures

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


def _json(data: dict, context: str = PRESENTATION) -> HttpResponse:
    """Presentation 3 §6.1 and Image 3 §7.1: JSON-LD with the API's context as the `profile` parameter."""
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type=f'application/ld+json;profile="{context}"'
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


PLACEHOLDER_SIZE = (1200, 900)


def _provider(base: str) -> list[dict]:
    name = getattr(settings, "CRAFTCITY_SITE_NAME", "craftcity")
    return [
        {
            "id": f"{base}/",
            "type": "Agent",
            "label": {"none": [name]},
            "homepage": [{"id": f"{base}/", "type": "Text", "label": {"none": [name]}, "format": "text/html"}],
        }
    ]


def _image_canvas(canvas_id: str, label: dict, body: dict, width: int, height: int) -> dict:
    return {
        "id": canvas_id,
        "type": "Canvas",
        "label": label,
        "width": width,
        "height": height,
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
                        "body": body,
                    }
                ],
            }
        ],
    }


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
        body = {
            "id": f"{service}/full/max/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "width": image.width,
            "height": image.height,
            "service": [{"id": service, "type": "ImageService3", "profile": "level0"}],
        }
        label = _lang_map(image.alt) if image.alt else _lang_map(work.title)
        canvases.append(_image_canvas(canvas_id, label, body, image.width, image.height))
    if not canvases:
        # §3.4: a Manifest MUST have at least one Canvas. A work not yet photographed shows a placeholder that
        # says so, in the viewer's languages, rather than leaving viewers with an invalid manifest.
        width, height = PLACEHOLDER_SIZE
        canvas_id = f"{manifest_id[: -len('manifest.json')]}canvas/placeholder"
        body = {"id": f"{base}/iiif/placeholder.svg", "type": "Image", "format": "image/svg+xml",
                "width": width, "height": height}  # fmt: skip
        canvases.append(_image_canvas(canvas_id, _ui_map(_("No image yet")), body, width, height))
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
        "provider": _provider(base),
        "homepage": [
            {"id": f"{base}/en/works/{work.pk}/", "type": "Text", "label": _lang_map(work.title), "format": "text/html"}
        ],
        "seeAlso": [
            {
                "id": f"{base}/iiif/works/{work.pk}/record.jsonld",
                "type": "Dataset",
                "label": _ui_map(_("Catalogue record (schema.org)")),
                "format": "application/ld+json",
                "profile": "https://schema.org/",
            }
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
            "provider": _provider(base),
            "homepage": [
                {
                    "id": f"{base}/en/collections/{slug}/",
                    "type": "Text",
                    "label": _lang_map(collection.name),
                    "format": "text/html",
                }
            ],
            "items": items,
        }
    )


@require_GET
def placeholder(request):
    """The picture on the canvas of a work that has no image yet: an ornament frame, no text to translate."""
    width, height = PLACEHOLDER_SIZE
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        '<rect width="100%" height="100%" fill="#f4efe6"/>'
        '<g fill="none" stroke="#b8a88f" stroke-width="6">'
        f'<rect x="60" y="60" width="{width - 120}" height="{height - 120}" rx="12"/>'
        f'<path d="M{width / 2 - 90} {height / 2} q45 -90 90 0 q45 90 90 0 M{width / 2 - 90} {height / 2} '
        f'q45 90 90 0 q45 -90 90 0"/></g></svg>'
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def record(request, pk: int):
    """The work's schema.org record (the manifest's seeAlso): what its public page carries, as a document."""
    from craftcity.public.jsonld import work_jsonld

    work = _published_work(pk)
    base = _base(request)
    response = HttpResponse(
        json.dumps(work_jsonld(work, f"{base}/en/works/{work.pk}/", base), ensure_ascii=False),
        content_type="application/ld+json;charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _public_image(pk: int) -> WorkImage:
    image = WorkImage.objects.filter(pk=pk, work__status=Work.Status.PUBLISHED).first()
    if image is None:
        raise Http404
    return image


def _info(service: str, picture: pictures.Picture) -> HttpResponse:
    """Level 0 (Image API 3 §5): only the listed sizes are served, in JPEG or WebP, the whole picture unrotated.
    The thumbnail comes first: viewers such as OpenSeadragon start from it and step up to the larger sizes."""
    return _json(
        {
            "@context": IMAGE_CONTEXT,
            "id": service,
            "type": "ImageService3",
            "protocol": "http://iiif.io/api/image",
            "profile": "level0",
            "width": picture.width,
            "height": picture.height,
            "sizes": [{"width": w, "height": picture.height_for(w)} for w in picture.widths],
            "extraFormats": ["webp"],
            "preferredFormats": ["webp", "jpg"],
        },
        IMAGE_CONTEXT,
    )


def _width(size: str, picture: pictures.Picture) -> int:
    """The width a size parameter asks for, if it is one of the listed sizes (`max`, `w,` or `w,h`)."""
    if size == "max":
        return picture.width
    width, _comma, height = size.partition(",")
    if not width.isdigit() or int(width) not in picture.widths:
        raise Http404
    if height and height != str(picture.height_for(int(width))):
        raise Http404
    return int(width)


def _picture_response(content: bytes, fmt: str, *, max_age: int) -> HttpResponse:
    response = HttpResponse(content, content_type=pictures.FORMATS[fmt][1])
    response["Access-Control-Allow-Origin"] = "*"
    # The address names one stored file (its token), so what it answers never changes.
    response["Cache-Control"] = f"public, max-age={max_age}" + (", immutable" if max_age >= YEAR else "")
    return response


YEAR = 365 * 24 * 3600


@require_GET
def image_info(request, pk: int):
    image = _public_image(pk)
    return _info(image_service_id(_base(request), image), pictures.work_image_picture(image))


@require_GET
def image_file(request, pk: int, size: str, fmt: str = "jpg"):
    image = _public_image(pk)
    if fmt not in pictures.FORMATS:
        raise Http404
    width = _width(size, pictures.work_image_picture(image))
    if fmt == "jpg" and width == image.width:
        field = image.web
    elif fmt == "jpg" and width == image.thumbnail_width:
        field = image.thumbnail
    else:
        return _picture_response(pictures.derivative(image.web, width, fmt), fmt, max_age=DAY)
    response = FileResponse(field.storage.open(field.name, "rb"), content_type="image/jpeg")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={DAY}"
    return response


def _share_request(region: str, picture: pictures.Picture, fmt: str) -> None:
    """Only the share crop is served beyond whole pictures: its exact region, at SHARE_SIZE, in JPEG."""
    if fmt != "jpg" or region != ",".join(map(str, picture.share_region())):
        raise Http404


@require_GET
def image_share(request, pk: int, region: str, fmt: str = "jpg"):
    image = _public_image(pk)
    _share_request(region, pictures.work_image_picture(image), fmt)
    return _picture_response(pictures.share_derivative(image.web), fmt, max_age=DAY)


# A work may be withdrawn and a person may withdraw consent: a browser keeps their pictures a day at most.
DAY = 24 * 3600


def _public_record(kind: str, pk: int):
    """The record whose picture is asked for, if a visitor may see it: published, and for a person, consented."""
    from craftcity.events.models import Event
    from craftcity.organizations.models import Organization
    from craftcity.people.models import Person
    from craftcity.places.models import Place

    sources = {
        "person": Person.objects.public().filter(is_photo_public=True),
        "organization": Organization.objects.public(),
        "place": Place.objects.public(),
        "event": Event.objects.public(),
    }
    if kind not in sources:
        raise Http404
    record = sources[kind].filter(pk=pk).first()
    picture = pictures.picture_of(record) if record is not None else None
    if picture is None:
        raise Http404
    return record, picture


def _record_file(record):
    return record.photo if hasattr(record, "photo") else record.image


@require_GET
def picture_info(request, kind: str, pk: int, token: str):
    _record, picture = _public_record(kind, pk)
    if not picture.service.endswith(f"/{token}"):
        raise Http404
    return _info(f"{_base(request)}{picture.service}", picture)


@require_GET
def picture_file(request, kind: str, pk: int, token: str, size: str, fmt: str):
    record, picture = _public_record(kind, pk)
    if not picture.service.endswith(f"/{token}") or fmt not in pictures.FORMATS:
        raise Http404
    content = pictures.derivative(_record_file(record), _width(size, picture), fmt)
    return _picture_response(content, fmt, max_age=DAY if kind == "person" else YEAR)


@require_GET
def picture_share(request, kind: str, pk: int, token: str, region: str, fmt: str):
    record, picture = _public_record(kind, pk)
    if not picture.service.endswith(f"/{token}"):
        raise Http404
    _share_request(region, picture, fmt)
    content = pictures.share_derivative(_record_file(record))
    return _picture_response(content, fmt, max_age=DAY if kind == "person" else YEAR)


# What other Presentation 3 builders share with the catalogue's (music.iiif: recordings): language maps, the
# provider, the JSON-LD response and the site's base address.
lang_map, ui_map, provider, json_response, site_base = _lang_map, _ui_map, _provider, _json, _base
