"""The back office as staff use it, in a real browser."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from craftcity.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path("var/screenshots")


def test_a_registrar_edits_a_person_and_sees_who_changed_what(page, login, make_user, make_person):
    make_user("registrar", role="registrar")
    person = make_person("Айгүл Тұралиева")
    login("registrar")
    page.goto(f"/en/admin/people/person/{person.pk}/change/")
    page.fill("#id_birth_year", "1968")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert Person.objects.get(pk=person.pk).birth_year == 1968
    page.goto(f"/en/admin/people/person/{person.pk}/history/")
    history = page.locator("#content").inner_text()
    assert "registrar" in history
    assert "1968" in history
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "backoffice-history.png"), full_page=True)


def test_an_artisan_sees_and_opens_only_their_own_profile(page, login, make_user, make_person):
    artisan = make_user("bota", role="artisan")
    make_person("Бота Жемелхан", user=artisan)
    other = make_person("Дулат Әшімов")
    login("bota")
    page.goto("/en/admin/people/person/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "Bota Zhemelkhan" in rows.first.inner_text()  # the English back office reads the Latin form
    page.goto(f"/en/admin/people/person/{other.pk}/change/")
    assert f"/person/{other.pk}/change/" not in page.url
    assert page.locator("input#id_birth_year").count() == 0


def test_the_back_office_speaks_kazakh_and_russian(page, login, make_user):
    make_user("staff", role="registrar")
    login("staff", language="kk")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert "Адамдар" in page.locator("#content").inner_text()
    page.goto("/ru/admin/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Люди" in page.locator("#content").inner_text()
