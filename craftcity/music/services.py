"""Writes to the music catalogue. Each asks accounts.rules, validates everything first and saves in one change batch;
the back office, the API, the demo loader and commands all come through here."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_edit_music, can_point_at_place, can_publish_music
from craftcity.audit.context import change_batch
from craftcity.lineage.models import Relation

from .media import check_webvtt, read_media
from .models import (
    Caption,
    EnsembleMember,
    Instrument,
    MusicalWork,
    MusicalWorkCredit,
    Performance,
    Recording,
    Status,
    Transmission,
)

PROTECTED_FIELDS = {"id", "pk", "status", "published_at", "is_demo", "created_at", "updated_at", "file",
                    "mime_type", "file_size"}  # fmt: skip


def _check_editor(actor) -> None:
    if actor is not None and not can_edit_music(actor):
        raise PermissionDenied(_("Only curators edit the music catalogue."))


def _check_publisher(actor) -> None:
    if actor is not None and not can_publish_music(actor):
        raise PermissionDenied(_("Only curators publish or withdraw repertoire and recordings."))


def _save(obj) -> None:
    """full_clean, then save; a race on a unique constraint still comes back as a clear error."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        message = _("This record conflicts with another one (a duplicate or years out of order).")
        raise ValidationError(message) from None


def _apply(obj, fields: dict, m2m_names: set[str]) -> dict:
    m2m = {}
    for key, value in fields.items():
        if key in m2m_names:
            m2m[key] = value
        elif key in PROTECTED_FIELDS or not hasattr(obj, key):
            raise ValidationError({key: _("This field cannot be set here.")})
        else:
            setattr(obj, key, value)
    return m2m


def _label(title) -> str:
    title = dict(title or {})
    return title.get("en") or next(iter(title.values()), "")


# --- instruments -----------------------------------------------------------------------------------------


@transaction.atomic
def instrument_save(*, actor=None, instrument: Instrument) -> Instrument:
    _check_editor(actor)
    with change_batch(user=actor, label=f"save instrument {instrument.slug}"):
        _save(instrument)
    return instrument


@transaction.atomic
def instrument_delete(*, actor=None, instrument: Instrument) -> None:
    _check_editor(actor)
    if instrument.musical_works.exists() or instrument.ensemble_seats.exists():
        raise ValidationError(_("This instrument is in use: it stays while a work or a seat names it."))
    with change_batch(user=actor, label=f"delete instrument {instrument.slug}"):
        instrument.delete()


# --- repertoire ------------------------------------------------------------------------------------------


def _credit(item) -> dict:
    """A credit as the services take it: a person (composer), a (person, role) pair or a dict of credit fields."""
    if isinstance(item, dict):
        return dict(item)
    if isinstance(item, tuple | list):
        return {"person": item[0], "role": item[1]}
    return {"person": item, "role": MusicalWorkCredit.Role.COMPOSER}


def _set_credits(work: MusicalWork, credits) -> None:
    work.credits.all().delete()
    errors = []
    for position, item in enumerate(credits):
        credit = MusicalWorkCredit(work=work, position=position, **_credit(item))
        try:
            credit.full_clean()
        except ValidationError as error:
            errors.append(_("Credit %(n)s: %(error)s") % {"n": position + 1, "error": "; ".join(error.messages)})
            continue
        credit.save()
    if errors:
        raise ValidationError({"credits": errors})


@transaction.atomic
def musical_work_create(*, actor=None, title: dict, kind: str, credits=(), is_demo: bool = False, **fields):
    """Add a piece of repertoire as a draft, with its credits (composer, author of the words, traditional…)."""
    _check_editor(actor)
    with change_batch(user=actor, label=f"add musical work {_label(title)}"):
        work = MusicalWork(title=title, kind=kind, is_demo=is_demo)
        m2m = _apply(work, fields, {"instruments"})
        _save(work)
        for key, value in m2m.items():
            getattr(work, key).set(value)
        _set_credits(work, credits)
    return work


@transaction.atomic
def musical_work_update(*, actor=None, work: MusicalWork, credits=None, **fields) -> MusicalWork:
    _check_editor(actor)
    with change_batch(user=actor, label=f"edit musical work {work.pk}"):
        m2m = _apply(work, fields, {"instruments"})
        _save(work)
        for key, value in m2m.items():
            getattr(work, key).set(value)
        if credits is not None:
            _set_credits(work, credits)
            MusicalWork.objects.filter(pk=work.pk).update(updated_at=timezone.now())
    return work


@transaction.atomic
def musical_work_credits_set(*, actor=None, work: MusicalWork, credits) -> MusicalWork:
    """Replace a work's credits; a refused credit rolls back all of them."""
    _check_editor(actor)
    with change_batch(user=actor, label=f"edit credits of musical work {work.pk}"):
        _set_credits(work, credits)
        MusicalWork.objects.filter(pk=work.pk).update(updated_at=timezone.now())
    return work


def _set_status(obj, *, actor, status: str, noun: str):
    _check_publisher(actor)
    with change_batch(user=actor, label=f"{status} {noun} {obj.pk}"):
        obj.status = status
        if status == Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        _save(obj)
    return obj


@transaction.atomic
def musical_work_publish(*, actor=None, work: MusicalWork) -> MusicalWork:
    """Make a work public: its page, the API, search, OAI-PMH and the indicators."""
    if work.status == Status.PUBLISHED:
        return work
    return _set_status(work, actor=actor, status=Status.PUBLISHED, noun="musical work")


@transaction.atomic
def musical_work_withdraw(*, actor=None, work: MusicalWork) -> MusicalWork:
    """Take a work off the public site; harvesters see it as deleted."""
    return _set_status(work, actor=actor, status=Status.WITHDRAWN, noun="musical work")


@transaction.atomic
def musical_work_delete(*, actor=None, work: MusicalWork) -> None:
    _check_editor(actor)
    if work.recordings.exists() or work.performances.exists():
        raise ValidationError(_("This work has recordings or performances: withdraw it instead of deleting it."))
    with change_batch(user=actor, label=f"delete musical work {work.pk}"):
        work.delete()


# --- passing a work on -----------------------------------------------------------------------------------


def _apprenticeship(teacher_id, student_id) -> Relation | None:
    return (
        Relation.objects.filter(kind=Relation.Kind.APPRENTICESHIP, senior_id=teacher_id, junior_id=student_id).first()
        or Relation.objects.filter(senior_id=teacher_id, junior_id=student_id).first()
    )


@transaction.atomic
def transmission_save(*, actor=None, transmission: Transmission) -> Transmission:
    """Record that a work was passed on from one musician to another; it is tied to their master–apprentice
    relation in the lineage when one is recorded, so the kui's line and the people's line agree."""
    _check_editor(actor)
    with change_batch(user=actor, label=f"passing on of musical work {transmission.work_id}"):
        transmission.relation = _apprenticeship(transmission.teacher_id, transmission.student_id)
        _save(transmission)
    return transmission


@transaction.atomic
def transmission_add(*, actor=None, work: MusicalWork, teacher, student, year=None, note=None) -> Transmission:
    return transmission_save(
        actor=actor,
        transmission=Transmission(work=work, teacher=teacher, student=student, year=year, note=note or {}),
    )


@transaction.atomic
def transmission_delete(*, actor=None, transmission: Transmission) -> None:
    _check_editor(actor)
    with change_batch(user=actor, label=f"delete passing on {transmission.pk}"):
        transmission.delete()


# --- ensembles -------------------------------------------------------------------------------------------


@transaction.atomic
def ensemble_member_save(*, actor=None, member: EnsembleMember) -> EnsembleMember:
    """A musician's seat in an ensemble (instrument, role, years)."""
    _check_editor(actor)
    with change_batch(user=actor, label=f"ensemble member of {member.ensemble_id}"):
        _save(member)
    return member


@transaction.atomic
def ensemble_member_delete(*, actor=None, member: EnsembleMember) -> None:
    _check_editor(actor)
    with change_batch(user=actor, label=f"delete ensemble member {member.pk}"):
        member.delete()


# --- performances and recordings -------------------------------------------------------------------------


@transaction.atomic
def performance_create(*, actor=None, work, event, performers=(), is_demo: bool = False, **fields) -> Performance:
    """A work performed at an event, by people or an ensemble."""
    _check_editor(actor)
    with change_batch(user=actor, label=f"performance of musical work {work.pk}"):
        performance = Performance(work=work, event=event, is_demo=is_demo)
        _apply(performance, fields, set())
        _save(performance)
        performance.performers.set(performers)
    return performance


@transaction.atomic
def performance_save(*, actor=None, performance: Performance, performers=None) -> Performance:
    _check_editor(actor)
    with change_batch(user=actor, label=f"edit performance {performance.pk}"):
        _save(performance)
        if performers is not None:
            performance.performers.set(performers)
    return performance


@transaction.atomic
def performance_delete(*, actor=None, performance: Performance) -> None:
    _check_editor(actor)
    with change_batch(user=actor, label=f"delete performance {performance.pk}"):
        performance.delete()


def _check_source(recording: Recording) -> None:
    if not recording.file and not recording.external_url:
        raise ValidationError({"file": _("A recording needs a file or a link to where it is published.")})


def _check_place(actor, place) -> None:
    if actor is not None and place is not None and not can_point_at_place(actor, place):
        raise ValidationError({"place": _("You may not name someone's home workshop as the recording's place.")})


def _store_file(recording: Recording, upload) -> None:
    """Check the upload by content and keep its cleaned copy (no tags) under a name of our making."""
    media = read_media(upload)
    recording.media, recording.mime_type, recording.duration = media.media, media.mime_type, round(media.duration, 3)
    recording.file_size = len(media.content)
    old = recording.file.name if recording.file else ""
    recording.file.save(f"{uuid.uuid4().hex}.{media.extension}", ContentFile(media.content), save=False)
    if old:
        storage = recording.file.storage
        transaction.on_commit(lambda: storage.delete(old))


@transaction.atomic
def recording_create(*, actor=None, work: MusicalWork, upload=None, performers=(), is_demo: bool = False, **fields):
    """A recording of a work as a draft: an uploaded audio or video file, or a link to a platform."""
    _check_editor(actor)
    _check_place(actor, fields.get("place"))
    with change_batch(user=actor, label=f"add recording of musical work {work.pk}"):
        recording = Recording(work=work, is_demo=is_demo)
        _apply(recording, fields, set())
        if upload is None:
            _check_source(recording)
            _save(recording)
        else:
            recording.full_clean(exclude=["file"])
            recording.save()  # the file is kept under the recording's number
            _store_file(recording, upload)
            _save(recording)
        recording.performers.set(performers)
    return recording


@transaction.atomic
def recording_update(*, actor=None, recording: Recording, upload=None, performers=None, **fields) -> Recording:
    _check_editor(actor)
    if "place" in fields and getattr(fields["place"], "pk", None) != recording.place_id:
        _check_place(actor, fields["place"])
    with change_batch(user=actor, label=f"edit recording {recording.pk}"):
        _apply(recording, fields, set())
        if upload is not None:
            _store_file(recording, upload)
        _check_source(recording)
        _save(recording)
        if performers is not None:
            recording.performers.set(performers)
    return recording


@transaction.atomic
def recording_publish(*, actor=None, recording: Recording) -> Recording:
    """Make a recording public. A recording of a work not yet public would show a page nobody can reach."""
    if recording.status == Status.PUBLISHED:
        return recording
    if recording.work.status != Status.PUBLISHED:
        raise ValidationError(_("Publish the work “%(work)s” first.") % {"work": recording.work})
    return _set_status(recording, actor=actor, status=Status.PUBLISHED, noun="recording")


@transaction.atomic
def recording_withdraw(*, actor=None, recording: Recording) -> Recording:
    return _set_status(recording, actor=actor, status=Status.WITHDRAWN, noun="recording")


@transaction.atomic
def recording_delete(*, actor=None, recording: Recording) -> None:
    _check_editor(actor)
    name, storage = (recording.file.name, recording.file.storage) if recording.file else ("", None)
    with change_batch(user=actor, label=f"delete recording {recording.pk}"):
        recording.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def caption_save(*, actor=None, recording: Recording, language: str, text: str, kind: str = Caption.Kind.CAPTIONS):
    """Captions (checked WebVTT) or a transcript in one language; replaces the one there was."""
    _check_editor(actor)
    if kind == Caption.Kind.CAPTIONS:
        text = check_webvtt(text)
    elif not (text or "").strip():
        raise ValidationError({"text": _("The transcript is empty.")})
    with change_batch(user=actor, label=f"{kind} ({language}) of recording {recording.pk}"):
        caption = Caption.objects.filter(recording=recording, language=language, kind=kind).first() or Caption(
            recording=recording, language=language, kind=kind
        )
        caption.text = text
        _save(caption)
        Recording.objects.filter(pk=recording.pk).update(updated_at=timezone.now())
    return caption


@transaction.atomic
def caption_delete(*, actor=None, caption: Caption) -> None:
    _check_editor(actor)
    with change_batch(user=actor, label=f"delete {caption.kind} of recording {caption.recording_id}"):
        caption.delete()


# --- merges ----------------------------------------------------------------------------------------------


def person_music_move(*, keep, absorb) -> None:
    """A person merge: credits, passings on, ensemble seats and performances of the absorbed record are the kept
    person's; a credit or passing on both records held stays once."""
    for credit in absorb.musical_work_credits.order_by("id"):
        if MusicalWorkCredit.objects.filter(work_id=credit.work_id, person=keep, role=credit.role).exists():
            credit.delete()
        else:
            credit.person = keep
            credit.save()
    for field in ("teacher", "student"):
        for transmission in Transmission.objects.filter(**{field: absorb}).order_by("id"):
            setattr(transmission, field, keep)
            if (
                transmission.teacher_id == transmission.student_id
                or Transmission.objects.filter(
                    work_id=transmission.work_id, teacher_id=transmission.teacher_id, student_id=transmission.student_id
                )
                .exclude(pk=transmission.pk)
                .exists()
            ):
                transmission.delete()
            else:
                transmission.save()
    for seat in absorb.ensemble_seats.order_by("id"):
        seat.person = keep
        seat.save()
    for performance in absorb.music_performances.all():
        performance.performers.remove(absorb)
        performance.performers.add(keep)
    for recording in absorb.music_recordings.all():
        recording.performers.remove(absorb)
        recording.performers.add(keep)
