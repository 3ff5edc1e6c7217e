"""The published OpenAPI document is valid OpenAPI (openapi-spec-validator), and every documented GET answers
the demo city as the document says (openapi-core reads each response; see openapi_contract.py, which also reads
every API response of every other test)."""

import re

import pytest
from openapi_spec_validator import validate

from craftcity.events.models import Event
from standards.openapi_contract import published_document, response_errors

pytestmark = pytest.mark.django_db


def test_the_document_is_valid_openapi_and_describes_errors_and_geojson(client):
    document = published_document()
    validate(document)
    assert "/api/v1/places.geojson" in document["paths"]
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert {"403", "404"} <= set(operation["responses"]), (method, path)


def _examples(client, document: dict) -> list[str]:
    """Every GET path of the document, with the first identifier its list gives for each template."""
    found = {}
    for path in document["paths"]:
        if "{" not in path and "get" in document["paths"][path]:
            found[path] = path
    for path, methods in document["paths"].items():  # the searches' one required parameter
        required = [p["name"] for p in methods.get("get", {}).get("parameters", []) if p.get("required")]
        if required == ["q"]:
            found[path] = f"{path}?q=felt"
    for path in document["paths"]:
        match = re.fullmatch(r"(/api/v1/[a-z-]+/)\{(\w+)\}/(.*)", path)
        if not match or "get" not in document["paths"][path]:
            continue
        listing, key, rest = match.groups()
        if listing not in document["paths"]:
            continue
        rows = client.get(listing).json()
        rows = rows.get("results", []) if isinstance(rows, dict) else rows
        if rows:
            found[path] = f"{listing}{rows[0][key]}/{rest}"
    return sorted(found.values())


def test_every_documented_get_answers_the_demo_as_documented(client, demo_city, make_user):
    document = published_document()
    paths = _examples(client, document)
    assert len(paths) >= 20
    for viewer in (None, make_user(role="registrar")):
        if viewer:
            client.force_login(viewer)
        for path in paths:
            response = client.get(path)  # the conftest hook fails the test on any undocumented answer
            # A festival has no jury or results (404), a jury list is for its jurors (403); lists always answer.
            public_list = path.count("/") == 4 and path != "/api/v1/applications/"  # one's own applications
            assert response.status_code in ({200} if public_list else {200, 403, 404}), path
            assert response_errors(response) == []
    cancelled = Event.objects.public().filter(schedule=Event.Schedule.CANCELLED).order_by("pk").first()
    assert cancelled is not None, "the demo has a cancelled event (the open-air season has several)"
    detail = client.get(f"/api/v1/events/{cancelled.slug}/").json()
    assert detail["schedule"] == "cancelled"
    assert client.get("/api/v1/places.geojson").json()["type"] == "FeatureCollection"
    missing = client.get("/api/v1/people/99999999/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
