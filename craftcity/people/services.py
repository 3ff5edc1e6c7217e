"""Writes to people. Every write checks who may make it, validates, and lands in one history batch."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_add_people, can_delete_people, can_edit_person, is_registrar
from craftcity.audit.context import change_batch

from .models import Person, PersonName

# Fields an artisan keeps on their own profile; status and verification are the registrar's.
SELF_EDITABLE_FIELDS = {
    "occupation", "gender", "birth_year", "country", "locality", "region", "biography", "photo", "photo_alt",
    "is_photo_public",
    "website", "links", "phone", "is_phone_public", "email", "is_email_public", "address", "is_address_public",
    "birth_date", "is_birth_date_public", "disciplines", "techniques", "materials",
}  # fmt: skip
CONSENT_FIELDS = set(Person.PERSONAL_FIELDS.values()) | {"is_photo_public"}
M2M_FIELDS = {"disciplines", "techniques", "materials"}


def _require(actor, person: Person | None) -> None:
    if actor is None:  # system work: imports and commands run with the batch's user, checked by the caller
        return
    if person is None:
        if not can_add_people(actor):
            raise PermissionDenied(_("You may not add people to the registry."))
    elif not can_edit_person(actor, person):
        raise PermissionDenied(_("You may not edit this person's record."))


def _apply(person: Person, actor, fields: dict) -> dict:
    """Set plain fields on the person, return the many-to-many ones to set after saving."""
    limited = actor is not None and not is_registrar(actor)
    # As stored: a form may have set the new values on the instance already.
    flags = sorted(CONSENT_FIELDS & set(fields))
    stored = Person.objects.filter(pk=person.pk).values(*flags).first() if person.pk and flags else None
    consents_before = stored or {flag: Person._meta.get_field(flag).get_default() for flag in flags}
    m2m = {}
    for key, value in fields.items():
        if limited and key not in SELF_EDITABLE_FIELDS:
            raise PermissionDenied(_("You may not change the field “%(field)s”.") % {"field": key})
        if key in M2M_FIELDS:
            m2m[key] = value
        elif not hasattr(person, key) or key in {"id", "pk", "merged_into", "is_demo"}:
            raise ValidationError({key: _("Unknown field.")})
        else:
            setattr(person, key, value)
    if any(fields[flag] != before for flag, before in consents_before.items()):
        person.consent_recorded_at = timezone.now()
    return m2m


@transaction.atomic
def person_create(*, actor=None, names: list[dict], is_demo: bool = False, **fields) -> Person:
    """Add a person with at least one name form."""
    _require(actor, None)
    if not names:
        raise ValidationError({"names": _("A person needs at least one name.")})
    with change_batch(user=actor, label=f"add person {names[0].get('full_name', '')}"):
        person = Person(is_demo=is_demo)
        m2m = _apply(person, actor, fields)
        person.full_clean()
        person.save()
        for key, value in m2m.items():
            getattr(person, key).set(value)
        for name in names:  # a new record: its names are part of its Create, not Updates after it
            _name_write(_new_name(person=person, **name))
        person_names_derive(person=person)
    return person


@transaction.atomic
def person_update(*, actor=None, person: Person, **fields) -> Person:
    """Change a person's fields; artisans may change only their own profile and only its own fields."""
    _require(actor, person)
    with change_batch(user=actor, label=f"edit person {person.pk}"):
        m2m = _apply(person, actor, fields)
        person.full_clean()
        person.save()
        for key, value in m2m.items():
            getattr(person, key).set(value)
    return person


@transaction.atomic
def person_name_add(
    *, actor=None, person: Person, full_name: str, language: str, form: str = PersonName.Form.OTHER,
    is_primary: bool = False, given_name: str = "", family_name: str = "", patronymic: str = "",
) -> PersonName:  # fmt: skip
    """Add a written form of the person's name; a new primary form replaces the old primary one."""
    name = _new_name(
        person=person, full_name=full_name, language=language, form=form, is_primary=is_primary,
        given_name=given_name, family_name=family_name, patronymic=patronymic,
    )  # fmt: skip
    return person_name_save(actor=actor, name=name)


def _new_name(
    *, person: Person, full_name: str, language: str, form: str = PersonName.Form.OTHER, **parts
) -> PersonName:
    return PersonName(person=person, full_name=full_name.strip(), language=language, form=form, **parts)


@transaction.atomic
def person_name_save(*, actor=None, name: PersonName) -> PersonName:
    """Add or correct a written form (the back office's name rows); a corrected derived form becomes the
    person's own and is never derived over again; a primary form replaces the language's old primary."""
    _require(actor, name.person)
    with change_batch(user=actor, label=f"name {name.full_name}"):
        if name.pk:
            name.is_derived = False
        _name_write(name)
        _names_changed(name.person)
    return name


def _name_write(name: PersonName) -> None:
    if name.is_primary:
        others = name.person.names.filter(language=name.language, is_primary=True).exclude(pk=name.pk)
        for old in others:
            old.is_primary = False
            old.save()
    name.full_clean()
    name.save()


def _names_changed(person: Person) -> None:
    """A person's names are rows of their own, so a change to them leaves the person's history silent; a row
    there (nothing else changed) is what the change streams read to tell partner cities the record changed."""
    person.save(update_fields=["updated_at"])


@transaction.atomic
def person_name_delete(*, actor=None, name: PersonName) -> None:
    _require(actor, name.person)
    with change_batch(user=actor, label=f"delete name {name.full_name}"):
        name.delete()
        _names_changed(name.person)


_CYRILLIC_FORMS = (PersonName.Form.KAZAKH_CYRILLIC, PersonName.Form.RUSSIAN)


@transaction.atomic
def person_names_derive(*, person: Person) -> int:
    """Derive the kk/ru/en name forms the person lacks from their Kazakh Cyrillic name; returns how many were
    written. Earlier derived forms are replaced; forms someone wrote or corrected are never touched, and a
    language that has one gets nothing derived."""
    from .naming import derived_forms, name_language_and_form

    with change_batch(user=None, label=f"derive names of person {person.pk}"):
        person.names.filter(is_derived=True).delete()
        own = list(PersonName.objects.filter(person=person))  # not a prefetched list: the derived ones are gone
        # The Kazakh Cyrillic form first, else any Cyrillic one (a name typed with form "other" counts too).
        # The form its writer declared when it is a Cyrillic one, else the form its letters show.
        written_as = {
            n.pk: n.form if n.form in _CYRILLIC_FORMS else (name_language_and_form(n.full_name) or ("", ""))[1]
            for n in own
        }
        cyrillic = [n for n in own if written_as[n.pk] in _CYRILLIC_FORMS]
        source = min(
            cyrillic,
            key=lambda n: (written_as[n.pk] != PersonName.Form.KAZAKH_CYRILLIC, not n.is_primary, n.pk),
            default=None,
        )
        if source is None:
            return 0
        languages = {n.language for n in own}
        written = 0
        for fields in derived_forms(source.full_name, written_as=written_as[source.pk]):
            if fields["language"] in languages and fields["language"] != source.language:
                continue
            if fields["language"] == source.language and fields["full_name"].casefold() in {
                n.full_name.casefold() for n in own
            }:
                continue
            name = PersonName(person=person, **fields)
            name.full_clean()
            name.save()
            written += 1
    return written


@transaction.atomic
def person_delete(*, actor=None, person: Person) -> None:
    if actor is not None and not can_delete_people(actor):
        raise PermissionDenied(_("You may not delete people from the registry."))
    with change_batch(user=actor, label=f"delete person {person.pk}"):
        person.delete()


@transaction.atomic
def person_account_link(*, person: Person, user, publish: bool = False) -> Person:
    """Make `user` the account of `person` (and an artisan); `publish` a proposed profile at the same time.
    Called by people/claims.py after its own checks of who decides; never re-links a profile that has an account."""
    from craftcity.accounts.roles import Role
    from craftcity.accounts.services import user_grant_role

    if person.user_id is not None and person.user_id != user.pk:
        raise ValidationError(_("This profile already belongs to an account."))
    with change_batch(user=None, label=f"link account to person {person.pk}"):
        person.user = user
        if publish:
            person.status = "published"
        person.full_clean()
        person.save()
        user_grant_role(user=user, role=Role.ARTISAN)
    return person


PHOTO_EDGE = 1200  # pixels on the longest side of a portrait as stored and shown


@transaction.atomic
def person_photo_set(
    *, actor, person: Person, upload, alt: dict | None = None, square: bool = False, is_public: bool | None = None
) -> Person:
    """A portrait from an upload: checked like catalogue images (format, size, pixels), re-encoded from its pixels
    so no EXIF or GPS survives, at most PHOTO_EDGE pixels a side, kept in private storage. It is shown only while
    `is_photo_public` (the person's consent, recorded with its time like the other consents)."""
    from django.core.files.base import ContentFile

    from craftcity.core.pictures import forget
    from craftcity.works.images import clean_jpeg

    _require(actor, person)
    picture = clean_jpeg(upload, PHOTO_EDGE, square=square)
    old = (person.photo.storage, person.photo.name) if person.photo else None
    with change_batch(user=actor, label=f"photo of person {person.pk}"):
        person.photo.save(f"person-{person.pk}.jpg", ContentFile(picture.content), save=False)
        person.photo_width, person.photo_height = picture.width, picture.height
        if alt is not None:
            person.photo_alt = alt
        if is_public is not None and is_public != person.is_photo_public:
            person.is_photo_public = is_public
            person.consent_recorded_at = timezone.now()
        person.full_clean()
        person.save()
    if old is not None:
        transaction.on_commit(lambda: forget(*old))  # the old file and its sizes go once the new one is saved
    return person


@transaction.atomic
def person_account_unlink(*, person: Person) -> Person:
    """The person keeps their record, without an account (a removal the registrar carried out)."""
    with change_batch(user=None, label=f"unlink account from person {person.pk}"):
        person.user = None
        person.save(update_fields=["user", "updated_at"])
    return person
