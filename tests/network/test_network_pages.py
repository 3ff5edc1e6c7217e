"""What visitors and other tools see of the network: member cities on a map, the search across the network that
ranks local and partner records together in any script, the partner events calendar and its feed, the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar
from network_partners import activity, person_record

from craftcity.network.services import network_harvest, partner_city_add
from craftcity.search.services import index_rebuild

pytestmark = pytest.mark.django_db

SOON = timezone.now().replace(microsecond=0) + dt.timedelta(days=20)


def _event_record(city, number):
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": [
            {"@value": "Фестиваль ремёсел Регистан", "@language": "ru"},
            {"@value": "Registan Craft Fair", "@language": "en"},
        ],
        "url": [{"@value": city.url(f"/en/events/fair-{number}/"), "@language": "en"}],
        "startDate": SOON.isoformat(),
        "endDate": (SOON + dt.timedelta(days=2)).isoformat(),
        "location": {"@type": "Place", "name": [{"@value": "Registan Square", "@language": "en"}]},
        "organizer": {"email": "office@example.org"},
    }


@pytest.fixture
def harvested(partner):
    city = partner()
    city.stream(
        "people",
        [
            activity(city, "Create", 1, 1, record=person_record(city, 1, email="gulnara@example.org")),
            activity(city, "Create", 2, 2, record=person_record(city, 2, name={"ru": "Бахтияр Каримов"})),
        ],
    )
    city.stream("events", [activity(city, "Create", 5, 3, kind="Event", record=_event_record(city, 5))])
    partner_city_add(base_url=city.base)
    network_harvest()
    return city


def test_a_latin_query_finds_a_partner_artisan_written_in_cyrillic_and_names_the_city(client, harvested):
    answer = client.get("/api/v1/network/search/", {"q": "Gulnara Seytkali"}).json()
    first = answer["results"][0]
    assert first["title"] == "Gulnara Seitkali"
    assert first["city"] == "Samarkand (demo)"
    assert first["url"] == harvested.url("/en/people/1/")
    assert first["is_local"] is False and first["type"] == "person"


def test_local_and_partner_results_are_ranked_together_local_first_on_a_tie(client, harvested, make_person):
    make_person("Гүлнара Сейітқали")
    index_rebuild()
    results = client.get("/api/v1/network/search/", {"q": "Гульнара Сейткали"}).json()["results"]
    assert [(r["is_local"], r["city"]) for r in results[:2]] == [(True, "Almaty"), (False, "Samarkand (demo)")]
    assert results[0]["url"].startswith("http://testserver/")


def test_the_network_search_api_says_what_is_missing(client):
    answer = client.get("/api/v1/network/search/")
    assert answer.status_code == 400
    assert "Say what to look for." in str(answer.json())


def test_the_api_document_describes_the_network_search(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/network/search/" in schema["paths"]


@pytest.mark.parametrize(
    ("language", "city"), [("kk", "Самарқанд (демо)"), ("ru", "Самарканд (демо)"), ("en", "Samarkand (demo)")]
)
def test_the_network_page_lists_member_cities_with_titles_and_figures(client, harvested, language, city):
    page = client.get(f"/{language}/network/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f"<strong>{city}</strong>" in page
    # The title is published in English only: kk and ru readers get it marked as a fallback, with its year.
    assert "World Craft City" in page and ", 2021" in page
    assert 'id="map"' in page and '"coordinates": [66.96, 39.65]' in page
    assert f'action="/{language}/network/search/"' in page


def test_the_network_page_costs_the_same_queries_for_many_cities(client, partner, django_assert_max_num_queries):
    for slug in ("city-one", "city-two", "city-three"):
        partner_city_add(base_url=partner(slug).base)
    with django_assert_max_num_queries(6):
        assert client.get("/en/network/").status_code == 200


def test_the_search_page_shows_each_result_with_its_city_and_links_to_the_partner(client, harvested):
    page = client.get("/en/network/search/", {"q": "Bakhtiyar Karimov"}).content.decode()
    assert "Бахтияр Каримов" in page or "Bakhtiyar" in page
    assert "Samarkand (demo)" in page
    assert f'href="{harvested.url("/ru/people/2/")}"' in page or harvested.url("/en/people/2/") in page


def test_partner_events_are_in_the_network_calendar_and_its_feed(client, harvested):
    page = client.get("/en/network/events/").content.decode()
    assert "Registan Craft Fair" in page and "Samarkand (demo)" in page
    feed = client.get("/en/network/events/calendar.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(feed.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Registan Craft Fair (Samarkand (demo))"
    assert str(event["url"]) == harvested.url("/en/events/fair-5/")
    assert event["dtstart"].dt == SOON
    assert "Registan Square" in str(event["location"])


def test_personal_data_of_partners_never_shows_on_network_pages_or_api(client, harvested):
    outputs = [
        client.get("/en/network/").content,
        client.get("/en/network/search/", {"q": "Gulnara"}).content,
        client.get("/api/v1/network/search/", {"q": "Gulnara"}).content,
        client.get("/en/network/events/").content,
        client.get("/en/network/events/calendar.ics").content,
    ]
    for body in outputs:
        assert b"example.org" not in body


def test_partner_records_never_count_in_local_search_or_the_registry(client, harvested):
    assert client.get("/api/v1/search/", {"q": "Gulnara Seitkali"}).json()["count"] == 0


def test_the_dossier_partner_cities_indicator_reads_network_figures_only(harvested, make_person):
    from craftcity.dossier import indicators
    from craftcity.dossier.asof import Snapshot

    make_person()
    snapshot = Snapshot(timezone.localdate())
    partner_cities = indicators.compute(indicators.REGISTRY["partner_cities"], snapshot)
    assert partner_cities.total == 1
    assert {row.key: row.values[0] for row in partner_cities.table("measure").rows}["people"] == 3
    # The local practitioners are counted from the local registry alone: one person, not the partner's three.
    assert indicators.compute(indicators.REGISTRY["practitioners"], snapshot).total == 1


def test_search_and_calendar_pages_read_partner_records_in_few_queries(
    client, harvested, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert client.get("/en/network/search/", {"q": "Gulnara"}).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/en/network/events/").status_code == 200


def test_only_registrars_may_add_a_partner_city(partner, make_user):
    from django.core.exceptions import PermissionDenied

    artisan = make_user(role="artisan")
    with pytest.raises(PermissionDenied, match=r"Only registrars may change the network\."):
        partner_city_add(actor=artisan, base_url=partner().base)
