"""The discipline taxonomy: creative field → discipline → technique, and materials."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.translation import TranslatedField


class TermBase(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = TranslatedField(_("name"), max_length=200)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    aat_id = models.CharField(
        _("Getty AAT ID"), max_length=20, blank=True, help_text=_("Art & Architecture Thesaurus identifier, if any.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    synonyms = models.JSONField(
        _("synonyms"),
        default=list,
        blank=True,
        help_text=_("Other words lists use for it, in any language and script; imports find it by them."),
    )

    class Meta:
        abstract = True
        ordering = ["position", "slug"]

    def __str__(self):
        return str(self.name) or self.slug


class CreativeField(TermBase):
    history = history()

    class Meta(TermBase.Meta):
        verbose_name = _("creative field")
        verbose_name_plural = _("creative fields")


class Discipline(TermBase):
    field = models.ForeignKey(
        CreativeField, verbose_name=_("creative field"), on_delete=models.PROTECT, related_name="disciplines"
    )

    history = history()

    class Meta(TermBase.Meta):
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")


class Technique(TermBase):
    discipline = models.ForeignKey(
        Discipline, verbose_name=_("discipline"), on_delete=models.PROTECT, related_name="techniques"
    )

    history = history()

    class Meta(TermBase.Meta):
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")


class Material(TermBase):
    history = history()

    class Meta(TermBase.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")
