"""allauth's e-mails (confirm the address, reset the password, "your account changed") are jobs like ours: queued
when the request's change commits, sent by the worker, written in the language the person was using; the back
office's job list shows who and what, never the link inside."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db(transaction=True)  # commits must really happen
PASSWORD = "felt-and-silver-2026"


@pytest.fixture(autouse=True)
def database_jobs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_the_worker():
    call_command("db_worker", batch=True, verbosity=0)


def test_the_sign_up_confirmation_waits_for_the_worker_and_is_in_russian(client):
    response = client.post(
        "/ru/accounts/signup/", {"email": "aigul@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert not mail.outbox  # nothing is sent inside the request
    job = DBTaskResult.objects.get()
    assert job.status == "READY" and job.task_path.endswith("send_mail_job")

    _run_the_worker()
    (message,) = mail.outbox
    assert message.to == ["aigul@example.org"]
    assert message.subject == "craftcity: Пожалуйста, подтвердите Ваш адрес электронной почты"
    link = re.search(r"http://testserver(/ru/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(email="aigul@example.org").verified


def test_a_password_reset_mail_is_a_job_in_the_language_the_person_asked_in(client, make_user):
    user = make_user("bota", email="bota@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post("/kk/accounts/password/reset/", {"email": "bota@example.org"})
    assert not mail.outbox and DBTaskResult.objects.count() == 1
    _run_the_worker()
    (message,) = mail.outbox
    assert message.subject == "craftcity: Құпиясөзді қалпына келтіру хаты"
    link = re.search(r"http://testserver(/kk/accounts/password/reset/key/[^\s]+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    changed = client.post(form.redirect_chain[-1][0], {"password1": "new-felt-2027", "password2": "new-felt-2027"})
    assert changed.status_code == 302
    user.refresh_from_db()
    assert user.check_password("new-felt-2027")
    _run_the_worker()  # and the owner is told, in Kazakh too
    assert mail.outbox[-1].subject == "craftcity: Құпиясөзді қалпына келтіру"  # "your password was reset"
    assert mail.outbox[-1].to == ["bota@example.org"]


def test_the_job_list_shows_recipient_and_subject_but_not_the_link(client, make_user):
    user = make_user("dana", email="dana@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post("/en/accounts/password/reset/", {"email": "dana@example.org"})
    job = DBTaskResult.objects.get()
    assert "/accounts/password/reset/key/" in job.args_kwargs["kwargs"]["body"]
    client.force_login(make_user(role="registrar"))
    page = client.get(f"/en/admin/django_tasks_database/dbtaskresult/{job.pk}/change/").content.decode()
    assert "dana@example.org" in page and "Password Reset" in page
    assert "/accounts/password/reset/key/" not in page and "The message itself is not shown" in page
