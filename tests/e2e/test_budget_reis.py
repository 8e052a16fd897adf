"""Money for a case in a real browser, as its users would do it: by the menu, links and buttons.
A consulent asks two amounts from the OMO-fonds for the chosen scenario; the budget holder
finds them in the inbox with what a decision needs, approves one and rejects the other — first
without the required reason, which is refused with the input kept; the consulent sees both
outcomes, with the reason, on the case's money tab. axe-core: 0 WCAG 2.1 AA violations on every
page visited."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from budget.models import Aanvraag, Fonds, Rekening
from budget.services import grootboek
from tests.e2e.test_casus_reis import Reis, referentiedata  # noqa: F401  (fixture)
from tests.escalatie.conftest import (  # noqa: F401  (fixtures)
    consulent,
    geldstroom,
    klare_casus,
    leefgebied,
    make_casus,
    team_a,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wereld(make_user, referentiedata, klare_casus, team_a):  # noqa: F811
    sanne = make_user("consulent", username="sanne", first_name="Sanne", last_name="Jacobs", team=team_a)
    bram = make_user("budgethouder", username="bram", first_name="Bram", last_name="de Wit")
    fonds = Fonds.objects.create(
        naam="OMO-fonds", soort=Fonds.Soort.OMO_FONDS, mandaat=Decimal("25000"), jaareinde=Fonds.Jaareinde.OVERHEVELEN,
        kostenplaats="KP-6710", grootboeknummer="4430100", leningen_toegestaan=True,
    )
    fonds.budgethouders.set([bram])
    grootboek.toewijzen(fonds.pk, Decimal("10000"), None, "Begroting 2026")
    casus = klare_casus(casushouder=sanne, titel="Huurachterstand na ziekenhuisopname")
    return {"consulent": sanne, "houder": bram, "fonds": fonds, "casus": casus}


def aanvragen(reis: Reis, w, bedrag: str, doel: str):
    page = reis.page
    reis.open_casus(w["casus"].code)
    page.get_by_role("link", name="Geld aanvragen").first.click()
    expect(page.get_by_role("heading", name="Geld aanvragen")).to_be_visible()
    reis.controleer("Aanvraagformulier")
    page.get_by_label("Fonds").select_option(label="OMO-fonds — nog €\u00a010.000,00 beschikbaar")
    page.get_by_label("Bedrag (euro)").fill(bedrag)
    page.get_by_label("Waarvoor is het geld?").fill(doel)
    page.get_by_label("Waarom is het extra geld noodzakelijk?").fill("Zonder betaling volgt ontruiming.")
    page.get_by_label(re.compile("Wat gebeurt er als het geld niet wordt uitgegeven")).fill(
        "Het gezin komt op straat; opvang kost veel meer.")
    page.get_by_label(re.compile("Waarom kan regulier geld niet worden ingezet")).fill(
        "Bijzondere bijstand vergoedt geen schulden.")
    page.get_by_label("Welke reguliere routes zijn geprobeerd?").fill("Bijzondere bijstand en schuldhulp.")
    page.get_by_role("button", name="Indienen").click()
    reis.melding("De aanvraag is ingediend")
    expect(page.get_by_role("heading", name=re.compile("^Aanvraag van"))).to_be_visible()
    reis.controleer("Aanvraag na indienen")


def beslissen(reis: Reis, w):
    page = reis.page
    reis.inloggen(w["houder"])
    reis.menu("Aanvragen")
    expect(page.get_by_role("heading", name="Aanvragen te beslissen")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(2)
    expect(page.get_by_text("Zonder betaling volgt ontruiming.").first).to_be_visible()
    reis.controleer("Inbox van de budgethouder")

    # Approve the rent arrears.
    page.get_by_role("article").filter(has_text="Huurachterstand betalen").get_by_role("link", name="Beslissen").click()
    expect(page.get_by_role("heading", name="Besluit")).to_be_visible()
    reis.controleer("Aanvraag beslissen")
    page.get_by_label("Goedkeuren").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    reis.melding("Goedgekeurd: €\u00a01.250,00 is gereserveerd")
    reis.controleer("Inbox na goedkeuren")

    # Reject the laptop: first without a reason.
    page.get_by_role("article").filter(has_text="Laptop").get_by_role("link", name="Beslissen").click()
    page.get_by_label("Afwijzen").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Een afwijzing heeft altijd een reden.")).to_be_visible()
    expect(page.get_by_label("Afwijzen")).to_be_checked()
    reis.controleer("Afwijzen zonder reden")
    page.get_by_label("Motivering").fill("Valt onder de reguliere bijzondere bijstand; vraag die eerst aan.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    reis.melding("Afgewezen")
    expect(page.get_by_text("Er wachten geen aanvragen op jouw besluit.")).to_be_visible()

    reis.menu("Fondsen")
    rij = page.get_by_role("row").filter(has_text="OMO-fonds")
    expect(rij).to_contain_text("€\u00a08.750,00")  # beschikbaar
    expect(rij).to_contain_text("€\u00a01.250,00")  # gereserveerd
    reis.controleer("Fondsenoverzicht")
    page.get_by_role("link", name="OMO-fonds").click()
    expect(page.get_by_role("heading", name=re.compile("^OMO-fonds"))).to_be_visible()
    reis.controleer("Boekingen van het fonds")
    reis.uitloggen()


def uitkomst_zien(reis: Reis, w):
    page = reis.page
    reis.inloggen(w["consulent"])
    reis.open_casus(w["casus"].code)
    reis.tab("Geld")
    tabel = page.get_by_role("table")
    expect(tabel.get_by_role("row").filter(has_text="Huurachterstand betalen")).to_contain_text("Goedgekeurd")
    afgewezen = tabel.get_by_role("row").filter(has_text="Laptop")
    expect(afgewezen).to_contain_text("Afgewezen")
    expect(afgewezen).to_contain_text("Valt onder de reguliere bijzondere bijstand")
    reis.controleer("Geld van de casus")
    page.get_by_role("link", name=re.compile("^Laptop")).click()
    expect(page.get_by_text("Valt onder de reguliere bijzondere bijstand; vraag die eerst aan.")).to_be_visible()
    reis.controleer("Afgewezen aanvraag")


def test_consulent_vraagt_geld_en_budgethouder_beslist(page, live_server, wereld, console_errors):
    reis = Reis(page, console_errors)
    reis.inloggen(wereld["consulent"])
    aanvragen(reis, wereld, "1250,00", "Huurachterstand betalen aan de woningcorporatie")
    aanvragen(reis, wereld, "640,00", "Laptop voor de oudste voor school")
    reis.uitloggen()
    beslissen(reis, wereld)
    uitkomst_zien(reis, wereld)

    goed, af = (Aanvraag.objects.get(doel__startswith=d) for d in ("Huurachterstand", "Laptop"))
    assert (goed.status, goed.gereserveerd, goed.besloten_door) == ("goedgekeurd", Decimal("1250.00"), wereld["houder"])
    assert af.status == "afgewezen" and af.gereserveerd == 0
    saldi = grootboek.saldi(wereld["fonds"].pk)
    assert (saldi[Rekening.Soort.BESCHIKBAAR], saldi[Rekening.Soort.GERESERVEERD]) == (Decimal("8750.00"), Decimal("1250.00"))
