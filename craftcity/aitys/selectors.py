"""Reads for aitys: the bracket with its duels, jury results and audience counts, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from craftcity.events import scoring
from craftcity.events.models import Criterion

from .models import Aitys, AudienceVote, Duel, DuelScore, Round

DECIDED_BY = {
    "mean z-score": Duel.DecidedBy.MEAN_Z,
    "median z-score": Duel.DecidedBy.MEDIAN_Z,
    "mean raw total": Duel.DecidedBy.MEAN_RAW,
    "chair's total": Duel.DecidedBy.CHAIR,
    "earlier submission": Duel.DecidedBy.SEED,  # scoring's last rule; an aitys passes the seed as the order
}


@dataclass
class DuelResult:
    """The jury's verdict on a duel: the winner, why, and each akyn's normalized score and raw mean."""

    winner: int | None
    decided_by: str
    jurors: int
    mean_z: dict[int, float] = field(default_factory=dict)
    mean_raw: dict[int, float] = field(default_factory=dict)


def duel_result(duel: Duel, *, criteria=None, scores=None, chair: int | None = None) -> DuelResult:
    """Rank the duel's two akyns with the competition's normalization and tie-break (events.scoring).

    The tie rule, in order: higher mean z-score over the jurors who scored the duel; higher median z-score;
    higher mean raw weighted total; the chair's total; the better (lower) seed. The last rule always decides,
    so a duel never ends in a draw. Audience votes are not read here."""
    if duel.is_bye:
        return DuelResult(winner=duel.first_id, decided_by=Duel.DecidedBy.BYE, jurors=0)
    competition_id = duel.round.aitys.competition_id
    if criteria is None:
        criteria = [
            scoring.CriterionSpec(c.pk, float(c.weight), float(c.min_score), float(c.max_score))
            for c in Criterion.objects.filter(competition_id=competition_id)
        ]
    if scores is None:
        scores = DuelScore.objects.filter(duel=duel).values_list("juror_id", "application_id", "criterion_id", "value")
    if chair is None:
        from craftcity.events.models import Juror

        chair = Juror.objects.filter(competition_id=competition_id, is_chair=True).values_list("pk", flat=True).first()
    totals = scoring.weighted_totals(criteria, scores)
    jurors = {juror for juror, _entry in totals}
    # A juror counts only when they scored both akyns (the service takes both at once).
    totals = {key: value for key, value in totals.items() if (key[0], duel.first_id) in totals
              and (key[0], duel.second_id) in totals}  # fmt: skip
    jurors = {juror for juror, _entry in totals}
    if not jurors:
        return DuelResult(winner=None, decided_by="", jurors=0)
    seeds = {duel.first_id: duel.first_seed, duel.second_id: duel.second_seed}
    ranked = scoring.rank(totals, chair=chair, order=seeds)
    top = ranked[0]
    decided = DECIDED_BY.get(top.decided_by, Duel.DecidedBy.MEAN_Z) if top.tied_with else Duel.DecidedBy.MEAN_Z
    return DuelResult(
        winner=top.entry,
        decided_by=decided,
        jurors=len(jurors),
        mean_z={r.entry: r.mean_z for r in ranked},
        mean_raw={r.entry: r.mean_raw for r in ranked},
    )


def audience_counts(duel_ids) -> dict[int, Counter]:
    """Duel → Counter(application → votes): the audience's count, kept apart from the jury."""
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = (
        AudienceVote.objects.filter(duel_id__in=list(duel_ids))
        .values("duel_id", "application_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["duel_id"]][row["application_id"]] = row["n"]
    return counts


@dataclass
class Akyn:
    application_id: int
    name: str  # the public name, or "Akyn N" for a person who is not public
    seed: int
    person_id: int | None  # only for public people: the page to link to


@dataclass
class DuelRow:
    duel: Duel
    first: Akyn
    second: Akyn | None
    winner_id: int | None
    decided_by: str
    votes: Counter


@dataclass
class RoundRow:
    round: Round
    duels: list[DuelRow]


def bracket(aitys: Aitys) -> list[RoundRow]:
    """Every round with its duels, the akyns' public names, winners and audience counts, in six queries."""
    from django.utils.translation import gettext as _

    from craftcity.people.models import Person

    rounds = list(aitys.rounds.all().order_by("number"))
    duels = list(
        Duel.objects.filter(round__aitys=aitys)
        .select_related("first__person", "second__person")
        .prefetch_related("first__person__names", "second__person__names")
        .order_by("round__number", "position")
    )
    public_ids = set(
        Person.objects.public()
        .filter(pk__in={d.first.person_id for d in duels} | {d.second.person_id for d in duels if d.second_id})
        .values_list("pk", flat=True)
    )
    votes = audience_counts([d.pk for d in duels]) if aitys.has_audience_vote else {}

    def akyn(application, seed) -> Akyn:
        person = application.person
        if person.pk in public_ids:
            return Akyn(application.pk, person.display_name, seed, person.pk)
        return Akyn(application.pk, _("Akyn %(seed)s") % {"seed": seed}, seed, None)

    by_round: dict[int, list[DuelRow]] = defaultdict(list)
    for duel in duels:
        by_round[duel.round_id].append(
            DuelRow(
                duel=duel,
                first=akyn(duel.first, duel.first_seed),
                second=akyn(duel.second, duel.second_seed) if duel.second_id else None,
                winner_id=duel.winner_id,
                decided_by=duel.get_decided_by_display() if duel.decided_by else "",
                votes=votes.get(duel.pk, Counter()),
            )
        )
    return [RoundRow(round=r, duels=by_round[r.pk]) for r in rounds]


def open_round(aitys: Aitys) -> Round | None:
    return aitys.rounds.filter(status=Round.Status.OPEN).order_by("number").first()
