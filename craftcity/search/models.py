"""One row per searchable thing, denormalized for search; the database's own full-text index sits on it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from craftcity.core.translation import TranslatedField


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANIZATION = "organization", _("Organization")
        DYNASTY = "dynasty", _("Dynasty")
        DISCIPLINE = "discipline", _("Craft or art")
        PLACE = "place", _("Place")
        WORK = "work", _("Work")
        EVENT = "event", _("Event")
        MUSICAL_WORK = "musical_work", _("Musical work")
        RECORDING = "recording", _("Recording")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    ref = models.CharField(_("reference"), max_length=160, help_text=_("The slug or number in the object's URL."))
    title = TranslatedField(_("title"), max_length=400)
    subtitle = TranslatedField(_("subtitle"), max_length=400, blank=True)
    keys = models.TextField(_("name keys"), blank=True, help_text=_("Script-independent keys of every name form."))
    text = models.TextField(_("text"), blank=True)
    facets = models.JSONField(_("facets"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["kind", "object_id"]
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]

    def __str__(self):
        return f"{self.kind} {self.ref}"
