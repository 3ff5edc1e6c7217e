import pytest

pytestmark = pytest.mark.django_db


def test_a_tour_page_leads_back_to_the_tours(client, tour, breadcrumbs):
    steps, items = breadcrumbs(client.get(f"/en/tours/{tour.slug}/").content.decode())
    assert steps == [("Home", "/en/"), ("Craft tours", "/en/tours/"), ("Centre walk", "")]
    assert items[-1] == ("Centre walk", f"http://testserver/en/tours/{tour.slug}/")
