"""Background jobs seen from the staff side: which jobs may be run again, and running one again.

A job that failed, or that has been "running" for longer than any job takes (its worker was killed), is run
again by enqueueing the same task with the same arguments; the old record stays as the history of what
happened. Every craftcity job can be run twice: it writes its results in one transaction or replaces its
files whole (imports, dossier builds)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from craftcity.accounts.rules import can_manage_jobs

STALLED_AFTER = dt.timedelta(minutes=30)


def queue_depth() -> dict[str, int]:
    """Jobs waiting and running now, and failed in the last day (the database backend's records)."""
    from django_tasks_db.models import DBTaskResult

    day_ago = timezone.now() - dt.timedelta(days=1)
    return {
        "waiting": DBTaskResult.objects.filter(status="READY").count(),
        "running": DBTaskResult.objects.filter(status="RUNNING").count(),
        "failed_last_day": DBTaskResult.objects.filter(status="FAILED", finished_at__gte=day_ago).count(),
    }


def can_run_again(result) -> bool:
    if result.status == "FAILED":
        return True
    return (
        result.status == "RUNNING"
        and result.started_at is not None
        and (timezone.now() - result.started_at > STALLED_AFTER)
    )


def job_rerun(*, actor, result):
    """Enqueue `result`'s task again with its arguments; returns the new job's result handle."""
    if actor is not None and not can_manage_jobs(actor):
        raise PermissionDenied(_("You may not run jobs again."))
    if not can_run_again(result):
        raise ValidationError(_("Only a failed job, or one stalled for over 30 minutes, can be run again."))
    task = import_string(result.task_path)
    arguments = result.args_kwargs or {}
    return task.enqueue(*arguments.get("args", []), **arguments.get("kwargs", {}))
