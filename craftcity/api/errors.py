"""One error body for every API failure: {"error": {"status", "code", "message", "fields"}}."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _messages(detail) -> list[str]:
    if isinstance(detail, list):
        return [text for item in detail for text in _messages(item)]
    return [str(detail)]


def _fields(detail, prefix: str = "") -> dict[str, list[str]]:
    """{field: [messages]}; a nested error is named by its path ("people.0", "items.2.caption"), so every
    value is a list of texts, as the published error schema says."""
    if isinstance(detail, list) and any(isinstance(item, dict) for item in detail):
        detail = {str(i): item for i, item in enumerate(detail) if item}
    if not isinstance(detail, dict):
        return {prefix or "non_field_errors": _messages(detail)}
    found: dict[str, list[str]] = {}
    for key, value in detail.items():
        found.update(_fields(value, f"{prefix}.{key}" if prefix else str(key)))
    return found


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, DjangoPermissionDenied):
        # A service's refusal says why ("Only the organisers of this event…"); a bare one keeps DRF's wording.
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    fields = {}
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        message = _("Some fields are not valid.")
        code = "invalid"
    else:
        message = str(getattr(exc, "detail", exc))
        code = getattr(exc, "default_code", "error")
        if isinstance(getattr(exc, "detail", None), exceptions.ErrorDetail):
            code = exc.detail.code
    body = {"error": {"status": response.status_code, "code": code, "message": message, "fields": fields}}
    return Response(body, status=response.status_code or status.HTTP_400_BAD_REQUEST, headers=response.headers)


def page_not_found(request, exception=None):
    """Django's 404 for an address no route matches; under /api/ the house error body instead of an HTML page (a
    slug with a dot or an odd character matched no API route, and the client got HTML the document never promised)."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found as html_page_not_found

    if request.path.startswith("/api/"):
        message = str(exceptions.NotFound.default_detail)
        body = {"error": {"status": 404, "code": "not_found", "message": message, "fields": {}}}
        return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
    return html_page_not_found(request, exception)


def only_get(view):
    """`require_GET` for the API's plain Django views (change streams, records, the network description): another
    method gets 405 with Allow and the house error body, as the REST framework's views answer, not an HTML page."""
    import functools

    from django.http import JsonResponse

    @functools.wraps(view)
    def inner(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            message = str(exceptions.MethodNotAllowed.default_detail).format(method=request.method)
            body = {"error": {"status": 405, "code": "method_not_allowed", "message": message, "fields": {}}}
            response = JsonResponse(body, status=405, json_dumps_params={"ensure_ascii": False})
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return inner
