"""No one runs what is not theirs: an organiser manages the events of the organizations they belong to, and only
those — in the services, the back office and the API. Registrars and administrators manage every event."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from craftcity.events import services
from craftcity.events.models import Application, Event, EventOrganization
from craftcity.events.rules import can_manage_event
from craftcity.organizations.services import membership_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(make_organization, make_event, make_call, make_competition, artisan, organiser_of, make_user):
    """Two organizations with an event each (a call with one applicant, and a competition), an organiser of the
    felt guild, and a registrar."""
    felt = make_organization("felt-guild", name={"en": "Felt guild"})
    silver = make_organization("silver-union", name={"en": "Silver union"})
    ours, theirs = (
        make_event("felt-fair", name={"en": "Felt fair"}, organised_by=[felt]),
        make_event("silver-fair", name={"en": "Silver fair"}, organised_by=[silver]),
    )
    applicants = {}
    for event, name in ((ours, "Киіз Шебері"), (theirs, "Күміс Шебері")):
        make_call(event, capacity=5)
        _person, user = artisan(name)
        applicants[event.slug] = services.application_submit(user=user, call=event.call)
    competitions = {
        "felt": make_competition(name={"en": "Felt contest"}, organised_by=[felt]),
        "silver": make_competition(name={"en": "Silver contest"}, organised_by=[silver]),
    }
    return {
        "felt": felt,
        "silver": silver,
        "ours": ours,
        "theirs": theirs,
        "applicants": applicants,
        "competitions": competitions,
        "organiser": organiser_of(felt, is_staff=True),
        "registrar": make_user(role="registrar"),
    }


def _refused(call, message):
    with pytest.raises(PermissionDenied, match=message):
        call()


# --- services -------------------------------------------------------------------------------------------


def test_an_organiser_checks_in_at_their_own_event_and_is_refused_at_another(city):
    organiser, ours, theirs = city["organiser"], city["applicants"]["felt-fair"], city["applicants"]["silver-fair"]
    services.application_check_in(user=organiser, application=ours)
    _refused(
        lambda: services.application_check_in(user=organiser, application=theirs),
        "Only the organisers of this event check people in",
    )
    _refused(lambda: services.application_cancel(user=organiser, application=theirs), "not yours")
    assert Application.objects.get(pk=ours.pk).checked_in_at is not None
    theirs = Application.objects.get(pk=theirs.pk)
    assert theirs.checked_in_at is None and theirs.status == Application.Status.CONFIRMED


def test_an_organiser_runs_only_their_own_competition(city):
    organiser, competitions = city["organiser"], city["competitions"]
    silver = competitions["silver"]
    _refused(
        lambda: services.entries_advance(user=organiser, competition=silver, application_ids=[], stage="shortlisted"),
        "Only the organisers of this event decide the stages",
    )
    _refused(
        lambda: services.results_publish(user=organiser, competition=silver),
        "Only the organisers of this event publish its results",
    )
    # Their own competition gets past the rule to the competition's own checks: no winners chosen yet.
    with pytest.raises(ValidationError, match="Choose the winners first"):
        services.results_publish(user=organiser, competition=competitions["felt"])
    silver.refresh_from_db()
    assert silver.results_published_at is None


def test_what_makes_an_event_theirs(city, make_event, make_organization, organiser_of, artisan):
    organiser, felt, silver = city["organiser"], city["felt"], city["silver"]
    day = make_event("felt-fair-day-one", parent=city["ours"])  # a sub-event is run with its parent
    supported = make_event(
        "silver-gala",
        organizations=[(silver, EventOrganization.Role.ORGANISER), (felt, EventOrganization.Role.SUPPORTER)],
    )
    assert can_manage_event(organiser, day) and not can_manage_event(organiser, supported)
    # A membership that has ended no longer counts; an artisan who belongs to the guild runs nothing.
    former = organiser_of(name="Бұрынғы Мүше")
    membership_create(person=former.person, organization=felt, start_year=2001, end_year=2010)
    person, member = artisan("Жай Мүше")
    membership_create(person=person, organization=felt)
    assert not can_manage_event(former, city["ours"]) and not can_manage_event(member, city["ours"])
    assert {str(event) for event in Event.objects.managed_by(organiser)} == {
        "Felt fair",
        "felt-fair-day-one",
        "Felt contest",
    }


def test_a_registrar_still_manages_every_event(city):
    registrar = city["registrar"]
    services.application_check_in(user=registrar, application=city["applicants"]["silver-fair"])
    assert Application.objects.get(pk=city["applicants"]["silver-fair"].pk).checked_in_at is not None
    assert Event.objects.managed_by(registrar).count() == Event.objects.count()


# --- creating events ----------------------------------------------------------------------------------------


def test_an_organiser_of_one_organization_gets_it_named_as_organiser(city):
    event = services.event_create(
        user=city["organiser"], slug="felt-talk", kind=Event.Kind.CONFERENCE, name={"en": "Felt talk"},
        starts_at=city["ours"].starts_at,
    )  # fmt: skip
    assert [(link.organization.slug, link.role) for link in event.organizations.all()] == [("felt-guild", "organiser")]
    assert can_manage_event(city["organiser"], event)


def test_an_organiser_of_several_organizations_names_one_of_them(city, make_organization, organiser_of):
    third = make_organization("wool-school", name={"en": "Wool school"})
    organiser = organiser_of(city["felt"], third, name="Екі Ұйымды")
    fields = {"kind": Event.Kind.WORKSHOP, "name": {"en": "Wool day"}, "starts_at": city["ours"].starts_at}
    with pytest.raises(ValidationError, match="Name one of your organizations as the organiser: Felt guild, Wool"):
        services.event_create(user=organiser, slug="wool-day", **fields)
    with pytest.raises(ValidationError, match="Name one of your organizations"):  # a supporter's seat is not enough
        services.event_create(
            user=organiser, slug="wool-day", organizations=[(third, EventOrganization.Role.SUPPORTER)], **fields
        )
    event = services.event_create(
        user=organiser, slug="wool-day", organizations=[(third, EventOrganization.Role.ORGANISER)], **fields
    )
    assert list(event.organizations.values_list("organization__slug", flat=True)) == ["wool-school"]


def test_an_organiser_who_belongs_to_no_organization_can_create_nothing(city, organiser_of):
    loner = organiser_of(name="Жалғыз Ов")
    fields = {"kind": Event.Kind.FAIR, "name": {"en": "Lone fair"}, "starts_at": city["ours"].starts_at}
    _refused(lambda: services.event_create(user=loner, slug="lone-fair", **fields), "You belong to no organization")
    _refused(
        lambda: services.event_create(
            user=loner, slug="lone-fair", organizations=[(city["silver"], EventOrganization.Role.ORGANISER)], **fields
        ),
        "You belong to no organization",
    )
    _refused(  # nor slip a sub-event into someone else's event
        lambda: services.event_create(user=city["organiser"], slug="lone-fair", parent=city["theirs"], **fields),
        "sub-events only to events your organization runs",
    )
    assert not Event.objects.filter(slug="lone-fair").exists()
    with translation.override("kk"), pytest.raises(PermissionDenied, match="Сіз ешбір ұйымның мүшесі емессіз"):
        services.event_create(user=loner, slug="lone-fair", **fields)


# --- back office --------------------------------------------------------------------------------------------


def test_the_back_office_lists_only_the_organisers_events(city, client):
    client.force_login(city["organiser"])
    events = client.get("/en/admin/events/event/").content.decode()
    assert "Felt fair" in events and "Felt contest" in events
    assert "Silver fair" not in events and "Silver contest" not in events
    calls = client.get("/en/admin/events/call/").content.decode()
    assert "Felt fair" in calls and "Silver fair" not in calls
    competitions = client.get("/en/admin/events/competition/").content.decode()
    assert "Felt contest" in competitions and "Silver contest" not in competitions
    applications = client.get("/en/admin/events/application/").content.decode()
    assert "Kiiz Sheberi" in applications and "Kumis Sheberi" not in applications  # English page: Latin forms
    assert "Silver fair" not in applications  # not even in the filter by event


def test_another_events_pages_are_closed_to_the_organiser(city, client):
    theirs, application = city["theirs"], city["applicants"]["silver-fair"]
    client.force_login(city["organiser"])
    for url in (
        f"/en/admin/events/event/{theirs.pk}/change/",
        f"/en/admin/events/event/{theirs.pk}/delete/",
        f"/en/admin/events/event/{theirs.pk}/history/",
        f"/en/admin/events/call/{theirs.call.pk}/change/",
        f"/en/admin/events/application/{application.pk}/change/",
        f"/en/admin/events/competition/{city['competitions']['silver'].pk}/change/",
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(f"/en/admin/events/event/{theirs.pk}/change/", {"slug": "taken-over", "kind": "fair"})
    assert response.status_code == 403
    # Forged ids in a list action touch nothing outside the organiser's events.
    client.post("/en/admin/events/application/", {"action": "check_in", "_selected_action": [application.pk]})
    client.post("/en/admin/events/application/", {"action": "cancel", "_selected_action": [application.pk]})
    application.refresh_from_db()
    assert application.checked_in_at is None and application.status == Application.Status.CONFIRMED
    assert Event.objects.filter(slug="silver-fair").exists()
    # Their own event opens, and the check-in action works there.
    assert client.get(f"/en/admin/events/event/{city['ours'].pk}/change/").status_code == 200
    ours = city["applicants"]["felt-fair"]
    client.post("/en/admin/events/application/", {"action": "check_in", "_selected_action": [ours.pk]})
    assert Application.objects.get(pk=ours.pk).checked_in_at is not None


def test_a_call_cannot_be_pointed_at_another_organizations_event(city, make_event, client):
    bare = make_event("silver-workshop", organised_by=[city["silver"]])
    client.force_login(city["organiser"])
    response = client.post(
        "/en/admin/events/call/add/",
        {"event": bare.pk, "opens_at_0": "2026-09-01", "opens_at_1": "10:00", "closes_at_0": "2026-09-20",
         "closes_at_1": "10:00", "offer_hours": 48, "questions": "[]"},
    )  # fmt: skip
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not hasattr(Event.objects.get(pk=bare.pk), "call")


def _event_form(slug, *, organization=None, role="organiser"):
    return {
        "status": "draft", "kind": "fair", "schedule": "scheduled", "attendance": "offline",
        "name_en": slug.replace("-", " ").title(), "slug": slug,
        "starts_at_0": "2026-10-10", "starts_at_1": "10:00",
        "organizations-TOTAL_FORMS": 1, "organizations-INITIAL_FORMS": 0,
        "organizations-0-organization": organization.pk if organization else "", "organizations-0-role": role,
        "participants-TOTAL_FORMS": 0, "participants-INITIAL_FORMS": 0,
        "sub_events-TOTAL_FORMS": 0, "sub_events-INITIAL_FORMS": 0,
    }  # fmt: skip


def test_an_organiser_adds_an_event_in_the_back_office_for_their_organization(city, client):
    client.force_login(city["organiser"])
    response = client.post("/en/admin/events/event/add/", _event_form("felt-market"), follow=True)
    assert "Felt guild, your organization, was named the organiser." in response.content.decode()
    event = Event.objects.get(slug="felt-market")
    assert list(event.organizations.values_list("organization__slug", "role")) == [("felt-guild", "organiser")]
    assert client.get(f"/en/admin/events/event/{event.pk}/change/").status_code == 200


def test_an_organiser_cannot_save_an_event_that_leaves_their_organizations_out(city, client, organiser_of):
    client.force_login(organiser_of(name="Жалғыз Ов", is_staff=True))
    page = client.post("/en/admin/events/event/add/", _event_form("lone-market")).content.decode()
    assert "You belong to no organization, so you cannot organise events." in page
    assert not Event.objects.filter(slug="lone-market").exists()
    # Editing their own event, the guild may not drop itself from the organisers.
    client.force_login(city["organiser"])
    ours = city["ours"]
    link = ours.organizations.get()
    form = _event_form("felt-fair") | {
        "organizations-TOTAL_FORMS": 2, "organizations-INITIAL_FORMS": 1,
        "organizations-0-id": link.pk, "organizations-0-event": ours.pk,
        "organizations-0-organization": city["felt"].pk, "organizations-0-role": "organiser",
        "organizations-0-DELETE": "on",
        "organizations-1-organization": city["silver"].pk, "organizations-1-role": "organiser",
    }  # fmt: skip
    page = client.post(f"/en/admin/events/event/{ours.pk}/change/", form).content.decode()
    assert "Name one of your organizations as the organiser: Felt guild." in page
    assert list(ours.organizations.values_list("organization__slug", flat=True)) == ["felt-guild"]


def test_a_registrar_opens_every_events_pages(city, client):
    client.force_login(city["registrar"])
    events = client.get("/en/admin/events/event/").content.decode()
    assert "Felt fair" in events and "Silver fair" in events
    assert client.get(f"/en/admin/events/event/{city['theirs'].pk}/change/").status_code == 200
    application = city["applicants"]["silver-fair"]
    assert client.get(f"/en/admin/events/application/{application.pk}/change/").status_code == 200
    response = client.post("/en/admin/events/event/add/", _event_form("city-market"))
    assert response.status_code == 302 and not Event.objects.get(slug="city-market").organizations.exists()


def test_an_organiser_picks_participants_and_supporters_from_the_registry(city, client, make_person):
    make_person("Таныс Шебер")
    client.force_login(city["organiser"])
    people = client.get(
        "/en/admin/autocomplete/",
        {"app_label": "events", "model_name": "participant", "field_name": "person", "term": "Таныс"},
    ).json()["results"]
    assert [row["text"] for row in people] == ["Tanys Sheber"]  # the English back office reads the Latin form
    organizations = client.get(
        "/en/admin/autocomplete/",
        {"app_label": "events", "model_name": "eventorganization", "field_name": "organization", "term": "union"},
    ).json()["results"]
    assert [row["text"] for row in organizations] == ["Silver union"]


# --- API ----------------------------------------------------------------------------------------------------


def test_the_api_lists_and_acts_only_on_the_organisers_events(city, client):
    ours, theirs = city["applicants"]["felt-fair"], city["applicants"]["silver-fair"]
    client.force_login(city["organiser"])
    listed = client.get("/api/v1/applications/").json()["results"]
    assert [row["event"] for row in listed] == ["felt-fair"]
    assert client.get(f"/api/v1/applications/{theirs.pk}/").status_code == 404
    refused = client.post(f"/api/v1/applications/{theirs.pk}/check-in/")
    assert refused.status_code == 403
    assert refused.json() == {
        "error": {
            "status": 403,
            "code": "permission_denied",
            "message": "Only the organisers of this event check people in.",
            "fields": {},
        }
    }
    assert client.post(f"/api/v1/applications/{theirs.pk}/cancel/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.checked_in_at is None and theirs.status == Application.Status.CONFIRMED
    done = client.post(f"/api/v1/applications/{ours.pk}/check-in/")
    assert done.status_code == 200 and done.json()["checked_in_at"] is not None
    russian = client.post(f"/api/v1/applications/{theirs.pk}/check-in/", HTTP_ACCEPT_LANGUAGE="ru")
    assert (
        russian.json()["error"]["message"]
        == "Регистрировать участников на месте могут только организаторы этого мероприятия."
    )


def test_unpublished_rankings_are_shown_only_to_the_competitions_own_organisers(city, client, artisan, make_juror):
    for key in ("felt", "silver"):
        competition = city["competitions"][key]
        Event.objects.filter(pk=competition.event_id).update(status="published")
        juror_person, juror_user = artisan(f"Қазы {key}")
        make_juror(competition, juror_person)
        _person, user = artisan(f"Шебер {key}")
        entry = services.application_submit(user=user, call=competition.event.call)
        values = {str(criterion.pk): 7 for criterion in competition.criteria.all()}
        services.scores_submit(user=juror_user, application=entry, values=values)
    client.force_login(city["organiser"])
    felt, silver = (city["competitions"][key].event.slug for key in ("felt", "silver"))
    own = client.get(f"/api/v1/events/{felt}/results/").json()
    assert own["published"] is False and [row["name"] for row in own["entries"]] == ["Шебер felt"]
    assert client.get(f"/api/v1/events/{silver}/results/").json() == {"published": False, "entries": []}


def test_the_api_shows_a_registrar_every_application(city, client):
    client.force_login(city["registrar"])
    listed = client.get("/api/v1/applications/").json()["results"]
    assert {row["event"] for row in listed} == {"felt-fair", "silver-fair"}
    theirs = city["applicants"]["silver-fair"]
    assert client.post(f"/api/v1/applications/{theirs.pk}/check-in/").status_code == 200


def test_the_sub_event_venue_box_does_not_list_peoples_home_workshops(city, client, make_person):
    from craftcity.places.models import Place

    owner = make_person("Жеке Шебер")
    Place.objects.create(slug="home-workshop", kind="workshop", name={"en": "Zheke home workshop"}, person=owner)
    client.force_login(city["organiser"])
    page = client.get(f"/en/admin/events/event/{city['ours'].pk}/change/").content.decode()
    assert "sub-event" in page.lower()
    assert "Zheke home workshop" not in page
