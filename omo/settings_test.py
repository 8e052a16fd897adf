"""Settings for the test suite: the production settings with test defaults.

DATABASE_URL and REDIS_URL come from the environment (`make test` starts embedded servers when
they are not set). Tests run with DEBUG off, as in production.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-sleutel-niet-voor-productie")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("OMO_GEMEENTE", "Gemeente Teststad")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from omo.settings import *  # noqa: E402,F403

# In-memory mail; a test that runs a real worker process may hand it another backend.
EMAIL_BACKEND = os.environ.get("OMO_TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files are served from the source folders in tests (no collectstatic needed).
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
CACHES["default"]["KEY_PREFIX"] = "omo-test"  # noqa: F405
