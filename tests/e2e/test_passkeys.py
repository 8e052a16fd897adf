"""A passkey in a real browser: Chromium's virtual authenticator (DevTools protocol, WebAuthn
domain) stands in for a phone or a security key. The user adds a passkey on the account page
after passing the second factor with the app, logs out, logs in again with the password and
confirms with the passkey at the code step, which sends them to `next`.

A passkey needs a host name: the live server runs on localhost, which becomes the relying party.
The pages are OMO's own: the login, the code step and the account page of the second factor."""

import re
from urllib.parse import urlsplit

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.tweedefactor import code_stap_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def passkey_server(settings, live_server):
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return live_server


def virtuele_authenticator(page):
    """A platform authenticator that holds passkeys and says the user was verified."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    antwoord = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True,
    }})
    return cdp, antwoord["authenticatorId"]


def log_in(page, username, volgende=""):
    """The password; the code step follows (every user here has the app)."""
    page.goto("/inloggen/" + (f"?next={volgende}" if volgende else ""))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/code/**")


def test_passkey_toevoegen_en_ermee_inloggen(page, passkey_server, make_user, console_errors):
    tom = make_user("omo", username="tom")
    TOTPDevice.objects.create(user=tom, name="app", confirmed=True)
    cdp, authenticator = virtuele_authenticator(page)

    # Logged in and past the second factor (the app): the account page offers a passkey.
    log_in(page, "tom")
    assert code_stap_in_browser(page, tom)
    page.goto("/account/tweede-factor/")
    expect(page.locator("#passkey-lijst")).to_contain_text("Je hebt nog geen passkey")
    page.get_by_role("button", name="Passkey toevoegen").click()
    expect(page.locator("#passkey-lijst")).to_contain_text("Passkey toegevoegd op", timeout=10_000)
    assert WebAuthnCredential.objects.filter(user=tom).count() == 1
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1

    # Log out, log in with the password: the code step offers the passkey and sends to `next`.
    page.locator("form[action='/uitloggen/'] button").evaluate("b => b.form.submit()")
    page.wait_for_url("**/inloggen/**")
    log_in(page, "tom", "/meldingen/")
    page.get_by_role("button", name="Inloggen met passkey").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/meldingen/")
    # The session passed the second factor now: adding another passkey is offered again.
    page.goto("/account/tweede-factor/")
    expect(page.get_by_role("button", name="Passkey toevoegen")).to_be_visible()
    passkey = WebAuthnCredential.objects.get(user=tom)
    assert passkey.last_used_at is not None

    # And removed by its owner.
    page.get_by_role("button", name=re.compile("Verwijder Passkey toegevoegd op")).click()
    expect(page.locator("#passkey-lijst")).to_contain_text("Je hebt nog geen passkey")
    assert not WebAuthnCredential.objects.filter(user=tom).exists()

    csp = [t for t in console_errors if "Content Security Policy" in t]
    assert not csp, "\n".join(csp)
    assert not console_errors, "\n".join(console_errors)


def test_een_andermans_passkey_bevestigt_niets(page, passkey_server, make_user, console_errors):
    """Sanne's passkey on this authenticator does not confirm Tom's login."""
    tom, sanne = make_user("omo", username="tom"), make_user("omo", username="sanne")
    for user in (tom, sanne):
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    virtuele_authenticator(page)
    log_in(page, "sanne")
    assert code_stap_in_browser(page, sanne)
    page.goto("/account/tweede-factor/")
    page.get_by_role("button", name="Passkey toevoegen").click()
    expect(page.locator("#passkey-lijst")).to_contain_text("Passkey toegevoegd op", timeout=10_000)
    page.locator("form[action='/uitloggen/'] button").evaluate("b => b.form.submit()")
    page.wait_for_url("**/inloggen/**")

    # Tom has no passkey: the code step does not offer one, and the ceremony lists none of Sanne's.
    log_in(page, "tom", "/meldingen/")
    assert page.get_by_role("button", name="Inloggen met passkey").count() == 0
    opties = page.evaluate("""async () => {
        const config = JSON.parse(document.getElementById('otp_webauthn_config')?.textContent || 'null');
        const csrf = document.cookie.match(/csrftoken=([^;]+)/)?.[1] || '';
        const r = await fetch('/webauthn/verificatie/begin/', {method: 'POST', headers: {'X-CSRFToken': csrf}});
        return {config, status: r.status, body: await r.json()};
    }""")
    assert opties["status"] == 200 and opties["body"]["allowCredentials"] == []
