"""Pairs of records that may be one person, waiting for a registrar's decision."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from craftcity.core.models import TimeStamped


class DuplicateCandidateQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=DuplicateCandidate.Status.PENDING)

    def between_active(self):
        """Both records still live: a pair that lost a side to another merge waits until that is undone."""
        return self.filter(person_a__merged_into__isnull=True, person_b__merged_into__isnull=True)

    def for_pair(self, first_id: int, second_id: int):
        low, high = sorted((first_id, second_id))
        return self.filter(person_a_id=low, person_b_id=high)


class DuplicateCandidate(TimeStamped):
    """Two people the matcher thinks are one, with the evidence per field and the registrar's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Merged")
        REJECTED = "rejected", _("Different people")

    # Stored with person_a.pk < person_b.pk, so a pair has exactly one row whichever way it was found.
    person_a = models.ForeignKey(
        "people.Person", verbose_name=_("first record"), on_delete=models.CASCADE, related_name="candidates_as_a"
    )
    person_b = models.ForeignKey(
        "people.Person", verbose_name=_("second record"), on_delete=models.CASCADE, related_name="candidates_as_b"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    match_probability = models.FloatField(
        _("match probability"), help_text=_("Posterior probability that both records are one person.")
    )
    match_weight = models.FloatField(
        _("match weight"), help_text=_("Log2 odds of a match: the sum of the field weights and the prior.")
    )
    evidence = models.JSONField(
        _("evidence"),
        default=list,
        blank=True,
        help_text=_("Per compared field: both values, the agreement level and its partial weight."),
    )
    cluster_key = models.CharField(
        _("cluster"),
        max_length=40,
        blank=True,
        db_index=True,
        help_text=_("Pairs of one cluster of records share this key and are reviewed together."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicate_decisions",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    merge_batch = models.ForeignKey(
        "audit.ChangeBatch",
        verbose_name=_("merge batch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicate_candidates",
        help_text=_("The change batch of the merge; undoing the merge undoes this batch."),
    )

    objects = DuplicateCandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("duplicate candidate")
        verbose_name_plural = _("duplicate candidates")
        ordering = ["-match_weight", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_candidate_unique_pair"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")), name="duplicate_candidate_pair_ordered"),
        ]
        indexes = [models.Index(fields=["status", "match_weight"])]

    def __str__(self):
        return f"{self.person_a} ≟ {self.person_b}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
