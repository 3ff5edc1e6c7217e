import json
import re

import gpxpy
import pytest

from craftcity.tours.selectors import tour_route


@pytest.fixture
def published_tour(tour):
    return tour


def test_tour_route_computes_distance_and_duration_without_exact_home_address(tour):
    route = tour_route(tour)
    assert [s.stop.place.slug for s in route.stops] == ["abai-square", "kasteyev", "felt-home"]
    assert 2500 < route.walk_metres < 6000  # square → museum ~2.6 km × 1.3, back east ~2.5 km × 1.3
    assert route.duration_minutes == pytest.approx(route.walk_minutes + 105)
    home = route.stops[2]
    assert home.point == (43.24, 76.95, False)  # rounded to the district, not the door
    assert "felt-home St" not in home.address


def test_tours_list_and_page(client, tour):
    assert "Centre walk" in client.get("/en/tours/").content.decode()
    html = client.get("/en/tours/centre/").content.decode()
    assert "Start here." in html and "approximate location" in html
    assert "1 felt-home St" not in html and "43.241234" not in html
    assert client.get("/ru/tours/centre/").status_code == 200
    assert client.get("/en/tours/nowhere/").status_code == 404


def test_gpx_geojson_and_pdf_downloads_keep_home_workshops_approximate(client, tour):
    gpx = gpxpy.parse(client.get("/en/tours/centre/tour.gpx").content.decode())
    assert [w.name for w in gpx.waypoints] == ["Abai Square", "Kasteyev", "Felt Home (~)"]
    assert (gpx.waypoints[2].latitude, gpx.waypoints[2].longitude) == (43.24, 76.95)
    assert len(gpx.routes[0].points) == 3
    geo = json.loads(client.get("/en/tours/centre/tour.geojson").content)
    assert [f["geometry"]["type"] for f in geo["features"]] == ["Point", "Point", "Point", "LineString"]
    assert geo["features"][2]["properties"]["exact"] is False
    pdf = client.get("/en/tours/centre/tour.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    printable = client.get("/en/tours/centre/print/").content.decode()
    assert "Centre walk" in printable and "1 felt-home St" not in printable


def test_planner_page_without_javascript(client, city):
    url = "/en/tours/plan/?date=2026-04-07&start_time=10:00&hours=4&start_place=abai-square"
    html = client.get(url).content.decode()
    assert 'id="plan-stops"' in html
    assert "Kasteyev" in html and "Instruments" in html
    # the walk in hours and minutes and in kilometres, never "14728 m"
    assert re.search(r"\d stops, (\d\xa0h )?\d+\xa0min of walking \(\d+\.\d\xa0km\)\.", html)
    gpx = gpxpy.parse(client.get(url + "&download=gpx").content.decode())
    assert len(gpx.waypoints) >= 2
    assert gpx.name == "Walking plan for 7 April 2026"


@pytest.mark.parametrize(
    "query, message",
    [
        ("hours=0", "more than zero"),
        ("hours=4&latitude=95&longitude=10&start_place=", "Latitude must be between -90 and 90"),
        ("hours=4&start_place=", "Give a start point"),
    ],
)
def test_planner_page_bad_input_gives_messages(client, city, query, message):
    html = client.get(f"/en/tours/plan/?date=2026-04-07&start_time=10:00&{query}").content.decode()
    assert message in html
    assert 'id="plan-stops"' not in html


def test_planner_page_all_closed_on_a_monday_holiday(client, city):
    url = "/en/tours/plan/?date=2026-03-23&start_time=10:00&hours=4&start_place=abai-square"
    html = client.get(url).content.decode()
    # museums are closed on Mondays, the workshop is closed on Nauryz
    assert "Every place you chose is closed on that day" in html
    assert "public holiday" in html
