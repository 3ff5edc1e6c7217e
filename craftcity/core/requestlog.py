"""Structured logs with a request id: every log line written while a request is served carries its id, and
one JSON line per request says what was asked and how it went.

The id comes from the reverse proxy's `X-Request-ID` when it sends a sane one (nginx: `proxy_set_header
X-Request-ID $request_id;`), else a new one; it is sent back in the response's `X-Request-ID`, so a visitor's
report of an error can be found in the log. Logged: method, path (no query string: it may hold a search for a
person's name), status, duration, user id. Never a body, a cookie or a query string.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("craftcity_request_id", default="-")
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
log = logging.getLogger("craftcity.requests")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record, for the formatter."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message, and the fields passed in `extra`."""

    FIELDS = ("method", "path", "status", "ms", "user")

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        entry.update({field: getattr(record, field) for field in self.FIELDS if hasattr(record, field)})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = given if _SANE.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        request.request_id = rid
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id.reset(token)
