"""Strict settings: production refuses to start half-configured and passes the deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def run(args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "OMO_TEST"))}
    for key in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SECURE_SSL_REDIRECT", "OMO_GEMEENTE"):
        env.pop(key, None)
    env["DJANGO_SETTINGS_MODULE"] = "omo.settings"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x8#kq2!w9zP-vL4mN7bR1tY6uC3eH5jS0aD2fG8hK4lQ9oVbn3Xz7Wq",
    "ALLOWED_HOSTS": "omo.gemeente.nl",
    "CSRF_TRUSTED_ORIGINS": "https://omo.gemeente.nl",
}


def test_deploy_check_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = dict(PRODUCTION)
    del env[missing]
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_only_postgresql_is_accepted():
    result = run(["manage.py", "check"], **PRODUCTION, DATABASE_URL="mysql://u@localhost/omo")
    assert result.returncode != 0
    assert "DATABASE_URL moet naar PostgreSQL wijzen" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "variable, value",
    [
        ("DATABASE_URL", "postgresql://omo@127.0.0.1:1/omo"),
        ("REDIS_URL", "redis://127.0.0.1:1/0"),
    ],
)
def test_unreachable_service_gives_one_clear_line(variable, value):
    result = run(["-m", "omo.devservices", "check"], **PRODUCTION, **{variable: value})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{variable}: ")
    assert "niet bereikbaar" in lines[0]


def test_security_headers_and_csp(client):
    response = client.get("/inloggen/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_no_inline_scripts_in_pages(client):
    html = client.get("/inloggen/").content.decode()
    import re

    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag, tag
    assert " on" not in "".join(re.findall(r"<[^>]+ on[a-z]+=", html))


def test_settings_are_dutch_and_amsterdam(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
