"""The catalogue: works (objects), their makers, provenance and images; collections and exhibitions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, Publishable, PublishableQuerySet, TimeStamped
from craftcity.core.storage import private_storage
from craftcity.core.translation import TranslatedField


def _years_in_order(year_from, year_to) -> None:
    if year_from is not None and year_to is not None and year_to < year_from:
        raise ValidationError(
            {
                "year_to": _("The end year (%(to)s) is before the start year (%(start)s).")
                % {"to": year_to, "start": year_from}
            }
        )


class Collection(TimeStamped, DemoMarked, Publishable):
    """A museum's or owner's collection; accession numbers are unique within one."""

    name = TranslatedField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    owner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collections",
    )

    history = history(excluded_fields=["updated_at"])
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.name) or self.slug


def years_display(year_from, year_to) -> str:
    """A work's years as pages write them: "1998", "1998–2003"."""
    if year_from and year_to and year_to != year_from:
        return f"{year_from}–{year_to}"
    return str(year_from or year_to or "")


def public_work(prefix: str = "") -> Q:
    """The public-work condition on a related work (`public_work("work__")`), for reads that reach works through
    another model; the same as `Work.objects.public()`. A join, where `work__in=Work.objects.public()` made
    SQLite walk every published work's id to find one maker's few credits (150 ms at 200,000 works)."""
    return Q(**{f"{prefix}status": Work.Status.PUBLISHED})


class WorkQuerySet(PublishableQuerySet):
    def published(self):
        return self.filter(public_work())

    def harvestable(self):
        """Published works, and withdrawn ones that were once public (harvesters must learn they are gone)."""
        # Written so that no index on status tempts the planner: harvesters read in id order, and a scan by
        # id that stops after one page beats sorting every matching row. Only services set published_at.
        return self.filter(published_at__isnull=False).exclude(status=Work.Status.DRAFT)


class Work(TimeStamped, DemoMarked):
    """An object in the catalogue."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class License(models.TextChoices):
        CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0")
        CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0")
        CC_BY_NC = "CC-BY-NC-4.0", _("Creative Commons Attribution-NonCommercial 4.0")
        CC0 = "CC0-1.0", _("Public domain dedication (CC0)")
        RESERVED = "reserved", _("All rights reserved")

    class Rights(models.TextChoices):
        IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/", _("In copyright")
        IN_COPYRIGHT_EDU = (
            "http://rightsstatements.org/vocab/InC-EDU/1.0/",
            _("In copyright — educational use permitted"),
        )
        NO_COPYRIGHT = "http://rightsstatements.org/vocab/NoC-US/1.0/", _("No copyright")
        UNDETERMINED = "http://rightsstatements.org/vocab/UND/1.0/", _("Copyright undetermined")

    LICENSE_URLS = {
        "CC-BY-4.0": "http://creativecommons.org/licenses/by/4.0/",
        "CC-BY-SA-4.0": "http://creativecommons.org/licenses/by-sa/4.0/",
        "CC-BY-NC-4.0": "http://creativecommons.org/licenses/by-nc/4.0/",
        "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
    }

    title = TranslatedField(_("title"), max_length=300)
    makers = models.ManyToManyField(
        "people.Person", through="WorkMaker", related_name="works", verbose_name=_("makers"), blank=True
    )
    year_from = models.PositiveSmallIntegerField(_("year (or from)"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(
        _("to year"), null=True, blank=True, help_text=_("Leave empty for a single year.")
    )
    discipline = models.ForeignKey(
        "taxonomy.Discipline",
        verbose_name=_("discipline"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="works",
    )
    techniques = models.ManyToManyField(
        "taxonomy.Technique", verbose_name=_("techniques"), blank=True, related_name="works"
    )
    materials = models.ManyToManyField(
        "taxonomy.Material", verbose_name=_("materials"), blank=True, related_name="works"
    )
    dimensions = models.CharField(_("dimensions"), max_length=200, blank=True, help_text=_("e.g. 12 × 8 × 3 cm"))
    inscriptions = TranslatedField(_("inscriptions"), multiline=True, blank=True)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="works",
    )
    accession_number = models.CharField(_("accession number"), max_length=60, blank=True)
    owner = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_works",
    )
    current_location = models.ForeignKey(
        "places.Place",
        verbose_name=_("current location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="works",
    )
    rights_statement = models.CharField(
        _("rights statement"), max_length=120, choices=Rights.choices, default=Rights.IN_COPYRIGHT
    )
    license = models.CharField(
        _("license of the images"), max_length=20, choices=License.choices, default=License.RESERVED
    )
    credit_line = models.CharField(_("credit line"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True, editable=False)
    # An artisan's own work waits for a curator: asked for review at, and the curator's remarks when it went back.
    review_requested_at = models.DateTimeField(_("waiting for review since"), null=True, blank=True, editable=False)
    review_remarks = models.TextField(_("curator's remarks to the maker"), blank=True, max_length=2000)
    source = models.URLField(_("source"), max_length=500, blank=True)

    history = history(excluded_fields=["updated_at"])
    objects = WorkQuerySet.as_manager()

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
        ordering = ["pk"]
        permissions = [
            ("edit_any_work", _("Can edit any work in the catalogue")),
            ("publish_work", _("Can publish and withdraw works")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "accession_number"],
                condition=~Q(accession_number=""),
                name="work_accession_unique_per_collection",
                violation_error_message=_("This accession number is already used in this collection."),
            ),
            models.CheckConstraint(
                condition=Q(year_to__isnull=True) | Q(year_from__isnull=True) | Q(year_to__gte=F("year_from")),
                name="work_years_in_order",
                violation_error_message=_("The end year is before the start year."),
            ),
        ]
        indexes = [models.Index(fields=["status", "updated_at"], name="work_status_updated")]

    def __str__(self) -> str:
        return str(self.title) or f"#{self.pk}"

    def clean(self):
        super().clean()
        _years_in_order(self.year_from, self.year_to)
        if self.accession_number and not self.collection_id:
            raise ValidationError({"collection": _("An accession number belongs to a collection: choose one.")})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def date_display(self) -> str:
        return years_display(self.year_from, self.year_to)

    @property
    def license_url(self) -> str:
        return self.LICENSE_URLS.get(self.license, "")


class WorkMaker(models.Model):
    class Role(models.TextChoices):
        MAKER = "maker", _("Maker")
        DESIGNER = "designer", _("Designer")
        WORKSHOP = "workshop", _("Workshop")
        ASSISTANT = "assistant", _("Assistant")
        ATTRIBUTED = "attributed", _("Attributed to")

    work = models.ForeignKey(Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="work_makers")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="work_makers"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MAKER)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = history()

    class Meta:
        verbose_name = _("maker")
        verbose_name_plural = _("makers")
        ordering = ["work", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["work", "person", "role"], name="work_maker_unique")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class ProvenanceEvent(models.Model):
    class Kind(models.TextChoices):
        MADE = "made", _("Made")
        ACQUIRED = "acquired", _("Acquired")
        EXHIBITED = "exhibited", _("Exhibited")
        LOANED = "loaned", _("Loaned")

    work = models.ForeignKey(Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="provenance")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    year_from = models.PositiveSmallIntegerField(_("year (or from)"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    party = models.CharField(_("by or from whom"), max_length=300, blank=True)
    place = models.CharField(_("where"), max_length=300, blank=True)
    note = TranslatedField(_("note"), multiline=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = history()

    class Meta:
        verbose_name = _("provenance event")
        verbose_name_plural = _("provenance events")
        ordering = ["work", "position", "year_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_to__isnull=True) | Q(year_from__isnull=True) | Q(year_to__gte=F("year_from")),
                name="provenance_years_in_order",
                violation_error_message=_("The end year is before the start year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year_from or ''}".strip()

    def clean(self):
        super().clean()
        _years_in_order(self.year_from, self.year_to)


def original_path(instance, filename):
    return f"works/originals/{instance.work_id}/{filename}"


def derivative_path(instance, filename):
    return f"works/derivatives/{instance.work_id}/{filename}"


class WorkImage(TimeStamped):
    """An image of a work. The original is kept privately; only derivatives (metadata stripped) are served."""

    work = models.ForeignKey(Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="images")
    original = models.FileField(_("original"), upload_to=original_path, storage=private_storage, max_length=300)
    web = models.FileField(
        _("web size"), upload_to=derivative_path, storage=private_storage, max_length=300, editable=False
    )
    thumbnail = models.FileField(
        _("thumbnail"), upload_to=derivative_path, storage=private_storage, max_length=300, editable=False
    )
    width = models.PositiveIntegerField(_("web width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("web height"), default=0, editable=False)
    thumbnail_width = models.PositiveIntegerField(_("thumbnail width"), default=0, editable=False)
    thumbnail_height = models.PositiveIntegerField(_("thumbnail height"), default=0, editable=False)
    alt = TranslatedField(
        _("alt text"), max_length=500, blank=True, help_text=_("What the image shows, for screen readers.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_illustration = models.BooleanField(
        _("the image is an illustration"), default=False, help_text=_("Drawn, not photographed.")
    )

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["work", "position", "pk"]

    def __str__(self) -> str:
        return str(self.alt) or f"image {self.pk}"


class Exhibition(TimeStamped, DemoMarked, Publishable):
    title = TranslatedField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    venue = models.ForeignKey(
        "places.Place",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exhibitions",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    starts_on = models.DateField(_("opens on"), null=True, blank=True)
    ends_on = models.DateField(_("closes on"), null=True, blank=True)
    source = models.URLField(_("source"), max_length=500, blank=True)
    works = models.ManyToManyField(Work, through="ExhibitionWork", related_name="exhibitions", verbose_name=_("works"))

    history = history(excluded_fields=["updated_at"])
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["-year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="exhibition_dates_in_order",
                violation_error_message=_("The exhibition closes before it opens."),
            )
        ]

    def __str__(self) -> str:
        return str(self.title) or self.slug

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The exhibition closes before it opens.")})


class ExhibitionWork(models.Model):
    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition"), on_delete=models.CASCADE, related_name="items"
    )
    work = models.ForeignKey(Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="exhibition_items")
    caption = TranslatedField(_("caption"), multiline=True, blank=True)
    shown_from = models.DateField(_("shown from"), null=True, blank=True)
    shown_until = models.DateField(_("shown until"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = history()

    class Meta:
        verbose_name = _("exhibited work")
        verbose_name_plural = _("exhibited works")
        ordering = ["exhibition", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["exhibition", "work"], name="exhibition_work_unique")]

    def __str__(self) -> str:
        return str(self.work)

    def clean(self):
        super().clean()
        if self.shown_from and self.shown_until and self.shown_until < self.shown_from:
            raise ValidationError({"shown_until": _("The work is shown until a date before it is first shown.")})
