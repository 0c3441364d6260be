"""Settings for prepmeet.

Everything that differs between a laptop and production comes from the environment. With no environment at all
the app runs for development: DEBUG on, SQLite next to the code, e-mail printed to the console.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
# The site-wide folders - templates/, static/, fixtures/ - sit beside manage.py in a checkout. An installed
# wheel has no checkout around it, so setup.py ships the same folders inside this package instead.
SITE_DIR = PACKAGE_DIR if (PACKAGE_DIR / "static").is_dir() else BASE_DIR


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envsecret(name: str, default: str = "") -> str:
    """NAME, or the contents of the file NAME_FILE names (a container secret), less its trailing newline.

    A NAME_FILE that cannot be read stops the start instead of leaving the secret empty; setting both is
    refused, since one of the two would be silently ignored.
    """
    value = os.environ.get(name, "")
    path = os.environ.get(f"{name}_FILE", "")
    if path and value:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both")
    if not path:
        return value or default
    try:
        return Path(path).read_text(encoding="utf-8").removesuffix("\n").removesuffix("\r")
    except (OSError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {error}") from None


DEBUG = envbool("DEBUG", True)

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
# Rotation: the old keys, comma-separated, still verify sessions, password-reset links and signed values
# while new ones are signed with SECRET_KEY (docs/production.md, "Rotating a setting").
# Like SECRET_KEY it may come from a file (SECRET_KEY_FALLBACKS_FILE), one key a line or comma-separated.
SECRET_KEY_FALLBACKS = [
    key.strip() for key in envsecret("SECRET_KEY_FALLBACKS").replace("\n", ",").split(",") if key.strip()
]

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Ours, one job each (docs/architecture.md). The site-wide templates (TEMPLATES' DIRS) come before every
    # app's, so they win over the admin's (registration/, admin/) and crispy's (bootstrap5/errors.html).
    "core",
    "accounts",
    "worksheets",
    "preps",
    "briefs",
    "documents",
    "outcomes",
    "sharing",
    "asks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered before anything below could redirect, refuse or log them.
    "core.health.probes",
    "django.middleware.security.SecurityMiddleware",
    "core.headers.security_headers",
    # Compresses HTML after every inner middleware has written the page (core/compression.py).
    "core.compression.HtmlGZipMiddleware",
    "core.logs.request_log",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.time_zones.user_time_zone",  # the user's time zone, from the session (no query)
    "core.privacy.private_pages",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside the others, so its refusals get every header too.
    "core.limits.request_body_limit",
    "core.middleware.clear_request_errors",
    "accounts.middleware.refuse_overlong_login",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "prepmeet.urls"
# Widgets render through TEMPLATES, so the site's templates/ overrides the admin's widget templates too
# (templates/admin/widgets/, templates/auth/widgets/: issue 28, B1 and B2).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "prepmeet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's shells (base, error pages, registration, admin and crispy overrides); an app's own pages
        # stay in its templates/ folder.
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.sign_in",
            ],
        },
    },
    {
        # Plain-text e-mails (core.mail.mail_render): the same templates, never HTML-escaped.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envsecret("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", 0),
        # A kept connection is checked before a request reuses it: after a database restart the first request
        # of each worker would otherwise fail on its dead connection ("connection already closed").
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent saves on SQLite (runserver threads, several gunicorn workers): readers never wait for the
    # writer (WAL), and every transaction takes the write lock when it starts (IMMEDIATE), so a transaction
    # that read first can no longer fail with "database is locked" when it goes on to write; a writer waits
    # up to 20 s for the lock instead (a busy machine can keep the holder off the CPU for seconds).
    # synchronous=FULL: a save the page was told about survives a power cut.
    # tests/security/test_sqlite_concurrency.py measures it with and without these options.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000; PRAGMA synchronous=FULL",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: what several app servers must share (docs/production.md, "Deployment").
# REDIS_URL (redis://host:6379/0, rediss:// for TLS) selects Django's Redis cache; sessions are then kept in
# the database with Redis in front. Without it each process has its own in-memory cache and sessions are read
# from the database. Both are correct with several servers: sessions are always in the database, and the PDF
# cache is keyed by a hash of the PDF's whole content: an unshared cache costs a re-render, never a stale PDF.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL must start with redis://, rediss:// or unix://, not {REDIS_URL!r}")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "prepmeet")
if REDIS_URL:
    # Redis may go away without costing a request (core/cache.py): while it is unreachable the cache answers
    # from this process's memory, and the sessions' cache misses, so sessions come from the database alone.
    redis_options = {"socket_connect_timeout": 1, "socket_timeout": 2}
    CACHES = {
        alias: {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {**redis_options, "FALLBACK": fallback},
        }
        for alias, fallback in (("default", "local"), ("sessions", "miss"))
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 200},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A PDF stays cached this long after its last render; an edit changes its key, so this only bounds memory.
PDF_CACHE_SECONDS = envint("PDF_CACHE_SECONDS", 24 * 60 * 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt while the account or the address is locked out (see "Brute force").
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailOrUsernameBackend",  # the e-mail address or the username
    "accounts.sso.SingleSignOnBackend",  # OpenID Connect, once SSO_ISSUER is set (below)
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Every static file of the site. Its pdf/ folder (the PDF's CSS and fonts) is all the PDF renderer may read
# (documents/pdf/fetcher.py) and the only static input to a PDF's cache key (documents/pdf/cache.py), so an
# edit of a page's CSS or script leaves every cached PDF valid.
PROJECT_STATIC_DIR = SITE_DIR / "static"
PDF_STATIC_DIR = PROJECT_STATIC_DIR / "pdf"
STATICFILES_DIRS = [PROJECT_STATIC_DIR]
# The published worksheet's content (manage.py load_content).
FIXTURE_DIRS = [SITE_DIR / "fixtures"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The fonts under static/pdf/ are read from disk by the PDF renderer; a page loads one only as a fallback for
# a script the reader's own system has no font for (site.css, rare), so collectstatic need not spend tens of
# seconds making gzip and brotli copies of megabytes of fonts hardly anyone downloads.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "ttf", "otf"]

# Outgoing mail (password resets): SMTP once EMAIL_HOST is set, else printed to the console (development).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)  # STARTTLS, usually on port 587
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)  # TLS from the first byte, usually on port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true: choose one")
EMAIL_PORT = envint("EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
# Seconds to wait for the mail server: without a limit a stuck server would hold a worker for good.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
# Every e-mail is queued (core/mail.py) and sent by a job through EMAIL_DELIVERY_BACKEND, tried again after
# each of MAIL_RETRY_SECONDS (about 3.5 hours in all): a mail server that fails never fails a request.
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
MAIL_RETRY_SECONDS = [30, 120, 600, 1800, 3600, 7200]
MAIL_WORKERS = envint("MAIL_WORKERS", 2)  # threads sending mail in each app process without REDIS_URL
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "prepmeet <noreply@localhost>")
# The sender of the error reports Django mails to ADMINS (none are configured).
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Single sign-on (OpenID Connect: accounts/sso.py, docs/configuration.md) ------------------------------
# On once SSO_ISSUER is set: the login page offers "Sign in with SSO_PROVIDER_NAME". The provider's endpoints
# and keys come from its discovery document (SSO_ISSUER + /.well-known/openid-configuration).
SSO_ISSUER = os.environ.get("SSO_ISSUER", "").rstrip("/")
SSO_ENABLED = bool(SSO_ISSUER)
SSO_CLIENT_ID = os.environ.get("SSO_CLIENT_ID", "")
SSO_CLIENT_SECRET = envsecret("SSO_CLIENT_SECRET")
SSO_SCOPES = os.environ.get("SSO_SCOPES", "").replace(",", " ").split() or ["openid", "email", "profile"]
# Which claim holds the address (Entra ID may send preferred_username or upn, not email), which the name.
SSO_EMAIL_CLAIM = os.environ.get("SSO_EMAIL_CLAIM", "email")
SSO_NAME_CLAIM = os.environ.get("SSO_NAME_CLAIM", "name")
SSO_ALLOWED_DOMAINS = [domain.lower().lstrip("@") for domain in envlist("SSO_ALLOWED_DOMAINS", [])]
# The provider vouches for every address it sends even without email_verified (Entra ID's upn): only with
# SSO_ALLOWED_DOMAINS, the organisation's own domains.
SSO_EMAIL_ALWAYS_VERIFIED = envbool("SSO_EMAIL_ALWAYS_VERIFIED", False)
# Password sign-in, sign-up and reset off for everyone but superusers (who keep the admin's login).
SSO_ONLY = envbool("SSO_ONLY", False)
SSO_PROVIDER_NAME = os.environ.get("SSO_PROVIDER_NAME", "your organization's account")
SSO_TIMEOUT = envint("SSO_TIMEOUT", 10)  # seconds to wait for the provider's answer
if SSO_ENABLED:
    if not (SSO_CLIENT_ID and SSO_CLIENT_SECRET):
        raise ImproperlyConfigured("SSO_ISSUER needs SSO_CLIENT_ID and SSO_CLIENT_SECRET")
    if not SSO_ISSUER.startswith("https://") and not DEBUG:
        raise ImproperlyConfigured(f"SSO_ISSUER must be an https:// address, not {SSO_ISSUER!r}")
    if "openid" not in SSO_SCOPES:
        raise ImproperlyConfigured("SSO_SCOPES must include openid")
if SSO_EMAIL_CLAIM not in ("email", "preferred_username", "upn"):
    raise ImproperlyConfigured(
        f"SSO_EMAIL_CLAIM must be email, preferred_username or upn, not {SSO_EMAIL_CLAIM!r}"
    )
if SSO_EMAIL_ALWAYS_VERIFIED and not SSO_ALLOWED_DOMAINS:
    raise ImproperlyConfigured(
        "SSO_EMAIL_ALWAYS_VERIFIED needs SSO_ALLOWED_DOMAINS (the organisation's domains)"
    )
if SSO_ONLY and not SSO_ENABLED:
    raise ImproperlyConfigured("SSO_ONLY needs SSO_ISSUER: nobody but superusers could sign in")
# mozilla-django-oidc's own names for the above; state, nonce and PKCE (S256) on every sign-in.
OIDC_RP_CLIENT_ID = SSO_CLIENT_ID
OIDC_RP_CLIENT_SECRET = SSO_CLIENT_SECRET
OIDC_RP_SCOPES = " ".join(SSO_SCOPES)
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = SSO_TIMEOUT
OIDC_AUTHENTICATE_CLASS = "accounts.sso_views.SignInStart"
OIDC_CALLBACK_CLASS = "accounts.sso_views.SignInCallback"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Autosave and form limits. An answer longer than this is refused with a message, never truncated.
ANSWER_MAX_CHARS = envint("ANSWER_MAX_CHARS", 50_000)
# The no-JavaScript Save posts every answer at once, form-encoded: a character outside ASCII takes up to 9
# bytes (%E2%80%94), so four full answers can reach 1.8 MB. Larger bodies are refused with 413 and a message
# (core.refusals.bad_request) before any view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_500_000)

# --- Security -------------------------------------------------------------------------------------------
# With DEBUG off every default below is the production one; `manage.py check --deploy` passes with the
# environment docs/production.md documents (tests/security/test_production_settings.py runs it).
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms and the autosave script take the token from the page.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For; 0 = clients connect directly. Login
# lockouts and throttles count per client address (core.http.client_ip), so set it right.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)
# X-Forwarded-For is believed only from these addresses (the proxies' own, as the app sees them): a client
# that reaches the app directly cannot pick its address by writing the header. Default: loopback and the
# private networks a load balancer in front usually has.
try:
    TRUSTED_PROXIES = tuple(
        ipaddress.ip_network(network, strict=False)
        for network in envlist(
            "TRUSTED_PROXIES",
            ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
        )
    )
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.refusals.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"


# Scripts, styles, fonts and images come only from our own static files: no inline script or style anywhere
# (the admin passes its data with json_script: JSON, not script). Bootstrap draws icons as data: SVGs.
# default-src 'none': whatever is not named below (frames, media, workers, manifests) may not load at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Brute force: django-axes counts failed logins (site and admin) in the database. Five failures for one
# username from one address, or from one address, within the cool-off lock that username there / that address
# out until the cool-off has passed since the last failure; a successful login clears the count.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]  # see the abuse limits block below
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no start-up banner; failures and lockouts are still logged as warnings
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_USERNAME_CALLABLE = "accounts.backends.lockout_name"  # per account, whichever name is typed
# Password reset e-mails (axes does not cover them): per address and per e-mail, counted in the cache.
PASSWORD_RESET_LIMITS = {
    "address": (envint("PASSWORD_RESET_PER_ADDRESS", 10), timedelta(hours=1)),
    "email": (envint("PASSWORD_RESET_PER_EMAIL", 3), timedelta(hours=1)),
}

# Sharing (sharing app): invitations per inviter, and per inviter and invited address (never per address
# alone, which a stranger could use up), and how long colleagues' new comments wait to be e-mailed to the
# owner as one digest (manage.py send_comment_digests sends what is due).
INVITATION_LIMITS = {
    "inviter": (envint("INVITATIONS_PER_OWNER_PER_HOUR", 20), timedelta(hours=1)),
    "inviter_email": (envint("INVITATIONS_PER_ADDRESS_PER_DAY", 5), timedelta(days=1)),
}
COMMENT_DIGEST_DELAY = timedelta(minutes=envint("COMMENT_DIGEST_MINUTES", 10))
# Asking the invited people for their questions (asks app): a form sent back sooner than this was filled by a
# program; sends per link and per client address, each (limit, window).
ASKS_MIN_FILL_SECONDS = envint("ASKS_MIN_FILL_SECONDS", 3)
ASKS_SUBMIT_LIMITS = {"link": (10, timedelta(hours=1)), "address": (30, timedelta(hours=1))}
# Where links in e-mails sent outside a request (the comment digest) point.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every refused fetch as a warning; that is expected, keep the logs readable.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        # django-axes says INFO about every successful login; failures and lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}

# --- Abuse limits (issue 13) --------------------------------------------------------------------------
# One PDF render runs in a child process under these limits (documents/pdf/isolated.py); a render past them
# ends with a clear page, and is remembered for the same content so a retry does not start it again.
PDF_RENDER_ISOLATED = envbool("PDF_RENDER_ISOLATED", True)
PDF_RENDER_CPU_SECONDS = envint("PDF_RENDER_CPU_SECONDS", 20)
PDF_RENDER_MEMORY_MB = envint("PDF_RENDER_MEMORY_MB", 1024)
PDF_RENDER_WALL_SECONDS = envint("PDF_RENDER_WALL_SECONDS", 30)
PDF_FAILED_CACHE_SECONDS = envint("PDF_FAILED_CACHE_SECONDS", 24 * 3600)
# Lockouts (OWASP): failures count per username and address together, and per address; never per username
# alone, so a stranger guessing a named director's (or the admin's) password locks out only their own
# address, and a locked-out user gets back in with a reset e-mail (which clears that username's failures).
# Reset e-mails likewise: per address, and per e-mail address together with the address asking.
# Every request body is limited before it is read (core/limits.py): a body declared larger than this is a
# 413; file parts of a multipart body are counted as they arrive and stopped past FILE_UPLOAD_MAX_BYTES.
REQUEST_BODY_MAX_BYTES = envint("REQUEST_BODY_MAX_BYTES", DATA_UPLOAD_MAX_MEMORY_SIZE + 500_000)
FILE_UPLOAD_MAX_BYTES = envint("FILE_UPLOAD_MAX_BYTES", 2_500_000)
# The most text an import reads from a filled fillable PDF's prepmeet fields, all together (a prep's own
# fields hold at most 4 answers of 50,000 and 200 people's 3 notes of 2,000 characters): fields may share
# one stream, so a 200 KB file could otherwise expand to hundreds of MB (documents/fillable/reader.py).
IMPORT_MAX_CHARS = envint("IMPORT_MAX_CHARS", 1_500_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = FILE_UPLOAD_MAX_BYTES
FILE_UPLOAD_HANDLERS = [
    "core.limits.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Fresh renders (documents/pdf/limits.py): at once per user and per site, and per minute; a cached PDF and a
# 304 do not count. Past a limit: 429 with Retry-After.
PDF_RENDERS_AT_ONCE_PER_USER = envint("PDF_RENDERS_AT_ONCE_PER_USER", 1)
PDF_RENDERS_AT_ONCE_SERVER = envint("PDF_RENDERS_AT_ONCE_SERVER", 2)
PDF_RENDER_RATE_PER_USER = envint("PDF_RENDER_RATE_PER_USER", 10)
PDF_RENDER_RATE_SERVER = envint("PDF_RENDER_RATE_SERVER", 120)
# PDFs made before the click (documents/prerender.py): once a prep's edits have settled for
# PDF_PRERENDER_DELAY seconds, its notes PDF (default options) and its brief PDF are rendered in the
# background into the cache above, at most PDF_PRERENDER_WORKERS at once for every server sharing the cache.
# With REDIS_URL the jobs go to an RQ queue (django-rq) that `manage.py prerender_worker` works; without it, a
# few threads in each app process. A download never waits on them for long: on a miss it renders by itself.
PDF_PRERENDER = envbool("PDF_PRERENDER", True)
PDF_PRERENDER_DELAY = envint("PDF_PRERENDER_DELAY", 2)
PDF_PRERENDER_WORKERS = envint("PDF_PRERENDER_WORKERS", 1)
if PDF_PRERENDER_DELAY < 0 or PDF_PRERENDER_WORKERS < 1:
    raise ImproperlyConfigured("PDF_PRERENDER_DELAY must be 0 or more and PDF_PRERENDER_WORKERS 1 or more")
PDF_PRERENDER_QUEUE = f"{CACHE_KEY_PREFIX}-prerender"  # the RQ queue's name, this deployment's own
MAIL_QUEUE = f"{CACHE_KEY_PREFIX}-mail"  # outgoing mail (core/mail.py), worked by the same worker
# Queueing gives up on an unreachable or frozen Redis within seconds, so a request is never held on it (the
# worker raises the read timeout for its own waits for a job).
RQ_REDIS_URL = f"{REDIS_URL}{'&' if '?' in REDIS_URL else '?'}socket_connect_timeout=1&socket_timeout=5"
RQ_QUEUES = {
    MAIL_QUEUE: {"URL": RQ_REDIS_URL, "DEFAULT_TIMEOUT": 3 * EMAIL_TIMEOUT + 30},
    PDF_PRERENDER_QUEUE: {"URL": RQ_REDIS_URL, "DEFAULT_TIMEOUT": PDF_RENDER_WALL_SECONDS + 60},
}
if not REDIS_URL:
    RQ_QUEUES = {}
RQ = {"COMMIT_MODE": "auto"}  # documents/prerender.py enqueues after the commit itself
# Logs (core/logs.py): every line carries its request's id; LOG_FORMAT=json (the default with DEBUG off)
# writes one JSON object a line on stdout. Refusals: core.logs.request_log; lockouts: django-axes.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING["filters"] = {"request_id": {"()": "core.logs.RequestIdFilter"}}
LOGGING["formatters"] = {
    "json": {"()": "core.logs.JsonFormatter"},
    "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
}
LOGGING["handlers"]["console"].update(
    {
        "filters": ["request_id"],
        "formatter": "json" if LOG_FORMAT == "json" else "text",
        "stream": "ext://sys.stdout",
    }
)
