"""Countries, regions of Kazakhstan (ISO 3166-2 and KATO codes) and localities."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked
from craftcity.core.translation import TranslatedField


class Country(models.Model):
    iso_code = models.CharField(_("ISO 3166-1 code"), max_length=2, unique=True)
    name = TranslatedField(_("name"), max_length=200)

    history = history()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["iso_code"]

    def __str__(self):
        return str(self.name) or self.iso_code


class Region(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("Region (oblys)")
        CITY = "city", _("City of republican significance")

    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="regions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGION)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=10, unique=True)
    kato_code = models.CharField(_("KATO code"), max_length=9, blank=True)
    name = TranslatedField(_("name"), max_length=200)
    capital = TranslatedField(_("administrative centre"), max_length=200, blank=True)

    history = history()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["iso_code"]

    def __str__(self):
        return str(self.name) or self.iso_code


class Locality(DemoMarked):
    """A city, town, village or a city's district."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        TOWN = "town", _("Town")
        VILLAGE = "village", _("Village")
        DISTRICT = "district", _("City district")

    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="localities")
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="localities"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CITY)
    name = TranslatedField(_("name"), max_length=200)
    kato_code = models.CharField(_("KATO code"), max_length=9, blank=True)

    history = history()

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["country__iso_code", "region__iso_code", "id"]

    def __str__(self):
        return str(self.name)
