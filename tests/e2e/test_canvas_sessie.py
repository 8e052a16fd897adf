"""The canvas in a real browser: autosave, an expired session that keeps the typed text until the
user has logged in again in another tab, no browser storage, the no-JavaScript fallback, and
axe-core (WCAG 2.1 AA) on the canvas page and on a section form with an error."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from casussen.models import Canvas, Leefgebied, Status
from casussen.services import casus as casus_services
from omo.models import Team
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BANNER = "Je sessie is verlopen"


@pytest.fixture
def consulent(make_user):
    team = Team.objects.create(naam="Wijkteam E2E", soort=Team.Soort.WIJKTEAM)
    return make_user("consulent", username="consulent-canvas", team=team)


@pytest.fixture
def casus(consulent):
    leefgebied = Leefgebied.objects.get_or_create(code="wonen", defaults={"naam": "Wonen"})[0]
    return casus_services.registreer(
        consulent,
        {
            "titel": "Dreigende huisuitzetting na psychose",
            "bron": "wijkteam",
            "datum_signaal": datetime.date(2026, 11, 2),
            "urgentie": "hoog",
            "toestemming": "ja",
            "pseudoniem": "Familie Linde",
            "volwassenen": 1,
        },
        leefgebieden=[leefgebied],
    )


def log_in(page, username=None, password=PASSWORD):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen (", include_hidden=True)).to_be_attached()


def assert_accessible(page, what):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{what}:\n{results.generate_report()}"


def assert_no_csp_or_script_errors(console_errors):
    bad = [t for t in console_errors if "Content Security Policy" in t or t.startswith("pageerror")]
    assert not bad, "\n".join(bad)


def test_expired_session_keeps_text_until_saved_after_new_login(
    page, live_server, consulent, casus, console_errors
):
    log_in(page, consulent.username)
    page.goto(f"/casussen/{casus.pk}/canvas/")
    expect(page.get_by_role("heading", name="Maatwerkcanvas")).to_be_visible()
    assert_accessible(page, "Canvaspagina")

    page.get_by_role("link", name="Bewerken: Situatie").click()
    veld = page.get_by_label("Wat is er aan de hand?")
    expect(veld).to_be_focused()
    veld.press_sequentially("Moeder met twee kinderen, huurachterstand.")
    expect(page.get_by_role("status")).to_contain_text("Concept opgeslagen om")

    Session.objects.all().delete()

    veld.press_sequentially(" Vonnis over vier weken.")
    page.get_by_role("button", name="Opslaan").click()

    banner = page.get_by_role("alert").filter(has_text=BANNER)
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Je tekst staat nog hieronder en is nog niet opgeslagen.")
    login_link = banner.get_by_role("link", name="Log opnieuw in in een nieuw tabblad")
    expect(login_link).to_have_attribute("target", "_blank")
    expect(login_link).to_have_attribute("rel", "noopener")
    volledig = "Moeder met twee kinderen, huurachterstand. Vonnis over vier weken."
    expect(veld).to_have_value(volledig)
    assert not Canvas.objects.filter(casus=casus).exists()

    tweede = page.context.new_page()
    log_in(tweede, consulent.username)
    tweede.close()

    page.bring_to_front()
    expect(veld).to_have_value(volledig)
    page.get_by_role("button", name="Opslaan").click()

    sectie = page.locator("#sectie-situatie")
    expect(sectie).to_contain_text("is opgeslagen om")
    expect(sectie).to_contain_text(volledig)
    expect(page.get_by_role("alert").filter(has_text=BANNER)).to_have_count(0)
    canvas = Canvas.objects.get(casus=casus)
    assert canvas.aan_de_hand == volledig
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING

    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert_no_csp_or_script_errors(console_errors)


def test_section_form_with_error_is_accessible(page, consulent, casus, console_errors):
    log_in(page, consulent.username)
    page.goto(f"/casussen/{casus.pk}/canvas/")
    page.get_by_role("link", name="Bewerken: Betrokkenheid van het huishouden").click()
    page.get_by_label("Nee, nog niet").check()
    page.get_by_label("En hoe wordt het huishouden later betrokken?").fill("Na de opname.")
    page.get_by_role("button", name="Opslaan").click()

    fout = page.get_by_text("Leg uit waarom het huishouden niet of maar deels betrokken is.")
    expect(fout).to_be_visible()
    expect(page.get_by_label("Zo niet: waarom niet?")).to_be_focused()
    expect(page.get_by_label("En hoe wordt het huishouden later betrokken?")).to_have_value(
        "Na de opname."
    )
    assert_accessible(page, "Canvassectie met foutmelding")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    assert not Canvas.objects.filter(casus=casus).exists()
    assert_no_csp_or_script_errors(console_errors)


def test_full_page_fallback_without_javascript(browser, live_server, consulent, casus):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    try:
        page = context.new_page()
        log_in(page, consulent.username)
        page.goto(f"/casussen/{casus.pk}/canvas/")
        page.get_by_role("link", name="Bewerken: Knelpunt").click()
        expect(page).to_have_url(f"{live_server.url}/casussen/{casus.pk}/canvas/knelpunt/")
        page.get_by_label("Welke regel").fill("De Belastingdienst verrekent de toeslag.")
        page.get_by_role("button", name="Opslaan").click()

        expect(page).to_have_url(f"{live_server.url}/casussen/{casus.pk}/canvas/#sectie-knelpunt")
        expect(page.get_by_text("Knelpunt is opgeslagen om")).to_be_visible()
        assert (
            Canvas.objects.get(casus=casus).knelpunt == "De Belastingdienst verrekent de toeslag."
        )
    finally:
        context.close()


def test_refused_csrf_token_shows_message_and_keeps_text(page, live_server, consulent, casus):
    log_in(page, consulent.username)
    page.goto(f"/casussen/{casus.pk}/canvas/")
    page.get_by_role("link", name="Bewerken: Knelpunt").click()
    veld = page.get_by_label("Welke regel")
    veld.fill("De toeslag wordt verrekend.")
    page.context.add_cookies([{"name": "csrftoken", "value": "ongeldig", "url": live_server.url}])

    page.get_by_role("button", name="Opslaan").click()

    banner = page.get_by_role("alert").filter(has_text="Opslaan is geweigerd.")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Je tekst staat nog hieronder en is nog niet opgeslagen.")
    expect(veld).to_have_value("De toeslag wordt verrekend.")
    assert not Canvas.objects.filter(casus=casus, knelpunt__gt="").exists()
