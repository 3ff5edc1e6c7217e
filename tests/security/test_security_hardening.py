"""Small holes that answered 500 or left the door open: API ids and states, iCalendar texts, sign-in guessing, CSP."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from craftcity.core.models import PublicationStatus
from craftcity.events.models import Call
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


def _sign_in(client, username, password):
    return client.post(
        "/en/admin/login/?next=/en/admin/", {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7"
    )


def test_five_wrong_passwords_pause_signing_in_for_that_account(client, make_user, settings):
    from django.core.management import call_command

    registrar = make_user("registrar-1", role="registrar", is_staff=True, password="right-pass-123")
    other = make_user("other-1", role="registrar", is_staff=True, password="other-pass-123")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, registrar.username, "guess").status_code == 200  # the form again
    assert _sign_in(client, registrar.username, "guess").status_code == 429  # the fifth wrong one pauses
    paused = _sign_in(client, registrar.username, "right-pass-123")
    assert paused.status_code == 429
    assert "Signing in is paused" in paused.content.decode() and "15 minutes" in paused.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not paused.
    assert _sign_in(client, other.username, "other-pass-123").status_code == 302
    # In Russian too.
    client.logout()
    russian = client.post(
        "/ru/admin/login/", {"username": registrar.username, "password": "x"}, REMOTE_ADDR="203.0.113.7"
    )
    assert "Вход временно приостановлен" in russian.content.decode()
    # A registrar lifts the pause (the same as the cool-off ending): the right password works again.
    call_command("axes_reset_username", registrar.username)
    assert _sign_in(client, registrar.username, "right-pass-123").status_code == 302


def test_a_registrar_sees_and_lifts_sign_in_pauses_in_the_back_office(client, make_user):
    from axes.models import AccessAttempt

    for _attempt in range(5):
        _sign_in(client, "someone", "guess")
    assert AccessAttempt.objects.filter(username="someone").exists()
    client.force_login(make_user(role="registrar", is_staff=True))
    listing = client.get("/en/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "someone" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="someone")
    client.post(f"/en/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.filter(username="someone").exists()


@pytest.mark.parametrize("url", ["/en/", "/en/people/", "/en/admin/login/", "/api/v1/people/"])
def test_every_answer_carries_a_content_security_policy(client, db, url):
    policy = client.get(url)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    # A page's inline script runs only with the nonce of its own response (added when the page uses one).
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


def test_inline_blocks_carry_the_nonce_of_their_response(client, make_user):
    client.force_login(make_user(role="analyst", is_staff=True))
    response = client.get("/en/admin/dossier/dossierbuild/dashboard/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in response.content.decode()
