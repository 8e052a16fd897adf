"""Demo data of the reports: the demo knelpunten in their groups (the Toeslagen knelpunt of three
cases is a structureel signaal), patronen in every phase of the werktafel, last quarter's report
made definitief with its two PDFs, and this quarter's concept with the first section written.
Everything through the services, as the OMO-functionaris and beleid would do it. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from casussen.models import Knelpunt
from omo.models import User
from rapportage.models import Knelpuntgroep, Patroon, Rapport
from rapportage.perioden import kwartaal
from rapportage.services import patronen, rapporten, signalen

F = Patroon.Fase

PATRONEN = [
    {
        "titel": "Terugvordering toeslagen na een adreswijziging",
        "beschrijving": (
            "Nieuwe huurders krijgen geen huurtoeslag zolang vorige bewoners nog op het adres staan "
            "ingeschreven: de Belastingdienst ziet hen als partners. Het adresonderzoek duurt maanden, "
            "en in die tijd bouwen huishoudens schulden op."
        ),
        "regel": "terugvordering en partnerbegrip",
        "fase": F.OPLOSSINGEN,
        "besluit": "",
    },
    {
        "titel": "Afstandscriterium leerlingenvervoer",
        "beschrijving": (
            "Kinderen die door hun situatie niet zelfstandig kunnen reizen vallen buiten het "
            "leerlingenvervoer omdat de school net binnen de afstandsgrens ligt."
        ),
        "regel": "leerlingenvervoer",
        "fase": F.BESLUIT,
        "besluit": (
            "De verordening krijgt een hardheidsclausule: het college kan afwijken van het "
            "afstandscriterium als de situatie van het kind daarom vraagt."
        ),
    },
    {
        "titel": "Wachttijd WIA-keuring laat het inkomen wegvallen",
        "beschrijving": (
            "Tussen het einde van de loondoorbetaling en de WIA-keuring valt een gat. De gemeente vult "
            "pas aan na de keuring, zodat huishoudens maanden zonder inkomen zitten."
        ),
        "regel": "keuring",
        "fase": F.DIAGNOSE,
        "besluit": "",
    },
    {
        "titel": "Schade verhalen gekoppeld aan ontruiming",
        "beschrijving": (
            "De woningcorporatie koppelt het verhaal van schade aan de ontruiming; daardoor is een "
            "nieuwe start in een andere woning onmogelijk."
        ),
        "regel": "ontruiming",
        "fase": F.INGEVOERD,
        "besluit": (
            "Met de corporaties is afgesproken dat schade via een betalingsregeling wordt verhaald en "
            "niet langer aan een nieuwe huurovereenkomst in de weg staat."
        ),
    },
    {
        "titel": "Dieetpreparaten buiten het basispakket",
        "beschrijving": "Dieetpreparaten die geen drinkvoeding zijn, worden niet vergoed; gezinnen betalen ze zelf.",
        "regel": "dieetpreparaten",
        "fase": F.VASTSTELLEN,
        "besluit": "",
    },
]

TEKSTEN = {
    "samenvatting": (
        "Dit kwartaal zijn nieuwe vastgelopen casussen aangemeld en besproken in het wekelijkse "
        "OMO-overleg. De meeste casussen combineren financiën, gezondheid en opvoeden. Het "
        "toeslagenknelpunt kwam in drie casussen terug en is een structureel signaal geworden."
    ),
    "bevindingen": (
        "De termijn van twee werkdagen voor voorrangsverzoeken wordt nog niet altijd gehaald, vooral "
        "niet bij landelijke uitvoeringsorganisaties. Besluiten binnen het mandaat van de "
        "OMO-functionaris zijn gemiddeld binnen drie weken na aanmelding genomen."
    ),
    "leerpunten": (
        "Een volledig ingevuld canvas met de drie situaties maakt het besluit in het overleg sneller. "
        "Het vroeg betrekken van de woningcorporatie voorkomt ontruimingen."
    ),
    "signalen": (
        "Het partnerbegrip bij toeslagen na een adreswijziging vraagt om een afspraak met de "
        "Belastingdienst. De wachttijd voor de WIA-keuring raakt ook het schuldhulptraject."
    ),
    "aanbevelingen": (
        "Leg met de Belastingdienst vast dat de gemeente bij inschrijving meldt dat er geen sprake is "
        "van dubbele bewoning. Verruim de stelpost voor overbruggingsleningen in het volgende jaar."
    ),
}


def laad_patronen(beleid, stdout) -> int:
    if Patroon.objects.exists():
        return 0
    for spec in PATRONEN:
        groep = (
            Knelpuntgroep.objects.filter(leden__knelpunt__in=Knelpunt.objects.filter(regel__icontains=spec["regel"]))
            .order_by("-aantal_casussen", "pk")
            .first()
        )
        patroon = patronen.maak(
            beleid,
            {"titel": spec["titel"], "beschrijving": spec["beschrijving"], "eigenaar": beleid, "besluit": spec["besluit"]},
            groep=groep,
        )
        while patroon.fase != spec["fase"]:
            patroon = patronen.verplaats(beleid, patroon.pk, "vooruit", patroon.fase)
    stdout.write(f"  patronen: {len(PATRONEN)} (in elke fase)")
    return len(PATRONEN)


def laad_rapporten(omo, stdout) -> int:
    vandaag = timezone.localdate()
    van, _tot = kwartaal(vandaag)
    nieuw = 0
    # Last quarter: made on the first werkdag of this quarter, written and made definitief.
    vorige = rapporten.maak_kwartaalconcept(vandaag=van)
    if vorige is not None:
        nieuw += 1
        for sectie, tekst in TEKSTEN.items():
            rapporten.bewaar_sectie(omo, vorige, sectie, tekst, rapporten.basis_van(getattr(vorige, sectie)))
            vorige.refresh_from_db()
        rapporten.maak_definitief(omo, vorige)
        rapporten.render_pdfs(vorige.pk)
    # This quarter: its concept so far (the task makes it for real on the next quarter's first werkdag).
    volgende_kwartaal = kwartaal(van + timedelta(days=100))[0]
    huidig = rapporten.maak_kwartaalconcept(vandaag=volgende_kwartaal)
    if huidig is not None:
        nieuw += 1
        rapporten.bewaar_sectie(omo, huidig, "samenvatting", TEKSTEN["samenvatting"], rapporten.basis_van(""))
    if nieuw:
        stdout.write(
            f"  rapportages: {Rapport.objects.filter(status=Rapport.Status.DEFINITIEF).count()} definitief, "
            f"{Rapport.objects.filter(status=Rapport.Status.CONCEPT).count()} concept"
        )
    return nieuw


def load(stdout=None) -> int:
    import io

    stdout = stdout or io.StringIO()
    omo = User.objects.filter(username="omo").first()
    beleid = User.objects.filter(username="beleid").first()
    if omo is None or beleid is None:
        return 0
    nieuw = signalen.indelen_alle()
    if nieuw:
        stdout.write(
            f"  knelpunten ingedeeld: {nieuw}, structurele signalen: "
            f"{Knelpuntgroep.objects.filter(signaal_sinds__isnull=False).count()}"
        )
    nieuw += laad_patronen(beleid, stdout)
    nieuw += laad_rapporten(omo, stdout)
    return nieuw
