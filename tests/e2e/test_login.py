"""Logging in with a real browser, per role, with axe-core accessibility checks (WCAG 2.1 AA).

The data is committed (transactional tests) so the live server's thread sees it. The tables are
emptied after every test, so each test loads the demo accounts itself.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from omo.management.commands.demo_data import DEMO_PASSWORD
from omo.management.commands.demo_data import Command as DemoData
from omo.models import User
from tests.tweedefactor import code_stap_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Demo account → the name of its role as the home page shows it (omo.roles.ROLLEN).
ROLE_NAMES = {
    "consulent": "Consulent",
    "coach": "Maatwerkcoach",
    "omo": "OMO-functionaris",
    "budgethouder": "Budgethouder",
    "wethouder": "Portefeuillehouder",
    "college": "College",
    "beleid": "Beleidsmedewerker",
    "beheerder": "Beheerder",
    "privacy": "Privacyfunctionaris",
}

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WRONG_PASSWORD_MESSAGE = "Voer een juiste gebruikersnaam en wachtwoord in"


@pytest.fixture
def demo_accounts(transactional_db):
    """The eight demo accounts (password 'demo'), committed to the database."""
    DemoData().load()


def log_in(page, username, password=DEMO_PASSWORD):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if password == DEMO_PASSWORD:
        # The demo accounts with a privileged role have the demo secret as their app.
        code_stap_in_browser(page, User.objects.get(username=username))


def assert_clean_console(console_errors):
    """No Content-Security-Policy violations (the app needs no inline script or style), and no
    other console errors either (a failing static file or a JavaScript error)."""
    csp = [text for text in console_errors if "Content Security Policy" in text]
    assert not csp, "CSP-overtredingen in de console:\n" + "\n".join(csp)
    assert not console_errors, "Fouten in de console:\n" + "\n".join(console_errors)


def assert_accessible(page, what):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{what}:\n{results.generate_report()}"


@pytest.mark.parametrize("username", ROLE_NAMES)
def test_login_lands_on_home_with_role(page, live_server, demo_accounts, console_errors, username):
    log_in(page, username)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    expect(page.get_by_test_id("mijn-rollen")).to_contain_text(ROLE_NAMES[username])
    expect(page.get_by_role("button", name=re.compile(r"^Uitloggen \("), include_hidden=True)).to_be_attached()
    page.get_by_text("Wat je in OMO kunt doen, per rol").click()
    expect(page.get_by_role("heading", name=ROLE_NAMES[username], exact=True)).to_be_visible()
    assert_accessible(page, f"werkvoorraad van {username}, rollen open")
    assert_clean_console(console_errors)


def test_wrong_password_shows_dutch_error_and_keeps_username(
    page, live_server, demo_accounts, console_errors
):
    log_in(page, "consulent", "verkeerd-wachtwoord")

    expect(page).to_have_url(f"{live_server.url}/inloggen/")
    expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_MESSAGE)
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("consulent")
    expect(page.get_by_label("Wachtwoord")).to_have_value("")
    assert_clean_console(console_errors)


def test_login_page_is_accessible(page, live_server, console_errors):
    page.goto("/inloggen/")
    expect(page.get_by_role("heading", name="Inloggen bij OMO")).to_be_visible()
    assert_clean_console(console_errors)
    assert_accessible(page, "Inlogpagina")


def test_login_page_with_errors_is_accessible(page, demo_accounts, console_errors):
    log_in(page, "consulent", "verkeerd-wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text(WRONG_PASSWORD_MESSAGE)
    assert_clean_console(console_errors)
    assert_accessible(page, "Inlogpagina met foutmelding")


@pytest.mark.parametrize("username", ROLE_NAMES)
def test_home_page_is_accessible(page, live_server, demo_accounts, console_errors, username):
    log_in(page, username)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("mijn-rollen")).to_contain_text(ROLE_NAMES[username])
    assert_clean_console(console_errors)
    assert_accessible(page, f"Startpagina van {username}")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.querySelector('main, #inhoud').scrollWidth <= window.innerWidth")
    assert_accessible(page, f"Startpagina van {username} op een telefoon")


def test_csp_violations_are_detected(page, console_errors):
    """Control for assert_clean_console: the CSP header is in force and an inline script is
    refused with a console error that the check recognises."""
    page.goto("/inloggen/")
    with page.expect_console_message(lambda msg: "Content Security Policy" in msg.text):
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.omoInline = true;";
                document.head.appendChild(script);
            }"""
        )
    assert page.evaluate("window.omoInline") is None
    assert any("Content Security Policy" in text for text in console_errors), console_errors
