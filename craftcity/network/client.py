"""Reading a partner's JSON over HTTP: conditional requests, a deadline per request, retries with backoff.

The standard library's client is enough for GETs of JSON documents and leaves no dependency to pin. Every
failure becomes a `FetchError` that names the address and what went wrong, in the reader's language."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

USER_AGENT = "craftcity-hub/1 (+https://github.com/craftcity)"
# A partner answering with a body this large is not sending a description or a stream page.
MAX_BYTES = 20 * 1024 * 1024
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}


class FetchError(Exception):
    """A document could not be read; the message says which and why (and `status`, the HTTP status if any)."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


@dataclass
class Fetched:
    url: str
    data: object
    etag: str = ""
    last_modified: str = ""


def _setting(name: str, default):
    return getattr(settings, name, default)


def check_address(url: str) -> str:
    """Only http(s) addresses: a registrar's typo must not read files or other schemes from the hub itself."""
    parts = urlsplit(url or "")
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FetchError(_("“%(url)s” is not a web address (http:// or https://).") % {"url": url})
    return url


def _read(response, url: str, deadline: float) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(_("%(url)s: the partner is too slow (no complete answer in time).") % {"url": url})
        chunk = response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(_("%(url)s: the answer is larger than %(limit)s MB.") % {"url": url, "limit": 20})
        chunks.append(chunk)


def fetch_json(url: str, *, etag: str = "", last_modified: str = "") -> Fetched | None:
    """GET a JSON document; None when the server says it has not changed (304). Timeouts, refused
    connections and 5xx/429 answers are retried with exponential backoff before giving up."""
    check_address(url)
    timeout = float(_setting("CRAFTCITY_NETWORK_TIMEOUT", 10))
    retries = int(_setting("CRAFTCITY_NETWORK_RETRIES", 3))
    backoff = float(_setting("CRAFTCITY_NETWORK_BACKOFF", 0.5))
    headers = {"Accept": "application/ld+json, application/json", "User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    problem = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        request = urllib.request.Request(url, headers=headers)
        deadline = time.monotonic() + timeout
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = _read(response, url, deadline)
                return Fetched(
                    url=response.geturl(),
                    data=_decode(body, url),
                    etag=response.headers.get("ETag", ""),
                    last_modified=response.headers.get("Last-Modified", ""),
                )
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return None
            problem = _("%(url)s answered HTTP %(status)s.") % {"url": url, "status": error.code}
            if error.code not in RETRY_STATUSES:
                raise FetchError(problem, status=error.code) from None
        except TimeoutError:
            problem = _("%(url)s: the partner is too slow (no answer within %(seconds)s s).") % {
                "url": url,
                "seconds": f"{timeout:g}",
            }
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                problem = _("%(url)s: the partner is too slow (no answer within %(seconds)s s).") % {
                    "url": url,
                    "seconds": f"{timeout:g}",
                }
            else:
                problem = _("%(url)s cannot be reached: %(reason)s.") % {"url": url, "reason": reason}
        except (ConnectionError, OSError) as error:
            problem = _("%(url)s cannot be reached: %(reason)s.") % {"url": url, "reason": error}
    raise FetchError(_("%(problem)s Gave up after %(count)s attempts.") % {"problem": problem, "count": retries + 1})


def _decode(body: bytes, url: str):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FetchError(_("%(url)s did not send JSON (%(reason)s).") % {"url": url, "reason": error}) from None
