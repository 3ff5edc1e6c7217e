"""Uploaded files: the one ceiling on their size, enforced while they stream in, and the checks each place makes.

Every upload (import lists, reports, application attachments, photos) passes `UploadLimitHandler` as it arrives:
Django writes a file over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file chunk by chunk, and a file that grows
past CRAFTCITY_UPLOAD_MAX_BYTES is dropped there (its temporary file deleted, the rest of it read and thrown
away), so no view ever sees it; `UploadLimitMiddleware` answers such a request with 413 and a page naming the
file and the limit. Each place then checks its own, smaller limits and types (`check_document`, works.images).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024


def upload_max_bytes() -> int:
    """The largest file accepted anywhere (CRAFTCITY_UPLOAD_MAX_BYTES); nginx's client_max_body_size sits a
    little above it, so that the application, not nginx, refuses a file just over it and can name it."""
    return int(getattr(settings, "CRAFTCITY_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES))


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def too_large(name: str, size: int, limit: int) -> str:
    """The refusal of a file over a limit, naming the file, its size and the limit."""
    return _("“%(name)s” is %(size)s; files over %(limit)s are not accepted.") % {
        "name": name, "size": human_size(size), "limit": human_size(limit)
    }  # fmt: skip


# --- the checks of each place ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentKind:
    """What one place accepts: file types by extension, a size limit, and how to say which types."""

    extensions: frozenset[str]
    max_bytes: int
    wrong_type: str  # lazy text with %(name)s


REPORT = DocumentKind(
    frozenset({".pdf", ".docx", ".doc", ".odt", ".zip"}),
    50 * 1024 * 1024,
    gettext_lazy("%(name)s: send the report as PDF, DOCX, DOC, ODT or ZIP."),
)
ATTACHMENT = DocumentKind(
    frozenset({".pdf", ".jpg", ".jpeg", ".png", ".webp", ".zip"}),
    20 * 1024 * 1024,
    gettext_lazy("%(name)s: attach a PDF, an image (JPEG, PNG, WebP) or a ZIP file."),
)


def check_document(upload, field: str, kind: DocumentKind = REPORT) -> None:
    """A document sent in ``field``: its type by extension and its size, each refusal naming the file."""
    name = getattr(upload, "name", "") or ""
    if Path(name).suffix.lower() not in kind.extensions:
        raise ValidationError({field: str(kind.wrong_type) % {"name": name}})
    size = getattr(upload, "size", 0) or 0
    if size > kind.max_bytes:
        raise ValidationError({field: too_large(name, size, kind.max_bytes)})


# --- the ceiling, while the request streams in ------------------------------------------------------------


class UploadLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: drops a file as soon as it grows past the ceiling, before the handlers
    after it write more of it, and notes it on the request for UploadLimitMiddleware."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.limit = upload_max_bytes()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            if not hasattr(self.request, "refused_uploads"):
                self.request.refused_uploads = []
            self.request.refused_uploads.append((self.field_name, self.file_name))
            raise SkipFile  # Django deletes what the next handler wrote and reads the rest of the file to nowhere
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) holds the file


class UploadLimitMiddleware:
    """Reads a multipart POST at once, so that a file over the ceiling is refused with 413 and a page (or, for
    the API, a JSON body) naming it, before any view, form or service sees the request. Placed after
    LocaleMiddleware, so the page is in the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            request.FILES  # noqa: B018 - parses the body through the upload handlers
            refused = getattr(request, "refused_uploads", None)
            if refused:
                return self._refusal(request, refused)
        return self.get_response(request)

    @staticmethod
    def _refusal(request, refused: list[tuple[str, str]]):
        limit = human_size(upload_max_bytes())
        fields = {
            field: [
                _("“%(name)s” is larger than %(limit)s, the largest file accepted; nothing was saved.")
                % {"name": name, "limit": limit}
            ]
            for field, name in refused
        }
        messages = [message for texts in fields.values() for message in texts]
        if request.path.startswith("/api/"):  # the API's one error body (api/errors.py)
            error = {"status": 413, "code": "too_large", "message": " ".join(messages), "fields": fields}
            return JsonResponse({"error": error}, status=413)
        return _too_large_page(request, messages)


def upload_too_large(request):
    """Where nginx sends a request over its client_max_body_size (deploy/nginx.conf), so that even a file far
    over the ceiling is refused in the reader's language; nginx has not read the body, so the file is not named."""
    limit = human_size(upload_max_bytes())
    return _too_large_page(
        request,
        [_("The file is larger than %(limit)s, the largest file accepted; nothing was saved.") % {"limit": limit}],
    )


def _too_large_page(request, messages: list[str]):
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = "/"
    context = {"messages_refused": messages, "limit": human_size(upload_max_bytes()), "back": back}
    return render(request, "core/upload_too_large.html", context, status=413)
