"""Reports in a real browser, walked as their users would: by the menu, notifications, links and
buttons, never by typing a URL.

(a) The OMO-functionaris gets the notification that the concept of last quarter's report is
    ready, opens it and writes the five sections; autosave is seen to work (the page is reloaded
    and the texts are still there). Finalising with a section still empty is refused with a Dutch
    message and changes nothing; with all five written the report becomes definitief, and the
    PDFs are rendered by the task it queued (run here as the worker would).
(b) A College member finds the notification, opens the report and downloads the PDF: a real PDF
    with the report's texts and no personal data, whose checksum is the one the page shows; the
    download is in the access log. The report is in the list of reports.
(c) Beleid opens the dashboard (two periods), the patronen and the structurele signalen (list and
    one of each): figures, but no case code, pseudonym, dossier number or knelpunt text anywhere
    in the page, and no link to a case page.

The data are the demo data (cases, money, escalations, knelpunt groups and patronen), built
through the loaders and services; the concept is made by the same service as the 06:00 task.
On every page axe-core checks WCAG 2.1 AA (0 violations) and the console stays free of errors.
"""

import hashlib
import io
import re
from html import unescape as html_unescape

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect
from pypdf import PdfReader

from casussen.models import Casus, Knelpunt
from omo.management.commands.demo_data import Command as DemoData
from omo.models import Notificatie, Toegangslog, User
from rapportage.models import SECTIES, Patroon, Rapport, RapportBestand
from rapportage.services import rapporten as rapport_services
from rapportage.services import signalen as signaal_services
from tests.conftest import PASSWORD
from tests.e2e.test_casus_reis import Reis, referentiedata  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CASUSCODE = re.compile(r"OMO-\d{4}-\d{3,}")

TEKSTEN = {
    "samenvatting": "Dit kwartaal liepen elf huishoudens vast; zeven kregen een doorbraak.",
    "bevindingen": "Voorrangsverzoeken aan landelijke organisaties duren het langst.",
    "leerpunten": "Een volledig canvas met drie situaties versnelt het besluit in het overleg.",
    "signalen": "Het partnerbegrip bij toeslagen na een adreswijziging blijft knellen.",
    "aanbevelingen": "Maak met de Belastingdienst een afspraak over dubbele bewoning.",
}
SECTIENAAM = {code: str(naam) for code, naam in SECTIES}


@pytest.fixture
def wereld(referentiedata):  # noqa: F811
    """The demo accounts (with the test password), the demo cases with their money and
    escalations, the knelpunt groups and the patronen of the demo; no reports yet."""
    from budget import demo as budget_demo
    from casussen import demo as casus_demo
    from escalatie import demo as escalatie_demo
    from rapportage import demo as rapportage_demo

    DemoData().load()
    for user in User.objects.all():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    casus_demo.load()
    budget_demo.load()
    escalatie_demo.load()
    signaal_services.indelen_alle()
    users = {u.username: u for u in User.objects.filter(username__in=["omo", "college", "beleid"])}
    rapportage_demo.laad_patronen(users["beleid"], io.StringIO())
    assert Casus.objects.count() >= 10 and Patroon.objects.count() >= 3
    return users


@pytest.fixture
def taken(monkeypatch):
    """The report ids whose PDF task was queued (no worker runs in this test)."""
    from rapportage import tasks

    wachtrij = []
    monkeypatch.setattr(tasks.rapport_renderen, "delay_on_commit", lambda pk: wachtrij.append(pk))
    return wachtrij


def persoonsgegevens() -> list[str]:
    """Every case code, pseudonym and dossier number in the database, and the free text of every
    knelpunt (it may describe the household; beleid and the College never read it)."""
    waarden = []
    for code, pseudoniem, dossier in Casus.objects.values_list("code", "pseudoniem", "dossiernummer"):
        waarden += [w for w in (code, pseudoniem, dossier) if w and w.strip()]
    assert len(waarden) >= 30
    teksten = [" ".join(t.split()) for t in Knelpunt.objects.values_list("beschrijving", flat=True) if t.strip()]
    assert teksten
    return waarden + teksten


def geen_persoonsgegevens(reis: Reis, wat: str, verboden: list[str]):
    """Nothing in the page (its whole HTML, hidden parts included) that points at a household."""
    html = " ".join(html_unescape(reis.page.content()).split())
    gevonden = [w for w in verboden if w in html]
    assert not gevonden, f"{wat}: persoonsgegevens op de pagina: {gevonden}"
    assert not CASUSCODE.search(html), f"{wat}: casuscode op de pagina: {CASUSCODE.search(html).group(0)}"
    links = reis.page.locator("a[href*='/casussen/']")
    assert links.count() == 0, f"{wat}: links naar casussen: {links.evaluate_all('a => a.map(x => x.href)')}"


def meldingen(reis: Reis):
    page = reis.page
    reis.gebruikersmenu()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile(r"^Meldingen")).click()
    expect(page.get_by_role("heading", name="Meldingen", level=1)).to_be_visible()
    reis.controleer("Meldingen")


# --- (a) The OMO-functionaris finalises ----------------------------------------------------------


def sectie(page, code):
    return page.get_by_label(SECTIENAAM[code], exact=True)


def schrijf(reis: Reis, code: str):
    """Type a section and let the autosave run (the page's 1.5 s debounce is fast-forwarded)."""
    page = reis.page
    sectie(page, code).fill(TEKSTEN[code])
    page.clock.run_for(2000)
    expect(page.locator(f"#status-{code}")).to_have_text(re.compile(r"^\s*Opgeslagen om \d{2}:\d{2}\s*$"))


def rapport_afronden(reis: Reis, omo, rapport: Rapport, taken: list):
    page = reis.page
    reis.inloggen(omo)
    meldingen(reis)
    page.get_by_role("link", name=re.compile(rf"concept van de {rapport.titel} staat klaar")).click()
    expect(page.get_by_role("heading", name=rapport.titel, level=1)).to_contain_text("Concept")
    reis.controleer("Concept van de kwartaalrapportage")

    for code in ("samenvatting", "bevindingen", "leerpunten", "signalen"):
        schrijf(reis, code)
    reis.controleer("Concept met vier onderdelen opgeslagen")

    # Autosave, not the submit button, stored the texts: they are there after a reload.
    page.reload()
    for code in ("samenvatting", "bevindingen", "leerpunten", "signalen"):
        expect(sectie(page, code)).to_have_value(TEKSTEN[code])
    expect(sectie(page, "aanbevelingen")).to_have_value("")
    reis.controleer("Concept na herladen")

    # Aanbevelingen is still empty: finalising is refused and nothing changes.
    page.get_by_role("link", name="Definitief maken…").click()
    expect(page.get_by_role("heading", name=f"{rapport.titel} definitief maken")).to_be_visible()
    waarschuwing = page.get_by_role("alert")
    expect(waarschuwing).to_contain_text("Deze onderdelen zijn nog leeg; vul ze eerst in:")
    expect(waarschuwing.get_by_role("listitem")).to_have_text(["Aanbevelingen"])
    expect(page.get_by_role("button", name="Ja, definitief maken")).to_have_count(0)
    reis.controleer("Definitief maken geweigerd")
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.CONCEPT and rapport.definitief_op is None
    assert rapport.aanbevelingen == "" and not taken

    page.get_by_role("link", name="Terug naar de rapportage").click()
    expect(page.get_by_role("heading", name=rapport.titel, level=1)).to_be_visible()
    schrijf(reis, "aanbevelingen")
    page.get_by_role("link", name="Definitief maken…").click()
    expect(page.get_by_role("heading", name=f"{rapport.titel} definitief maken")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    reis.controleer("Definitief maken bevestigen")
    page.get_by_role("button", name="Ja, definitief maken").click()

    reis.melding("De rapportage is definitief.")
    expect(page.get_by_role("heading", name=rapport.titel, level=1)).to_contain_text("Definitief")
    expect(page.get_by_text("De PDF's worden gemaakt.")).to_be_visible()
    for code, tekst in TEKSTEN.items():
        expect(page.get_by_role("heading", name=SECTIENAAM[code], exact=True)).to_be_visible()
        expect(page.get_by_text(tekst)).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)
    reis.controleer("Definitieve rapportage, PDF wordt gemaakt")

    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.DEFINITIEF and rapport.definitief_door == omo
    assert {code: getattr(rapport, code) for code in TEKSTEN} == TEKSTEN
    assert taken == [rapport.pk]
    rapport_services.render_pdfs(taken.pop())  # what the worker does with the queued task

    page.reload()
    expect(page.get_by_role("link", name="Rapportage voor het College downloaden")).to_be_visible()
    expect(page.get_by_role("link", name="Publieksversie downloaden")).to_be_visible()
    reis.controleer("Definitieve rapportage met PDF's")
    reis.uitloggen()


# --- (b) A College member downloads it -----------------------------------------------------------


def college_downloadt(reis: Reis, college, rapport: Rapport, verboden: list[str]):
    page = reis.page
    reis.inloggen(college)
    meldingen(reis)
    page.get_by_role("link", name=f"De {rapport.titel} is definitief en staat klaar in OMO.").click()
    expect(page.get_by_role("heading", name=rapport.titel, level=1)).to_contain_text("Definitief")
    expect(page.get_by_text(TEKSTEN["aanbevelingen"])).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name="Nieuwe versie maken (correctie)")).to_have_count(0)
    geen_persoonsgegevens(reis, "Rapportage voor het College", verboden)
    reis.controleer("Definitieve rapportage voor het College")

    bestand = RapportBestand.objects.get(rapport=rapport, variant=RapportBestand.Variant.VOLLEDIG)
    expect(page.locator("code")).to_have_text(bestand.sha256)
    voor = Toegangslog.objects.count()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapportage voor het College downloaden").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == rapport_services.bestandsnaam(rapport, RapportBestand.Variant.VOLLEDIG)
    inhoud = open(download.path(), "rb").read()
    assert inhoud.startswith(b"%PDF-")
    assert hashlib.sha256(inhoud).hexdigest() == bestand.sha256
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    vlak = " ".join(tekst.split())
    for zin in TEKSTEN.values():
        assert zin in vlak, zin
    assert not CASUSCODE.search(tekst)
    assert not [w for w in verboden if w in vlak]

    # The download is in the access log: who, which file, which path.
    assert Toegangslog.objects.count() == voor + 1
    log = Toegangslog.objects.latest("pk")
    assert log.gebruiker == college
    assert log.object_type == ContentType.objects.get_for_model(RapportBestand)
    assert log.object_id == str(bestand.pk)
    assert log.pad.endswith(f"/rapportages/{rapport.pk}/pdf/volledig/")

    # The report is also in the list of reports, with its two PDFs.
    reis.menu("Rapportages")
    expect(page.get_by_role("heading", name="Rapportages", level=1)).to_be_visible()
    rij = page.get_by_role("row").filter(has=page.get_by_role("link", name=rapport.titel, exact=True))
    expect(rij).to_contain_text("Definitief")
    expect(rij.get_by_role("link", name=re.compile(r"^(Voor het College|Publieksversie) "))).to_have_count(2)
    geen_persoonsgegevens(reis, "Rapportages voor het College", verboden)
    reis.controleer("Rapportages voor het College")
    reis.uitloggen()


# --- (c) Beleid sees aggregates only ------------------------------------------------------------


def beleid_kijkt(reis: Reis, beleid, verboden: list[str]):
    page = reis.page
    reis.inloggen(beleid)
    reis.menu("Dashboard")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_text("Alleen totalen: er staan geen gegevens van huishoudens op deze pagina.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Cijfers van "))).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    geen_persoonsgegevens(reis, "Dashboard", verboden)
    reis.controleer("Dashboard voor beleid")

    page.get_by_role("link", name="Dit jaar", exact=True).click()
    expect(page.get_by_role("link", name="Dit jaar", exact=True)).to_have_attribute("aria-current", "true")
    geen_persoonsgegevens(reis, "Dashboard, dit jaar", verboden)
    reis.controleer("Dashboard voor beleid, dit jaar")

    reis.menu("Patronen")
    expect(page.get_by_role("heading", name="Patronen", level=1)).to_be_visible()
    titels = list(Patroon.objects.values_list("titel", flat=True))
    for titel in titels:
        expect(page.get_by_role("link", name=titel, exact=True)).to_be_visible()
    geen_persoonsgegevens(reis, "Patronen", verboden)
    reis.controleer("Patronen voor beleid")
    patroon = Patroon.objects.filter(knelpunten__isnull=False).order_by("pk").first() or Patroon.objects.first()
    page.get_by_role("link", name=patroon.titel, exact=True).click()
    expect(page.get_by_role("heading", name=patroon.titel)).to_be_visible()
    geen_persoonsgegevens(reis, "Patroon", verboden)
    reis.controleer("Patroon voor beleid")

    reis.menu("Signalen")
    expect(page.get_by_role("heading", name="Structurele signalen", level=1)).to_be_visible()
    rijen = page.get_by_role("table").locator("tbody tr")
    expect(rijen.first).to_be_visible()
    geen_persoonsgegevens(reis, "Structurele signalen", verboden)
    reis.controleer("Structurele signalen voor beleid")
    rijen.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    geen_persoonsgegevens(reis, "Structureel signaal", verboden)
    reis.controleer("Structureel signaal voor beleid")
    reis.uitloggen()


# --- The journeys --------------------------------------------------------------------------------


def test_omo_finalises_and_college_downloads(page, live_server, wereld, taken, console_errors):
    page.clock.install()
    reis = Reis(page, console_errors)
    rapport = rapport_services.maak_kwartaalconcept()  # what the 06:00 task does on the first werkdag
    assert rapport is not None and rapport.status == Rapport.Status.CONCEPT
    verboden = persoonsgegevens()

    rapport_afronden(reis, wereld["omo"], rapport, taken)
    college_downloadt(reis, wereld["college"], rapport, verboden)
    assert Notificatie.objects.filter(gebruiker=wereld["beleid"], link=f"/rapportages/{rapport.pk}/").count() == 1
    assert not console_errors, "\n".join(console_errors)


def test_beleid_sees_the_dashboard_without_personal_data(page, live_server, wereld, console_errors):
    reis = Reis(page, console_errors)
    beleid_kijkt(reis, wereld["beleid"], persoonsgegevens())
    assert not console_errors, "\n".join(console_errors)


