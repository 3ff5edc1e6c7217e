"""Writing awards and designations: the only door for the back office, events' results and merges.

A city title (an award to a locality) brings its reporting obligations: this service derives them when it
saves the award, as the service that changed their input (dossier.services.obligations_derive)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_record_award
from craftcity.audit.context import change_batch

from .models import Award


@transaction.atomic
def award_save(*, actor=None, award: Award) -> Award:
    """Record or change an award (to a person, an organization or a city) after checking who may."""
    if actor is not None and not can_record_award(actor, award):
        raise PermissionDenied(_("You may not record this award."))
    with change_batch(user=actor, label=f"award {award.programme_id} {award.year}"):
        award.full_clean()
        award.save()
        if award.locality_id is not None:
            from craftcity.dossier.services import obligations_derive

            obligations_derive(award=award)
    return award


@transaction.atomic
def award_delete(*, actor=None, award: Award) -> None:
    if actor is not None and not can_record_award(actor, award):
        raise PermissionDenied(_("You may not remove this award."))
    with change_batch(user=actor, label=f"delete award {award.pk}"):
        award.delete()


def person_awards_move(*, keep, absorb) -> None:
    """A merge: the absorbed record's awards are the kept person's (people.merging)."""
    from craftcity.people.merging import reassign

    reassign(absorb.awards.all(), keep)
