"""Scheduled work is jobs: the timers only queue them, the worker runs them, staff see each one's result."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from craftcity.core import schedule

pytestmark = pytest.mark.django_db(transaction=True)  # the worker's commits must really happen


@pytest.fixture(autouse=True)
def database_jobs(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CRAFTCITY_OPEN_DATA_DIR = tmp_path / "open-data"


def jobs() -> dict[str, DBTaskResult]:
    return {job.task_name: job for job in DBTaskResult.objects.all()}


def test_the_night_queues_its_jobs_and_the_worker_runs_them(make_person, settings, capsys):
    make_person("Айжан Беккулова", birth_year=1985, status="published")

    call_command("enqueue_scheduled", "nightly")

    queued = jobs()
    assert set(queued) == {"open_data_dump_job", "duplicates_find_job", "obligations_remind_job"}
    assert {job.status for job in queued.values()} == {"READY"}
    assert capsys.readouterr().out.count("queued as") == 3

    call_command("db_worker", batch=True, verbosity=0)

    done = jobs()
    assert {job.status for job in done.values()} == {"SUCCESSFUL"}
    assert done["open_data_dump_job"].return_value == {"works": 0, "people": 1, "organizations": 0}
    assert (settings.CRAFTCITY_OPEN_DATA_DIR / "people.csv").read_text(encoding="utf-8").count("\n") == 2
    assert "pairs" in done["duplicates_find_job"].return_value


def test_a_job_still_waiting_is_not_queued_twice(capsys):
    frequent = len(schedule.scheduled("frequent"))  # offer expiry, event reminders, the network harvest…
    call_command("enqueue_scheduled", "frequent")
    call_command("enqueue_scheduled", "frequent")  # the worker was down for five minutes

    assert DBTaskResult.objects.count() == frequent >= 2
    assert capsys.readouterr().out.count("already waiting") == frequent
    call_command("db_worker", batch=True, verbosity=0)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}

    call_command("enqueue_scheduled", "frequent")  # the next tick, once they ran
    assert DBTaskResult.objects.filter(status="READY").count() == frequent


def test_an_unknown_schedule_is_refused():
    with pytest.raises(ValueError, match="unknown schedule"):
        schedule.register("hourly", schedule.scheduled("nightly")[0])
