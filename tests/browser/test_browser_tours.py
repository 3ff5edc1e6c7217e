"""A visitor plans a walk in the browser and sees it on the map, opens a curated tour and downloads its GPX."""

import datetime as dt

import gpxpy
import pytest
from playwright.sync_api import expect

from craftcity.places.models import Place
from craftcity.tours.services import tour_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _next_tuesday() -> dt.date:
    today = dt.date.today()
    day = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
    while day.month == 3 and day.day in range(20, 27):  # keep clear of Nauryz
        day += dt.timedelta(days=7)
    return day


@pytest.fixture
def places(db):
    rows = [
        ("abai-square", "square", "43.2379", "76.9455", "24/7"),
        ("kasteyev", "museum", "43.2336", "76.9213", "Tu-Su 10:00-18:00"),
        ("instruments", "museum", "43.2587", "76.9553", "Tu-Su 10:00-18:00"),
        ("felt-studio", "studio", "43.2410", "76.9400", "Mo-Sa 10:00-18:00"),
    ]
    made = {}
    for slug, kind, lat, lon, hours in rows:
        made[slug] = Place.objects.create(
            slug=slug, kind=kind, name={"en": slug.replace("-", " ").title()}, latitude=lat, longitude=lon,
            opening_hours=hours, is_address_public=True,
        )  # fmt: skip
    return made


def test_a_visitor_plans_a_walk_and_sees_the_stops_on_the_map(page, places):
    page.goto("/en/tours/plan/")
    page.fill("#id_date", _next_tuesday().isoformat())
    page.fill("#id_start_time", "10:00")
    page.fill("#id_hours", "5")
    page.select_option("#id_start_place", "abai-square")
    page.click("button[type=submit]")
    expect(page.locator("#plan-stops li")).to_have_count(3)
    expect(page.locator("#map .stop-marker")).to_have_count(3)
    assert page.locator("#map").get_attribute("data-markers") == "3"
    expect(page.locator("#plan-stops")).to_contain_text("Kasteyev")


def test_a_visitor_opens_a_curated_tour_and_downloads_gpx(page, places):
    tour_create(
        slug="centre", title={"en": "Centre walk"}, summary={"en": "Squares and museums."},
        stops=[{"place": places["abai-square"]}, {"place": places["kasteyev"]}, {"place": places["instruments"]}],
    )  # fmt: skip
    page.goto("/en/tours/")
    page.click("text=Centre walk")
    expect(page.locator("h1")).to_have_text("Centre walk")
    expect(page.locator("#map .stop-marker")).to_have_count(3)
    with page.expect_download() as download_info:
        page.click("a:text-is('GPX')")
    gpx = gpxpy.parse(download_info.value.path().read_text(encoding="utf-8"))
    assert [w.name for w in gpx.waypoints] == ["Abai Square", "Kasteyev", "Instruments"]
