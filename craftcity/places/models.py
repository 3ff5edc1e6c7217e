"""Places where crafts and music happen: workshops, venues, museums, squares."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, Publishable, PublishableQuerySet, TimeStamped
from craftcity.core.translation import TranslatedField


class Place(TimeStamped, DemoMarked, Publishable):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        STUDIO = "studio", _("Studio")
        GALLERY = "gallery", _("Gallery")
        MUSEUM = "museum", _("Museum")
        VENUE = "venue", _("Venue")
        SQUARE = "square", _("Square")
        SCHOOL = "school", _("School")
        SHOP = "shop", _("Shop")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = TranslatedField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    address = TranslatedField(_("address"), max_length=300, blank=True)
    is_address_public = models.BooleanField(
        _("exact address may be shown"),
        default=False,
        help_text=_("A workshop in someone's home shows only its district unless they consented."),
    )
    locality = models.ForeignKey(
        "geo.Locality",
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    opening_hours = models.CharField(
        _("opening hours"), max_length=300, blank=True, help_text=_("OpenStreetMap syntax, e.g. Mo-Fr 10:00-18:00")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("artisan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        help_text=_("The artisan whose workshop this is."),
    )
    accessibility = TranslatedField(_("accessibility"), multiline=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    history = history(excluded_fields=["updated_at"])
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_on_earth",
                violation_error_message=_("Latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_on_earth",
                violation_error_message=_("Longitude must be between -180 and 180."),
            ),
        ]

    def __str__(self):
        return str(self.name) or self.slug

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("public:place", args=[self.slug])

    def public_coordinates(self, viewer=None) -> tuple[float, float, bool] | None:
        """(latitude, longitude, exact). Without consent a home workshop is shown only near its district:
        coordinates are rounded to two decimals (about a kilometre), never the door."""
        from craftcity.accounts.rules import can_see_place_address

        if self.latitude is None or self.longitude is None:
            return None
        if self.is_address_public or self.person_id is None or can_see_place_address(viewer, self):
            return float(self.latitude), float(self.longitude), True
        return round(float(self.latitude), 2), round(float(self.longitude), 2), False

    def public_address(self, viewer=None) -> str:
        """The exact address only with consent (or for who may see it); else the district or city."""
        from craftcity.accounts.rules import can_see_place_address

        if self.is_address_public or can_see_place_address(viewer, self):
            return str(self.address)
        return str(self.locality.name) if self.locality else ""
