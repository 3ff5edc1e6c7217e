"""Writes of the dossier app: reporting obligations derived from designations, and the dossier itself."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from craftcity.accounts.rules import can_build_dossier, can_keep_reports
from craftcity.audit.context import change_batch
from craftcity.awards.models import Award
from craftcity.core.dates import add_years
from craftcity.core.mail import mail_after_commit
from craftcity.core.uploads import check_document

from .models import DossierBuild, ReportingObligation

Progress = Callable[[int, str], None]


class DossierError(ValueError):
    """Bad input to a dossier build: the message is meant for the person who asked."""


def designation_scheme(award: Award) -> str | None:
    """Which reporting rules a city title follows: "wcc", "uccn" or None (a title without known duties)."""
    programme = award.programme
    if programme.kind != "city_title":
        return None
    body = programme.awarding_body
    words = " ".join(filter(None, [programme.slug, body.slug if body else "", body.short_name if body else ""]))
    words = words.lower()
    if "wcc" in words or "world-crafts" in words or "craft-cit" in words:
        return "wcc"
    if "unesco" in words or "uccn" in words or "creative-cit" in words:
        return "uccn"
    return None


UCCN_HORIZON_YEARS = 8


def obligation_schedule(award: Award, *, today: dt.date | None = None) -> list[tuple[str, dt.date]]:
    """(kind, due date) the designation brings: WCC reports after 2 and 4 years; a UCCN membership
    monitoring report every 4 years, listed up to UCCN_HORIZON_YEARS ahead. Counted from the day of
    designation, or 1 January of its year when the exact day is not recorded."""
    scheme = designation_scheme(award)
    start = award.granted_on or dt.date(award.year, 1, 1)
    if scheme == "wcc":
        return [
            (ReportingObligation.Kind.WCC_2_YEAR, add_years(start, 2)),
            (ReportingObligation.Kind.WCC_4_YEAR, add_years(start, 4)),
        ]
    if scheme == "uccn":
        horizon = add_years(today or timezone.localdate(), UCCN_HORIZON_YEARS)
        due, result = add_years(start, 4), []
        while due <= horizon:
            result.append((ReportingObligation.Kind.UCCN_MONITORING, due))
            due = add_years(due, 4)
        return result
    return []


@transaction.atomic
def obligations_derive(*, award: Award | None, today: dt.date | None = None) -> list[ReportingObligation]:
    """Create the reporting obligations a city title brings that are not recorded yet; keep the rest."""
    if award is None or award.locality_id is None:
        return []
    created = []
    for kind, due_on in obligation_schedule(award, today=today):
        if ReportingObligation.objects.filter(award=award, kind=kind, due_on=due_on).exists():
            continue
        obligation = ReportingObligation(award=award, kind=kind, due_on=due_on)
        obligation.full_clean()
        obligation.save()
        created.append(obligation)
    return created


@transaction.atomic
def obligation_submit(
    *, actor=None, obligation: ReportingObligation, submitted_on: dt.date, upload=None, notes: str | None = None
) -> ReportingObligation:
    """Record a report as sent: the date, who sent it and, when given, the file as sent."""
    if actor is not None and not can_keep_reports(actor):
        raise PermissionDenied(_("You may not record reports."))
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": _("A report cannot be submitted in the future.")})
    if upload is not None:
        check_document(upload, "submission")
    with change_batch(user=actor, label=f"report {obligation.pk} submitted"):
        obligation.status = ReportingObligation.Status.SUBMITTED
        obligation.submitted_on = submitted_on
        obligation.submitted_by = actor
        if notes is not None:
            obligation.notes = notes
        if upload is not None:
            obligation.submission.save(Path(upload.name).name, upload, save=False)
        obligation.full_clean()
        obligation.save()
    return obligation


@transaction.atomic
def obligation_reopen(*, actor=None, obligation: ReportingObligation) -> ReportingObligation:
    """Undo a submission recorded by mistake (or a demo one): the report is due again; the file goes."""
    if actor is not None and not can_keep_reports(actor):
        raise PermissionDenied(_("You may not record reports."))
    with change_batch(user=actor, label=f"report {obligation.pk} reopened"):
        if obligation.submission:
            name, storage = obligation.submission.name, obligation.submission.storage
            transaction.on_commit(lambda: storage.delete(name))
        obligation.status = ReportingObligation.Status.DUE
        obligation.submitted_on = None
        obligation.submitted_by = None
        obligation.submission = ""
        obligation.is_demo = False
        obligation.full_clean()
        obligation.save()
    return obligation


REMIND_WITHIN_DAYS = 60
REMIND_EVERY_DAYS = 7


def obligations_remind(*, today: dt.date | None = None) -> int:
    """E-mail the analysts about each report overdue or due within REMIND_WITHIN_DAYS, at most once every
    REMIND_EVERY_DAYS per report; returns how many reports were mentioned."""
    from django.contrib.auth import get_user_model

    from .selectors import obligations_due_soon

    today = today or timezone.localdate()
    now = timezone.now()
    due = [
        obligation
        for obligation in obligations_due_soon(today=today, days=REMIND_WITHIN_DAYS)
        if obligation.reminded_at is None or now - obligation.reminded_at >= dt.timedelta(days=REMIND_EVERY_DAYS)
    ]
    if not due:
        return 0
    emails = [
        user.email
        for user in get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
        if can_keep_reports(user)
    ]
    language = settings.LANGUAGE_CODE  # accounts hold no language: the site's own
    with transaction.atomic():
        if emails:
            with translation.override(language):
                lines = [obligation_sentence(obligation, today) for obligation in due]
            mail_after_commit(emails, language, "dossier/mail/reports_due", {"lines": lines, "count": len(due)})
        ReportingObligation.objects.filter(pk__in=[o.pk for o in due]).update(reminded_at=now)
    return len(due)


def obligation_sentence(obligation: ReportingObligation, today: dt.date) -> str:
    """ "WCC report after 2 years for World Craft City was due on 2027-10-20 (12 days ago)." in the active language."""
    days = (obligation.due_on - today).days
    values = {
        "report": obligation.get_kind_display(),
        "title": obligation.award.programme,
        "date": formats.date_format(obligation.due_on, "DATE_FORMAT"),
        "days": abs(days),
    }
    if days < 0:
        return (
            ngettext(
                "%(report)s for %(title)s was due on %(date)s (%(days)d day ago).",
                "%(report)s for %(title)s was due on %(date)s (%(days)d days ago).",
                -days,
            )
            % values
        )
    return (
        ngettext(
            "%(report)s for %(title)s is due on %(date)s (in %(days)d day).",
            "%(report)s for %(title)s is due on %(date)s (in %(days)d days).",
            days,
        )
        % values
    )


# --- the dossier ---------------------------------------------------------------------------------------


def check_inputs(*, as_of: dt.date, template: str, language: str) -> None:
    """Refuse, with a message a person understands, what cannot give a dossier."""
    from .asof import data_span, end_of_day
    from .outlines import OUTLINES

    if template not in OUTLINES:
        raise DossierError(f"Unknown template {template!r}; choose one of: {', '.join(sorted(OUTLINES))}.")
    languages = [code for code, _name in settings.LANGUAGES]
    if language not in languages:
        raise DossierError(f"Unknown language {language!r}; choose one of: {', '.join(languages)}.")
    first, _last = data_span()
    if first is None:
        raise DossierError("The registry is empty: there is nothing to report.")
    if end_of_day(as_of) < first:
        raise DossierError(
            f"No data existed on {as_of:%Y-%m-%d}: the registry's first record dates from "
            f"{timezone.localtime(first):%Y-%m-%d}. Choose a later date."
        )
    if as_of > timezone.localdate():
        raise DossierError(f"{as_of:%Y-%m-%d} is in the future; the dossier reports what is known.")


def _atomic_paths(*targets: Path):
    """Temporary siblings of each target; rename all at the end, or remove them all on failure."""
    temps = []
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(handle)
        temps.append(Path(name))
    return temps


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def dossier_build(
    *,
    as_of: dt.date,
    template: str,
    language: str,
    out: Path,
    annexes: Path | None = None,
    progress: Progress | None = None,
) -> tuple[Path, Path]:
    """Write the PDF dossier and its XLSX annexes; nothing is left behind unless both are complete."""
    from .report import render_annexes, render_pdf

    progress = progress or (lambda _percent, _message: None)
    check_inputs(as_of=as_of, template=template, language=language)
    out = Path(out)
    annexes = Path(annexes) if annexes else out.with_suffix(".xlsx")
    if out.resolve() == annexes.resolve():
        raise DossierError("The PDF and the annexes must be two different files.")
    pdf_temp, xlsx_temp = _atomic_paths(out, annexes)
    try:
        report = render_pdf(as_of=as_of, template=template, language=language, target=pdf_temp, progress=progress)
        progress(85, "annexes")
        render_annexes(report=report, target=xlsx_temp)
        mode = 0o666 & ~_umask()  # mkstemp makes private files; the result is an ordinary one
        for temp, target in ((pdf_temp, out), (xlsx_temp, annexes)):
            temp.chmod(mode)
            os.replace(temp, target)
    finally:
        for temp in (pdf_temp, xlsx_temp):
            temp.unlink(missing_ok=True)
    progress(100, "done")
    return out, annexes


@transaction.atomic
def dossier_build_request(*, actor, as_of: dt.date, template: str, language: str) -> DossierBuild:
    """Ask for a dossier build: the request and the worker's job are written together."""
    from .tasks import dossier_build_job

    if actor is not None and not can_build_dossier(actor):
        raise PermissionDenied(_("You may not build the dossier."))
    check_inputs(as_of=as_of, template=template, language=language)
    build = DossierBuild.objects.create(requested_by=actor, as_of=as_of, template=template, language=language)
    dossier_build_job.enqueue(build_id=build.pk)
    build.refresh_from_db()  # an immediate backend (development, tests) has already run it
    return build


def dossier_build_run(build_id: int) -> None:
    """Run a back-office build request, recording progress on the request as it goes."""
    from django.core.files import File

    build = DossierBuild.objects.get(pk=build_id)

    def progress(percent: int, message: str) -> None:
        DossierBuild.objects.filter(pk=build_id).update(progress=percent, message=message[:500])

    DossierBuild.objects.filter(pk=build_id).update(status=DossierBuild.Status.RUNNING)
    with tempfile.TemporaryDirectory() as folder:
        name = f"dossier-{build.template}-{build.as_of:%Y-%m-%d}-{build.language}-{build.pk}"
        try:
            pdf, xlsx = dossier_build(
                as_of=build.as_of,
                template=build.template,
                language=build.language,
                out=Path(folder) / f"{name}.pdf",
                progress=progress,
            )
            with pdf.open("rb") as pdf_file, xlsx.open("rb") as xlsx_file:
                build.pdf.save(pdf.name, File(pdf_file), save=False)
                build.annexes.save(xlsx.name, File(xlsx_file), save=False)
        except Exception as error:  # the analyst reads the reason on the build's page
            DossierBuild.objects.filter(pk=build_id).update(
                status=DossierBuild.Status.FAILED, message=str(error)[:500], finished_at=timezone.now()
            )
            return
    DossierBuild.objects.filter(pk=build_id).update(
        status=DossierBuild.Status.DONE,
        progress=100,
        message="",
        pdf=build.pdf.name,
        annexes=build.annexes.name,
        finished_at=timezone.now(),
    )
