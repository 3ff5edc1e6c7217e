import pytest

pytestmark = pytest.mark.django_db


def test_a_tour_page_leads_back_to_the_tours(client, tour, breadcrumbs):
    steps, items = breadcrumbs(client.get(f"/en/tours/{tour.slug}/").content.decode())
    assert steps == [("Home", "/en/"), ("Craft tours", "/en/tours/"), ("Centre walk", "")]
    assert items[-1] == ("Centre walk", f"http://testserver/en/tours/{tour.slug}/")


def test_a_tour_without_a_tile_server_says_its_map_shows_only_markers(client, tour, settings):
    settings.CRAFTCITY_TILE_URL = ""
    page = client.get(f"/en/tours/{tour.slug}/").content.decode()
    assert "No base map is configured on this site: the map shows only its markers." in page
    assert page.count('class="stop"') == 3  # the stops are listed all the same
