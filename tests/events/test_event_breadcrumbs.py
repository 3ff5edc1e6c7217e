import pytest

pytestmark = pytest.mark.django_db


def test_an_event_page_leads_back_to_the_events(client, make_event, breadcrumbs):
    event = make_event("felt-fair", name={"en": "Felt fair"}, status="published")
    steps, items = breadcrumbs(client.get(f"/en/events/{event.slug}/").content.decode())
    assert steps == [("Home", "/en/"), ("Events", "/en/events/"), ("Felt fair", "")]
    assert items[1] == ("Events", "http://testserver/en/events/")
