"""The consulent's journey (maatwerkreis) in a real browser, walked as a new user would: by
clicking menus, tabs, links and buttons and by typing, never by going to a URL of a case.

Register a case (first with an error), fill two canvas sections, argue two scenarios with cost
lines and a legal basis, check the kassabon against a hand calculation over 12 and 24 months,
compare the scenarios side by side, choose one; the OMO-functionaris records the decision (first
without a motivation); the consulent makes the doorbraakplan, records the evaluation at 3 months
and finds every step on the timeline.

On every page and every error state axe-core checks WCAG 2.1 AA (0 violations), and the console
stays free of errors (Content-Security-Policy violations show up there).

Hand calculation (horizon 12 / 24 months), scenario A "Huurachterstand overbruggen met lening":
    huidig     Begeleiding wijkteam   € 250,00 × 2 per maand from month 1, no end
                                      → 12 × 500 = 6.000,00   / 24 × 500 = 12.000,00
    dreigend   Huisuitzetting (price list € 5.000,00 per stuk) 1 stuk in month 3, 60 % kans
                                      → 5.000 × 0,6 = 3.000,00 (both horizons)
    doorbraak  Overbruggingslening    € 2.400,00 eenmalig in month 1 → 2.400,00
    besparing t.o.v. dreigend 3.000 − 2.400 = 600,00; t.o.v. huidig 6.000 − 2.400 = 3.600,00
    (24 months: 12.000 − 2.400 = 9.600,00)
Scenario B "Schuldregeling via de kredietbank":
    huidig     Begeleiding wijkteam   € 250,00 × 2 per maand → 6.000,00
    dreigend   Maatschappelijke opvang (price list € 15.000,00 per jaar) from month 4, no end,
               50 % kans → months 4..12 = 0,75 jaar × 15.000 × 0,5 = 5.625,00
    doorbraak  Saneringskrediet       € 4.000,00 eenmalig in month 2 → 4.000,00
    besparing t.o.v. dreigend 1.625,00; t.o.v. huidig 2.000,00
"""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from casussen.models import Casus, Evaluatie, Status
from omo.models import Team
from omo.templatetags.omo_format import format_euro
from tests.conftest import PASSWORD
from tests.referentiedata import herlaad_referentiedata
from tests.tweedefactor import code_stap_in_browser, zorg_voor_tweede_factor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
AXE = Axe()

SCENARIO_A = "Huurachterstand overbruggen met lening"
SCENARIO_B = "Schuldregeling via de kredietbank"
HUISUITZETTING = "Huisuitzetting: kosten voor de verhuurder"
OPVANG = "Maatschappelijke opvang: plek in de opvang"
GRONDSLAG = "Participatiewet art. 48, tweede lid (bevoegdheid)"


def euro(tekst: str) -> str:
    """'6.000,00' → '€ 6.000,00' as the page shows it (Playwright normalises the nbsp)."""
    return f"€ {tekst}"


@pytest.fixture
def referentiedata(transactional_db):
    """The reference data of the seed migration (a transactional test flushes it afterwards)."""
    herlaad_referentiedata()


@pytest.fixture
def consulent(make_user, referentiedata):
    team = Team.objects.create(naam="Wijkteam Noord", soort=Team.Soort.WIJKTEAM)
    return make_user("consulent", username="consulent-reis", first_name="Sanne", team=team)


@pytest.fixture
def omo_functionaris(make_user, referentiedata):
    return make_user("omo", username="omo-reis", first_name="Karim")


# --- Helpers -----------------------------------------------------------------------------------


class Reis:
    """The browser page plus the checks that run on every page of the journey."""

    def __init__(self, page, console_errors):
        self.page = page
        self.console_errors = console_errors

    def controleer(self, wat: str):
        """axe (WCAG 2.1 AA) finds nothing on the page as it is now, and the console is clean."""
        assert not self.console_errors, f"{wat}: fouten in de console:\n" + "\n".join(
            self.console_errors
        )
        results = AXE.run(self.page, options=WCAG_AA)
        violations = results.response["violations"]
        if violations:
            regels = []
            for v in violations:
                regels.append(f"- {v['id']} ({v.get('impact')}): {v['help']} [{v['helpUrl']}]")
                for node in v["nodes"]:
                    regels.append(f"    {node['target']}: {node.get('failureSummary', '').strip()}")
            pytest.fail(
                f"{wat} ({self.page.url}): {len(violations)} axe-overtredingen\n"
                + "\n".join(regels)
            )

    def inloggen(self, user):
        page = self.page
        page.goto("/")
        expect(page.get_by_role("heading", name="Inloggen bij OMO")).to_be_visible()
        self.controleer("Inlogpagina")
        zorg_voor_tweede_factor(user)
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        code_stap_in_browser(page, user)
        expect(page.get_by_role("button", name=re.compile(r"^Uitloggen \("), include_hidden=True)).to_be_attached()
        self.controleer(f"Startpagina van {user.username}")

    def uitloggen(self):
        self.gebruikersmenu()
        self.page.get_by_role("button", name=re.compile(r"^Uitloggen \(")).click()
        expect(self.page.get_by_role("heading", name="Inloggen bij OMO")).to_be_visible()

    def menu(self, naam: str):
        """Open the page `naam` through the main menu: first its group, then the entry."""
        nav = self.page.get_by_role("navigation", name="Hoofdmenu")
        entry = self.page.get_by_role("link", name=naam, exact=True, include_hidden=True)
        if not nav.get_by_role("link", name=naam, exact=True).is_visible():
            nav.locator("li.dropdown").filter(has=entry).get_by_role("button").click()
        nav.get_by_role("link", name=naam, exact=True).click()

    def gebruikersmenu(self):
        """Open the user menu (notifications, password, logout)."""
        nav = self.page.get_by_role("navigation", name="Hoofdmenu")
        nav.locator("#gebruikersmenu").click()

    def tab(self, naam: str):
        tabs = self.page.get_by_role("navigation", name="Onderdelen van de casus")
        tabs.get_by_role("link", name=naam, exact=True).click()
        expect(tabs.get_by_role("link", name=naam, exact=True)).to_have_attribute(
            "aria-current", "page"
        )

    def melding(self, tekst):
        expect(self.page.locator(".omo-messages")).to_contain_text(tekst)

    def open_casus(self, code: str):
        self.menu("Casussen")
        expect(self.page.get_by_role("heading", name="Casussen", level=1)).to_be_visible()
        self.controleer("Casuslijst")
        self.page.get_by_role("link", name=code, exact=True).click()
        expect(self.page.get_by_role("heading", name=re.compile(code))).to_be_visible()
        self.controleer("Casusoverzicht")


def prijsoptie(item: str, prijs: str, eenheid: str) -> str:
    """The text of a price-list option in the picker of a cost line."""
    return f"{item} — {format_euro(prijs)} {eenheid}"


# --- The steps ---------------------------------------------------------------------------------


def casus_aanmelden(reis: Reis) -> str:
    page = reis.page
    reis.menu("Casussen")
    expect(page.get_by_role("heading", name="Casussen", level=1)).to_be_visible()
    reis.controleer("Lege casuslijst")
    page.get_by_role("link", name="Casus aanmelden").click()
    expect(page.get_by_role("heading", name="Casus aanmelden")).to_be_visible()
    reis.controleer("Aanmeldformulier")

    page.get_by_label("Korte titel").fill("Dreigende huisuitzetting na psychose")
    page.get_by_label("Bron van het signaal").select_option(label="Wijkteam")
    page.get_by_label("Datum van het signaal").fill(
        (datetime.date.today() - datetime.timedelta(days=7)).isoformat()
    )
    page.get_by_label("Wonen", exact=True).check()
    page.get_by_label("Financiën en schulden").check()
    page.get_by_label("Betrokken organisaties").select_option(label="Woningcorporatie")
    page.get_by_label("Pseudoniem van het huishouden").fill("Familie Linde")
    page.get_by_label("Aantal volwassenen").fill("1")
    page.get_by_label("Leeftijden van de kinderen").fill("4, 9")
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Aanmelden").click()

    # No regular route tried: refused with a Dutch message, everything typed is still there.
    expect(page.get_by_text("Kies minstens één route die al is geprobeerd.")).to_be_visible()
    expect(page.get_by_label("Korte titel")).to_have_value("Dreigende huisuitzetting na psychose")
    expect(page.get_by_label("Pseudoniem van het huishouden")).to_have_value("Familie Linde")
    expect(page.get_by_label("Leeftijden van de kinderen")).to_have_value("4, 9")
    expect(page.get_by_label("Wonen", exact=True)).to_be_checked()
    assert Casus.objects.count() == 0
    reis.controleer("Aanmeldformulier met foutmelding")

    page.get_by_label("Eigen team").check()
    page.get_by_label("Wat is er via de reguliere route geprobeerd").fill(
        "Huurachterstand besproken met de corporatie; geen betalingsregeling mogelijk."
    )
    page.get_by_role("button", name="Aanmelden").click()

    casus = Casus.objects.get()
    reis.melding(f"Casus {casus.code} is aangemeld.")
    expect(page.get_by_role("heading", name=re.compile(casus.code))).to_be_visible()
    expect(page.get_by_text("Familie Linde · 1 volwassene, 2 kinderen")).to_be_visible()
    expect(page.locator(".omo-status")).to_have_text("Aangemeld")
    reis.controleer("Casusoverzicht na aanmelden")
    return casus.code


def canvas_invullen(reis: Reis):
    page = reis.page
    reis.tab("Canvas")
    expect(page.get_by_role("heading", name="Maatwerkcanvas")).to_be_visible()
    reis.controleer("Canvas, leeg")

    secties = [
        (
            "Situatie",
            "situatie",
            {
                "Wat is er aan de hand?": "Vader met psychose, huurachterstand van vier maanden.",
                "Wat wil de inwoner zelf bereiken (in eigen woorden)?": "In ons huis blijven wonen.",
            },
        ),
        (
            "Wat gebeurt er als we niets doen?",
            "niets_doen",
            {
                "Wat gebeurt er als we niets doen, op korte termijn?": "Ontruiming binnen drie maanden."
            },
        ),
    ]
    for titel, slug, velden in secties:
        page.get_by_role("link", name=f"Bewerken: {titel}").click()
        sectie = page.locator(f"#sectie-{slug}")
        expect(sectie.get_by_role("heading", name=f"{titel} bewerken")).to_be_visible()
        for label, tekst in velden.items():
            sectie.get_by_label(label, exact=True).fill(tekst)
        reis.controleer(f"Canvassectie {titel} in bewerking")
        sectie.get_by_role("button", name="Opslaan").click()
        expect(sectie).to_contain_text(f"{titel} is opgeslagen om")
        for tekst in velden.values():
            expect(sectie).to_contain_text(tekst)
        reis.controleer(f"Canvas na opslaan van {titel}")


def kostenregel(
    reis: Reis,
    situatie_label: str,
    *,
    omschrijving=None,
    prijsoptie_tekst=None,
    prijs=None,
    aantal=None,
    frequentie: str,
    startmaand: int,
    kans=None,
    geldstroom=None,
    betaler=None,
):
    page = reis.page
    page.get_by_role("link", name=re.compile(rf"^Regel toevoegen\s*:\s*{situatie_label}$")).click()
    expect(page.get_by_role("heading", name="Kostenregel toevoegen")).to_be_visible()
    reis.controleer(f"Kostenregel toevoegen ({situatie_label})")
    if prijsoptie_tekst:
        page.get_by_label("Item uit de maatschappelijke prijslijst").select_option(
            label=prijsoptie_tekst
        )
        # The picker copies the price, geldstroom, payer and description of the item.
        expect(page.get_by_label("Prijs per eenheid (€)")).not_to_have_value("")
        expect(page.get_by_label("Omschrijving", exact=True)).not_to_have_value("")
    if omschrijving:
        page.get_by_label("Omschrijving", exact=True).fill(omschrijving)
    if prijs:
        page.get_by_label("Prijs per eenheid (€)").fill(prijs)
    if aantal:
        page.get_by_label("Aantal", exact=True).fill(aantal)
    page.get_by_label(frequentie, exact=True).check()
    page.get_by_label("Startmaand").fill(str(startmaand))
    if kans is not None:
        page.get_by_label("Kans (%)").fill(str(kans))
    if geldstroom:
        page.get_by_label("Geldstroom").select_option(label=geldstroom)
    if betaler:
        page.get_by_label("Betaler").select_option(label=betaler)
    page.get_by_role("button", name="Toevoegen").click()
    expect(
        page.get_by_role("heading", name="Rendement: wat kost het en wat levert het op?")
    ).to_be_visible()
    reis.melding("is toegevoegd")


def scenario_toevoegen(reis: Reis, titel: str, beschrijving: str):
    page = reis.page
    page.get_by_role("link", name="Nieuw scenario").click()
    expect(page.get_by_role("heading", name="Nieuw scenario")).to_be_visible()
    reis.controleer("Nieuw scenario")
    page.get_by_role("textbox", name=re.compile(r"^Titel")).fill(titel)
    page.get_by_label("Beschrijving van de oplossing").fill(beschrijving)
    page.get_by_label("Woningcorporatie").check()
    page.get_by_label("Perspectief en inzet van de inwoner").fill(
        "Wil meewerken aan een budgetplan."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name=titel, level=2)).to_be_visible()
    reis.melding(f"Scenario ‘{titel}’ is toegevoegd.")
    reis.controleer(f"Scenario {titel}, zonder kosten")


def kassabon_totalen(page, huidig, dreigend, doorbraak, tov_dreigend, tov_huidig, horizon):
    for situatie, bedrag in (("huidig", huidig), ("dreigend", dreigend), ("doorbraak", doorbraak)):
        tabel = page.locator(f"#kassabon-{situatie}")
        expect(tabel.locator("caption")).to_contain_text(f"over {horizon} maanden")
        expect(tabel.locator("tfoot .omo-bedrag")).to_have_text(euro(bedrag))
    besparing = page.locator(".omo-kassabon-besparing")
    expect(
        besparing.locator("p", has_text="ten opzichte van het dreigend scenario").locator("strong")
    ).to_have_text(euro(tov_dreigend))
    expect(
        besparing.locator("p", has_text="ten opzichte van de huidige situatie").locator("strong")
    ).to_have_text(euro(tov_huidig))


def scenarios_uitwerken(reis: Reis):
    page = reis.page
    reis.tab("Scenario's")
    expect(page.get_by_role("heading", name="Oplossingsscenario's")).to_be_visible()
    reis.controleer("Scenario's, nog geen")

    # Scenario A, with a legal basis.
    scenario_toevoegen(
        reis,
        SCENARIO_A,
        "De gemeente lost de huurachterstand af met een renteloze lening; de corporatie stopt de ontruiming.",
    )
    kostenregel(
        reis,
        "Huidige situatie",
        omschrijving="Begeleiding wijkteam",
        prijs="250,00",
        aantal="2",
        frequentie="Per maand",
        startmaand=1,
        geldstroom="Wmo",
        betaler="Gemeente",
    )
    kostenregel(
        reis,
        "Dreigend scenario",
        prijsoptie_tekst=prijsoptie(HUISUITZETTING, "5000.00", "per uitzetting"),
        frequentie="Per stuk",
        startmaand=3,
        kans=60,
    )
    kostenregel(
        reis,
        "Met doorbraak",
        omschrijving="Overbruggingslening huurachterstand",
        prijs="2.400,00",
        frequentie="Eenmalig",
        startmaand=1,
        geldstroom="Schuldhulp",
        betaler="Gemeente",
    )
    dreigend = page.locator("#kassabon-dreigend")
    uitzetting = dreigend.locator(
        "tbody tr", has=page.get_by_role("rowheader", name=re.compile(HUISUITZETTING))
    )
    expect(uitzetting.get_by_role("rowheader")).to_contain_text("Wonen · Woningcorporatie")
    expect(uitzetting.locator("td").first).to_contain_text("per stuk × 1 stuk × kans 60 %")
    expect(uitzetting.locator("td").first).to_contain_text("in maand 3")
    expect(uitzetting.locator(".omo-bedrag")).to_have_text(euro("3.000,00"))
    kassabon_totalen(page, "6.000,00", "3.000,00", "2.400,00", "600,00", "3.600,00", 12)
    reis.controleer(f"Kassabon {SCENARIO_A} (12 maanden)")

    page.get_by_label("Horizon").select_option(label="2 jaar (24 maanden)")
    kassabon_totalen(page, "12.000,00", "3.000,00", "2.400,00", "600,00", "9.600,00", 24)
    reis.controleer(f"Kassabon {SCENARIO_A} (24 maanden)")
    page.get_by_label("Horizon").select_option(label="1 jaar (12 maanden)")
    kassabon_totalen(page, "6.000,00", "3.000,00", "2.400,00", "600,00", "3.600,00", 12)

    page.get_by_role("link", name="Grondslag toevoegen").click()
    expect(page.get_by_role("heading", name="Wettelijke grondslag toevoegen")).to_be_visible()
    reis.controleer("Grondslag toevoegen")
    page.get_by_label("Wettelijke grondslag").select_option(label=GRONDSLAG)
    page.get_by_role("button", name="Toevoegen").click()
    expect(
        page.get_by_text(
            "Geef een motivatie: waarom biedt deze grondslag hier ruimte voor de oplossing?"
        )
    ).to_be_visible()
    expect(page.get_by_label("Wettelijke grondslag")).to_have_value(re.compile(r"\d+"))
    reis.controleer("Grondslag toevoegen met foutmelding")
    page.get_by_label("Motivatie").fill(
        "Het huishouden heeft na de opname weer inkomen: bijstand als geldlening past."
    )
    page.get_by_role("button", name="Toevoegen").click()
    legitimiteit = page.locator("#legitimiteit")
    expect(legitimiteit).to_contain_text("Participatiewet art. 48, tweede lid")
    expect(legitimiteit).to_contain_text("bijstand als geldlening past")
    reis.controleer(f"Scenario {SCENARIO_A} met grondslag")

    # Scenario B.
    page.get_by_role("link", name="Alle scenario's").click()
    expect(page.get_by_role("heading", name="Oplossingsscenario's")).to_be_visible()
    reis.controleer("Scenario's, één")
    scenario_toevoegen(
        reis,
        SCENARIO_B,
        "Schulden saneren met een krediet van de kredietbank; de huur loopt via budgetbeheer.",
    )
    kostenregel(
        reis,
        "Huidige situatie",
        omschrijving="Begeleiding wijkteam",
        prijs="250",
        aantal="2",
        frequentie="Per maand",
        startmaand=1,
        geldstroom="Wmo",
        betaler="Gemeente",
    )
    kostenregel(
        reis,
        "Dreigend scenario",
        prijsoptie_tekst=prijsoptie(OPVANG, "15000.00", "per persoon per jaar"),
        frequentie="Per jaar",
        startmaand=4,
        kans=50,
    )
    # A yearly price from month 4: 9 months = 0,75 jaar × € 15.000 × 50 % = € 5.625.
    expect(page.locator("#kassabon-dreigend")).to_contain_text("per jaar × 0,75 jaar × kans 50 %")
    kostenregel(
        reis,
        "Met doorbraak",
        omschrijving="Saneringskrediet",
        prijs="4000",
        frequentie="Eenmalig",
        startmaand=2,
        geldstroom="Schuldhulp",
        betaler="Gemeente",
    )
    kassabon_totalen(page, "6.000,00", "5.625,00", "4.000,00", "1.625,00", "2.000,00", 12)
    reis.controleer(f"Kassabon {SCENARIO_B} (12 maanden)")


def vergelijken_en_kiezen(reis: Reis):
    page = reis.page
    page.get_by_role("link", name="Alle scenario's").click()
    expect(page.get_by_role("heading", name="Oplossingsscenario's")).to_be_visible()
    reis.controleer("Scenario's, twee")
    page.get_by_role("link", name="Scenario's vergelijken").click()
    expect(page.get_by_role("heading", name="Scenario's naast elkaar")).to_be_visible()
    tabel = page.locator("table.omo-vergelijking")
    expect(tabel.locator("thead").get_by_role("columnheader")).to_have_text(
        [SCENARIO_A, SCENARIO_B]
    )

    def rij(label):
        return tabel.locator(
            "tr", has=page.get_by_role("rowheader", name=label, exact=True)
        ).locator("td")

    expect(rij("Huidige situatie")).to_have_text([euro("6.000,00"), euro("6.000,00")])
    expect(rij("Dreigend scenario (verwacht, met kans)")).to_have_text(
        [euro("3.000,00"), euro("5.625,00")]
    )
    expect(rij("Met doorbraak")).to_have_text([euro("2.400,00"), euro("4.000,00")])
    expect(rij("Ten opzichte van het dreigend scenario")).to_have_text(
        [euro("600,00"), euro("1.625,00")]
    )
    expect(rij("Aantal wettelijke grondslagen")).to_have_text(["1", "0"])
    reis.controleer("Scenario's vergelijken")

    page.get_by_role("link", name=SCENARIO_B).click()
    expect(page.get_by_role("heading", name=SCENARIO_B, level=2)).to_be_visible()
    page.get_by_role("button", name="Dit scenario kiezen").click()
    reis.melding(f"Scenario ‘{SCENARIO_B}’ is gekozen.")
    expect(page.get_by_role("heading", name=SCENARIO_B, level=2)).to_contain_text("Gekozen")
    reis.controleer("Gekozen scenario")


def besluit_vastleggen(reis: Reis, code: str):
    page = reis.page
    reis.open_casus(code)
    page.get_by_role("link", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", name="Besluit vastleggen")).to_be_visible()
    reis.controleer("Besluitformulier")
    page.get_by_label("Akkoord").check()
    page.get_by_label("Scenario waarmee wordt ingestemd").select_option(label=SCENARIO_B)
    page.get_by_role("button", name="Besluit vastleggen").click()

    expect(page.get_by_text("Een besluit heeft altijd een motivering.")).to_be_visible()
    expect(page.get_by_label("Akkoord")).to_be_checked()
    expect(
        page.get_by_label("Scenario waarmee wordt ingestemd").locator("option:checked")
    ).to_have_text(SCENARIO_B)
    reis.controleer("Besluitformulier met foutmelding")

    page.get_by_label("Motivering").fill(
        "Saneren voorkomt opvang; de corporatie werkt mee. Past binnen het mandaat."
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    reis.melding("Het besluit is vastgelegd.")
    besluit = page.get_by_role("region", name="Laatste besluit")
    expect(besluit).to_contain_text(f"Akkoord — {SCENARIO_B}")
    expect(page.locator(".omo-status")).to_have_text("Besloten")
    reis.controleer("Casusoverzicht na besluit")


def plan_maken(reis: Reis, code: str) -> datetime.date:
    page = reis.page
    reis.open_casus(code)
    page.get_by_role("link", name="Doorbraakplan maken").click()
    expect(page.get_by_role("heading", name="Doorbraakplan", exact=True)).to_be_visible()
    reis.controleer("Plan en monitoring, nog geen plan")
    page.get_by_role("link", name="Doorbraakplan opstellen").click()
    expect(page.get_by_role("heading", name="Doorbraakplan opstellen")).to_be_visible()
    expect(page.get_by_text(f"het gekozen scenario ‘{SCENARIO_B}’")).to_be_visible()
    reis.controleer("Doorbraakplan opstellen")

    start = datetime.date.today()
    deadline = start + datetime.timedelta(days=14)
    page.get_by_label("Concreet doel").fill(
        "Binnen zes maanden schuldenvrij en de huur weer op tijd betaald."
    )
    page.get_by_label("Regisseur").fill("Sanne, Wijkteam Noord")
    page.get_by_role("group", name="Is het plan met de inwoner besproken?").get_by_label(
        "Ja", exact=True
    ).check()
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_label("Wat moet er gebeuren (actie 1)").fill("Aanvraag saneringskrediet indienen")
    page.get_by_label("Eigenaar (actie 1)").fill("Kredietbank")
    page.get_by_label("Uiterlijk op (actie 1)").fill(deadline.isoformat())
    page.get_by_role("button", name="Plan vaststellen").click()

    reis.melding("Het doorbraakplan is vastgesteld; de casus is in uitvoering.")
    plan = page.locator("dl.omo-plan")
    expect(plan).to_contain_text(SCENARIO_B)
    expect(plan).to_contain_text("Sanne, Wijkteam Noord")
    expect(page.get_by_role("table", name="Acties van het doorbraakplan")).to_contain_text(
        "Aanvraag saneringskrediet indienen"
    )
    expect(page.locator(".omo-status")).to_have_text("In uitvoering")
    reis.controleer("Doorbraakplan vastgesteld")
    return start


def evaluatie_vastleggen(reis: Reis, casus: Casus):
    page = reis.page
    page.get_by_role("link", name="Evaluatie na 3 maanden").click()
    expect(page.get_by_role("heading", name="Evaluatie na 3 maanden")).to_be_visible()
    reis.controleer("Evaluatie na 3 maanden")
    page.get_by_label("Doorgaan").check()
    page.get_by_label("Toelichting").fill("Krediet is rond; de huur wordt weer betaald.")
    scores = {
        "Wonen": "4 – voldoende zelfredzaam",
        "Financiën en schulden": "3 – beperkt zelfredzaam",
    }
    for leefgebied, score in scores.items():
        page.get_by_role("group", name=re.compile(rf"^{leefgebied}\*?$")).get_by_label(
            score
        ).check()
    page.get_by_role("button", name="Evaluatie vastleggen").click()

    reis.melding("De evaluatie is vastgelegd.")
    expect(page.get_by_text("Vastgelegd: Doorgaan")).to_be_visible()
    tabel = page.get_by_role("table", name="Zelfredzaamheid bij deze evaluatie")
    for leefgebied, score in scores.items():
        expect(
            tabel.locator("tr", has=page.get_by_role("rowheader", name=leefgebied)).locator("td")
        ).to_have_text(score)
    reis.controleer("Evaluatie vastgelegd")
    evaluatie = Evaluatie.objects.get(casus=casus, maand=3)
    assert evaluatie.uitkomst == Evaluatie.Uitkomst.DOORGAAN
    assert {z.leefgebied.naam: z.score for z in evaluatie.scores.select_related("leefgebied")} == {
        "Wonen": 4,
        "Financiën en schulden": 3,
    }


def tijdlijn_bekijken(reis: Reis):
    page = reis.page
    reis.tab("Tijdlijn")
    expect(page.get_by_role("heading", name="Tijdlijn", level=2)).to_be_visible()
    tijdlijn = page.locator("ol.omo-tijdlijn")
    for stap in [
        "Casus aangemeld",
        "Voorbereiding starten",
        "Scenario ‘Huurachterstand overbruggen met lening’ toegevoegd",
        f"Scenario ‘{SCENARIO_B}’ gekozen",
        f"Besluit: Akkoord ({SCENARIO_B})",
        f"Doorbraakplan opgesteld vanuit scenario ‘{SCENARIO_B}’",
        "Evaluatie na 3 maanden: Doorgaan",
    ]:
        expect(tijdlijn).to_contain_text(stap)
    per_status = page.get_by_role("table", name="Tijd per status")
    for status in ["Aangemeld", "In voorbereiding", "Besloten", "In uitvoering"]:
        expect(per_status.get_by_role("rowheader", name=status, exact=True)).to_be_visible()
    reis.controleer("Tijdlijn")


# --- The journey -------------------------------------------------------------------------------


def test_consulent_walks_the_maatwerkreis(
    page, live_server, consulent, omo_functionaris, console_errors
):
    reis = Reis(page, console_errors)

    reis.inloggen(consulent)
    code = casus_aanmelden(reis)
    canvas_invullen(reis)
    scenarios_uitwerken(reis)
    vergelijken_en_kiezen(reis)
    reis.uitloggen()

    reis.inloggen(omo_functionaris)
    besluit_vastleggen(reis, code)
    reis.uitloggen()

    reis.inloggen(consulent)
    plan_maken(reis, code)
    casus = Casus.objects.get(code=code)
    evaluatie_vastleggen(reis, casus)
    tijdlijn_bekijken(reis)

    casus.refresh_from_db()
    assert casus.status == Status.IN_UITVOERING
    assert casus.canvas.aan_de_hand == "Vader met psychose, huurachterstand van vier maanden."
    assert casus.scenarios.get(gekozen=True).titel == SCENARIO_B
    assert not console_errors, "\n".join(console_errors)
