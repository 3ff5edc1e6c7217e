"""sitemap.xml as the sitemaps.org XSDs read it (index and every section, hreflang alternates declared), listing
every kind of public page, each of which answers."""

from urllib.parse import urlsplit

import pytest
from lxml import etree

from craftcity.events.models import Event
from craftcity.tours.models import Tour
from craftcity.works.models import Collection
from standards.validators import siteindex_schema, sitemap_schema, xsd_errors

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _sections(client) -> dict[str, bytes]:
    index = client.get("/sitemap.xml")
    assert xsd_errors(siteindex_schema(), index.content) == []
    found = {}
    for loc in etree.fromstring(index.content).iterfind("s:sitemap/s:loc", NS):
        path = urlsplit(loc.text).path
        response = client.get(path)
        assert response.status_code == 200, path
        assert xsd_errors(sitemap_schema(), response.content) == [], path
        found[path] = response.content
    return found


def test_the_sitemap_validates_and_lists_every_kind_of_public_page(client, demo_city):
    sections = _sections(client)
    locations = {
        urlsplit(loc.text).path
        for content in sections.values()
        for loc in etree.fromstring(content).iterfind("s:url/s:loc", NS)
    }
    for event in Event.objects.public():
        assert f"/kk/events/{event.slug}/" in locations, event.slug
    for tour in Tour.objects.public():
        assert f"/kk/tours/{tour.slug}/" in locations
    for collection in Collection.objects.public():
        assert f"/kk/collections/{collection.slug}/" in locations
    assert any(path.startswith("/kk/regions/") for path in locations)
    for kind in ("people", "organizations", "dynasties", "places", "crafts", "works", "exhibitions"):
        assert any(path.startswith(f"/kk/{kind}/") and path != f"/kk/{kind}/" for path in locations), kind
    # Each page lists its other languages (hreflang) — and each listed page answers.
    alternates = etree.fromstring(sections["/sitemap-events.xml"]).findall("s:url/x:link", NS)
    assert {link.get("hreflang") for link in alternates} >= {"kk", "ru", "en", "x-default"}
    for path in sorted(locations):
        if "/en/" in path or path.count("/") <= 3:
            assert client.get(path).status_code == 200, path
