"""Reporting obligations that come with a designation, the analyst's narrative, and dossier builds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, TimeStamped
from craftcity.core.storage import private_storage
from craftcity.core.translation import TranslatedField


class DossierTemplate(models.TextChoices):
    WCC = "wcc", _("World Craft City report")
    UCCN = "uccn", _("UNESCO Creative Cities membership monitoring report")


class ReportingObligation(TimeStamped, DemoMarked):
    """A report a city owes for one of its designations (a city-title award), due on a date.

    `is_demo` marks a demo submission on a real obligation: remove_demo reopens it."""

    class Kind(models.TextChoices):
        WCC_2_YEAR = "wcc_2y", _("WCC report after 2 years")
        WCC_4_YEAR = "wcc_4y", _("WCC report after 4 years")
        UCCN_MONITORING = "uccn_mmr", _("UCCN membership monitoring report")

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        IN_PREPARATION = "in_preparation", _("In preparation")
        SUBMITTED = "submitted", _("Submitted")

    award = models.ForeignKey(
        "awards.Award",
        verbose_name=_("designation"),
        on_delete=models.CASCADE,
        related_name="reporting_obligations",
        limit_choices_to={"programme__kind": "city_title"},
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DUE)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_reports",
    )
    # The report as sent: kept out of MEDIA_ROOT, downloaded by analysts from the dashboard.
    submission = models.FileField(
        _("report as submitted"), upload_to="dossier/reports/%Y/", blank=True, storage=private_storage
    )
    reminded_at = models.DateTimeField(_("last reminder sent"), null=True, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    history = history(excluded_fields=["updated_at", "reminded_at"])

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["award", "kind", "due_on"], name="reporting_obligation_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_on__isnull=False),
                name="reporting_obligation_submitted_has_date",
                violation_error_message=_("A submitted report needs the date it was submitted."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.due_on:%Y-%m-%d}"

    def days_late(self, today) -> int:
        """Days past the due date (0 when not late); a submitted report is late by the day it was sent."""
        end = self.submitted_on if self.status == self.Status.SUBMITTED else today
        return max(0, (end - self.due_on).days)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.status == self.Status.SUBMITTED and not self.submitted_on:
            raise ValidationError({"submitted_on": _("A submitted report needs the date it was submitted.")})


class NarrativeSection(TimeStamped):
    """A section of text the analyst writes for one dossier template, in every language."""

    template = models.CharField(_("dossier"), max_length=8, choices=DossierTemplate.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = TranslatedField(_("title"), max_length=300)
    body = TranslatedField(_("text"), multiline=True, blank=True)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("narrative section")
        verbose_name_plural = _("narrative sections")
        ordering = ["template", "position", "id"]

    def __str__(self):
        return str(self.title)


class DossierBuild(models.Model):
    """One request from the back office to build the dossier; the files land in the private folder's dossiers/
    (outside MEDIA_ROOT, which the web server serves to anyone: only dossier builders download them)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    template = models.CharField(_("dossier"), max_length=8, choices=DossierTemplate.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    as_of = models.DateField(_("as of"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="dossiers/", blank=True, storage=private_storage)
    annexes = models.FileField(_("annexes (XLSX)"), upload_to="dossiers/", blank=True, storage=private_storage)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossier_builds",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier build")
        verbose_name_plural = _("dossier builds")
        ordering = ["-created_at", "-id"]
        permissions = [("build_dossier", _("Can see the indicators and build the dossier"))]

    def __str__(self):
        return f"{self.get_template_display()} {self.as_of:%Y-%m-%d} ({self.language})"
