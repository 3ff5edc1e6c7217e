"""Lines of transmission: parent → child and master → apprentice, and the dynasties derived from them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, Publishable, PublishableQuerySet, TimeStamped
from craftcity.core.translation import TranslatedField

from . import graph

YEAR_VALIDATORS = [MinValueValidator(1800), MaxValueValidator(2100)]


class Relation(DemoMarked):
    class Kind(models.TextChoices):
        FAMILY = "family", _("Parent and child")
        APPRENTICESHIP = "apprenticeship", _("Master and apprentice")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    senior = models.ForeignKey(
        "people.Person",
        verbose_name=_("parent or master"),
        on_delete=models.CASCADE,
        related_name="relations_as_senior",
    )
    junior = models.ForeignKey(
        "people.Person",
        verbose_name=_("child or apprentice"),
        on_delete=models.CASCADE,
        related_name="relations_as_junior",
    )
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("until year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    note = TranslatedField(_("note"), blank=True, max_length=500)

    history = history()

    class Meta:
        verbose_name = _("lineage relation")
        verbose_name_plural = _("lineage relations")
        ordering = ["senior_id", "junior_id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(senior=models.F("junior")),
                name="relation_not_to_self",
                violation_error_message=_("A person cannot be their own parent or master."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="relation_years_in_order",
                violation_error_message=_("The relation cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["kind", "senior", "junior"],
                name="relation_unique",
                violation_error_message=_("This relation is already recorded."),
            ),
        ]

    def __str__(self):
        return f"{self.senior} → {self.junior} ({self.get_kind_display()})"

    def clean(self):
        if self.senior_id and self.senior_id == self.junior_id:
            raise ValidationError(_("A person cannot be their own parent or master."))
        if not (self.senior_id and self.junior_id and self.kind):
            return
        edges = Relation.objects.filter(kind=self.kind).exclude(pk=self.pk).values_list("senior_id", "junior_id")
        if graph.would_close_cycle(self.senior_id, self.junior_id, list(edges)):
            if self.kind == self.Kind.APPRENTICESHIP:
                raise ValidationError(_("This would make the apprentice a master of their own master (a cycle)."))
            raise ValidationError(_("This would make a person their own ancestor (a cycle in the family)."))


class Dynasty(TimeStamped, DemoMarked, Publishable):
    """A named line of transmission. Members and generations are derived from the relations."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = TranslatedField(_("name"), max_length=300)
    founder = models.ForeignKey(
        "people.Person", verbose_name=_("founder"), on_delete=models.PROTECT, related_name="founded_dynasties"
    )
    discipline = models.ForeignKey(
        "taxonomy.Discipline",
        verbose_name=_("discipline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dynasties",
    )
    description = TranslatedField(_("description"), multiline=True, blank=True)
    includes_apprentices = models.BooleanField(
        _("includes apprentices"),
        default=True,
        help_text=_("Count masters' apprentices as members of the line, not only children."),
    )
    generation_count = models.PositiveSmallIntegerField(_("generations"), default=1, editable=False)
    member_count = models.PositiveIntegerField(_("members"), default=1, editable=False)

    history = history(excluded_fields=["updated_at", "generation_count", "member_count"])
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("dynasty")
        verbose_name_plural = _("dynasties")
        ordering = ["slug"]

    def __str__(self):
        return str(self.name) or self.slug


class DynastyMember(models.Model):
    """Derived, never typed: rebuilt from the relations whenever they change."""

    dynasty = models.ForeignKey(Dynasty, verbose_name=_("dynasty"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="dynasty_memberships"
    )
    generation = models.PositiveSmallIntegerField(_("generation"))

    class Meta:
        verbose_name = _("dynasty member")
        verbose_name_plural = _("dynasty members")
        ordering = ["dynasty_id", "generation", "person_id"]
        constraints = [models.UniqueConstraint(fields=["dynasty", "person"], name="dynasty_member_unique")]

    def __str__(self):
        return f"{self.person} ({self.generation})"
