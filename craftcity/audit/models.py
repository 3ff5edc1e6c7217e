"""Every change is a historical row (django-simple-history) tied to a batch, so an import, a merge
or an edit can be reviewed and undone as one unit."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ChangeBatch(models.Model):
    class Kind(models.TextChoices):
        EDIT = "edit", _("Edit")
        IMPORT = "import", _("Import")
        MERGE = "merge", _("Merge")
        DEMO = "demo", _("Demo data")
        UNDO = "undo", _("Undo")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.EDIT)
    label = models.CharField(_("label"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_batches",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        "self",
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="undoes",
    )

    class Meta:
        verbose_name = _("change batch")
        verbose_name_plural = _("change batches")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label or self.id} ({self.created_at:%Y-%m-%d %H:%M})"


class BatchedHistory(models.Model):
    """Abstract base of every historical table: links the row to its batch."""

    batch = models.ForeignKey(
        ChangeBatch,
        verbose_name=_("batch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=True,
    )

    class Meta:
        abstract = True


def _history_user(instance=None, request=None, **kwargs):
    from .context import current_user

    user = current_user()
    if user is not None:
        return user
    if request is not None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        return request.user
    return None


class BatchedHistoricalRecords(HistoricalRecords):
    """Simple-history's recorder; inside `audit.bulk.deletions_recorded()` the "-" rows of a large deletion are
    kept and written together at its end instead of one INSERT per deleted row."""

    def post_delete(self, instance, using=None, **kwargs):
        from .bulk import defer_deletion_record

        if not defer_deletion_record(self, instance):
            super().post_delete(instance, using=using, **kwargs)


def history(**kwargs) -> HistoricalRecords:
    """The HistoricalRecords every domain model uses."""
    return BatchedHistoricalRecords(bases=[BatchedHistory], get_user=_history_user, **kwargs)
