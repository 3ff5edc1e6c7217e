"""The network description a partner city reads first (/.well-known/craftcity)."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_description_names_the_city_its_titles_and_every_address(make_person):
    make_person("Айжан Беккулова")
    make_person("Жасырын Адам", status="draft")
    response = Client().get("/.well-known/craftcity")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["type"] == "CraftCity" and data["slug"] == "almaty" and data["country"] == "KZ"
    assert data["name"] == {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}
    assert {(d["title"]["en"], d["year"]) for d in data["designations"]} == {
        ("World Craft City", 2025),
        ("UNESCO Creative City of Music", 2017),
    }
    assert data["figures"]["people"] == 1  # the draft is not counted
    assert set(data["streams"]) == {"people", "organizations", "works", "events", "places"}
    client = Client()
    for url in [
        *data["streams"].values(),
        data["reconciliation"],
        data["iiif_collection"],
        data["oai_pmh"] + "?verb=Identify",
        data["sitemap"],
    ]:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_another_city_describes_itself_from_its_file(tmp_path, monkeypatch):
    from django.conf import settings

    title = {"en": "UNESCO Creative City of Crafts and Folk Art"}
    city = {"slug": "chiang-mai", "name": {"en": "Chiang Mai"}, "country": "TH", "languages": ["en", "ru"],
            "designations": [{"title": title, "body": "UNESCO", "year": 2017}], "lat": 18.79, "lon": 98.98}  # fmt: skip
    path = tmp_path / "city.json"
    path.write_text(json.dumps(city), encoding="utf-8")
    monkeypatch.setenv("CRAFTCITY_CITY_FILE", str(path))
    import importlib

    from craftcity.settings import base

    reloaded = importlib.reload(base)
    monkeypatch.setattr(settings, "CRAFTCITY_CITY", reloaded.CRAFTCITY_CITY)
    data = Client().get("/.well-known/craftcity").json()
    assert data["slug"] == "chiang-mai" and data["location"] == {"lat": 18.79, "lon": 98.98}
    assert data["designations"][0]["year"] == 2017
    monkeypatch.delenv("CRAFTCITY_CITY_FILE")
    importlib.reload(base)
