"""Production: refuses to start without a secret key and a database."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set CRAFTCITY_SECRET_KEY: production does not start without a secret key.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("Set DATABASE_URL (postgres://…): production runs on PostgreSQL.")

# Each gunicorn worker (and the job worker) keeps its database connection between requests instead of opening
# one per request (measured in bench/load.py: opening one cost more than serving a stored page); a connection
# that broke is noticed before it is used.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CRAFTCITY_CONN_MAX_AGE", "600"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Staff sign in with a second factor; an operator may turn this off only knowingly (CRAFTCITY_STAFF_REQUIRE_2FA=0).
CRAFTCITY_STAFF_REQUIRE_2FA = os.environ.get("CRAFTCITY_STAFF_REQUIRE_2FA", "1") == "1"

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CRAFTCITY_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# --- HTTPS headers that `check --deploy` asks for (security hardening) ------------------------------------
# Plain HTTP is redirected and browsers are told to use HTTPS only. HSTS starts at one year; set
# CRAFTCITY_HSTS_SECONDS=0 while first trying HTTPS on a new host. Behind a proxy that ends TLS, set
# CRAFTCITY_TLS_PROXY=1 so Django believes its X-Forwarded-Proto (the proxy must set it itself).
SECURE_SSL_REDIRECT = os.environ.get("CRAFTCITY_SSL_REDIRECT", "1") == "1"
# The supervisor's and load balancer's probes speak plain HTTP on loopback.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("CRAFTCITY_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("CRAFTCITY_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("CRAFTCITY_HSTS_PRELOAD", "0") == "1"
if os.environ.get("CRAFTCITY_TLS_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Preloading HSTS into browsers is hard to undo, so it stays the domain owner's explicit choice
# (CRAFTCITY_HSTS_PRELOAD=1); until then `check --deploy` is told not to warn about it (security.W021).
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- shared state for more than one process ---------------------------------------------------------------
# Stored pages and version counters live in the database's cache table (`craftcity createcachetable`): every
# web process and every machine that shares the database sees one cache, with no other service to run. The
# festival-day benchmark (bench/load.py, docs/benchmarks.md) measured it against Redis and against each
# process's own memory: see there why the database is the default. CRAFTCITY_CACHE=redis://HOST:PORT/N uses
# Redis instead (pip install redis); CRAFTCITY_CACHE=file keeps the per-machine file cache of development;
# CRAFTCITY_CACHE=memory (one cache per process, so never shared: an edit is served stale by the others) exists
# only for that measurement.
_cache = os.environ.get("CRAFTCITY_CACHE", "database")
if _cache == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "craftcity_cache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CRAFTCITY_CACHE_MAX_ENTRIES", "50000"))},
        },
        # Rate-limit counters in a small table of their own (one row per address and limit for a few minutes).
        "throttle": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "craftcity_throttle",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
elif _cache.startswith(("redis://", "rediss://", "unix://")):
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache}
    CACHES = {"default": _redis, "throttle": {**_redis, "KEY_PREFIX": "throttle"}}
elif _cache == "memory":
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 10000}},
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
    }

# Logs: one JSON line each, with the request id; a line per request unless CRAFTCITY_REQUEST_LOG=0.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("CRAFTCITY_LOG_FORMAT", "json")  # noqa: F405
if os.environ.get("CRAFTCITY_REQUEST_LOG", "1") == "1":
    LOGGING["loggers"]["craftcity.requests"]["level"] = "INFO"  # noqa: F405

# Static files carry a hash of their content in their names (collectstatic), so WhiteNoise serves them as
# cacheable for a year: a repeat visit costs only the page itself (bench/pages.py measures it).
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
