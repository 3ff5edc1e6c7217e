"""Tests: fast hashing, in-memory mail, throwaway media."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="craftcity-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# Static files come from the app folders in tests; nothing is collected.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
CRAFTCITY_MAP_TILES = CRAFTCITY_TILE_URL = ""  # tests run offline
# One in-memory store for both aliases, so the cache.clear() before each test (tests/conftest.py) resets rate limits.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
CRAFTCITY_OPEN_DATA_DIR = Path(tempfile.mkdtemp(prefix="craftcity-open-data-"))
CRAFTCITY_PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="craftcity-private-"))
# Jobs run at once, inside the code that enqueues them; tests of the worker switch to the database backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# API rate limits far above what any test sends; the throttle tests lower them for themselves.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"reads": "100000/min", "signed_in_reads": "100000/min", "writes": "100000/min"},
}
# Suggestions: far above what any test types; the limit's own tests lower it.
CRAFTCITY_SUGGEST_RATE = "100000/min"
# Partner cities on loopback answer at once, even on a busy machine; the tests of a slow one lower it further.
CRAFTCITY_NETWORK_TIMEOUT = 5.0
CRAFTCITY_NETWORK_RETRIES = 2
CRAFTCITY_NETWORK_BACKOFF = 0.01
