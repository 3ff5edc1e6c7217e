"""Linking accounts to people: claims a registrar decides, one-time invitations, and proposed new profiles.

The one rule behind every path: a person has at most one account, an account at most one person, and nobody gets
a profile that is already someone's. Decisions are asked of accounts.rules; the link itself is written by
people.services.person_account_link, in the same history batch."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_claim_profiles, can_decide_claim, is_registrar
from craftcity.audit.context import change_batch
from craftcity.core.mail import mail_after_commit

from .models import Person, PersonName, ProfileClaim, ProfileInvitation, RemovalRequest
from .services import person_account_link, person_create, person_delete

INVITATION_DAYS = 14


def _language(value: str | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return value if value in codes else settings.LANGUAGE_CODE


def _may_ask(user) -> None:
    if getattr(user, "person", None) is not None:
        raise ValidationError(_("Your account already has a profile in the registry."))
    if not can_claim_profiles(user):
        raise PermissionDenied(_("Confirm your e-mail address before asking for a profile."))
    if ProfileClaim.objects.filter(user=user, status=ProfileClaim.Status.PENDING).exists():
        raise ValidationError(_("You already have a request waiting for a decision."))


def _claimable(person: Person) -> None:
    if person.user_id is not None:
        raise ValidationError(_("This profile already belongs to an account."))
    if person.merged_into_id is not None or person.status != "published":
        raise ValidationError(_("This profile cannot be claimed."))


def _notify(email: str, language: str, template: str, context: dict) -> None:
    """An e-mail in `language` (the one the user asked in), sent once the change is committed."""
    mail_after_commit([email], language, f"people/mail/{template}", context)


def _create_claim(**fields) -> ProfileClaim:
    try:
        with transaction.atomic():
            claim = ProfileClaim(**fields)
            claim.full_clean(validate_constraints=False)
            claim.save()
    except IntegrityError:  # two requests at once: the database's one-pending-claim rule decided
        raise ValidationError(_("You already have a request waiting for a decision.")) from None
    return claim


@transaction.atomic
def claim_request(*, user, person: Person, message: str = "", language: str | None = None) -> ProfileClaim:
    """A signed-in user says "this is me"; the record waits for a registrar's (or organization editor's) decision."""
    _may_ask(user)
    person = Person.objects.select_for_update().get(pk=person.pk)
    _claimable(person)
    with change_batch(user=user, label=f"claim person {person.pk}"):
        return _create_claim(user=user, person=person, message=message.strip()[:2000], language=_language(language))


@transaction.atomic
def profile_propose(
    *, user, full_name: str, name_language: str, message: str = "", language: str | None = None
) -> ProfileClaim:
    """Someone not in the registry proposes their own profile: a draft person, public only once a registrar
    approves the claim."""
    _may_ask(user)
    full_name = " ".join(full_name.split())
    if len(full_name) < 3:
        raise ValidationError({"full_name": _("Write your full name as it should appear in the registry.")})
    forms = {"kk": PersonName.Form.KAZAKH_CYRILLIC, "ru": PersonName.Form.RUSSIAN, "en": PersonName.Form.PASSPORT}
    with change_batch(user=user, label=f"propose profile {full_name}"):
        form = forms.get(name_language, PersonName.Form.PASSPORT)
        name = {"full_name": full_name, "language": name_language, "form": form, "is_primary": True}
        person = person_create(names=[name], status="draft")
        return _create_claim(
            user=user, person=person, message=message.strip()[:2000], language=_language(language), is_proposal=True
        )


@transaction.atomic
def claim_withdraw(*, user, claim: ProfileClaim) -> ProfileClaim:
    if claim.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This is not your request."))
    if claim.status != ProfileClaim.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    with change_batch(user=user, label=f"withdraw claim {claim.pk}"):
        claim.status = ProfileClaim.Status.WITHDRAWN
        claim.save(update_fields=["status", "updated_at"])
        if claim.is_proposal and claim.person.user_id is None:
            person_delete(actor=None, person=claim.person)  # a draft nobody else has seen
    return claim


@transaction.atomic
def claim_decide(*, actor, claim: ProfileClaim, approve: bool, reason: str = "") -> ProfileClaim:
    """Approve (the account becomes the person's) or refuse with a reason; the user is told by e-mail."""
    claim = ProfileClaim.objects.select_for_update().select_related("person", "user").get(pk=claim.pk)
    if not can_decide_claim(actor, claim.person):
        raise PermissionDenied(_("You may not decide on claims to this profile."))
    if claim.is_proposal and not is_registrar(actor):
        raise PermissionDenied(_("Only a registrar may accept a new profile into the registry."))
    if claim.status != ProfileClaim.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Say why the request is refused: the user will read it.")})
    person = Person.objects.select_for_update().get(pk=claim.person_id)
    with change_batch(user=actor, label=f"decide claim {claim.pk}"):
        if approve:
            if person.user_id is not None:
                raise ValidationError(_("This profile already belongs to an account."))
            if getattr(claim.user, "person", None) is not None:
                raise ValidationError(_("This account already has a profile in the registry."))
            person_account_link(person=person, user=claim.user, publish=claim.is_proposal)
            for other in ProfileClaim.objects.filter(person=person, status=ProfileClaim.Status.PENDING).exclude(
                pk=claim.pk
            ):
                other.status, other.decided_by, other.decided_at = ProfileClaim.Status.REFUSED, actor, timezone.now()
                other.reason = _("Another account's claim to this profile was approved.")
                other.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
        claim.status = ProfileClaim.Status.APPROVED if approve else ProfileClaim.Status.REFUSED
        claim.reason, claim.decided_by, claim.decided_at = reason, actor, timezone.now()
        claim.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated_at"])
    with translation.override(claim.language):
        me = public_url() + reverse("me:home")
    _notify(claim.user.email, claim.language, "claim_decided", {"claim": claim, "person": person, "path": me})
    return claim


def public_url() -> str:
    """The site's address for links in e-mails (CRAFTCITY_PUBLIC_URL)."""
    return getattr(settings, "CRAFTCITY_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *, actor, person: Person, email: str, language: str | None = None, base_url: str = ""
) -> tuple[ProfileInvitation, str]:
    """A one-time link, valid INVITATION_DAYS days, sent to `email`; returns the invitation and its token."""
    if not can_decide_claim(actor, person):
        raise PermissionDenied(_("You may not invite someone to this profile."))
    _claimable(person)
    token = secrets.token_urlsafe(32)
    language = _language(language)
    with change_batch(user=actor, label=f"invite to person {person.pk}"):
        invitation = ProfileInvitation(
            person=person,
            email=email,
            language=language,
            token_hash=_hash(token),
            expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
            created_by=actor,
        )
        invitation.full_clean()
        invitation.save()
    with translation.override(language):
        link = (base_url.rstrip("/") or public_url()) + reverse("me:invitation", args=[token])
    _notify(email, language, "invitation", {"person": person, "link": link, "days": INVITATION_DAYS})
    return invitation, token


def invitation_find(token: str) -> ProfileInvitation:
    """The invitation behind a link, if it may still be used; a clear error otherwise."""
    invitation = ProfileInvitation.objects.select_related("person").filter(token_hash=_hash(token or "")).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid. Ask the registrar for a new one."))
    if invitation.used_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.expires_at < timezone.now():
        raise ValidationError(_("This invitation has expired. Ask the registrar for a new one."))
    return invitation


@transaction.atomic
def invitation_accept(*, user, token: str) -> Person:
    invitation = invitation_find(token)
    invitation = ProfileInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if getattr(user, "person", None) is not None:
        raise ValidationError(_("Your account already has a profile in the registry."))
    if not can_claim_profiles(user):
        raise PermissionDenied(_("Confirm your e-mail address before asking for a profile."))
    person = Person.objects.select_for_update().get(pk=invitation.person_id)
    _claimable(person)
    with change_batch(user=invitation.created_by, label=f"invitation to person {person.pk} used"):
        person_account_link(person=person, user=user)
        invitation.used_at, invitation.used_by = timezone.now(), user
        invitation.save(update_fields=["used_at", "used_by", "updated_at"])
    return person


@transaction.atomic
def removal_request(*, user, scope: str, message: str = "", language: str | None = None) -> RemovalRequest:
    """Ask for one's account (or account and profile) to be removed; a registrar decides."""
    if scope not in RemovalRequest.Scope.values:
        raise ValidationError({"scope": _("Choose what should be removed.")})
    if RemovalRequest.objects.filter(user=user, status=RemovalRequest.Status.PENDING).exists():
        raise ValidationError(_("You already have a request waiting for a decision."))
    with change_batch(user=user, label="removal requested"):
        request = RemovalRequest(
            user=user,
            email=user.email,
            person=getattr(user, "person", None),
            scope=scope,
            message=message.strip()[:2000],
            language=_language(language),
        )
        request.full_clean()
        request.save()
    return request


@transaction.atomic
def removal_decide(*, actor, request: RemovalRequest, approve: bool, reason: str = "") -> RemovalRequest:
    """A registrar carries out (the account is closed; with `profile`, the person is deleted) or refuses with a
    reason. The user is told by e-mail before the account goes."""
    from .services import person_account_unlink, person_delete

    request = RemovalRequest.objects.select_for_update().get(pk=request.pk)
    if not is_registrar(actor):
        raise PermissionDenied(_("Only a registrar decides on removals."))
    if request.status != RemovalRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the request is refused: the user will read it.")})
    with change_batch(user=actor, label=f"decide removal {request.pk}"):
        request.status = RemovalRequest.Status.DONE if approve else RemovalRequest.Status.REFUSED
        request.reason, request.decided_by, request.decided_at = reason.strip(), actor, timezone.now()
        request.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated_at"])
        if approve and request.user is not None:
            person = getattr(request.user, "person", None)
            if person is not None:
                if request.scope == RemovalRequest.Scope.PROFILE:
                    person_delete(actor=actor, person=person)
                else:
                    person_account_unlink(person=person)
            request.user.is_active = False
            request.user.save(update_fields=["is_active"])
    _notify(request.email, request.language, "removal_decided", {"request": request})
    return request
