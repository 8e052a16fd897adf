"""Settings of the test provider. Everything variable comes from the environment the fixture sets.

OIDC_IDP_DATABASE_URL   its own PostgreSQL database (never OMO's)
OIDC_IDP_SITE_URL       http://127.0.0.1:<port>; the issuer is this URL exactly
OIDC_IDP_CLIENT_ID / OIDC_IDP_CLIENT_SECRET   the one confidential client (OMO)
OIDC_IDP_CONTROL_SECRET the header value the test-control endpoint demands
"""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ.get("OIDC_IDP_SECRET_KEY", "idp-test-sleutel-niet-voor-productie")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

SITE_URL = os.environ["OIDC_IDP_SITE_URL"]
CLIENT_ID = os.environ.get("OIDC_IDP_CLIENT_ID", "omo")
CLIENT_SECRET = os.environ.get("OIDC_IDP_CLIENT_SECRET", "omo-geheim")
CONTROL_SECRET = os.environ["OIDC_IDP_CONTROL_SECRET"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "oidc_provider",
    "tests.oidc_idp.apps.IdpConfig",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "tests.oidc_idp.urls"
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
            ]
        },
    }
]
WSGI_APPLICATION = "tests.oidc_idp.wsgi.application"

DATABASES = {"default": environ.Env.db_url_config(os.environ["OIDC_IDP_DATABASE_URL"])}
DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The provider runs on 127.0.0.1 and OMO's live server on localhost: different hosts, so the
# browser keeps their cookies apart; distinct names make that obvious in a cookie jar too.
SESSION_COOKIE_NAME = "idp_sessionid"
CSRF_COOKIE_NAME = "idp_csrftoken"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LANGUAGE_CODE = "nl"
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

OIDC_IDTOKEN_INCLUDE_CLAIMS = True
OIDC_EXTRA_SCOPE_CLAIMS = "tests.oidc_idp.claims.GroupsScopeClaims"
OIDC_IDTOKEN_PROCESSING_HOOK = "tests.oidc_idp.claims.idtoken_processing_hook"
OIDC_USERINFO = "tests.oidc_idp.claims.userinfo"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "oidc_provider": {"handlers": ["console"], "level": "DEBUG"},
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}
