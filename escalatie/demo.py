"""Demo data of the overleg, the escalations, the telefoonlijst and the verzoeken (called by
`manage.py demo_data` after the demo cases of `casussen.demo`). Idempotent: a second run adds
nothing.

- The series "Wekelijks OMO-overleg" (Tuesday 10:00) with meetings from eight weeks ago; the
  past meetings are closed with the outcomes the demo cases' timelines tell (a verslag each);
  the cases now geagendeerd stand on the next meeting's agenda.
- Escalations: the escalated demo cases at level 2 (one past its due date), a decided one at
  level 3, and one at level 4 with its LET dossier and the LET's advice.
- A telefoonlijst (names invented, addresses at example.org) and verzoeken in every state,
  one overdue.
"""

import datetime
from datetime import timedelta

from django.db.models import Min
from django.utils import timezone

from casussen.models import Besluit, Casus, Organisatie, Status, TijdlijnEvent
from escalatie.models import Agendapunt, Contactpersoon, Escalatie, Overleg, Overlegreeks, Verzoek
from escalatie.services import bespreking
from escalatie.services import overleg as overleg_services
from omo.models import User
from omo.werkdagen import AMSTERDAM, deadline

REEKS = "Wekelijks OMO-overleg"

CONTACTEN = [
    # organisatie, naam, rol, mandaat, telefoon, escalatie naar (naam)
    ("Woningcorporatie", "Marieke Smeets", "Teamleider huurincasso", "Ontruimingen uitstellen, betalingsregelingen tot 12 maanden", "06-12345001", "Jan Hermans"),
    ("Woningcorporatie", "Jan Hermans", "Manager wonen", "Afzien van ontruiming, kwijtschelding van schade", "06-12345002", None),
    ("Zorgverzekeraar", "Fatima el Amrani", "Adviseur zorgkosten", "Betalingsregeling premieachterstand, wanbetalersregeling", "06-12345003", "Ruud Peters"),
    ("Zorgverzekeraar", "Ruud Peters", "Manager klantzaken", "Uitzonderingen op polisvoorwaarden", "06-12345004", None),
    ("Kredietbank", "Sandra Willems", "Schuldhulpverlener", "Saneringskrediet, moratorium", "06-12345005", "Kees de Wit"),
    ("Kredietbank", "Kees de Wit", "Teamleider", "Krediet boven € 10.000", "06-12345006", None),
    ("Gemeente – Leerplicht en leerlingenvervoer", "Ingrid Bosch", "Coördinator leerlingenvervoer", "Vervoer bij uitzondering toekennen", "06-12345007", None),
    ("Gemeente – Wonen", "Tom Jacobs", "Beleidsadviseur huisvesting", "Urgentie via de hardheidsclausule voordragen", "06-12345008", None),
    ("UWV", "Ellen van Dijk", "Regisseur maatwerk", "Versnelde keuring, voorschot uitkering", "06-12345009", None),
    ("Dienst Toeslagen", "Mohamed Yilmaz", "Contactpersoon gemeenten", "Terugvordering opschorten, persoonlijk zaakbehandelaar", "06-12345010", None),
]


def _log(stdout, tekst):
    if stdout is not None:
        stdout.write(tekst)


def _gebruiker(username):
    return User.objects.filter(username=username).first()


def _reeks(omo):
    reeks, nieuw = Overlegreeks.objects.get_or_create(
        naam=REEKS,
        defaults={"weekdag": Overlegreeks.Weekdag.DINSDAG, "begintijd": datetime.time(10, 0), "duur_minuten": 120,
                  "locatie": "Stadhuis, kamer 2.14 (of via Teams)", "voorzitter": omo},
    )
    if nieuw:
        reeks.vaste_deelnemers.set([u for u in (_gebruiker("coach"), _gebruiker("budgethouder"), _gebruiker("consulent")) if u])
    return reeks, nieuw


def _overleg_op(reeks, dag):
    """The meeting of the series on or just before `dag`."""
    return Overleg.objects.filter(reeks=reeks, datum__lte=dag).order_by("-datum").first()


def _besproken_casussen():
    """Cases whose timeline has a 'besproken' step, with the moment of that step."""
    return (
        TijdlijnEvent.objects.filter(soort=TijdlijnEvent.Soort.STATUS, naar_status=Status.BESPROKEN)
        .values("casus_id").annotate(op=Min("tijdstip")).order_by("op")
    )


def _uitkomst(casus: Casus):
    besluit = Besluit.objects.filter(casus=casus).order_by("besloten_op").first()
    if casus.status == Status.GEESCALEERD or Escalatie.objects.filter(casus=casus).exists():
        return Agendapunt.Uitkomst.ESCALEREN, None, "Niet binnen het mandaat van het overleg."
    if casus.status == Status.BESPROKEN:
        return Agendapunt.Uitkomst.BEZINNING, None, "Eerst de alternatieven verkennen met het huishouden."
    if besluit is not None:
        return besluit.uitkomst, besluit.scenario, besluit.motivatie
    if casus.status == Status.AFGESLOTEN:
        return Agendapunt.Uitkomst.REGULIER, None, "De reguliere route is weer begaanbaar."
    return Agendapunt.Uitkomst.AKKOORD, casus.scenarios.first(), "Akkoord met het voorgestelde scenario."


def _overleggen(stdout) -> int:
    omo = _gebruiker("omo")
    if omo is None:
        return 0
    reeks, nieuw = _reeks(omo)
    if not nieuw:
        return 0
    vandaag = timezone.localdate()
    overleg_services.plan_overleggen(vandaag=vandaag - timedelta(weeks=8), weken=13, reeks_ids=[reeks.pk])
    aantal = 0
    # Past meetings: the cases discussed there, with their outcome.
    for rij in _besproken_casussen():
        casus = Casus.objects.get(pk=rij["casus_id"])
        dag = timezone.localtime(rij["op"], AMSTERDAM).date()
        overleg = _overleg_op(reeks, dag)
        if overleg is None or overleg.datum >= vandaag:
            continue
        uitkomst, scenario, motivatie = _uitkomst(casus)
        ingediend = timezone.make_aware(datetime.datetime.combine(overleg.datum - timedelta(days=6), datetime.time(11)))
        punt = Agendapunt.objects.create(
            overleg=overleg, casus=casus, vraag=f"Wat adviseert het overleg over ‘{casus.titel}’?", ingediend_door=casus.casushouder,
            ingediend_op=ingediend, status=Agendapunt.Status.BESPROKEN, uitkomst=uitkomst, scenario=scenario,
            motivatie=motivatie, advies="Houd het huishouden op de hoogte van de volgende stap.",
            besproken_op=timezone.make_aware(datetime.datetime.combine(overleg.datum, datetime.time(10, 30))),
            vastgelegd_door=omo,
        )
        punt.actiepunten.create(omschrijving="Uitkomst met het huishouden bespreken", eigenaar=str(casus.casushouder),
                                deadline=overleg.datum + timedelta(days=7))
        aantal += 1
    # Cases now on the agenda: the next meeting.
    volgende = Overleg.objects.filter(reeks=reeks, datum__gte=vandaag, status=Overleg.Status.GEPLAND).order_by("datum").first()
    for casus in Casus.objects.filter(status=Status.GEAGENDEERD).exclude(agendapunten__status=Agendapunt.Status.INGEDIEND):
        stap = casus.tijdlijn.filter(naar_status=Status.GEAGENDEERD).order_by("-tijdstip").first()
        Agendapunt.objects.create(
            overleg=volgende, casus=casus, ingediend_door=casus.casushouder,
            vraag=(stap.toelichting if stap and stap.toelichting else f"Akkoord met het scenario voor ‘{casus.titel}’?"),
            ingediend_op=stap.tijdstip if stap else timezone.now(),
        )
        aantal += 1
    # Close the past meetings and make their verslagen (no e-mail in the demo: mark them sent).
    for overleg in Overleg.objects.filter(reeks=reeks, datum__lt=vandaag, status=Overleg.Status.GEPLAND).order_by("datum"):
        aanwezigen = [omo, *reeks.vaste_deelnemers.all()]
        Overleg.objects.filter(pk=overleg.pk).update(
            status=Overleg.Status.GESLOTEN, geopend_op=timezone.make_aware(datetime.datetime.combine(overleg.datum, datetime.time(10))),
            gesloten_op=timezone.make_aware(datetime.datetime.combine(overleg.datum, datetime.time(12))), gesloten_door=omo,
        )
        overleg.aanwezigen.set(aanwezigen)
        bespreking.maak_verslag(overleg.pk)
    from omo.models import Bericht

    Bericht.objects.filter(sleutel__startswith="verslag-", verzonden_op__isnull=True).update(verzonden_op=timezone.now())
    _log(stdout, f"  overleg: {Overleg.objects.filter(reeks=reeks).count()} overleggen, {aantal} agendapunten\n")
    return aantal + 1


def _escalaties(stdout) -> int:
    omo, wethouder, college = _gebruiker("omo"), _gebruiker("wethouder"), _gebruiker("college")
    if omo is None or Escalatie.objects.exists():
        return 0
    nu = timezone.now()
    aantal = 0
    for casus in Casus.objects.filter(status=Status.GEESCALEERD):
        stap = casus.tijdlijn.filter(naar_status=Status.GEESCALEERD).order_by("-tijdstip").first()
        op = stap.tijdstip if stap else nu - timedelta(days=3)
        Escalatie.objects.create(
            casus=casus, scenario=casus.scenarios.first(), van_niveau=1, naar_niveau=2, reden=Escalatie.Reden.BUITEN_KADERS,
            vraag=stap.toelichting if stap and stap.toelichting else "Mag de oplossing buiten de bestaande kaders?",
            aangevraagd_door=omo, aangevraagd_op=op, uiterlijk_op=deadline(op, 5),
        )
        aantal += 1
    verder = list(Casus.objects.filter(status__in=[Status.IN_UITVOERING, Status.MONITORING]).order_by("pk")[:2])
    if verder and college:
        casus = verder[0]
        op = nu - timedelta(days=40)
        Escalatie.objects.create(
            casus=casus, scenario=casus.scenarios.filter(gekozen=True).first() or casus.scenarios.first(),
            van_niveau=1, naar_niveau=3, reden=Escalatie.Reden.BUDGET,
            vraag="Het bedrag ligt boven het mandaat van de budgethouder: stemt het College in?",
            aangevraagd_door=omo, aangevraagd_op=op, uiterlijk_op=deadline(op, 10),
            beslissing=Escalatie.Beslissing.AKKOORD, motivatie="Voorkomt een veel duurdere uithuisplaatsing.",
            besloten_door=college, besloten_op=op + timedelta(days=6),
        )
        aantal += 1
    if len(verder) > 1:
        casus = verder[1]
        op = nu - timedelta(days=20)
        Escalatie.objects.create(
            casus=casus, scenario=casus.scenarios.first(), van_niveau=1, naar_niveau=4, reden=Escalatie.Reden.LANDELIJK,
            vraag="De Dienst Toeslagen blijft terugvorderen terwijl het herstel loopt: kan de terugvordering worden opgeschort?",
            aangevraagd_door=omo, aangevraagd_op=op, uiterlijk_op=deadline(op, 20),
            geprobeerd="Wijkteam, schuldhulpverlening en een verzoek via de persoonlijk zaakbehandelaar.",
            blokkerende_regel="Terugvordering kinderopvangtoeslag loopt door ondanks lopend herstel.",
            gevraagde_oplossing="Terugvordering opschorten tot de herstelbeslissing.",
            grondslag_delen="Toestemming van het huishouden; art. 6 lid 1 sub a AVG.",
            geanonimiseerde_samenvatting="Ouder met twee schoolgaande kinderen; stapeling van terugvorderingen en boetes.",
            beslissing=Escalatie.Beslissing.ADVIES, motivatie="Het LET vraagt de Dienst Toeslagen de terugvordering te pauzeren.",
            besloten_door=omo, besloten_op=op + timedelta(days=9),
        )
        aantal += 1
    if wethouder and verder:
        # A decided level-2 step on the same case as the College decision: advice first.
        casus = verder[0]
        op = nu - timedelta(days=50)
        Escalatie.objects.create(
            casus=casus, scenario=casus.scenarios.first(), van_niveau=1, naar_niveau=2, reden=Escalatie.Reden.BUITEN_KADERS,
            vraag="Past een lening buiten de verordening bij de koers van het college?",
            aangevraagd_door=omo, aangevraagd_op=op, uiterlijk_op=deadline(op, 5),
            beslissing=Escalatie.Beslissing.ADVIES, motivatie="Steun vanuit de portefeuille; leg het bedrag voor aan het College.",
            besloten_door=wethouder, besloten_op=op + timedelta(days=3),
        )
        aantal += 1
    _log(stdout, f"  escalaties: {aantal}\n")
    return aantal


def _telefoonlijst(stdout) -> dict:
    if Contactpersoon.objects.exists():
        return {}
    per_naam = {}
    for org, naam, rol, mandaat, tel, _esc in CONTACTEN:
        organisatie = Organisatie.objects.filter(naam=org).first()
        if organisatie is None:
            continue
        email = naam.lower().replace(" ", ".").replace("el.", "el") + "@example.org"
        per_naam[naam] = Contactpersoon.objects.create(
            organisatie=organisatie, naam=naam, rol=rol, mandaat=mandaat, telefoon=tel, email=email,
        )
    for _org, naam, *_rest, esc in CONTACTEN:
        if esc and naam in per_naam and esc in per_naam:
            Contactpersoon.objects.filter(pk=per_naam[naam].pk).update(escalatiecontact=per_naam[esc])
    _log(stdout, f"  telefoonlijst: {len(per_naam)} contactpersonen\n")
    return per_naam


def _verzoeken(stdout, contacten) -> int:
    if Verzoek.objects.exists() or not contacten:
        return 0
    omo = _gebruiker("omo")
    casussen = list(Casus.objects.exclude(status=Status.AFGESLOTEN).order_by("pk")[:5])
    if omo is None or not casussen:
        return 0
    nu = timezone.now()
    c = list(contacten.values())

    def maak(casus, contact, onderwerp, vraag, dagen_geleden, status, door=None):
        ontvangen = nu - timedelta(days=dagen_geleden)
        termijn = deadline(ontvangen, 2)
        v = Verzoek(
            soort=Verzoek.Soort.UITGAAND, casus=casus, contactpersoon=contact, onderwerp=onderwerp, vraag=vraag,
            ontvangen_op=ontvangen, deadline=termijn, status=status, aangemaakt_door=casus.casushouder,
        )
        if status in (Verzoek.Status.OPGEPAKT, Verzoek.Status.BEANTWOORD):
            v.opgepakt_op = ontvangen + timedelta(hours=20)
            v.opgepakt_door = contact.naam
        if status == Verzoek.Status.BEANTWOORD:
            v.antwoord = "Geregeld: we wachten met verdere stappen tot na het overleg."
            v.beantwoord_op = ontvangen + timedelta(days=1)
        if status == Verzoek.Status.VERLOPEN:
            v.geescaleerd_op = termijn + timedelta(minutes=5)
        v.save()
        return v

    maak(casussen[0], c[0], "Ontruiming uitstellen", "Kan de ontruiming vier weken wachten terwijl we een oplossing zoeken?", 0, Verzoek.Status.OPEN)
    maak(casussen[1 % len(casussen)], c[2], "Premieachterstand bevriezen", "Kan de premieachterstand worden bevroren tot de schuldregeling rond is?", 3, Verzoek.Status.OPGEPAKT)
    maak(casussen[2 % len(casussen)], c[4], "Moratorium aanvragen", "Kan de kredietbank een moratorium van drie maanden aanvragen?", 10, Verzoek.Status.BEANTWOORD)
    maak(casussen[3 % len(casussen)], c[6], "Leerlingenvervoer bij uitzondering", "Kan het vervoer per direct starten, vooruitlopend op de beschikking?", 14, Verzoek.Status.VERLOPEN)
    # Overdue and not yet seen by the scan: the next run of `verzoeken_bewaken` escalates it.
    maak(casussen[4 % len(casussen)], c[8], "Versnelde keuring", "Kan de keuring binnen twee weken plaatsvinden?", 6, Verzoek.Status.OPEN)
    ontvangen = nu - timedelta(days=1)
    Verzoek.objects.create(
        soort=Verzoek.Soort.LANDELIJK, kenmerk="LMR-2026-0917", afzender="Landelijk Maatwerkregister",
        onderwerp="Vraag over een gezin dat naar de gemeente verhuist", vraag="Kan de gemeente binnen twee werkdagen een contactpersoon noemen?",
        ontvangen_op=ontvangen, deadline=deadline(ontvangen, 2), aangemaakt_door=omo, contactpersoon=c[7],
    )
    _log(stdout, "  verzoeken: 6\n")
    return 6


def load(stdout=None) -> int:
    totaal = _overleggen(stdout)
    totaal += _escalaties(stdout)
    contacten = _telefoonlijst(stdout)
    totaal += len(contacten)
    totaal += _verzoeken(stdout, contacten)
    return totaal
