"""No response to a logged-in user may be kept in the browser cache (NoStoreMiddleware)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def assert_no_store(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"no-store", "private"}, response["Cache-Control"]


@pytest.fixture
def consulent(client_as):
    client = client_as("consulent")
    client.raise_request_exception = False
    return client


def test_pages_and_fragments(consulent):
    response = consulent.get(reverse("home"))
    assert response.status_code == 200
    assert_no_store(response)
    response = consulent.get(reverse("home"), headers={"HX-Request": "true"})
    assert_no_store(response)


def test_csv_export(consulent):
    response = consulent.get("/casussen/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert_no_store(response)


def test_redirects(consulent):
    response = consulent.post(reverse("notificaties_gelezen"))
    assert response.status_code == 302
    assert_no_store(response)
    # CommonMiddleware's slash redirect keeps the query: a search term in a cached 301.
    response = consulent.get("/casussen?q=Jansen")
    assert response.status_code == 301
    assert_no_store(response)


def test_error_pages(consulent):
    response = consulent.get("/bestaat-niet/")
    assert response.status_code == 404
    assert_no_store(response)
    response = consulent.get(reverse("audit"))
    assert response.status_code == 403
    assert_no_store(response)


def test_a_views_own_cache_headers_are_replaced(consulent):
    # never_cache adds max-age=0 and more; what is left is exactly no-store and private.
    response = consulent.get(reverse("gezondheid"))
    assert_no_store(response)


def test_login_and_logout_responses(make_user):
    user = make_user("consulent")
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert_no_store(response)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert_no_store(response)


def test_anonymous_pages_and_static_files_are_left_alone(consulent):
    assert Client().get(reverse("login")).status_code == 200
    response = consulent.get("/static/css/omo.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
