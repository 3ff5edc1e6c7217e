"""The demo city's events: the articles' events with their facts, and a judged demo competition."""

from io import StringIO

import pytest
from django.core.management import call_command

from craftcity.awards.models import Award
from craftcity.events.models import Application, Event, Participant


@pytest.mark.django_db
def test_demo_events_from_the_articles_and_a_published_demo_competition(client):
    call_command("load_demo", synthetic=40, verbosity=0, stdout=StringIO(), stderr=StringIO())
    festival = Event.objects.get(slug="ala-craft-2025")
    assert festival.place.slug == "abai-square-palace-of-the-republic" and not festival.is_demo
    countries = set(festival.participants.values_list("person__country__iso_code", flat=True))
    assert {"KZ", "NZ", "AU", "US"} <= countries
    supporters = set(festival.organizations.values_list("organization__slug", flat=True))
    assert {"world-crafts-council", "kazakh-union-of-artisans", "almaty-tourism-department"} <= supporters
    sheber = Event.objects.get(slug="sheber-finalists-exhibition")
    assert sheber.participants.filter(role=Participant.Role.FINALIST).count() == 3
    assert Event.objects.filter(slug__startswith="almafest-", is_demo=True).exists()
    assert Event.objects.filter(slug="soul-of-tengri-2019", city="Washington, D.C.").exists()

    competition = Event.objects.get(slug="craft-competition-demo").competition
    assert competition.results_published_at is not None
    winners = Application.objects.filter(call__event=competition.event, stage="winner")
    assert winners.count() == 2
    assert Award.objects.filter(person__in=winners.values("person"), is_demo=True).count() == 2
    page = client.get("/en/events/craft-competition-demo/").content.decode()
    assert "Results" in page

    call_command("remove_demo", stdout=StringIO(), stderr=StringIO())
    assert not Event.objects.filter(is_demo=True).exists()
    assert Event.objects.filter(slug="ala-craft-2025").exists()
