"""Aitys rules: the draw, duel scoring under the rubric and conflicts of interest, closing rounds, ties,
byes, the audience vote kept apart from the jury, results as awards, and who may do what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from craftcity.aitys import services
from craftcity.aitys.models import Aitys, AudienceVote, Duel, DuelScore, Round
from craftcity.aitys.selectors import duel_result
from craftcity.awards.models import Award
from craftcity.events.models import Participant
from craftcity.lineage.models import Relation
from craftcity.lineage.services import relation_create


def _both(duel, criteria, first, second):
    """Values for both akyns: `first`/`second` are the scores on every criterion."""
    ids = [c.pk for c in criteria]
    return {duel.first_id: {str(pk): first for pk in ids}, duel.second_id: {str(pk): second for pk in ids}}


def _criteria(aitys):
    return list(aitys.competition.criteria.all())


def _play_round(aitys, users, *, favour="first"):
    """Every juror scores every open duel, preferring one side."""
    round_ = aitys.rounds.get(status=Round.Status.OPEN)
    for duel in round_.duels.exclude(second__isnull=True):
        for user in users:
            a, b = (9, 4) if favour == "first" else (4, 9)
            services.duel_scores_submit(user=user, duel=duel, values=_both(duel, _criteria(aitys), a, b))
    return round_


def test_eight_akyns_play_three_rounds_to_a_champion_who_gets_an_award(make_aitys, signed_in_juror, organiser_for):
    aitys, _entries, jurors = make_aitys(8)
    users = [signed_in_juror(j) for j in jurors]
    organiser = organiser_for(aitys)
    first = services.aitys_draw(user=organiser, aitys=aitys)
    assert first.duels.count() == 4
    aitys.refresh_from_db()
    assert aitys.status == Aitys.Status.RUNNING

    _play_round(aitys, users)
    second = services.round_close(user=organiser, aitys=aitys)
    # Winners (the first akyn of each duel: the better seed) meet their neighbours' winners, in bracket order.
    round_one = list(first.duels.order_by("position"))
    assert [d.winner_id for d in round_one] == [d.first_id for d in round_one]
    pairs = [(d.first_id, d.second_id) for d in second.duels.order_by("position")]
    assert pairs == [(round_one[0].winner_id, round_one[1].winner_id), (round_one[2].winner_id, round_one[3].winner_id)]

    _play_round(aitys, users, favour="second")
    final = services.round_close(user=organiser, aitys=aitys)
    assert final.duels.count() == 1
    _play_round(aitys, users)
    assert services.round_close(user=organiser, aitys=aitys) is None
    aitys.refresh_from_db()
    assert aitys.status == Aitys.Status.DECIDED
    final_duel = final.duels.get()
    assert aitys.champion_id == final_duel.first_id

    services.aitys_results_publish(user=organiser, aitys=aitys)
    champion = aitys.champion.person
    assert Award.objects.filter(person=champion, programme=aitys.competition.award_programme).exists()
    assert set(
        Participant.objects.filter(event=aitys.competition.event, role="finalist").values_list("person", flat=True)
    ) == {final_duel.second.person_id}
    aitys.refresh_from_db()
    assert aitys.status == Aitys.Status.PUBLISHED


def test_six_akyns_give_the_two_best_seeds_a_bye_that_is_decided_at_the_draw(make_aitys):
    aitys, entries, _jurors = make_aitys(6)
    first = services.aitys_draw(user=None, aitys=aitys)
    byes = list(first.duels.filter(second__isnull=True).order_by("first_seed"))
    assert [d.first_seed for d in byes] == [1, 2]
    assert all(d.winner_id == d.first_id and d.decided_by == Duel.DecidedBy.BYE for d in byes)
    assert [d.first_id for d in byes] == [entries[0].pk, entries[1].pk]  # seeds follow submission order


def test_a_round_with_an_unscored_duel_cannot_close_and_says_which(make_aitys, signed_in_juror):
    aitys, _entries, jurors = make_aitys(4)
    user = signed_in_juror(jurors[0])
    first = services.aitys_draw(user=None, aitys=aitys)
    duel = first.duels.get(position=1)
    services.duel_scores_submit(user=user, duel=duel, values=_both(duel, _criteria(aitys), 8, 5))
    with pytest.raises(ValidationError) as refusal:
        services.round_close(user=None, aitys=aitys)
    assert "duel(s) 2 of round 1" in str(refusal.value)
    assert not Round.objects.filter(aitys=aitys, number=2).exists()
    assert first.duels.get(position=1).winner_id is None  # nothing half-done


def test_a_juror_may_not_score_a_duel_of_their_apprentice_or_relative(make_aitys, signed_in_juror):
    aitys, _entries, jurors = make_aitys(4)
    user = signed_in_juror(jurors[0])
    first = services.aitys_draw(user=None, aitys=aitys)
    duel = first.duels.get(position=1)
    relation_create(kind=Relation.Kind.APPRENTICESHIP, senior=jurors[0].person, junior=duel.second.person)
    other = first.duels.get(position=2)
    relation_create(kind=Relation.Kind.FAMILY, senior=other.first.person, junior=jurors[0].person)
    with pytest.raises(PermissionDenied, match="own apprentice"):
        services.duel_scores_submit(user=user, duel=duel, values=_both(duel, _criteria(aitys), 8, 5))
    with pytest.raises(PermissionDenied, match="relative"):
        services.duel_scores_submit(user=user, duel=other, values=_both(other, _criteria(aitys), 8, 5))
    assert not DuelScore.objects.exists()


def test_scores_outside_the_rubric_or_for_one_side_only_are_refused_whole(make_aitys, signed_in_juror):
    aitys, _entries, jurors = make_aitys(2)
    user = signed_in_juror(jurors[0])
    duel = services.aitys_draw(user=None, aitys=aitys).duels.get()
    values = _both(duel, _criteria(aitys), 8, 5)
    values[duel.second_id][str(_criteria(aitys)[0].pk)] = 11
    with pytest.raises(ValidationError, match="scored from 0 to 10"):
        services.duel_scores_submit(user=user, duel=duel, values=values)
    with pytest.raises(ValidationError, match="both akyns"):
        services.duel_scores_submit(user=user, duel=duel, values={duel.first_id: values[duel.first_id]})
    assert not DuelScore.objects.exists()


def test_someone_off_the_jury_cannot_score(make_aitys, make_user):
    aitys, _entries, _jurors = make_aitys(2)
    duel = services.aitys_draw(user=None, aitys=aitys).duels.get()
    with pytest.raises(PermissionDenied):
        services.duel_scores_submit(user=make_user(role="artisan"), duel=duel, values={})


def test_a_tie_on_normalized_scores_goes_to_the_chairs_total(make_aitys, signed_in_juror):
    aitys, _entries, jurors = make_aitys(2)
    chair, other = (signed_in_juror(j) for j in jurors)
    duel = services.aitys_draw(user=None, aitys=aitys).duels.get()
    # Opposite verdicts of equal size: equal mean and median z, equal raw means; the chair preferred the second.
    services.duel_scores_submit(user=chair, duel=duel, values=_both(duel, _criteria(aitys), 5, 8))
    services.duel_scores_submit(user=other, duel=duel, values=_both(duel, _criteria(aitys), 8, 5))
    services.round_close(user=None, aitys=aitys)
    duel.refresh_from_db()
    assert duel.winner_id == duel.second_id
    assert duel.decided_by == Duel.DecidedBy.CHAIR


def test_a_complete_tie_without_a_chair_goes_to_the_better_seed(make_aitys, signed_in_juror):
    aitys, _entries, jurors = make_aitys(2, chair=False)
    one, two = (signed_in_juror(j) for j in jurors)
    duel = services.aitys_draw(user=None, aitys=aitys).duels.get()
    services.duel_scores_submit(user=one, duel=duel, values=_both(duel, _criteria(aitys), 5, 8))
    services.duel_scores_submit(user=two, duel=duel, values=_both(duel, _criteria(aitys), 8, 5))
    services.round_close(user=None, aitys=aitys)
    duel.refresh_from_db()
    assert (duel.winner_id, duel.first_seed) == (duel.first_id, 1)
    assert duel.decided_by == Duel.DecidedBy.SEED


def test_one_audience_vote_per_person_and_it_never_moves_the_jurys_result(make_aitys, signed_in_juror, make_user):
    aitys, _entries, jurors = make_aitys(2)
    user = signed_in_juror(jurors[0])
    duel = services.aitys_draw(user=None, aitys=aitys).duels.get()
    services.duel_scores_submit(user=user, duel=duel, values=_both(duel, _criteria(aitys), 9, 3))
    before = duel_result(duel)
    voters = [make_user() for _ in range(5)]
    for voter in voters:
        services.audience_vote_cast(user=voter, duel=duel, application_id=duel.second_id)
    with pytest.raises(ValidationError, match="already voted"):
        services.audience_vote_cast(user=voters[0], duel=duel, application_id=duel.first_id)
    assert AudienceVote.objects.filter(duel=duel).count() == 5
    after = duel_result(duel)
    assert (after.winner, after.mean_z, after.mean_raw) == (before.winner, before.mean_z, before.mean_raw)
    services.round_close(user=None, aitys=aitys)
    duel.refresh_from_db()
    assert duel.winner_id == duel.first_id  # the jury's choice, though the audience chose the other akyn
    with pytest.raises(ValidationError, match="closed"):
        services.audience_vote_cast(user=make_user(), duel=duel, application_id=duel.first_id)


def test_anonymous_visitors_cannot_vote_and_votes_go_only_to_the_duels_akyns(make_aitys, make_user):
    from django.contrib.auth.models import AnonymousUser

    aitys, entries, _jurors = make_aitys(4)
    duel = services.aitys_draw(user=None, aitys=aitys).duels.get(position=1)
    with pytest.raises(PermissionDenied):
        services.audience_vote_cast(user=AnonymousUser(), duel=duel, application_id=duel.first_id)
    stranger = next(e.pk for e in entries if e.pk not in (duel.first_id, duel.second_id))
    with pytest.raises(ValidationError, match="one of the two akyns"):
        services.audience_vote_cast(user=make_user(), duel=duel, application_id=stranger)


def test_only_the_events_organisers_draw_and_close_rounds(make_aitys, make_user, organiser_for):
    aitys, _entries, _jurors = make_aitys(4)
    outsider = make_user(role="organiser")
    with pytest.raises(PermissionDenied):
        services.aitys_draw(user=outsider, aitys=aitys)
    services.aitys_draw(user=organiser_for(aitys), aitys=aitys)
    with pytest.raises(PermissionDenied):
        services.round_close(user=outsider, aitys=aitys)
    with pytest.raises(ValidationError, match="already drawn"):
        services.aitys_draw(user=None, aitys=aitys)
