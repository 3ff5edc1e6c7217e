"""Events of every kind, their calls for applications, enrolment with a waiting list, and competitions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, Publishable, PublishableQuerySet, TimeStamped
from craftcity.core.pictures import Pictured
from craftcity.core.storage import private_storage
from craftcity.core.translation import TranslatedField


class EventQuerySet(PublishableQuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def managed_by(self, user):
        """The events `user` runs (events.rules): every event for registrars, their organizations' for organisers."""
        from .rules import managed_event_ids

        ids = managed_event_ids(user)
        return self if ids is None else self.filter(pk__in=ids)


class EventSeries(TimeStamped, DemoMarked, Publishable):
    """Events that belong together: an open-air season, a festival's editions, a city's planned programmes."""

    class Field(models.TextChoices):
        MUSIC = "music", _("Music")
        CRAFTS = "crafts", _("Crafts and folk art")
        MIXED = "mixed", _("Music, crafts and more")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = TranslatedField(_("name"), max_length=300)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    field = models.CharField(
        _("creative field"),
        max_length=8,
        choices=Field.choices,
        default=Field.MUSIC,
        help_text=_("The UNESCO music indicators count the events of music series."),
    )
    is_open_air = models.BooleanField(_("open air"), default=False)
    year = models.PositiveSmallIntegerField(_("season year"), null=True, blank=True)

    history = history(excluded_fields=["updated_at"])
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["-year", "slug"]

    def __str__(self):
        return str(self.name) or self.slug


class Event(TimeStamped, DemoMarked, Publishable, Pictured):
    """A festival, exhibition, concert… in Asia/Almaty time; it may contain sub-events (days, stages, workshops)."""

    class Kind(models.TextChoices):
        FESTIVAL = "festival", _("Festival")
        EXHIBITION = "exhibition", _("Exhibition")
        FAIR = "fair", _("Fair")
        CONCERT = "concert", _("Concert")
        CONFERENCE = "conference", _("Conference")
        COMPETITION = "competition", _("Competition")
        RESIDENCY = "residency", _("Residency")
        TRAINING = "training", _("Training programme")
        TOUR = "tour", _("Tour")
        WORKSHOP = "workshop", _("Workshop")

    class Schedule(models.TextChoices):
        SCHEDULED = "scheduled", _("As planned")
        CANCELLED = "cancelled", pgettext_lazy("event", "Cancelled")
        POSTPONED = "postponed", _("Postponed")
        RESCHEDULED = "rescheduled", _("Moved to new dates")
        HELD = "held", _("Held")

    class Weather(models.TextChoices):
        CLEAR = "clear", _("Clear")
        CLOUDY = "cloudy", _("Cloudy")
        RAIN = "rain", _("Rain")
        STORM = "storm", _("Storm warning")
        WIND = "wind", _("Strong wind")
        HEAT = "heat", _("Heat")
        COLD = "cold", _("Cold")

    class Attendance(models.TextChoices):
        IN_PERSON = "offline", _("In person")
        ONLINE = "online", _("Online")
        MIXED = "mixed", _("In person and online")

    class Admission(models.TextChoices):
        FREE = "free", _("Free entry")
        PAID = "paid", _("Tickets")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    name = TranslatedField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sub_events",
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    is_all_day = models.BooleanField(_("all day"), default=False, help_text=_("Shown and exported as whole days."))
    place = models.ForeignKey(
        "places.Place", verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    city = models.CharField(_("city, when not at a venue of ours"), max_length=120, blank=True)
    is_international = models.BooleanField(_("international"), default=False)
    schedule = models.CharField(
        _("schedule"),
        max_length=16,
        choices=Schedule.choices,
        default=Schedule.SCHEDULED,
        help_text=_("A cancelled or postponed event stays published, so that visitors and calendars learn of it."),
    )
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    admission = models.CharField(_("admission"), max_length=8, choices=Admission.choices, blank=True)
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    schedule_note = TranslatedField(
        _("note on the schedule"), max_length=300, blank=True, help_text=_("Why it was cancelled or moved.")
    )
    weather = models.CharField(_("weather"), max_length=8, choices=Weather.choices, blank=True)
    attendees = models.PositiveIntegerField(
        _("attendance"), null=True, blank=True, help_text=_("How many people came; recorded after the event.")
    )
    # RFC 5545 SEQUENCE: raised whenever the schedule or the dates change, so calendar clients that subscribed
    # replace their copy (a cancellation with an unchanged SEQUENCE is ignored by several clients).
    sequence = models.PositiveIntegerField(_("revision of the schedule"), default=0, editable=False)
    tickets_url = models.URLField(_("tickets or registration page"), blank=True, max_length=500)
    source_url = models.URLField(_("source"), blank=True, max_length=500)

    history = history(excluded_fields=["updated_at"])
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "slug"]
        permissions = [("manage_any_event", _("Can run any event's applications and jury"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="event_not_own_parent"),
        ]

    def __str__(self):
        return str(self.name) or self.slug

    def clean(self):
        node, steps = self.parent, 0
        while node is not None and steps < 100:
            if self.pk and node.pk == self.pk:
                raise ValidationError({"parent": _("An event cannot be part of itself.")})
            node, steps = node.parent, steps + 1


class EventOrganization(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        SUPPORTER = "supporter", _("Supporter")
        PARTNER = "partner", _("Partner")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="organizations")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="event_roles",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.ORGANISER)

    history = history()

    class Meta:
        verbose_name = _("organiser or supporter")
        verbose_name_plural = _("organisers and supporters")
        ordering = ["event_id", "role", "organization_id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organization", "role"], name="event_organization_unique")
        ]

    def __str__(self):
        return f"{self.organization} — {self.get_role_display()}"


class Participant(DemoMarked):
    class Role(models.TextChoices):
        EXHIBITOR = "exhibitor", _("Exhibitor")
        PERFORMER = "performer", _("Performer")
        SPEAKER = "speaker", _("Speaker")
        JUROR = "juror", _("Juror")
        STUDENT = "student", _("Student")
        FINALIST = "finalist", _("Finalist")
        WINNER = "winner", _("Winner")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="event_participations"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    history = history()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event_id", "role", "person_id"]
        constraints = [models.UniqueConstraint(fields=["event", "person", "role"], name="participant_unique")]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"


class Call(TimeStamped):
    """An event's call for applications or enrolment: its form, window, seats and waiting list."""

    event = models.OneToOneField(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="call")
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("deadline"))
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no limit. Competitions usually leave it empty.")
    )
    has_waiting_list = models.BooleanField(_("waiting list"), default=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a freed seat"), default=48, validators=[MinValueValidator(1)]
    )
    questions = models.JSONField(
        _("questions"),
        default=list,
        blank=True,
        help_text=_(
            'A list of questions: {"key": "portfolio", "label": {"en": "…"}, "type": "text|long_text|choice|'
            'number|boolean", "required": true, "choices": […]}.'
        ),
    )
    is_attachment_required = models.BooleanField(_("attachment required"), default=False)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["closes_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
                violation_error_message=_("The deadline must come after the opening."),
            )
        ]

    def __str__(self):
        return str(self.event)

    def clean(self):
        from .forms_schema import validate_questions

        validate_questions(self.questions)


ACTIVE_STATUSES = ("confirmed", "offered", "waiting")


class Application(TimeStamped):
    """One person's application or enrolment to a call; its place in line is its submission order."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Offer expired")

    class Stage(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        FINALIST = "finalist", _("Finalist")
        WINNER = "winner", _("Winner")

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="event_applications"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.SUBMITTED)
    category = models.ForeignKey(
        "events.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,  # a category in use stays, unless its whole competition goes
        related_name="applications",
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # Portfolios and CVs: private files, served only to the applicant (My applications) and the event's organisers.
    attachment = models.FileField(
        _("attachment"), upload_to="events/applications/%Y/", blank=True, storage=private_storage
    )
    language = models.CharField(_("language for e-mails"), max_length=10, default=settings.LANGUAGE_CODE)
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "person"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="application_one_active_per_person",
                violation_error_message=_("You have already applied to this call."),
            )
        ]

    def __str__(self):
        return f"{self.person} → {self.call} ({self.get_status_display()})"


class Competition(models.Model):
    """The jury side of an event: categories, rubric, jurors, and results once published."""

    event = models.OneToOneField(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="competition")
    is_blind = models.BooleanField(_("blind judging"), default=False, help_text=_("Jurors do not see names."))
    award_programme = models.ForeignKey(
        "awards.AwardProgramme",
        verbose_name=_("award given to winners"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="competitions",
    )
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)

    history = history()

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        ordering = ["event_id"]

    def __str__(self):
        return str(self.event)


class Category(models.Model):
    competition = models.ForeignKey(
        Competition, verbose_name=_("competition"), on_delete=models.CASCADE, related_name="categories"
    )
    name = TranslatedField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["competition_id", "slug"]
        constraints = [models.UniqueConstraint(fields=["competition", "slug"], name="category_unique")]

    def __str__(self):
        return str(self.name) or self.slug


class Criterion(models.Model):
    competition = models.ForeignKey(
        Competition, verbose_name=_("competition"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = TranslatedField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    min_score = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = history()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["competition_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gt=models.F("min_score")),
                name="criterion_range",
                violation_error_message=_("The highest score must exceed the lowest."),
            )
        ]

    def __str__(self):
        return f"{self.name} (×{self.weight})"


class Juror(models.Model):
    competition = models.ForeignKey(
        Competition, verbose_name=_("competition"), on_delete=models.CASCADE, related_name="jurors"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="jury_seats"
    )
    categories = models.ManyToManyField(
        Category,
        verbose_name=_("assigned categories"),
        blank=True,
        related_name="jurors",
        help_text=_("Empty: the juror scores every category."),
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    history = history(m2m_fields=[categories])

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["competition_id", "-is_chair", "id"]
        constraints = [models.UniqueConstraint(fields=["competition", "person"], name="juror_unique")]

    def __str__(self):
        return str(self.person)


class Score(TimeStamped):
    juror = models.ForeignKey(Juror, verbose_name=_("juror"), on_delete=models.CASCADE, related_name="scores")
    application = models.ForeignKey(
        Application, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["application_id", "juror_id", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["juror", "application", "criterion"], name="score_unique")]

    def __str__(self):
        return f"{self.juror} · {self.application_id} · {self.criterion_id}: {self.value}"


class ConflictDeclaration(TimeStamped):
    """A conflict the juror declared themselves (a friend, a client…): it blocks scoring like a derived one."""

    juror = models.ForeignKey(Juror, verbose_name=_("juror"), on_delete=models.CASCADE, related_name="declarations")
    application = models.ForeignKey(
        Application, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="declared_conflicts"
    )
    reason = models.CharField(_("reason"), max_length=300)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("declared conflict")
        verbose_name_plural = _("declared conflicts")
        ordering = ["juror_id", "application_id"]
        constraints = [models.UniqueConstraint(fields=["juror", "application"], name="conflict_declaration_unique")]

    def __str__(self):
        return f"{self.juror} ✕ {self.application_id}"
