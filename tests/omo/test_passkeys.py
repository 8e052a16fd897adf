"""Passkeys (django-otp-webauthn) as a second option: added only next to the authenticator app in
a session that passed the second factor, removed only by their owner, used only as the second
factor of a logged-in user; offered only where they can work; no inline script."""

import json
import re

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers import bytes_to_base64url

from omo import passkeys
from omo.middleware import TWEEDE_STAP_KEY
from omo.weigering import Weigering

pytestmark = [pytest.mark.django_db]

BEGIN = "otp_webauthn:credential-registration-begin"
AFRONDEN = "otp_webauthn:credential-registration-complete"
VERIFICATIE_BEGIN = "otp_webauthn:credential-authentication-begin"
VERIFICATIE_AFRONDEN = "otp_webauthn:credential-authentication-complete"


@pytest.fixture(autouse=True)
def hostnaam(settings):
    """The test client's host as relying party (a host name, so passkeys can work)."""
    settings.OTP_WEBAUTHN_RP_ID = "testserver"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://testserver"]


def met_app(user):
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def passkey(user, naam="laptop"):
    return WebAuthnCredential.objects.create(user=user, name=naam, credential_id=f"id-{user.pk}-{naam}".encode(),
                                             public_key=b"sleutel", sign_count=0)


def geverifieerd(client, device):
    """As after the code step: the session passed the second factor with `device`."""
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = device.persistent_id
    sessie.save()


def code_owed(client):
    """As after a right password: the session owes its second factor (the code step is open)."""
    sessie = client.session
    sessie[TWEEDE_STAP_KEY] = True
    sessie.save()


def post_json(client, naam):
    return client.post(reverse(naam), data="{}", content_type="application/json")


# --- Registering ---------------------------------------------------------------------------------


def test_registreren_na_de_tweede_factor_met_de_app(client, make_user):
    tom = make_user("omo", username="tom")
    client.force_login(tom)
    geverifieerd(client, met_app(tom))
    response = post_json(client, BEGIN)
    assert response.status_code == 200
    opties = response.json()
    # Always for the logged-in user, never for someone else.
    assert opties["rp"]["id"] == "testserver" and opties["user"]["name"] == "tom"


def test_registreren_met_alleen_een_wachtwoord_wordt_geweigerd(client, make_user):
    # No device at all: the library alone would allow it (and mark the session verified).
    tom = make_user("omo")
    client.force_login(tom)
    response = post_json(client, BEGIN)
    assert response.status_code == 403 and "app met inlogcodes" in response.json()["detail"]
    # An app but a session that has not passed it: refused too, also at the completing step.
    met_app(tom)
    assert post_json(client, BEGIN).status_code == 403
    assert post_json(client, AFRONDEN).status_code == 403
    assert not WebAuthnCredential.objects.exists()


def test_registreren_met_alleen_herstelcodes_wordt_geweigerd(client, make_user):
    # The app stays the factor everyone enrols: recovery codes alone do not open passkeys.
    tom = make_user("omo")
    client.force_login(tom)
    geverifieerd(client, StaticDevice.objects.create(user=tom, name="herstelcodes", confirmed=True))
    assert post_json(client, BEGIN).status_code == 403


def test_anoniem_geen_passkey_endpoints(client):
    for naam in (BEGIN, AFRONDEN, VERIFICATIE_BEGIN, VERIFICATIE_AFRONDEN):
        response = post_json(client, naam)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_met_een_ip_adres_geen_passkeys(client, make_user, settings):
    settings.OTP_WEBAUTHN_RP_ID = "127.0.0.1"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://127.0.0.1:8000"]
    tom = make_user("omo")
    client.force_login(tom)
    geverifieerd(client, met_app(tom))
    response = post_json(client, BEGIN)
    assert response.status_code == 403 and "IP-adres" in response.json()["detail"]
    html = client.get(reverse("tweede_factor")).content.decode()
    assert "niet via een IP-adres zoals 127.0.0.1" in html and "passkey-register-button" not in html
    assert "otp_webauthn_config" not in html


def test_via_een_ander_adres_geen_passkeys(client, make_user, settings):
    settings.OTP_WEBAUTHN_RP_ID = "omo.gemeente.nl"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://omo.gemeente.nl"]
    tom = make_user("omo")
    client.force_login(tom)
    geverifieerd(client, met_app(tom))
    assert "Passkeys werken op omo.gemeente.nl" in client.get(reverse("tweede_factor")).content.decode()
    assert passkeys.beschikbaar().ja


def test_zonder_https_geen_passkeys(settings):
    settings.OTP_WEBAUTHN_RP_ID = "omo.gemeente.nl"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://omo.gemeente.nl"]
    assert not passkeys.beschikbaar().ja
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost:8000"]
    assert passkeys.beschikbaar().ja


# --- The account page ------------------------------------------------------------------------------


def test_de_accountpagina_toont_eigen_passkeys_en_de_knop(client, make_user):
    tom, sanne = make_user("omo", username="tom"), make_user("omo", username="sanne")
    passkey(tom, "werklaptop")
    passkey(sanne, "sannes-telefoon")
    client.force_login(tom)
    html = client.get(reverse("tweede_factor")).content.decode()
    # Before the second factor: the list, no button.
    assert "werklaptop" in html and "sannes-telefoon" not in html
    assert "passkey-register-button" not in html and "nadat je de app met inlogcodes hebt ingesteld" in html
    geverifieerd(client, met_app(tom))
    response = client.get(reverse("tweede_factor"))
    html = response.content.decode()
    assert "passkey-register-button" in html and "Passkey toevoegen" in html
    config = json.loads(re.search(r'<script id="otp_webauthn_config" type="application/json">(.*?)</script>',
                                  html).group(1))
    assert config["beginRegistrationUrl"] == reverse(BEGIN)
    geen_inline_script(response)


def geen_inline_script(response):
    """Every script is a file from OMO itself, or data (json_script); the policy allows no more."""
    html = response.content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    for tag in re.findall(r'<script[^>]*src="([^"]+)"', html):
        assert tag.startswith("/"), tag
    assert not re.findall(r"<[^>]+ on[a-z]+=", html)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_een_eigen_passkey_verwijderen(client, make_user):
    tom = make_user("omo")
    laptop = passkey(tom)
    client.force_login(tom)
    # Not before the second factor.
    html = client.post(reverse("passkey_verwijderen", args=[laptop.pk]), {"next": reverse("tweede_factor")},
                       follow=True).content.decode()
    assert "kun je niet verwijderen" in html and WebAuthnCredential.objects.filter(pk=laptop.pk).exists()
    geverifieerd(client, met_app(tom))
    response = client.post(reverse("passkey_verwijderen", args=[laptop.pk]), {"next": reverse("tweede_factor")},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("tweede_factor")
    assert "Passkey verwijderd: laptop" in response.content.decode()
    assert not WebAuthnCredential.objects.filter(pk=laptop.pk).exists()
    # Twice (a double click): said, nothing else happens.
    html = client.post(reverse("passkey_verwijderen", args=[laptop.pk]), follow=True).content.decode()
    assert "kun je niet verwijderen" in html


def test_een_andermans_passkey_verwijdert_niemand(client, make_user):
    tom, bert = make_user("omo"), make_user("beheerder")
    laptop = passkey(tom)
    client.force_login(bert)
    geverifieerd(client, met_app(bert))
    html = client.post(reverse("passkey_verwijderen", args=[laptop.pk]), {"next": "https://elders.example/"},
                       follow=True).content.decode()
    assert "kun je niet verwijderen" in html
    assert WebAuthnCredential.objects.filter(pk=laptop.pk).exists()
    with pytest.raises(Weigering):
        passkeys.verwijder_passkey(laptop.pk, bert)


# --- The code step ---------------------------------------------------------------------------------


def test_de_codestap_biedt_de_passkey_alleen_wie_er_een_heeft(client, make_user):
    tom = make_user("omo")
    met_app(tom)
    client.force_login(tom)
    code_owed(client)
    assert "passkey-verification-button" not in client.get(reverse("tweede_factor_code")).content.decode()
    passkey(tom)
    response = client.get(reverse("tweede_factor_code") + "?next=/meldingen/")
    html = response.content.decode()
    assert "Inloggen met passkey" in html and "passkey-verification-button" in html
    geen_inline_script(response)


def test_verificatie_begint_alleen_voor_de_ingelogde_gebruiker_met_diens_passkeys(client, make_user):
    tom, sanne = make_user("omo"), make_user("omo")
    eigen = passkey(tom)
    passkey(sanne)
    client.force_login(tom)
    response = post_json(client, VERIFICATIE_BEGIN)
    assert response.status_code == 200
    toegestaan = response.json()["allowCredentials"]
    assert [c["id"] for c in toegestaan] == [bytes_to_base64url(bytes(eigen.credential_id))]
    # Completing with nonsense uses up the ceremony; again, without one: refused. Unverified still.
    assert post_json(client, VERIFICATIE_AFRONDEN).status_code == 422
    assert post_json(client, VERIFICATIE_AFRONDEN).status_code == 400
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_na_verificatie_alleen_naar_een_veilig_adres(rf, make_user):
    from omo.views_passkeys import VerificatieAfronden

    view = VerificatieAfronden()
    for volgende, verwacht in [("/meldingen/", "/meldingen/"), ("https://elders.example/", ""),
                               ("//elders.example/", ""), ("javascript:alert(1)", ""), ("", "")]:
        view.request = rf.post("/webauthn/verificatie/afronden/?next=" + volgende)
        assert view.get_redirect_url() == verwacht, volgende
    view.request = rf.post("/webauthn/verificatie/afronden/?next=https://elders.example/")
    assert view.get_success_url() == reverse("home")
