"""Stored event pages: visitors get the stored page until anything it shows changes; signed-in people never do;
an enrolment makes stale only its own event's page."""

import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.utils import timezone

from craftcity.core.cache import SUMMARY, VERSION_KEY, page_version
from craftcity.events import services
from craftcity.events.models import Call, Category, Competition, Event, Participant
from craftcity.events.services import event_create
from craftcity.people.services import person_name_add

pytestmark = pytest.mark.django_db

_seq = itertools.count(1)
SOON = timezone.now() + dt.timedelta(days=20)


@pytest.fixture(autouse=True)
def _mail_at_once(monkeypatch):
    """Mail is queued on commit, which a test's transaction never reaches: send it at once instead."""
    from craftcity.core.tasks import send_mail_job

    monkeypatch.setattr(
        services,
        "mail_send_after_commit",
        lambda subject, body, recipients: send_mail_job.enqueue(
            subject=str(subject), body=str(body), recipients=list(recipients)
        ),
    )


def _event(slug=None, *, kind=Event.Kind.FESTIVAL, capacity=None, **fields) -> Event:
    slug = slug or f"fair-{next(_seq)}"
    event = event_create(slug=slug, kind=kind, name={"en": f"{slug} title", "ru": slug}, starts_at=SOON, **fields)
    call = Call(
        event=event,
        capacity=capacity,
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=10),
    )
    call.full_clean()
    call.save()
    return Event.objects.get(pk=event.pk)


@pytest.fixture
def artisan(make_user, make_person):
    def make(name, **fields):
        user = make_user(role="artisan")
        email = f"{user.username}@example.org"
        person = make_person(name, user=user, email=email, phone="+7 701 555 00 11", **fields)
        return person, user

    return make


def _view(client, event):
    response = client.get(f"/en/events/{event.slug}/")
    assert response.status_code == 200
    return response.get("X-Cache"), response.content.decode()


def _store(client, *events):
    for event in events:
        _view(client, event)
        assert _view(client, event)[0] == "hit"


def test_a_visitor_gets_the_stored_page_on_the_second_view_at_no_query(client, django_assert_num_queries):
    fair = _event(capacity=30)
    first = _view(client, fair)
    assert first[0] == "miss" and f"{fair.slug} title" in first[1]
    with django_assert_num_queries(0):
        state, html = _view(client, fair)
    assert (state, html) == ("hit", first[1])
    # Another language is another page; a query string always gets a fresh render.
    assert client.get(f"/ru/events/{fair.slug}/")["X-Cache"] == "miss"
    assert "X-Cache" not in client.get(f"/en/events/{fair.slug}/", {"utm_source": "poster"})


def test_editing_the_event_through_its_service_shows_at_once(client):
    fair = _event()
    _store(client, fair)
    services.event_schedule_change(user=None, event=fair, schedule=Event.Schedule.CANCELLED)
    state, html = _view(client, fair)
    assert state == "miss" and "This event will not take place." in html


def test_a_new_capacity_shows_at_once(client):
    fair = _event(capacity=30)
    _store(client, fair)
    assert "30 places." in _view(client, fair)[1]
    call = fair.call
    call.capacity = 45
    call.full_clean()
    call.save()  # as the back office saves a call
    services.call_seats_offer(call=call)
    state, html = _view(client, fair)
    assert state == "miss" and "45 places." in html and "30 places." not in html


def test_published_results_show_at_once_and_a_winners_new_name_too(client, artisan):
    contest = _event(kind=Event.Kind.COMPETITION)
    competition = Competition.objects.create(event=contest)
    category = Category.objects.create(competition=competition, slug="felt", name={"en": "Felt"})
    (winner, winner_user), (finalist, finalist_user) = artisan("Айжан Беккулова"), artisan("Серік Рысбеков")
    entries = [
        services.application_submit(user=user, call=contest.call, category=category)
        for user in (winner_user, finalist_user)
    ]
    for stage, chosen in (("shortlisted", entries), ("finalist", entries), ("winner", entries[:1])):
        services.entries_advance(
            user=None, competition=competition, application_ids=[e.pk for e in chosen], stage=stage, system=True
        )
    _store(client, contest)
    assert "Results" not in _view(client, contest)[1]
    services.results_publish(user=None, competition=competition, system=True)
    state, html = _view(client, contest)
    assert state == "miss" and "Results" in html and "Winner" in html and "Felt" in html
    assert winner.display_name in html and finalist.display_name in html
    _store(client, contest)
    # The winner's name shows on the page: a new one reaches it at once.
    person_name_add(person=winner, full_name="Aizhan Bekkulova", language="en", form="press", is_primary=True)
    state, html = _view(client, contest)
    assert state == "miss" and "Aizhan Bekkulova" in html


def test_a_withdrawal_refreshes_the_page_and_moves_the_line(client, artisan):
    fair = _event(capacity=1)
    (_first, first_user), (second, second_user), (_third, third_user) = (
        artisan("Бір Бірінші"),
        artisan("Екі Екінші"),
        artisan("Үш Үшінші"),
    )
    seat, _waiting, last = (
        services.application_submit(user=u, call=fair.call) for u in (first_user, second_user, third_user)
    )
    _store(client, fair)
    before = page_version("event", fair.slug)
    services.application_cancel(user=first_user, application=seat)
    assert page_version("event", fair.slug) != before
    assert _view(client, fair)[0] == "miss"  # rendered from the new state, not served from the old
    # The applicant behind moves up the line at once: their own page is never stored.
    client.force_login(third_user)
    response = client.get(f"/en/events/{fair.slug}/")
    assert "X-Cache" not in response and "number 1 in line" in response.content.decode()
    assert second.display_name not in response.content.decode()
    assert last.pk


def test_a_signed_in_applicant_never_gets_a_stored_page_nor_someone_elses(client, artisan):
    fair = _event(capacity=1)
    (_ana, ana_user), (_bek, bek_user) = artisan("Ана Анова"), artisan("Бек Беков")
    services.application_submit(user=ana_user, call=fair.call)
    services.application_submit(user=bek_user, call=fair.call)
    _store(client, fair)
    visitor_page = _view(client, fair)[1]
    client.force_login(ana_user)
    for _again in range(2):
        response = client.get(f"/en/events/{fair.slug}/")
        html = response.content.decode()
        assert "X-Cache" not in response and "Confirmed" in html and "csrfmiddlewaretoken" in html
    client.force_login(bek_user)
    html = client.get(f"/en/events/{fair.slug}/").content.decode()
    assert "number 1 in line" in html and "Confirmed" not in html
    # The stored page carries no one's application, form token, e-mail address or phone number.
    for private in ("Your application", "csrfmiddlewaretoken", "@example.org", "555 00 11", "Withdraw"):
        assert private not in visitor_page


def test_an_enrolment_stales_only_its_own_events_page(client, artisan, make_person):
    busy, quiet = _event(capacity=100), _event(capacity=100)
    performer = make_person("Нұрлан Беккулов")
    Participant.objects.create(event=quiet, person=performer, role=Participant.Role.PERFORMER)
    _store(client, busy, quiet)
    client.get(f"/en/people/{performer.pk}/")
    (_person, user) = artisan("Дина Динова")
    others = {
        "registry": cache.get(VERSION_KEY),
        "summary": page_version(*SUMMARY),
        "quiet": page_version("event", quiet.slug),
        "person": page_version("person", performer.pk),
    }
    busy_before = page_version("event", busy.slug)
    application = services.application_submit(user=user, call=busy.call)
    services.application_cancel(user=user, application=application)
    assert page_version("event", busy.slug) != busy_before
    assert {
        "registry": cache.get(VERSION_KEY),
        "summary": page_version(*SUMMARY),
        "quiet": page_version("event", quiet.slug),
        "person": page_version("person", performer.pk),
    } == others
    assert _view(client, quiet)[0] == "hit"
    assert client.get(f"/en/people/{performer.pk}/")["X-Cache"] == "hit"


def test_a_new_event_shows_in_the_feed_at_once_and_a_stored_feed_costs_no_query(client, django_assert_num_queries):
    _event("first-fair")
    assert client.get("/en/events/calendar.ics")["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get("/en/events/calendar.ics")["X-Cache"] == "hit"
    _event("second-fair")
    response = client.get("/en/events/calendar.ics")
    assert response["X-Cache"] == "miss" and b"second-fair title" in response.content


def test_a_new_participant_shows_at_once_on_the_event_page_and_on_their_own(client, make_person):
    """One change, pages of two kinds: the event's page and the person's (two scopes for one model)."""
    fair = _event()
    performer = make_person("Нұрлан Беккулов")
    _store(client, fair)
    client.get(f"/en/people/{performer.pk}/")
    assert client.get(f"/en/people/{performer.pk}/")["X-Cache"] == "hit"
    Participant.objects.create(event=fair, person=performer, role=Participant.Role.PERFORMER)
    state, html = _view(client, fair)
    assert state == "miss" and performer.display_name in html
    profile = client.get(f"/en/people/{performer.pk}/")
    assert profile["X-Cache"] == "miss" and f"{fair.slug} title" in profile.content.decode()
