import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from craftcity.people.models import Person

pytestmark = pytest.mark.django_db

PRIVATE = {"phone": "+7 701 555 12 34", "email": "hidden@example.kz", "address": "Абай даңғылы 1, пәтер 7"}


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def private_person(make_person):
    return make_person("Дулат Әшімов", birth_year=1985, birth_date=datetime.date(1985, 3, 9), **PRIVATE)


def _leaks(body: str) -> list[str]:
    return [value for value in [*PRIVATE.values(), "1985-03-09"] if value in body]


def test_the_public_sees_no_personal_data_in_lists_or_details(client, private_person):
    for url in ["/api/v1/people/", f"/api/v1/people/{private_person.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert _leaks(response.content.decode()) == []
    detail = client.get(f"/api/v1/people/{private_person.pk}/").json()
    assert detail["birth_year"] == 1985 and "phone" not in detail


def test_consented_fields_are_shown_and_only_those(client, private_person):
    Person.objects.filter(pk=private_person.pk).update(is_email_public=True)
    body = client.get(f"/api/v1/people/{private_person.pk}/").content.decode()
    assert _leaks(body) == ["hidden@example.kz"]


def test_a_person_and_a_registrar_see_the_private_fields(client, private_person, make_user):
    owner = make_user(role="artisan")
    Person.objects.filter(pk=private_person.pk).update(user=owner)
    client.force_authenticate(owner)
    assert client.get(f"/api/v1/people/{private_person.pk}/").json()["phone"] == PRIVATE["phone"]
    client.force_authenticate(make_user(role="registrar"))
    assert client.get(f"/api/v1/people/{private_person.pk}/").json()["address"] == PRIVATE["address"]


def test_drafts_are_hidden_from_the_public(client, make_person):
    draft = make_person("Draft", status="draft")
    assert client.get(f"/api/v1/people/{draft.pk}/").status_code == 404
    assert client.get("/api/v1/people/").json()["count"] == 0


def test_an_artisan_updates_their_own_profile_with_a_token(client, make_person, make_user):
    artisan = make_user(role="artisan")
    person = make_person(user=artisan)
    token = Token.objects.create(user=artisan)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.patch(f"/api/v1/people/{person.pk}/", {"biography": {"en": "Felt maker"}}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["biography"] == {"en": "Felt maker"}


def test_a_forged_edit_of_someone_elses_profile_is_refused_with_one_error_shape(client, make_person, make_user):
    other = make_person("Other")
    client.force_authenticate(make_user(role="artisan"))
    response = client.patch(f"/api/v1/people/{other.pk}/", {"birth_year": 1900}, format="json")
    assert response.status_code == 403
    assert set(response.json()["error"]) == {"status", "code", "message", "fields"}
    other.refresh_from_db()
    assert other.birth_year is None


def test_anonymous_writes_are_refused(client, make_person):
    person = make_person()
    assert client.patch(f"/api/v1/people/{person.pk}/", {"birth_year": 1990}, format="json").status_code in (401, 403)


def test_invalid_values_get_field_errors_in_the_readers_language(client, make_person, make_user):
    person = make_person()
    client.force_authenticate(make_user(role="registrar"))
    response = client.patch(
        f"/api/v1/people/{person.pk}/", {"birth_year": 1500}, format="json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "birth_year" in error["fields"]
    assert any("1800" in message for message in error["fields"]["birth_year"])


def test_model_rules_surface_as_field_errors(client, make_person, make_user):
    person = make_person()
    client.force_authenticate(make_user(role="registrar"))
    response = client.patch(
        f"/api/v1/people/{person.pk}/", {"birth_year": 1980, "birth_date": "1981-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert "birth_date" in response.json()["error"]["fields"]


def test_the_people_list_costs_the_same_queries_for_5_or_50_people(client, make_person):
    def queries(n):
        Person.objects.all().delete()
        for i in range(n):
            make_person(f"Person {i}")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/people/?page_size=100").status_code == 200
        return len(ctx.captured_queries)

    assert queries(5) == queries(50)


def test_pages_and_the_openapi_document(client, make_person):
    for i in range(3):
        make_person(f"P{i}")
    page = client.get("/api/v1/people/?page_size=2").json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/people/", "/api/v1/organizations/", "/api/v1/dynasties/", "/api/v1/places/"} <= set(paths)
