"""Every write to an aitys: the bracket's draw, duel scores, the audience's votes, closing a round (which
seeds the next) and publishing the results as awards. Each is atomic, logged in a change batch, and leaves
nothing changed when it refuses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from craftcity.accounts import rules
from craftcity.audit.context import change_batch
from craftcity.events import services as event_services
from craftcity.events.conflicts import juror_conflicts
from craftcity.events.models import Application, Competition

from . import bracket
from .models import Aitys, AudienceVote, Duel, DuelScore, Round
from .selectors import open_round, round_results

Stage = Application.Stage


def _check_runs(user, aitys: Aitys, message: str) -> None:
    if user is not None and not rules.can_run_aitys(user, aitys):
        raise PermissionDenied(message)


def aitys_create(*, user, competition: Competition, has_audience_vote: bool = False) -> Aitys:
    """Run a competition as an aitys (a bracket of duels); `user=None` is a trusted loader."""
    aitys = Aitys(competition=competition, has_audience_vote=has_audience_vote, is_demo=competition.event.is_demo)
    _check_runs(user, aitys, _("Only the organisers of this event run its aitys."))
    with change_batch(user=user, label=f"aitys {competition.event.slug}"), transaction.atomic():
        aitys.full_clean()
        aitys.save()
    return aitys


def aitys_draw(*, user, aitys: Aitys, application_ids: list[int] | None = None) -> Round:
    """Draw the bracket: the akyns in seed order (given, or by submission), the best seeds taking any byes."""
    _check_runs(user, aitys, _("Only the organisers of this event draw the bracket."))
    if aitys.status != Aitys.Status.PREPARING:
        raise ValidationError({"aitys": [_("The bracket is already drawn.")]})
    entries = Application.objects.filter(
        call__event__competition=aitys.competition_id, status=Application.Status.CONFIRMED
    )
    by_id = {entry.pk: entry for entry in entries}
    if application_ids is None:
        application_ids = [entry.pk for entry in sorted(by_id.values(), key=lambda e: (e.created_at, e.pk))]
    strangers = [pk for pk in application_ids if pk not in by_id]
    if strangers:
        raise ValidationError(
            {"akyns": [_("Not confirmed entries of this competition: %(ids)s.") % {
                "ids": ", ".join(map(str, strangers))}]}
        )  # fmt: skip
    if len(set(application_ids)) != len(application_ids):
        raise ValidationError({"akyns": [_("An akyn is named twice in the draw.")]})
    if len(application_ids) < 2:
        raise ValidationError({"akyns": [_("An aitys needs at least two akyns.")]})
    with change_batch(user=user, label=f"aitys draw {aitys.competition.event.slug}"), transaction.atomic():
        first = Round(aitys=aitys, number=1)
        first.full_clean()
        first.save()
        for position, (seed, other) in enumerate(bracket.first_round(len(application_ids)), start=1):
            duel = Duel(
                round=first,
                position=position,
                first_id=application_ids[seed - 1],
                first_seed=seed,
                second_id=application_ids[other - 1] if other else None,
                second_seed=other,
            )
            if other is None:  # a bye is decided at the draw
                duel.winner_id, duel.decided_by = duel.first_id, Duel.DecidedBy.BYE
            duel.full_clean()
            duel.save()
        aitys.status = Aitys.Status.RUNNING
        aitys.save(update_fields=["status", "updated_at"])
    return first


def duel_scores_submit(*, user, duel: Duel, values: dict, juror=None) -> list[DuelScore]:
    """A juror scores both akyns of a duel on the competition's rubric: {application id: {criterion id: value}}.

    All or nothing. A juror who may not judge either akyn (a relative, their master or apprentice, a member of an
    organization they lead, their own entry, a declared conflict) may not score the duel at all. `juror` is for
    trusted loaders only (`user=None`): the demo's jurors have no accounts to sign in with."""
    aitys = duel.round.aitys
    if user is None and juror is not None:
        if juror.competition_id != aitys.competition_id:
            raise ValidationError({"juror": [_("This juror sits on another competition's jury.")]})
    else:
        juror = event_services.juror_for(user, aitys.competition)
    if duel.round.status != Round.Status.OPEN:
        raise ValidationError({"duel": [_("This round is closed; its duels can no longer be scored.")]})
    if duel.is_bye:
        raise ValidationError({"duel": [_("This akyn has a bye: there is no duel to score.")]})
    conflicts = juror_conflicts(juror)
    reasons = [reason for side in (duel.first_id, duel.second_id) for reason in conflicts.get(side, [])]
    if reasons:
        raise PermissionDenied(
            _("Conflict of interest: %(reasons)s. You may not score this duel.") % {"reasons": "; ".join(reasons)}
        )
    values = {str(key): value for key, value in (values or {}).items()}
    sides = {str(duel.first_id), str(duel.second_id)}
    if set(values) != sides:
        raise ValidationError({"scores": [_("Score both akyns of the duel, and only them.")]})
    cleaned, errors = {}, {}
    for side in sorted(sides):
        try:
            cleaned[int(side)] = event_services.scores_clean(competition=aitys.competition, values=values[side])
        except ValidationError as error:
            errors[side] = [message for messages in error.message_dict.values() for message in messages]
    if errors:
        raise ValidationError(errors)
    saved = []
    with change_batch(user=user, label=f"aitys scores, duel {duel.pk}"), transaction.atomic():
        for application_id, by_criterion in cleaned.items():
            for criterion_id, value in by_criterion.items():
                score, _created = DuelScore.objects.update_or_create(
                    duel=duel,
                    juror=juror,
                    application_id=application_id,
                    criterion_id=criterion_id,
                    defaults={"value": value},
                )
                saved.append(score)
    return saved


def audience_vote_cast(*, user, duel: Duel, application_id: int) -> AudienceVote:
    """One signed-in visitor's vote in a duel; a second vote in the same duel is refused."""
    if not rules.can_vote_in_audience(user):
        raise PermissionDenied(_("Sign in to vote."))
    aitys = duel.round.aitys
    if not aitys.has_audience_vote:
        raise ValidationError({"duel": [_("This aitys has no audience vote.")]})
    if duel.is_bye or duel.round.status != Round.Status.OPEN or duel.winner_id:
        raise ValidationError({"duel": [_("Voting in this duel is closed.")]})
    if int(application_id) not in (duel.first_id, duel.second_id):
        raise ValidationError({"application": [_("Vote for one of the two akyns of this duel.")]})
    if AudienceVote.objects.filter(duel=duel, user=user).exists():
        raise ValidationError({"duel": [_("You have already voted in this duel.")]})
    vote = AudienceVote(duel=duel, user=user, application_id=int(application_id))
    try:
        with change_batch(user=user, label=f"audience vote, duel {duel.pk}"), transaction.atomic():
            vote.save()  # the unique constraint settles two votes sent at once
    except IntegrityError:
        raise ValidationError({"duel": [_("You have already voted in this duel.")]}) from None
    return vote


def round_close(*, user, aitys: Aitys, now=None) -> Round | None:
    """Decide every duel of the open round by the jury's scores and seed the next round with the winners.

    Returns the next round, or None when the final was closed (the aitys is then decided). Refused, naming
    the duels, while any duel has no juror's scores."""
    _check_runs(user, aitys, _("Only the organisers of this event close a round."))
    current = open_round(aitys)
    if current is None:
        raise ValidationError({"round": [_("No round is open.")]})
    duels = list(current.duels.order_by("position"))
    results = round_results(current)
    unscored = [str(duel.position) for duel in duels if results[duel.pk].winner is None]
    if unscored:
        raise ValidationError(
            {"round": [_("No juror has scored duel(s) %(duels)s of round %(round)s yet.") % {
                "duels": ", ".join(unscored), "round": current.number}]}
        )  # fmt: skip
    with change_batch(user=user, label=f"aitys round {current.number} closed"), transaction.atomic():
        for duel in duels:
            result = results[duel.pk]
            duel.winner_id, duel.decided_by = result.winner, result.decided_by
            duel.full_clean()
            duel.save()
        current.status, current.closed_at = Round.Status.CLOSED, now or timezone.now()
        current.save()
        if len(duels) == 1:
            aitys.champion_id = duels[0].winner_id
            aitys.status = Aitys.Status.DECIDED
            aitys.save(update_fields=["champion", "status", "updated_at"])
            return None
        following = Round(aitys=aitys, number=current.number + 1)
        following.full_clean()
        following.save()
        for position in range(len(duels) // 2):
            left, right = duels[2 * position], duels[2 * position + 1]
            duel = Duel(
                round=following,
                position=position + 1,
                first_id=left.winner_id,
                first_seed=left.seed_of(left.winner_id),
                second_id=right.winner_id,
                second_seed=right.seed_of(right.winner_id),
            )
            duel.full_clean()
            duel.save()
    return following


def aitys_results_publish(*, user, aitys: Aitys) -> int:
    """Publish: the two akyns of the final become finalists, the champion the winner, with an Award of the
    competition's programme (events.services.results_publish, through the awards app's award_save)."""
    _check_runs(user, aitys, _("Only the organisers of this event publish its results."))
    if aitys.status != Aitys.Status.DECIDED:
        raise ValidationError({"aitys": [_("The final has not been decided yet.")]})
    final = Duel.objects.filter(round__aitys=aitys).order_by("-round__number").first()
    finalists = [pk for pk in (final.first_id, final.second_id) if pk]
    competition = aitys.competition
    system = user is None
    with transaction.atomic():
        event_services.entries_advance(
            user=user, competition=competition, application_ids=finalists, stage=Stage.SHORTLISTED, system=system
        )
        event_services.entries_advance(
            user=user, competition=competition, application_ids=finalists, stage=Stage.FINALIST, system=system
        )
        event_services.entries_advance(
            user=user, competition=competition, application_ids=[aitys.champion_id], stage=Stage.WINNER, system=system
        )
        count = event_services.results_publish(user=user, competition=competition, system=system)
        with change_batch(user=user, label=f"aitys results {competition.event.slug}"):
            aitys.status = Aitys.Status.PUBLISHED
            aitys.save(update_fields=["status", "updated_at"])
    return count
