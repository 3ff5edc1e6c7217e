"""Jobs every app uses: e-mail, sent by the task worker so a slow or absent mail server never holds up a
request, and a failed message stays visible (and can be sent again) under Background jobs."""

from django.core.mail import send_mail
from django.tasks import task


@task
def send_mail_job(subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(subject, body, None, recipients)
