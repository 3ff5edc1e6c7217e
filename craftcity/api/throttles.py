"""Rate limits of the API (DRF throttles, counted in the shared "throttle" cache so every web process counts
together).

Reads are limited per visitor generously (a harvester pages through the registry); writes (PATCH of people
and organizations, applications to calls, tour plans) much more tightly per account or address, so a stolen
token or a script cannot rewrite the registry or fill a call's seats in a burst. Rates are settings
(`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`, from the environment)."""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from craftcity.core.throttling import throttle_cache

SAFE = {"GET", "HEAD", "OPTIONS"}


class ReadRateThrottle(AnonRateThrottle):
    """Reads by anonymous visitors, per address."""

    scope = "reads"
    cache = throttle_cache

    def allow_request(self, request, view):
        return request.method not in SAFE or super().allow_request(request, view)


class SignedInReadRateThrottle(UserRateThrottle):
    scope = "signed_in_reads"
    cache = throttle_cache

    def allow_request(self, request, view):
        if request.method not in SAFE or not (request.user and request.user.is_authenticated):
            return True
        return super().allow_request(request, view)


class WriteRateThrottle(SimpleRateThrottle):
    """Writes, per account (or address when anonymous)."""

    scope = "writes"
    cache = throttle_cache

    def get_cache_key(self, request, view):
        signed_in = request.user and request.user.is_authenticated
        ident = f"user-{request.user.pk}" if signed_in else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request, view):
        return request.method in SAFE or super().allow_request(request, view)
