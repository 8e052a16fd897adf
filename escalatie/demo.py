"""Demo data of the overleg, the escalations, the telefoonlijst and the verzoeken (called by
`manage.py demo_data` after the demo cases of `casussen.demo`). Idempotent: a second run adds
nothing.

- The series "Wekelijks OMO-overleg" (Tuesday 10:00) with meetings from eight weeks ago; the
  past meetings are closed with the outcomes the demo cases' timelines tell (a verslag each);
  the cases now geagendeerd stand on the next meeting's agenda.
- Escalations: the escalated demo cases at level 2 (one past its due date), a decided one at
  level 3, and one at level 4 with its LET dossier and the LET's advice.
- A telefoonlijst (names invented, addresses at example.org) and verzoeken in every state,
  one overdue: `escalatie.demo_verzoek`.
"""

import datetime
from datetime import timedelta

from django.db.models import Min
from django.utils import timezone

from casussen.models import Besluit, Casus, Status, TijdlijnEvent
from escalatie import demo_verzoek
from escalatie.models import Agendapunt, Escalatie, Overleg, Overlegreeks
from escalatie.services import bespreking
from escalatie.services import overleg as overleg_services
from omo.models import User
from omo.werkdagen import AMSTERDAM, deadline

REEKS = "Wekelijks OMO-overleg"

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
    # Waiting escalations: most with the portefeuillehouder, every third (past the first) with the
    # College, because the amount is above every mandate.
    for i, casus in enumerate(Casus.objects.filter(status=Status.GEESCALEERD).order_by("pk")):
        stap = casus.tijdlijn.filter(naar_status=Status.GEESCALEERD).order_by("-tijdstip").first()
        op = stap.tijdstip if stap else nu - timedelta(days=3)
        college_niveau = i % 3 == 2
        Escalatie.objects.create(
            casus=casus, scenario=casus.scenarios.first(), van_niveau=1, naar_niveau=3 if college_niveau else 2,
            reden=Escalatie.Reden.BUDGET if college_niveau else Escalatie.Reden.BUITEN_KADERS,
            vraag=(stap.toelichting if stap and stap.toelichting else
                   "Het bedrag ligt boven het mandaat van de budgethouder: stemt het College in?" if college_niveau else
                   "Mag de oplossing buiten de bestaande kaders?"),
            aangevraagd_door=omo, aangevraagd_op=op, uiterlijk_op=deadline(op, 10 if college_niveau else 5),
        )
        aantal += 1
    aantal += _besliste_escalaties(omo, wethouder, college)
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


# Decided escalations of last quarter's caseload (cases decided after the step up): the
# portefeuillehouder and the College said yes, once the College laid a question back, and the
# LET advised on a national rule.
BESLIST = [
    (2, Escalatie.Reden.BUITEN_KADERS, "Mag de oplossing buiten de verordening, als tijdelijke uitzondering?",
     Escalatie.Beslissing.AKKOORD, "Akkoord als tijdelijke uitzondering; leg het knelpunt voor aan de werktafel."),
    (3, Escalatie.Reden.BUDGET, "Het bedrag ligt boven het mandaat van de budgethouder: stemt het College in?",
     Escalatie.Beslissing.AKKOORD, "Akkoord: voorkomt hogere kosten in de opvang en de jeugdhulp."),
    (2, Escalatie.Reden.PARTNERS, "Draagt de woningcorporatie bij als de gemeente de achterstand overbrugt?",
     Escalatie.Beslissing.AKKOORD, "Akkoord; de wethouder maakt de afspraak met de directeur van de corporatie."),
    (4, Escalatie.Reden.LANDELIJK, "Kan het CJIB de verhogingen opschorten tijdens het schuldhulptraject?",
     Escalatie.Beslissing.ADVIES, "Het LET vraagt het CJIB een pauze in te lassen zolang de schuldhulp loopt."),
    (3, Escalatie.Reden.BUDGET, "Stemt het College in met een lening boven het mandaat?",
     Escalatie.Beslissing.AKKOORD, "Akkoord onder voorwaarde van een aflossingsafspraak."),
]


def _besliste_escalaties(omo, wethouder, college) -> int:
    if wethouder is None or college is None:
        return 0
    # Cases decided after at least one overleg, without an escalation of their own yet.
    kandidaten = list(
        Casus.objects.filter(status__in=[Status.IN_UITVOERING, Status.MONITORING, Status.BESLOTEN],
                             besluiten__besloten_op__gte=timezone.now() - timedelta(days=200),
                             escalaties__isnull=True, tijdlijn__naar_status=Status.BESPROKEN)
        .distinct().order_by("-datum_signaal", "pk")[: len(BESLIST)]
    )
    aantal = 0
    for casus, (niveau, reden, vraag, beslissing, motivatie) in zip(kandidaten, BESLIST, strict=False):
        besluit = casus.besluiten.order_by("besloten_op").first()
        op = besluit.besloten_op - timedelta(days=9)
        door = {2: wethouder, 3: college, 4: omo}[niveau]
        extra = {}
        if niveau == 4:
            extra = {"geprobeerd": "Schuldhulp en een betalingsregeling; het CJIB kent geen pauze.",
                     "blokkerende_regel": "Verhogingen bij te late betaling lopen door tijdens schuldhulp.",
                     "gevraagde_oplossing": "Verhogingen opschorten zolang het schuldhulptraject loopt.",
                     "grondslag_delen": "Toestemming van het huishouden; art. 6 lid 1 sub a AVG.",
                     "geanonimiseerde_samenvatting": "Werkende ouder met boetes die door onbegrepen brieven "
                     "zijn verdubbeld."}
        Escalatie.objects.create(
            casus=casus, scenario=besluit.scenario or casus.scenarios.first(), van_niveau=1, naar_niveau=niveau,
            reden=reden, vraag=vraag, aangevraagd_door=omo, aangevraagd_op=op,
            uiterlijk_op=deadline(op, {2: 5, 3: 10, 4: 20}[niveau]), beslissing=beslissing, motivatie=motivatie,
            besloten_door=door, besloten_op=op + timedelta(days=4), **extra,
        )
        aantal += 1
    return aantal


def load(stdout=None) -> int:
    totaal = _overleggen(stdout)
    totaal += _escalaties(stdout)
    totaal += demo_verzoek.load(stdout=stdout) or 0
    return totaal
