"""Jobs of the dossier, run by the task worker (`craftcity db_worker`) outside any web request.

A build request and its job are written in one transaction (`services.dossier_build_request`), so a build
is never asked for without a job to do it; the job survives a restart of the web process, and a worker
killed in the middle leaves only a temporary folder behind (the files are stored once both are complete)."""

from django.tasks import task


@task
def dossier_build_job(build_id: int) -> None:
    """Build the PDF and XLSX annexes of a back-office request, recording progress on it."""
    from .services import dossier_build_run

    dossier_build_run(build_id)


@task
def obligations_remind_job() -> dict[str, int]:
    """E-mail the analysts about designation reports overdue or due soon (core.schedule, nightly)."""
    from .services import obligations_remind

    return {"reports": obligations_remind()}
