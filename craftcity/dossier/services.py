"""Writes of the dossier app: reporting obligations derived from designations, and the dossier itself."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from craftcity.awards.models import Award

from .models import ReportingObligation

Progress = Callable[[int, str], None]


class DossierError(ValueError):
    """Bad input to a dossier build: the message is meant for the person who asked."""


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


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
def obligation_submit(*, obligation: ReportingObligation, submitted_on: dt.date) -> ReportingObligation:
    """Mark a report as sent."""
    obligation.status = ReportingObligation.Status.SUBMITTED
    obligation.submitted_on = submitted_on
    obligation.full_clean()
    obligation.save()
    return obligation


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


def dossier_build_run(build_id: int) -> None:
    """Run a back-office build request, recording progress on the request as it goes."""
    from django.core.files import File

    from .models import DossierBuild

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
