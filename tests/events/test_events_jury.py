"""Jury: conflicts of interest from lineage and memberships, scoring inside the rubric, stages and awards."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from craftcity.awards.models import Award
from craftcity.events import services
from craftcity.events.conflicts import person_conflicts
from craftcity.events.models import Application, Participant, Score
from craftcity.events.selectors import competition_results
from craftcity.lineage.models import Relation
from craftcity.lineage.services import relation_create
from craftcity.organizations.models import Membership, Organization
from craftcity.organizations.services import membership_create

FAMILY, APPRENTICESHIP = Relation.Kind.FAMILY, Relation.Kind.APPRENTICESHIP


@pytest.fixture
def jury(make_competition, make_juror, artisan, make_organization):
    """A competition organised by "hosts", with one juror (signed in) and a function that enters a new applicant."""
    competition = make_competition(organised_by=[make_organization("hosts")])
    juror_person, juror_user = artisan("Қазы Төреші")
    juror = make_juror(competition, juror_person, is_chair=True)
    call = competition.event.call

    def enter(name):
        person, user = artisan(name)
        return services.application_submit(user=user, call=call), person

    return competition, juror, juror_user, enter


def _scores(competition, *values):
    return {str(c.pk): v for c, v in zip(competition.criteria.all(), values, strict=True)}


def test_family_within_two_steps_masters_apprentices_and_led_organizations(make_person, make_organization):
    juror, child, grandchild, great, sibling, master, apprentice, member, stranger = (
        make_person(f"Адам {n}ов") for n in range(9)
    )
    parent = make_person("Ата Анасы")
    relation_create(kind=FAMILY, senior=juror, junior=child)
    relation_create(kind=FAMILY, senior=child, junior=grandchild)
    relation_create(kind=FAMILY, senior=grandchild, junior=great)  # three steps: not a conflict
    relation_create(kind=FAMILY, senior=parent, junior=juror)
    relation_create(kind=FAMILY, senior=parent, junior=sibling)  # sibling through a shared parent
    relation_create(kind=APPRENTICESHIP, senior=master, junior=juror)
    relation_create(kind=APPRENTICESHIP, senior=juror, junior=apprentice)
    union = make_organization("union")
    membership_create(person=juror, organization=union, role=Membership.Role.PRESIDENT)
    membership_create(person=member, organization=union, role=Membership.Role.MEMBER)
    plain = make_organization("plain")
    membership_create(person=juror, organization=plain, role=Membership.Role.MEMBER)
    membership_create(person=stranger, organization=plain, role=Membership.Role.MEMBER)

    conflicts = person_conflicts(juror.pk)
    assert conflicts[child.pk] == ["relative"]
    assert conflicts[grandchild.pk] == ["relative"]
    assert conflicts[sibling.pk] == ["relative"] and conflicts[parent.pk] == ["relative"]
    assert conflicts[master.pk] == ["own master"]
    assert conflicts[apprentice.pk] == ["own apprentice"]
    assert "union" in conflicts[member.pk][0]
    assert great.pk not in conflicts and stranger.pk not in conflicts  # too far; same club, not its leader


def test_an_editor_of_an_organization_counts_as_leading_it(make_person, make_organization):
    juror, member = make_person("Редактор Ов"), make_person("Мүше Ов")
    org = make_organization()
    membership_create(person=juror, organization=org, role=Membership.Role.STAFF, is_editor=True)
    membership_create(person=member, organization=org)
    assert member.pk in person_conflicts(juror.pk)


def test_a_conflicted_entry_cannot_be_scored_and_nothing_is_saved(jury):
    competition, juror, juror_user, enter = jury
    entry, person = enter("Шәкірт Ов")
    relation_create(kind=APPRENTICESHIP, senior=juror.person, junior=person)
    with pytest.raises(PermissionDenied, match="Conflict of interest: own apprentice"):
        services.scores_submit(user=juror_user, application=entry, values=_scores(competition, 9, 9))
    assert not Score.objects.exists()


def test_a_declared_conflict_blocks_and_withdraws_scores(jury):
    competition, _juror, juror_user, enter = jury
    entry, _person = enter("Көрші Ов")
    services.scores_submit(user=juror_user, application=entry, values=_scores(competition, 5, 5))
    services.conflict_declare(user=juror_user, application=entry, reason="my neighbour")
    assert not Score.objects.exists()
    with pytest.raises(PermissionDenied, match="declared: my neighbour"):
        services.scores_submit(user=juror_user, application=entry, values=_scores(competition, 5, 5))


def test_scores_outside_the_rubric_are_refused_whole(jury):
    competition, _juror, juror_user, enter = jury
    entry, _person = enter("Қатысушы Ов")
    first, second = competition.criteria.all()
    bad = [
        {first.pk: 11, second.pk: 5},  # above the range
        {first.pk: -1, second.pk: 5},  # below it
        {first.pk: 5},  # a criterion missing
        {first.pk: "x", second.pk: 1},  # not a number
        {first.pk: 5, second.pk: 5, 999999: 3},  # not in the rubric
    ]
    for values in bad:
        with pytest.raises(ValidationError):
            services.scores_submit(user=juror_user, application=entry, values=values)
    assert not Score.objects.exists()


def test_only_jurors_score_and_only_through_their_own_seat(jury, artisan, client):
    competition, _juror, _juror_user, enter = jury
    entry, _person = enter("Қатысушы Ов")
    _someone, outsider = artisan("Бөтен Адам")
    with pytest.raises(PermissionDenied, match="not on this competition's jury"):
        services.scores_submit(user=outsider, application=entry, values=_scores(competition, 5, 5))
    client.force_login(outsider)
    response = client.post(
        f"/api/v1/applications/{entry.pk}/scores/",
        {"scores": _scores(competition, 5, 5)},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_scoring_over_the_api_then_shortlist_finalists_winners_and_award(jury, organiser_of, client):
    competition, _juror, juror_user, enter = jury
    entries = [enter(f"Шебер {n}ова")[0] for n in range(3)]
    client.force_login(juror_user)
    for entry, values in zip(entries, [(9, 8), (6, 7), (3, 4)], strict=True):
        response = client.post(
            f"/api/v1/applications/{entry.pk}/scores/",
            {"scores": _scores(competition, *values)},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
    bad = client.post(
        f"/api/v1/applications/{entries[0].pk}/scores/",
        {"scores": _scores(competition, 12, 1)},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "scored from 0 to 10" in str(bad.json())
    ranking = competition_results(competition)
    assert [r.entry for r in ranking] == [e.pk for e in entries]

    organiser = organiser_of(Organization.objects.get(slug="hosts"))
    with pytest.raises(ValidationError):  # winners only from finalists
        services.entries_advance(
            user=organiser, competition=competition, application_ids=[entries[0].pk], stage="winner"
        )
    with pytest.raises(PermissionDenied):
        services.entries_advance(
            user=juror_user, competition=competition, application_ids=[entries[0].pk], stage="shortlisted"
        )
    services.entries_advance(
        user=organiser, competition=competition, application_ids=[e.pk for e in entries[:2]], stage="shortlisted"
    )
    services.entries_advance(
        user=organiser, competition=competition, application_ids=[e.pk for e in entries[:2]], stage="finalist"
    )
    services.entries_advance(user=organiser, competition=competition, application_ids=[entries[0].pk], stage="winner")
    services.results_publish(user=organiser, competition=competition)

    winner = Application.objects.get(pk=entries[0].pk).person
    award = Award.objects.get(person=winner)
    assert award.programme.name["en"] == competition.event.name["en"]
    assert Participant.objects.filter(event=competition.event, role="finalist").count() == 1
    page = client.get(f"/en/events/{competition.event.slug}/").content.decode()
    assert "Results" in page and winner.display_name in page
    profile = client.get(f"/en/people/{winner.pk}/").content.decode()
    assert competition.event.name["en"] in profile
    results = client.get(f"/api/v1/events/{competition.event.slug}/results/").json()
    assert [row["stage"] for row in results["entries"]] == ["winner", "finalist"]


def test_blind_judging_hides_names_from_jurors(make_competition, make_juror, artisan, client):
    competition = make_competition(blind=True)
    juror_person, juror_user = artisan("Қазы Ов")
    make_juror(competition, juror_person)
    _person, user = artisan("Жасырын Шебер")
    services.application_submit(user=user, call=competition.event.call)
    client.force_login(juror_user)
    rows = client.get("/api/v1/applications/", {"event": competition.event.slug}).json()["results"]
    assert len(rows) == 1 and rows[0]["person"] is None


def test_the_jurors_worklist_shows_conflicts_and_a_declaration_blocks(jury, client):
    competition, juror, juror_user, enter = jury
    related, person = enter("Туыс Ов")
    relation_create(kind=FAMILY, senior=juror.person, junior=person)
    plain, _other = enter("Бөтен Ов")
    client.force_login(juror_user)
    data = client.get(f"/api/v1/events/{competition.event.slug}/jury/").json()
    by_id = {row["application"]: row for row in data["entries"]}
    assert by_id[related.pk]["conflicts"] == ["relative"] and by_id[plain.pk]["conflicts"] == []
    assert len(data["criteria"]) == 2
    response = client.post(
        f"/api/v1/events/{competition.event.slug}/jury/declare/",
        {"application": plain.pk, "reason": "taught them privately"},
        content_type="application/json",
    )
    assert response.status_code == 201
    data = client.get(f"/api/v1/events/{competition.event.slug}/jury/").json()
    assert {row["application"]: row for row in data["entries"]}[plain.pk]["conflicts"] == [
        "declared: taught them privately"
    ]


def test_reminders_go_once_to_confirmed_participants(make_event, make_call, artisan):
    import datetime as dt

    from django.core import mail
    from django.utils import timezone

    event = make_event(starts_at=timezone.now() + dt.timedelta(days=1))
    call = make_call(event, capacity=1)
    (_a, first), (_b, second) = artisan("Бір Ов"), artisan("Екі Ов")
    services.application_submit(user=first, call=call)
    services.application_submit(user=second, call=call)  # waiting: no reminder
    mail.outbox.clear()
    assert services.reminders_send(days=2) == 1
    assert services.reminders_send(days=2) == 0
    assert len(mail.outbox) == 1 and "Reminder" in mail.outbox[0].subject


def test_the_jury_page_shows_conflicts_and_refuses_a_forged_score(jury, artisan, client):
    competition, juror, juror_user, enter = jury
    related, person = enter("Туыс Ов")
    relation_create(kind=FAMILY, senior=juror.person, junior=person)
    plain, _other = enter("Бөтен Ов")
    url = f"/en/events/{competition.event.slug}/jury/"
    client.force_login(juror_user)
    assert url in client.get(f"/en/events/{competition.event.slug}/").content.decode()
    page = client.get(url).content.decode()
    assert "Conflict of interest:" in page and "relative" in page
    assert f'name="application" value="{plain.pk}"' in page
    assert f'name="application" value="{related.pk}"' not in page
    first, second = competition.criteria.all()
    forged = client.post(url, {"application": related.pk, f"c_{first.pk}": 9, f"c_{second.pk}": 9}, follow=True)
    assert "You may not score this entry" in forged.content.decode()
    client.post(url, {"application": plain.pk, f"c_{first.pk}": 7, f"c_{second.pk}": 8})
    assert Score.objects.filter(application=plain).count() == 2 and not Score.objects.filter(application=related)
    _someone, outsider = artisan("Сырттан Ов")
    client.force_login(outsider)
    assert client.get(url).status_code == 403
