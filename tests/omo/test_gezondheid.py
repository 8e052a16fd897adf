"""The health endpoint: JSON with database, Redis and Celery; 503 when one is down."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_without_worker_is_503_and_names_celery(client):
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 503
    data = response.json()
    assert data["database"] == "ok"
    assert data["redis"] == "ok"
    assert data["celery"].startswith("fout")
    assert data["status"] == "fout"


@pytest.mark.django_db(transaction=True)
def test_health_with_real_worker_is_ok(client, celery_worker):
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 200, response.json()
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "celery": "ok"}


def test_health_with_redis_down_is_503(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 503
    assert response.json()["redis"].startswith("fout")


def test_health_needs_no_login_and_is_not_cached(client):
    response = client.get(reverse("gezondheid"))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
