"""Logging in through the organisation's identity provider in a real browser.

The provider is the test provider of tests/oidc_idp (its own process on 127.0.0.1; OMO's live
server is on localhost, so the browser keeps their cookies apart as it would for two sites).
"""

import re

import pytest
from playwright.sync_api import expect

from omo import roles

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "wachtwoord-bij-de-provider"


@pytest.fixture
def sso(oidc_provider, live_server, settings):
    roles.sync_roles()
    oidc_provider.zet_omo_aan(settings, live_server.url)
    oidc_provider.gebruiker(
        "lotte", WACHTWOORD, ["omo-consulenten", "wijkteam-noord"], naam="Lotte Bakker"
    )
    return oidc_provider


def inloggen_bij_provider(page, sso):
    expect(page).to_have_url(re.compile(rf"^{re.escape(sso.base_url)}/login/"))
    expect(page.get_by_role("heading", name="Testprovider")).to_be_visible()
    page.get_by_label("Gebruikersnaam").fill("lotte")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Aanmelden bij testprovider").click()


def test_login_through_the_provider_and_logout_ends_both_sessions(page, live_server, sso, console_errors):
    page.goto("/inloggen/")
    page.locator("#sso-knop").click()
    inloggen_bij_provider(page, sso)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    expect(page.get_by_test_id("mijn-rollen")).to_contain_text("Consulent")
    expect(page.locator("#gebruikersmenu")).to_contain_text("Lotte Bakker")
    assert sso.heeft_sessie("lotte")

    page.get_by_role("navigation", name="Hoofdmenu").locator("#gebruikersmenu").click()
    page.get_by_role("button", name=re.compile(r"^Uitloggen \(")).click()

    # Through the provider's end_session endpoint back to OMO's login page.
    try:
        expect(page).to_have_url(f"{live_server.url}/inloggen/")
    except AssertionError as fout:
        raise AssertionError(f"Na uitloggen niet terug op de inlogpagina; console: {console_errors}") from fout
    expect(page.get_by_role("heading", name="Inloggen bij OMO")).to_be_visible()
    assert not sso.heeft_sessie("lotte")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/inloggen/"))
    # The provider asks for the password again: its session is gone too.
    page.locator("#sso-knop").click()
    inloggen_bij_provider(page, sso)
    expect(page).to_have_url(f"{live_server.url}/")
    # Among others: the logout form's redirect to the provider must not be blocked by the
    # Content-Security-Policy (form-action).
    assert not console_errors, "Fouten in de console:\n" + "\n".join(console_errors)
