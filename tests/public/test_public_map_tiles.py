"""Maps need no third party's tile server: none by default, the page says so and still lists every place."""

from decimal import Decimal

import pytest
from django.test import override_settings

from craftcity.core.models import PublicationStatus
from craftcity.places.models import Place
from craftcity.places.services import place_save
from craftcity.settings.base import OSM_ATTRIBUTION, map_tiles

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
NONE_CONFIGURED = "No base map is configured on this site."


def test_no_tile_server_is_used_unless_one_is_configured():
    assert map_tiles({}) == ("", "")


def test_openstreetmap_tiles_carry_their_credit_and_a_given_credit_wins():
    assert map_tiles({"CRAFTCITY_MAP_TILES": OSM}) == (OSM, OSM_ATTRIBUTION)
    own = {"CRAFTCITY_MAP_TILES": "/tiles/{z}/{x}/{y}.png", "CRAFTCITY_MAP_TILES_ATTRIBUTION": "© Akimat"}
    assert map_tiles(own) == ("/tiles/{z}/{x}/{y}.png", "© Akimat")
    assert map_tiles({"CRAFTCITY_TILE_URL": OSM})[0] == OSM  # the older name still works


@pytest.fixture
def venue(db):
    return place_save(place=Place(slug="venue", kind=Place.Kind.VENUE, name={"en": "Venue"},
                                  status=PublicationStatus.PUBLISHED, latitude=Decimal("43.238"),
                                  longitude=Decimal("76.945")))  # fmt: skip


@override_settings(CRAFTCITY_MAP_TILES="")
def test_without_tiles_the_map_page_says_so_before_any_script_and_lists_the_places(client, venue):
    page = client.get("/en/map/").content.decode()
    assert 'data-tile-url=""' in page
    assert 'role="status" data-failed=' in page and f">{NONE_CONFIGURED}" in page  # shown, not hidden
    assert '<a href="/en/places/venue/">Venue</a>' in page


@override_settings(CRAFTCITY_MAP_TILES=OSM, CRAFTCITY_MAP_TILES_ATTRIBUTION=OSM_ATTRIBUTION)
def test_configured_tiles_are_credited_and_the_notice_waits_for_a_failure(client, venue):
    page = client.get("/en/map/").content.decode()
    assert f'data-tile-url="{OSM}"' in page
    assert "OpenStreetMap</a> contributors" in page.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    assert 'role="status" hidden' in page
