"""Production: refuses to start without a secret key and a database."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set CRAFTCITY_SECRET_KEY: production does not start without a secret key.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("Set DATABASE_URL (postgres://…): production runs on PostgreSQL.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CRAFTCITY_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# --- HTTPS headers that `check --deploy` asks for (security hardening) ------------------------------------
# Plain HTTP is redirected and browsers are told to use HTTPS only. HSTS starts at one year; set
# CRAFTCITY_HSTS_SECONDS=0 while first trying HTTPS on a new host. Behind a proxy that ends TLS, set
# CRAFTCITY_TLS_PROXY=1 so Django believes its X-Forwarded-Proto (the proxy must set it itself).
SECURE_SSL_REDIRECT = os.environ.get("CRAFTCITY_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("CRAFTCITY_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("CRAFTCITY_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
# Preloading is hard to undo (browsers ship the list), so it is the domain owner's explicit choice: check --deploy
# keeps reminding (security.W021) until CRAFTCITY_HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = os.environ.get("CRAFTCITY_HSTS_PRELOAD", "0") == "1"
if os.environ.get("CRAFTCITY_TLS_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
