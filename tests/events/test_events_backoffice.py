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
    assert "z̄" in page and "Birinshi" in page  # the normalized ranking (the English page: the Latin form)


def test_raising_a_calls_capacity_offers_the_new_seats_to_the_waiting_list_at_once(
    organiser, client, make_event, make_call, artisan
):
    from admin_forms import form_values
    from django.core import mail

    from craftcity.events.models import Application

    event = make_event(organised_by=[Organization.objects.get(slug="union")])
    call = make_call(event, capacity=1, offer_hours=24)
    (_a, first), (_b, second), (_c, third) = artisan("Бір Ов"), artisan("Екі Ов"), artisan("Үш Ов")
    applied = [services.application_submit(user=user, call=call) for user in (first, second, third)]
    mail.outbox.clear()
    url = f"/en/admin/events/call/{call.pk}/change/"
    data = form_values(client.get(url), "call_form")
    data["capacity"] = ["2"]
    assert client.post(url, data).status_code == 302
    statuses = [Application.objects.get(pk=a.pk).status for a in applied]
    assert statuses == [Application.Status.CONFIRMED, Application.Status.OFFERED, Application.Status.WAITING]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [applied[1].person.email]


def test_an_application_cannot_be_moved_to_another_person_or_call_in_the_back_office(
    organiser, client, make_event, make_call, artisan
):
    from admin_forms import form_values

    from craftcity.events.models import Application

    union = Organization.objects.get(slug="union")
    call, other_call = make_call(make_event(organised_by=[union])), make_call(make_event(organised_by=[union]))
    (applicant, user), (stranger, _user) = artisan("Бір Ов"), artisan("Бөгде Ов")
    application = services.application_submit(user=user, call=call)
    url = f"/en/admin/events/application/{application.pk}/change/"
    data = form_values(client.get(url), "application_form")
    data.update(person=[str(stranger.pk)], call=[str(other_call.pk)])
    client.post(url, data)
    application = Application.objects.get(pk=application.pk)
    assert (application.person_id, application.call_id) == (applicant.pk, call.pk)
