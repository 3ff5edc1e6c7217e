"""What this installation tells the network about itself (`/.well-known/craftcity`), its record documents and
the stable identifiers of its records.

A partner city needs one address to start from: the city's name, designations and languages, and where its
streams, OAI-PMH, IIIF collection, sitemap and reconciliation service are. A small JSON document at an RFC 8615
well-known path answers that in one request, from the site's root alone (`craftcity network_add BASE_URL`);
DCAT could describe the same datasets, but it would need an RDF reader on every hub and has no property for a
city's designations or for an API that is not a download, so the network description links to the datasets'
own standards (Change Discovery, OAI-PMH, IIIF, sitemaps, Reconciliation) instead of describing them again."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import translation

from . import records as record_builders
from .changes import collection_url
from .errors import only_get


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def description(base: str) -> dict:
    city = settings.CRAFTCITY_CITY
    querysets = {kind: record_builders.public_queryset(kind) for kind in ("people", "organizations", "works", "events")}
    streams = {kind: collection_url(base, kind) for kind in record_builders.KINDS}
    return {
        "id": f"{base}{reverse('network-description')}",
        "type": "CraftCity",
        "slug": city["slug"],
        "name": dict(city["name"]),
        "country": city["country"],
        "languages": list(city["languages"]),
        "designations": [
            {"title": dict(item["title"]), "body": item["body"], "year": item["year"]} for item in city["designations"]
        ],
        "location": {"lat": city["lat"], "lon": city["lon"]},
        "figures": {kind: queryset.count() for kind, queryset in querysets.items()},
        "streams": streams,
        "oai_pmh": f"{base}{reverse('oai:endpoint')}",
        "iiif_collection": f"{base}{reverse('api:iiif-collections')}",
        "sitemap": f"{base}{reverse('sitemap-index')}",
        "reconciliation": f"{base}{reverse('api:reconcile')}",
        "site": f"{base}/",
        "license": settings.CRAFTCITY_DATA_LICENSE_URL,
    }


@only_get
def network_description(request):
    response = JsonResponse(description(_base(request)), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


def _kind(name: str) -> record_builders.Kind:
    if name not in record_builders.KINDS:
        raise Http404(name)
    return record_builders.KINDS[name]


@only_get
def record(request, kind: str, pk: int):
    """The record's schema.org document (the change stream's seeAlso): 404 once it is no longer public."""
    base = _base(request)
    found = record_builders.records(base, _kind(kind).name, [pk])
    if pk not in found:
        raise Http404(pk)
    response = HttpResponse(
        json.dumps(record_builders.record_document(base, kind, found[pk]), ensure_ascii=False),
        content_type="application/ld+json;charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@only_get
def record_id(request, kind: str, pk: int):
    """A stable identifier dereferenced: the record's page in the reader's language (303, as for a thing that
    is not a document), or 404 once it is no longer public."""
    if kind == "craft":  # the reconciliation service's crafts: the taxonomy's pages, addressed by slug
        from craftcity.taxonomy.models import Discipline

        slug = Discipline.objects.filter(pk=pk).values_list("slug", flat=True).first()
        name, key = "public:discipline", slug
    else:
        spec = record_builders.BY_SINGULAR.get(kind)
        if spec is None:
            raise Http404(kind)
        fields = ["pk", "slug"] if spec.page_key == "slug" else ["pk"]
        obj = record_builders.public_queryset(spec.name).select_related(None).prefetch_related(None)
        obj = obj.filter(pk=pk).only(*fields).first()
        name, key = spec.page_url, getattr(obj, spec.page_key, None)
    if key is None:
        raise Http404(pk)
    with translation.override(translation.get_language_from_request(request)):
        url = reverse(name, args=[key])
    response = HttpResponseRedirect(url)
    response.status_code = 303
    response["Vary"] = "Accept-Language"
    return response


@only_get
def iiif_collection(request):
    """Every public curated collection as one IIIF Presentation 3 Collection: the catalogue's front door."""
    from craftcity.works.models import Collection

    base = _base(request)
    items = [
        {
            "id": f"{base}{reverse('iiif:collection-manifest', args=[slug])}",
            "type": "Collection",
            "label": {code: [text] for code, text in dict(name or {}).items() if text} or {"none": [slug]},
        }
        for slug, name in Collection.objects.public().order_by("slug").values_list("slug", "name")
    ]
    city = settings.CRAFTCITY_CITY
    data = {
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": f"{base}{reverse('api:iiif-collections')}",
        "type": "Collection",
        "label": {code: [text] for code, text in city["name"].items()},
        "items": items,
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False),
        content_type='application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"',
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
