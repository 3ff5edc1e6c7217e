"""Writes to organizations and memberships."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_add_organizations, can_edit_every_organization, can_edit_organization
from craftcity.audit.context import change_batch

from .models import Membership, Organization


@transaction.atomic
def organization_create(*, actor=None, is_demo: bool = False, disciplines=(), **fields) -> Organization:
    if actor is not None and not can_add_organizations(actor):
        raise PermissionDenied(_("You may not add organizations."))
    with change_batch(user=actor, label=f"add organization {fields.get('slug', '')}"):
        organization = Organization(is_demo=is_demo, **fields)
        organization.full_clean()
        organization.save()
        if disciplines:
            organization.disciplines.set(disciplines)
    return organization


def _check_parent(actor, organization: Organization, parent) -> None:
    """Moving an organization in the tree: its editor may nest it only under another organization they edit,
    never under someone else's (which would hand them its subtree) or out of the tree (registrars only)."""
    stored = Organization.objects.filter(pk=organization.pk).values_list("parent_id", flat=True).first()
    parent_id = getattr(parent, "pk", parent)
    if actor is None or parent_id == stored or can_edit_every_organization(actor):
        return
    if parent_id is None or not can_edit_organization(actor, Organization(pk=parent_id)):
        raise PermissionDenied(_("You may nest an organization only under another organization you edit."))


@transaction.atomic
def organization_update(*, actor=None, organization: Organization, **fields) -> Organization:
    if actor is not None and not can_edit_organization(actor, organization):
        raise PermissionDenied(_("You may not edit this organization."))
    if "parent" in fields or "parent_id" in fields:
        _check_parent(actor, organization, fields.get("parent", fields.get("parent_id")))
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
    _check_members_of(actor, organization)
    with change_batch(user=actor, label=f"membership {person.pk} in {organization.pk}"):
        membership = Membership(person=person, organization=organization, role=role, **fields)
        membership.full_clean()
        membership.save()
    return membership


def _check_members_of(actor, organization: Organization) -> None:
    if actor is not None and not can_edit_organization(actor, organization):
        raise PermissionDenied(
            _("You may not change the members of %(organization)s.") % {"organization": organization}
        )


@transaction.atomic
def membership_update(*, actor=None, membership: Membership, **fields) -> Membership:
    """Change a membership; who may change it must be allowed to edit the organization before and after."""
    stored = Membership.objects.filter(pk=membership.pk).select_related("organization").first()
    if stored is not None:
        _check_members_of(actor, stored.organization)
    for key, value in fields.items():
        setattr(membership, key, value)
    _check_members_of(actor, membership.organization)
    with change_batch(user=actor, label=f"membership {membership.pk}"):
        membership.full_clean()
        membership.save()
    return membership


@transaction.atomic
def membership_delete(*, actor=None, membership: Membership) -> None:
    _check_members_of(actor, membership.organization)
    with change_batch(user=actor, label=f"remove membership {membership.pk}"):
        membership.delete()


def person_memberships_move(*, keep, absorb) -> None:
    """A merge: the absorbed record's memberships become the kept one's, one per organization, role and start."""
    from craftcity.people.merging import fill_blanks

    for membership in absorb.memberships.order_by("id"):
        twin = keep.memberships.filter(
            organization_id=membership.organization_id, role=membership.role, start_year=membership.start_year
        ).first()
        if twin is not None:
            fill_blanks(twin, membership, ["end_year"])
            if membership.is_editor and not twin.is_editor:
                twin.is_editor = True
                twin.save()
            membership.delete()
            continue
        membership.person = keep
        membership.full_clean()
        membership.save()


@transaction.atomic
def organization_image_set(
    *, actor=None, organization: Organization, upload, alt: dict | None = None, is_illustration: bool = False
) -> Organization:
    """The organization's logo (or picture), checked and stripped of metadata (core.pictures)."""
    from craftcity.core.pictures import picture_store

    if actor is not None and not can_edit_organization(actor, organization):
        raise PermissionDenied(_("You may not edit this organization."))
    with change_batch(user=actor, label=f"image of organization {organization.pk}"):
        picture_store(organization, upload, kind="organization")
        organization.image_alt = alt or {}
        organization.is_image_illustration = is_illustration
        organization.full_clean()
        organization.save()
    return organization
