"""NUL bytes and invalid UTF-8 in a request answer 400 with a Dutch page, never 500."""

import pytest
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

pytestmark = pytest.mark.django_db

UITLEG = "Dit verzoek bevat tekens die OMO niet kan lezen"


@pytest.fixture
def consulent(client_as):
    client = client_as("consulent")
    client.raise_request_exception = False
    return client


def assert_dutch_400(response):
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert UITLEG in html


def test_nul_in_search_term_is_400_not_500(consulent):
    assert_dutch_400(consulent.get(reverse("inspiratie") + "?q=a%00b"))


def test_invalid_utf8_in_query_is_400(consulent):
    assert_dutch_400(consulent.get(reverse("inspiratie") + "?q=%ff"))
    # An encoded surrogate is not valid UTF-8 either.
    assert_dutch_400(consulent.get(reverse("inspiratie") + "?q=%ed%a0%80"))
    # In a parameter's name as well as its value.
    assert_dutch_400(consulent.get(reverse("inspiratie") + "?%00=1"))


def test_nul_in_form_body_is_400(consulent):
    response = consulent.post(
        reverse("notificaties_gelezen"),
        "veld=a%00b",
        content_type="application/x-www-form-urlencoded",
    )
    assert_dutch_400(response)
    response = consulent.post(
        reverse("notificaties_gelezen"),
        "veld=%C3%28",
        content_type="application/x-www-form-urlencoded; charset=utf-8",
    )
    assert_dutch_400(response)


def test_nul_in_multipart_value_is_400(consulent):
    response = consulent.post(reverse("notificaties_gelezen"), {"veld": "a\x00b"})
    assert_dutch_400(response)


def test_nul_in_multipart_field_name_is_400(consulent):
    body = (
        b"--GRENS\r\n"
        b'Content-Disposition: form-data; name="a\x00b"\r\n\r\n'
        b"waarde\r\n"
        b"--GRENS--\r\n"
    )
    response = consulent.generic(
        "POST",
        reverse("notificaties_gelezen"),
        body,
        content_type="multipart/form-data; boundary=GRENS",
    )
    assert_dutch_400(response)


def test_invalid_utf8_in_a_multipart_value_is_400(consulent):
    """Django would store it as U+FFFD: refused instead, with the cache kept off."""
    body = (
        b"--GRENS\r\n"
        b'Content-Disposition: form-data; name="helpt_nu"\r\n\r\n'
        b"a\xffb\r\n"
        b"--GRENS--\r\n"
    )
    response = consulent.generic(
        "POST", reverse("notificaties_gelezen"), body, content_type="multipart/form-data; boundary=GRENS"
    )
    assert_dutch_400(response)
    assert response["Cache-Control"] == "no-store, private"


def test_a_form_without_its_security_token_gets_a_dutch_page(make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("consulent"))
    response = client.post(reverse("notificaties_gelezen"), {})
    html = response.content.decode()
    assert response.status_code == 403 and 'lang="nl"' in html and "Formulier verlopen" in html
    assert "Er is niets opgeslagen" in html


def test_dutch_characters_pass(consulent):
    response = consulent.get(reverse("inspiratie"), {"q": "café ëzel €"})
    assert response.status_code == 200
    response = consulent.post(
        reverse("notificaties_gelezen"),
        "veld=caf%C3%A9+%C3%ABzel+%E2%82%AC",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    response = consulent.post(
        reverse("notificaties_gelezen"),
        encode_multipart("GRENS", {"veld": "café ëzel €"}),
        content_type=MULTIPART_CONTENT.replace("BoUnDaRy", "GRENS"),
    )
    assert response.status_code == 302


def test_anonymous_login_page_with_nul_in_next_is_400():
    client = Client(raise_request_exception=False)
    assert_dutch_400(client.get(reverse("login") + "?next=%00"))
    assert client.get(reverse("login") + "?next=/casussen/").status_code == 200


def test_nul_in_login_form_is_400_before_axes_records_it():
    from axes.models import AccessAttempt

    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("login"), "username=a%00b&password=x", content_type="application/x-www-form-urlencoded"
    )
    assert_dutch_400(response)
    assert not AccessAttempt.objects.exists()


def test_nul_in_path_is_400():
    client = Client(raise_request_exception=False)
    assert_dutch_400(client.get("/casussen/a%00b/"))


def test_nul_in_a_cookie_is_400():
    # A quoted cookie value may carry octal escapes; "\000" arrives as a NUL character.
    client = Client(raise_request_exception=False)
    response = client.get(reverse("login"), HTTP_COOKIE='sessionid="abcd\\000efghijkl"')
    assert_dutch_400(response)


def test_htmx_gets_short_plain_text(consulent):
    response = consulent.get(reverse("inspiratie") + "?q=a%00b", headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert UITLEG in response.content.decode()
    assert "<html" not in response.content.decode()


def test_djangos_own_400_is_dutch():
    # A Host header not in ALLOWED_HOSTS raises DisallowedHost: handler400.
    client = Client(raise_request_exception=False)
    response = client.get(reverse("login"), headers={"host": "aanvaller.example"})
    assert_dutch_400(response)
