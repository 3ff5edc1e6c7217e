"""Small holes that answered 500 or left the door open: API ids and states, iCalendar texts, sign-in guessing, CSP."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from craftcity.core.models import PublicationStatus
from craftcity.events.models import Call, EventOrganization
from craftcity.events.services import application_submit, event_create


def _event(slug="fair", **fields):
    fields.setdefault("starts_at", timezone.now() + dt.timedelta(days=30))
    fields.setdefault("name", {"en": "Fair", "ru": "Ярмарка"})
    return event_create(slug=slug, kind="fair", status=PublicationStatus.PUBLISHED, **fields)


def _application(make_user, make_person, event=None):
    event = event or _event()
    call = Call(
        event=event, opens_at=timezone.now() - dt.timedelta(days=1), closes_at=timezone.now() + dt.timedelta(days=9)
    )
    call.full_clean()
    call.save()
    user = make_user(role="artisan")
    make_person("Айжан Беккулова", user=user, email="a@example.org")
    return application_submit(user=user, call=call), user


def _house_error(response, status):
    assert response.status_code == status, response.content[:300]
    error = response.json()["error"]
    assert error["status"] == status and error["message"]
    return error


@pytest.mark.parametrize("action", ["accept", "cancel", "check-in", "scores"])
def test_a_non_numeric_application_id_is_not_found_not_a_crash(client, make_user, action):
    client.force_login(make_user(role="artisan"))
    body = {"scores": {"1": 5}} if action == "scores" else {}
    response = client.post(f"/api/v1/applications/abc/{action}/", body, content_type="application/json")
    _house_error(response, 404)


def test_scores_on_an_event_that_is_not_a_competition_are_refused_in_words(client, make_user, make_person):
    application, user = _application(make_user, make_person)
    client.force_login(user)
    response = client.post(
        f"/api/v1/applications/{application.pk}/scores/", {"scores": {"1": 5}}, content_type="application/json"
    )
    error = _house_error(response, 400)
    assert "not a competition" in str(error["fields"])


@pytest.mark.parametrize(
    "title",
    ["Fair\nof masters", "Fair\r\nsecond line", "Crafts; felt, wool \\ silk", "Ярмарка " + "шеберлер " * 30],
)
def test_event_calendars_carry_any_title_and_parse_with_a_second_reader(client, db, title):
    event = _event(name={"en": title, "ru": title})
    for url in (f"/en/events/{event.slug}/event.ics", "/en/events/calendar.ics"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content
        assert all(len(line) <= 75 for line in body.split(b"\r\n")), "lines are folded at 75 octets"
        parsed = Calendar.from_ical(body)
        summaries = [str(item["summary"]) for item in parsed.walk("VEVENT")]
        assert summaries == [title.replace("\r\n", "\n")]  # RFC 5545 text knows one line break
