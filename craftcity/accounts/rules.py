"""Object-level rules: who may see or edit which record. Admin, API and services all ask here."""

from __future__ import annotations


def _authenticated(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _own_person_id(user) -> int | None:
    if not _authenticated(user):
        return None
    person = getattr(user, "person", None)
    return person.pk if person is not None else None


def is_own_person(user, person) -> bool:
    return person is not None and person.pk is not None and _own_person_id(user) == person.pk


def is_registrar(user) -> bool:
    """Registrars and administrators: they keep the whole registry (the one place this is decided)."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("people.edit_any_person"))


def can_add_people(user) -> bool:
    """Who may add people to the registry, one by one or by importing a list."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("people.add_person"))


def can_import(user) -> bool:
    """Lists of people are imported by staff who may add people (registrars)."""
    return can_add_people(user) and user.is_staff


def can_change_lineage(user) -> bool:
    """Master–apprentice and family relations, and dynasties."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("lineage.add_relation"))


def can_edit_person(user, person) -> bool:
    if not _authenticated(user):
        return False
    if is_registrar(user):
        return True
    return is_own_person(user, person) and user.has_perm("people.change_person")


def can_see_everyones_personal_data(user) -> bool:
    """Registrars and administrators: the only ones who may filter, sort or search lists by personal fields."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("people.view_personal_data"))


def can_see_personal_data(user, person) -> bool:
    """Contact details, exact address and birth date: the person themselves and registrars."""
    if not _authenticated(user):
        return False
    return can_see_everyones_personal_data(user) or is_own_person(user, person)


def edited_organization_ids(user) -> set[int]:
    """Organizations the user edits as an organization editor, with everything nested below them."""
    from craftcity.organizations.models import Membership, Organization

    own = _own_person_id(user)
    if own is None:
        return set()
    roots = set(Membership.objects.filter(person_id=own, is_editor=True).values_list("organization_id", flat=True))
    return with_descendants(Organization, roots)


def with_descendants(model, roots) -> set[int]:
    """These records of a tree-shaped model (with a `parent`) and everything nested below them."""
    if not roots:
        return set()
    children: dict[int, list[int]] = {}
    for pk, parent in model.objects.filter(parent__isnull=False).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    result, stack = set(), list(roots)
    while stack:
        pk = stack.pop()
        if pk not in result:
            result.add(pk)
            stack.extend(children.get(pk, []))
    return result


def can_edit_every_organization(user) -> bool:
    """Registrars and administrators edit every organization; editors only theirs (`can_edit_organization`)."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("organizations.edit_any_organization"))


def can_add_organizations(user) -> bool:
    return _authenticated(user) and (user.is_superuser or user.has_perm("organizations.add_organization"))


def can_delete_people(user) -> bool:
    return _authenticated(user) and (user.is_superuser or user.has_perm("people.delete_person"))


def can_build_dossier(user) -> bool:
    """Analysts (and registrars, administrators) build the designation's dossier in the back office."""
    return _authenticated(user) and user.is_staff and user.has_perm("dossier.build_dossier")


def can_keep_reports(user) -> bool:
    """Analysts record the designation's reports as submitted (and registrars, administrators)."""
    return can_build_dossier(user) and user.has_perm("dossier.change_reportingobligation")


def can_manage_support(user) -> bool:
    """Support programmes, grants, instalments and residencies: registrars and administrators."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("support.change_grant"))


def can_report_on_grant(user, grant) -> bool:
    """A grant's report comes from its recipient (the person, or an editor of the recipient organization), or
    is recorded for them by support staff."""
    if can_manage_support(user):
        return True
    if grant.person_id is not None:
        return is_own_person(user, grant.person)
    return can_edit_organization(user, grant.organization)


def can_manage_jobs(user) -> bool:
    """Registrars and administrators see the background jobs (their tracebacks may quote imported rows) and run a
    failed or stalled one again."""
    return is_registrar(user) or (_authenticated(user) and user.is_superuser)


def can_undo_changes(user) -> bool:
    """Registrars and administrators read any record's history and undo change batches."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("audit.change_changebatch"))


def can_edit_organization(user, organization) -> bool:
    if not _authenticated(user):
        return False
    if can_edit_every_organization(user):
        return True
    return (
        organization is not None
        and organization.pk in edited_organization_ids(user)
        and user.has_perm("organizations.change_organization")
    )


def can_see_place_address(user, place) -> bool:
    if not _authenticated(user):
        return False
    if user.is_superuser or user.has_perm("people.view_personal_data"):
        return True
    return place.person_id is not None and place.person_id == _own_person_id(user)


def can_record_award(user, award) -> bool:
    """Registrars record awards; an organization's editor, the awards to their organization."""
    if not _authenticated(user):
        return False
    if is_registrar(user) or user.has_perm("awards.change_award"):
        return True
    return award.organization_id is not None and can_edit_organization(user, award.organization)


def can_edit_place(user, place) -> bool:
    """Venues and museums: who may change places (curators, organisers, registrars). A workshop in someone's
    home: only who may see its address (registrars, the artisan); and only registrars name whose home it is."""
    if not _authenticated(user):
        return False
    if place.person_id is not None and not can_see_place_address(user, place):
        return False
    return user.is_superuser or user.has_perm("places.change_place") or is_own_place(user, place)


def is_own_place(user, place) -> bool:
    return place.person_id is not None and place.person_id == _own_person_id(user)


def can_point_at_place(user, place) -> bool:
    """A record (a work's location, an event's venue) may name a venue, or a home workshop whose address the
    user may see: naming someone's home elsewhere would show where they live to whoever reads that record."""
    return place is not None and (place.person_id is None or can_see_place_address(user, place))


def _is_maker(user, work) -> bool:
    own = _own_person_id(user)
    return (
        own is not None and work is not None and work.pk is not None and work.work_makers.filter(person_id=own).exists()
    )


def can_edit_work(user, work) -> bool:
    """Curators edit the catalogue; an artisan edits works they made (and their images)."""
    if not _authenticated(user):
        return False
    if user.is_superuser or user.has_perm("works.edit_any_work"):
        return True
    return _is_maker(user, work) and user.has_perm("works.change_work")


def can_publish_work(user) -> bool:
    return _authenticated(user) and (user.is_superuser or user.has_perm("works.publish_work"))


def can_catalogue(user) -> bool:
    """Collections and exhibitions are the curators'."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("works.edit_any_work"))


def can_edit_taxonomy(user) -> bool:
    """Registrars and administrators add crafts, techniques and materials (from an import's mapping table too)."""
    return is_registrar(user)


def can_decide_claim(user, person) -> bool:
    """Who links an account to a person (approves a claim, sends an invitation): registrars, and the editors of
    one of the person's organizations. A proposed new profile is published by registrars only (claim_decide)."""
    if not _authenticated(user) or person is None:
        return False
    if is_registrar(user):
        return True
    from craftcity.organizations.models import Membership

    if not user.has_perm("organizations.change_organization"):
        return False
    theirs = Membership.objects.filter(person=person).values_list("organization_id", flat=True)
    return bool(edited_organization_ids(user) & set(theirs))


def can_claim_profiles(user) -> bool:
    """A signed-in account with a verified address and no profile yet may ask for one."""
    if not _authenticated(user) or getattr(user, "person", None) is not None:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def needs_second_factor(user) -> bool:
    """Staff who work on other people's records (every role but the artisan's, and administrators) sign in with
    a second factor when the city asks for it (CRAFTCITY_STAFF_REQUIRE_2FA); artisans may choose to."""
    from django.conf import settings

    from .roles import Role

    if not (settings.CRAFTCITY_STAFF_REQUIRE_2FA and _authenticated(user) and user.is_staff):
        return False
    if user.is_superuser:
        return True
    roles = set(user.groups.values_list("name", flat=True))
    return roles != {Role.ARTISAN}


def can_edit_music(user) -> bool:
    """Repertoire, ensembles' members, performances, recordings and their captions are the curators'."""
    return _authenticated(user) and (user.is_superuser or user.has_perm("music.edit_music"))


def can_publish_music(user) -> bool:
    return _authenticated(user) and (user.is_superuser or user.has_perm("music.publish_music"))


# --- events of the City of Music: aitys and the open-air season ------------------------------------------------


def can_run_aitys(user, aitys) -> bool:
    """Draw the bracket, close rounds and publish an aitys's results: whoever runs its event (events.rules)."""
    from craftcity.events.rules import can_manage_event

    return can_manage_event(user, aitys.competition.event)


def can_vote_in_audience(user) -> bool:
    """An aitys's audience vote: any signed-in, active account, one vote per duel (the vote's own constraint)."""
    return _authenticated(user)


def can_change_event_schedule(user, event) -> bool:
    """Cancel, postpone or move an event, and record its attendance and weather: its organisers."""
    from craftcity.events.rules import can_manage_event

    return can_manage_event(user, event)


def can_edit_event_series(user) -> bool:
    """Seasons and series group events of many organisers: registrars and administrators keep them."""
    from craftcity.events.rules import can_manage_any_event

    return can_manage_any_event(user)
