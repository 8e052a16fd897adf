"""State of the services OMO depends on, for /gezondheid/ and for `make run`'s preflight."""

from django.conf import settings
from django.db import connection


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return f"fout: {exc.__class__.__name__}"


def check_redis() -> str:
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
        return "ok"
    except Exception as exc:  # noqa: BLE001
        return f"fout: {exc.__class__.__name__}"


def check_celery() -> str:
    from omo.celery import app

    try:
        replies = app.control.ping(timeout=1.0)
    except Exception as exc:  # noqa: BLE001
        return f"fout: {exc.__class__.__name__}"
    return "ok" if replies else "fout: geen worker"


def status() -> tuple[bool, dict[str, str]]:
    result = {"database": check_database(), "redis": check_redis()}
    result["celery"] = check_celery() if result["redis"] == "ok" else "fout: redis onbereikbaar"
    healthy = all(v == "ok" for v in result.values())
    return healthy, result
