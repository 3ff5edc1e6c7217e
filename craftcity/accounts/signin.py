"""One way to finish a sign-in whose password was right: allauth's login stages, so an account with a second
factor is asked for its code before the session becomes theirs. The public sign-in is allauth's own form; the
back office keeps Django admin's username form and hands over here (backoffice.site.StaffLoginView)."""

from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login


def sign_in_after_password(request, user, *, redirect_url: str):
    """Sign `user` in (their password was checked), or send them on to the second-factor step first."""
    # Recorded as allauth's own form records it (its second-factor stage and session list read these records).
    record_authentication(request, user, method="password", username=user.get_username())
    # Staff accounts are made by administrators, not by signing up: nothing to confirm by e-mail.
    return perform_login(request, user, email_verification=EmailVerificationMethod.NONE, redirect_url=redirect_url)
