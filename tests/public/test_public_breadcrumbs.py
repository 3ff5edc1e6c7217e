"""A person's or an organization's page shows where it sits: home, its section, itself (and says so in JSON-LD)."""

import pytest

from craftcity.public.templatetags.breadcrumbs import trail

pytestmark = pytest.mark.django_db


def test_a_person_page_in_kazakh_leads_back_to_the_list_of_people(client, make_person, breadcrumbs):
    person = make_person("Айжан Беккулова")
    steps, items = breadcrumbs(client.get(f"/kk/people/{person.pk}/").content.decode())
    assert steps == [
        ("Басты бет", "/kk/"),
        ("Қолөнершілер мен музыканттар", "/kk/people/"),
        ("Айжан Беккулова", ""),
    ]
    assert items == [
        ("Басты бет", "http://testserver/kk/"),
        ("Қолөнершілер мен музыканттар", "http://testserver/kk/people/"),
        ("Айжан Беккулова", f"http://testserver/kk/people/{person.pk}/"),
    ]


def test_an_organization_page_leads_back_to_the_organizations(client, make_organization, breadcrumbs):
    make_organization("felt-union", name={"en": "Felt makers' union"})
    steps, items = breadcrumbs(client.get("/en/organizations/felt-union/").content.decode())
    assert steps == [("Home", "/en/"), ("Organizations", "/en/organizations/"), ("Felt makers' union", "")]
    assert items[-1] == ("Felt makers' union", "http://testserver/en/organizations/felt-union/")


def test_a_recording_sits_under_music_and_recordings(settings):
    settings.LANGUAGE_CODE = "en"
    names = [step["name"] for step in trail("recordings", "Adai")]
    assert names == ["Home", "Music", "Recordings", "Adai"]


def test_initials_take_the_first_letters_of_the_first_two_words():
    from craftcity.public.templatetags.pictures import initials

    assert initials("Айжан Беккулова") == "АБ"
    assert initials("ғалия төксейітова-жұбанова") == "ҒТ"
    assert initials("Madonna") == "M"
    assert initials("") == ""
