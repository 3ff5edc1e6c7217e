"""The network pages in a real browser, at phone and desktop widths in kk, ru and en: the member cities on the
map, the search across the network from its form, the partner events. Screenshots go to var/screenshots."""

from pathlib import Path

import pytest
from network.network_partners import FakePartner, activity, person_record

from craftcity.network.services import network_harvest, partner_city_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path("var/screenshots")


@pytest.fixture
def harvested():
    city = FakePartner()
    city.stream(
        "people",
        [
            activity(city, "Create", 1, 1),
            activity(city, "Create", 2, 2, record=person_record(city, 2, name={"ru": "Бахтияр Каримов"})),
        ],
    )
    partner_city_add(base_url=city.base)
    network_harvest()
    yield city
    city.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    ("language", "city_name"), [("kk", "Самарқанд (демо)"), ("ru", "Самарканд (демо)"), ("en", "Samarkand (demo)")]
)
def test_the_network_page_fits_the_screen_and_maps_the_cities(page, harvested, width, language, city_name):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/{language}/network/")
    page.wait_for_selector("#map[data-markers='1']")
    assert page.locator(".cards .card strong", has_text=city_name).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    search_box = page.locator("#network-q").bounding_box()
    assert search_box["width"] >= 120  # room to type a name on a phone
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"browser-network-{language}-{width}.png"), full_page=True)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_latin_query_in_the_form_finds_the_partners_cyrillic_artisan(page, harvested, language):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/{language}/network/")
    page.fill("#network-q", "Bakhtiyar Karimov")
    page.locator("#network-q").press("Enter")
    page.wait_for_url(f"**/{language}/network/search/?q=Bakhtiyar+Karimov")
    result = page.locator(".network-results li").first
    assert "Бахтияр Каримов" in result.inner_text()
    assert result.locator(".badge").inner_text().startswith("Самар" if language != "en" else "Samarkand")
    assert result.locator("a").get_attribute("href").startswith(harvested.base)
    page.screenshot(path=str(SCREENSHOTS / f"browser-network-search-{language}-390.png"), full_page=True)
