"""The weekly OMO-overleg in a real browser, run as a new OMO-functionaris would: by the menu,
links and buttons. A consulent agendas a case; the OMO-functionaris opens the meeting mode,
uses the timer (the browser's clock is controlled, never waited for), records three outcomes
(akkoord, bezinning — first without the required motivation —, escaleren) and closes the
meeting; a real Celery worker makes the verslag and mails it once. The wethouder decides the
escalation from the inbox, and an external contact acknowledges a verzoek through the link in
the e-mail. axe-core: 0 WCAG 2.1 AA violations on every page visited.
"""

import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from casussen.models import Besluit, Organisatie, Status
from escalatie.models import (
    Agendapunt,
    Contactpersoon,
    Escalatie,
    Overleg,
    Overlegreeks,
    Verslag,
    Verzoek,
)
from escalatie.services import overleg as overleg_services
from escalatie.services import verzoek as verzoek_services
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
    team = team_a
    sanne = make_user("consulent", username="sanne", first_name="Sanne", last_name="Jacobs", team=team)
    omo = make_user("omo", username="ilse", first_name="Ilse", last_name="Vossen")
    coach = make_user("maatwerkcoach", username="ruud", first_name="Ruud", last_name="Hermans", team=team)
    wethouder = make_user("portefeuillehouder", username="anja", first_name="Anja", last_name="Custers")
    reeks = Overlegreeks.objects.create(
        naam="Wekelijks OMO-overleg", weekdag=Overlegreeks.Weekdag.DINSDAG, begintijd=timezone.datetime(2026, 1, 1, 10).time(),
        locatie="Stadhuis, kamer 2.14", voorzitter=omo,
    )
    reeks.vaste_deelnemers.set([coach])
    overleg_services.plan_overleggen()
    now = timezone.now()
    overleg = overleg_services.eerstvolgende_overleg(now)
    akkoord = klare_casus(casushouder=sanne, titel="Huurachterstand na ziekenhuisopname")
    bezinning = klare_casus(casushouder=sanne, titel="Schoolvervoer tijdens revalidatie")
    escaleren = klare_casus(casushouder=sanne, titel="Urgentie buiten de verordening")
    for casus in (akkoord, bezinning):
        overleg_services.dien_in(casus.pk, sanne, f"Akkoord met ‘{casus.scenario.titel}’?", overleg.pk, now=now)
    organisatie = Organisatie.objects.get(naam="Woningcorporatie")
    contact = Contactpersoon.objects.create(organisatie=organisatie, naam="Marieke Smeets", rol="Teamleider huurincasso",
                                            mandaat="Ontruimingen uitstellen", email="marieke@example.org")
    verzoek = verzoek_services.stuur_verzoek(akkoord.pk, sanne, contact.pk, "Ontruiming uitstellen",
                                             "Kan de ontruiming vier weken wachten?", now=now)
    return {"consulent": sanne, "omo": omo, "coach": coach, "wethouder": wethouder, "overleg": overleg,
            "akkoord": akkoord, "bezinning": bezinning, "escaleren": escaleren, "verzoek": verzoek}


def agenderen_door_consulent(reis: Reis, w):
    page = reis.page
    reis.inloggen(w["consulent"])
    reis.open_casus(w["escaleren"].code)
    page.get_by_role("link", name="Agenderen voor het OMO-overleg").click()
    expect(page.get_by_role("heading", name="Agenderen voor het OMO-overleg")).to_be_visible()
    reis.controleer("Agenderen")
    page.get_by_role("button", name="Agenderen").click()
    expect(page.get_by_text("Schrijf op welke vraag het overleg moet beantwoorden.")).to_be_visible()
    reis.controleer("Agenderen met foutmelding")
    page.get_by_role("combobox", name=re.compile(r"^Overleg")).select_option(str(w["overleg"].pk))
    page.get_by_label("Vraag aan het overleg").fill("Kan urgentie buiten de verordening? Zo niet: escaleren.")
    page.get_by_role("button", name="Agenderen").click()
    reis.melding("De casus staat op de agenda")
    expect(page.locator(".omo-status")).to_have_text("Geagendeerd")
    reis.controleer("Casus na agenderen")
    reis.uitloggen()


def vergadering(reis: Reis, w):
    page = reis.page
    overleg = w["overleg"]
    reis.inloggen(w["omo"])
    reis.menu("Overleg")
    expect(page.get_by_role("heading", name="OMO-overleg", level=1)).to_be_visible()
    reis.controleer("Overleglijst")
    page.locator(f'a[href="/overleg/{overleg.pk}/"]').click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_text("Huurachterstand na ziekenhuisopname").first).to_be_visible()
    reis.controleer("Agenda met samenvattingen en kassabonnen")
    page.get_by_role("link", name="Vergadermodus").click()
    expect(page.get_by_role("heading", name="Vergadermodus")).to_be_visible()
    reis.controleer("Vergadermodus, eerste punt")

    page.get_by_role("button", name="Overleg starten").click()
    reis.melding("Het overleg is gestart.")

    # The timebox: 15 minutes of questions; one minute later 14:00 is left, then the solution.
    timer = page.locator(".omo-timer")
    expect(timer.locator(".omo-timer-tijd")).to_have_text("15:00")
    page.get_by_role("button", name="Start", exact=True).click()
    page.clock.run_for("01:00")
    expect(timer.locator(".omo-timer-tijd")).to_have_text("14:00")
    page.get_by_role("button", name="Naar de oplossing").click()
    expect(timer.locator("[aria-live]")).to_have_text(re.compile("Oplossing: 15 minuten"))
    page.get_by_role("button", name="Pauze").click()

    # 1. Akkoord with the scenario and an action item.
    form = page.locator("form", has=page.get_by_role("heading", name="Uitkomst vastleggen"))
    form.get_by_label("Besluit akkoord").check()
    form.get_by_label("Scenario").select_option(label=w["akkoord"].scenario.titel)
    form.get_by_label("Motivering").fill("Goedkoper en menselijker dan een huisuitzetting.")
    form.get_by_label("Actiepunt 1", exact=True).fill("Lening regelen met de kredietbank")
    form.get_by_label("Eigenaar actiepunt 1").fill("Sanne Jacobs")
    form.get_by_label("Uiterlijk (actiepunt 1)").fill((timezone.localdate() + timezone.timedelta(days=14)).isoformat())
    form.get_by_role("button", name="Uitkomst vastleggen").click()
    reis.melding(f"Uitkomst vastgelegd voor {w['akkoord'].code}: Besluit akkoord.")
    reis.controleer("Vergadermodus, tweede punt")

    # 2. Bezinningsperiode: first without the motivation the inwoner must be able to follow.
    form = page.locator("form", has=page.get_by_role("heading", name="Uitkomst vastleggen"))
    form.get_by_label("Bezinningsperiode").check()
    form.get_by_label("Te verkennen alternatieven").fill("Vervoer via de school of een vrijwilliger")
    form.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(page.get_by_text("moet aan de inwoner uit te leggen zijn").first).to_be_visible()
    expect(page.get_by_label("Te verkennen alternatieven")).to_have_value("Vervoer via de school of een vrijwilliger")
    reis.controleer("Vergadermodus met foutmelding")
    page.get_by_label("Motivering").fill("Er zijn goedkopere alternatieven die we eerst samen met het gezin verkennen.")
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    reis.melding("Bezinningsperiode")

    # 3. Escaleren to the portefeuillehouder.
    form = page.locator("form", has=page.get_by_role("heading", name="Uitkomst vastleggen"))
    expect(page.get_by_role("heading", name=re.compile(w["escaleren"].code))).to_be_visible()
    form.get_by_label("Escaleren", exact=True).check()
    form.get_by_label("Escaleren naar").select_option(label="Portefeuillehouder")
    form.get_by_label("Reden van escalatie").select_option(label="Oplossing buiten bestaande kaders")
    form.get_by_label("Vraag aan het hogere niveau").fill("Mag urgentie worden verleend buiten de verordening?")
    form.get_by_role("button", name="Uitkomst vastleggen").click()
    reis.melding(f"Uitkomst vastgelegd voor {w['escaleren'].code}: Escaleren.")
    expect(page.get_by_text("Alle punten zijn besproken.")).to_be_visible()
    reis.controleer("Vergadermodus, alles besproken")

    page.get_by_role("link", name="Overleg sluiten").click()
    expect(page.get_by_role("heading", name=re.compile("sluiten"))).to_be_visible()
    reis.controleer("Overleg sluiten")
    page.get_by_label("Overige aanwezigen").fill("Jan Hermans (Woningcorporatie)")
    if overleg.datum > timezone.localdate():
        # The meeting is planned for a later day: closing it now is a choice the page asks for.
        expect(page.get_by_role("alert")).to_contain_text("die dag is nog niet geweest")
        page.get_by_label(re.compile("Ja, sluit dit overleg nu al")).check()
    page.get_by_role("button", name="Overleg sluiten en verslag versturen").click()
    reis.melding("Het overleg is gesloten.")
    reis.controleer("Overleg na sluiten")


def verslag_controleren(reis: Reis, w):
    """The worker made the verslag and the outbox mailed it once; the chair downloads it."""
    page = reis.page
    overleg = w["overleg"]
    for _ in range(60):
        if Verslag.objects.filter(overleg=overleg).exists() and mail.outbox:
            break
        page.wait_for_timeout(250)  # the worker runs in its own thread; this waits for it, not for a clock
    assert Verslag.objects.filter(overleg=overleg).count() == 1
    verslagmails = [m for m in mail.outbox if m.subject.startswith("Verslag")]
    assert len(verslagmails) == 1
    assert set(verslagmails[0].to) == {w["omo"].email, w["coach"].email}
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Verslag (PDF)").click()
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages)
    for verwacht in (w["akkoord"].code, w["bezinning"].code, w["escaleren"].code, "Besluit akkoord", "Bezinningsperiode",
                     "Escaleren", "Lening regelen met de kredietbank", "Jan Hermans (Woningcorporatie)"):
        assert verwacht in tekst, verwacht
    assert "Familie Linde" not in tekst and "WIZ-12345" not in tekst
    reis.uitloggen()


def wethouder_beslist(reis: Reis, w):
    page = reis.page
    reis.inloggen(w["wethouder"])
    reis.menu("Escalaties")
    expect(page.get_by_role("heading", name="Escalaties", level=1)).to_be_visible()
    reis.controleer("Inbox van de wethouder")
    page.get_by_role("link", name=w["escaleren"].code).click()
    expect(page.get_by_role("heading", name=re.compile("Escalatie"))).to_be_visible()
    expect(page.get_by_text("Mag urgentie worden verleend buiten de verordening?")).to_be_visible()
    reis.controleer("Dossier van de escalatie")
    page.get_by_label("Akkoord", exact=True).check()
    page.get_by_role("button", name="Beslissing vastleggen").click()
    expect(page.get_by_text("Een beslissing heeft altijd een motivering.")).to_be_visible()
    reis.controleer("Beslissen met foutmelding")
    page.get_by_label("Akkoord", exact=True).check()
    page.get_by_label("Motivering").fill("Past bij de koers: urgentie voor dit gezin.")
    page.get_by_role("button", name="Beslissing vastleggen").click()
    reis.melding("Je beslissing is vastgelegd")
    reis.controleer("Dossier na het besluit")
    reis.uitloggen()


def contact_pakt_op(reis: Reis, w):
    page = reis.page
    uitnodiging = next(m for m in mail.outbox if "Ontruiming uitstellen" in m.subject)
    link = re.search(r"https?://\S+/v/\S+", uitnodiging.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_role("heading", name="Voorrangsverzoek van de gemeente")).to_be_visible()
    expect(page.get_by_text("Kan de ontruiming vier weken wachten?")).to_be_visible()
    assert w["akkoord"].code not in page.content() and "Familie Linde" not in page.content()
    reis.controleer("Verzoek via de link")
    page.get_by_role("button", name="Opgepakt").click()
    expect(page.get_by_role("heading", name="Dank je wel")).to_be_visible()
    reis.controleer("Verzoek opgepakt")


def test_omo_functionaris_runs_the_weekly_meeting(page, live_server, wereld, console_errors, celery_worker):
    from omo import berichten

    page.clock.install()
    reis = Reis(page, console_errors)
    agenderen_door_consulent(reis, wereld)
    vergadering(reis, wereld)

    akkoord, bezinning, escaleren = (wereld[k] for k in ("akkoord", "bezinning", "escaleren"))
    for casus in (akkoord, bezinning, escaleren):
        casus.refresh_from_db()
    assert akkoord.status == Status.BESLOTEN and Besluit.objects.get(casus=akkoord).niveau == 1
    assert bezinning.status == Status.GEAGENDEERD
    assert Agendapunt.objects.filter(casus=bezinning, status="ingediend").get().overleg.datum > wereld["overleg"].datum
    assert escaleren.status == Status.GEESCALEERD
    assert Overleg.objects.get(pk=wereld["overleg"].pk).status == Overleg.Status.GESLOTEN

    verslag_controleren(reis, wereld)
    wethouder_beslist(reis, wereld)
    escalatie = Escalatie.objects.get(casus=escaleren)
    assert escalatie.beslissing == "akkoord" and escalatie.besloten_door == wereld["wethouder"]
    escaleren.refresh_from_db()
    assert escaleren.status == Status.BESLOTEN

    berichten.verstuur_wachtende()  # the invitation of the verzoek, if its task has not run yet
    contact_pakt_op(reis, wereld)
    verzoek = Verzoek.objects.get(pk=wereld["verzoek"].pk)
    assert verzoek.status == "opgepakt" and verzoek.opgepakt_door == "Marieke Smeets"
