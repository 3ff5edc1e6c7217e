"""Organisers' screens: events, calls, applications and competitions open and show what organisers need."""

import pytest

from craftcity.events import services
from craftcity.events.models import Score
from craftcity.lineage.models import Relation
from craftcity.lineage.services import relation_create
from craftcity.organizations.models import Organization


@pytest.fixture
def organiser(organiser_of, make_organization, client):
    """A signed-in organiser of the "union" organization."""
    user = organiser_of(make_organization("union"), is_staff=True)
    client.force_login(user)
    return user


def test_organiser_screens_open_and_show_ranking_and_conflicts(
    organiser, client, make_competition, make_juror, artisan
):
    competition = make_competition(organised_by=[Organization.objects.get(slug="union")])
    juror_person, juror_user = artisan("Қазы Ов")
    make_juror(competition, juror_person, is_chair=True)
    entries = []
    for name in ("Бірінші Ов", "Екінші Ов"):
        person, user = artisan(name)
        entries.append((services.application_submit(user=user, call=competition.event.call), person))
    relation_create(kind=Relation.Kind.FAMILY, senior=juror_person, junior=entries[1][1])
    first, second = competition.criteria.all()
    services.scores_submit(user=juror_user, application=entries[0][0], values={first.pk: 8, second.pk: 6})
    assert Score.objects.count() == 2

    for url in (
        "/en/admin/events/event/",
        f"/en/admin/events/event/{competition.event.pk}/change/",
        "/en/admin/events/call/",
        "/en/admin/events/application/?status__exact=confirmed",
        f"/en/admin/events/competition/{competition.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/en/admin/events/competition/{competition.pk}/change/").content.decode()
    assert "relative" in page  # the juror's conflict, shown beside the juror
    assert "z̄" in page and "Бірінші" in page  # the normalized ranking
