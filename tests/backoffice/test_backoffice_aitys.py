"""Running an aitys from the back office: the draw, closing a round (refused while duels are unscored), and
event series saved through their service."""

import datetime as dt

import pytest
from django.utils import timezone

from craftcity.aitys.models import Aitys, Round
from craftcity.aitys.services import aitys_create
from craftcity.events.models import Application, Call, Competition, Criterion, EventSeries
from craftcity.events.services import event_create


@pytest.fixture
def aitys(db, make_person):
    now = timezone.now()
    event = event_create(slug="aitys-bo", kind="competition", name={"en": "Aitys"}, starts_at=now)
    call = Call.objects.create(event=event, opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(days=1))
    competition = Competition.objects.create(event=event)
    Criterion.objects.create(competition=competition, name={"en": "Improvisation"}, weight=1)
    for n in range(4):
        Application.objects.create(call=call, person=make_person(f"Ақын {n}"), status="confirmed")
    return aitys_create(user=None, competition=competition)


def test_a_registrar_draws_the_bracket_and_is_told_why_a_round_cannot_close(aitys, make_user, client):
    client.force_login(make_user(role="registrar", is_staff=True))
    url = "/en/admin/aitys/aitys/"
    drawn = client.post(url, {"action": "draw", "_selected_action": [aitys.pk]}, follow=True).content.decode()
    assert "the bracket is drawn" in drawn
    assert Round.objects.get(aitys=aitys).duels.count() == 2
    refused = client.post(url, {"action": "close_round", "_selected_action": [aitys.pk]}, follow=True)
    assert "No juror has scored duel(s) 1, 2 of round 1 yet." in refused.content.decode()
    aitys.refresh_from_db()
    assert aitys.status == Aitys.Status.RUNNING


def test_an_organiser_of_another_event_cannot_draw(aitys, make_user, client):
    from craftcity.aitys.services import aitys_draw

    with pytest.raises(Exception):  # noqa: B017 — PermissionDenied, as any service refusal of rights
        aitys_draw(user=make_user(role="organiser", is_staff=True), aitys=aitys)
    assert not Round.objects.filter(aitys=aitys).exists()


def test_series_are_saved_through_their_service(make_user, client):
    client.force_login(make_user(role="registrar", is_staff=True))
    client.post("/en/admin/events/eventseries/add/", {
        "slug": "open-air-2027", "name_en": "Open-air 2027", "field": "music", "is_open_air": "on",
        "year": 2027, "status": "published",
    })  # fmt: skip
    assert EventSeries.objects.filter(slug="open-air-2027", is_open_air=True).exists()
