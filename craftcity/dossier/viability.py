"""How alive a craft is: documented thresholds, a category and the reasons for it, from a craft's counts.

Pure logic (no database): the dossier's indicators count, this module judges. The categories follow the
Heritage Crafts Red List's names and the UNESCO ICH results framework's question (indicator 7.3: is the
element transmitted, and is its viability updated each period). The thresholds are ours, stated in the
dossier next to the table and in docs/dossier.md, and tested one by one:

  not enough data        fewer than MIN_KNOWN practitioners recorded, or no master–apprentice relation ever
                         recorded in the craft: the registry cannot say how it is passed on;
  critically endangered  transmission has stopped (no apprentice in training, none completed in the last
                         COMPLETED_YEARS years) and the craft is tiny (under CRITICAL_BELOW) or shrinking;
  endangered             transmission has stopped, or the community fell by DECLINE or more in a year;
  vulnerable             thin transmission (apprentices under MIN_APPRENTICE_SHARE of practitioners), a small
                         community (under SMALL_BELOW), any fall, or most practitioners aged OLD_AGE or over;
  viable                 all others.

A craft with a growing community and an apprentice in training is therefore never endangered: both
endangered rules need transmission stopped or a fall.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MIN_KNOWN = 5
CRITICAL_BELOW = 10
SMALL_BELOW = 30
MIN_APPRENTICE_SHARE = 0.05
DECLINE = -0.10
COMPLETED_YEARS = 5
OLD_AGE = 60
OLD_SHARE = 0.5

CATEGORIES = {
    "viable": _("Viable"),
    "vulnerable": _("Vulnerable"),
    "endangered": _("Endangered"),
    "critically_endangered": _("Critically endangered"),
    "not_enough_data": _("Not enough data"),
}
AT_RISK = ("endangered", "critically_endangered")


@dataclass(frozen=True)
class CraftCounts:
    """What the registry knows of one craft at a moment (all counts of distinct people)."""

    practitioners: int
    practitioners_before: int  # a year earlier
    masters: int  # masters with an apprentice in training in the year
    apprentices: int  # apprentices in training in the year
    completed: int  # apprenticeships completed in the last COMPLETED_YEARS years
    new: int  # practitioners counted now who were not a year earlier
    old: int  # practitioners aged OLD_AGE or over
    ever_recorded: int  # apprenticeships ever recorded in the craft, up to the moment

    @property
    def trend(self) -> float | None:
        if not self.practitioners_before:
            return None
        return (self.practitioners - self.practitioners_before) / self.practitioners_before

    @property
    def is_transmitting(self) -> bool:
        return self.apprentices > 0 or self.completed > 0


@dataclass(frozen=True)
class Judgement:
    category: str
    reasons: tuple[str, ...]  # in the language active when judged (the dossier judges in its own)

    def __post_init__(self):
        object.__setattr__(self, "reasons", tuple(str(reason) for reason in self.reasons))

    @property
    def label(self):
        return CATEGORIES[self.category]

    @property
    def is_at_risk(self) -> bool:
        return self.category in AT_RISK


def _percent(value: float) -> str:
    return f"{value:+.0%}".replace("-", "−")


def judge(counts: CraftCounts) -> Judgement:
    """The category of a craft and every fact that decided it."""
    c, trend = counts, counts.trend
    if c.practitioners < MIN_KNOWN:
        return Judgement(
            "not_enough_data",
            (
                ngettext_lazy(
                    "only %(count)d practitioner recorded (fewer than %(min)d)",
                    "only %(count)d practitioners recorded (fewer than %(min)d)",
                    "count",
                )
                % {"count": c.practitioners, "min": MIN_KNOWN},
            ),
        )
    if c.ever_recorded == 0:
        return Judgement("not_enough_data", (_("no master–apprentice relation recorded in this craft"),))
    reasons = []
    stopped = not c.is_transmitting
    falling = trend is not None and trend < 0
    if stopped:
        reasons.append(
            _("no apprentice in training and none completed in the last %(years)d years") % {"years": COMPLETED_YEARS}
        )
    if c.practitioners < CRITICAL_BELOW:
        reasons.append(
            _("only %(count)d practitioners (fewer than %(limit)d)")
            % {"count": c.practitioners, "limit": CRITICAL_BELOW}
        )
    if falling:
        reasons.append(_("down %(change)s in a year") % {"change": _percent(trend)})
    if stopped and (c.practitioners < CRITICAL_BELOW or falling):
        return Judgement("critically_endangered", tuple(reasons))
    if stopped or (trend is not None and trend <= DECLINE):
        return Judgement("endangered", tuple(reasons))
    share = c.apprentices / c.practitioners
    thin = share < MIN_APPRENTICE_SHARE
    small = c.practitioners < SMALL_BELOW
    ageing = c.old / c.practitioners >= OLD_SHARE
    if thin:
        reasons.append(
            _("apprentices are %(share)s of practitioners (under %(limit)s)")
            % {"share": f"{share:.0%}", "limit": f"{MIN_APPRENTICE_SHARE:.0%}"}
        )
    if small and c.practitioners >= CRITICAL_BELOW:
        reasons.append(
            _("a small community: %(count)d practitioners (under %(limit)d)")
            % {"count": c.practitioners, "limit": SMALL_BELOW}
        )
    if ageing:
        reasons.append(_("most practitioners are %(age)d or older") % {"age": OLD_AGE})
    if thin or small or falling or ageing:
        return Judgement("vulnerable", tuple(reasons))
    growth = (
        _("up %(change)s in a year") % {"change": _percent(trend)}
        if trend is not None and trend > 0
        else _("stable over a year")
    )
    return Judgement(
        "viable",
        (
            ngettext_lazy(
                "%(count)d apprentice in training (%(share)s of practitioners)",
                "%(count)d apprentices in training (%(share)s of practitioners)",
                "count",
            )
            % {"count": c.apprentices, "share": f"{share:.0%}"},
            growth,
        ),
    )
