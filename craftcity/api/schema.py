"""What drf-spectacular cannot see by itself, added to the published OpenAPI document (a postprocessing hook):
the one error body every failure uses, the error statuses each operation can answer, and the GeoJSON form of the
places list (`/api/v1/places.geojson`, `?format=geojson`)."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS, IsAuthenticatedOrReadOnly


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular marks a read as open to visitors only for DRF's own permission classes, not for subclasses
    such as `ReadOnlyOrServicePermission`: the document said every public read needed signing in."""

    def get_auth(self):
        auths = super().get_auth()
        open_read = self.method in SAFE_METHODS and any(
            isinstance(permission, IsAuthenticatedOrReadOnly) for permission in self.view.get_permissions()
        )
        if open_read and {} not in auths:
            auths.append({})
        return auths


ERROR = {
    "type": "object",
    "description": "Every failure has this body; `message` is in the request's language.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string", "example": "not_found"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "description": "For `invalid`: the messages of each field that was refused.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["status", "code", "message", "fields"],
        }
    },
    "required": ["error"],
}

_ERRORS = {
    "400": "The request is not valid (a field, a filter or a page number); `fields` says which.",
    "403": "Not signed in, or not allowed to do this (`message` says why).",
    "404": "No such record, or not one this viewer may see.",
    "405": "The method is not offered here.",
    "409": "The request conflicts with the record's state (e.g. already submitted).",
    "413": "A file is over the upload ceiling (50 MB unless configured); `fields` names it. Nothing was saved.",
    "429": "Too many requests from this account or address; the `Retry-After` header says how many seconds to wait.",
}

_POINT_FEATURE = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "geometry": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["Point"]},
                "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
            },
            "required": ["type", "coordinates"],
        },
        "properties": {
            "type": "object",
            "properties": {
                "exact": {"type": "boolean", "description": "False: a home workshop shown at its district's point."},
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "kind": {"type": "string"},
                "address": {"type": "string"},
                "opening_hours": {"type": "string", "description": "OpenStreetMap opening_hours syntax."},
            },
        },
    },
    "required": ["type", "geometry", "properties"],
}

FEATURE_COLLECTION = {
    "type": "object",
    "description": "RFC 7946 GeoJSON: every place with a location the viewer may see.",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"$ref": "#/components/schemas/PlaceFeature"}},
    },
    "required": ["type", "features"],
}


def _error_responses(operation: dict, method: str) -> None:
    responses = operation.setdefault("responses", {})
    codes = ["400", "403", "404", "405", "429"]
    if method in {"post", "put", "patch", "delete"}:
        codes.append("409")
    if "multipart/form-data" in operation.get("requestBody", {}).get("content", {}):
        codes.append("413")  # refused as it streams in, before the view (core/uploads.py)
    for code in codes:
        responses.setdefault(
            code,
            {
                "description": _ERRORS[code],
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        )


def _blank_or_uri(node) -> None:
    """drf-spectacular writes a blank-able URLField as oneOf(empty string, uri); with no format checking in a
    client's validator "" matches both, and oneOf fails. anyOf says the same and reads the same everywhere."""
    if isinstance(node, dict):
        one_of = node.get("oneOf")
        if (
            isinstance(one_of, list)
            and len(one_of) == 2
            and any(option.get("maxLength") == 0 for option in one_of)
            and any(option.get("format") == "uri" for option in one_of)
        ):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _blank_or_uri(value)
    elif isinstance(node, list):
        for value in node:
            _blank_or_uri(value)


_LOOSE = {"type": "object", "additionalProperties": True}
_DISCOVERY = 'application/ld+json;profile="http://iiif.io/api/discovery/1/context.json"'


def _network_operation(operation_id: str, description: str, content: dict, *, parameters=(), conditional=False) -> dict:
    responses = {"200": {"description": "", "content": content}}
    if conditional:
        responses["304"] = {"description": "Not modified since the ETag or Last-Modified the client sent."}
    return {
        "operationId": operation_id,
        "description": description,
        "tags": ["network"],
        "parameters": [{"name": name, "in": where, "required": where == "path", "schema": {"type": kind}}
                       for name, where, kind in parameters],
        "responses": responses,
    }  # fmt: skip


def network_paths() -> dict:
    """The network's endpoints (plain Django views, craftcity/api/changes.py, reconcile.py, network_description.py):
    described here so the document lists every address under /api/v1/. Their bodies follow other standards
    (IIIF Change Discovery 1.0, schema.org, IIIF Presentation 3, W3C Reconciliation 0.2), validated by their own
    tests against those specifications, so the document names them as objects only."""
    kind = ("kind", "path", "string")
    reconcile_parameters = [("queries", "query", "string"), ("callback", "query", "string")]
    reconcile = {
        "application/json": {"schema": _LOOSE},
        "application/javascript": {"schema": {"type": "string"}},
    }
    # A JSONP client's refusals come back wrapped in its callback as well, so the error body is JavaScript then.
    jsonp_refusal = {
        "description": _ERRORS["400"] + " With `callback`, the same body wrapped in the callback (JSONP).",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
            "application/javascript": {"schema": {"type": "string"}},
        },
    }
    operations = {
        "/api/v1/changes/{kind}/": {"get": _network_operation(
            "changes_collection", "The kind's change stream (IIIF Change Discovery 1.0 OrderedCollection).",
            {_DISCOVERY: {"schema": _LOOSE}}, parameters=[kind], conditional=True,
        )},
        "/api/v1/changes/{kind}/page/{number}/": {"get": _network_operation(
            "changes_page", "One page of the change stream (OrderedCollectionPage), oldest activity first.",
            {_DISCOVERY: {"schema": _LOOSE}}, parameters=[kind, ("number", "path", "integer")], conditional=True,
        )},
        "/api/v1/records/{kind}/{pk}/": {"get": _network_operation(
            "record_document", "A public record as schema.org JSON-LD, names in every language.",
            {"application/ld+json": {"schema": _LOOSE}}, parameters=[kind, ("pk", "path", "integer")],
        )},
        "/api/v1/iiif/collection.json": {"get": _network_operation(
            "iiif_collections", "Every public curated collection as one IIIF Presentation 3 Collection.",
            {'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"': {"schema": _LOOSE}},
        )},
        "/api/v1/reconcile": {
            "get": _network_operation(
                "reconcile", "W3C Reconciliation Service API 0.2: the manifest, or the answers to `queries`.",
                reconcile, parameters=reconcile_parameters,
            ),
            "post": _network_operation(
                "reconcile_batch", "W3C Reconciliation Service API 0.2: the answers to `queries` (form field).",
                reconcile, parameters=reconcile_parameters,
            ),
        },
        "/api/v1/reconcile/preview/{type_id}/{pk}": {"get": _network_operation(
            "reconcile_preview", "An HTML card of one candidate (its id is `type_id/pk`), public fields only.",
            {"text/html": {"schema": {"type": "string"}}},
            parameters=[("type_id", "path", "string"), ("pk", "path", "integer")],
        )},
    }  # fmt: skip
    for operation in operations["/api/v1/reconcile"].values():
        operation["responses"]["400"] = jsonp_refusal
    return operations


def postprocess(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    _blank_or_uri(schemas)
    schemas["Error"] = ERROR
    schemas["PlaceFeature"] = _POINT_FEATURE
    schemas["PlaceFeatureCollection"] = FEATURE_COLLECTION
    paths = result.get("paths", {})
    places = paths.get("/api/v1/places/", {}).get("get")
    if places:
        content = places["responses"]["200"].setdefault("content", {})
        content["application/geo+json"] = {"schema": {"$ref": "#/components/schemas/PlaceFeatureCollection"}}
        geojson = {
            key: value
            for key, value in places.items()
            if key not in {"operationId", "responses", "description", "summary"}
        }
        geojson["operationId"] = "places_geojson"
        geojson["parameters"] = [p for p in places.get("parameters", []) if p.get("name") not in {"page", "page_size"}]
        geojson["description"] = "Every place with a location as one GeoJSON FeatureCollection (no pages)."
        geojson["responses"] = {
            "200": {
                "description": "",
                "content": {
                    "application/geo+json": {"schema": {"$ref": "#/components/schemas/PlaceFeatureCollection"}}
                },
            }
        }
        paths["/api/v1/places.geojson"] = {"get": geojson}
    paths.update(network_paths())
    for methods in paths.values():
        for method, operation in methods.items():
            if isinstance(operation, dict) and "responses" in operation:
                _error_responses(operation, method)
    return result
