"""Reads for aitys: the bracket with its duels, jury results and audience counts, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

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


def duel_result(duel: Duel) -> DuelResult:
    """Rank the duel's two akyns with the competition's normalization and tie-break (events.scoring).

    The tie rule, in order: higher mean z-score over the jurors who scored the duel; higher median z-score;
    higher mean raw weighted total; the chair's total; the better (lower) seed. The last rule always decides,
    so a duel never ends in a draw. Audience votes are not read here."""
    if duel.is_bye:
        return judge(duel, criteria=[], scores=[], chair=None)
    from craftcity.events.models import Juror

    competition_id = duel.round.aitys.competition_id
    criteria = [
        scoring.CriterionSpec(c.pk, float(c.weight), float(c.min_score), float(c.max_score))
        for c in Criterion.objects.filter(competition_id=competition_id)
    ]
    scores = DuelScore.objects.filter(duel=duel).values_list("juror_id", "application_id", "criterion_id", "value")
    chair = Juror.objects.filter(competition_id=competition_id, is_chair=True).values_list("pk", flat=True).first()
    return judge(duel, criteria=criteria, scores=list(scores), chair=chair)


def judge(duel: Duel, *, criteria, scores, chair: int | None) -> DuelResult:
    """The verdict from the rubric and the duel's (juror, akyn, criterion, value) rows, without the database."""
    if duel.is_bye:
        return DuelResult(winner=duel.first_id, decided_by=Duel.DecidedBy.BYE, jurors=0)
    totals = scoring.weighted_totals(criteria, scores)
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


def round_results(round_: Round) -> dict[int, DuelResult]:
    """Every duel of a round judged at once: the rubric, the chair and all the round's scores in three queries."""
    from craftcity.events.models import Juror

    competition_id = round_.aitys.competition_id
    criteria = [
        scoring.CriterionSpec(c.pk, float(c.weight), float(c.min_score), float(c.max_score))
        for c in Criterion.objects.filter(competition_id=competition_id)
    ]
    chair = Juror.objects.filter(competition_id=competition_id, is_chair=True).values_list("pk", flat=True).first()
    by_duel: dict[int, list] = defaultdict(list)
    rows = DuelScore.objects.filter(duel__round=round_).values_list(
        "duel_id", "juror_id", "application_id", "criterion_id", "value"
    )
    for duel_id, *score in rows:
        by_duel[duel_id].append(tuple(score))
    return {
        duel.pk: judge(duel, criteria=criteria, scores=by_duel.get(duel.pk, []), chair=chair)
        for duel in round_.duels.order_by("position")
    }


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
    pk: int
    position: int
    first: Akyn
    second: Akyn | None
    winner_id: int | None
    decided_by: str
    votes: Counter


@dataclass
class RoundRow:
    round: Round
    duels: list[DuelRow]


class _Form(NamedTuple):
    language: str
    is_primary: bool
    full_name: str


def bracket(aitys: Aitys) -> list[RoundRow]:
    """Every round with its duels, the akyns' public names, winners and audience counts, in five queries.

    Read as plain values, as the person page is (people.selectors.person_page): a 64-akyn bracket would
    otherwise spend most of its time building model instances and prefetch caches."""
    from django.utils.translation import gettext as _

    from craftcity.people.models import Person, PersonName, choose_name_form

    rounds = list(aitys.rounds.all().order_by("number"))
    duels = list(
        Duel.objects.filter(round__aitys=aitys)
        .order_by("round__number", "position")
        .values_list(
            "pk", "round_id", "position", "first_id", "second_id", "first_seed", "second_seed", "winner_id",
            "decided_by", "first__person_id", "second__person_id",
        )
    )  # fmt: skip
    people = {row[9] for row in duels} | {row[10] for row in duels if row[10]}
    public = set(Person.objects.public().filter(pk__in=people).values_list("pk", flat=True))
    forms: dict[int, list[_Form]] = defaultdict(list)
    for person, language, primary, name in PersonName.objects.filter(person_id__in=public).values_list(
        "person_id", "language", "is_primary", "full_name"
    ):
        forms[person].append(_Form(language, primary, name))
    votes = audience_counts([row[0] for row in duels]) if aitys.has_audience_vote else {}
    reasons = dict(Duel.DecidedBy.choices)

    def akyn(application_id, seed, person_id) -> Akyn:
        if person_id in public:
            form = choose_name_form(forms.get(person_id, []))
            return Akyn(application_id, form.full_name if form else f"#{person_id}", seed, person_id)
        return Akyn(application_id, _("Akyn %(seed)s") % {"seed": seed}, seed, None)

    by_round: dict[int, list[DuelRow]] = defaultdict(list)
    for (
        pk,
        round_id,
        position,
        first,
        second,
        first_seed,
        second_seed,
        winner,
        decided,
        first_person,
        second_person,
    ) in duels:
        by_round[round_id].append(
            DuelRow(
                pk=pk,
                position=position,
                first=akyn(first, first_seed, first_person),
                second=akyn(second, second_seed, second_person) if second else None,
                winner_id=winner,
                decided_by=str(reasons.get(decided, "")) if decided else "",
                votes=votes.get(pk, Counter()),
            )
        )
    return [RoundRow(round=r, duels=by_round[r.pk]) for r in rounds]


def open_round(aitys: Aitys) -> Round | None:
    return aitys.rounds.filter(status=Round.Status.OPEN).order_by("number").first()
