"""Rate limits for plain Django views, counted exactly as the API's are: DRF's throttle (a sliding window per
client address) in the shared "throttle" cache, so every web process counts together. Over the limit a view
answers 429 with Retry-After instead of running."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.cache import caches
from django.http import JsonResponse
from django.utils.connection import ConnectionProxy
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from .clientip import client_ip

OFF = {"", "0", "off", "none"}
# The counters' own cache (settings.CACHES["throttle"]), looked up per use like django.core.cache.cache.
throttle_cache = ConnectionProxy(caches, "throttle")


class AddressRateThrottle(SimpleRateThrottle):
    """Requests per client address, signed in or not; the rate ("600/min") is read from a setting per request,
    so an operator's environment (or a test) changes it, and "off" turns it off."""

    cache = throttle_cache

    def __init__(self, *, scope: str, setting: str):
        self.scope = scope
        self.setting = setting
        super().__init__()

    def get_rate(self):
        rate = str(getattr(settings, self.setting, "") or "").strip()
        return None if rate.lower() in OFF else rate

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def rate_refusal(request, *, scope: str, setting: str) -> JsonResponse | None:
    """Count this request against the rate in `settings.<setting>`; past it, the answer to send instead: 429,
    Retry-After and an empty result with a message."""
    throttle = AddressRateThrottle(scope=scope, setting=setting)
    if throttle.allow_request(request, None):
        return None
    seconds = max(1, math.ceil(throttle.wait() or throttle.duration))
    response = JsonResponse(
        {
            "results": [],
            "detail": _("Too many requests from your address. Try again in %(seconds)d seconds.")
            % {"seconds": seconds},
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
