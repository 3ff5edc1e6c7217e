"""A city with two sides for the sweeps of this folder (schemathesis, object URLs, payloads): the demo city's public
records, one signed-in user per role with records of their own, and someone else's private records that no role but
registrars and administrators may read (a draft profile with personal data, a draft work with an image, an
application with its file, a grant report, another organization's draft event)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from security.sweep import SECRET_ADDRESS, SECRET_BIRTH_DATE, SECRET_EMAIL, SECRET_PHONE

from craftcity.accounts.roles import Role


@dataclass
class City:
    users: dict = dataclass_field(default_factory=dict)  # role (and "victim") → user
    theirs: dict = dataclass_field(default_factory=dict)  # name → someone else's private record
    mine: dict = dataclass_field(default_factory=dict)  # role → a record of that role's own


def jpeg_upload(name="photo.jpg") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 90, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def pdf_upload(name="report.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    return SimpleUploadedFile(name, body + b"trailer<</Root 1 0 R>>\n%%EOF\n", "application/pdf")


def _call(event):
    from craftcity.events.models import Call

    call = Call(
        event=event, opens_at=timezone.now() - dt.timedelta(days=1), closes_at=timezone.now() + dt.timedelta(days=9)
    )
    call.full_clean()
    call.save()
    return call


@pytest.fixture
def city(db, make_user, make_person, make_organization) -> City:
    from craftcity.core.models import PublicationStatus
    from craftcity.events.services import application_submit, event_create
    from craftcity.organizations.models import Membership
    from craftcity.organizations.services import membership_create
    from craftcity.people.services import person_account_link
    from craftcity.support.models import Grant, Programme
    from craftcity.support.services import grant_report_submit, grant_save, programme_save
    from craftcity.works import services as works

    call_command("load_demo", synthetic=5, verbosity=0, stdout=StringIO(), stderr=StringIO())
    city = City()
    for role in Role:
        city.users[role.value] = make_user(f"sec-{role.value}", role=role.value, is_staff=True)

    # Someone else: a draft profile with personal data, linked to their own account.
    victim = make_user("sec-victim", role="artisan")
    theirs = make_person(
        "Жасырын Адам", status=PublicationStatus.DRAFT, phone=SECRET_PHONE, email=SECRET_EMAIL,
        address=SECRET_ADDRESS, birth_date=SECRET_BIRTH_DATE,
    )  # fmt: skip
    person_account_link(person=theirs, user=victim)
    city.users["victim"] = victim
    city.theirs["person"] = theirs
    their_work = works.work_create(title={"en": "Hidden draft bowl"}, makers=[theirs])
    city.theirs["work"] = their_work
    city.theirs["image"] = works.work_image_add(work=their_work, upload=jpeg_upload())

    # Their organization (another one than the editor's and the organiser's), with a draft event and a call.
    their_org = make_organization("their-org", name={"en": "Their guild"})
    membership_create(person=theirs, organization=their_org, is_editor=True)
    city.theirs["organization"] = their_org
    their_event = event_create(
        slug="their-draft-fair", kind="fair", status=PublicationStatus.DRAFT, name={"en": "Their draft fair"},
        starts_at=timezone.now() + dt.timedelta(days=30), organizations=[(their_org, "organiser")],
    )  # fmt: skip
    city.theirs["event"] = their_event
    their_call = _call(their_event)
    city.theirs["application"] = application_submit(user=victim, call=their_call, attachment=pdf_upload("cv.pdf"))

    # Their grant and its report (with a file in private storage).
    programme = programme_save(programme=Programme(slug="sec-grants", kind="grant", name={"en": "Grants"}))
    grant = grant_save(
        grant=Grant(programme=programme, person=theirs, amount=Decimal("1000"), decided_on=dt.date(2024, 1, 5))
    )
    city.theirs["grant"] = grant
    city.theirs["grant_report"] = grant_report_submit(
        grant=grant, submitted_on=dt.date(2024, 6, 1), summary="Their report", upload=pdf_upload()
    )

    # The artisan's own profile and draft work.
    artisan = city.users["artisan"]
    own = make_person("Өзім Шебер", status=PublicationStatus.PUBLISHED)
    person_account_link(person=own, user=artisan)
    city.mine["artisan"] = works.work_create(title={"en": "My own draft"}, makers=[own])

    # The organization editor's and the organiser's organization, and the organiser's event.
    own_org = make_organization("own-org", name={"en": "Own guild"})
    for role in ("organization_editor", "organiser"):
        person = make_person(f"Редактор {role}", status=PublicationStatus.PUBLISHED)
        person_account_link(person=person, user=city.users[role])
        membership_create(person=person, organization=own_org, is_editor=True, role=Membership.Role.MEMBER)
    city.mine["organization_editor"] = own_org
    city.mine["organiser"] = event_create(
        slug="own-fair", kind="fair", status=PublicationStatus.PUBLISHED, name={"en": "Own fair"},
        starts_at=timezone.now() + dt.timedelta(days=40), organizations=[(own_org, "organiser")],
    )  # fmt: skip
    # person_account_link makes its user an artisan: the staff roles keep theirs (and drop the permission cache).
    from django.contrib.auth import get_user_model

    for role, user in list(city.users.items()):
        city.users[role] = get_user_model().objects.get(pk=user.pk)
    return city


# What someone hostile types into a text field: something a spreadsheet would run, then something a browser would.
# The first character cycles through the formula triggers, so each exporter meets more than one of them.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
SCRIPT = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
SHORT_SCRIPT = "\"'><svg onload=alert(1)>"


def payload(index: int, room: int | None) -> str | None:
    """The payload for the index-th poisoned field, fitted to a field of `room` characters (None: no text fits)."""
    trigger = FORMULA_TRIGGERS[index % len(FORMULA_TRIGGERS)]
    for text in (f"{trigger}cmd|'/C calc'!A0{SCRIPT}", f"{trigger}1{SCRIPT}", f"{trigger}1{SHORT_SCRIPT}"):
        if room is None or len(text) + 6 <= room:
            return text
    return None


def poisoned_fields():
    """Every free-text field of every model of craftcity (and the accounts' names): plain text, or a text per
    language. Skipped: choices, slugs, addresses of the web and of e-mail, codes with their own validators, fields
    nobody edits; nothing else, so a new text field is poisoned (and so checked) without naming it here."""
    from django.apps import apps
    from django.core import validators
    from django.db import models

    from craftcity.core.translation import TranslatedField

    harmless = (validators.MaxLengthValidator, validators.ProhibitNullCharactersValidator)
    for model in apps.get_models():
        label = model._meta.label
        if not (label.startswith("craftcity.") or model.__module__.startswith("craftcity.")) and label != "auth.User":
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if field.primary_key or not field.editable or field.choices:
                continue
            if isinstance(field, TranslatedField):
                yield model, field, field.text_max_length
            elif (
                isinstance(field, models.CharField | models.TextField)
                and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
                and all(isinstance(v, harmless) for v in field.validators)
                and (label != "auth.User" or field.name in ("first_name", "last_name"))
            ):
                yield model, field, field.max_length


def _unique_together(model) -> set[str]:
    from django.db.models import UniqueConstraint

    names = {name for group in model._meta.unique_together for name in group}
    for constraint in model._meta.constraints:
        if isinstance(constraint, UniqueConstraint):
            names |= set(constraint.fields)
    return names


def poison(*, skip=()) -> dict[str, str]:
    """Write a payload into every poisoned field of every row (straight to the table: this tests what pages and
    files make of any stored text, whichever door it came through). Returns field label → payload."""
    from django.conf import settings

    written = {}
    for index, (model, field, room) in enumerate(poisoned_fields()):
        key = f"{model._meta.label}.{field.name}"
        text = payload(index, room)
        if text is None or key in skip:
            continue
        manager = model._base_manager
        if field.unique or field.name in _unique_together(model):
            for pk in manager.values_list("pk", flat=True):
                manager.filter(pk=pk).update(**{field.attname: f"{text}{pk}"})
        elif hasattr(field, "text_max_length"):
            manager.update(**{field.attname: {code: text for code in settings.CONTENT_LANGUAGES}})
        else:
            manager.update(**{field.attname: text})
        written[key] = text
    # Free text kept in JSON: an applicant's answers.
    from craftcity.events.models import Application

    Application.objects.update(answers={"portfolio": payload(0, None)})
    return written


@pytest.fixture
def poisoned_city(city) -> City:
    """The city with a payload in every free-text field of every row (see `poison`)."""
    city.poisoned = poison()
    return city
