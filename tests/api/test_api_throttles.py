"""API rate limits: writes are limited per account, with a 429 that says when to come back; reads go on."""

import pytest
from rest_framework.test import APIClient

from craftcity.api.throttles import ReadRateThrottle, WriteRateThrottle

pytestmark = pytest.mark.django_db


def test_writes_beyond_the_rate_are_refused_with_a_time_to_wait(make_user, make_person, monkeypatch):
    monkeypatch.setattr(WriteRateThrottle, "THROTTLE_RATES", {"writes": "3/min"})
    person = make_person("Айжан Беккулова", occupation="artisan", status="published")
    client = APIClient()
    client.force_authenticate(make_user(role="registrar"))
    for year in (1980, 1981, 1982):
        assert client.patch(f"/api/v1/people/{person.pk}/", {"birth_year": year}, format="json").status_code == 200
    refused = client.patch(f"/api/v1/people/{person.pk}/", {"birth_year": 1999}, format="json",
                           HTTP_ACCEPT_LANGUAGE="ru")  # fmt: skip
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["error"]["code"] == "throttled"
    person.refresh_from_db()
    assert person.birth_year == 1982  # the refused write changed nothing
    assert client.get(f"/api/v1/people/{person.pk}/").status_code == 200  # reading goes on


def test_anonymous_reads_are_limited_per_address(make_person, monkeypatch):
    monkeypatch.setattr(ReadRateThrottle, "THROTTLE_RATES", {"reads": "2/min"})
    client = APIClient()
    assert [client.get("/api/v1/people/").status_code for _ in range(3)] == [200, 200, 429]
    other = APIClient(REMOTE_ADDR="10.0.0.9")
    assert other.get("/api/v1/people/").status_code == 200
