"""Every write to events goes through here: enrolment with a waiting list, offers, check-in, jury scoring,
stages and published results. Each service is atomic and leaves nothing changed when it refuses."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from craftcity.audit.context import change_batch
from craftcity.awards.services import award_save
from craftcity.core.formatting import event_range
from craftcity.core.mail import mail_send_after_commit
from craftcity.core.uploads import ATTACHMENT, check_document

from . import rules
from .conflicts import juror_conflicts
from .forms_schema import clean_answers
from .models import (
    Application,
    Call,
    Competition,
    ConflictDeclaration,
    Criterion,
    Event,
    EventOrganization,
    EventSeries,
    Juror,
    Participant,
    Score,
)

Status = Application.Status
Stage = Application.Stage


def event_organizations_check(*, user, organizations, parent: Event | None = None, is_new: bool = True) -> list:
    """The (organization, role) pairs an event created or changed by `user` gets, or why it may not.

    Registrars and administrators name any organizations, or none. An organiser must leave the event organised by
    one of the organizations they belong to, or they could not run it once saved. This follows pretix, where an
    event always belongs to an organizer account: its event wizard first asks for the organizer, offering only
    those in which the user's teams may create events, and preselects it when there is just one. Here an organiser
    who names none of theirs gets their organization added as organiser when they belong to exactly one, must
    choose when they belong to several, and can create nothing when they belong to none. A sub-event of an event
    they run needs no organizers of its own: it is run with its parent. `user=None` is a trusted loader."""
    from craftcity.organizations.models import Organization

    rows = list(organizations)
    if user is None or rules.can_manage_any_event(user):
        return rows
    if not user.has_perm("events.add_event" if is_new else "events.change_event"):
        raise PermissionDenied(_("You may not organise events."))
    if parent is not None:
        if not rules.can_manage_event(user, parent):
            raise PermissionDenied(_("You may add sub-events only to events your organization runs."))
        return rows
    own = rules.member_organization_ids(user)
    if not own:
        raise PermissionDenied(
            _(
                "You belong to no organization, so you cannot organise events. "
                "Ask a registrar to record your membership."
            )
        )
    if any(organization.pk in own and role == EventOrganization.Role.ORGANISER for organization, role in rows):
        return rows
    if is_new and len(own) == 1:
        return [*rows, (Organization.objects.get(pk=next(iter(own))), EventOrganization.Role.ORGANISER)]
    names = ", ".join(str(o) for o in Organization.objects.filter(pk__in=own).order_by("slug"))
    raise ValidationError(
        {"organizations": [_("Name one of your organizations as the organiser: %(names)s.") % {"names": names}]}
    )


def event_create(*, organizations=(), user=None, **fields) -> Event:
    """Create an event; `organizations` is a list of (organization, role), checked by event_organizations_check."""
    organizations = event_organizations_check(user=user, organizations=organizations, parent=fields.get("parent"))
    with change_batch(user=user, label=f"event {fields.get('slug', '')}"), transaction.atomic():
        event = Event(**fields)
        event.full_clean()
        event.save()
        for organization, role in organizations:
            link = EventOrganization(event=event, organization=organization, role=role)
            link.full_clean()
            link.save()
    return event


def _serialized(work: Callable, *, user=None, label: str = ""):
    """Run `work` in one write transaction, retrying while SQLite says another writer holds the lock.

    On a file database BEGIN IMMEDIATE waits (the connection's timeout); an in-memory shared-cache database
    (the test suite's) answers "locked" at once instead, so the retry makes both behave the same."""
    for attempt in range(400):
        try:
            with transaction.atomic(), change_batch(user=user, label=label):
                return work()
        except OperationalError as error:
            if "locked" not in str(error) or transaction.get_connection().in_atomic_block:
                raise
            time.sleep(min(0.002 * (attempt + 1), 0.05))
    raise OperationalError("database stayed locked")


def _lock_event(call: Call) -> Call:
    # PostgreSQL: the event row is the enrolment lock; SQLite: BEGIN IMMEDIATE already serialises writers.
    Event.objects.select_for_update().filter(pk=call.event_id).first()
    return Call.objects.get(pk=call.pk)


def _mail(application: Application, kind: str) -> None:
    """Confirmation, waiting, offer, expiry, cancellation or reminder, in the applicant's language."""
    person = application.person
    if not person.email:
        return
    with translation.override(application.language or settings.LANGUAGE_CODE):
        event = str(application.call.event)
        subjects = {
            Status.CONFIRMED: _("Your place at %(event)s is confirmed"),
            Status.WAITING: _("You are on the waiting list for %(event)s"),
            Status.OFFERED: _("A place at %(event)s is free for you"),
            Status.EXPIRED: _("Your offer for %(event)s has expired"),
            Status.CANCELLED: _("Your application to %(event)s is cancelled"),
            "reminder": _("Reminder: %(event)s is coming"),
        }
        bodies = {
            Status.CONFIRMED: _("Your place at %(event)s is confirmed. It starts on %(start)s."),
            Status.WAITING: _("All places at %(event)s are taken; you are number %(position)s on the waiting list."),
            Status.OFFERED: _(
                "A place at %(event)s is free for you. Accept it before %(deadline)s or it goes to the next person."
            ),
            Status.EXPIRED: _("You did not accept the place at %(event)s in time; it was offered to the next person."),
            Status.CANCELLED: _("Your application to %(event)s is cancelled."),
            "reminder": _("%(event)s starts on %(start)s. We look forward to seeing you."),
        }
        params = {
            "event": event,
            "start": event_range(
                application.call.event.starts_at, all_day=application.call.event.is_all_day
            ),  # the day (and hour) it starts, in the applicant's language: "2027 жылғы 10 мамыр, 18:00"
            "deadline": formats.date_format(timezone.localtime(application.offer_expires_at), "DATETIME_FORMAT")
            if application.offer_expires_at
            else "",
            "position": waiting_position(application) or "",
        }
        subject, body = subjects[kind] % params, bodies[kind] % params
    mail_send_after_commit(subject, body, [person.email])


def waiting_position(application: Application) -> int | None:
    if application.status != Status.WAITING:
        return None
    ahead = Application.objects.filter(call_id=application.call_id, status=Status.WAITING).filter(
        Q(created_at__lt=application.created_at) | Q(created_at=application.created_at, pk__lt=application.pk)
    )
    return ahead.count() + 1


def _expire_and_offer(call: Call, now: dt.datetime) -> int:
    """Expire overdue offers, then offer every free seat to the next in line. Returns offers expired."""
    expired = 0
    for application in call.applications.filter(status=Status.OFFERED, offer_expires_at__lte=now):
        application.status = Status.EXPIRED
        application.save(update_fields=["status", "updated_at"])
        _mail(application, Status.EXPIRED)
        expired += 1
    if call.capacity is not None:
        taken = call.applications.filter(status__in=(Status.CONFIRMED, Status.OFFERED)).count()
        free = call.capacity - taken
        if free > 0:
            for application in call.applications.filter(status=Status.WAITING).order_by("created_at", "pk")[:free]:
                application.status = Status.OFFERED
                application.offered_at = now
                application.offer_expires_at = now + dt.timedelta(hours=call.offer_hours)
                application.save(update_fields=["status", "offered_at", "offer_expires_at", "updated_at"])
                _mail(application, Status.OFFERED)
    return expired


def call_refresh(*, call: Call, now: dt.datetime | None = None) -> int:
    """Lazy expiry: bring a call's offers up to date (on every read that shows or acts on it)."""
    now = now or timezone.now()
    if not call.applications.filter(status=Status.OFFERED, offer_expires_at__lte=now).exists():
        return 0
    return _serialized(lambda: _expire_and_offer(_lock_event(call), now), label="expire offers")


def call_seats_offer(*, call: Call, now: dt.datetime | None = None) -> None:
    """Offer the seats a call has free to the next in line now: after its capacity was raised, the waiting
    list should not wait for the next application or cancellation to move."""
    now = now or timezone.now()
    _serialized(lambda: _expire_and_offer(_lock_event(call), now), label="offer seats")


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """Expire every overdue offer and pass the seats on; what `craftcity expire_offers` runs."""
    now = now or timezone.now()
    calls = Call.objects.filter(applications__status=Status.OFFERED, applications__offer_expires_at__lte=now)
    total = 0
    for call in calls.distinct():
        total += _serialized(lambda call=call: _expire_and_offer(_lock_event(call), now), label="expire offers")
    return total


def application_submit(
    *, user, call: Call, answers=None, attachment=None, category=None, language: str | None = None, now=None
) -> Application:
    """Apply from one's own account: confirmed while seats are free, else on the waiting list."""
    person = rules.own_person(user)
    if person is None:
        raise PermissionDenied(_("Sign in with an account linked to your profile to apply."))
    now = now or timezone.now()
    if now < call.opens_at:
        raise ValidationError({"call": [_("Applications have not opened yet.")]})
    if now > call.closes_at:
        raise ValidationError({"call": [_("The deadline has passed; applications are closed.")]})
    cleaned = clean_answers(call.questions, answers or {})
    if call.is_attachment_required and not attachment:
        raise ValidationError({"attachment": [_("Attach the requested file.")]})
    if attachment:
        check_document(attachment, "attachment", ATTACHMENT)
    if (
        category is not None
        and getattr(getattr(call.event, "competition", None), "pk", None) != category.competition_id
    ):
        raise ValidationError({"category": [_("This category belongs to another competition.")]})

    def work():
        locked = _lock_event(call)
        _expire_and_offer(locked, now)
        if locked.applications.filter(
            person=person, status__in=(Status.CONFIRMED, Status.OFFERED, Status.WAITING)
        ).exists():
            raise ValidationError({"call": [_("You have already applied to this call.")]})
        status = Status.CONFIRMED
        if locked.capacity is not None:
            taken = locked.applications.filter(status__in=(Status.CONFIRMED, Status.OFFERED)).count()
            waiting = locked.applications.filter(status=Status.WAITING).exists()
            if taken >= locked.capacity or waiting:
                if not locked.has_waiting_list:
                    raise ValidationError({"call": [_("All places are taken.")]})
                status = Status.WAITING
        application = Application(
            call=locked,
            person=person,
            status=status,
            answers=cleaned,
            category=category,
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
        )
        if attachment:
            application.attachment = attachment
        application.full_clean(exclude=["attachment"])
        application.save()
        _mail(application, status)
        return application

    return _serialized(work, user=user, label=f"apply to {call.event.slug}")


def application_cancel(*, user, application: Application, now=None) -> Application:
    """Withdraw (the applicant) or cancel (an organiser); a freed seat is offered to the next in line."""
    if not rules.can_act_on_application(user, application):
        raise PermissionDenied(_("This application is not yours."))
    now = now or timezone.now()

    def work():
        call = _lock_event(application.call)
        current = Application.objects.get(pk=application.pk)
        if current.status in (Status.CANCELLED, Status.EXPIRED):
            raise ValidationError({"status": [_("This application is no longer active.")]})
        current.status, current.cancelled_at = Status.CANCELLED, now
        current.save(update_fields=["status", "cancelled_at", "updated_at"])
        _mail(current, Status.CANCELLED)
        _expire_and_offer(call, now)
        return current

    return _serialized(work, user=user, label=f"cancel application {application.pk}")


def offer_accept(*, user, application: Application, now=None) -> Application:
    """The person offered a freed seat takes it, if the offer has not expired."""
    person = rules.own_person(user)
    if person is None or person.pk != application.person_id:
        raise PermissionDenied(_("This application is not yours."))
    now = now or timezone.now()

    def work():
        call = _lock_event(application.call)
        _expire_and_offer(call, now)
        current = Application.objects.get(pk=application.pk)
        if current.status == Status.EXPIRED:
            return _("The offer has expired; the place went to the next person.")
        if current.status != Status.OFFERED:
            return _("There is no open offer on this application.")
        current.status = Status.CONFIRMED
        current.save(update_fields=["status", "updated_at"])
        _mail(current, Status.CONFIRMED)
        return current

    result = _serialized(work, user=user, label=f"accept offer {application.pk}")
    if isinstance(result, str):  # the expiry itself is kept; only the acceptance is refused
        raise ValidationError({"status": [result]})
    return result


def application_check_in(*, user, application: Application, now=None) -> Application:
    if not rules.can_manage_event(user, application.call.event):
        raise PermissionDenied(_("Only the organisers of this event check people in."))
    if application.status != Status.CONFIRMED:
        raise ValidationError({"status": [_("Only confirmed participants can be checked in.")]})
    with change_batch(user=user, label=f"check in {application.pk}"), transaction.atomic():
        application.checked_in_at = application.checked_in_at or now or timezone.now()
        application.save(update_fields=["checked_in_at", "updated_at"])
    return application


def reminders_send(*, days: int = 2, now=None) -> int:
    """E-mail confirmed participants of events starting within `days`, once each."""
    now = now or timezone.now()
    due = Application.objects.filter(
        status=Status.CONFIRMED,
        reminded_at__isnull=True,
        call__event__starts_at__gt=now,
        call__event__starts_at__lte=now + dt.timedelta(days=days),
    ).select_related("person", "call__event")
    count = 0
    with change_batch(label="event reminders"), transaction.atomic():
        for application in due:
            _mail(application, "reminder")
            application.reminded_at = now
            application.save(update_fields=["reminded_at", "updated_at"])
            count += 1
    return count


# --- jury ----------------------------------------------------------------------------------------------


def _competition_of(application: Application, user=None) -> Competition:
    """The competition an entry is scored in; an event that is not a competition has none to score. Only the
    applicant, the event's organisers and jurors hear why: anyone else is refused as a non-juror, and learns
    nothing about someone else's application (the IDOR probe in tests/security found the difference)."""
    competition = Competition.objects.filter(event_id=application.call.event_id).first()
    if competition is None:
        person = rules.own_person(user) if user is not None else None
        applicant_or_juror = person is not None and (
            person.pk == application.person_id or Juror.objects.filter(person=person).exists()
        )
        concerned = user is None or applicant_or_juror or rules.can_manage_event(user, application.call.event)
        if not concerned:
            raise PermissionDenied(_("You are not on this competition's jury."))
        raise ValidationError(
            {"application": [_("This event is not a competition: its entries are not scored by a jury.")]}
        )
    return competition


def juror_for(user, competition: Competition) -> Juror:
    person = rules.own_person(user)
    juror = Juror.objects.filter(competition=competition, person=person).first() if person else None
    if juror is None:
        raise PermissionDenied(_("You are not on this competition's jury."))
    return juror


def _entry_of(juror: Juror, application: Application) -> None:
    if application.call.event_id != juror.competition.event_id:
        raise ValidationError({"application": [_("This entry belongs to another competition.")]})
    if application.status != Status.CONFIRMED:
        raise ValidationError({"application": [_("This entry is not an active entry.")]})
    assigned = set(juror.categories.values_list("pk", flat=True))
    if assigned and application.category_id not in assigned:
        raise PermissionDenied(_("This entry's category is not assigned to you."))


def scores_clean(*, competition: Competition, values: dict) -> dict[int, Decimal]:
    """One juror's values for one entry, checked against the competition's rubric: every criterion scored,
    within its range, no unknown keys. Criterion id → value; refused whole with every problem named."""
    criteria = {c.pk: c for c in Criterion.objects.filter(competition=competition)}
    values = {str(k): v for k, v in (values or {}).items()}
    errors = {}
    unknown = sorted(set(values) - {str(pk) for pk in criteria})
    if unknown:
        errors["scores"] = [_("Not criteria of this rubric: %(keys)s.") % {"keys": ", ".join(unknown)}]
    cleaned = {}
    for pk, criterion in criteria.items():
        raw = values.get(str(pk))
        if raw in (None, ""):
            errors[str(pk)] = [_("Score every criterion.")]
            continue
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            errors[str(pk)] = [_("Enter a number.")]
            continue
        # NaN is checked first: ordering a NaN raises instead of answering False.
        if not value.is_finite() or not criterion.min_score <= value <= criterion.max_score:
            errors[str(pk)] = [
                _("%(criterion)s is scored from %(low)s to %(high)s.")
                % {"criterion": criterion.name, "low": criterion.min_score, "high": criterion.max_score}
            ]
            continue
        cleaned[pk] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def scores_submit(*, user, application: Application, values: dict) -> list[Score]:
    """A juror's scores for one entry, one per criterion of the rubric; all or nothing."""
    competition = _competition_of(application, user)
    juror = juror_for(user, competition)
    _entry_of(juror, application)
    conflicts = juror_conflicts(juror).get(application.pk)
    if conflicts:
        raise PermissionDenied(
            _("Conflict of interest: %(reasons)s. You may not score this entry.") % {"reasons": "; ".join(conflicts)}
        )
    cleaned = scores_clean(competition=competition, values=values)
    saved = []
    with change_batch(user=user, label=f"scores for entry {application.pk}"), transaction.atomic():
        for pk, value in cleaned.items():
            score, _created = Score.objects.update_or_create(
                juror=juror, application=application, criterion_id=pk, defaults={"value": value}
            )
            saved.append(score)
    return saved


def conflict_declare(*, user, application: Application, reason: str) -> ConflictDeclaration:
    """A juror declares a conflict the registry cannot know; their scores for the entry are withdrawn."""
    juror = juror_for(user, _competition_of(application, user))
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say briefly why.")]})
    with change_batch(user=user, label=f"declare conflict {application.pk}"), transaction.atomic():
        declaration, _created = ConflictDeclaration.objects.get_or_create(
            juror=juror, application=application, defaults={"reason": reason.strip()[:300]}
        )
        Score.objects.filter(juror=juror, application=application).delete()
    return declaration


STAGE_ORDER = [Stage.SUBMITTED, Stage.SHORTLISTED, Stage.FINALIST, Stage.WINNER]


def entries_advance(*, user, competition: Competition, application_ids, stage: str, system: bool = False) -> int:
    """Shortlist → finalists → winners: each step only from the one before. `system`: trusted loaders."""
    if not system and not rules.can_manage_event(user, competition.event):
        raise PermissionDenied(_("Only the organisers of this event decide the stages."))
    if stage not in STAGE_ORDER[1:]:
        raise ValidationError({"stage": [_("Unknown stage.")]})
    if competition.results_published_at:
        raise ValidationError({"stage": [_("The results are already published.")]})
    previous = STAGE_ORDER[STAGE_ORDER.index(stage) - 1]
    entries = Application.objects.filter(
        call__event__competition=competition, pk__in=list(application_ids), status=Status.CONFIRMED
    )
    wrong = [e.pk for e in entries if e.stage != previous]
    if len(entries) != len(set(application_ids)) or wrong:
        raise ValidationError({"stage": [_("Only entries at the stage before can be moved to this stage.")]})
    with change_batch(user=user, label=f"{stage}: {competition}"), transaction.atomic():
        for entry in entries:
            entry.stage = stage
            entry.save(update_fields=["stage", "updated_at"])
    return len(entries)


def results_publish(*, user, competition: Competition, now=None, system: bool = False) -> int:
    """Publish: finalists and winners become participants; each winner gets an Award on their profile."""
    from craftcity.awards.models import Award, AwardProgramme

    if not system and not rules.can_manage_event(user, competition.event):
        raise PermissionDenied(_("Only the organisers of this event publish its results."))
    if competition.results_published_at:
        raise ValidationError({"competition": [_("The results are already published.")]})
    entries = list(
        Application.objects.filter(
            call__event__competition=competition, stage__in=(Stage.FINALIST, Stage.WINNER)
        ).select_related("person")
    )
    if not any(e.stage == Stage.WINNER for e in entries):
        raise ValidationError({"competition": [_("Choose the winners first.")]})
    event = competition.event
    with change_batch(user=user, label=f"publish results: {event.slug}"), transaction.atomic():
        programme = competition.award_programme
        if programme is None:
            programme, _created = AwardProgramme.objects.get_or_create(
                slug=f"{event.slug}-winner"[:120],
                defaults={"kind": AwardProgramme.Kind.PRIZE, "name": dict(event.name)},
            )
            competition.award_programme = programme
        for entry in entries:
            Participant.objects.get_or_create(
                event=event, person=entry.person, role=entry.stage, defaults={"is_demo": event.is_demo}
            )
            if entry.stage == Stage.WINNER:
                year = timezone.localtime(event.starts_at).year
                if not Award.objects.filter(programme=programme, person=entry.person, year=year).exists():
                    award = Award(programme=programme, person=entry.person, year=year, is_demo=event.is_demo)
                    award_save(actor=None, award=award)  # the organiser's right was checked above
        competition.results_published_at = now or timezone.now()
        competition.save(update_fields=["award_programme", "results_published_at"])
    return len(entries)


def person_event_rows_move(*, keep, absorb) -> None:
    """A merge of two person records: participations, applications and jury seats follow the kept record.

    Rows the kept record already has (same event and role, an active application to the same call, a seat on
    the same jury) stay with the absorbed record, so nothing is lost and no constraint is broken."""
    for participation in Participant.objects.filter(person=absorb).order_by("id"):
        if not Participant.objects.filter(
            event_id=participation.event_id, person=keep, role=participation.role
        ).exists():
            participation.person = keep
            participation.save()
    active = (Status.CONFIRMED, Status.OFFERED, Status.WAITING)
    for application in Application.objects.filter(person=absorb).order_by("id"):
        if (
            application.status in active
            and Application.objects.filter(call_id=application.call_id, person=keep, status__in=active).exists()
        ):
            continue
        application.person = keep
        application.save()
    for seat in Juror.objects.filter(person=absorb).order_by("id"):
        if not Juror.objects.filter(competition_id=seat.competition_id, person=keep).exists():
            seat.person = keep
            seat.save()


@transaction.atomic
def event_image_set(
    *, user=None, event: Event, upload, alt: dict | None = None, is_illustration: bool = False
) -> Event:
    """The event's picture (a poster, a view of the venue), checked and stripped of metadata (core.pictures)."""
    from craftcity.core.pictures import picture_store

    if user is not None and not rules.can_manage_event(user, event):
        raise PermissionDenied(_("You may not change this event."))
    with change_batch(user=user, label=f"image of event {event.slug}"):
        picture_store(event, upload, kind="event")
        event.image_alt = alt or {}
        event.is_image_illustration = is_illustration
        event.full_clean()
        event.save()
    return event


# --- series, schedule and attendance (the open-air season) -----------------------------------------------------

Schedule = Event.Schedule
# Which schedule may follow which. "Held" is reached only by recording attendance; held and cancelled are final.
SCHEDULE_MOVES: dict[str, set[str]] = {
    Schedule.SCHEDULED: {Schedule.CANCELLED, Schedule.POSTPONED, Schedule.RESCHEDULED, Schedule.HELD},
    Schedule.RESCHEDULED: {Schedule.CANCELLED, Schedule.POSTPONED, Schedule.RESCHEDULED, Schedule.HELD},
    Schedule.POSTPONED: {Schedule.CANCELLED, Schedule.RESCHEDULED},
    Schedule.CANCELLED: set(),
    Schedule.HELD: set(),
}


def event_series_save(*, user, series: EventSeries) -> EventSeries:
    """Create or change a series (a season, a set of programmes); `user=None` is a trusted loader."""
    from craftcity.accounts.rules import can_edit_event_series

    if user is not None and not can_edit_event_series(user):
        raise PermissionDenied(_("Only registrars keep event series."))
    with change_batch(user=user, label=f"series {series.slug}"), transaction.atomic():
        series.full_clean()
        series.save()
    return series


def event_series_events_set(*, user, series: EventSeries, events) -> int:
    """Put events into a series (an event belongs to one series at most)."""
    from craftcity.accounts.rules import can_edit_event_series

    if user is not None and not can_edit_event_series(user):
        raise PermissionDenied(_("Only registrars keep event series."))
    count = 0
    with change_batch(user=user, label=f"series {series.slug}: events"), transaction.atomic():
        for event in events:
            event.series = series
            event.full_clean()
            event.save()
            count += 1
    return count


def event_schedule_change(
    *,
    user,
    event: Event,
    schedule: str,
    note: dict | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    weather: str | None = None,
) -> Event:
    """Cancel, postpone or move an event. Its iCalendar SEQUENCE goes up, so subscribed calendars update."""
    from craftcity.accounts.rules import can_change_event_schedule

    if user is not None and not can_change_event_schedule(user, event):
        raise PermissionDenied(_("Only the organisers of this event change its schedule."))
    if schedule == Schedule.HELD:
        raise ValidationError({"schedule": [_("An event is marked as held by recording its attendance.")]})
    current = Event.objects.get(pk=event.pk)
    if schedule not in SCHEDULE_MOVES.get(current.schedule, set()):
        raise ValidationError(
            {
                "schedule": [
                    _("The schedule cannot change from “%(current)s” to “%(new)s”.")
                    % {
                        "current": current.get_schedule_display().lower(),
                        "new": str(dict(Schedule.choices).get(schedule, schedule)).lower(),
                    }
                ]
            }
        )
    if schedule == Schedule.RESCHEDULED and starts_at is None:
        raise ValidationError({"starts_at": [_("Give the new start to move the event.")]})
    with change_batch(user=user, label=f"schedule {event.slug}: {schedule}"), transaction.atomic():
        current.schedule = schedule
        if note is not None:
            current.schedule_note = note
        if starts_at is not None:
            current.starts_at, current.ends_at = starts_at, ends_at
        if weather is not None:
            current.weather = weather
        current.sequence += 1
        current.full_clean()
        current.save()
    return current


def event_attendance_record(*, user, event: Event, attendees, weather: str | None = None, now=None) -> Event:
    """After an event: how many came (and the weather). Checked against the venue's capacity; marks it held."""
    from craftcity.accounts.rules import can_change_event_schedule

    if user is not None and not can_change_event_schedule(user, event):
        raise PermissionDenied(_("Only the organisers of this event record its attendance."))
    now = now or timezone.now()
    current = Event.objects.select_related("place").get(pk=event.pk)
    try:
        count = int(str(attendees).strip())
    except (TypeError, ValueError):
        raise ValidationError({"attendees": [_("Enter the number of people who came, as a whole number.")]}) from None
    if count < 0:
        raise ValidationError({"attendees": [_("Attendance cannot be negative.")]})
    if current.starts_at > now:
        raise ValidationError({"attendees": [_("Attendance is recorded after the event has begun.")]})
    if current.schedule in (Schedule.CANCELLED, Schedule.POSTPONED):
        raise ValidationError(
            {"attendees": [_("An event marked “%(schedule)s” has no attendance.") % {
                "schedule": current.get_schedule_display().lower()}]}
        )  # fmt: skip
    capacity = current.place.capacity if current.place_id else None
    if capacity is not None and count > capacity:
        raise ValidationError(
            {
                "attendees": [
                    _(
                        "%(count)s people is more than %(venue)s holds (%(capacity)s). Check the count, or correct "
                        "the venue's capacity first."
                    )
                    % {"count": count, "venue": current.place, "capacity": capacity}
                ]
            }
        )
    with change_batch(user=user, label=f"attendance {event.slug}"), transaction.atomic():
        current.attendees = count
        current.schedule = Schedule.HELD
        if weather is not None:
            current.weather = weather
        current.full_clean()
        current.save()
    return current
