"""E-mail is a job: queued when the change commits, sent by the worker; a rolled-back change queues nothing,
and a mail server that fails leaves a failed job to run again, not a lost change."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from craftcity.core.mail import mail_send_after_commit

pytestmark = pytest.mark.django_db(transaction=True)  # commits must really happen


@pytest.fixture(autouse=True)
def database_jobs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_message_waits_for_the_commit_and_the_worker():
    with transaction.atomic():
        mail_send_after_commit("Сіздің орныңыз расталды", "ALA CRAFT 2027", ["aigul@example.org"])
        assert not DBTaskResult.objects.exists()  # nothing before the commit
    assert DBTaskResult.objects.get().status == "READY" and not mail.outbox
    call_command("db_worker", batch=True, verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Сіздің орныңыз расталды"]
    assert mail.outbox[0].to == ["aigul@example.org"]


def test_a_rolled_back_change_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_send_after_commit("Subject", "Body", ["aigul@example.org"])
        raise RuntimeError("the change failed")
    assert not DBTaskResult.objects.exists()


def test_a_failing_mail_server_leaves_a_failed_job(monkeypatch):
    import smtplib

    from craftcity.core import tasks

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr(tasks, "send_mail", refuse)
    mail_send_after_commit("Subject", "Body", ["aigul@example.org"])
    call_command("db_worker", batch=True, verbosity=0)
    job = DBTaskResult.objects.get()
    assert job.status == "FAILED" and "SMTPServerDisconnected" in job.exception_class_path
