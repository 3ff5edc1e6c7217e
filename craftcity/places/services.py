"""Writing places: venues, museums and workshops. A workshop in someone's home is personal data: only who may
see its address may name its person, keep it, or show its address (accounts.rules)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_edit_place, can_see_everyones_personal_data, is_own_place
from craftcity.audit.context import change_batch

from .models import Place


@transaction.atomic
def place_save(*, actor=None, place: Place) -> Place:
    stored = Place.objects.filter(pk=place.pk).first() if place.pk else None
    for state in (stored, place):
        if actor is not None and state is not None and not can_edit_place(actor, state):
            raise PermissionDenied(_("You may not change this place."))
    moved_home = (stored.person_id if stored else None) != place.person_id
    # An artisan may open their own workshop (a new place of their own); naming anyone else's home, or moving a
    # workshop between people, is the registrars'.
    own_new = stored is None and actor is not None and is_own_place(actor, place)
    if actor is not None and moved_home and not (own_new or can_see_everyones_personal_data(actor)):
        raise PermissionDenied(_("Only registrars may say whose home a workshop is."))
    with change_batch(user=actor, label=f"place {place.slug}"):
        place.full_clean()
        place.save()
    return place


@transaction.atomic
def place_delete(*, actor=None, place: Place) -> None:
    if actor is not None and not can_edit_place(actor, place):
        raise PermissionDenied(_("You may not remove this place."))
    with change_batch(user=actor, label=f"delete place {place.slug}"):
        place.delete()


def person_places_move(*, keep, absorb) -> None:
    """A merge: workshops of the absorbed record are the kept person's (people.merging)."""
    from craftcity.people.merging import reassign

    reassign(absorb.places.all(), keep)


@transaction.atomic
def place_image_set(
    *, actor=None, place: Place, upload, alt: dict | None = None, is_illustration: bool = False
) -> Place:
    """The place's picture, checked and stripped of metadata (core.pictures)."""
    from craftcity.core.pictures import picture_store

    if actor is not None and not can_edit_place(actor, place):
        raise PermissionDenied(_("You may not change this place."))
    with change_batch(user=actor, label=f"image of place {place.slug}"):
        picture_store(place, upload, kind="place")
        place.image_alt = alt or {}
        place.is_image_illustration = is_illustration
        place.full_clean()
        place.save()
    return place
