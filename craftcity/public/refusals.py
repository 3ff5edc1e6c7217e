"""What a visitor reads when a service refuses: the refusal's own words in their language."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def refusal_text(error) -> str:
    """The messages of a ValidationError, or a PermissionDenied's reason (a plain one if it gave none)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")
