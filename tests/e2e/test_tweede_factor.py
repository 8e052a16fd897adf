"""The second factor in a real browser: a beheerder without one is sent to enrolment, scans (here:
reads) the secret from the page, confirms it with a code, keeps the recovery codes, and gives a
code at the next logins; the code and enrolment pages pass axe (WCAG 2.1 AA) on a phone and a
desktop screen."""

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.test_login import assert_accessible, assert_clean_console
from tests.tweedefactor import code_voor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCHERMEN = {"telefoon": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def wachtwoord(page, username):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def toegankelijk_op_elk_scherm(page, wat):
    for naam, maat in SCHERMEN.items():
        page.set_viewport_size(maat)
        assert page.evaluate("document.querySelector('main').scrollWidth <= window.innerWidth"), f"{wat} ({naam})"
        assert_accessible(page, f"{wat} ({naam})")
    page.set_viewport_size(SCHERMEN["desktop"])


def uitloggen(page):
    page.get_by_role("button", name=re.compile(r"^Uitloggen \("), include_hidden=True).evaluate("b => b.click()")
    expect(page.get_by_role("heading", name="Inloggen bij OMO")).to_be_visible()


def test_enrol_then_log_in_with_a_code_and_a_recovery_code(page, live_server, make_user, console_errors):
    tom = make_user("beheerder", username="tom", first_name="Tom")

    # 1. Password right, no second factor yet: enrolment, and nothing else opens.
    wachtwoord(page, "tom")
    expect(page).to_have_url(f"{live_server.url}/inloggen/tweede-factor/instellen/")
    expect(page.get_by_role("heading", name="Tweede factor instellen")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Start")).to_have_count(0)
    toegankelijk_op_elk_scherm(page, "Tweede factor instellen")
    page.goto("/meldingen/")
    expect(page).to_have_url(re.compile(r"/inloggen/tweede-factor/instellen/"))

    # A wrong first code: a Dutch message next to the field, still on the page.
    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    toegankelijk_op_elk_scherm(page, "Tweede factor instellen, met foutmelding")

    # 2. The secret as an app reads it (here from the text under the QR code).
    tekst = page.get_by_test_id("totp-geheim").inner_text().replace(" ", "")
    sleutel = base64.b32decode(tekst + "=" * (-len(tekst) % 8))
    page.get_by_role("textbox", name="Code").fill(f"{totp(sleutel):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Herstelcodes")).to_be_visible()
    codes = page.get_by_test_id("herstelcodes").locator("code").all_inner_texts()
    assert len(codes) == 10
    toegankelijk_op_elk_scherm(page, "Herstelcodes")
    page.get_by_role("link", name="Ik heb ze bewaard").click()
    expect(page).to_have_url(re.compile(r"/meldingen/$"))
    uitloggen(page)

    # 3. The next login asks for the code.
    wachtwoord(page, "tom")
    expect(page).to_have_url(f"{live_server.url}/inloggen/code/")
    expect(page.get_by_role("heading", name="Code van je tweede factor")).to_be_visible()
    toegankelijk_op_elk_scherm(page, "Code van je tweede factor")
    page.get_by_role("textbox", name="Code").fill(code_voor(tom))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    uitloggen(page)

    # 4. A wrong code, then a recovery code.
    wachtwoord(page, "tom")
    page.get_by_role("textbox", name="Code").fill("123456")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    expect(page.get_by_role("textbox", name="Code")).to_have_value("")
    toegankelijk_op_elk_scherm(page, "Code van je tweede factor, met foutmelding")
    page.get_by_role("textbox", name="Code").fill(codes[0])
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()

    # 5. The account page.
    page.goto("/account/tweede-factor/")
    expect(page.get_by_test_id("tweede-factor-status")).to_contain_text("Ingesteld")
    expect(page.get_by_test_id("tweede-factor-status")).to_contain_text("9")
    toegankelijk_op_elk_scherm(page, "Tweede factor (account)")
    assert_clean_console(console_errors)
