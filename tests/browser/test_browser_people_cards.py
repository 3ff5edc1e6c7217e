"""On a phone a list of people without photos is short enough to scan (a monogram, not a photo-sized ornament);
on a desktop it stays a grid. A person's page shows where it sits and leads back to the list."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = ["Айжан Беккулова", "Серік Рысбеков", "Дулат Әшімов", "Ғалия Төксейітова", "Ахмет Жұбанов"]


def _twenty_people(make_person):
    return [make_person(f"{NAMES[n % 5]} {n}") for n in range(20)]


def test_twenty_people_without_photos_fit_a_few_phone_screens(page, make_person):
    _twenty_people(make_person)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kk/people/")
    cards = page.locator(".cards > .card")
    expect(cards).to_have_count(20)
    expect(cards.first.locator(".monogram")).to_have_text("АБ")
    assert cards.first.locator("img").count() == 0  # no placeholder picture the size of a photo
    heights = [box["height"] for box in (cards.nth(n).bounding_box() for n in range(20))]
    assert max(heights) < 180, heights
    assert page.locator(".cards").bounding_box()["height"] < 3200  # was ~10,000 px with placeholders
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_on_a_desktop_the_cards_stay_a_grid(page, make_person):
    _twenty_people(make_person)
    page.goto("/en/people/")
    tops = {round(page.locator(".cards > .card").nth(n).bounding_box()["y"]) for n in range(3)}
    assert len(tops) == 1  # the first three side by side


def test_a_visitor_goes_back_from_a_person_to_the_list_through_the_trail(page, make_person):
    person = make_person("Айжан Беккулова")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/en/people/{person.pk}/")
    trail = page.get_by_role("navigation", name="You are here")
    expect(trail.locator("[aria-current=page]")).to_have_text("Aizhan Bekkulova")  # the name as written in English
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    trail.get_by_role("link", name="Artisans and musicians").click()
    page.wait_for_url("**/en/people/")
    expect(page.locator("h1")).to_have_text("Artisans and musicians")
