"""Aitys: an improvised contest of two akyns, run as a knockout bracket on top of an events competition.

The akyns are the competition's confirmed entries (events.Application); the jury, the rubric, normalization and
conflicts of interest are the competition's (events.Juror, events.Criterion, events.scoring, events.conflicts).
What aitys adds is the bracket: rounds of duels, each duel scored by the jury for its two akyns, the winner
advancing; and the audience's vote, kept apart from the jury's result."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, TimeStamped


class Aitys(TimeStamped, DemoMarked):
    """The bracket of one competition; its lifecycle is changed only by aitys.services."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing: akyns being entered")
        RUNNING = "running", _("Running")
        DECIDED = "decided", _("Decided")
        PUBLISHED = "published", _("Results published")

    competition = models.OneToOneField(
        "events.Competition", verbose_name=_("competition"), on_delete=models.CASCADE, related_name="aitys"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREPARING)
    has_audience_vote = models.BooleanField(
        _("audience vote"),
        default=False,
        help_text=_(
            "Signed-in visitors vote once per duel; the count is shown apart and never changes the jury's result."
        ),
    )
    champion = models.ForeignKey(
        "events.Application",
        verbose_name=_("winner"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
    )

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("aitys")
        verbose_name_plural = _("aitys contests")
        ordering = ["competition_id"]

    def __str__(self):
        return str(self.competition)


class Round(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    aitys = models.ForeignKey(Aitys, verbose_name=_("aitys"), on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = history()

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["aitys_id", "number"]
        constraints = [models.UniqueConstraint(fields=["aitys", "number"], name="aitys_round_unique")]

    def __str__(self):
        return f"{self.aitys} · {self.number}"


# Duels and the champion point at entries with RESTRICT, not PROTECT: an entry stays while a bracket names it,
# yet an event deleted whole (entries and bracket in one cascade, as remove_demo does) goes cleanly.


class Duel(models.Model):
    """Two akyns of a round, or one with a bye (`second` empty); `winner` is set when the round closes."""

    class DecidedBy(models.TextChoices):
        BYE = "bye", _("Bye: no opponent in this round")
        MEAN_Z = "mean_z", _("Jury: higher normalized score")
        MEDIAN_Z = "median_z", _("Tie: higher median normalized score")
        MEAN_RAW = "mean_raw", _("Tie: higher mean raw score")
        CHAIR = "chair", _("Tie: the chair's score")
        SEED = "seed", _("Tie: the better seed")

    round = models.ForeignKey(Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="duels")
    position = models.PositiveSmallIntegerField(_("position"))
    first = models.ForeignKey(
        "events.Application", verbose_name=_("first akyn"), on_delete=models.RESTRICT, related_name="+"
    )
    second = models.ForeignKey(
        "events.Application",
        verbose_name=_("second akyn"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
    )
    first_seed = models.PositiveSmallIntegerField(_("first akyn's seed"))
    second_seed = models.PositiveSmallIntegerField(_("second akyn's seed"), null=True, blank=True)
    winner = models.ForeignKey(
        "events.Application",
        verbose_name=_("winner"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
    )
    decided_by = models.CharField(_("decided by"), max_length=12, choices=DecidedBy.choices, blank=True)

    history = history()

    class Meta:
        verbose_name = _("duel")
        verbose_name_plural = _("duels")
        ordering = ["round_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "position"], name="aitys_duel_unique"),
            models.CheckConstraint(condition=~Q(first=models.F("second")), name="aitys_duel_two_akyns"),
        ]

    def __str__(self):
        return f"{self.round} · {self.position}"

    @property
    def is_bye(self) -> bool:
        return self.second_id is None

    def seed_of(self, application_id: int) -> int | None:
        return self.first_seed if application_id == self.first_id else self.second_seed


class DuelScore(TimeStamped):
    """A juror's score of one akyn in one duel on one criterion of the competition's rubric."""

    duel = models.ForeignKey(Duel, verbose_name=_("duel"), on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(
        "events.Juror", verbose_name=_("juror"), on_delete=models.CASCADE, related_name="duel_scores"
    )
    application = models.ForeignKey(
        "events.Application", verbose_name=_("akyn"), on_delete=models.CASCADE, related_name="duel_scores"
    )
    criterion = models.ForeignKey(
        "events.Criterion", verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("duel score")
        verbose_name_plural = _("duel scores")
        ordering = ["duel_id", "juror_id", "application_id", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["duel", "juror", "application", "criterion"], name="aitys_duel_score_unique"
            )
        ]

    def __str__(self):
        return f"{self.duel} · {self.juror_id} · {self.application_id}: {self.value}"


class AudienceVote(TimeStamped):
    """One signed-in visitor's choice in one duel; counted apart from the jury, never mixed into its result."""

    duel = models.ForeignKey(Duel, verbose_name=_("duel"), on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voter"), on_delete=models.CASCADE, related_name="+"
    )
    application = models.ForeignKey(
        "events.Application", verbose_name=_("akyn"), on_delete=models.CASCADE, related_name="+"
    )

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("audience vote")
        verbose_name_plural = _("audience votes")
        ordering = ["duel_id", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["duel", "user"],
                name="aitys_one_vote_per_person",
                violation_error_message=_("You have already voted in this duel."),
            )
        ]

    def __str__(self):
        return f"{self.duel} · {self.application_id}"
