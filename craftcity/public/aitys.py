"""City of Music pages: an aitys's bracket (with the audience vote) and a season or series of events."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from craftcity.aitys import services as aitys_services
from craftcity.aitys.models import Aitys, AudienceVote, Duel, Round
from craftcity.aitys.selectors import bracket
from craftcity.core.formatting import number
from craftcity.events.models import Event, EventSeries

from .refusals import refusal_text


def _round_name(number: int, total: int) -> str:
    left = total - number  # rounds after this one
    if left == 0:
        return _("Final")
    if left == 1:
        return _("Semi-finals")
    if left == 2:
        return _("Quarter-finals")
    return _("Round %(number)s") % {"number": number}


def _aitys_of(slug: str) -> Aitys:
    aitys = (
        Aitys.objects.select_related("competition__event", "champion__person")
        .filter(competition__event__slug=slug, competition__event__in=Event.objects.public())
        .first()
    )
    if aitys is None:
        raise Http404
    return aitys


def _rounds_for_page(rounds, total: int) -> list[dict]:
    """What the template prints, prepared here: captions, links and verdicts are per duel, and a 63-duel bracket
    spends its time in the template's tags otherwise."""
    from django.urls import reverse

    person_url = reverse("public:person", args=[0])[:-2]  # "/en/people/"
    advances, out = _("advances"), _("out")
    page = []
    for r in rounds:
        duels = []
        for d in r.duels:
            sides = []
            for side in (d.first, d.second):
                won = bool(side and d.winner_id == side.application_id)
                sides.append({
                    "akyn": side,
                    "url": f"{person_url}{side.person_id}/" if side and side.person_id else "",
                    "votes": number(d.votes.get(side.application_id, 0)) if side else None,
                    "won": won,
                    "verdict": (advances if won else out) if side and d.winner_id else "",
                })  # fmt: skip
            caption = _("Duel %(number)s") % {"number": d.position}
            duels.append(
                {"row": d, "sides": sides, "caption": f"{caption} — {d.decided_by}" if d.decided_by else caption}
            )
        page.append({
            "row": r,
            "name": _round_name(r.round.number, total),
            "is_open": r.round.status == Round.Status.OPEN,
            "duels": duels,
        })  # fmt: skip
    return page


def event_aitys(request, slug):
    """The bracket as nested lists of rounds and duels (each duel a small table): readable without script or
    drawing, on a phone and by a screen reader. Only public names appear; anyone else is "Akyn <seed>"."""
    from craftcity.aitys.bracket import rounds_needed

    aitys = _aitys_of(slug)
    rounds = bracket(aitys)
    akyns = sum(1 for r in rounds[:1] for d in r.duels for _side in (d.first, d.second) if _side)
    total = rounds_needed(akyns) if akyns else len(rounds)
    mine = {}
    if aitys.has_audience_vote and request.user.is_authenticated:
        mine = dict(
            AudienceVote.objects.filter(duel__round__aitys=aitys, user=request.user).values_list(
                "duel_id", "application_id"
            )
        )
    champion = next(
        (side for r in rounds[-1:] for d in r.duels for side in (d.first, d.second) if side
         and side.application_id == aitys.champion_id),
        None,
    )  # fmt: skip
    return render(
        request,
        "public/aitys.html",
        {
            "aitys": aitys,
            "event": aitys.competition.event,
            "rounds": _rounds_for_page(rounds, total),
            "champion": champion,
            "mine": mine,
            "bye": _("bye"),
            "thead": format_html(
                '<thead><tr><th scope="col">{}</th><th scope="col">{}</th>{}</tr></thead>',
                _("Akyn"),
                _("Result"),
                format_html('<th scope="col" class="n">{}</th>', _("Votes")) if aitys.has_audience_vote else "",
            ),
            "seed_label": _("Seed"),
        },
    )


@require_POST
def event_aitys_vote(request, slug):
    aitys = _aitys_of(slug)
    duel = get_object_or_404(
        Duel.objects.select_related("round__aitys"), pk=request.POST.get("duel"), round__aitys=aitys
    )
    try:
        aitys_services.audience_vote_cast(user=request.user, duel=duel, application_id=request.POST.get("akyn") or 0)
        messages.success(request, _("Your vote is counted. It is shown apart from the jury's result."))
    except (ValidationError, PermissionDenied, ValueError) as error:
        messages.error(request, refusal_text(error) if not isinstance(error, ValueError) else _("Choose an akyn."))
    return redirect(f"{request.path.rsplit('vote/', 1)[0]}#duel-{duel.pk}")


def season(request, slug):
    """A series (an open-air season, a set of programmes): every event with its status, weather and attendance."""
    series = get_object_or_404(EventSeries.objects.public(), slug=slug)
    events = list(Event.objects.public().filter(series=series).select_related("place").order_by("starts_at", "slug"))
    summary = (
        Event.objects.public()
        .filter(series=series)
        .aggregate(
            total=Count("id"),
            held=Count("id", filter=Q(schedule=Event.Schedule.HELD)),
            cancelled=Count("id", filter=Q(schedule=Event.Schedule.CANCELLED)),
            postponed=Count("id", filter=Q(schedule=Event.Schedule.POSTPONED)),
            attendance=Sum("attendees"),
        )
    )
    return render(request, "public/season.html", {"series": series, "events": events, "summary": summary})


def seasons(request):
    series = EventSeries.objects.public().annotate(count=Count("events", filter=Q(events__status="published")))
    return render(request, "public/seasons.html", {"series_list": series})
