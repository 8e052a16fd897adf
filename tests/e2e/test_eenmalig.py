"""A double click on "Aanmelden" makes one case: with JavaScript the button is disabled after the
first click; without it the second request is refused by its one-time token (omo.eenmalig) and
sent to the case the first one made."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from casussen.models import Casus
from tests.conftest import PASSWORD
from tests.e2e.test_casus_reis import consulent, referentiedata  # noqa: F401  (fixtures)
from tests.tweedefactor import code_stap_in_browser


def _inloggen(page, user):
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    code_stap_in_browser(page, user)
    expect(page.get_by_role("button", name=re.compile(r"^Uitloggen \("), include_hidden=True)).to_be_attached()


def _formulier(page):
    page.goto("/casussen/nieuw/")
    page.get_by_label("Korte titel").fill("Dreigende huisuitzetting na psychose")
    page.get_by_label("Bron van het signaal").select_option(label="Wijkteam")
    page.get_by_label("Datum van het signaal").fill((datetime.date.today() - datetime.timedelta(days=7)).isoformat())
    page.get_by_label("Wonen", exact=True).check()
    page.get_by_label("Pseudoniem van het huishouden").fill("Familie Linde")
    page.get_by_label("Aantal volwassenen").fill("1")
    page.get_by_label("Ja", exact=True).check()
    page.get_by_label("Eigen team").check()


@pytest.mark.django_db(transaction=True)
def test_double_click_on_aanmelden_makes_one_case(page, consulent):  # noqa: F811
    _inloggen(page, consulent)
    _formulier(page)
    knop = page.get_by_role("button", name="Aanmelden")
    knop.dblclick()
    expect(page.get_by_role("heading", name=re.compile(r"OMO-\d{4}-\d{4}"))).to_be_visible()
    casus = Casus.objects.get()
    expect(page.get_by_role("heading", name=re.compile(casus.code))).to_be_visible()
    assert Casus.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_server_still_makes_one(browser, live_server, consulent):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        _inloggen(page, consulent)
        _formulier(page)
        # Without the script nothing stops the second click: the browser sends the form again.
        page.get_by_role("button", name="Aanmelden").dblclick()
        expect(page.get_by_role("heading", name=re.compile(r"OMO-\d{4}-\d{4}"))).to_be_visible()
        casus = Casus.objects.get()
        expect(page.get_by_role("heading", name=re.compile(casus.code))).to_be_visible()
        assert Casus.objects.count() == 1
    finally:
        context.close()
