"""Jobs that run on a schedule: the registration point, and queueing a schedule's jobs for the worker.

An app registers a task under a schedule in its ``AppConfig.ready`` (``schedule.register("nightly", task)``);
the system timers (deploy/craftcity-*.timer) run ``craftcity enqueue_scheduled nightly`` or ``frequent``, which
only queues the jobs. The worker runs them, so staff see each one under Background jobs with its result or
error and can run a failed one again; a job still waiting from the last tick is not queued twice (a stopped
worker does not come back to a pile of identical jobs)."""

from __future__ import annotations

from django.tasks import Task

SCHEDULES = ("frequent", "nightly")

_registered: dict[str, list[Task]] = {name: [] for name in SCHEDULES}


def register(schedule: str, task: Task) -> None:
    """Run `task` (a django.tasks task taking no arguments) on `schedule`."""
    if schedule not in _registered:
        raise ValueError(f"unknown schedule {schedule!r}; one of {', '.join(SCHEDULES)}")
    if task not in _registered[schedule]:
        _registered[schedule].append(task)


def scheduled(schedule: str) -> list[Task]:
    return list(_registered[schedule])


def schedule_enqueue(*, schedule: str) -> list[tuple[Task, str]]:
    """Queue every task of `schedule` that is not already waiting; returns (task, job id or "") per task."""
    from django_tasks_db.models import DBTaskResult

    waiting = set(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))
    queued = []
    for task in scheduled(schedule):
        if task.module_path in waiting:
            queued.append((task, ""))
        else:
            queued.append((task, task.enqueue().id))
    return queued
