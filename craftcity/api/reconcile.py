"""W3C Reconciliation Service API 0.2 (https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/):
OpenRefine and other cities' registrars match their lists of names against this registry.

Matching is the site's own search (`search.services.search`): names are compared by their namekit keys, so a list
written in Latin finds the Cyrillic record and the other way round, typos forgiven as on the site. Candidates are
public records only, named as the public pages name them; the preview shows what the public page shows first (name,
kind, crafts, place), never personal data."""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from craftcity.core.translation import fallback_order
from craftcity.search.models import SearchEntry
from craftcity.search.services import search

# Reconciliation types and the search kinds they are read from.
TYPES = {"person": "person", "organization": "organization", "craft": "discipline", "work": "work"}
KIND_TYPES = {kind: type_id for type_id, kind in TYPES.items()}
DEFAULT_LIMIT = 5
MAX_LIMIT = 25
MAX_QUERIES = 50
MATCH_SCORE = 0.99  # a candidate is a certain match only at this score and when no other candidate reaches it
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


def _type_names() -> dict[str, str]:
    return {
        "person": _("Person"),
        "organization": _("Organization"),
        "craft": _("Craft or art"),
        "work": _("Work"),
    }


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def manifest(base: str) -> dict:
    city = settings.CRAFTCITY_CITY
    names = _type_names()
    service = f"{base}{reverse('api:reconcile')}"
    return {
        "versions": ["0.2"],
        "name": f"craftcity {city['name'].get('en') or city['slug']}",
        "identifierSpace": f"{base}/id/",
        "schemaSpace": "https://schema.org/",
        "documentation": f"{base}{reverse('api:docs')}",
        "defaultTypes": [{"id": type_id, "name": names[type_id]} for type_id in TYPES],
        "view": {"url": f"{base}/id/{{{{id}}}}"},
        "preview": {"url": f"{service}/preview/{{{{id}}}}", "width": 400, "height": 120},
    }


class QueryError(ValueError):
    pass


def _read_queries(raw: str) -> dict:
    try:
        queries = json.loads(raw)
    except ValueError as error:
        raise QueryError(_("The queries are not valid JSON: %(error)s") % {"error": error}) from None
    if not isinstance(queries, dict):
        raise QueryError(_('The queries must be a JSON object of named queries, like {"q0": {"query": "…"}}.'))
    if len(queries) > MAX_QUERIES:
        raise QueryError(_("At most %(count)d queries can be asked at once.") % {"count": MAX_QUERIES})
    for key, query in queries.items():
        if not isinstance(query, dict) or not isinstance(query.get("query"), str) or not query["query"].strip():
            raise QueryError(_("Query “%(key)s” has no text to look for (“query”).") % {"key": key})
        type_id = query.get("type")
        if type_id is not None and type_id not in TYPES:
            raise QueryError(
                _("Query “%(key)s” asks for the unknown type “%(type)s”; the types are %(types)s.")
                % {"key": key, "type": type_id, "types": ", ".join(TYPES)}
            )
        limit = query.get("limit", DEFAULT_LIMIT)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise QueryError(_("Query “%(key)s” has a limit that is not a positive number.") % {"key": key})
    return queries


def reconcile(queries: dict) -> dict:
    """The result batch for a validated query batch."""
    names = _type_names()
    results = {}
    for key, query in queries.items():
        type_id = query.get("type")
        kinds = [TYPES[type_id]] if type_id else list(TYPES.values())
        limit = min(query.get("limit", DEFAULT_LIMIT), MAX_LIMIT)
        hits = search(query["query"], kinds=kinds, limit=limit, threshold=0.5)
        certain = [hit for hit in hits if hit.score >= MATCH_SCORE]
        results[key] = {
            "result": [
                {
                    "id": f"{KIND_TYPES[hit.kind]}/{hit.object_id}",
                    "name": hit.title,
                    "description": hit.subtitle,
                    "score": round(hit.score * 100, 1),
                    "match": len(certain) == 1 and hit is certain[0],
                    "type": [{"id": KIND_TYPES[hit.kind], "name": names[KIND_TYPES[hit.kind]]}],
                }
                for hit in hits
            ]
        }
    return results


def _answer(request, data: dict, status: int = 200) -> HttpResponse:
    """JSON, or JSONP when a `callback` is asked for (as the specification's clients in browsers do)."""
    callback = request.GET.get("callback") or request.POST.get("callback")
    if callback and _CALLBACK.match(callback):
        body = f"/**/{callback}({json.dumps(data, ensure_ascii=False)});"
        response = HttpResponse(body, content_type="application/javascript; charset=utf-8", status=status)
    else:
        response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt  # nothing is written and no one is signed in: a read that other sites' pages may ask for
@require_http_methods(["GET", "POST", "OPTIONS"])
def service(request):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        return response
    raw = request.POST.get("queries") or request.GET.get("queries")
    if raw is None and request.method == "POST" and request.content_type == "application/json":
        raw = request.body.decode("utf-8", errors="replace")
    if not raw:
        return _answer(request, manifest(_base(request)))
    try:
        queries = _read_queries(raw)
    except QueryError as error:
        error_body = {"status": 400, "code": "invalid", "message": str(error), "fields": {"queries": [str(error)]}}
        return _answer(request, {"error": error_body}, 400)
    return _answer(request, reconcile(queries))


@require_GET
def preview(request, type_id: str, pk: int):
    """A small HTML card of one candidate (`/preview/` and its id as the service gives it, e.g. `person/12`)."""
    entry = None
    if type_id in TYPES:
        entry = SearchEntry.objects.filter(kind=TYPES[type_id], object_id=pk).first()
    if entry is None:
        raise Http404(_("No public record has this identifier."))
    languages = fallback_order(translation.get_language())

    def text(value) -> str:
        value = dict(value or {})
        return next((value[code] for code in languages if value.get(code)), "")

    response = HttpResponse(
        format_html(
            '<div class="craftcity-preview" lang="{}"><p><strong>{}</strong> <small>{}</small></p><p>{}</p>'
            '<p><a href="{}/id/{}" target="_blank" rel="noopener">{}</a></p></div>',
            translation.get_language(),
            text(entry.title),
            _type_names()[type_id],
            text(entry.subtitle),
            _base(request),
            f"{type_id}/{entry.object_id}",
            _("Open the record"),
        ),
        content_type="text/html; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
