"""Stored person pages: a change makes stale the pages that show it, and only those."""

import pytest
from django.core.cache import cache

from craftcity.awards.models import Award, AwardProgramme
from craftcity.core.cache import VERSION_KEY
from craftcity.lineage.services import dynasty_create, relation_create
from craftcity.people.services import person_name_add, person_update
from craftcity.taxonomy.models import CreativeField, Discipline

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(make_person):
    master = make_person("Икрамжан Рафиков", birth_year=1952)
    apprentice = make_person("Айжан Беккулова")
    stranger = make_person("Серік Рысбеков")
    relation_create(kind="apprenticeship", senior=master, junior=apprentice)
    return master, apprentice, stranger


def _view(client, person):
    response = client.get(f"/en/people/{person.pk}/")
    assert response.status_code == 200
    return response["X-Cache"], response.content.decode()


def _store(client, *people):
    for person in people:
        _view(client, person)
        assert _view(client, person)[0] == "hit"


def test_a_new_name_refreshes_the_persons_page_and_their_apprentices_but_not_a_strangers(client, city):
    master, apprentice, stranger = city
    _store(client, master, apprentice, stranger)
    person_name_add(person=master, full_name="Ikramzhan Rafikov", language="en", form="press", is_primary=True)
    for person in (master, apprentice):
        state, html = _view(client, person)
        assert state == "miss" and "Ikramzhan Rafikov" in html
    assert _view(client, stranger)[0] == "hit"


def test_withdrawing_consent_takes_the_phone_off_the_stored_page_at_once(client, city):
    master = city[0]
    person_update(person=master, phone="+7 701 555 12 34", is_phone_public=True)
    assert "+7 701 555 12 34" in _view(client, master)[1]
    person_update(person=master, is_phone_public=False)
    assert "+7 701 555 12 34" not in _view(client, master)[1]


def test_an_award_moved_to_someone_else_leaves_the_first_page_and_reaches_the_second(client, city):
    master, _apprentice, stranger = city
    programme = AwardProgramme.objects.create(
        slug="master-of-the-year", kind=AwardProgramme.Kind.values[0], name={"en": "Master of the Year"}
    )
    award = Award.objects.create(programme=programme, person=master, year=2020)
    _store(client, master, stranger)
    assert "Master of the Year" in _view(client, master)[1]
    award.person = stranger
    award.save()
    assert "Master of the Year" not in _view(client, master)[1]
    assert "Master of the Year" in _view(client, stranger)[1]


def test_joining_a_dynasty_through_a_new_relation_shows_on_the_newcomers_stored_page(client, city, make_person):
    master, apprentice, _stranger = city
    dynasty_create(slug="rafikovs", name={"en": "The Rafikov line"}, founder=master)
    grandchild = make_person("Нұрлан Беккулов")
    _store(client, grandchild)
    relation_create(kind="apprenticeship", senior=apprentice, junior=grandchild)
    assert "The Rafikov line" in _view(client, grandchild)[1]


def test_renaming_a_craft_refreshes_every_stored_page(client, city):
    master, _apprentice, stranger = city
    field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
    craft = Discipline.objects.create(slug="jewellery", field=field, name={"en": "Jewellery"})
    master.disciplines.add(craft)
    _store(client, master, stranger)
    craft.name = {"en": "Silversmithing"}
    craft.save()
    state, html = _view(client, master)
    assert state == "miss" and "Silversmithing" in html
    assert _view(client, stranger)[0] == "miss"


def test_a_cache_that_drops_its_versions_never_brings_an_old_page_back(client, city):
    master = city[0]
    assert "1952" in _view(client, master)[1]  # stored under the first versions
    person_update(person=master, birth_year=1953)
    assert "1953" in _view(client, master)[1]
    # A full file cache culls entries at random: here it drops every version and keeps the old page.
    cache.delete_many([VERSION_KEY, f"craftcity:page-version:person:{master.pk}"])
    state, html = _view(client, master)
    assert state == "miss" and "1953" in html and "1952" not in html


def test_the_home_page_is_stored_for_visitors_until_the_registry_changes(client, city, make_person, make_user):
    first = client.get("/en/")
    again = client.get("/en/")
    assert (first["X-Cache"], again["X-Cache"]) == ("miss", "hit") and again.content == first.content
    published_before = first.content.decode()

    make_person("Бауыржан Сәрсенов", status="published")

    fresh = client.get("/en/")
    assert fresh["X-Cache"] == "miss" and fresh.content.decode() != published_before  # the count moved
    client.force_login(make_user())
    assert "X-Cache" not in client.get("/en/")  # a signed-in visitor's page is never stored


def test_a_new_release_is_never_served_the_old_releases_pages(client, city, tmp_path, settings):
    """A deployment that changes a template or a stylesheet makes every stored page stale (the old page links to
    static files the new collectstatic may no longer have); the same release on another machine shares them."""
    from craftcity.core import cache as stored

    master = city[0]
    _store(client, master)
    stored.release.cache_clear()
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text('{"paths": {"public/site.css": "public/site.0a1b2c.css"}}')
    try:
        assert _view(client, master)[0] == "miss"
        assert _view(client, master)[0] == "hit"
    finally:
        stored.release.cache_clear()
