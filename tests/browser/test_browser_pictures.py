"""Pictures in a real browser: the deep-zoom viewer over our IIIF image service, and the map's clusters and what
it says when its tiles cannot be loaded."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from playwright.sync_api import expect

from craftcity.core.models import PublicationStatus
from craftcity.demo.illustrations import felt_carpet
from craftcity.places.models import Place
from craftcity.places.services import place_save
from craftcity.works import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_viewer_opens_loads_from_the_image_service_zooms_by_keyboard_and_closes(page, make_person):
    work = services.work_create(title={"en": "Syrmak"}, makers=[make_person("Айгүл Тұралиева")])
    services.work_image_add(work=work, upload=SimpleUploadedFile("s.jpg", felt_carpet(2)), alt={"en": "Felt carpet"},
                            is_illustration=True)  # fmt: skip
    services.work_publish(work=work)
    asked = []
    page.on("request", lambda request: "/iiif/images/" in request.url and asked.append(request.url))
    page.goto(f"/en/works/{work.pk}/")
    plain = page.locator("figure.work-image picture img")
    expect(plain).to_be_visible()  # the plain image first (and for visitors without JavaScript)
    assert plain.get_attribute("alt") == "Illustration, not a photograph: Felt carpet"
    assert not any(
        "openseadragon" in url for url in [s.get_attribute("src") or "" for s in page.locator("script").all()]
    )
    page.get_by_role("button", name="Zoom into the image").click()
    viewer = page.locator(".zoom-viewer")
    expect(viewer).to_have_attribute("data-state", "open")
    expect(viewer).to_have_attribute("data-tiles", "1", timeout=15_000)
    assert any(url.endswith("/info.json") for url in asked)
    assert any("/full/" in url for url in asked)
    expect(plain).to_be_hidden()
    page.locator(".openseadragon-canvas").focus()
    expect(viewer).to_have_attribute("data-zoom", re.compile(r"^\d"))
    page.wait_for_timeout(1500)  # the opening animation settles at the whole image
    whole = float(viewer.get_attribute("data-zoom"))
    page.keyboard.press("+")
    for _attempt in range(30):
        page.wait_for_timeout(100)
        if float(viewer.get_attribute("data-zoom")) > whole * 1.05:
            break
    assert float(viewer.get_attribute("data-zoom")) > whole * 1.05
    page.keyboard.press("Escape")
    expect(viewer).to_have_count(0)
    expect(plain).to_be_visible()
    expect(page.get_by_role("button", name="Zoom into the image")).to_be_focused()


def _venues(count: int) -> None:
    for n in range(count):
        place_save(place=Place(slug=f"venue-{n}", kind=Place.Kind.VENUE, name={"en": f"Venue {n}"},
                               status=PublicationStatus.PUBLISHED, latitude=Decimal("43.2380") + Decimal(n) / 10000,
                               longitude=Decimal("76.9450") + Decimal(n) / 10000))  # fmt: skip


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (220, 230, 210)).save(buffer, "PNG")
    return buffer.getvalue()


@override_settings(CRAFTCITY_MAP_TILES="/tiles/{z}/{x}/{y}.png")
def test_close_places_cluster_and_open_with_a_click_on_served_tiles(page):
    _venues(12)
    page.route("**/tiles/**", lambda route: route.fulfill(status=200, content_type="image/png", body=_png()))
    page.goto("/en/map/")
    element = page.locator("#map")
    expect(element).to_have_attribute("data-markers", "12")
    expect(element).to_have_attribute("data-tiles", "loaded")
    cluster = page.locator(".marker-cluster")
    expect(cluster.first).to_be_visible()
    # The clusters hold all twelve places (read once markercluster has finished forming them).
    page.wait_for_function(
        "() => [...document.querySelectorAll('.marker-cluster')].reduce((n, e) => n + Number(e.innerText), 0) === 12"
    )
    expect(page.locator("#map-notice")).to_be_hidden()
    cluster.first.click()
    expect(page.locator(".leaflet-marker-icon:not(.marker-cluster)").first).to_be_visible()


@override_settings(CRAFTCITY_MAP_TILES="/tiles/{z}/{x}/{y}.png")
def test_without_tiles_the_map_says_so_and_the_places_are_still_listed(page):
    _venues(3)
    page.route("**/tiles/**", lambda route: route.fulfill(status=503, body=b""))
    page.goto("/ru/map/")
    notice = page.locator("#map-notice")
    expect(notice).to_be_visible()
    assert notice.get_attribute("role") == "status"
    expect(page.locator("#map")).to_have_attribute("data-tiles", "failed")
    expect(page.locator("#list-heading + ul li")).to_have_count(3)
    page.get_by_role("link", name="Venue 1").click()
    page.wait_for_url("**/ru/places/venue-1/")


def test_the_map_takes_the_lists_filters(page):
    _venues(2)
    museum = Place(slug="museum", kind=Place.Kind.MUSEUM, name={"en": "Museum"}, status=PublicationStatus.PUBLISHED,
                   latitude=Decimal("43.25"), longitude=Decimal("76.95"))  # fmt: skip
    place_save(place=museum)
    page.goto("/en/map/")
    page.get_by_label("Kind").select_option("museum")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/en/map/?*kind=museum*")
    expect(page.locator("#map")).to_have_attribute("data-markers", "1")
    expect(page.locator("#list-heading + ul li")).to_have_text(["Museum Museum"])


def test_with_no_tile_server_configured_the_places_are_marked_and_the_page_says_so(page):
    _venues(3)  # the test settings, like a fresh install, name no tile server
    page.goto("/kk/map/")
    expect(page.locator("#map")).to_have_attribute("data-markers", "3")
    expect(page.locator("#map")).to_have_attribute("data-tiles", "none")
    expect(page.locator("#map-notice")).to_be_visible()
    assert page.locator(".leaflet-tile").count() == 0  # nothing was asked of any tile server
