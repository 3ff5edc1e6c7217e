"""The visitor's address, one answer for every rate limit and sign-in pause (allauth, DRF, django-axes and our
own throttles count the same address): REMOTE_ADDR, or, behind CRAFTCITY_TRUSTED_PROXIES reverse proxies, the
address the nearest of them appended to X-Forwarded-For. Entries further left are whatever the client wrote."""

from django.conf import settings


def client_ip(request) -> str | None:
    proxies = settings.CRAFTCITY_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR")
