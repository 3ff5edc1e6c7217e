"""E-mails written from templates in the recipient's language and sent once the change is committed."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def mail_after_commit(recipients: list[str], language: str, template: str, context: dict) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` in `language`; send when the transaction commits
    (a rolled-back change sends nothing)."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
