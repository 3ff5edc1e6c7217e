"""The network of craft cities, as a hub sees it: partner cities, the records harvested from their change
streams, and each harvest's report. Harvested records live here, apart from the local registry: nothing in
people, works or events ever points at them, and no local count reads them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, TimeStamped
from craftcity.core.translation import TranslatedField


class RecordKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANIZATION = "organization", _("Organization")
    WORK = "work", _("Work")
    EVENT = "event", _("Event")
    PLACE = "place", _("Place")


# The stream of each kind in a network description, and the schema.org type its activities carry.
STREAM_KINDS = {
    "people": RecordKind.PERSON,
    "organizations": RecordKind.ORGANIZATION,
    "works": RecordKind.WORK,
    "events": RecordKind.EVENT,
    "places": RecordKind.PLACE,
}
ACTIVITY_TYPES = {
    "Person": RecordKind.PERSON,
    "Organization": RecordKind.ORGANIZATION,
    "CreativeWork": RecordKind.WORK,
    "Event": RecordKind.EVENT,
    "Place": RecordKind.PLACE,
}


class HarvestState(models.TextChoices):
    NEVER = "never", _("Not harvested yet")
    OK = "ok", _("Harvested")
    FAILED = "failed", _("Last harvest failed")


class PartnerCityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class PartnerCity(TimeStamped, DemoMarked):
    """A member of the network, as its own network description (/.well-known/craftcity) presents it."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = TranslatedField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code."))
    languages = models.JSONField(_("languages"), default=list, blank=True)
    designations = models.JSONField(
        _("designations"), default=list, blank=True, help_text=_("Titles the city holds, with their years.")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    figures = models.JSONField(
        _("figures"), default=dict, blank=True, help_text=_("People, organizations, works and events it publishes.")
    )
    description_url = models.URLField(_("network description"), max_length=500, unique=True)
    site_url = models.URLField(_("public site"), max_length=500)
    identifier = models.URLField(_("identifier"), max_length=500, blank=True)
    is_active = models.BooleanField(_("harvested"), default=True)
    harvest_state = models.CharField(
        _("last harvest"), max_length=8, choices=HarvestState.choices, default=HarvestState.NEVER
    )
    harvested_at = models.DateTimeField(_("last harvested at"), null=True, blank=True)
    harvest_error = models.TextField(_("last error"), blank=True)

    objects = PartnerCityQuerySet.as_manager()
    history = history()

    class Meta:
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        ordering = ["slug"]

    def __str__(self):
        return str(self.name) or self.slug


class PartnerStream(models.Model):
    """One change stream of a partner, and where the hub stopped reading it."""

    city = models.ForeignKey(PartnerCity, verbose_name=_("city"), on_delete=models.CASCADE, related_name="streams")
    kind = models.CharField(_("kind"), max_length=16, choices=RecordKind.choices)
    url = models.URLField(_("address"), max_length=500)
    last_end_time = models.DateTimeField(
        _("last change read"), null=True, blank=True, help_text=_("The endTime of the newest activity applied.")
    )
    etag = models.CharField(_("ETag"), max_length=300, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("change stream")
        verbose_name_plural = _("change streams")
        ordering = ["city", "kind"]
        constraints = [models.UniqueConstraint(fields=["city", "kind"], name="network_stream_unique")]

    def __str__(self):
        return f"{self.city.slug} {self.kind}"


class NetworkRecordQuerySet(models.QuerySet):
    def public(self):
        """Records of the cities the hub still harvests (a partner's Delete removes the copy outright)."""
        return self.filter(city__is_active=True)


class NetworkRecord(models.Model):
    """A public record of a partner city, copied from its change stream. Only the fields a network page shows
    are kept; contact details or addresses a partner might send are never read."""

    city = models.ForeignKey(PartnerCity, verbose_name=_("city"), on_delete=models.CASCADE, related_name="records")
    uri = models.URLField(_("URI"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=RecordKind.choices)
    name = TranslatedField(_("name"), max_length=400)
    url = TranslatedField(_("page"), max_length=500, blank=True, help_text=_("The partner's own page, per language."))
    crafts = TranslatedField(_("crafts"), max_length=400, blank=True)
    image_url = models.URLField(_("image"), max_length=500, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    location = TranslatedField(_("location"), max_length=400, blank=True)
    keys = models.TextField(_("name keys"), blank=True, help_text=_("Script-independent keys of every name form."))
    changed_at = models.DateTimeField(_("changed at the partner"), help_text=_("endTime of the last activity."))
    harvested_at = models.DateTimeField(_("harvested at"), auto_now=True)

    objects = NetworkRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("harvested record")
        verbose_name_plural = _("harvested records")
        ordering = ["city", "kind", "uri"]
        constraints = [models.UniqueConstraint(fields=["city", "uri"], name="network_record_unique")]
        indexes = [models.Index(fields=["kind", "starts_at"], name="network_record_kind")]

    def __str__(self):
        return str(self.name) or self.uri

    @property
    def page_url(self) -> str:
        """The partner's page in the reader's language, or the nearest it has."""
        return self.url.text() if self.url else ""

    @property
    def is_all_day(self) -> bool:
        """A partner that gives an event's dates without times (schema.org Date) means whole days."""
        return bool(self.starts_at) and all(
            moment is None or (moment.hour, moment.minute, moment.second) == (0, 0, 0)
            for moment in (self.starts_at, self.ends_at)
        )


class NetworkKey(models.Model):
    """One name key of a harvested record: the search across the network looks names up here, by equality or
    by prefix on one B-tree index, the same on SQLite and PostgreSQL."""

    record = models.ForeignKey(NetworkRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("key"), max_length=64)

    class Meta:
        verbose_name = _("name key")
        verbose_name_plural = _("name keys")
        ordering = ["key"]
        indexes = [models.Index(fields=["key", "record"], name="network_key_lookup")]

    def __str__(self):
        return self.key


class HarvestRun(models.Model):
    """One harvest of one or every partner city, by a registrar's command or the schedule."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Finished with errors")

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.RUNNING)
    trigger = models.CharField(_("started by"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("harvest")
        verbose_name_plural = _("harvests")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.status}"


class HarvestReport(models.Model):
    """What one harvest did with one city: counts, and the error that stopped it."""

    class Outcome(models.TextChoices):
        OK = "ok", _("Harvested")
        UNCHANGED = "unchanged", _("Nothing new")
        FAILED = "failed", _("Failed")

    run = models.ForeignKey(HarvestRun, verbose_name=_("harvest"), on_delete=models.CASCADE, related_name="reports")
    city = models.ForeignKey(
        PartnerCity, verbose_name=_("city"), on_delete=models.CASCADE, related_name="harvest_reports"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OK)
    created = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    ignored = models.PositiveIntegerField(
        _("ignored"),
        default=0,
        help_text=_("Deletions of records the hub never had, and changes to records no longer public."),
    )
    failed = models.PositiveIntegerField(_("failed"), default=0)
    pages = models.PositiveIntegerField(_("pages read"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("harvest report")
        verbose_name_plural = _("harvest reports")
        ordering = ["run", "city"]

    def __str__(self):
        return f"{self.city.slug}: {self.outcome}"
