import pytest
from rest_framework.test import APIClient

from craftcity.lineage.services import dynasty_create, relation_create
from craftcity.organizations.services import membership_create
from craftcity.places.models import Place

pytestmark = pytest.mark.django_db


def test_dynasties_list_their_derived_generations(make_person):
    founder, child = make_person("Founder"), make_person("Child")
    relation_create(kind="family", senior=founder, junior=child)
    dynasty_create(slug="line", name={"en": "The line"}, founder=founder)
    body = APIClient().get("/api/v1/dynasties/line/").json()
    assert body["generation_count"] == 2
    assert [(m["display_name"], m["generation"]) for m in body["members"]] == [("Founder", 1), ("Child", 2)]


def test_an_organization_editor_edits_their_organization_only(make_person, make_user, make_organization):
    editor = make_user(role="organization_editor")
    mine = make_organization("mine")
    make_organization("other")
    membership_create(person=make_person(user=editor), organization=mine, is_editor=True)
    client = APIClient()
    client.force_authenticate(editor)
    ok = client.patch("/api/v1/organizations/mine/", {"short_name": "MINE"}, format="json")
    assert ok.status_code == 200 and ok.json()["short_name"] == "MINE"
    assert client.patch("/api/v1/organizations/other/", {"short_name": "X"}, format="json").status_code == 403


def test_a_workshop_address_stays_private_without_consent(make_person):
    Place.objects.create(
        slug="home-workshop", kind="workshop", name={"en": "Workshop"}, address={"en": "Secret street 5"},
        person=make_person(),
    )  # fmt: skip
    body = APIClient().get("/api/v1/places/home-workshop/").content.decode()
    assert "Secret street" not in body
