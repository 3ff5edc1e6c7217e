import pytest

from craftcity.tours.hours import opening_status  # noqa: F401  (import check)
from tourkit.ortools_solver import available as ortools_available

SOLVERS = ["heuristic", pytest.param("ortools", marks=pytest.mark.skipif(not ortools_available(), reason="no ortools"))]


def test_places_as_geojson_hide_exact_home_coordinates(client, city):
    for url in ("/api/v1/places/?format=geojson", "/api/v1/places.geojson"):
        response = client.get(url)
        assert response["Content-Type"] == "application/geo+json"
        features = {f["properties"]["slug"]: f for f in response.json()["features"]}
        assert features["kasteyev"]["geometry"]["coordinates"] == [76.9213, 43.2336]
        assert features["felt-home"]["geometry"]["coordinates"] == [76.95, 43.24]
        assert features["felt-home"]["properties"]["exact"] is False
        assert features["felt-home"]["properties"]["address"] == ""


def test_place_api_has_the_visit_fields(client, city):
    body = client.get("/api/v1/places/kasteyev/").json()
    assert body["visit_mode"] == "walk_in" and body["open_now"] in ("open", "closed")


def test_tours_api(client, tour):
    body = client.get("/api/v1/tours/centre/").json()
    assert body["title"]["en"] == "Centre walk"
    assert [s["place"] for s in body["stops"]] == ["abai-square", "kasteyev", "felt-home"]
    assert body["distance_metres"] > 2500 and body["duration_minutes"] > 105
    assert body["stops"][2]["is_location_exact"] is False and body["stops"][2]["latitude"] == 43.24


@pytest.mark.parametrize("solver", SOLVERS)
def test_plan_api_orders_open_places_and_explains_the_rest(client, city, solver):
    response = client.post(
        "/api/v1/tours/plan/",
        {"date": "2026-04-07", "start_time": "10:00", "budget_minutes": 150, "latitude": 43.2379,
         "longitude": 76.9455, "places": ["kasteyev", "instruments", "felt-home"], "solver": solver},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["solver"] == solver
    chosen = [s["slug"] for s in body["stops"]]
    assert chosen and set(chosen) <= {"kasteyev", "instruments", "felt-home"}
    assert all(s["begin"] >= "10:00" for s in body["stops"])
    left = {s["slug"]: s["reason"] for s in body["skipped"]}
    assert set(chosen) | set(left) == {"kasteyev", "instruments", "felt-home"}
    assert set(left.values()) <= {"over_budget", "too_far"}
    home = next((s for s in body["stops"] if s["slug"] == "felt-home"), None)
    if home:
        assert home["exact"] is False and home["latitude"] == 43.24


def test_plan_api_all_closed_is_not_an_error(client, city):
    response = client.post(
        "/api/v1/tours/plan/",
        {"date": "2026-03-23", "budget_minutes": 120, "start_place": "abai-square",
         "places": ["kasteyev", "instruments", "felt-home"]},
        content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    body = response.json()
    assert response.status_code == 200
    assert body["stops"] == [] and body["is_public_holiday"] is True
    assert {s["reason"] for s in body["skipped"]} == {"closed"}
    assert "closed on that day" in body["notice"]


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"budget_minutes": 0, "latitude": 43.2, "longitude": 76.9}, "budget_minutes"),
        ({"budget_minutes": 60, "latitude": 91, "longitude": 76.9}, "latitude"),
        ({"budget_minutes": 60, "latitude": 43.2, "longitude": -200}, "longitude"),
        ({"budget_minutes": 60}, "start"),
        ({"budget_minutes": 60, "start_place": "nowhere"}, "start_place"),
    ],
)
def test_plan_api_bad_input_in_the_house_error_shape(client, city, payload, field):
    response = client.post("/api/v1/tours/plan/", {"date": "2026-04-07", **payload}, content_type="application/json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]
