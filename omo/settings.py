"""OMO settings, read from the environment (see `.env.example` and the README).

Strict by design: with DEBUG off, OMO refuses to start without SECRET_KEY and ALLOWED_HOSTS.
Only PostgreSQL is accepted as database.
"""

import sys
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` file is read when present; real environment variables win.
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _refuse(message: str) -> None:
    """Stop with one clear line instead of a traceback."""
    sys.stderr.write(f"OMO start niet: {message}\n")
    raise SystemExit(2)


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG:
    if not SECRET_KEY:
        _refuse("SECRET_KEY is niet gezet (verplicht wanneer DEBUG uit staat).")
    if not ALLOWED_HOSTS:
        _refuse("ALLOWED_HOSTS is niet gezet (verplicht wanneer DEBUG uit staat).")
elif not SECRET_KEY:
    SECRET_KEY = "onveilig-alleen-voor-ontwikkeling"  # noqa: S105 - development only
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

OMO_GEMEENTE = env.str("OMO_GEMEENTE", default="Gemeente Voorbeeld")

# Months after the start of a doorbraakplan at which it is evaluated (DESIGN §3 step 8).
try:
    OMO_EVALUATIEMOMENTEN = sorted(
        {int(m) for m in env.list("OMO_EVALUATIEMOMENTEN", default=["3", "6", "12"])}
    )
except ValueError:
    _refuse("OMO_EVALUATIEMOMENTEN moet een lijst van hele maanden zijn, bijv. 3,6,12.")
if any(m < 1 for m in OMO_EVALUATIEMOMENTEN):
    _refuse("OMO_EVALUATIEMOMENTEN bevat alleen maanden vanaf 1, bijv. 3,6,12.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "mozilla_django_oidc",
    "csp",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "omo",
    "casussen",
    "escalatie",
    "budget",
    "rapportage",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # NUL bytes and invalid UTF-8 get a 400 before sessions, CSRF, axes and views see them.
    "omo.invoer.OnleesbareInvoerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Right after the session: sees the final response of every later middleware.
    "omo.middleware.NoStoreMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "omo.middleware.SessionLimitMiddleware",
    "omo.middleware.LoginRequiredMiddleware",
    # A session that owes its second factor opens only the code and enrolment pages; before
    # the forced password change, which comes after the second factor.
    "omo.middleware.TweedeFactorMiddleware",
    "omo.middleware.WachtwoordWijzigenMiddleware",
    "omo.middleware.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # A session from the identity provider may post its logout on to the provider (form-action).
    "omo.sso.middleware.ProviderUitloggenCSP",
    "django_htmx.middleware.HtmxMiddleware",
    # django-axes must be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "omo.urls"
WSGI_APPLICATION = "omo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "omo.context_processors.omo",
            ],
        },
    },
]

# --- Database: PostgreSQL only -------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", default="")
if not DATABASE_URL:
    _refuse("DATABASE_URL is niet gezet (gebruik `make run` of `make test` voor een ingebouwde PostgreSQL).")
if not DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://")):
    _refuse("DATABASE_URL moet naar PostgreSQL wijzen (postgresql://...); andere databases worden niet ondersteund.")
DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
# No JIT compilation: every query of OMO is short, and for the larger report statements the
# planner's cost estimate triggers seconds of compiling for milliseconds of work.
DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
if env.str("OMO_TEST_DATABASE", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env.str("OMO_TEST_DATABASE")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache -----------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if not REDIS_URL:
    _refuse("REDIS_URL is niet gezet (gebruik `make run` of `make test` voor een ingebouwde Redis).")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "omo",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

# --- Users, roles and login -------------------------------------------------------------------
AUTH_USER_MODEL = "omo.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "omo.backends.RoleModelBackend",
    # Answers only the callback of a login through the identity provider, and only while single
    # sign-on is on (OIDC_DISCOVERY_URL): always listed, so that switching it on needs no reload.
    "omo.sso.backend.OIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "omo.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "omo.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: failed logins are counted three ways, each with its own limit within the last
# 5 minutes. Axes itself knows one AXES_FAILURE_LIMIT; omo.inloggen.InlogHandler (the database
# handler plus OMO_INLOG_LIMIETEN) applies a limit per parameter set:
# - one username from one address: 5 (as before). Someone guessing a colleague's password.
# - one address, any username: 20. Trying many usernames from one address (password spraying)
#   was never stopped. A municipal office sends all its colleagues' logins from one NAT
#   address, so this limit is well above 5: a few typos of several colleagues, or even one
#   colleague locking themselves out, does not lock out the whole office.
# - one username, any address: 10. Guessing one password from many addresses. Above 5 so that
#   a user who mistyped at home and then again at the office is not locked out by that alone.
# A failure counts for 5 minutes, so every lock ends at the latest 5 minutes after the last
# counted failure. The lockout page says so in one text for all three, which tells neither
# which limit was reached nor whether the username exists.
AXES_HANDLER = "omo.inloggen.InlogHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
OMO_INLOG_LIMIETEN = {("username", "ip_address"): 5, ("ip_address",): 20, ("username",): 10}
# Attempts during a lock are refused without being counted: a locked-out user who keeps trying
# neither stretches the 5 minutes nor pushes the office's address towards its own limit.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login forgets only that username's failures from that address (InlogHandler).
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_USERNAME_FORM_FIELD = "username"
# Wrong codes of the second factor count as failures too (omo.views_inloggen); what was typed
# is not kept with the attempt.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# Sessions: server-side, 30 minutes idle, 12 hours at most (SessionLimitMiddleware).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False  # saved at most once a minute: omo.middleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
OMO_SESSION_MAX_AGE = timedelta(hours=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default=(
        "omo.maildev.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
# Where the development backend keeps sent mails (web and worker alike), read by the DEBUG page.
OMO_MAILMAP = Path(env.str("OMO_MAILMAP", default=str(BASE_DIR / ".data" / "mails")))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OMO <omo@example.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute address of the application, used for links in e-mails.
OMO_BASE_URL = env.str("OMO_BASE_URL", default="http://127.0.0.1:8000")

# --- Single sign-on (OpenID Connect; omo.sso) ---------------------------------------------------
# On exactly when OIDC_DISCOVERY_URL is set. The provider's endpoints come from its discovery
# document (omo.sso.discovery); mozilla-django-oidc's other settings are fixed here or in
# omo.sso (PKCE with S256, a nonce, the ID token kept in the session for the provider's logout).
from omo.sso import instellingen as _sso  # noqa: E402

OIDC_DISCOVERY_URL = env.str("OIDC_DISCOVERY_URL", default="").strip()
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="").strip()
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
try:
    OIDC_RP_SCOPES = _sso.controleer_scopes(env.str("OIDC_RP_SCOPES", default=_sso.STANDAARD_SCOPES))
    OIDC_GROEPEN_CLAIM = env.str("OIDC_GROEPEN_CLAIM", default=_sso.STANDAARD_GROEPEN_CLAIM).strip()
    if not OIDC_GROEPEN_CLAIM:
        raise ValueError("OIDC_GROEPEN_CLAIM mag niet leeg zijn (standaard: groups).")
    OIDC_ROLLEN = _sso.parseer_rollen(env.str("OIDC_ROLLEN", default=""))
    OIDC_TEAMS = _sso.parseer_teams(env.str("OIDC_TEAMS", default=""))
    OIDC_RP_SIGN_ALGO = _sso.controleer_algoritme(env.str("OIDC_RP_SIGN_ALGO", default=_sso.STANDAARD_ALGORITME))
    OIDC_TIMEOUT = _sso.parseer_timeout(env.str("OIDC_TIMEOUT", default=str(_sso.STANDAARD_TIMEOUT)))
    OIDC_NAAM = env.str("OIDC_NAAM", default=_sso.STANDAARD_NAAM).strip() or _sso.STANDAARD_NAAM
    # Off by default: an existing local account is taken over by whoever the provider says has
    # its e-mail address. Only for a provider where users cannot set their own address.
    OIDC_KOPPEL_EMAIL = env.bool("OIDC_KOPPEL_EMAIL", default=False)
    if OIDC_DISCOVERY_URL:
        _sso.controleer_discovery_url(OIDC_DISCOVERY_URL)
        if not OIDC_RP_CLIENT_ID or not OIDC_RP_CLIENT_SECRET:
            raise ValueError("OIDC_RP_CLIENT_ID en OIDC_RP_CLIENT_SECRET zijn verplicht wanneer OIDC_DISCOVERY_URL gezet is.")
        if not OIDC_ROLLEN:
            raise ValueError(
                "OIDC_ROLLEN is verplicht wanneer OIDC_DISCOVERY_URL gezet is: zonder koppeling van groepen aan "
                "rollen komt niemand binnen (bijv. omo-consulenten=consulent)."
            )
except ValueError as _fout:
    _refuse(str(_fout))
# mozilla-django-oidc: fixed, not configurable.
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_VERIFY_SSL = True
OIDC_CREATE_USER = True
# The URL name of the page the provider sends the user back to after login (register its address there).
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"

# --- Second factor (django-otp; omo.tweedefactor) ----------------------------------------------
# Passkeys (WebAuthn) are bound to the site's host name and origin, taken from OMO_BASE_URL.
from urllib.parse import urlsplit as _urlsplit  # noqa: E402

_basis = _urlsplit(OMO_BASE_URL)
# An empty variable (as docker-compose passes an unset one) means the default too.
OTP_WEBAUTHN_RP_ID = env.str("OTP_WEBAUTHN_RP_ID", default="") or _basis.hostname or "localhost"
OTP_WEBAUTHN_RP_NAME = env.str("OTP_WEBAUTHN_RP_NAME", default="") or f"OMO {OMO_GEMEENTE}"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    o for o in env.list("OTP_WEBAUTHN_ALLOWED_ORIGINS", default=[]) if o.strip()
] or [f"{_basis.scheme}://{_basis.netloc}"]
OTP_TOTP_ISSUER = f"OMO {OMO_GEMEENTE}"
# A passkey is a second factor after the password, never a login of its own (omo.passkeys).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# A browser treats http://localhost as secure; django-otp-webauthn's check wants https only.
SILENCED_SYSTEM_CHECKS = (
    ["otp_webauthn.E031"]
    if all(_urlsplit(o).hostname in {"localhost", "127.0.0.1", "::1"} for o in OTP_WEBAUTHN_ALLOWED_ORIGINS)
    else []
)

# --- Overleg, escalaties and verzoeken (escalatie app) ---------------------------------------
# Werkdagen a level has to decide an escalation ("2=5,3=10,4=20": wethouder 5, College 10, LET 20).
try:
    OMO_ESCALATIE_WERKDAGEN = {
        int(k): int(v)
        for k, v in (item.split("=") for item in env.list("OMO_ESCALATIE_WERKDAGEN", default=["2=5", "3=10", "4=20"]))
    }
except ValueError:
    _refuse("OMO_ESCALATIE_WERKDAGEN moet de vorm 2=5,3=10,4=20 hebben (niveau=werkdagen).")
# Reminders go out this many werkdagen before an escalation's due date.
OMO_ESCALATIE_HERINNERING_WERKDAGEN = env.int("OMO_ESCALATIE_HERINNERING_WERKDAGEN", default=1)
# Pick-up term of a verzoek in werkdagen, per kind (DESIGN §7).
OMO_VERZOEK_TERMIJN = {
    "uitgaand": env.int("OMO_VERZOEK_TERMIJN_UITGAAND", default=2),
    "landelijk": env.int("OMO_VERZOEK_TERMIJN_LANDELIJK", default=2),
}
# How long the link in a verzoek's e-mail works.
OMO_VERZOEK_LINK_DAGEN = env.int("OMO_VERZOEK_LINK_DAGEN", default=14)
# The most a request may ask from a fund without a maximum per request of its own (euro).
try:
    OMO_AANVRAAG_PLAFOND = Decimal(env.str("OMO_AANVRAAG_PLAFOND", default="250000"))
    if not OMO_AANVRAAG_PLAFOND > 0:
        raise InvalidOperation
except InvalidOperation:
    _refuse("OMO_AANVRAAG_PLAFOND moet een positief bedrag in euro's zijn, bijvoorbeeld 250000.")

# --- Retention (privacy app, DESIGN §10; the reasons are in .env.example and docs/privacy.md) ---
# Months a kind of record is kept after its term starts. The monthly vernietigingslijst proposes
# what is past its term; the privacy officer approves it. Keys are `privacy.models.Bewaarsoort`.
OMO_BEWAARTERMIJNEN = {
    "casus": env.str("OMO_BEWAAR_CASUS_MAANDEN", default="24"),
    "vervallen": env.str("OMO_BEWAAR_VERVALLEN_MAANDEN", default="6"),
    "verzoek": env.str("OMO_BEWAAR_VERZOEK_MAANDEN", default="12"),
    "notificatie": env.str("OMO_BEWAAR_NOTIFICATIE_MAANDEN", default="6"),
    "toegangslog": env.str("OMO_BEWAAR_TOEGANGSLOG_MAANDEN", default="24"),
}
for _soort, _maanden in OMO_BEWAARTERMIJNEN.items():
    if not (_maanden.strip().isdigit() and int(_maanden) >= 1):
        _refuse(f"OMO_BEWAAR_{_soort.upper()}_MAANDEN moet een heel aantal maanden zijn, minstens 1.")
    OMO_BEWAARTERMIJNEN[_soort] = int(_maanden)

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Audit (django-pghistory) -----------------------------------------------------------------
PGHISTORY_APPEND_ONLY = True
PGHISTORY_MIDDLEWARE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PGHISTORY_ADMIN_MODEL = "pghistory.Events"

# --- Forms ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}
