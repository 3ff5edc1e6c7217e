"""Building blocks every domain model shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class DemoMarked(models.Model):
    """Synthetic records that make the demo city look lived-in carry this flag and go with `remove_demo`."""

    is_demo = models.BooleanField(_("demo data"), default=False, db_index=True, editable=False)

    class Meta:
        abstract = True


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def public(self):
        """What a visitor may see: the one public queryset of each model (pages, API, feeds, search, exports).
        A published record here; models with more conditions (people: not merged) say so by overriding it."""
        return self.published()


class Publishable(models.Model):
    status = models.CharField(
        _("publication status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        db_index=True,
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED
