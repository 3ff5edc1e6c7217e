"""Writing awards and designations: the only door for the back office, events' results and merges.

A city title (an award to a locality) brings its reporting obligations: this service derives them when it
saves the award, as the service that changed their input (dossier.services.obligations_derive)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_record_award
from craftcity.audit.context import change_batch
from craftcity.core.dates import add_years

from .models import Award


@transaction.atomic
def award_save(*, actor=None, award: Award) -> Award:
    """Record or change an award (to a person, an organization or a city) after checking who may."""
    if actor is not None and not can_record_award(actor, award):
        raise PermissionDenied(_("You may not record this award."))
    with change_batch(user=actor, label=f"award {award.programme_id} {award.year}"):
        term = award.programme.term_years if award.programme_id else None
        if term and award.valid_until is None and award.cancelled_on is None:
            award.valid_until = add_years(award.starts_on, term) - dt.timedelta(days=1)
        award.full_clean()
        award.save()
        if award.locality_id is not None:
            from craftcity.dossier.services import obligations_derive

            obligations_derive(award=award)
    return award


@transaction.atomic
def title_renew(*, actor=None, award: Award, renewed_on: dt.date, citation: dict | None = None) -> Award:
    """Renew a title with a term: a new award from `renewed_on` that renews this one (the old one keeps its
    history and its end); refused for a cancelled title or a title held for life."""
    if award.cancelled_on:
        raise ValidationError(_("A cancelled title cannot be renewed; grant it anew."))
    if not award.programme.term_years:
        raise ValidationError(_("This title is held for life: there is nothing to renew."))
    if renewed_on < award.starts_on:
        raise ValidationError({"granted_on": _("A title cannot be renewed before it is granted.")})
    renewal = Award(
        programme=award.programme,
        year=renewed_on.year,
        granted_on=renewed_on,
        person=award.person,
        organization=award.organization,
        tier=award.tier,
        renews=award,
        scope=award.scope,
        citation=citation or award.citation,
        is_demo=award.is_demo,
    )
    return award_save(actor=actor, award=renewal)


@transaction.atomic
def title_cancel(*, actor=None, award: Award, cancelled_on: dt.date, reason: str) -> Award:
    """Withdraw a title from a date, with the reason (kept in the history and shown in the dossier)."""
    award.cancelled_on = cancelled_on
    award.cancellation_reason = reason
    return award_save(actor=actor, award=award)


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
