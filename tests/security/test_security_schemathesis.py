"""schemathesis reads the document at /api/schema/ and sends every operation requests it generates from it, in
process (WSGI), as a visitor and as each role (token authentication): no answer may be a server error, and every
answer must be one the document describes (status, content type, headers, body), including the claim that a read is
open to visitors. Path parameters are either generated or the ids and slugs of real records (public ones and
someone else's private ones), so the generator reaches the views' object lookups and not only their 404s.

Bounded: a fixed number of examples per operation, derandomized (the same requests on every run)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
VIEWERS = [None, "artisan", "organization_editor", "organiser", "curator", "analyst", "registrar", "admin"]
# A visitor's run is the widest (every operation is open to being refused); each role adds the views' own rules.
EXAMPLES = {None: 12}
ROLE_EXAMPLES = 5


def _real_path_values(city) -> dict[str, list]:
    """Ids and slugs of records that exist, by the first segment of the path (people, works, events …)."""
    from craftcity.events.models import Application, Event
    from craftcity.lineage.models import Dynasty
    from craftcity.organizations.models import Organization
    from craftcity.people.models import Person
    from craftcity.places.models import Place
    from craftcity.taxonomy.models import Discipline
    from craftcity.tours.models import Tour
    from craftcity.works.models import Collection, Exhibition, Work

    def some(model, key, n=4):
        return list(model.objects.order_by("pk").values_list(key, flat=True)[:n])

    return {
        "people": [*some(Person, "pk"), city.theirs["person"].pk],
        "works": [*some(Work, "pk"), city.theirs["work"].pk],
        "organizations": [*some(Organization, "slug"), city.theirs["organization"].slug],
        "events": [*some(Event, "slug"), city.theirs["event"].slug],
        "applications": [*some(Application, "pk")],
        "disciplines": some(Discipline, "slug"),
        "dynasties": some(Dynasty, "slug"),
        "places": some(Place, "slug"),
        "tours": some(Tour, "slug"),
        "collections": some(Collection, "slug"),
        "exhibitions": some(Exhibition, "slug"),
    }


def _run(operation, known: list | None, headers: dict, checks: list, examples: int) -> None:
    @given(case=operation.as_strategy(), data=st.data())
    @settings(
        max_examples=examples, derandomize=True, database=None, deadline=None,
        suppress_health_check=list(HealthCheck), print_blob=False,
    )  # fmt: skip
    def run(case, data):
        for name in case.path_parameters or {}:
            if known and data.draw(st.booleans()):
                case.path_parameters[name] = data.draw(st.sampled_from(known))
        case.call_and_validate(headers=headers, checks=checks)

    run()


@pytest.fixture
def wsgi_app_in_the_test_transaction():
    """The WSGI application, without closing the database connection when a request ends (as Django's test client
    does): on PostgreSQL that would close the test's transaction under it."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda v: v or "visitor")
def test_every_operation_answers_as_documented_for_every_viewer(city, viewer, wsgi_app_in_the_test_transaction):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app_in_the_test_transaction)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40, "every v1 operation is in the document"
    headers = {"Accept-Language": "en"}
    checks = list(CHECKS)
    if viewer is None:
        checks.append(ignored_auth)  # the document says which operations a visitor may use
    else:
        headers["Authorization"] = f"Token {Token.objects.create(user=city.users[viewer]).key}"
    real = _real_path_values(city)
    examples = EXAMPLES.get(viewer, ROLE_EXAMPLES)
    failures = []
    for operation in operations:
        try:
            _run(operation, real.get(operation.path.split("/")[3].split(".")[0]), headers, checks, examples)
        except (FailureGroup, Exception) as error:  # each distinct failure, with a curl to repeat it
            failures.append(f"{operation.label}\n{error}"[:3000])
    assert not failures, f"{len(failures)} operations answered outside the document:\n\n" + "\n\n".join(failures)


@pytest.mark.parametrize("path", ["/api/v1/places/a.b/", "/api/v1/events/x%09y/", "/api/v1/tours/%C2%BD./"])
def test_an_api_address_no_route_matches_answers_the_house_error_not_a_web_page(client, db, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "not_found" and error["status"] == 404 and error["message"] == "Страница не найдена."
    assert client.get("/en/no-such-page/").headers["Content-Type"].startswith("text/html")  # the site keeps its page
