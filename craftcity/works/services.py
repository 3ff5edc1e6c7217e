"""Writes to the catalogue. Each checks who may make it, validates everything first, and saves in one batch."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from craftcity.accounts.rules import (
    can_catalogue,
    can_edit_organization,
    can_edit_work,
    can_point_at_place,
    can_publish_work,
)
from craftcity.audit.context import change_batch

from .images import check_image, make_derivatives
from .models import Collection, Exhibition, ExhibitionWork, ProvenanceEvent, Work, WorkImage, WorkMaker

M2M_FIELDS = {"techniques", "materials"}
PROTECTED_FIELDS = {"id", "pk", "status", "published_at", "is_demo", "created_at", "updated_at"}
# Filing a work into a museum's collection is the museum's act: an accession number taken by an artisan's
# draft would block the real one (a collection's numbers are unique).
CATALOGUE_FIELDS = {"collection", "accession_number", "review_remarks"}


def _own_person(actor):
    return getattr(actor, "person", None) if actor is not None else None


def _save(obj) -> None:
    """full_clean, then save; a race on a unique constraint still comes back as a clear error."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError(_("This record conflicts with another one (a duplicate number or date order).")) from None


def _apply(work: Work, fields: dict) -> dict:
    m2m = {}
    for key, value in fields.items():
        if key in M2M_FIELDS:
            m2m[key] = value
        elif key in PROTECTED_FIELDS or not hasattr(work, key) or key == "makers":
            raise ValidationError({key: _("This field cannot be set here.")})
        else:
            setattr(work, key, value)
    return m2m


def _check_catalogue_fields(actor, work: Work, fields: dict) -> None:
    if actor is None or can_catalogue(actor):
        return
    errors = {}
    for key in CATALOGUE_FIELDS & set(fields):
        value, attname = fields[key], work._meta.get_field(key).attname
        value = getattr(value, "pk", value)
        current = getattr(work, attname) if work.pk else None
        if (value or None) != (current or None):
            errors[key] = [_("Only curators file a work into a collection or give it an accession number.")]
    if errors:
        raise ValidationError(errors)


def _check_links(actor, work: Work, fields: dict) -> None:
    """The records a work points at: an owner the actor edits (curators name any), a location they may see.
    What the work points at already may stay."""
    if actor is None:
        return
    errors = {}
    owner = fields.get("owner")
    changed_owner = owner is not None and owner.pk != work.owner_id
    if changed_owner and not (can_catalogue(actor) or can_edit_organization(actor, owner)):
        errors["owner"] = [_("You may name as the owner only an organization you edit.")]
    place = fields.get("current_location")
    if place is not None and place.pk != work.current_location_id and not can_point_at_place(actor, place):
        errors["current_location"] = [_("You may not name someone's home workshop as the work's location.")]
    if errors:
        raise ValidationError(errors)


def _maker_and_role(item) -> tuple:
    """A maker as the services take it: a person (a maker) or a (person, role) pair."""
    return (item, WorkMaker.Role.MAKER) if not isinstance(item, tuple | list) else tuple(item)


def _set_makers(work: Work, makers) -> None:
    work.work_makers.all().delete()
    for position, item in enumerate(makers):
        person, role = _maker_and_role(item)
        maker = WorkMaker(work=work, person=person, role=role, position=position)
        _save(maker)


def _set_provenance(work: Work, events) -> None:
    work.provenance.all().delete()
    errors = []
    for position, data in enumerate(events):
        event = ProvenanceEvent(work=work, position=position, **data)
        try:
            event.full_clean()
        except ValidationError as error:
            errors.append(
                _("Provenance event %(n)s: %(error)s") % {"n": position + 1, "error": "; ".join(error.messages)}
            )
            continue
        event.save()
    if errors:
        raise ValidationError({"provenance": errors})


@transaction.atomic
def work_create(*, actor=None, title: dict, makers=(), provenance=(), is_demo: bool = False, **fields) -> Work:
    """Catalogue a work as a draft. An artisan may add only a work they made themselves."""
    if actor is not None and not can_catalogue(actor):
        own = _own_person(actor)
        if own is None or not actor.has_perm("works.add_work"):
            raise PermissionDenied(_("You may not add works to the catalogue."))
        if own.pk not in {person.pk for person, _role in map(_maker_and_role, makers)}:
            raise PermissionDenied(_("You may add only works you made yourself: list yourself as a maker."))
    _check_catalogue_fields(actor, Work(), fields)
    _check_links(actor, Work(), fields)
    with change_batch(user=actor, label=f"add work {dict(title).get('en') or next(iter(dict(title).values()), '')}"):
        work = Work(title=title, is_demo=is_demo)
        m2m = _apply(work, fields)
        _save(work)
        for key, value in m2m.items():
            getattr(work, key).set(value)
        _set_makers(work, makers)
        _set_provenance(work, provenance)
    return work


@transaction.atomic
def work_update(*, actor=None, work: Work, makers=None, provenance=None, **fields) -> Work:
    """Change a work; curators change any, artisans only their own."""
    if actor is not None and not can_edit_work(actor, work):
        raise PermissionDenied(_("You may not edit this work."))
    stored = Work.objects.get(pk=work.pk)
    _check_catalogue_fields(actor, stored, fields)
    _check_links(actor, stored, fields)
    with change_batch(user=actor, label=f"edit work {work.pk}"):
        m2m = _apply(work, fields)
        _save(work)
        for key, value in m2m.items():
            getattr(work, key).set(value)
        if makers is not None:
            work_makers_set(actor=actor, work=work, makers=makers)
        if provenance is not None:
            work_provenance_set(actor=actor, work=work, events=provenance)
    return work


@transaction.atomic
def work_makers_set(*, actor=None, work: Work, makers) -> Work:
    """Replace a work's makers (people, or (person, role) pairs); an artisan must stay one of them."""
    if actor is not None and not can_edit_work(actor, work):
        raise PermissionDenied(_("You may not edit this work."))
    if actor is not None and not can_catalogue(actor):
        own = _own_person(actor)
        credits = {(person.pk, role) for person, role in map(_maker_and_role, makers)}
        listed = {person_id for person_id, _role in credits}
        if own is None or own.pk not in listed:
            raise PermissionDenied(_("You cannot remove yourself from the makers of your own work."))
        # A maker may add co-makers; taking someone else off a work is the curators' (or the co-maker would
        # be able to take its first maker off in turn). So is changing someone else's role: a maker made an
        # "assistant" has lost the credit as surely as one taken off.
        others = set(work.work_makers.exclude(person_id=own.pk).values_list("person_id", "role"))
        if {person_id for person_id, _role in others} - listed:
            raise PermissionDenied(_("Only curators remove another maker from a work."))
        if others - credits:
            raise PermissionDenied(_("Only curators change the role of another maker of a work."))
    with change_batch(user=actor, label=f"edit makers of work {work.pk}"):
        _set_makers(work, makers)
        # The work's page and its harvest datestamp change with its makers.
        Work.objects.filter(pk=work.pk).update(updated_at=timezone.now())
    return work


@transaction.atomic
def work_provenance_set(*, actor=None, work: Work, events) -> Work:
    """Replace a work's provenance with `events`, dicts of ProvenanceEvent fields in order."""
    if actor is not None and not can_edit_work(actor, work):
        raise PermissionDenied(_("You may not edit this work."))
    with change_batch(user=actor, label=f"edit provenance of work {work.pk}"):
        _set_provenance(work, events)
        Work.objects.filter(pk=work.pk).update(updated_at=timezone.now())
    return work


def _set_status(*, actor, work: Work, status: str) -> Work:
    if actor is not None and not can_publish_work(actor):
        raise PermissionDenied(_("Only curators publish or withdraw works."))
    with change_batch(user=actor, label=f"{status} work {work.pk}"):
        work.status = status
        if status == Work.Status.PUBLISHED and work.published_at is None:
            work.published_at = timezone.now()
        if status == Work.Status.PUBLISHED:
            work.review_requested_at = None
        _save(work)
    return work


@transaction.atomic
def work_publish(*, actor=None, work: Work) -> Work:
    """Make a work public: pages, manifests, OAI-PMH, search and open data."""
    if work.status == Work.Status.PUBLISHED:
        return work
    return _set_status(actor=actor, work=work, status=Work.Status.PUBLISHED)


@transaction.atomic
def work_withdraw(*, actor=None, work: Work) -> Work:
    """Take a work off the public catalogue; harvesters see it as deleted."""
    return _set_status(actor=actor, work=work, status=Work.Status.WITHDRAWN)


@transaction.atomic
def work_review_request(*, actor, work: Work) -> Work:
    """A maker sends their draft to the curators' queue (Work admin, "waiting for review")."""
    if not can_edit_work(actor, work):
        raise PermissionDenied(_("You may not edit this work."))
    if work.status != Work.Status.DRAFT:
        raise ValidationError(_("Only a draft is sent for review."))
    if not dict(work.title or {}):
        raise ValidationError({"title": _("Give the work a title first.")})
    with change_batch(user=actor, label=f"review requested for work {work.pk}"):
        work.review_requested_at = timezone.now()
        _save(work)
    return work


@transaction.atomic
def work_review_return(*, actor, work: Work, remarks: str) -> Work:
    """A curator sends a draft back to its maker with remarks (the maker reads them in My works)."""
    if not can_publish_work(actor):
        raise PermissionDenied(_("Only curators publish or withdraw works."))
    remarks = remarks.strip()
    if not remarks:
        raise ValidationError({"review_remarks": _("Write what the maker should change.")})
    with change_batch(user=actor, label=f"review remarks on work {work.pk}"):
        work.review_remarks, work.review_requested_at = remarks[:2000], None
        _save(work)
    return work


@transaction.atomic
def work_image_add(
    *, actor=None, work: Work, upload, alt: dict | None = None, position: int = 0, is_illustration: bool = False
) -> WorkImage:
    """Check an upload, keep the original privately and make its stripped derivatives, once."""
    if actor is not None and not can_edit_work(actor, work):
        raise PermissionDenied(_("You may not add images to this work."))
    check_image(upload)
    derivatives = make_derivatives(upload)
    with change_batch(user=actor, label=f"add image to work {work.pk}"):
        image = WorkImage(work=work, alt=alt or {}, position=position, is_illustration=is_illustration)
        image.original.save(upload.name.rsplit("/", 1)[-1], upload, save=False)
        stem = image.original.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        web, thumb = derivatives["web"], derivatives["thumbnail"]
        image.web.save(f"{stem}-web.jpg", ContentFile(web.content), save=False)
        image.thumbnail.save(f"{stem}-thumb.jpg", ContentFile(thumb.content), save=False)
        image.width, image.height = web.width, web.height
        image.thumbnail_width, image.thumbnail_height = thumb.width, thumb.height
        image.full_clean()
        image.save()
        Work.objects.filter(pk=work.pk).update(updated_at=timezone.now())
    return image


@transaction.atomic
def collection_create(*, actor=None, is_demo: bool = False, **fields) -> Collection:
    if actor is not None and not can_catalogue(actor):
        raise PermissionDenied(_("Only curators create collections."))
    with change_batch(user=actor, label=f"add collection {fields.get('slug', '')}"):
        collection = Collection(is_demo=is_demo, **fields)
        _save(collection)
    return collection


@transaction.atomic
def exhibition_create(*, actor=None, items=(), is_demo: bool = False, **fields) -> Exhibition:
    """An exhibition with its works; `items` are dicts of work, caption, shown_from, shown_until."""
    if actor is not None and not can_catalogue(actor):
        raise PermissionDenied(_("Only curators create exhibitions."))
    with change_batch(user=actor, label=f"add exhibition {fields.get('slug', '')}"):
        exhibition = Exhibition(is_demo=is_demo, **fields)
        _save(exhibition)
        for position, item in enumerate(items):
            exhibition_work_add(actor=None, exhibition=exhibition, position=position, **item)
    return exhibition


@transaction.atomic
def exhibition_work_add(
    *, actor=None, exhibition: Exhibition, work: Work, position: int = 0, **fields
) -> ExhibitionWork:
    if actor is not None and not can_catalogue(actor):
        raise PermissionDenied(_("Only curators change exhibitions."))
    with change_batch(user=actor, label=f"add work {work.pk} to exhibition {exhibition.pk}"):
        item = ExhibitionWork(exhibition=exhibition, work=work, position=position, **fields)
        _save(item)
    return item


def person_credits_move(*, keep, absorb) -> None:
    """A merge: works the absorbed record made are the kept person's; a credit both records held stays once."""
    for maker in absorb.work_makers.order_by("id"):
        if keep.work_makers.filter(work_id=maker.work_id, role=maker.role).exists():
            maker.delete()
            continue
        maker.person = keep
        maker.save()
