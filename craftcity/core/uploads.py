"""Checks on uploaded documents (reports, not images: those have works.images): type by extension and size,
with a message that names the file and the field it was sent in."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DOCUMENT_EXTENSIONS = {".pdf", ".docx", ".doc", ".odt", ".zip"}
DOCUMENT_MAX_BYTES = 50 * 1024 * 1024


def check_document(upload, field: str) -> None:
    """A report file: PDF, DOCX, DOC, ODT or ZIP, at most 50 MB."""
    name = getattr(upload, "name", "") or ""
    if Path(name).suffix.lower() not in DOCUMENT_EXTENSIONS:
        raise ValidationError({field: _("%(name)s: send the report as PDF, DOCX, DOC, ODT or ZIP.") % {"name": name}})
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError({field: _("%(name)s is larger than 50 MB.") % {"name": name}})
