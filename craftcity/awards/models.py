"""Designations and awards: a programme (World Craft City, a prize…) and who holds it since when."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, TimeStamped
from craftcity.core.translation import TranslatedField


class AwardProgramme(models.Model):
    class Kind(models.TextChoices):
        CITY_TITLE = "city_title", _("City designation")
        PRIZE = "prize", _("Prize or award")
        HONOUR = "honour", _("Honorary title")
        CERTIFICATE = "certificate", _("Master certificate")
        GRANT = "grant", _("Grant or scholarship")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=300)
    awarding_body = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("awarding body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_programmes",
    )
    description = TranslatedField(_("description"), multiline=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    term_years = models.PositiveSmallIntegerField(
        _("valid for (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Titles and certificates that must be renewed; empty: held for life."),
    )

    history = history()

    class Meta:
        verbose_name = _("award programme")
        verbose_name_plural = _("award programmes")
        ordering = ["slug"]

    def __str__(self):
        return str(self.name) or self.slug


class Award(TimeStamped, DemoMarked):
    """One grant of a programme to one holder: a person, an organization or a city. A title with a term is
    valid until a date, may be renewed (a new award that `renews` the old one) or cancelled with a reason."""

    class Tier(models.TextChoices):
        # The Living Human Treasures ladder (Korea; UNESCO's guidelines): holder → instructor → trainee.
        HOLDER = "holder", _("Title holder")
        INSTRUCTOR = "instructor", _("Certified instructor")
        TRAINEE = "trainee", _("Certified trainee")

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1800), MaxValueValidator(2100)])
    granted_on = models.DateField(_("granted on"), null=True, blank=True)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="awards",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="awards",
    )
    locality = models.ForeignKey(
        "geo.Locality", verbose_name=_("city"), null=True, blank=True, on_delete=models.CASCADE, related_name="awards"
    )
    scope = TranslatedField(
        _("scope"), blank=True, max_length=500, help_text=_("E.g. jewellery and musical instrument making.")
    )
    citation = TranslatedField(_("citation"), multiline=True, blank=True)
    certificate = models.FileField(_("certificate"), upload_to="awards/certificates/", blank=True)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    tier = models.CharField(_("tier"), max_length=12, choices=Tier.choices, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True, max_length=2000)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, organization__isnull=True, locality__isnull=True)
                    | Q(person__isnull=True, organization__isnull=False, locality__isnull=True)
                    | Q(person__isnull=True, organization__isnull=True, locality__isnull=False)
                ),
                name="award_has_one_holder",
                violation_error_message=_("An award goes to exactly one holder: a person, an organization or a city."),
            ),
        ]

    def __str__(self):
        return f"{self.programme} {self.year} — {self.holder}"

    @property
    def holder(self):
        return self.person or self.organization or self.locality

    @property
    def starts_on(self):
        import datetime as dt

        return self.granted_on or dt.date(self.year, 1, 1)

    def is_in_force(self, day) -> bool:
        """Granted by `day`, not expired and not cancelled on it."""
        return (
            self.starts_on <= day
            and (self.valid_until is None or day <= self.valid_until)
            and (self.cancelled_on is None or day < self.cancelled_on)
        )

    def clean(self):
        if self.granted_on and self.granted_on.year != self.year:
            raise ValidationError({"granted_on": _("The date is not in the award's year.")})
        if self.valid_until and self.valid_until < self.starts_on:
            raise ValidationError({"valid_until": _("A title cannot expire before it is granted.")})
        if self.cancelled_on and not self.cancellation_reason.strip():
            raise ValidationError({"cancellation_reason": _("Say why the title is cancelled.")})
        if self.cancelled_on and self.cancelled_on < self.starts_on:
            raise ValidationError({"cancelled_on": _("A title cannot be cancelled before it is granted.")})
        if self.tier and self.person_id is None:
            raise ValidationError({"tier": _("Only a person holds a tier of a title.")})
        if self.renews_id and self.renews_id == self.pk:
            raise ValidationError({"renews": _("A title cannot renew itself.")})
