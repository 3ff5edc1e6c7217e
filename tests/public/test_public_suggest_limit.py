"""The search box's suggestions are limited per address (a script cannot hammer the search index), generously
enough for a crowd behind one NAT; past the limit the answer is 429 with Retry-After, and only for that address."""

import pytest

pytestmark = pytest.mark.django_db


def _suggest(client, address):
    return client.get("/en/search/suggest/", {"q": "айжан"}, REMOTE_ADDR=address)


def test_past_the_limit_an_address_waits_and_another_does_not(client, settings):
    settings.CRAFTCITY_SUGGEST_RATE = "3/min"
    for _typed in range(3):
        assert _suggest(client, "198.51.100.1").status_code == 200
    refused = _suggest(client, "198.51.100.1")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    body = refused.json()
    assert body["results"] == [] and "Try again in" in body["detail"]  # the search box simply shows nothing
    assert _suggest(client, "198.51.100.2").status_code == 200


def test_the_limit_can_be_turned_off_for_a_load_test(client, settings):
    settings.CRAFTCITY_SUGGEST_RATE = "off"
    assert all(_suggest(client, "198.51.100.3").status_code == 200 for _typed in range(20))
