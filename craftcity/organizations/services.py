"""Writes to organizations and memberships."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_edit_organization
from craftcity.audit.context import change_batch

from .models import Membership, Organization


@transaction.atomic
def organization_create(*, actor=None, is_demo: bool = False, disciplines=(), **fields) -> Organization:
    if actor is not None and not (actor.is_superuser or actor.has_perm("organizations.add_organization")):
        raise PermissionDenied(_("You may not add organizations."))
    with change_batch(user=actor, label=f"add organization {fields.get('slug', '')}"):
        organization = Organization(is_demo=is_demo, **fields)
        organization.full_clean()
        organization.save()
        if disciplines:
            organization.disciplines.set(disciplines)
    return organization


@transaction.atomic
def organization_update(*, actor=None, organization: Organization, **fields) -> Organization:
    if actor is not None and not can_edit_organization(actor, organization):
        raise PermissionDenied(_("You may not edit this organization."))
    with change_batch(user=actor, label=f"edit organization {organization.pk}"):
        disciplines = fields.pop("disciplines", None)
        for key, value in fields.items():
            setattr(organization, key, value)
        organization.full_clean()
        organization.save()
        if disciplines is not None:
            organization.disciplines.set(disciplines)
    return organization


@transaction.atomic
def membership_create(
    *, actor=None, person, organization: Organization, role=Membership.Role.MEMBER, **fields
) -> Membership:
    """Record that a person belongs to an organization; its editors and registrars may do this."""
    if actor is not None and not can_edit_organization(actor, organization):
        raise PermissionDenied(_("You may not change the members of this organization."))
    with change_batch(user=actor, label=f"membership {person.pk} in {organization.pk}"):
        membership = Membership(person=person, organization=organization, role=role, **fields)
        membership.full_clean()
        membership.save()
    return membership
