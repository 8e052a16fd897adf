"""Demo data of the telefoonlijst and the verzoeken (DESIGN §7). Idempotent: a second run adds
nothing.

- A telefoonlijst of ten contacts across the demo organisations (names invented, e-mail at
  example.org, phone 06-…), with their mandate, leefgebieden and escalation contacts.
- Verzoeken on demo cases in every state — open, opgepakt, beantwoord, verlopen (escalated),
  and one open one whose deadline has passed (the next scan escalates it) — and one question
  from the Landelijk Maatwerkregister, routed to a contact.

The verzoeken are made through the services (real deadlines on the werkdagen calendar, a line
on the case's timeline); their e-mails are marked sent, a demo mails nobody.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from casussen.models import EINDSTATUSSEN, Casus, Leefgebied, Organisatie
from escalatie.models import Contactpersoon, Verzoek
from escalatie.services import verzoek as services
from omo.models import Bericht, User

# organisatie, naam, rol, mandaat, telefoon, leefgebieden (codes), escalatiecontact (naam)
CONTACTEN = [
    ("Woningcorporatie", "Marieke Smeets", "Teamleider huurincasso",
     "Ontruimingen uitstellen, betalingsregelingen tot 12 maanden", "06-12345001", ["wonen", "financien"], "Jan Hermans"),
    ("Woningcorporatie", "Jan Hermans", "Manager wonen",
     "Afzien van ontruiming, kwijtschelding van schade", "06-12345002", ["wonen"], None),
    ("Zorgverzekeraar", "Fatima el Amrani", "Adviseur zorgkosten",
     "Betalingsregeling premieachterstand, wanbetalersregeling opschorten", "06-12345003", ["gezondheid", "financien"], "Ruud Peters"),
    ("Zorgverzekeraar", "Ruud Peters", "Manager klantzaken",
     "Uitzonderingen op de polisvoorwaarden", "06-12345004", ["gezondheid"], None),
    ("Kredietbank", "Sandra Willems", "Schuldhulpverlener",
     "Saneringskrediet, moratorium aanvragen", "06-12345005", ["financien", "inkomen"], "Kees de Wit"),
    ("Kredietbank", "Kees de Wit", "Teamleider schuldhulp",
     "Krediet boven € 10.000", "06-12345006", ["financien"], None),
    ("Gemeente – Leerplicht en leerlingenvervoer", "Ingrid Bosch", "Coördinator leerlingenvervoer",
     "Vervoer bij uitzondering toekennen", "06-12345007", ["onderwijs", "jeugd"], None),
    ("Gemeente – Wonen", "Tom Jacobs", "Beleidsadviseur huisvesting",
     "Urgentie via de hardheidsclausule voordragen", "06-12345008", ["wonen"], None),
    ("UWV", "Ellen van Dijk", "Regisseur maatwerk",
     "Versnelde keuring, voorschot op een uitkering", "06-12345009", ["werk", "inkomen"], None),
    ("Dienst Toeslagen", "Mohamed Yilmaz", "Contactpersoon gemeenten",
     "Terugvordering opschorten, persoonlijk zaakbehandelaar toewijzen", "06-12345010", ["financien", "inkomen"], None),
]

# onderwerp, vraag, contact (naam), dagen geleden ontvangen, eindstatus
VERZOEKEN = [
    ("Ontruiming uitstellen", "Kan de ontruiming vier weken wachten terwijl we een oplossing zoeken?",
     "Marieke Smeets", 0, Verzoek.Status.OPEN),
    ("Premieachterstand bevriezen", "Kan de premieachterstand worden bevroren tot de schuldregeling rond is?",
     "Fatima el Amrani", 3, Verzoek.Status.OPGEPAKT),
    ("Moratorium aanvragen", "Kan de kredietbank een moratorium van drie maanden aanvragen?",
     "Sandra Willems", 10, Verzoek.Status.BEANTWOORD),
    ("Leerlingenvervoer bij uitzondering", "Kan het vervoer per direct starten, vooruitlopend op de beschikking?",
     "Ingrid Bosch", 14, Verzoek.Status.VERLOPEN),
    # Overdue and not yet seen by the scan: the next run of `verzoeken_bewaken` escalates it.
    ("Versnelde keuring", "Kan de keuring binnen twee weken plaatsvinden?", "Ellen van Dijk", 6, None),
]


def _log(stdout, tekst):
    if stdout is not None:
        stdout.write(tekst)


def _email(naam: str) -> str:
    return naam.lower().replace(" el ", " el").replace(" ", ".") + "@example.org"


def telefoonlijst(stdout=None) -> dict:
    """The contacts by name (existing ones are kept as they are)."""
    per_naam = {}
    for org, naam, rol, mandaat, tel, leefgebieden, _esc in CONTACTEN:
        organisatie = Organisatie.objects.filter(naam=org).first()
        if organisatie is None:
            continue
        contact, nieuw = Contactpersoon.objects.get_or_create(
            organisatie=organisatie, naam=naam,
            defaults={"rol": rol, "mandaat": mandaat, "telefoon": tel, "email": _email(naam)},
        )
        if nieuw:
            contact.leefgebieden.set(Leefgebied.objects.filter(code__in=leefgebieden))
        per_naam[naam] = contact
    for _org, naam, *_rest, esc in CONTACTEN:
        if esc and naam in per_naam and esc in per_naam and per_naam[naam].escalatiecontact_id is None:
            Contactpersoon.objects.filter(pk=per_naam[naam].pk).update(escalatiecontact=per_naam[esc])
    _log(stdout, f"  telefoonlijst: {len(per_naam)} contactpersonen\n")
    return per_naam


def verzoeken(contacten: dict, stdout=None) -> int:
    if Verzoek.objects.exists() or not contacten:
        return 0
    omo = User.objects.filter(groups__name="omo", is_active=True).order_by("pk").first()
    casussen = list(Casus.objects.exclude(status__in=EINDSTATUSSEN).select_related("casushouder").order_by("pk")[:len(VERZOEKEN)])
    if omo is None:
        return 0
    nu = timezone.now()
    aantal = 0
    for i, (onderwerp, vraag, naam, dagen, status) in enumerate(VERZOEKEN):
        if not casussen or naam not in contacten:
            continue
        casus = casussen[i % len(casussen)]
        ontvangen = nu - timedelta(days=dagen)
        verzoek = services.stuur_verzoek(casus.pk, omo, contacten[naam].pk, onderwerp, vraag, now=ontvangen)
        if status in (Verzoek.Status.OPGEPAKT, Verzoek.Status.BEANTWOORD):
            services.pak_op(verzoek.pk, naam, now=ontvangen + timedelta(hours=20))
        if status == Verzoek.Status.BEANTWOORD:
            services.beantwoord(verzoek.pk, naam, "Geregeld: we wachten met verdere stappen tot na het overleg.",
                                now=ontvangen + timedelta(days=1))
        if status == Verzoek.Status.VERLOPEN:
            services.bewaak_termijnen(now=verzoek.deadline + timedelta(minutes=5))
        aantal += 1
    landelijk = contacten.get("Tom Jacobs")
    services.registreer_landelijk(omo, {
        "kenmerk": "LMR-2026-0917", "afzender": "Landelijk Maatwerkregister",
        "onderwerp": "Gezin verhuist naar de gemeente", "contactpersoon": landelijk,
        "vraag": "Kan de gemeente binnen twee werkdagen een contactpersoon voor de woonurgentie noemen?",
    }, now=nu - timedelta(days=1))
    aantal += 1
    _log(stdout, f"  verzoeken: {aantal}\n")
    return aantal


@transaction.atomic
def load(stdout=None) -> int:
    contacten = telefoonlijst(stdout)
    aantal = verzoeken(contacten, stdout)
    # A demo mails nobody: the e-mails of the verzoeken count as sent.
    Bericht.objects.filter(sleutel__startswith="verzoek-", verzonden_op__isnull=True).update(verzonden_op=timezone.now())
    return aantal
