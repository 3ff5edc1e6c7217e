"""Organizations of the creative community and who belongs to them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, Publishable, PublishableQuerySet, TimeStamped
from craftcity.core.pictures import Pictured
from craftcity.core.translation import TranslatedField

YEAR_VALIDATORS = [MinValueValidator(1800), MaxValueValidator(2100)]


class Organization(TimeStamped, DemoMarked, Publishable, Pictured):
    class Kind(models.TextChoices):
        UNION = "union", _("Union")
        ASSOCIATION = "association", _("Association")
        CHAMBER = "chamber", _("Chamber of crafts")
        WORKSHOP = "workshop", _("Workshop or studio")
        SCHOOL = "school", _("School")
        MUSEUM = "museum", _("Museum")
        VENUE = "venue", _("Venue")
        ENSEMBLE = "ensemble", _("Ensemble or orchestra")
        GOVERNMENT = "government", _("Government body")
        INTERNATIONAL = "international", _("International body")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    country = models.ForeignKey(
        "geo.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    locality = models.ForeignKey(
        "geo.Locality",
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    region = models.ForeignKey(
        "geo.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True, validators=YEAR_VALIDATORS)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    disciplines = models.ManyToManyField(
        "taxonomy.Discipline", verbose_name=_("disciplines"), blank=True, related_name="organizations"
    )

    history = history(m2m_fields=[disciplines], excluded_fields=["updated_at"])
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["slug"]
        permissions = [("edit_any_organization", _("Can edit any organization"))]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="organization_not_own_parent"),
        ]

    def __str__(self):
        return str(self.name) or self.slug

    def ancestors(self):
        seen, node = [], self.parent
        while node is not None and node.pk not in {a.pk for a in seen} and node.pk != self.pk:
            seen.append(node)
            node = node.parent
        return seen

    def clean(self):
        node, steps = self.parent, 0
        while node is not None and steps < 1000:
            if self.pk and node.pk == self.pk:
                raise ValidationError(
                    {"parent": _("An organization cannot be part of itself, directly or through others.")}
                )
            node, steps = node.parent, steps + 1


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FOUNDER = "founder", _("Founder")
        PRESIDENT = "president", _("President")
        DIRECTOR = "director", _("Director")
        BOARD = "board", _("Board member")
        STAFF = "staff", _("Staff")
        TEACHER = "teacher", _("Teacher")
        STUDENT = "student", _("Student")

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("until year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    is_editor = models.BooleanField(
        _("edits the organization"), default=False, help_text=_("May edit this organization's record and its members.")
    )

    history = history()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization_id", "person_id", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="membership_years_in_order",
                violation_error_message=_("The membership cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["person", "organization", "role", "start_year"],
                name="membership_unique",
                violation_error_message=_("This membership is already recorded."),
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.organization} ({self.get_role_display()})"

    def clean(self):
        # The unique constraint cannot see two rows whose start year is unknown (NULL) as equal.
        if self.start_year is None and self.person_id and self.organization_id:
            twins = Membership.objects.filter(
                person_id=self.person_id, organization_id=self.organization_id, role=self.role, start_year__isnull=True
            ).exclude(pk=self.pk)
            if twins.exists():
                raise ValidationError(_("This membership is already recorded."))

    def is_active_in(self, year: int) -> bool:
        return (self.start_year is None or self.start_year <= year) and (self.end_year is None or year <= self.end_year)
