"""The city's support for artisans and musicians: programmes (grants, scholarships, residencies, subsidies,
prize money), the awards they make with instalments paid, the recipients' reports, and residencies."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, TimeStamped
from craftcity.core.storage import private_storage
from craftcity.core.translation import TranslatedField

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class Programme(TimeStamped, DemoMarked):
    class Kind(models.TextChoices):
        GRANT = "grant", _("Grant")
        SCHOLARSHIP = "scholarship", _("Scholarship")
        RESIDENCY = "residency", _("Residency")
        SUBSIDY = "subsidy", _("Subsidy")
        PRIZE_MONEY = "prize_money", _("Prize money")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=300)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    funder = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_programmes",
    )
    currency = models.CharField(_("currency"), max_length=3, default="KZT", help_text=_("ISO 4217 code, e.g. KZT."))
    call = models.OneToOneField(
        "events.Call",
        verbose_name=_("call for applications"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_programme",
        help_text=_("Empty: awards are decided directly. Set: only the call's winners (judged by its jury) receive."),
    )
    are_awards_public = models.BooleanField(
        _("awards are published"),
        default=False,
        help_text=_("Recipients and amounts are shown to the public; otherwise amounts are seen by staff only."),
    )

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")
        ordering = ["slug"]

    def __str__(self):
        return str(self.name) or self.slug

    def clean(self):
        if self.currency and not (len(self.currency) == 3 and self.currency.isalpha() and self.currency.isupper()):
            raise ValidationError({"currency": _("Use a three-letter ISO 4217 code in capitals, e.g. KZT.")})


class Grant(TimeStamped, DemoMarked):
    """One award of a programme to a person or an organization."""

    class Status(models.TextChoices):
        AWARDED = "awarded", _("Awarded")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT,
                                  related_name="grants")  # fmt: skip
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="grants",
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="grants",
    )  # fmt: skip
    application = models.OneToOneField(
        "events.Application", verbose_name=_("application"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="grant",
    )  # fmt: skip
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=POSITIVE)
    decided_on = models.DateField(_("decided on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.AWARDED)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    purpose = TranslatedField(_("purpose"), blank=True, max_length=500)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True)
                | Q(person__isnull=True, organization__isnull=False),
                name="grant_has_one_recipient",
                violation_error_message=_("A grant goes to exactly one recipient: a person or an organization."),
            )
        ]

    def __str__(self):
        return f"{self.programme} {self.decided_on:%Y} — {self.recipient}"

    @property
    def recipient(self):
        return self.person or self.organization

    @property
    def currency(self) -> str:
        return self.programme.currency


class Instalment(models.Model):
    grant = models.ForeignKey(Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="instalments")
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=POSITIVE)
    paid_on = models.DateField(_("paid on"))

    history = history()

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["grant_id", "paid_on", "id"]

    def __str__(self):
        return f"{self.amount} {self.grant.currency} — {self.paid_on:%Y-%m-%d}"


class GrantReport(TimeStamped):
    """The recipient's report on what the grant achieved, and the programme's acceptance of it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    grant = models.ForeignKey(Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="reports")
    submitted_on = models.DateField(_("submitted on"))
    summary = models.TextField(_("summary"), max_length=5000)
    file = models.FileField(_("file"), upload_to="support/reports/%Y/", blank=True, storage=private_storage)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="grant_reports_decided",
    )  # fmt: skip
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("recipient's report")
        verbose_name_plural = _("recipients' reports")
        ordering = ["grant_id", "submitted_on", "id"]

    def __str__(self):
        return f"{self.grant} — {self.submitted_on:%Y-%m-%d}"


class Residency(TimeStamped, DemoMarked):
    """A residency a grant pays for: who hosts it, when and where, and what came out of it."""

    grant = models.OneToOneField(Grant, verbose_name=_("grant"), on_delete=models.CASCADE, related_name="residency")
    host = models.ForeignKey(
        "organizations.Organization", verbose_name=_("host"), on_delete=models.PROTECT, related_name="residencies"
    )
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="residencies",
    )  # fmt: skip
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    works = models.ManyToManyField("works.Work", verbose_name=_("works made"), blank=True, related_name="residencies")
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events held"), blank=True, related_name="residencies"
    )

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("residency")
        verbose_name_plural = _("residencies")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="residency_ends_after_start",
                violation_error_message=_("A residency cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.grant.recipient} @ {self.host} ({self.starts_on:%Y-%m-%d})"
