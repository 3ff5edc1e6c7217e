"""Change streams (IIIF Change Discovery 1.0, level 2) read as a partner city would, after real changes made through
the services: creates, updates, unpublishing, a person withdrawing from publication, a merge and its undo."""

import datetime
import json

import pytest
from django.test import Client, override_settings
from standards.change_discovery import lifecycle_errors, stream_errors

from craftcity.linkage.services import person_merge, person_merge_undo
from craftcity.organizations.models import Organization
from craftcity.people.services import person_update
from craftcity.works.services import work_create, work_publish, work_withdraw

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
PRIVATE = {
    "phone": "+7 701 555 12 34",
    "email": "hidden@example.kz",
    "address": "Абай даңғылы 1, пәтер 7",
    "birth_date": datetime.date(1985, 3, 9),
}
PRIVATE_TEXTS = ["+7 701 555 12 34", "hidden@example.kz", "Абай даңғылы", "1985-03-09"]


@pytest.fixture
def get():
    client = Client()

    def read(url: str) -> dict:
        response = client.get(url.removeprefix(BASE))
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        assert response["Content-Type"].startswith("application/ld+json")
        assert response["Access-Control-Allow-Origin"] == "*"
        return json.loads(response.content)

    return read


def _stream(get, kind: str) -> list[dict]:
    errors, activities = stream_errors(get, f"{BASE}/api/v1/changes/{kind}/")
    assert errors == []
    return activities


def _story(activities, uri) -> list[str]:
    return [a["type"] for a in activities if a["object"]["id"] == uri]


def test_a_persons_life_is_told_create_update_delete(get, make_person):
    person = make_person("Айжан Беккулова", birth_year=1975)
    draft = make_person("Жасырын Адам", status="draft")
    person_update(person=person, biography={"en": "Felt maker from Almaty."})
    person_update(person=person, status="draft")  # unpublished by a registrar
    person_update(person=person, status="published")
    activities = _stream(get, "people")
    uri = f"{BASE}/id/person/{person.pk}"
    assert _story(activities, uri) == ["Create", "Update", "Delete", "Create"]
    assert _story(activities, f"{BASE}/id/person/{draft.pk}") == []  # a draft is never announced, nor deleted
    created = activities[0]["object"]
    assert created["type"] == "Person"
    assert created["seeAlso"] == [
        {
            "id": f"{BASE}/api/v1/records/people/{person.pk}/",
            "type": "Dataset",
            "format": "application/ld+json",
            "profile": "https://schema.org/",
        }
    ]
    # The embedded record is the record as it is now, the same as its document.
    record = created["record"]
    assert {"@value": "Айжан Беккулова", "@language": "kk"} in record["name"]
    assert any(name["@language"] == "en" for name in record["name"])  # derived Latin forms travel too
    assert record["description"] == [{"@value": "Felt maker from Almaty.", "@language": "en"}]
    document = get(created["seeAlso"][0]["id"])
    assert document["@context"] == "https://schema.org/"
    assert {k: v for k, v in document.items() if k != "@context"} == record


def test_a_withdrawn_person_is_deleted_and_no_longer_carried_anywhere(get, make_person):
    person = make_person("Дулат Әшімов", is_email_public=True, is_phone_public=True, **PRIVATE)
    person_update(person=person, status="archived")  # the person withdrew their consent to be published
    activities = _stream(get, "people")
    assert [a["type"] for a in activities] == ["Create", "Delete"]
    assert all("record" not in a["object"] for a in activities)  # the old Create no longer carries the record
    assert "Дулат" not in json.dumps(activities, ensure_ascii=False)
    assert Client().get(f"/api/v1/records/people/{person.pk}/").status_code == 404
    assert Client().get(f"/id/person/{person.pk}").status_code == 404


def test_personal_data_never_travels_even_with_consent(get, make_person):
    make_person("Дулат Әшімов", is_email_public=True, is_phone_public=True, is_address_public=True, **PRIVATE)
    body = json.dumps(_stream(get, "people"), ensure_ascii=False)
    assert [text for text in PRIVATE_TEXTS if text in body] == []
    assert "Дулат Әшімов" in body


def test_a_merge_deletes_the_absorbed_record_and_names_the_one_that_kept_it(get, make_person, make_user):
    registrar = make_user(role="registrar")
    keep = make_person("Айжан Беккулова")
    absorb = make_person("Aizhan Bekkulova", language="en")
    batch = person_merge(actor=registrar, keep=keep, absorb=absorb)
    activities = _stream(get, "people")
    deletion = [a for a in activities if a["type"] == "Delete"]
    assert len(deletion) == 1
    assert deletion[0]["object"]["id"] == f"{BASE}/id/person/{absorb.pk}"
    assert deletion[0]["target"] == {"id": f"{BASE}/id/person/{keep.pk}", "type": "Person"}
    person_merge_undo(actor=registrar, candidate_or_batch=batch)
    activities = _stream(get, "people")
    assert _story(activities, f"{BASE}/id/person/{absorb.pk}")[-2:] == ["Delete", "Create"]


def test_works_link_their_manifest_and_leave_when_withdrawn(get, make_person):
    maker = make_person("Айжан Беккулова")
    work = work_create(title={"kk": "Киіз кілем", "en": "Felt carpet"}, makers=[maker])
    hidden = work_create(title={"en": "Still a draft"})
    work_publish(work=work)
    work_withdraw(work=work)
    activities = _stream(get, "works")
    assert [a["type"] for a in activities] == ["Create", "Delete"]
    assert _story(activities, f"{BASE}/id/work/{hidden.pk}") == []
    manifest = activities[0]["object"]["seeAlso"][1]
    assert manifest["id"] == f"{BASE}/iiif/works/{work.pk}/manifest.json" and manifest["type"] == "Manifest"
    work_publish(work=work)
    record = _stream(get, "works")[-1]["object"]["record"]
    assert record["@type"] == "CreativeWork"
    assert {"@value": "Киіз кілем", "@language": "kk"} in record["name"]
    assert record["creator"][0]["@id"] == f"{BASE}/id/person/{maker.pk}"


def test_organizations_stream_and_their_ids_lead_to_the_readers_page(get, make_organization):
    union = make_organization("crafts-union", name={"kk": "Қолөнершілер одағы", "en": "Crafts Union"})
    activities = _stream(get, "organizations")
    assert [a["type"] for a in activities] == ["Create"]
    response = Client().get(f"/id/organization/{union.pk}", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 303 and response["Location"] == "/kk/organizations/crafts-union/"
    assert Organization.objects.count() == 1


@override_settings(CRAFTCITY_CHANGES_PAGE_SIZE=2)
def test_pages_are_full_stable_and_linked(get, make_person):
    people = [make_person(f"Шебер {i}") for i in range(5)]
    collection = get(f"{BASE}/api/v1/changes/people/")
    assert collection["totalItems"] == 5
    assert collection["last"]["id"] == f"{BASE}/api/v1/changes/people/page/3/"
    first = get(collection["first"]["id"])
    assert len(first["orderedItems"]) == 2 and "prev" not in first and first["startIndex"] == 0
    person_update(person=people[0], biography={"en": "New words."})
    # New activities go to the end; page 1 still holds the same two activities.
    assert [a["object"]["id"] for a in get(collection["first"]["id"])["orderedItems"]] == [
        a["object"]["id"] for a in first["orderedItems"]
    ]
    activities = _stream(get, "people")
    assert len(activities) == 6 and activities[-1]["type"] == "Update"
    assert lifecycle_errors(activities) == []


@override_settings(CRAFTCITY_CHANGES_PAGE_SIZE=2)
def test_a_page_before_the_last_answers_304_to_a_conditional_request(make_person):
    for i in range(3):
        make_person(f"Шебер {i}")
    client = Client()
    first = client.get("/api/v1/changes/people/page/1/")
    assert first.status_code == 200 and "max-age" in first["Cache-Control"]
    again = client.get("/api/v1/changes/people/page/1/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get("/api/v1/changes/people/page/1/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    last = client.get("/api/v1/changes/people/page/2/")
    assert last["Cache-Control"] == "no-cache"
    assert client.get("/api/v1/changes/people/page/3/").status_code == 404
    assert client.get("/api/v1/changes/dragons/").status_code == 404


def test_an_empty_stream_still_names_a_last_page(get):
    collection = get(f"{BASE}/api/v1/changes/events/")
    assert collection["totalItems"] == 0
    assert get(collection["last"]["id"])["orderedItems"] == []


def test_events_and_places_stream_without_a_home_workshops_door(get, make_person):
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from craftcity.events.services import event_create
    from craftcity.places.models import Place
    from craftcity.places.services import place_save

    artisan = make_person("Айжан Беккулова")
    home = Place(
        slug="felt-home", kind="workshop", name={"en": "Felt workshop"}, address={"en": "7 Secret Lane, flat 3"},
        latitude=Decimal("43.241234"), longitude=Decimal("76.951234"), person=artisan, is_address_public=False,
    )  # fmt: skip
    place_save(place=home)
    event_create(
        slug="ala-craft", kind="festival", name={"en": "ALA CRAFT", "kk": "ALA CRAFT"}, place=home,
        starts_at=timezone.make_aware(dt.datetime(2026, 10, 4, 12, 0)),
    )  # fmt: skip
    places = _stream(get, "places")
    record = places[0]["object"]["record"]
    assert record["@type"] == "Place" and record["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 43.24,
        "longitude": 76.95,
    }
    assert "Secret Lane" not in json.dumps(places) and "43.241234" not in json.dumps(places)
    event = _stream(get, "events")[0]["object"]
    assert event["type"] == "Event"
    assert event["record"]["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["record"]["location"]["@id"] == f"{BASE}/id/place/{home.pk}"
    assert "Secret Lane" not in json.dumps(event)


@override_settings(CRAFTCITY_CHANGES_PAGE_SIZE=50)
def test_a_page_costs_the_same_few_queries_however_many_records_it_holds(make_person):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from craftcity.taxonomy.models import CreativeField, Discipline

    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    felt = Discipline.objects.create(slug="felt", name={"en": "Felt", "kk": "Киіз"}, field=field)
    client = Client()

    def queries_for_page() -> int:
        client.get("/api/v1/changes/people/")  # the page index is brought up to date first
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/changes/people/page/1/").status_code == 200
        return len(captured)

    make_person("Шебер 0", disciplines=[felt])
    few = queries_for_page()
    for i in range(1, 30):
        make_person(f"Шебер {i}", disciplines=[felt])
    assert queries_for_page() == few <= 14


def test_a_corrected_name_reaches_partners_as_an_update(get, make_person):
    """A person's names are rows of their own: adding, correcting or removing one must still tell partner cities
    the record changed, or a partner would show the old spelling until some other field changed."""
    from craftcity.people.models import PersonName
    from craftcity.people.services import person_name_delete, person_name_save

    person = make_person("Айжан Беккулова")
    uri = f"{BASE}/id/person/{person.pk}"
    story = _story(_stream(get, "people"), uri)
    assert story == ["Create"]
    name = PersonName.objects.filter(person=person).first()
    name.full_name = "Айжан Бекқұлова"
    person_name_save(name=name)
    assert _story(_stream(get, "people"), uri) == ["Create", "Update"]
    extra = person_name_save(name=PersonName(person=person, full_name="Aizhan Bekkulova", language="en"))
    assert _story(_stream(get, "people"), uri) == ["Create", "Update", "Update"]
    person_name_delete(name=extra)
    assert _story(_stream(get, "people"), uri) == ["Create", "Update", "Update", "Update"]
