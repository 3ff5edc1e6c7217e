"""Small holes that answered 500 or left the door open: API ids and states, iCalendar texts, sign-in guessing, CSP."""

import datetime as dt
import re

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


def _api_routes():
    """Every API v1 route, with each of its path parameters set to "abc" (a non-numeric id, an unknown slug)."""
    from django.urls import URLResolver

    from craftcity.api import v1

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    routes = set()
    for route in walk(v1.urlpatterns):
        if "format" in route or not route.rstrip("$").endswith("/"):
            continue  # the .json/.geojson suffix variants and the slash-less twins answer the same views
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "abc", route.replace("^", "").replace("$", ""))
        routes.add("/api/v1/" + re.sub(r"<[^>]+>", "abc", route))
    return sorted(routes)


def test_no_api_route_answers_500_to_a_non_numeric_id_or_a_junk_body(client, make_user):
    """A sweep: every route, every method, as an administrator and as an artisan; the answer is a page or the
    house error body, never a crash."""
    routes = _api_routes()
    assert "/api/v1/applications/abc/accept/" in routes and len(routes) > 25
    junk = {"application": "abc", "call": "abc", "scores": {"abc": "NaN"}, "reason": ["x"], "people": ["abc"]}
    crashes = []
    for user in (make_user(role="admin", is_staff=True, is_superuser=True), make_user(role="artisan")):
        client.force_login(user)
        for url in routes:
            for method in ("get", "post", "put", "patch", "delete"):
                response = getattr(client, method)(
                    url, junk if method != "get" else None, content_type="application/json"
                )
                if response.status_code >= 500:
                    crashes.append((method, url))
                elif response.status_code >= 400:
                    _house_error(response, response.status_code)
    assert not crashes


def _judged_entry(make_user, make_person):
    """A competition with one criterion (0–10), a juror (signed in by the caller) and a confirmed entry."""
    from craftcity.events.models import Competition, Criterion, Juror

    event = event_create(
        slug="contest", kind="competition", status=PublicationStatus.PUBLISHED, name={"en": "Contest"},
        starts_at=timezone.now() + dt.timedelta(days=30),
    )  # fmt: skip
    competition = Competition.objects.create(event=event)
    Criterion.objects.create(competition=competition, name={"en": "Craft"}, weight=1, min_score=0, max_score=10)
    application, _applicant = _application(make_user, make_person, event=event)
    juror_user = make_user(role="artisan")
    Juror.objects.create(competition=competition, person=make_person("Қазы Төреші", user=juror_user))
    return application, juror_user


@pytest.mark.parametrize("value", ["NaN", "sNaN", "-NaN"])
def test_a_score_that_is_not_a_number_is_refused_in_words(client, make_user, make_person, value):
    application, juror = _judged_entry(make_user, make_person)
    criterion = application.call.event.competition.criteria.get()
    client.force_login(juror)
    url = f"/api/v1/applications/{application.pk}/scores/"
    response = client.post(url, {"scores": {str(criterion.pk): value}}, content_type="application/json")
    error = _house_error(response, 400)
    assert error["fields"] == {str(criterion.pk): ["Craft is scored from 0 to 10."]}
    ok = client.post(url, {"scores": {str(criterion.pk): "7"}}, content_type="application/json")
    assert ok.status_code == 201


def test_the_tour_planner_refuses_a_person_id_beyond_any_database_id(client, db):
    body = {"date": "2026-10-04", "budget_minutes": 60, "latitude": 43.2, "longitude": 76.9, "people": [2**70]}
    response = client.post("/api/v1/tours/plan/", body, content_type="application/json")
    assert "people.0" in _house_error(response, 400)["fields"]


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
    from axes.models import AccessAttempt

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
    # Once the cool-off has passed (the attempts are moved back in time), the right password works again.
    AccessAttempt.objects.filter(username=registrar.username).update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    client.logout()
    assert _sign_in(client, registrar.username, "right-pass-123").status_code == 302
    assert client.session["_auth_user_id"] == str(registrar.pk)


def test_a_pause_can_also_be_lifted_from_the_command_line(client, make_user):
    from django.core.management import call_command

    user = make_user("keeper-1", role="registrar", is_staff=True, password="right-pass-123")
    for _attempt in range(5):
        _sign_in(client, user.username, "guess")
    assert _sign_in(client, user.username, "right-pass-123").status_code == 429
    call_command("axes_reset_username", user.username)
    assert _sign_in(client, user.username, "right-pass-123").status_code == 302


def test_the_test_clients_login_works_when_given_a_request_as_axes_asks(client, make_user):
    """django-axes refuses to judge a sign-in without the request (it needs the address); Django's test client
    passes none, so tests that sign in with a password hand it a blank HttpRequest (force_login needs nothing)."""
    from axes.exceptions import AxesBackendRequestParameterRequired
    from django.http import HttpRequest

    user = make_user("tester-1", password="right-pass-123")
    with pytest.raises(AxesBackendRequestParameterRequired):
        client.login(username=user.username, password="right-pass-123")
    assert client.login(username=user.username, password="right-pass-123", request=HttpRequest())
    assert client.get("/en/").wsgi_request.user == user


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


def test_production_settings_pass_the_deploy_check(tmp_path):
    """The HTTPS headers `check --deploy` asks for are set in production; only HSTS preloading, the domain owner's
    choice, is left as a reminder."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "DJANGO_SETTINGS_MODULE": "craftcity.settings.prod",
        "CRAFTCITY_SECRET_KEY": "x" * 20 + "-not-a-real-secret-but-long-and-varied-0123456789abcdefghij",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests in this process, never in production
    code = "import sys; from django.core.management import execute_from_command_line as run; run(sys.argv)"
    result = subprocess.run(
        [sys.executable, "-c", code, "check", "--deploy"], env=env, capture_output=True, text=True, timeout=60
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0 and not re.findall(r"security\.W\d+", output), output
    assert "no issues (1 silenced)" in output  # HSTS preload (W021): the domain owner's choice, documented
