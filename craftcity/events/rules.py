"""Who may run an event's applications and jury; artisans act only on their own applications."""

from __future__ import annotations


def _authenticated(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def own_person(user):
    if not _authenticated(user):
        return None
    return getattr(user, "person", None)


def can_manage_event(user, event=None) -> bool:
    if not _authenticated(user):
        return False
    return user.is_superuser or user.has_perm("events.manage_any_event")


def can_act_on_application(user, application) -> bool:
    person = own_person(user)
    if person is not None and person.pk == application.person_id:
        return True
    return can_manage_event(user, application.call.event)
