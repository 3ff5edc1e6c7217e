import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonld import page_jsonld

from craftcity.lineage.services import dynasty_create, relation_create
from craftcity.organizations.services import membership_create
from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.taxonomy.models import CreativeField, Discipline

pytestmark = pytest.mark.django_db

PRIVATE = ["+7 701 555 12 34", "private@example.kz", "Сатпаев көшесі 12, пәтер 3"]


@pytest.fixture
def jewellery(db):
    crafts = CreativeField.objects.create(slug="crafts", name={"en": "Crafts and folk art", "kk": "Қолөнер"})
    return Discipline.objects.create(slug="jewellery", field=crafts, name={"en": "Jewellery", "kk": "Зергерлік"})


@pytest.fixture
def master(make_person, jewellery):
    person = make_person(
        names=[
            {"full_name": "Икрамжан Рафиков", "language": "kk", "form": "kk_cyrl", "is_primary": True},
            {"full_name": "Ikramzhan Rafikov", "language": "en", "form": "press", "is_primary": True},
        ],
        birth_year=1970,
        biography={"ru": "Ювелир, автор кольца «Кольцо силы»."},
        phone=PRIVATE[0],
        email=PRIVATE[1],
        address=PRIVATE[2],
        disciplines=[jewellery],
    )
    return person


_jsonld = page_jsonld


def test_a_person_page_shows_the_public_facts_in_the_readers_language(client, master):
    html = client.get(f"/en/people/{master.pk}/").content.decode()
    assert "<h1>Ikramzhan Rafikov</h1>" in html
    assert "Икрамжан Рафиков" in html  # other written forms are shown
    assert "Jewellery" in html
    # The biography exists only in Russian: shown, and marked as such for readers and screen readers.
    assert 'lang="ru" class="fallback"' in html


def test_no_page_leaks_personal_data_without_consent(client, master):
    Place.objects.create(
        slug="studio", kind="workshop", name={"en": "Studio"}, address={"en": PRIVATE[2]}, person=master
    )
    pages = [f"/en/people/{master.pk}/", "/en/people/", "/kk/people/", "/en/places/studio/", "/en/crafts/jewellery/"]
    for url in pages:
        html = client.get(url).content.decode()
        assert [value for value in PRIVATE if value in html] == [], url


def test_consented_contact_details_appear_on_the_page_and_in_json_ld(client, master):
    Person.objects.filter(pk=master.pk).update(is_email_public=True)
    html = client.get(f"/en/people/{master.pk}/").content.decode()
    assert PRIVATE[1] in html and PRIVATE[0] not in html
    (person,) = _jsonld(html)
    assert person["@type"] == "Person" and person["email"] == PRIVATE[1] and "telephone" not in person


def test_json_ld_describes_the_person(client, master):
    (data,) = _jsonld(client.get(f"/en/people/{master.pk}/").content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Ikramzhan Rafikov"
    assert "Икрамжан Рафиков" in data["alternateName"]
    assert data["knowsAbout"] == ["Jewellery"]


def test_drafts_and_merged_people_are_not_public(client, make_person, master):
    draft = make_person("Draft Person", status="draft")
    assert client.get(f"/en/people/{draft.pk}/").status_code == 404
    Person.objects.filter(pk=master.pk).update(merged_into=draft)
    assert client.get(f"/en/people/{master.pk}/").status_code == 404


def test_people_facets_filter_and_count(client, make_person, master, jewellery):
    make_person("Other craft")
    html = client.get("/en/people/").content.decode()
    assert "2 people found" in html and "Jewellery" in html
    filtered = client.get("/en/people/?discipline=jewellery").content.decode()
    assert "1 person found" in filtered and "Ikramzhan Rafikov" in filtered and "Other craft" not in filtered


def test_the_people_list_makes_the_same_number_of_queries_for_any_page_size(client, make_person, jewellery):
    def count(n):
        Person.objects.all().delete()
        for i in range(n):
            make_person(f"Person {i}", disciplines=[jewellery])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/people/").status_code == 200
        return len(ctx.captured_queries)

    assert count(3) == count(20)


def test_a_dynasty_page_draws_its_tree_with_generations(client, make_person):
    founder, son, apprentice = make_person("Ата Шебер"), make_person("Бала Шебер"), make_person("Шәкірт")
    relation_create(kind="family", senior=founder, junior=son)
    relation_create(kind="apprenticeship", senior=son, junior=apprentice)
    dynasty_create(slug="sheber", name={"kk": "Шеберлер әулеті", "en": "The Sheber line"}, founder=founder)
    html = client.get("/en/dynasties/sheber/").content.decode()
    assert "<svg" in html and html.count('<rect class="node') == 3
    assert "Generation 3" in html
    assert 'class="edge edge-apprenticeship"' in html and 'class="edge edge-family"' in html
    kk = client.get("/kk/dynasties/sheber/").content.decode()
    assert "Шеберлер әулеті" in kk


def test_organization_page_lists_members_and_json_ld(client, make_person, make_organization):
    union = make_organization("union", name={"en": "Union of Craftsmen of Kazakhstan"}, founded_year=2000)
    membership_create(person=make_person("Айжан Беккулова"), organization=union, role="president")
    html = client.get("/en/organizations/union/").content.decode()
    assert "Aizhan Bekkulova" in html and "President" in html  # the English page reads the Latin form
    (data,) = _jsonld(html)
    assert data["@type"] == "Organization" and data["foundingDate"] == "2000"


def test_every_page_declares_its_language(client, master):
    for language in ["kk", "ru", "en"]:
        html = client.get(f"/{language}/people/{master.pk}/").content.decode()
        assert f'<html lang="{language}">' in html


def test_a_home_workshop_is_never_pinned_to_its_door_without_consent(client, make_person):
    from rest_framework.test import APIClient

    Place.objects.create(
        slug="home", kind="workshop", name={"en": "Home studio"}, person=make_person(),
        latitude="43.256789", longitude="76.928765", address={"en": "Flat 5"},
    )  # fmt: skip
    Place.objects.create(
        slug="museum", kind="museum", name={"en": "Museum"}, latitude="43.230123", longitude="76.950456",
        is_address_public=True,
    )  # fmt: skip
    for body in [
        client.get("/en/map/").content.decode(),
        client.get("/en/places/home/").content.decode(),
        APIClient().get("/api/v1/places/").content.decode(),
    ]:
        assert "43.256789" not in body and "76.928765" not in body and "Flat 5" not in body
    assert "76.950456" in client.get("/en/map/").content.decode()
    home = APIClient().get("/api/v1/places/home/").json()
    assert home["latitude"] == 43.26 and home["is_location_exact"] is False


def test_the_sitemap_lists_public_pages_in_every_language_and_no_drafts(client, make_person, master):
    draft = make_person("Hidden Draft", status="draft")
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-people.xml" in index
    people = client.get("/sitemap-people.xml").content.decode()
    for language in ["kk", "ru", "en"]:
        assert f"/{language}/people/{master.pk}/" in people
    assert f"/people/{draft.pk}/" not in people
    assert 'hreflang="ru"' in people
    assert "Sitemap:" in client.get("/robots.txt").content.decode()


def test_a_cached_person_page_changes_as_soon_as_the_record_does(client, master):
    from craftcity.people.services import person_update

    assert "1970" in client.get(f"/en/people/{master.pk}/").content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get(f"/en/people/{master.pk}/")
    assert not any("people_personname" in q["sql"] for q in ctx.captured_queries)  # served from the cache
    person_update(person=master, birth_year=1971)
    assert "1971" in client.get(f"/en/people/{master.pk}/").content.decode()


def test_the_owner_sees_their_private_data_and_it_never_reaches_the_cached_public_page(client, master, make_user):
    owner = make_user(role="artisan")
    Person.objects.filter(pk=master.pk).update(user=owner)
    client.force_login(owner)
    assert PRIVATE[0] in client.get(f"/en/people/{master.pk}/").content.decode()
    client.logout()
    assert PRIVATE[0] not in client.get(f"/en/people/{master.pk}/").content.decode()
