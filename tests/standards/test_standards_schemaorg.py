"""schema.org markup as a crawler reads it: JSON-LD extracted from each public page by extruct, expanded by pyld
with the schema.org context, and every type, property, domain and range checked against the vocabulary file
(release 30.0, shipped) — the checks the schema.org validator makes."""

import gzip
import json
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from lxml import etree

from craftcity.events.models import Event
from standards.validators import expand, jsonld_blocks, schemaorg_errors

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# The pages whose subject has a schema.org description, by the first part of their path.
DESCRIBED = {"people", "organizations", "dynasties", "places", "crafts", "regions", "works", "collections",
             "exhibitions", "events", "tours"}  # fmt: skip


def _described(html: str, url: str) -> list[dict]:
    """The page's JSON-LD about its subject (the breadcrumb trail beside it is a BreadcrumbList of its own)."""
    return [block for block in jsonld_blocks(html, url) if block.get("@type") != "BreadcrumbList"]


def _english_pages(client) -> list[str]:
    index = etree.fromstring(client.get("/sitemap.xml").content)
    pages = []
    for section in index.iterfind("s:sitemap/s:loc", NS):
        content = client.get(urlsplit(section.text).path).content
        pages += [urlsplit(loc.text).path for loc in etree.fromstring(content).iterfind("s:url/s:loc", NS)]
    return sorted({"/en/" + p.split("/", 2)[2] for p in pages})


def test_every_public_page_of_the_demo_carries_valid_schema_org(client, demo_city):
    seen_kinds = set()
    for path in _english_pages(client):
        response = client.get(path)
        assert response.status_code == 200, path
        blocks = jsonld_blocks(response.content.decode(), f"http://testserver{path}")
        kind = path.split("/")[2]
        if kind in DESCRIBED and path.count("/") > 3 and path != "/en/tours/plan/":
            assert blocks, f"{path} carries no JSON-LD"
            seen_kinds.add(kind)
        for block in blocks:
            assert schemaorg_errors(block) == [], (path, schemaorg_errors(block))
    assert seen_kinds == DESCRIBED


def test_event_pages_have_what_search_engines_need_for_an_event_result(client, demo_city):
    for event in Event.objects.public().select_related("place"):
        (data,) = _described(client.get(f"/en/events/{event.slug}/").content.decode(), "http://testserver/")
        for key in ("name", "startDate", "location", "eventStatus", "eventAttendanceMode"):
            assert data.get(key), (event.slug, key)
        location = data["location"] if isinstance(data["location"], dict) else data["location"][0]
        assert location["address"]["addressLocality"] and location["address"]["addressCountry"] == "KZ"
        if event.schedule == Event.Schedule.CANCELLED:
            assert data["eventStatus"] == "https://schema.org/EventCancelled"
            assert data["isAccessibleForFree"] is True
    festival = Event.objects.public().filter(organizations__role="organiser").first()
    (data,) = _described(client.get(f"/en/events/{festival.slug}/").content.decode(), "http://testserver/")
    assert data["organizer"][0]["name"]


def test_a_persons_events_carry_their_location(client, demo_city):
    from craftcity.events.models import Participant

    taking_part = Participant.objects.filter(event__status="published", person__status="published").first()
    page = client.get(f"/en/people/{taking_part.person_id}/").content.decode()
    (data,) = _described(page, "http://testserver/")
    assert data["performerIn"] and all(event["location"] for event in data["performerIn"])
    assert schemaorg_errors(data) == []


def test_the_open_data_graph_has_its_licence_on_the_dataset(demo_city, tmp_path, settings):
    settings.CRAFTCITY_OPEN_DATA_DIR = tmp_path
    call_command("dump_open_data", out=tmp_path, verbosity=0, stdout=__import__("io").StringIO())
    for name in ("works.jsonld", "people.jsonld", "organizations.jsonld"):
        path = tmp_path / name
        document = json.loads(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_text())
        assert schemaorg_errors(document) == [], (name, schemaorg_errors(document)[:5])
        nodes = expand(document)
        datasets = [n for n in nodes if "http://schema.org/Dataset" in n.get("@type", [])]
        assert len(datasets) == 1 and datasets[0]["http://schema.org/license"], name
