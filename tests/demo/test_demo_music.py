"""The City of Music demo: a decided aitys of eight synthetic akyns, the five planned programmes as a series,
an open-air season with cancellations and attendance; all of it gone after `remove_demo`."""

import re

import pytest
from django.core.management import call_command

from craftcity.aitys.models import Aitys, Duel
from craftcity.awards.models import Award
from craftcity.events.models import Event, EventSeries
from craftcity.places.models import Place


@pytest.mark.django_db
def test_the_music_demo_is_played_through_and_removed_whole(demo, client):
    aitys = Aitys.objects.get(competition__event__slug="aitys-of-young-akyns-demo")
    assert aitys.status == Aitys.Status.PUBLISHED and aitys.is_demo
    assert aitys.rounds.count() == 3 and Duel.objects.filter(round__aitys=aitys).count() == 4 + 2 + 1
    champion = aitys.champion.person
    assert champion.is_demo and ("Demo akyn" in champion.display_name or "Демо ақын" in champion.display_name)
    assert Award.objects.filter(person=champion, is_demo=True).exists()
    page = client.get("/en/events/aitys-of-young-akyns-demo/aitys/").content.decode()
    assert "Final" in page and "advances" in page and "Winner:" in page
    # It begins at 15:00 in Almaty whenever the demo is loaded (it once began at the minute the loader ran, which
    # read as a time-zone error: "05:10–10:10").
    assert "15:00–20:00" in re.sub(r"<[^>]+>", "", page)

    planned = EventSeries.objects.get(slug="city-of-music-planned-programmes")
    assert planned.events.count() == 5
    season = EventSeries.objects.get(is_open_air=True, is_demo=True)
    events = season.events.all()
    assert events.filter(schedule=Event.Schedule.CANCELLED).count() >= 3
    held = events.filter(schedule=Event.Schedule.HELD)
    assert held.exists() and all(e.attendees <= e.place.capacity for e in held.select_related("place"))
    assert "Open-air season" in client.get(f"/en/seasons/{season.slug}/").content.decode()

    call_command("remove_demo", verbosity=0)
    assert not Aitys.objects.exists() and not EventSeries.objects.exists()
    assert not Place.objects.filter(is_demo=True).exists()
    assert not Event.objects.filter(is_demo=True).exists()
