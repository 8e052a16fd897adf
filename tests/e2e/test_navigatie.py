"""The main menu for every demo role in a real browser: it fits at phone and desktop widths, it
opens at phone width, every group works by keyboard, the current page is marked, and the home
page and the case list have no axe violations (WCAG 2.1 AA).

One browser context per role (the demo data are loaded once per test, which is most of its
time); the widths are viewport changes within it. Run on its own with
`pytest tests/e2e/test_navigatie.py` (`-k beleid` for one role).
"""

import datetime

import pytest
from playwright.sync_api import expect

from omo.models import User
from omo.toegang import mag
from tests.e2e.test_login import ROLE_NAMES, assert_accessible, demo_accounts, log_in  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280, 1366, 1600)
PHONE = 390
HEIGHT = 900


def _no_horizontal_scroll(page, what):
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{what}: pagina is {scroll} px breed bij een venster van {inner} px"


def _pages(username):
    """The pages every role is checked on: home, and the case list for roles that have one."""
    user = User.objects.get(username=username)
    return ["/", *(["/casussen/"] if mag(user, "casussen.werk_met_casussen") else [])]


def _groups(page):
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    return nav.locator("[data-bs-toggle=dropdown]")


def assert_home_and_case_list_accessible(page, username):
    """0 axe violations on the home page and the case list, at desktop width and at phone width
    with the menu open."""
    for path in _pages(username):
        page.goto(path)
        for width in (1280, PHONE):
            page.set_viewport_size({"width": width, "height": HEIGHT})
            if width == PHONE:
                page.get_by_role("button", name="Menu openen of sluiten").click()
                expect(page.locator("#hoofdmenu")).to_be_visible()
            assert_accessible(page, f"{username} op {path} bij {width} px")


@pytest.mark.usefixtures("demo_accounts")
@pytest.mark.parametrize("username", ROLE_NAMES)
def test_menu_fits_works_by_keyboard_and_passes_axe(page, live_server, username):
    log_in(page, username)
    expect(page.get_by_role("heading", name="Werkvoorraad", level=1)).to_be_visible()
    expect(page.get_by_test_id("mijn-rollen")).to_contain_text(ROLE_NAMES[username])
    nav = page.get_by_role("navigation", name="Hoofdmenu")

    for path in _pages(username):
        page.goto(path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            _no_horizontal_scroll(page, f"{username} op {path} bij {width} px")

        # Phone: the menu is collapsed behind the toggler and opens, without widening the page.
        page.set_viewport_size({"width": PHONE, "height": HEIGHT})
        toggler = nav.get_by_role("button", name="Menu openen of sluiten")
        expect(toggler).to_be_visible()
        expect(page.locator("#hoofdmenu")).to_be_hidden()
        toggler.click()
        expect(page.locator("#hoofdmenu")).to_be_visible()
        expect(toggler).to_have_attribute("aria-expanded", "true")
        _no_horizontal_scroll(page, f"{username} op {path} met open menu bij {PHONE} px")

    # The current page and its group are marked for assistive technology.
    page.set_viewport_size({"width": 1280, "height": HEIGHT})
    if "/casussen/" in _pages(username):
        page.goto("/casussen/")
        expect(nav.locator("#menu-1")).to_have_attribute("aria-current", "true")
        expect(nav.get_by_role("link", name="Casussen", exact=True, include_hidden=True)).to_have_attribute(
            "aria-current", "page"
        )
    else:
        page.goto("/")
        expect(nav.get_by_role("link", name="Start", exact=True)).to_have_attribute("aria-current", "page")

    # Every group (and the user menu) opens with Enter, ArrowDown reaches its first entry with a
    # visible focus ring, Escape closes it and gives focus back to the group's button.
    groups = _groups(page)
    assert groups.count() >= 2, f"{username}: geen menugroepen"
    for i in range(groups.count()):
        button = groups.nth(i)
        name = button.inner_text().strip()
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        menu = button.locator("xpath=following-sibling::ul")
        expect(menu).to_be_visible()
        page.keyboard.press("ArrowDown")
        focused = page.evaluate(
            "() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return [e.classList.contains('dropdown-item'), s.outlineStyle, s.outlineWidth]; }"
        )
        assert focused[0], f"{username}, {name}: pijl omlaag komt niet bij de eerste menukeuze"
        assert focused[1] != "none" and focused[2] != "0px", f"{username}, {name}: geen zichtbare focus"
        page.keyboard.press("Escape")
        expect(menu).to_be_hidden()
        expect(button).to_be_focused()
    _no_horizontal_scroll(page, f"{username} na het openen van alle groepen")

    assert_home_and_case_list_accessible(page, username)


@pytest.mark.usefixtures("demo_accounts")
def test_ga_naar_casus_jumps_to_a_case_and_keeps_an_unknown_code(page, live_server):
    from casussen.models import Leefgebied
    from casussen.services import casus as casus_services

    consulent = User.objects.get(username="consulent")
    leefgebied = Leefgebied.objects.get_or_create(code="wonen", defaults={"naam": "Wonen", "volgorde": 1})[0]
    casus = casus_services.registreer(
        consulent,
        {"titel": "Dreigende huisuitzetting", "bron": "wijkteam", "datum_signaal": datetime.date(2026, 11, 2),
         "urgentie": "hoog", "urgentie_toelichting": "Vonnis binnen vier weken",
         "reguliere_routes": ["eigen_team"], "toestemming": "ja", "pseudoniem": "Familie Linde",
         "volwassenen": 1, "leeftijden_kinderen": [4], "dossiernummer": "WIZ-1"},
        leefgebieden=[leefgebied], organisaties=(), medebehandelaars=(),
    )
    log_in(page, "consulent")
    field = page.get_by_role("searchbox", name="Ga naar casus (code)")
    field.fill(casus.code.lower().replace("-", " - "))
    field.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/casussen/{casus.pk}/")

    field = page.get_by_role("searchbox", name="Ga naar casus (code)")
    field.fill("OMO-1999-9999")
    field.press("Enter")
    expect(page.get_by_text("Geen casus met code “OMO-1999-9999” gevonden")).to_be_visible()
    expect(page.get_by_label("Casuscode")).to_have_value("OMO-1999-9999")
    assert_accessible(page, "Ga naar casus met een onbekende code")
