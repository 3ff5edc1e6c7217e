"""Places where crafts and music happen: workshops, venues, museums, squares."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, Publishable, PublishableQuerySet, TimeStamped
from craftcity.core.pictures import Pictured
from craftcity.core.translation import TranslatedField


def validate_opening_hours(value: str) -> None:
    """OpenStreetMap opening_hours syntax; the error shows the text with a caret where reading stopped."""
    from tourkit.hours import HoursError, validate

    try:
        validate(value)
    except HoursError as error:
        raise ValidationError(
            _("These opening hours cannot be read at character %(column)s (%(pointer)s): expected %(expected)s."),
            code="opening_hours",
            params={"column": error.column or "?", "pointer": _pointer(error), "expected": error.expected},
        ) from None


def _pointer(error) -> str:
    """The text with ⟪here⟫ marked at the failing character, readable in one line of a form error."""
    if not error.column:
        return error.text
    cut = error.column - 1
    return f"{error.text[:cut]}⟪{error.text[cut : cut + 1] or ' '}⟫{error.text[cut + 1 :]}"


def validate_language_codes(value: str) -> None:
    from django.conf.locale import LANG_INFO

    unknown = [code for code in split_codes(value) if code not in LANG_INFO]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s. Use codes such as kk, ru, en."), params={"codes": ", ".join(unknown)}
        )


def split_codes(value: str) -> list[str]:
    return [code.strip().lower() for code in (value or "").replace(";", ",").split(",") if code.strip()]


class Place(TimeStamped, DemoMarked, Publishable, Pictured):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        STUDIO = "studio", _("Studio")
        GALLERY = "gallery", _("Gallery")
        MUSEUM = "museum", _("Museum")
        VENUE = "venue", _("Venue")
        SQUARE = "square", _("Square")
        SCHOOL = "school", _("School")
        SHOP = "shop", _("Shop")

    class VisitMode(models.TextChoices):
        WALK_IN = "walk_in", _("Walk in during opening hours")
        APPOINTMENT = "appointment", _("By appointment only")
        BOTH = "both", _("Walk in, or by appointment outside opening hours")

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
        _("opening hours"),
        max_length=300,
        blank=True,
        validators=[validate_opening_hours],
        help_text=_("OpenStreetMap syntax, e.g. Mo-Fr 10:00-18:00; Sa 11:00-15:00; PH off (public holidays)"),
    )
    visit_mode = models.CharField(_("visits"), max_length=16, choices=VisitMode.choices, default=VisitMode.WALK_IN)
    visit_minutes = models.PositiveSmallIntegerField(
        _("usual visit (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(600)],
        help_text=_("How long a visitor usually stays; the tour planner uses it."),
    )
    offers = TranslatedField(_("what can be seen or bought"), multiline=True, blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas, e.g. kk, ru, en."),
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
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "How many people the venue holds at one event; attendance recorded after an event is checked "
            "against it. Empty: not known."
        ),
    )

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

    def language_names(self) -> list[str]:
        from django.utils.translation import get_language_info

        return [get_language_info(code)["name_translated"] for code in split_codes(self.languages)]

    def public_address(self, viewer=None) -> str:
        """The exact address only with consent (or for who may see it); else the district or city."""
        from craftcity.accounts.rules import can_see_place_address

        if self.is_address_public or can_see_place_address(viewer, self):
            return str(self.address)
        return str(self.locality.name) if self.locality else ""
