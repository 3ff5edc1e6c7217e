"""Staff see the background jobs and the queue's depth, and registrars run a failed job again."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from craftcity.core.jobs import job_rerun
from craftcity.dossier.tasks import dossier_build_job

pytestmark = pytest.mark.django_db(transaction=True)  # the worker closes its connection when it is done


@pytest.fixture
def failed_job(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    dossier_build_job.enqueue(build_id=987654)  # no such build request: the job fails
    call_command("db_worker", batch=True, verbosity=0)
    return DBTaskResult.objects.get()


def test_a_registrar_runs_a_failed_job_again_from_the_list(client, make_user, failed_job):
    assert failed_job.status == "FAILED" and "DoesNotExist" in failed_job.exception_class_path
    client.force_login(make_user(role="registrar", is_staff=True))
    listing = client.get("/en/admin/django_tasks_database/dbtaskresult/").content.decode()
    assert "0 waiting, 0 running" in listing
    response = client.post(
        "/en/admin/django_tasks_database/dbtaskresult/",
        {"action": "run_again", "_selected_action": [str(failed_job.pk)]},
        follow=True,
    )
    assert "Queued again" in response.content.decode()
    again = DBTaskResult.objects.exclude(pk=failed_job.pk).get()
    assert again.status == "READY" and again.args_kwargs == failed_job.args_kwargs
    assert "1 waiting" in client.get("/en/admin/django_tasks_database/dbtaskresult/").content.decode()


def test_only_registrars_run_jobs_again_and_only_failed_ones(client, make_user, failed_job):
    analyst = make_user(role="analyst", is_staff=True)
    client.force_login(analyst)
    assert client.get("/en/admin/django_tasks_database/dbtaskresult/").status_code == 403
    with pytest.raises(PermissionDenied):
        job_rerun(actor=analyst, result=failed_job)
    dossier_build_job.enqueue(build_id=1)
    waiting = DBTaskResult.objects.get(status="READY")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Only a failed job"):
        job_rerun(actor=make_user(role="registrar", is_staff=True), result=waiting)
