"""Settings shared by every environment; values that differ come from the environment."""

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from craftcity.core.storage import s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "craftcity"

SECRET_KEY = os.environ.get("CRAFTCITY_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("CRAFTCITY_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "craftcity.backoffice.apps.BackOfficeAdminConfig",  # django.contrib.admin with our site (second factor)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "simple_history",
    "axes",
    "craftcity.backoffice.apps.JobsConfig",  # django-tasks-db, named for staff
    "allauth",
    "allauth.account",
    "allauth.mfa",  # a second factor: authenticator-app codes and recovery codes
    # domain: the truth
    "craftcity.core",
    "craftcity.audit",
    "craftcity.geo",
    "craftcity.taxonomy",
    "craftcity.organizations",
    "craftcity.people",
    "craftcity.lineage",
    "craftcity.awards",
    "craftcity.places",
    "craftcity.works",
    "craftcity.events",
    "craftcity.music",
    "craftcity.support",
    "craftcity.aitys",
    "craftcity.tours",
    "craftcity.linkage",
    "craftcity.imports",
    "craftcity.search",
    "craftcity.dossier",
    "craftcity.network",
    "craftcity.demo",
    "craftcity.backup",
    # interfaces: views, forms, serializers, templates
    "craftcity.backoffice",
    "craftcity.api",
    "craftcity.public",
    # last: its post_migrate hook gives roles the permissions of every app above
    "craftcity.accounts",
]

MIDDLEWARE = [
    "craftcity.core.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # before anything reads the body: a file over CRAFTCITY_UPLOAD_MAX_BYTES is refused with 413 as it streams in
    "craftcity.core.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # last, as django-axes asks: it turns a refused sign-in into the lock-out page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "craftcity.urls"
WSGI_APPLICATION = "craftcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'craftcity.sqlite3'}",
        conn_max_age=int(os.environ.get("CRAFTCITY_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout makes writers queue instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- languages -------------------------------------------------------------------------------
# UI languages (gettext). Content languages may grow (Kazakh in Latin script) without a schema
# change: translated fields store one value per language code.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
CONTENT_LANGUAGES = [code for code, _name in LANGUAGES] + [
    code for code in os.environ.get("CRAFTCITY_EXTRA_CONTENT_LANGUAGES", "").split(",") if code
]
# Where to look when a text lacks the wanted language, in order.
CONTENT_FALLBACKS = {
    "kk": ["kk", "ru", "en"],
    "ru": ["ru", "kk", "en"],
    "en": ["en", "ru", "kk"],
    "kk-latn": ["kk-latn", "kk", "en", "ru"],
}
# The project's own catalogue first (makemessages writes there), then the Kazakh that Django's admin lacks, then
# the lowercase Kazakh month names that dates need (beside the kk format module; hand-written, see its header).
LOCALE_PATHS = [
    PACKAGE_DIR / "locale",
    PACKAGE_DIR / "locale_admin",
    PACKAGE_DIR / "locale_allauth",
    PACKAGE_DIR / "core" / "formats",
]
# Date, number and unit formats per language (kk, which Django lacks; ru and en over Django's own): the site's
# date forms, 24-hour times, and the words craftcity.core.formatting writes distances, durations and hours with.
FORMAT_MODULE_PATH = ["craftcity.core.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

# --- files -----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("CRAFTCITY_STATIC_ROOT", BASE_DIR / "var" / "static"))
# Front-end libraries come from npm at install time (`npm ci`); nothing is fetched at run time.
STATICFILES_DIRS = [
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
    ("vendor/openseadragon", BASE_DIR / "node_modules" / "openseadragon" / "build" / "openseadragon"),
]
# Map tiles: any XYZ tile server's URL template and the attribution its licence asks for (README, "Map tiles").
# None by default: a city's site must not lean on a third party's server, and OpenStreetMap's public tile server
# is not for sites' traffic at volume (its tile usage policy). With none, maps show their markers on a plain
# ground and say so; every map page also lists its places. Point it at your own tiles (e.g. "/tiles/{z}/{x}/{y}.png"
# from a folder nginx serves, or a tileserver-gl/martin instance) or a provider you have an agreement with.
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


def map_tiles(environ) -> tuple[str, str]:
    """(tile URL template, attribution HTML) from the environment; the older CRAFTCITY_TILE_* names still work.
    OpenStreetMap data needs its credit, so an openstreetmap.org URL without an attribution gets OSM's."""
    url = environ.get("CRAFTCITY_MAP_TILES", environ.get("CRAFTCITY_TILE_URL", "")).strip()
    attribution = environ.get("CRAFTCITY_MAP_TILES_ATTRIBUTION", environ.get("CRAFTCITY_TILE_ATTRIBUTION", ""))
    if url and not attribution and "openstreetmap.org" in url:
        attribution = OSM_ATTRIBUTION
    return url, attribution


CRAFTCITY_MAP_TILES, CRAFTCITY_MAP_TILES_ATTRIBUTION = map_tiles(os.environ)
CRAFTCITY_TILE_URL, CRAFTCITY_TILE_ATTRIBUTION = CRAFTCITY_MAP_TILES, CRAFTCITY_MAP_TILES_ATTRIBUTION  # older names
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("CRAFTCITY_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Public media and private files (core/storage.py): local folders, or one S3-compatible bucket when
# CRAFTCITY_S3_BUCKET is set (README, "Production").
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    **s3_storages(),
}
# Shared by every process on the machine: stored public pages and their versions (see core/cache.py).
# A file cache lists its folder on every write once full, so it holds a few thousand pages; a larger city
# points CACHES at Redis or Memcached in its own settings module.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CRAFTCITY_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CRAFTCITY_CACHE_MAX_ENTRIES", "5000"))},
    },
    # Rate-limit counters (API, search suggestions: core.throttling), apart from the stored pages: a write per
    # request must not pay for a big cache (a database cache counts its whole table on every write).
    "throttle": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.path.join(os.environ.get("CRAFTCITY_CACHE_DIR", str(BASE_DIR / "var" / "cache")), "throttle"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
# Uploads: form fields may take 10 MB of memory; a file over 2.5 MB (Django's FILE_UPLOAD_MAX_MEMORY_SIZE) is
# written to a temporary file as it arrives, and one over CRAFTCITY_UPLOAD_MAX_BYTES is dropped as it passes
# that size and the request refused (core/uploads.py). Import lists may be capped lower than the ceiling.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "craftcity.core.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
CRAFTCITY_UPLOAD_MAX_BYTES = int(os.environ.get("CRAFTCITY_UPLOAD_MAX_BYTES", 50 * 1024 * 1024))
CRAFTCITY_IMPORT_MAX_BYTES = int(os.environ.get("CRAFTCITY_IMPORT_MAX_BYTES", CRAFTCITY_UPLOAD_MAX_BYTES))

# --- the visitor's address (rate limits, sign-in pauses) -----------------------------------------------------
# Behind a reverse proxy every request arrives from 127.0.0.1 and the proxy appends the visitor's address to
# X-Forwarded-For. CRAFTCITY_TRUSTED_PROXIES is how many proxies in front of us append to it (nginx alone: 1, the
# default when CRAFTCITY_TLS_PROXY=1); the address is then the one the nearest proxy saw, whatever a client wrote
# further left. With 0, X-Forwarded-For is ignored. allauth, DRF and django-axes all read it (core.clientip).
CRAFTCITY_TRUSTED_PROXIES = int(
    os.environ.get("CRAFTCITY_TRUSTED_PROXIES", "1" if os.environ.get("CRAFTCITY_TLS_PROXY") == "1" else "0")
)
ALLAUTH_TRUSTED_PROXY_COUNT = CRAFTCITY_TRUSTED_PROXIES

# Artisans and musicians sign in on the public site (django-allauth); staff keep the back office's own sign-in.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "me:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "public:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link opened by a mail scanner must not confirm: the user presses a button
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "craftcity: "
# allauth's mails (confirm the address, reset the password, "your second factor changed") are rendered in the
# request's language and sent by the job worker like ours (accounts.adapters.AccountAdapter).
ACCOUNT_ADAPTER = "craftcity.accounts.adapters.AccountAdapter"
# A note to the owner when the password, the addresses or the second factor of an account change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's own limits (per IP and per address) beside django-axes' lock-out after repeated failures. A wrong
# second-factor code counts as `login_failed` of that account: five per five minutes, then a pause.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

# --- second factor (allauth.mfa) ---------------------------------------------------------------------------
# Anyone may add an authenticator app (TOTP) and recovery codes under /accounts/2fa/; the sign-in asks for a
# code after the password, on the public site and in the back office alike (backoffice.site). With
# CRAFTCITY_STAFF_REQUIRE_2FA=1 (production's default) staff who have none are sent to set one up before the back
# office opens (accounts.rules.must_set_up_second_factor). Secrets are stored encrypted (accounts.adapters).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "craftcity.accounts.adapters.MFAAdapter"
MFA_TOTP_ISSUER = os.environ.get("CRAFTCITY_TOTP_ISSUER", "craftcity")  # the name the phone's app lists
MFA_TOTP_TOLERANCE = 1  # one 30-second step either way for a phone's drifting clock; a used code never works twice
CRAFTCITY_STAFF_REQUIRE_2FA = os.environ.get("CRAFTCITY_STAFF_REQUIRE_2FA", "0") == "1"

# --- rate limit of the search box's suggestions (public.views.suggest) ------------------------------------------
# Per address, counted in the shared cache like the API's limits. Generous: a festival crowd shares one address
# behind its operator's NAT, and each keystroke asks. "off" (or "0") turns the limit off, as a load test does.
CRAFTCITY_SUGGEST_RATE = os.environ.get("CRAFTCITY_SUGGEST_RATE", "600/min")

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "NUM_PROXIES": CRAFTCITY_TRUSTED_PROXIES,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["craftcity.api.permissions.ReadOnlyOrServicePermission"],
    "DEFAULT_PAGINATION_CLASS": "craftcity.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "craftcity.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "craftcity.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "craftcity.api.throttles.ReadRateThrottle",
        "craftcity.api.throttles.SignedInReadRateThrottle",
        "craftcity.api.throttles.WriteRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "reads": os.environ.get("CRAFTCITY_API_READS", "1200/min"),
        "signed_in_reads": os.environ.get("CRAFTCITY_API_SIGNED_IN_READS", "3000/min"),
        "writes": os.environ.get("CRAFTCITY_API_WRITES", "60/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "craftcity API",
    "DESCRIPTION": "The registry of a creative city's crafts and music community.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The error body, each operation's error statuses and the GeoJSON places list (craftcity/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "craftcity.api.schema.postprocess",
    ],
}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("CRAFTCITY_SMTP_HOST", "localhost"),
            "port": int(os.environ.get("CRAFTCITY_SMTP_PORT", "25")),
            "username": os.environ.get("CRAFTCITY_SMTP_USER") or None,
            "password": os.environ.get("CRAFTCITY_SMTP_PASSWORD") or None,
            "use_tls": os.environ.get("CRAFTCITY_SMTP_TLS", "0") == "1",
            "timeout": 20,
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("CRAFTCITY_FROM_EMAIL", "craftcity@localhost")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = False

# Logs go to standard error (the journal under systemd). CRAFTCITY_LOG_FORMAT=json writes one JSON object per
# line with the request id (production's default); CRAFTCITY_REQUEST_LOG=1 adds a line per request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "craftcity.core.requestlog.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "craftcity.core.requestlog.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("CRAFTCITY_LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("CRAFTCITY_LOG_LEVEL", "WARNING")},
    "loggers": {
        "craftcity.requests": {
            "level": "INFO" if os.environ.get("CRAFTCITY_REQUEST_LOG", "0") == "1" else "WARNING",
        }
    },
}

# Catalogue images: the largest upload accepted, and the pixel count above which a file is refused as a bomb.
CRAFTCITY_IMAGE_MAX_BYTES = int(os.environ.get("CRAFTCITY_IMAGE_MAX_BYTES", 20 * 1024 * 1024))
CRAFTCITY_IMAGE_MAX_PIXELS = int(os.environ.get("CRAFTCITY_IMAGE_MAX_PIXELS", 60_000_000))
# Catalogue images (originals with their metadata, and derivatives) are kept here, never under MEDIA_ROOT.
CRAFTCITY_PRIVATE_MEDIA_ROOT = Path(os.environ.get("CRAFTCITY_PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
# Open data: where dump_open_data writes, and the license the dumps carry.
CRAFTCITY_OPEN_DATA_DIR = Path(os.environ.get("CRAFTCITY_OPEN_DATA_DIR", BASE_DIR / "var" / "open-data"))
CRAFTCITY_DATA_LICENSE = "CC BY 4.0"
CRAFTCITY_DATA_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"

# --- the network of craft cities ---------------------------------------------------------------------------
# Who this installation is, as its network description (/.well-known/craftcity) tells partner cities. Another
# city sets CRAFTCITY_CITY_FILE to a JSON file with the same keys (slug, name per language, country, languages,
# designations with title per language, body and year, lat, lon); keys it leaves out keep Almaty's.
CRAFTCITY_CITY = {
    "slug": "almaty",
    "name": {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"},
    "country": "KZ",
    "languages": ["kk", "ru", "en"],
    "designations": [
        {
            "title": {"kk": "Әлемдік қолөнер қаласы", "ru": "Всемирный город ремёсел", "en": "World Craft City"},
            "body": "World Crafts Council",
            "year": 2025,
        },
        {
            "title": {
                "kk": "ЮНЕСКО-ның музыка саласындағы шығармашыл қаласы",
                "ru": "Креативный город ЮНЕСКО в области музыки",
                "en": "UNESCO Creative City of Music",
            },
            "body": "UNESCO Creative Cities Network",
            "year": 2017,
        },
    ],
    "lat": 43.2383,
    "lon": 76.9456,
}
if os.environ.get("CRAFTCITY_CITY_FILE"):
    import json

    with open(os.environ["CRAFTCITY_CITY_FILE"], encoding="utf-8") as _city_file:
        CRAFTCITY_CITY = {**CRAFTCITY_CITY, **json.load(_city_file)}
# Activities per page of the change streams (/api/v1/changes/<kind>/): pages before the last hold exactly this many.
# Each activity carries its record, so pages stay small enough to serve within 50 ms (bench/network.py).
CRAFTCITY_CHANGES_PAGE_SIZE = int(os.environ.get("CRAFTCITY_CHANGES_PAGE_SIZE", "100"))

# The hub's reading of partner cities (craftcity.network): seconds per request, retries and their first pause
# (doubled each time), and a cap on the pages of one stream, so a partner that loops or never ends is stopped.
CRAFTCITY_NETWORK_TIMEOUT = float(os.environ.get("CRAFTCITY_NETWORK_TIMEOUT", "10"))
CRAFTCITY_NETWORK_RETRIES = int(os.environ.get("CRAFTCITY_NETWORK_RETRIES", "3"))
CRAFTCITY_NETWORK_BACKOFF = float(os.environ.get("CRAFTCITY_NETWORK_BACKOFF", "0.5"))
CRAFTCITY_NETWORK_MAX_PAGES = int(os.environ.get("CRAFTCITY_NETWORK_MAX_PAGES", "100000"))


# --- sign-in throttling (django-axes) --------------------------------------------------------------------
# Five wrong passwords for one username from one address lock that pair out for fifteen minutes; a right one
# clears the count. Registrars and administrators see and clear lock-outs under "Axes" in the back office.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# The public sign-in sends the address as `email`, the back office `username`: axes counts failures on either.
AXES_USERNAME_CALLABLE = "craftcity.accounts.lockout.attempted_login"
AXES_CLIENT_IP_CALLABLE = "craftcity.core.clientip.client_ip"
AXES_FAILURE_LIMIT = int(os.environ.get("CRAFTCITY_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("CRAFTCITY_SIGNIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "craftcity.accounts.lockout.locked_out"
AXES_VERBOSE = False

# --- Content-Security-Policy (Django's own middleware) ----------------------------------------------------
# Only this site's scripts, styles and fonts. The few inline <script>/<style> blocks carry the response's nonce
# (`{{ csp_nonce }}`); scripts are never inline, on…="" attributes never run. Style attributes alone are allowed:
# our templates write none, but third-party pages do (simple_history's change history, DRF's browsable API), and
# an attribute can neither run script nor reach another origin (img-src, connect-src). Pictures from here,
# data: URIs (the admin's icons) and the map tile server.
_TILE = urlsplit(CRAFTCITY_TILE_URL.replace("{s}", "*"))  # Leaflet's {s} subdomains are a wildcard to CSP
_TILE_ORIGIN = f"{_TILE.scheme}://{_TILE.netloc}" if _TILE.scheme in ("http", "https") else ""
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", CSP.NONCE],
    "style-src": ["'self'", CSP.NONCE],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- background jobs (Django's tasks framework, django-tasks-db) -------------------------------------------
# Jobs are rows in the database, written in the same transaction as the work that asks for them, and run by
# `craftcity db_worker` (started by `make run`; a service of its own in production). Imports of uploaded files
# and the search indexing after an import run there, never in a web request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
