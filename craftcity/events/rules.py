"""Who may run which event; artisans act only on their own applications.

"No one edits what is not theirs": registrars and administrators run every event (`events.manage_any_event`);
an organiser runs the events organised by an organization they belong to now (a membership that has not ended),
and the sub-events of those. Supporters and partners of an event do not run it. A juror's scoring is decided by
the jury seat (`services.juror_for`), never here."""

from __future__ import annotations

from django.utils import timezone

from craftcity.accounts.rules import with_descendants


def _authenticated(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def own_person(user):
    if not _authenticated(user):
        return None
    return getattr(user, "person", None)


def can_manage_any_event(user) -> bool:
    """Registrars and administrators: every event, whoever organises it."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("events.manage_any_event"))


def member_organization_ids(user) -> set[int]:
    """Organizations the user's person belongs to this year; the ones whose events an organiser runs."""
    from django.db.models import Q

    from craftcity.organizations.models import Membership

    person = own_person(user)
    if person is None:
        return set()
    year = timezone.localdate().year
    begun = Q(start_year__isnull=True) | Q(start_year__lte=year)
    not_ended = Q(end_year__isnull=True) | Q(end_year__gte=year)
    return set(Membership.objects.filter(begun, not_ended, person=person).values_list("organization_id", flat=True))


def managed_event_ids(user) -> set[int] | None:
    """The events `user` runs: None means every event; otherwise a set of ids, sub-events included."""
    from .models import Event, EventOrganization

    if can_manage_any_event(user):
        return None
    if not (_authenticated(user) and user.has_perm("events.change_event")):
        return set()
    organizations = member_organization_ids(user)
    if not organizations:
        return set()
    roots = set(
        EventOrganization.objects.filter(
            organization_id__in=organizations, role=EventOrganization.Role.ORGANISER
        ).values_list("event_id", flat=True)
    )
    return with_descendants(Event, roots)


def can_manage_event(user, event) -> bool:
    """Run this event: its calls, applications, check-in, competition, jury, stages and results."""
    if can_manage_any_event(user):
        return True
    if event is None or event.pk is None or not (_authenticated(user) and user.has_perm("events.change_event")):
        return False
    from .models import EventOrganization

    lineage, node = [], event
    while node is not None and node.pk not in lineage and len(lineage) < 100:
        lineage.append(node.pk)
        node = node.parent
    return EventOrganization.objects.filter(
        event_id__in=lineage, role=EventOrganization.Role.ORGANISER, organization_id__in=member_organization_ids(user)
    ).exists()


def can_act_on_application(user, application) -> bool:
    person = own_person(user)
    if person is not None and person.pk == application.person_id:
        return True
    return can_manage_event(user, application.call.event)
