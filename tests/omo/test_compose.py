"""The production container setup: docker-compose.yml, Dockerfile and .env.example.

There is no Docker engine here, so the files are parsed, not run. The variables the settings read
are taken from the source of omo/settings.py, so adding an unknown variable to the compose file or
to .env.example (or a new setting without documenting it) makes these tests fail.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("web", "worker", "beat")

# env.str("X", ...), env.bool("X", ...), env.list(...), env.int(...), and any other cast or env("X").
ENV_READ = re.compile(r"""\benv(?:\.(?:str|bool|list|int|float|json|dict|tuple|url|path))?\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']""")


def settings_variables() -> set[str]:
    names = set(ENV_READ.findall((ROOT / "omo" / "settings.py").read_text(encoding="utf-8")))
    # Guard against the pattern silently matching nothing after a change of style in settings.py.
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"} <= names, names
    return names


def env_example_variables() -> list[str]:
    names = []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert "=" in line, f".env.example: geen NAAM=waarde: {line!r}"
        names.append(line.split("=", 1)[0].removeprefix("export ").strip())
    return names


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def environment_of(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # ["NAME=value", "NAME"] form
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return dict(env)


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    logical, current = [], ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        logical.append(current + stripped)
        current = ""
    if current:
        logical.append(current)
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in logical]


# --- docker-compose.yml -----------------------------------------------------------------------


def test_services_exist(services):
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)


def test_images(services):
    assert services["db"]["image"].startswith("postgres:17")
    assert services["redis"]["image"].startswith("redis:7")
    for name in APP_SERVICES:
        assert "build" in services[name] or "image" in services[name], name


@pytest.mark.parametrize("name", ["db", "redis", *APP_SERVICES])
def test_every_service_has_a_healthcheck(services, name):
    healthcheck = services[name].get("healthcheck")
    assert healthcheck, f"{name} heeft geen healthcheck"
    assert not healthcheck.get("disable"), name
    test = healthcheck.get("test")
    assert test and test != ["NONE"], name


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_db_and_redis(services, name):
    depends_on = services[name].get("depends_on")
    assert isinstance(depends_on, dict), f"{name}: depends_on zonder condition"
    for dependency in ("db", "redis"):
        assert depends_on.get(dependency, {}).get("condition") == "service_healthy", (
            name,
            dependency,
        )


def test_web_healthcheck_requests_gezondheid(services):
    test = services["web"]["healthcheck"]["test"]
    command = " ".join(test) if isinstance(test, list) else test
    assert "/gezondheid/" in command
    assert "8000" in command


def test_web_migrates_then_runs_gunicorn(services):
    command = services["web"]["command"]
    command = " ".join(command) if isinstance(command, list) else command
    assert "manage.py migrate --noinput" in command
    assert "gunicorn omo.wsgi:application" in command
    assert command.index("migrate") < command.index("gunicorn")
    assert "8000:8000" in [str(port) for port in services["web"]["ports"]]


def test_celery_commands(services):
    worker = " ".join(services["worker"]["command"])
    beat = " ".join(services["beat"]["command"])
    assert "celery -A omo worker" in worker
    assert "celery -A omo beat" in beat
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_environment_only_has_variables_the_settings_read(services, name):
    env = environment_of(services[name])
    assert env, f"{name} heeft geen environment"
    unknown = set(env) - settings_variables()
    assert not unknown, f"{name} zet variabelen die omo/settings.py niet leest: {sorted(unknown)}"


def test_app_environment_is_production_and_points_at_the_services(services):
    env = environment_of(services["web"])
    assert env["DEBUG"] == "false"
    assert "@db:" in env["DATABASE_URL"] and env["DATABASE_URL"].startswith("postgresql://")
    assert env["REDIS_URL"].startswith("redis://redis:")
    for required in ("SECRET_KEY", "ALLOWED_HOSTS"):
        assert env[required].startswith("${" + required), required
    # Stored files survive a restart: MEDIA_ROOT is a volume of web and worker.
    for name in ("web", "worker"):
        targets = [str(volume).split(":")[1] for volume in services[name].get("volumes", [])]
        assert env["MEDIA_ROOT"] in targets, name


def test_web_worker_and_beat_have_identical_environments(services):
    web, worker, beat = (environment_of(services[name]) for name in APP_SERVICES)
    assert web == worker == beat


# --- .env.example -----------------------------------------------------------------------------


def test_env_example_has_no_duplicates():
    names = env_example_variables()
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_every_env_example_variable_is_read_by_the_settings():
    unknown = set(env_example_variables()) - settings_variables()
    assert not unknown, f".env.example noemt variabelen die settings.py niet leest: {sorted(unknown)}"


def test_every_settings_variable_is_in_env_example():
    missing = settings_variables() - set(env_example_variables())
    assert not missing, f"settings.py leest variabelen die .env.example niet noemt: {sorted(missing)}"


# --- Dockerfile -------------------------------------------------------------------------------


def test_dockerfile_base_image_and_user():
    instructions = dockerfile_instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim-bookworm")
    users = [args for instruction, args in instructions if instruction == "USER"]
    assert users and users[-1] == "omo"
    assert ("EXPOSE", "8000") in instructions


def test_dockerfile_installs_requirements_txt_only():
    runs = [args for instruction, args in dockerfile_instructions() if instruction == "RUN"]
    installs = [run for run in runs if "pip install" in run]
    assert any(re.search(r"-r\s+requirements\.txt\b", run) for run in installs), installs
    assert all("--no-cache-dir" in run for run in installs), installs
    assert not any("requirements-dev.txt" in run for run in runs)


def test_dockerfile_installs_weasyprint_libraries_and_collects_static():
    runs = " ".join(args for instruction, args in dockerfile_instructions() if instruction == "RUN")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libfontconfig1"):
        assert package in runs, package
    assert "collectstatic --noinput" in runs


def test_dockerfile_runs_gunicorn_with_omo_wsgi():
    instructions = dockerfile_instructions()
    cmd = [args for instruction, args in instructions if instruction == "CMD"][-1]
    assert "gunicorn" in cmd and "omo.wsgi:application" in cmd
    assert "0.0.0.0:8000" in cmd
    entrypoint = [args for instruction, args in instructions if instruction == "ENTRYPOINT"][-1]
    assert "entrypoint.sh" in entrypoint


def test_entrypoint_checks_services_then_execs_the_command():
    script = (ROOT / "docker" / "entrypoint.sh").read_text(encoding="utf-8")
    assert script.startswith("#!/bin/sh")
    check = script.index("python -m omo.devservices check")
    assert check < script.index('exec "$@"')


def test_dockerignore_keeps_local_state_out():
    ignored = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for entry in (".venv", ".data", ".git", "staticfiles", "media", ".env"):
        assert entry in ignored, entry
    assert {"__pycache__", "**/__pycache__"} & ignored
