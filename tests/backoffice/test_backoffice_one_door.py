"""One door for every write: the back office saves through the same services as the API and the import."""

import datetime as dt
import weakref

import pytest
from admin_forms import form_fields
from django.core.exceptions import PermissionDenied
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from craftcity.awards.models import Award, AwardProgramme
from craftcity.geo.models import Country, Locality
from craftcity.lineage.models import Dynasty, Relation
from craftcity.lineage.services import dynasty_create
from craftcity.people.merging import MOVERS
from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.places.services import place_save

KAZAKH = "Жанар Сентінелова"


@pytest.fixture
def registrar_client(client, make_user):
    client.force_login(make_user(role="registrar", is_staff=True))
    return client


def _add_person(client, **fields):
    data = form_fields(client.get("/en/admin/people/person/add/"))
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "name" in k).removesuffix("-TOTAL_FORMS")
    data.update({f"{prefix}-0-full_name": KAZAKH, f"{prefix}-0-form": "kk_cyrl", f"{prefix}-0-language": "kk",
                 f"{prefix}-0-is_primary": "on", "occupation": "artisan", **fields})  # fmt: skip
    return client.post("/en/admin/people/person/add/", data)


def test_a_person_added_in_the_back_office_is_created_by_the_service(registrar_client):
    response = _add_person(registrar_client, phone="+7 701 111 22 33", is_phone_public="on")

    assert response.status_code == 302, response.content.decode()[-2000:]
    person = Person.objects.get()
    forms = {(n.language, n.form): (n.full_name, n.is_derived) for n in person.names.all()}
    assert forms[("kk", "kk_cyrl")] == (KAZAKH, False)
    assert forms[("en", "passport")][1] is True and forms[("ru", "ru_cyrl")][1] is True  # derived, as by the service
    assert person.consent_recorded_at is not None  # the consent ticked on the add form is stamped
    assert person.names.filter(full_name=KAZAKH).count() == 1  # the name row was not saved a second time


def test_a_person_added_without_consent_has_no_consent_stamp(registrar_client):
    assert _add_person(registrar_client).status_code == 302
    assert Person.objects.get().consent_recorded_at is None


def test_a_consent_given_through_the_api_is_stamped(make_person, make_user):
    artisan = make_user(role="artisan")
    person = make_person(KAZAKH, user=artisan, phone="+7 701 111 22 33")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=artisan).key}")

    response = client.patch(f"/api/v1/people/{person.pk}/", {"is_phone_public": True}, format="json")

    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert person.is_phone_public and person.consent_recorded_at is not None


def test_a_relation_added_in_the_back_office_updates_the_dynasty_through_the_service(registrar_client, make_person):
    master, apprentice = make_person("Ұста Бірінші"), make_person("Шәкірт Екінші")
    dynasty = dynasty_create(slug="ustalar", name={"kk": "Ұсталар"}, founder=master)
    assert dynasty.member_count == 1
    data = form_fields(registrar_client.get("/en/admin/lineage/relation/add/"))
    data.update({"kind": "apprenticeship", "senior": str(master.pk), "junior": str(apprentice.pk)})

    response = registrar_client.post("/en/admin/lineage/relation/add/", data)

    assert response.status_code == 302, response.content.decode()[-2000:]
    dynasty.refresh_from_db()
    assert (dynasty.member_count, dynasty.generation_count) == (2, 2)
    relation = Relation.objects.get()
    registrar_client.post(f"/en/admin/lineage/relation/{relation.pk}/delete/", {"post": "yes"})
    dynasty.refresh_from_db()
    assert dynasty.member_count == 1 and not Relation.objects.exists()


def test_the_back_office_shows_the_services_refusal_and_saves_nothing(registrar_client, make_person):
    """A relation that would close a cycle: the service refuses, the form says why, nothing is written."""
    elder, younger = make_person("Ата Бір"), make_person("Бала Екі")
    Relation.objects.create(kind="family", senior=elder, junior=younger)
    data = form_fields(registrar_client.get("/en/admin/lineage/relation/add/"))
    data.update({"kind": "family", "senior": str(younger.pk), "junior": str(elder.pk)})

    response = registrar_client.post("/en/admin/lineage/relation/add/", data)

    assert response.status_code == 200 and "errornote" in response.content.decode()
    assert Relation.objects.count() == 1


def test_a_city_title_saved_in_the_back_office_brings_its_reports(registrar_client):
    kz = Country.objects.create(iso_code="KZ", name={"en": "Kazakhstan"})
    almaty = Locality.objects.create(country=kz, name={"en": "Almaty"})
    programme = AwardProgramme.objects.create(slug="wcc-world-craft-city", kind="city_title", name={"en": "WCC"})
    data = form_fields(registrar_client.get("/en/admin/awards/award/add/"))
    data.update({"programme": str(programme.pk), "locality": str(almaty.pk), "year": "2025",
                 "granted_on": "2025-10-05"})  # fmt: skip

    response = registrar_client.post("/en/admin/awards/award/add/", data)

    assert response.status_code == 302, response.content.decode()[-2000:]
    award = Award.objects.get()
    assert sorted(award.reporting_obligations.values_list("due_on", flat=True)) == [
        dt.date(2027, 10, 5), dt.date(2029, 10, 5)
    ]  # fmt: skip


def test_only_registrars_say_whose_home_a_workshop_is_whichever_door(make_person, make_user):
    curator = make_user(role="curator", is_staff=True)
    venue = Place.objects.create(kind="museum", slug="museum", name={"en": "Museum"})
    venue.person = make_person(KAZAKH)

    with pytest.raises(PermissionDenied):
        place_save(actor=curator, place=venue)
    assert Place.objects.get(pk=venue.pk).person_id is None


def test_every_app_moves_its_own_rows_in_a_merge():
    """The merge asks each app through people.merging; none is left to linkage's own code."""
    assert {"people.names", "people.terms", "organizations.memberships", "lineage.relations", "awards.awards",
            "places.workshops", "works.credits", "events.rows"} <= set(MOVERS)  # fmt: skip
    assert next(iter(MOVERS)) == "people.names"


def test_no_receiver_writes_dynasties_or_obligations():
    """Signal receivers notify (search, stored pages); the dynasties and reports are derived by the services."""
    from django.db.models.signals import post_delete, post_save

    for model in (Relation, Dynasty, Award):
        for signal in (post_save, post_delete):
            receivers = [entry[1] for entry in signal.receivers if entry[0][1] == id(model)]
            receivers = [
                receiver() if isinstance(receiver, weakref.ReferenceType) else receiver for receiver in receivers
            ]
            modules = {getattr(receiver, "__module__", "") for receiver in receivers}
            assert not {m for m in modules if m.startswith(("craftcity.lineage", "craftcity.dossier"))}, (
                model,
                modules,
            )


def test_saving_a_person_in_the_back_office_keeps_their_derived_forms(registrar_client, make_person):
    person = make_person(KAZAKH)
    derived = set(person.names.filter(is_derived=True).values_list("full_name", "language"))
    assert derived
    url = f"/en/admin/people/person/{person.pk}/change/"
    data = form_fields(registrar_client.get(url))
    data["birth_year"] = "1970"

    assert registrar_client.post(url, data).status_code == 302
    assert set(person.names.filter(is_derived=True).values_list("full_name", "language")) == derived
