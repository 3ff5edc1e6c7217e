"""Conflicts of interest read from the registry: a juror may not score a relative (family relations up to
FAMILY_STEPS steps in any direction: parent, child, sibling, grandparent…), their own master or apprentice,
or a member of an organization they lead (president, director, founder, or its editor). Declared conflicts
count the same."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from craftcity.lineage.models import Relation
from craftcity.organizations.models import Membership

FAMILY_STEPS = 2
LEADING_ROLES = (Membership.Role.PRESIDENT, Membership.Role.DIRECTOR, Membership.Role.FOUNDER)


def _family_within(person_id: int, steps: int) -> set[int]:
    seen, frontier = {person_id}, {person_id}
    for _step in range(steps):
        edges = Relation.objects.filter(kind=Relation.Kind.FAMILY).filter(
            Q(senior_id__in=frontier) | Q(junior_id__in=frontier)
        )
        reached = set()
        for senior, junior in edges.values_list("senior_id", "junior_id"):
            reached.update((senior, junior))
        frontier = reached - seen
        seen |= frontier
        if not frontier:
            break
    return seen - {person_id}


def person_conflicts(person_id: int) -> dict[int, list[str]]:
    """Everyone the person may not judge, each with the reasons, from lineage and memberships."""
    reasons: dict[int, list[str]] = {}
    for other in _family_within(person_id, FAMILY_STEPS):
        reasons.setdefault(other, []).append(_("relative"))
    apprenticeships = Relation.objects.filter(kind=Relation.Kind.APPRENTICESHIP).filter(
        Q(senior_id=person_id) | Q(junior_id=person_id)
    )
    for senior, junior in apprenticeships.values_list("senior_id", "junior_id"):
        if senior == person_id:
            reasons.setdefault(junior, []).append(_("own apprentice"))
        else:
            reasons.setdefault(senior, []).append(_("own master"))
    led = Membership.objects.filter(person_id=person_id).filter(Q(role__in=LEADING_ROLES) | Q(is_editor=True))
    led_ids = set(led.values_list("organization_id", flat=True))
    if led_ids:
        members = Membership.objects.filter(organization_id__in=led_ids).exclude(person_id=person_id)
        for member, organization in members.values_list("person_id", "organization__slug").distinct():
            text = _("member of an organization the juror leads (%(org)s)") % {"org": organization}
            if text not in reasons.get(member, []):
                reasons.setdefault(member, []).append(text)
    return reasons


def juror_conflicts(juror) -> dict[int, list[str]]:
    """Application id → reasons the juror may not score it (derived and declared)."""
    from .models import Application, ConflictDeclaration

    by_person = person_conflicts(juror.person_id)
    result: dict[int, list[str]] = {}
    entries = Application.objects.filter(call__event__competition=juror.competition_id)
    for pk, person in entries.filter(person_id__in=[*by_person, juror.person_id]).values_list("pk", "person_id"):
        result[pk] = by_person.get(person) or [_("own entry")]
    for pk, reason in ConflictDeclaration.objects.filter(juror=juror).values_list("application_id", "reason"):
        result.setdefault(pk, []).append(_("declared: %(reason)s") % {"reason": reason})
    return result
