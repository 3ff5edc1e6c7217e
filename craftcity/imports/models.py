"""Lists of people sent by regional offices: where they come from, each import run, and what each row became."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from craftcity.core.storage import private_storage


class ImportSource(models.Model):
    """Who sends lists (a regional association, say) and how their columns map to our fields."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    column_mapping = models.JSONField(
        _("column mapping"),
        default=dict,
        blank=True,
        help_text=_("Column name as written in the file → field; reused for the next file from this source."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImportBatchQuerySet(models.QuerySet):
    def live(self):
        """Imports whose rows are in the registry: written and not undone."""
        return self.filter(status=ImportBatch.Status.IMPORTED, change_batch__undone_at__isnull=True)


class ImportBatch(models.Model):
    """One file run through the importer: a dry run, a refused file or an import that can be undone."""

    class Mode(models.TextChoices):
        DRY_RUN = "dry_run", _("Dry run: show what would happen, write nothing")
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing: import only if every row is valid")
        VALID_ROWS = "valid_rows", _("Import the valid rows, skip the rejected ones")

    class Status(models.TextChoices):
        DRY_RUN = "dry_run", _("Dry run")
        IMPORTED = "imported", _("Imported")
        REJECTED = "rejected", _("Rejected: nothing written")
        ALREADY_IMPORTED = "already_imported", _("Already imported: nothing written")

    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64, db_index=True)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    source = models.ForeignKey(
        ImportSource,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="batches",
    )
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.ALL_OR_NOTHING)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_batches",
    )
    change_batch = models.OneToOneField(
        "audit.ChangeBatch",
        verbose_name=_("change batch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_batch",
        help_text=_("The history batch holding every change of this import; undoing it reverts the import."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    # How the file was read, so that a surprising result can be explained.
    file_format = models.CharField(_("format"), max_length=8, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    delimiter = models.CharField(_("delimiter"), max_length=4, blank=True)
    header_row = models.PositiveIntegerField(_("header row"), null=True, blank=True)
    column_mapping = models.JSONField(_("column mapping used"), default=dict, blank=True)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    rows_created = models.PositiveIntegerField(_("people created"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows already in the registry"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    rows_flagged = models.PositiveIntegerField(_("likely duplicates flagged"), default=0)
    rows_enriched = models.PositiveIntegerField(_("people enriched"), default=0)
    rows_drafted = models.PositiveIntegerField(_("drafts waiting in the duplicates queue"), default=0)
    organizations_created = models.PositiveIntegerField(_("organizations created"), default=0)
    # Issues are kept as message codes with parameters and rendered in the reader's language.
    issues = models.JSONField(_("issues"), default=list, blank=True)
    candidates = models.JSONField(_("likely duplicates"), default=list, blank=True)
    # Values of controlled vocabularies the registry does not know, each with its rows and suggestions:
    # the mapping table the registrar fills in before importing again.
    unknown_values = models.JSONField(_("unknown values"), default=list, blank=True)
    duration_seconds = models.FloatField(_("duration (s)"), default=0)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})" if self.created_at else self.file_name

    @property
    def is_undone(self) -> bool:
        return self.change_batch_id is not None and self.change_batch.undone_at is not None

    @property
    def can_undo(self) -> bool:
        return self.status == self.Status.IMPORTED and self.change_batch_id is not None and not self.is_undone


class PersonSource(models.Model):
    """Where a person's imported values came from: the file, the row as the user sees it, the raw cells."""

    class Outcome(models.TextChoices):
        CREATED = "created", _("created")
        ENRICHED = "enriched", _("added to a person already in the registry")
        DRAFT = "draft", _("created as a draft: a likely duplicate, waiting for review")

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="import_sources"
    )
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import batch"), on_delete=models.CASCADE, related_name="person_sources"
    )
    row_number = models.PositiveIntegerField(_("row number"))
    raw = models.JSONField(_("row as written"), default=dict, help_text=_("Column name in the file → cell text."))
    fingerprint = models.CharField(_("row fingerprint"), max_length=64, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.CREATED)
    generated_names = models.JSONField(
        _("generated name forms"),
        default=list,
        blank=True,
        help_text=_("Name forms made by transliteration, not written in the file."),
    )

    class Meta:
        verbose_name = _("person source")
        verbose_name_plural = _("person sources")
        ordering = ["batch_id", "row_number"]

    def __str__(self):
        return f"{self.batch.file_name}:{self.row_number}"


class ValueMapping(models.Model):
    """A registrar's decision about a value the registry's vocabularies do not know, reused for the source.

    "вышивка гладью" in the craft column of one region's lists is embroidery; "Нарния" is left blank (and
    said so in a warning) rather than rejecting the row. Saved per source (none: files without a source).
    """

    class Vocabulary(models.TextChoices):
        CRAFT = "craft", _("Craft")
        REGION = "region", _("Region")
        LOCALITY = "locality", _("Locality")
        ORGANIZATION = "organization", _("Organization")

    class Action(models.TextChoices):
        MAP = "map", _("means an existing entry")
        CREATE = "create", _("create a new entry")
        BLANK = "blank", _("leave blank, with a warning")

    source = models.ForeignKey(
        ImportSource, verbose_name=_("source"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="value_mappings",
    )  # fmt: skip
    vocabulary = models.CharField(_("vocabulary"), max_length=16, choices=Vocabulary.choices)
    value = models.CharField(_("value as written"), max_length=300)
    key = models.CharField(_("value, folded"), max_length=300, editable=False)
    action = models.CharField(_("decision"), max_length=8, choices=Action.choices)
    target_id = models.PositiveBigIntegerField(_("entry"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("value mapping")
        verbose_name_plural = _("value mappings")
        ordering = ["source_id", "vocabulary", "value"]
        constraints = [
            models.UniqueConstraint(fields=["source", "vocabulary", "key"], name="one_mapping_per_value"),
            models.CheckConstraint(
                condition=models.Q(action="map", target_id__isnull=False) | ~models.Q(action="map"),
                name="mapping_has_target",
            ),
        ]

    def __str__(self):
        return f"{self.get_vocabulary_display()}: {self.value} → {self.get_action_display()}"


def _upload_storage():
    # Uploaded lists hold phones and addresses: kept with the private files, never served, removed once read.
    return private_storage("imports")


class ImportUpload(models.Model):
    """A file sent from the back office, waiting for (or read by) the import job outside the web request."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the import worker")
        RUNNING = "running", _("Reading, checking and importing the rows")
        DONE = "done", _("Done")
        FAILED = "failed", _("The file could not be imported")

    file = models.FileField(_("file"), storage=_upload_storage, upload_to="%Y/%m/", max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.CASCADE, related_name="import_uploads"
    )
    source = models.ForeignKey(
        ImportSource, verbose_name=_("source"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=16, choices=ImportBatch.Mode.choices)
    column_mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("import batch"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why it failed, as a message code with parameters (rendered in the reader's language), like row issues.
    problem = models.JSONField(_("problem"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import upload")
        verbose_name_plural = _("import uploads")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
