"""People of the creative community and the many written forms of their names."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from craftcity.audit.models import history
from craftcity.core.models import DemoMarked, PublicationStatus, Publishable, PublishableQuerySet, TimeStamped
from craftcity.core.storage import private_storage
from craftcity.core.translation import TranslatedField, fallback_order


class PersonQuerySet(PublishableQuerySet):
    def active(self):
        """Not merged into another record."""
        return self.filter(merged_into__isnull=True)

    def visible_to(self, user):
        """What a viewer may see listed: published records, plus their own; registrars see drafts too."""
        if user is not None and user.is_authenticated:
            from craftcity.accounts.rules import is_registrar

            if is_registrar(user):
                return self.active()
            return self.active().filter(Q(status="published") | Q(user=user))
        return self.public()

    def public(self):
        """Published and not merged into another record: the people visitors see."""
        return self.active().published()

    def practitioners(self, year: int | None = None):
        """The one definition of a practitioner, shared by the home page, the API and the dossier (which
        reads the same rule from history, dossier.asof.Snapshot.practitioners): public, practising a craft
        or an art (PRACTITIONER_OCCUPATIONS), and alive in the year (this year when not given)."""
        from django.utils import timezone

        year = year or timezone.localdate().year
        return (
            self.public()
            .filter(occupation__in=PRACTITIONER_OCCUPATIONS)
            .filter(Q(death_year__isnull=True) | Q(death_year__gte=year))
        )

    def with_names(self):
        return self.prefetch_related("names")


# Who is a practitioner: jurors, organisers and researchers are in the registry but practise no craft.
PRACTITIONER_OCCUPATIONS = ("artisan", "musician", "akyn", "designer")


def choose_name_form(forms, language: str | None = None):
    """Of a person's name forms (anything with .language and .is_primary), the one a reader of `language`
    sees: the primary form in the first language of the fallback order that has one, else any form there."""
    if not forms:
        return None
    for code in fallback_order(language or translation.get_language()):
        in_language = [form for form in forms if form.language == code]
        for form in in_language:
            if form.is_primary:
                return form
        if in_language:
            return in_language[0]
    return forms[0]


def public_person(prefix: str = "") -> Q:
    """The public-person condition on a related person (`public_person("memberships__person__")`), for the
    filters and counts that reach people through another model; the same as `Person.objects.public()`."""
    return Q(**{f"{prefix}status": PublicationStatus.PUBLISHED, f"{prefix}merged_into__isnull": True})


class Person(TimeStamped, DemoMarked, Publishable):
    class Occupation(models.TextChoices):
        ARTISAN = "artisan", _("Artisan")
        MUSICIAN = "musician", _("Musician")
        AKYN = "akyn", _("Akyn (improvising poet)")
        DESIGNER = "designer", _("Designer")
        RESEARCHER = "researcher", _("Researcher")
        ORGANISER = "organiser", _("Organiser")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        UNDISCLOSED = "", _("Not stated")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Unverified")
        VERIFIED = "verified", _("Verified")
        DISPUTED = "disputed", _("Disputed")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("The account with which this person keeps their own profile."),
    )
    occupation = models.CharField(
        _("occupation"), max_length=16, choices=Occupation.choices, default=Occupation.ARTISAN
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True, default="")
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    death_year = models.PositiveSmallIntegerField(
        _("death year"), null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    country = models.ForeignKey(
        "geo.Country", verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    locality = models.ForeignKey(
        "geo.Locality",
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    region = models.ForeignKey(
        "geo.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    disciplines = models.ManyToManyField(
        "taxonomy.Discipline", verbose_name=_("disciplines"), blank=True, related_name="people"
    )
    techniques = models.ManyToManyField(
        "taxonomy.Technique", verbose_name=_("techniques"), blank=True, related_name="people"
    )
    materials = models.ManyToManyField(
        "taxonomy.Material", verbose_name=_("materials"), blank=True, related_name="people"
    )
    biography = TranslatedField(_("biography"), multiline=True, blank=True)
    # A portrait lives in private storage and is served by the image service only while is_photo_public.
    photo = models.ImageField(
        _("photo"), upload_to="people/photos/%Y/", storage=private_storage, blank=True, max_length=300
    )
    photo_alt = TranslatedField(_("photo description"), max_length=300, blank=True)
    photo_width = models.PositiveIntegerField(_("photo width"), default=0, editable=False)
    photo_height = models.PositiveIntegerField(_("photo height"), default=0, editable=False)
    is_photo_public = models.BooleanField(
        _("photo may be shown"), default=False, help_text=_("The person agreed that their photo is shown publicly.")
    )
    website = models.URLField(_("website"), blank=True)
    links = models.JSONField(
        _("other pages"), default=list, blank=True, help_text=_("Pages in social networks and shops, as web addresses.")
    )
    verification = models.CharField(
        _("verification"), max_length=16, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        editable=False,
    )

    # Personal data: private unless the person consented to show it.
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_phone_public = models.BooleanField(_("phone may be shown"), default=False)
    email = models.EmailField(_("e-mail"), blank=True)
    is_email_public = models.BooleanField(_("e-mail may be shown"), default=False)
    address = models.CharField(_("exact address"), max_length=300, blank=True)
    is_address_public = models.BooleanField(_("address may be shown"), default=False)
    birth_date = models.DateField(_("full birth date"), null=True, blank=True)
    is_birth_date_public = models.BooleanField(_("birth date may be shown"), default=False)
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)

    history = history(m2m_fields=[disciplines, techniques, materials], excluded_fields=["updated_at"])
    objects = PersonQuerySet.as_manager()

    # Personal fields and the consent flag that opens each to the public.
    PERSONAL_FIELDS = {
        "phone": "is_phone_public",
        "email": "is_email_public",
        "address": "is_address_public",
        "birth_date": "is_birth_date_public",
    }

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["id"]
        permissions = [
            ("edit_any_person", _("Can edit any person's record")),
            ("view_personal_data", _("Can see personal data without consent")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(death_year__isnull=True)
                | Q(birth_year__isnull=True)
                | Q(death_year__gte=models.F("birth_year")),
                name="person_years_in_order",
                violation_error_message=_("The death year cannot be before the birth year."),
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("id")),
                name="person_not_merged_into_self",
            ),
        ]
        indexes = [models.Index(fields=["status", "merged_into"])]

    def __str__(self):
        return self.display_name or f"#{self.pk}"

    def clean(self):
        errors = {}
        from django.core.validators import URLValidator

        links = self.links if isinstance(self.links, list) else None
        if links is None or len(links) > 10:
            errors["links"] = _("At most ten web addresses.")
        else:
            for link in links:
                try:
                    URLValidator(schemes=["http", "https"])(link)
                except ValidationError:
                    errors["links"] = _("“%(link)s” is not a web address.") % {"link": link}
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            errors["birth_date"] = _("The birth date does not match the birth year.")
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = _("The birth date is in the future.")
        if self.birth_year and self.birth_year > timezone.localdate().year:
            errors["birth_year"] = _("The birth year is in the future.")
        if self.birth_year and self.death_year and self.death_year < self.birth_year:
            errors["death_year"] = _("The death year cannot be before the birth year.")
        if errors:
            raise ValidationError(errors)

    def name_in(self, language: str | None = None) -> "PersonName | None":
        """The primary name form for a reader of `language`, falling back through other languages."""
        return choose_name_form(list(self.names.all()), language)

    @property
    def display_name(self) -> str:
        name = self.name_in()
        return name.full_name if name else ""

    def personal_value(self, field: str, viewer=None):
        """A personal field's value if the viewer may see it, else None."""
        from craftcity.accounts.rules import can_see_personal_data

        if can_see_personal_data(viewer, self) or getattr(self, self.PERSONAL_FIELDS[field]):
            return getattr(self, field) or None
        return None


class PersonName(models.Model):
    """One written form of a person's name: a script, a spelling or a romanization."""

    class Form(models.TextChoices):
        KAZAKH_CYRILLIC = "kk_cyrl", _("Kazakh, Cyrillic")
        RUSSIAN = "ru_cyrl", _("Russian spelling")
        KAZAKH_LATIN = "kk_latn", _("Kazakh Latin alphabet (2021)")
        PASSPORT = "passport", _("Passport romanization")
        BGN_PCGN = "bgn_pcgn", _("BGN/PCGN romanization")
        PRESS = "press", _("English press spelling")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="names")
    full_name = models.CharField(_("full name"), max_length=300)
    given_name = models.CharField(_("given name"), max_length=120, blank=True)
    family_name = models.CharField(_("family name"), max_length=120, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=120, blank=True)
    form = models.CharField(_("form"), max_length=16, choices=Form.choices, default=Form.OTHER)
    language = models.CharField(
        _("language"), max_length=10, help_text=_("The language whose readers see this form: kk, ru, en…")
    )
    is_primary = models.BooleanField(_("primary for this language"), default=False)
    is_derived = models.BooleanField(
        _("derived"),
        default=False,
        help_text=_("Written by transliteration from another form; a corrected form is kept as the person's own."),
    )

    history = history()

    class Meta:
        verbose_name = _("name form")
        verbose_name_plural = _("name forms")
        ordering = ["person_id", "-is_primary", "language", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "language"],
                condition=Q(is_primary=True),
                name="one_primary_name_per_language",
                violation_error_message=_("This person already has a primary name in this language."),
            ),
            models.UniqueConstraint(
                fields=["person", "full_name", "form"],
                name="name_form_unique_per_person",
                violation_error_message=_("This person already has this name form."),
            ),
        ]
        indexes = [models.Index(fields=["full_name"])]

    def __str__(self):
        return self.full_name

    def clean(self):
        if self.language and self.language not in settings.CONTENT_LANGUAGES:
            raise ValidationError({"language": _("Unknown language code.")})
        if not self.full_name.strip():
            raise ValidationError({"full_name": _("The name cannot be empty.")})


class DecidedRequest(TimeStamped):
    """What a request someone decides once has in common: the asker's message and language, the decision's
    reason, who decided and when."""

    message = models.TextField(_("message from the user"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    reason = models.TextField(_("reason given"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        abstract = True


class ProfileClaim(DecidedRequest):
    """A signed-in user's request to be linked to a person in the registry (or to a profile they proposed).
    A registrar, or an editor of one of the person's organizations, decides (people/claims.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="profile_claims",
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="claims")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    is_proposal = models.BooleanField(
        _("new profile"), default=False, help_text=_("The user was not in the registry and proposed this profile.")
    )

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("profile claim")
        verbose_name_plural = _("profile claims")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="profile_claim_one_pending_per_user",
                violation_error_message=_("You already have a request waiting for a decision."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ← {self.user}"


class ProfileInvitation(TimeStamped):
    """A one-time link a registrar sends from a person's record: whoever opens it signed in becomes that person's
    account. Only the token's hash is stored."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("profile invitation")
        verbose_name_plural = _("profile invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person} → {self.email}"


class RemovalRequest(DecidedRequest):
    """Someone asks for their account, or their whole profile, to be removed. A registrar decides; the request
    and its decision stay in the history even after the account is gone."""

    class Scope(models.TextChoices):
        ACCOUNT = "account", _("My account only (my profile stays in the registry)")
        PROFILE = "profile", _("My account and my profile")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        DONE = "done", _("Carried out")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="removal_requests",
    )
    email = models.EmailField(_("e-mail when asked"))
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(_("what to remove"), max_length=8, choices=Scope.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)

    history = history(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("removal request")
        verbose_name_plural = _("removal requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email}: {self.get_scope_display()}"
