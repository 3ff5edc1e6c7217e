"""Curated walking tours: an ordered list of places with a text per stop."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, Publishable, PublishableQuerySet, TimeStamped
from craftcity.core.translation import TranslatedField


class Tour(TimeStamped, DemoMarked, Publishable):
    """A tour the tourism department or a curator publishes; duration and distance are computed."""

    title = TranslatedField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = TranslatedField(_("summary"), multiline=True, blank=True)

    history = history(excluded_fields=["updated_at"])
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("tour")
        verbose_name_plural = _("tours")
        ordering = ["slug"]

    def __str__(self):
        return str(self.title) or self.slug

    def get_absolute_url(self):
        return reverse("public:tour", args=[self.slug])


class TourStop(models.Model):
    """One place on a tour, in order, with what to look at there."""

    tour = models.ForeignKey(Tour, verbose_name=_("tour"), on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="tour_stops"
    )
    text = TranslatedField(_("text"), multiline=True, blank=True)
    visit_minutes = models.PositiveSmallIntegerField(
        _("visit (minutes)"), default=30, validators=[MinValueValidator(0), MaxValueValidator(600)]
    )
    photo = models.ImageField(_("photo"), upload_to="tours/", blank=True)

    history = history()

    class Meta:
        verbose_name = _("tour stop")
        verbose_name_plural = _("tour stops")
        ordering = ["tour", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["tour", "position"], name="tour_stop_position_unique")]

    def __str__(self):
        return f"{self.position}. {self.place}"
