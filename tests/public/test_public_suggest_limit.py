"""The search box's suggestions are limited per address (a script cannot hammer the search index), generously
enough for a crowd behind one NAT; past the limit the answer is 429 with Retry-After, and only for that address.
Only questions the index must answer count: a stored answer (what the crowd types) costs one cache lookup."""

import pytest

pytestmark = pytest.mark.django_db


def _suggest(client, address, text="айжан"):
    return client.get("/en/search/suggest/", {"q": text}, REMOTE_ADDR=address)


def test_past_the_limit_an_address_waits_and_another_does_not(client, settings):
    settings.CRAFTCITY_SUGGEST_RATE = "3/min"
    for typed in ("айж", "айжа", "айжан"):
        assert _suggest(client, "198.51.100.1", typed).status_code == 200
    refused = _suggest(client, "198.51.100.1", "айжан б")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    body = refused.json()
    assert body["results"] == [] and "Try again in" in body["detail"]  # the search box simply shows nothing
    assert _suggest(client, "198.51.100.2", "айжан б").status_code == 200


def test_past_the_limit_an_answer_already_stored_is_still_given(client, settings):
    settings.CRAFTCITY_SUGGEST_RATE = "2/min"
    assert _suggest(client, "198.51.100.4", "бек").status_code == 200
    assert _suggest(client, "198.51.100.4", "бекк").status_code == 200
    assert _suggest(client, "198.51.100.4", "беккул").status_code == 429
    again = _suggest(client, "198.51.100.4", "бек")  # typed before: the store answers, the index is not asked
    assert again.status_code == 200 and "detail" not in again.json()


def test_the_limit_can_be_turned_off_for_a_load_test(client, settings):
    settings.CRAFTCITY_SUGGEST_RATE = "off"
    assert all(_suggest(client, "198.51.100.3", f"айжан {n}").status_code == 200 for n in range(20))
