"""Every API response the suite receives is read by openapi-core against the document craftcity publishes at
/api/schema/. A test that gets a response the document does not describe fails, whatever it was testing.

Why openapi-core here: the suite already makes ~400 meaningful API calls with real users, roles and data (private
fields, juries, over-capacity enrolments); checking each of those responses covers the states a generator cannot
reach without our fixtures. The contract test module also walks every documented GET path on the demo city, and
tests/security/test_security_schemathesis.py lets schemathesis generate requests from the document for every role."""

from __future__ import annotations

import functools

API_PREFIX = "/api/v1/"


@functools.cache
def published_document() -> dict:
    """The document exactly as /api/schema/ serves it (generated once per test process)."""
    import json

    from django.test import Client

    response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)


@functools.cache
def _openapi():
    import json

    from openapi_core import Config, OpenAPI

    # GeoJSON (RFC 7946) is JSON under its own media type; openapi-core only needs to be told how to read it.
    # So are JSON-LD (the network's change streams and records) and, as text, the reconciliation preview and JSONP.
    config = Config(
        extra_media_type_deserializers={
            "application/geo+json": json.loads,
            "application/ld+json": lambda value, **parameters: json.loads(value),  # `profile` comes as a keyword
            "text/html": lambda value, **parameters: value.decode() if isinstance(value, bytes) else value,
            "application/javascript": lambda value, **parameters: value.decode() if isinstance(value, bytes) else value,
        }
    )
    return OpenAPI.from_dict(published_document(), config=config)


def response_errors(response) -> list[str]:
    """Why a response does not match the published document (empty when it does)."""
    from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
    from openapi_core.templating.paths.exceptions import OperationNotFound

    request = getattr(response, "wsgi_request", None)
    if request is None or not request.path.startswith(API_PREFIX):
        return []
    if getattr(response, "streaming", False):
        return []

    class Request(DjangoOpenAPIRequest):
        @property
        def path_pattern(self):
            # openapi-core rebuilds the path from Django's route, which for DRF's format suffixes
            # (`places.geojson`) is a regular expression it cannot turn back into a path; the real path is exact.
            route = getattr(self.request.resolver_match, "route", "")
            return self.request.path if "(?P<format>" in route else super().path_pattern

    try:
        _openapi().validate_response(Request(request), DjangoOpenAPIResponse(response))
    except OperationNotFound as error:
        if response.status_code == 405:
            return []  # a method the document does not offer, refused as HTTP says: nothing to describe
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return []  # no route serves this address at all (`page/abc/`): no operation, whatever the method
        return [f"{request.method} {request.get_full_path()} → {response.status_code}", str(error)]
    except Exception as error:  # openapi-core's errors carry the schema errors in __cause__
        details = [str(error)]
        cause = error.__cause__
        for item in getattr(cause, "schema_errors", None) or ([cause] if cause else []):
            path = "/".join(map(str, getattr(item, "absolute_path", []) or []))
            details.append(f"  at {path or '(body)'}: {getattr(item, 'message', item)}"[:400])
        return [f"{request.method} {request.get_full_path()} → {response.status_code}", *details]
    return []
