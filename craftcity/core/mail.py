"""E-mails written from templates in the recipient's language and sent once the change is committed, by the
task worker (`core.tasks.send_mail_job`)."""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def mail_after_commit(recipients: list[str], language: str, template: str, context: dict) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` in `language`; send when the transaction commits
    (a rolled-back change sends nothing)."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    mail_send_after_commit(subject, body, recipients)


def mail_send_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    """Queue the message for the worker once the transaction commits (a rolled-back change sends nothing; a
    mail server that is down fails the job, not the change)."""
    from .tasks import send_mail_job

    transaction.on_commit(
        lambda: send_mail_job.enqueue(subject=str(subject), body=str(body), recipients=list(recipients)), robust=True
    )
