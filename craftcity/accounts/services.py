"""Roles: create the groups and give them to users."""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .roles import ROLE_PERMISSIONS, STAFF_ROLES, Role

logger = logging.getLogger(__name__)


@transaction.atomic
def roles_sync() -> dict[str, int]:
    """Create or update one group per role with exactly its permissions. Returns permission counts."""
    counts = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted += list(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
        counts[role] = len(wanted)
    return counts


@transaction.atomic
def user_grant_role(*, user, role: str) -> None:
    """Give a user a role; every role works in the back office, the administrator has all rights."""
    role = Role(role)
    if role == Role.ADMIN:
        user.is_superuser = True
    else:
        group, _created = Group.objects.get_or_create(name=role)
        user.groups.add(group)
    if role in STAFF_ROLES:
        user.is_staff = True
    user.save(update_fields=["is_staff", "is_superuser"])


@transaction.atomic
def second_factor_reset(*, user, actor=None) -> int:
    """Remove every second factor of `user` (a lost phone): they sign in with the password alone, and staff who
    must have one are sent to set up a new one. Returns how many authenticators were removed."""
    from allauth.mfa.models import Authenticator

    removed, _by_model = Authenticator.objects.filter(user=user).delete()
    if removed:
        logger.warning(
            "Second factor of user %s removed by %s", user.pk, getattr(actor, "pk", None) or "the command line"
        )
    return removed
