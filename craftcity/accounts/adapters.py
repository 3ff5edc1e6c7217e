"""How django-allauth fits craftcity: its e-mails go through the job queue like ours, and second-factor secrets
are stored encrypted, with our own wording where allauth's would leave a user guessing."""

from __future__ import annotations

import base64
import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from craftcity.core.mail import mail_send_after_commit

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render the message now, in the language of the request that asks for it (the one the user is
        reading), and queue it for the worker once the change commits, as `core.mail` does for ours. allauth sends
        some notices from an on-commit hook, which may run after its request has ended: the adapter still holds
        that request and its language."""
        request = allauth_context.request or self.request
        with translation.override(getattr(request, "LANGUAGE_CODE", None) or translation.get_language()):
            message = self.render_mail(
                template_prefix,
                email,
                {"request": request, "email": email, "current_site": get_current_site(request), **context},
            )
        # allauth's messages are plain text (we add no HTML templates), so subject and body are the whole of it.
        mail_send_after_commit(message.subject, message.body, list(message.to))


def _fernet():
    # One key per secret key: a key in SECRET_KEY_FALLBACKS still reads what it wrote, so the key can be rotated.
    from cryptography.fernet import Fernet, MultiFernet

    def key(secret: str) -> bytes:
        return base64.urlsafe_b64encode(
            salted_hmac("craftcity.mfa", "secret", secret=secret, algorithm="sha256").digest()
        )

    return MultiFernet([Fernet(key(secret)) for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]])


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "This code is wrong or was already used. Enter the current code from your authenticator app, or one "
            "of your unused recovery codes."
        ),
        "cannot_delete_authenticator": _(
            "Staff sign in to the back office with a second factor: it cannot be turned off for this account."
        ),
    }

    def encrypt(self, text: str) -> str:
        """Authenticator secrets and recovery-code seeds are stored encrypted with a key derived from the site's
        secret key: a copy of the database (a backup) alone does not give them away."""
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        from cryptography.fernet import InvalidToken

        try:
            return _fernet().decrypt(encrypted_text.encode()).decode()
        except InvalidToken:
            # Never fall back to a guessable secret: the account's second factor is unusable until reset.
            logger.error("A second-factor secret does not decrypt: was CRAFTCITY_SECRET_KEY changed?")
            raise ImproperlyConfigured(
                "A second-factor secret does not decrypt with the secret key (or SECRET_KEY_FALLBACKS): "
                "run `craftcity reset_second_factor <username>` and let the person set it up again."
            ) from None

    def can_delete_authenticator(self, authenticator) -> bool:
        from allauth.mfa.models import Authenticator

        from .rules import needs_second_factor

        return not (authenticator.type == Authenticator.Type.TOTP and needs_second_factor(authenticator.user))
