"""The City of Music half: repertoire (kui, songs, epics, operas…), who passed a work on to whom, ensembles'
members over time, performances at events and recordings with their captions and transcripts."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, TimeStamped
from craftcity.core.storage import private_storage
from craftcity.core.translation import TranslatedField
from craftcity.works.models import Work, years_display

LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]


class Status(models.TextChoices):
    """Draft → published → withdrawn, changed only by the services; `published_at` remembers a once-public record
    so harvesters learn it is gone."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MusicQuerySet(models.QuerySet):
    def public(self):
        """What a visitor may see: published records (pages, API, manifests, search, OAI-PMH, indicators)."""
        return self.filter(status=Status.PUBLISHED)

    def harvestable(self):
        """Published records, and withdrawn ones that were once public (reported to harvesters as deleted)."""
        return self.filter(published_at__isnull=False).exclude(status=Status.DRAFT)


def iswc_check_digit(digits: str) -> int:
    """ISO 15707: 1 + Σ i·dᵢ over the nine digits, mod 10, subtracted from 10 (mod 10)."""
    total = 1 + sum(position * int(digit) for position, digit in enumerate(digits, start=1))
    return (10 - total % 10) % 10


ISWC_PATTERN = re.compile(r"T-?(\d{3})\.?(\d{3})\.?(\d{3})-?(\d)")


def normalize_iswc(value: str) -> str:
    """ "T-034.524.680-1" (the written form) from any spacing of the same; refused if the check digit is wrong."""
    text = re.sub(r"\s+", "", value or "").upper()
    if not text:
        return ""
    match = ISWC_PATTERN.fullmatch(text)
    if match is None:
        message = _("An ISWC is written T-123.456.789-C: a T, nine digits and a check digit; “%(value)s” is not.")
        raise ValidationError({"iswc": message % {"value": value}})
    digits = "".join(match.groups()[:3])
    if iswc_check_digit(digits) != int(match.group(4)):
        message = _("The check digit of ISWC “%(value)s” is wrong: it should be %(digit)s.")
        raise ValidationError({"iswc": message % {"value": value, "digit": iswc_check_digit(digits)}})
    return f"T-{match.group(1)}.{match.group(2)}.{match.group(3)}-{match.group(4)}"


class Instrument(TimeStamped):
    """An instrument (dombra, kobyz, sybyzgy…) or the voice: for instrumentation and ensemble seats."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = TranslatedField(_("name"), max_length=120)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.name) or self.slug


class MusicalWork(TimeStamped, DemoMarked):
    """A piece of repertoire: a kui, a song, an epic, an opera, an orchestral work or a popular song."""

    class Kind(models.TextChoices):
        KUI = "kui", _("Kui")
        SONG = "song", _("Song")
        ZHYR = "zhyr", _("Zhyr (epic)")
        OPERA = "opera", _("Opera")
        ORCHESTRAL = "orchestral", _("Orchestral work")
        POPULAR = "popular", _("Popular song")

    class Rights(models.TextChoices):
        PUBLIC_DOMAIN = "public_domain", _("Public domain")
        IN_COPYRIGHT = "in_copyright", _("In copyright")
        TRADITIONAL = "traditional", _("Traditional knowledge")

    class LyricsLanguage(models.TextChoices):
        NONE = "", _("None (instrumental)")
        KAZAKH = "kk", _("Kazakh")
        RUSSIAN = "ru", _("Russian")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    title = TranslatedField(_("title"), max_length=300)
    original_title = models.CharField(
        _("title in the original script"), max_length=300, blank=True,
        help_text=_("As the composer or tradition wrote it, e.g. in Kazakh Cyrillic or Arabic script."),
    )  # fmt: skip
    people = models.ManyToManyField(
        "people.Person", through="MusicalWorkCredit", related_name="musical_works", verbose_name=_("credits"),
        blank=True,
    )  # fmt: skip
    year_from = models.PositiveSmallIntegerField(_("year (or from)"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(
        _("to year"), null=True, blank=True, help_text=_("Leave empty for a single year.")
    )
    period = TranslatedField(
        _("period"), max_length=120, blank=True, help_text=_("When no year is known, e.g. “19th century”.")
    )
    discipline = models.ForeignKey(
        "taxonomy.Discipline", verbose_name=_("genre"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="musical_works",
    )  # fmt: skip
    tradition = models.ForeignKey(
        "taxonomy.Technique", verbose_name=_("school of performance"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="musical_works",
        help_text=_("The tradition it is played in, e.g. the tokpe or shertpe kui."),
    )  # fmt: skip
    region = models.ForeignKey(
        "geo.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="musical_works",
    )  # fmt: skip
    instruments = models.ManyToManyField(
        Instrument, verbose_name=_("instrumentation"), blank=True, related_name="musical_works"
    )
    lyrics_language = models.CharField(
        _("language of the words"), max_length=8, choices=LyricsLanguage.choices, blank=True
    )
    rights = models.CharField(_("rights status"), max_length=16, choices=Rights.choices, default=Rights.IN_COPYRIGHT)
    community_protocol = TranslatedField(
        _("community protocol"), multiline=True, blank=True,
        help_text=_("For traditional knowledge: how the community asks that the work be used and credited."),
    )  # fmt: skip
    iswc = models.CharField(_("ISWC"), max_length=20, blank=True, help_text=_("e.g. T-034.524.680-1"))
    description = TranslatedField(_("description"), multiline=True, blank=True)
    source = models.URLField(_("source"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True, editable=False)

    history = history(excluded_fields=["updated_at"])
    objects = MusicQuerySet.as_manager()

    class Meta:
        verbose_name = _("musical work")
        verbose_name_plural = _("musical works")
        ordering = ["pk"]
        permissions = [
            ("edit_music", _("Can edit the music catalogue (repertoire, ensembles, recordings)")),
            ("publish_music", _("Can publish and withdraw repertoire and recordings")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["iswc"], condition=~Q(iswc=""), name="musical_work_iswc_unique",
                violation_error_message=_("Another work already has this ISWC."),
            ),
            models.CheckConstraint(
                condition=Q(year_to__isnull=True) | Q(year_from__isnull=True) | Q(year_to__gte=F("year_from")),
                name="musical_work_years_in_order",
                violation_error_message=_("The end year is before the start year."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.title) or self.original_title or f"#{self.pk}"

    def clean(self):
        super().clean()
        if self.year_from is not None and self.year_to is not None and self.year_to < self.year_from:
            raise ValidationError({"year_to": _("The end year is before the start year.")})
        self.iswc = normalize_iswc(self.iswc)
        if self.rights == self.Rights.TRADITIONAL and not any(dict(self.community_protocol or {}).values()):
            raise ValidationError(
                {"community_protocol": _("Traditional knowledge is published with its community's protocol: write it.")}
            )

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def date_display(self) -> str:
        return years_display(self.year_from, self.year_to)


class MusicalWorkCredit(models.Model):
    """Who made a work: a composer, the author of the words, or "traditional" / "attributed to"."""

    class Role(models.TextChoices):
        COMPOSER = "composer", _("Composer")
        LYRICIST = "lyricist", _("Author of the words")
        ARRANGER = "arranger", _("Arranger")
        ATTRIBUTED = "attributed", _("Attributed to")
        TRADITIONAL = "traditional", _("Traditional")

    work = models.ForeignKey(MusicalWork, verbose_name=_("work"), on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="musical_work_credits",
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.COMPOSER)
    note = TranslatedField(_("note"), max_length=300, blank=True, help_text=_("e.g. “Kazakh folk, Arka region”."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = history()

    class Meta:
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        ordering = ["work", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["work", "person", "role"], name="musical_work_credit_unique"),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(role="traditional"), name="musical_work_credit_has_person",
                violation_error_message=_("Name the person, unless the work is traditional."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.person or self.note or ''} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.person_id is None and self.role != self.Role.TRADITIONAL:
            raise ValidationError({"person": _("Name the person, unless the work is traditional.")})


class Transmission(models.Model):
    """A work passed on from one musician to another (a kui taught master to student): the lineage of a piece.
    `relation` is the lineage app's master–apprentice relation of the two, when one is recorded."""

    work = models.ForeignKey(
        MusicalWork, verbose_name=_("work"), on_delete=models.CASCADE, related_name="transmissions"
    )
    teacher = models.ForeignKey(
        "people.Person", verbose_name=_("passed on by"), on_delete=models.PROTECT, related_name="works_passed_on"
    )
    student = models.ForeignKey(
        "people.Person", verbose_name=_("passed on to"), on_delete=models.PROTECT, related_name="works_received"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    relation = models.ForeignKey(
        "lineage.Relation", verbose_name=_("master–apprentice relation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="transmissions", editable=False,
    )  # fmt: skip
    note = TranslatedField(_("note"), max_length=500, blank=True)

    history = history()

    class Meta:
        verbose_name = _("passing on")
        verbose_name_plural = _("passings on")
        ordering = ["work", "year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "teacher", "student"], name="transmission_unique",
                violation_error_message=_("This passing on is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(teacher=F("student")), name="transmission_not_to_self",
                violation_error_message=_("A musician cannot pass a work on to themselves."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.teacher} → {self.student}: {self.work}"

    def clean(self):
        super().clean()
        if self.teacher_id and self.teacher_id == self.student_id:
            raise ValidationError(_("A musician cannot pass a work on to themselves."))


class EnsembleMember(DemoMarked):
    """A musician's seat in an ensemble or orchestra (an organization of the "ensemble" kind), over years."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Artistic director")
        CONDUCTOR = "conductor", _("Conductor")
        SOLOIST = "soloist", _("Soloist")
        MUSICIAN = "musician", _("Musician")
        SINGER = "singer", _("Singer")

    ensemble = models.ForeignKey(
        "organizations.Organization", verbose_name=_("ensemble"), on_delete=models.CASCADE,
        related_name="ensemble_members", limit_choices_to={"kind": "ensemble"},
    )  # fmt: skip
    person = models.ForeignKey(
        "people.Person", verbose_name=_("musician"), on_delete=models.PROTECT, related_name="ensemble_seats"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="ensemble_seats",
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MUSICIAN)
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("until year"), null=True, blank=True)

    history = history()

    class Meta:
        verbose_name = _("ensemble member")
        verbose_name_plural = _("ensemble members")
        ordering = ["ensemble", "start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(start_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="ensemble_member_years_in_order",
                violation_error_message=_("The membership cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.ensemble}"

    def clean(self):
        super().clean()
        if self.ensemble_id and self.ensemble.kind != "ensemble":
            raise ValidationError({"ensemble": _("Choose an organization of the “ensemble or orchestra” kind.")})
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The membership cannot end before it starts.")})

    @property
    def years_display(self) -> str:
        if self.start_year and not self.end_year:
            return f"{self.start_year}–"
        return years_display(self.start_year, self.end_year)


class Performance(TimeStamped, DemoMarked):
    """A piece of repertoire performed at an event, by people or an ensemble."""

    work = models.ForeignKey(MusicalWork, verbose_name=_("work"), on_delete=models.PROTECT, related_name="performances")
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.PROTECT, related_name="music_performances"
    )
    ensemble = models.ForeignKey(
        "organizations.Organization", verbose_name=_("ensemble"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="performances", limit_choices_to={"kind": "ensemble"},
    )  # fmt: skip
    performers = models.ManyToManyField(
        "people.Person", verbose_name=_("performers"), blank=True, related_name="music_performances"
    )
    position = models.PositiveSmallIntegerField(_("order in the programme"), default=0)

    history = history(excluded_fields=["updated_at"], m2m_fields=[performers])

    class Meta:
        verbose_name = _("performance")
        verbose_name_plural = _("performances")
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.work} — {self.event}"


def recording_path(instance, filename):
    return f"music/recordings/{instance.pk or 'new'}/{filename}"


class Recording(TimeStamped, DemoMarked):
    """Audio or video of a work: a file curators uploaded (checked by content, its tags removed) or a link to an
    external platform; with its duration, date, place, performers and rights."""

    class Media(models.TextChoices):
        AUDIO = "audio", _("Audio")
        VIDEO = "video", _("Video")

    work = models.ForeignKey(MusicalWork, verbose_name=_("work"), on_delete=models.PROTECT, related_name="recordings")
    title = TranslatedField(_("title"), max_length=300, blank=True, help_text=_("Empty: the work's title."))
    performance = models.ForeignKey(
        Performance, verbose_name=_("performance"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="recordings",
    )  # fmt: skip
    ensemble = models.ForeignKey(
        "organizations.Organization", verbose_name=_("ensemble"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="recordings", limit_choices_to={"kind": "ensemble"},
    )  # fmt: skip
    performers = models.ManyToManyField(
        "people.Person", verbose_name=_("performers"), blank=True, related_name="music_recordings"
    )
    media = models.CharField(_("audio or video"), max_length=8, choices=Media.choices, default=Media.AUDIO)
    file = models.FileField(
        _("file"), upload_to=recording_path, storage=private_storage, max_length=300, blank=True, editable=False
    )
    mime_type = models.CharField(_("format"), max_length=60, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)
    external_url = models.URLField(
        _("link to an external platform"), max_length=500, blank=True,
        help_text=_("Instead of a file: where the recording is published (a video or audio platform)."),
    )  # fmt: skip
    duration = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="recordings",
    )  # fmt: skip
    rights_statement = models.CharField(
        _("rights statement"), max_length=120, choices=Work.Rights.choices, default=Work.Rights.IN_COPYRIGHT
    )
    license = models.CharField(_("license"), max_length=20, choices=Work.License.choices, default=Work.License.RESERVED)
    credit_line = models.CharField(_("credit line"), max_length=300, blank=True)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True, editable=False)

    history = history(excluded_fields=["updated_at"], m2m_fields=[performers])
    objects = MusicQuerySet.as_manager()

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.display_title)

    def clean(self):
        super().clean()
        if self.duration is not None and self.duration < 0:
            raise ValidationError({"duration": _("A duration cannot be negative.")})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def display_title(self):
        return self.title if any(dict(self.title or {}).values()) else self.work.title

    @property
    def license_url(self) -> str:
        return Work.LICENSE_URLS.get(self.license, "")

    @property
    def is_video(self) -> bool:
        return self.media == self.Media.VIDEO

    @property
    def duration_clock(self) -> str:
        """The duration as players show it, in every language: 0:03, 4:25, 1:02:03."""
        if self.duration is None:
            return ""
        minutes, seconds = divmod(int(self.duration), 60)  # whole seconds elapsed, as players count
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"

    @property
    def duration_iso(self) -> str:
        """ISO 8601 (for <time datetime> and schema.org): PT4M25S."""
        return f"PT{self.duration:.3f}".rstrip("0").rstrip(".") + "S" if self.duration is not None else ""


class Caption(models.Model):
    """Captions (WebVTT) or a transcript of a recording, in one language."""

    class Kind(models.TextChoices):
        CAPTIONS = "captions", _("Captions (WebVTT)")
        TRANSCRIPT = "transcript", _("Transcript")

    recording = models.ForeignKey(Recording, verbose_name=_("recording"), on_delete=models.CASCADE,
                                  related_name="captions")  # fmt: skip
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CAPTIONS)
    text = models.TextField(_("text"), max_length=200_000)

    history = history()

    class Meta:
        verbose_name = _("captions or transcript")
        verbose_name_plural = _("captions and transcripts")
        ordering = ["recording", "kind", "language"]
        constraints = [models.UniqueConstraint(fields=["recording", "kind", "language"], name="caption_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"
