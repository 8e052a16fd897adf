"""The second factor under attack: what a session that passed only the password can reach, how the
lockout holds across its ways in (codes, recovery codes, passkeys), and where a login may send
the browser afterwards."""

import uuid

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RoutePattern
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from omo.middleware import TWEEDE_STAP_KEY, TWEEDE_STAP_OPEN, TWEEDE_STAP_OPEN_NAMESPACES
from tests.conftest import PASSWORD
from tests.omo.test_oidc_lokaal import sso  # noqa: F401 - single sign-on on, without a provider
from tests.tweedefactor import code_van, geef_app

pytestmark = pytest.mark.django_db

CODE_URL = reverse("tweede_factor_code")
GEBLOKKEERD = 429
IP = "10.30.0.1"


def inloggen(client, username, ip=IP, next_=None):
    url = reverse("login") + (f"?next={next_}" if next_ else "")
    return client.post(url, {"username": username, "password": PASSWORD, "next": next_ or ""}, REMOTE_ADDR=ip)


def code_geven(client, code, ip=IP, next_=""):
    return client.post(CODE_URL, {"code": code, "next": next_}, REMOTE_ADDR=ip)


# --- Every URL of OMO, for a session that owes its second factor ------------------------------


def _waarde(naam, converter):
    if isinstance(converter, IntConverter):
        return 1
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    return "omo" if naam == "app_label" else "x"


def _adressen(patterns, prefix="", namespaces=()):
    """(view name, namespaces, a concrete path) of every named URL pattern, admin's included."""
    for p in patterns:
        if isinstance(p, URLResolver):
            deel = str(p.pattern).lstrip("^").rstrip("$")
            yield from _adressen(p.url_patterns, prefix + deel, (*namespaces, p.namespace) if p.namespace else namespaces)
        elif isinstance(p, URLPattern) and p.name:
            naam = ":".join((*namespaces, p.name))
            kwargs = {}
            if isinstance(p.pattern, RoutePattern):
                kwargs = {k: _waarde(k, c) for k, c in p.pattern.converters.items()}
            else:
                kwargs = {k: ("omo" if k == "app_label" else "1") for k in p.pattern.regex.groupindex}
            try:
                pad = reverse(naam, kwargs=kwargs)
            except Exception:  # noqa: BLE001 - a pattern whose arguments we cannot guess
                continue
            yield naam, set(namespaces), pad


def test_a_session_owing_its_code_reaches_no_other_url(make_user):
    """GET, POST and htmx on every URL OMO has (admin too): only the open pages answer."""
    tom = make_user("beheerder", username="tom")
    device = geef_app(tom)
    client = Client()
    assert inloggen(client, "tom")["Location"] == CODE_URL
    adressen = list(_adressen(get_resolver().url_patterns))
    assert len(adressen) > 150  # the walk found OMO's URLs, admin's included
    gezien = 0
    for naam, namespaces, pad in adressen:
        if naam in TWEEDE_STAP_OPEN or namespaces & TWEEDE_STAP_OPEN_NAMESPACES:
            continue
        for methode in ("get", "post"):
            response = getattr(client, methode)(pad, REMOTE_ADDR=IP)
            assert response.status_code == 302, (methode, naam, pad, response.status_code)
            assert response["Location"].startswith(CODE_URL), (methode, naam, pad, response["Location"])
        htmx = client.post(pad, headers={"HX-Request": "true"}, REMOTE_ADDR=IP)
        assert htmx.status_code == 401, (naam, pad)
        gezien += 1
    assert gezien > 150
    # Nothing of the factor changed, and the session still owes its code.
    assert list(TOTPDevice.objects.filter(user=tom)) == [device]
    assert not StaticDevice.objects.filter(user=tom).exists()
    assert not WebAuthnCredential.objects.filter(user=tom).exists()
    assert client.session.get(TWEEDE_STAP_KEY) and DEVICE_ID_SESSION_KEY not in client.session
    assert code_geven(client, code_van(device))["Location"] == reverse("home")


def test_media_and_unknown_addresses_send_to_the_code_step_too(make_user):
    tom = make_user("beheerder", username="tom")
    geef_app(tom)
    client = Client()
    inloggen(client, "tom")
    for pad in ("/media/bijlagen/1.pdf", "/bestaat-niet/"):
        response = client.get(pad)
        assert response.status_code in (302, 404), pad
        if response.status_code == 302:
            assert response["Location"].startswith(CODE_URL)


# --- The lockout across every way in ---------------------------------------------------------


def test_wrong_codes_from_many_addresses_lock_the_username(make_user):
    """10 wrong codes for one username, two per address: locked everywhere (also the right code)."""
    ilse = make_user("omo", username="ilse")
    device = geef_app(ilse)
    for n in range(5):
        client = Client()
        ip = f"10.31.0.{n + 1}"
        assert inloggen(client, "ilse", ip=ip)["Location"] == CODE_URL
        for m in range(2):
            response = code_geven(client, f"00{n}{m}00", ip=ip)
            if n == 4 and m == 1:
                assert response.status_code == GEBLOKKEERD
            else:
                assert response.status_code == 200, (n, m)
    client = Client()
    assert inloggen(client, "ilse", ip="10.31.0.99").status_code == GEBLOKKEERD
    assert "_auth_user_id" not in client.session
    assert not code_geven(client, code_van(device), ip="10.31.0.99").status_code == 302 or not client.session.get(
        "_auth_user_id"
    )


def test_wrong_recovery_codes_count_like_wrong_app_codes(make_user):
    ilse = make_user("omo", username="ilse")
    geef_app(ilse)
    herstel = StaticDevice.objects.create(user=ilse, name="Herstelcodes", confirmed=True)
    StaticToken.objects.create(device=herstel, token="abcd2345")
    client = Client()
    inloggen(client, "ilse")
    for n in range(4):
        assert code_geven(client, f"fout{n}xyz").status_code == 200
    assert code_geven(client, "fout9xyz").status_code == GEBLOKKEERD
    # A right recovery code during the lock gets nobody in, and is not used up.
    client = Client()
    assert inloggen(client, "ilse").status_code == GEBLOKKEERD
    assert StaticToken.objects.filter(device=herstel, token="abcd2345").exists()


def test_a_session_made_before_the_lock_is_ended_by_it(make_user):
    """Two browsers past the password; the wrong codes of one lock the other out too."""
    ilse = make_user("omo", username="ilse")
    device = geef_app(ilse)
    tweede = Client()
    assert inloggen(tweede, "ilse")["Location"] == CODE_URL
    eerste = Client()
    inloggen(eerste, "ilse")
    for n in range(5):
        code_geven(eerste, f"12345{n}")
    response = code_geven(tweede, code_van(device))
    assert response.status_code == GEBLOKKEERD
    assert "_auth_user_id" not in tweede.session


@pytest.fixture
def passkeys_hier(settings):
    settings.OTP_WEBAUTHN_RP_ID = "testserver"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://testserver"]


def test_a_locked_user_cannot_pass_with_a_passkey(make_user, passkeys_hier):
    """The passkey ceremony is no way round the lockout: locked, it does not even begin, and the
    session that owed its code ends as at the code step."""
    ilse = make_user("omo", username="ilse")
    geef_app(ilse)
    WebAuthnCredential.objects.create(user=ilse, name="laptop", credential_id=b"id-ilse", public_key=b"k",
                                      sign_count=0)
    client = Client()
    assert inloggen(client, "ilse")["Location"] == CODE_URL
    # Elsewhere, someone else fails ten times for her username (the username's own limit).
    for n in range(10):
        user_login_failed.send(
            sender=__name__, credentials={"username": "ilse"}, request=_verzoek(f"10.32.0.{n + 1}")
        )
    assert AccessAttempt.objects.filter(username="ilse").count() == 10
    begin = reverse("otp_webauthn:credential-authentication-begin")
    response = client.post(begin, data="{}", content_type="application/json", REMOTE_ADDR=IP)
    assert response.status_code == GEBLOKKEERD
    assert "_auth_user_id" not in client.session


def test_passkey_ceremony_begins_when_not_locked(make_user, passkeys_hier):
    ilse = make_user("omo", username="ilse")
    geef_app(ilse)
    WebAuthnCredential.objects.create(user=ilse, name="laptop", credential_id=b"id-ilse", public_key=b"k",
                                      sign_count=0)
    client = Client()
    inloggen(client, "ilse")
    begin = reverse("otp_webauthn:credential-authentication-begin")
    assert client.post(begin, data="{}", content_type="application/json", REMOTE_ADDR=IP).status_code == 200


def _verzoek(ip):
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    request = RequestFactory().post(reverse("login"), REMOTE_ADDR=ip)
    request.session = SessionStore()
    return request


# --- Where the browser goes afterwards --------------------------------------------------------


@pytest.mark.parametrize(
    "volgende", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"]
)
def test_no_open_redirect_through_the_code_step(make_user, volgende):
    ilse = make_user("omo", username="ilse")
    device = geef_app(ilse)
    client = Client()
    response = inloggen(client, "ilse", next_=volgende)
    assert response["Location"] == CODE_URL
    response = code_geven(client, code_van(device), next_=volgende)
    assert response["Location"] == reverse("home")


def test_logout_is_a_post(make_user):
    ilse = make_user("omo", username="ilse")
    client = Client()
    client.force_login(ilse)
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session


# --- With single sign-on on -------------------------------------------------------------------


@pytest.mark.usefixtures("sso")
def test_the_local_form_does_not_tell_whether_a_password_is_right(make_user):
    """With single sign-on on, an ordinary account's right password and a wrong one get the
    same answer: the form is no way to test guessed or leaked passwords (it counts for axes)."""
    make_user("consulent", username="gewoon")
    make_user("beheerder", username="nood", noodaccount=True)

    def fout(username, password):
        response = Client().post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=IP)
        assert response.status_code == 200
        return response.context["form"].non_field_errors()

    goed, verkeerd = fout("gewoon", PASSWORD), fout("gewoon", "verkeerd-wachtwoord")
    assert goed == verkeerd
    assert fout("nood", "verkeerd-wachtwoord") == goed
    assert fout("bestaat-niet", "x") == goed


def test_no_open_redirect_through_single_sign_on(oidc_aan):
    from tests.omo.test_oidc_flow import WACHTWOORD, pad

    oidc_aan.gebruiker("eva", WACHTWOORD, ["omo-consulenten"])
    for volgende in ("https://evil.example/", "//evil.example/"):
        client = Client()
        authorize = client.get(reverse("oidc_authentication_init"), {"next": volgende})["Location"]
        callback = oidc_aan.inloggen(oidc_aan.browser(), authorize, "eva", WACHTWOORD)
        response = client.get(pad(callback))
        assert response.status_code == 302 and response["Location"] == reverse("home"), volgende
