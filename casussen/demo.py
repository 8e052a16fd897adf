"""Demo cases for `manage.py demo_data`: twelve stuck households built from the stories in the
source documents (the yoghurt girl, the riding lessons, the teeth, the grandparents and school
transport, the father in psychosis, the childcare debt, the bridge loan, the toeslagen daughter,
the wait for the UWV, the e-bike, double occupancy at an address, the trusted support worker).

Every household has a made-up pseudonym. The cases are spread over every status, with a
realistic history: each step of the maatwerkreis happened weeks or months ago, so the timeline
shows how long every stage took. The rows are written in the order the services would write
them, with the timestamps of when it happened.

Idempotent: a case that exists (same pseudonym and title) is left alone. Reference data is only
looked up, never created: a legal basis, organisation or leefgebied that is not in the database
is skipped, and a cost line whose price-list item is missing becomes a free line.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext

from casussen import demo_achtergrond, workflow
from casussen.forms.canvas import SECTIES
from casussen.models import (
    Actie,
    Besluit,
    Canvas,
    Casus,
    Doorbraakplan,
    Evaluatie,
    Geldstroom,
    Knelpunt,
    Kostenregel,
    Leefgebied,
    Organisatie,
    Prijs,
    Scenario,
    ScenarioGrondslag,
    Status,
    TijdlijnEvent,
    WettelijkeGrondslag,
    Zelfredzaamheid,
)
from casussen.services import casus as casus_services
from casussen.services import plan as plan_services
from omo import roles
from omo.models import Team, User

DEMO_PASSWORD = "demo"

# A second consulent, in another team: the coach of Wijkteam Centrum does not see her cases,
# the OMO-functionaris does, and one of them is shared with the demo consulent.
TWEEDE_CONSULENT = {
    "username": "consulent-noord",
    "first_name": "Femke",
    "last_name": "Ramakers",
    "team": "Wijkteam Noord",
    "functie": "Consulent wijkteam",
}

PW = "Participatiewet"
AWB = "Algemene wet bestuursrecht"
WMO = "Wet maatschappelijke ondersteuning 2015"
TOESLAGEN = "Dienst Toeslagen"
TOESLAGEN_REGEL = "Terugvordering en partnerbegrip bij toeslagen (Awir)"


@dataclass(frozen=True)
class Maanden:
    """A moment a whole number of calendar months ago (instead of a number of days)."""

    n: int


def kosten(situatie, omschrijving, prijs, *, item=None, eenheid=None, aantal="1",
           frequentie="eenmalig", start=1, duur=None, geldstroom="overig", betaler="gemeente",
           kans="100"):
    """A cost line. With `item` (part of a price-list item's name) and `eenheid` (a word its
    unit must contain) the line uses that price-list row and its unit (`frequentie` says the
    same unit); without it, or when the row is not there, it is a free line with `prijs`,
    `frequentie`, `geldstroom` and `betaler`."""
    return {
        "situatie": situatie, "omschrijving": omschrijving, "prijs": Decimal(prijs), "item": item,
        "eenheid": eenheid, "aantal": Decimal(aantal), "frequentie": frequentie,
        "startmaand": start, "duur_maanden": duur, "geldstroom": geldstroom, "betaler": betaler,
        "kans": Decimal(kans),
    }


def grondslag(wet, artikel, motivatie):
    return (wet, artikel, motivatie)


# --- The cases -------------------------------------------------------------------------------
#
# `verloop` lists what happened, oldest first, each with the number of days ago (or Maanden):
#   ("status", naar, dagen, toelichting)      a step of the workflow
#   ("intake", dagen)                         intake scores (`intake`)
#   ("canvas", dagen)                         the canvas (`canvas`), one event per section
#   ("scenario", index, dagen)                scenario `scenarios[index]`
#   ("knelpunt", index, dagen)                knelpunt `knelpunten[index]`
#   ("besluit", dagen)                        the decision (`besluit`) and the step to besloten
#   ("plan", dagen)                           the plan (`plan`), step to in uitvoering
#   ("evaluatie", maand, dagen_na_gepland)    recording evaluation `plan.evaluaties[maand]`
#   ("afsluiten", dagen)                      closing with `uitkomst` and `samenvatting`

CASUSSEN = [
    # 1. Aangemeld — the boy and the e-bike (Doorbraakroutes, Zwolle).
    {
        "pseudoniem": "Familie Populier",
        "titel": "Vervoer naar school voor overprikkelde jongere met long covid",
        "casushouder": "consulent",
        "bron": "partner",
        "signaal": 4,
        "urgentie": "normaal",
        "urgentie_toelichting": "Jongere mist sinds zes weken de meeste lessen; nog geen direct "
        "gevaar, wel oplopend verzuim.",
        "reguliere_routes": ["eigen_team"],
        "reguliere_routes_toelichting": "Aangepast leerlingenvervoer (taxibusje met andere "
        "leerlingen) is toegekend, maar de jongere raakt in het busje overprikkeld en stapt niet "
        "meer in. De school meldt verzuim bij leerplicht.",
        "toestemming": "ja",
        "volwassenen": 2,
        "kinderen": [15, 12],
        "dossiernummer": "WIZ-2026-0531",
        "leefgebieden": ["onderwijs", "gezondheid", "jeugd"],
        "organisaties": ["Gemeente – Leerplicht en leerlingenvervoer",
                         "School / samenwerkingsverband passend onderwijs"],
        "verloop": [
            ("status", Status.AANGEMELD, 3, ""),
        ],
    },
    # 2. In voorbereiding — the mother waiting for the UWV (Maatpact, PMM).
    {
        "pseudoniem": "Familie Hazelaar",
        "titel": "Inkomensgat tijdens het wachten op de keuring door het UWV",
        "casushouder": "consulent",
        "bron": "kcc",
        "signaal": 11,
        "urgentie": "hoog",
        "urgentie_toelichting": "Het voorschot op de uitkering is te laag om van te leven; de "
        "huur van deze maand is niet betaald en er dreigen nieuwe schulden.",
        "reguliere_routes": ["eigen_team", "maatwerkcoach"],
        "reguliere_routes_toelichting": "Aanvraag aanvullende bijstand is aangehouden: volgens "
        "Inkomen kan pas worden aangevuld tot bijstandsniveau na de keuring door het UWV. De "
        "maatwerkcoach vond geen andere regeling.",
        "toestemming": "ja",
        "volwassenen": 1,
        "kinderen": [7, 12],
        "dossiernummer": "WIZ-2026-0502",
        "leefgebieden": ["inkomen", "financien", "gezondheid"],
        "organisaties": ["UWV", "Gemeente – Participatie, werk en inkomen"],
        "intake": {"inkomen": 1, "financien": 2, "gezondheid": 2},
        "canvas": {
            "aan_de_hand": "Alleenstaande moeder van twee kinderen (7 en 12) is na een lange "
            "ziekteperiode uit dienst en wacht op de keuring door het UWV. Door een tekort aan "
            "verzekeringsartsen duurt dat al maanden. Ze krijgt een maandelijks voorschot, maar "
            "dat ligt ruim onder het bijstandsniveau.",
            "wil_inwoner": "\"Ik wil gewoon de huur en de boodschappen kunnen betalen tot die "
            "keuring er is. Ik wil niet opnieuw in de schulden komen.\"",
            "eerst_oplossen": "De huur van deze en volgende maand, en geld voor eten voor de "
            "kinderen.",
            "helpt_nu": "De voedselbank en de buurvrouw die af en toe kookt. Het contact met de "
            "wijkteamconsulent is goed.",
            "knelpunt": "De gemeente wil pas aanvullen tot bijstandsniveau na de keuring. Het "
            "UWV kan de keuring niet sneller doen. Niemand is verantwoordelijk voor het gat in "
            "de tussentijd.",
            "niets_doen_kort": "Huurachterstand, aanmaningskosten, stress bij moeder en kinderen.",
            "niets_doen_lang": "Problematische schulden, schuldhulpverlening, mogelijk een "
            "huisuitzetting en terugval in de gezondheid van moeder.",
            "vraag_bereiken": "Een inkomen op bijstandsniveau tot de keuring, zonder nieuwe "
            "schulden.",
            "vraag_grondwaarde": "Ja: de Participatiewet is bedoeld als vangnet. Het wachten is "
            "niet aan moeder te wijten.",
            "vraag_ethisch": "Ja; het gaat om een bestaansminimum voor een gezin met kinderen.",
            "vraag_juridisch": "Bijstand vooruitlopend op de keuring, te verrekenen met een "
            "eventuele nabetaling van het UWV. Nagaan of het UWV de vertraging erkent.",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Aanvullende bijstand toekennen vóór de keuring",
                "beschrijving": "De gemeente vult het voorschot van het UWV aan tot "
                "bijstandsniveau, vanaf de maand van aanmelding tot de keuring. Een eventuele "
                "nabetaling van het UWV wordt verrekend.",
                "perspectief_inwoner": "Moeder wil dit graag en levert alle stukken aan.",
                "eigen_bijdrage": "Moeder geeft elke wijziging van het voorschot direct door.",
                "netwerk": "Buurvrouw blijft helpen met koken.",
                "past_in_kaders": True,
                "partners": ["UWV"],
                "grondslagen": [
                    grondslag(PW, "52, derde lid", "Bijzondere bijstand als renteloos voorschot "
                              "overbrugt de periode tot het UWV beslist; verrekening met de "
                              "nabetaling voorkomt dat er dubbel wordt betaald."),
                    grondslag(PW, "18, eerste lid", "De bijstand wordt afgestemd op de "
                              "omstandigheden: het tekort ontstaat door de wachttijd bij het "
                              "UWV, niet door moeder."),
                ],
                "kosten": [
                    kosten("huidig", "Voedselbank en noodhulp (schatting)", "150.00",
                           frequentie="per_maand", duur=4, geldstroom="overig", betaler="overig"),
                    kosten("dreigend", "Schuldhulpverleningstraject", "3200.00", start=4,
                           geldstroom="schuldhulp", kans="70"),
                    kosten("dreigend", "Huisuitzetting", "5000.00", item="Huisuitzetting: kosten "
                           "voor de verhuurder", eenheid="uitzetting", frequentie="per_stuk", start=9,
                           geldstroom="wonen", betaler="woningcorporatie", kans="20"),
                    kosten("doorbraak", "Aanvulling op het UWV-voorschot tot bijstandsniveau",
                           "480.00", frequentie="per_maand", duur=4,
                           geldstroom="participatiewet"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "proces", "organisatie": "UWV", "regel": "Wachttijd keuring WIA",
             "beschrijving": "Door een tekort aan verzekeringsartsen duurt de keuring maanden; "
             "in die tijd is het voorschot lager dan het bestaansminimum en vult niemand aan."},
        ],
        "verloop": [
            ("status", Status.AANGEMELD, 10, ""),
            ("status", Status.IN_VOORBEREIDING, 8, ""),
            ("intake", 8),
            ("canvas", 6),
            ("knelpunt", 0, 6),
            ("scenario", 0, 4),
        ],
    },
    # 3. In voorbereiding (Wijkteam Noord) — double occupancy at the address (Maatpact,
    # werktafel Tilburg). One of the three cases with the same Toeslagen knelpunt.
    {
        "pseudoniem": "Familie Els",
        "titel": "Geen huurtoeslag door vorige bewoners die nog op het adres staan",
        "casushouder": "consulent-noord",
        "bron": "wijkteam",
        "signaal": 17,
        "urgentie": "hoog",
        "urgentie_toelichting": "Zonder huurtoeslag ontstaat elke maand een huurachterstand van "
        "ruim € 400; de corporatie heeft al een eerste aanmaning gestuurd.",
        "reguliere_routes": ["eigen_team"],
        "reguliere_routes_toelichting": "Adresonderzoek bij Burgerzaken aangevraagd; dat duurt "
        "naar verwachting drie maanden. Bezwaar bij Toeslagen loopt, maar zonder uitkomst "
        "binnen die termijn.",
        "toestemming": "anoniem",
        "volwassenen": 1,
        "kinderen": [3, 8],
        "dossiernummer": "WIZ-2026-0468",
        "leefgebieden": ["financien", "wonen", "inkomen"],
        "organisaties": [TOESLAGEN, "Woningcorporatie"],
        "canvas": {
            "aan_de_hand": "Moeder is met twee jonge kinderen verhuisd naar een sociale "
            "huurwoning. Op het adres staan nog twee vorige bewoners ingeschreven. Toeslagen "
            "ziet hen als toeslagpartners en kent daardoor geen huurtoeslag toe.",
            "wil_inwoner": "\"Ik woon hier alleen met mijn kinderen. Ik wil niet meteen met "
            "een achterstand beginnen in ons nieuwe huis.\"",
            "knelpunt": "Het adresonderzoek duurt maanden; tot die tijd kent Toeslagen niets "
            "toe. De huurachterstand die in de tussentijd ontstaat, kan moeder zelf niet "
            "voorkomen.",
            "niets_doen_kort": "Drie maanden huurachterstand, incassokosten.",
        },
        "scenarios": [
            {
                "titel": "Huur tijdelijk overbruggen tot het adresonderzoek klaar is",
                "beschrijving": "De gemeente betaalt het deel van de huur dat de huurtoeslag "
                "zou dekken rechtstreeks aan de corporatie, tot Toeslagen na het "
                "adresonderzoek met terugwerkende kracht toekent. Moeder betaalt dan terug.",
                "perspectief_inwoner": "Moeder wil meewerken aan het adresonderzoek en "
                "terugbetalen zodra de huurtoeslag er is.",
                "past_in_kaders": False,
                "partners": [TOESLAGEN, "Woningcorporatie"],
                "grondslagen": [
                    grondslag(PW, "48, tweede lid", "Lening: moeder beschikt op korte termijn "
                              "weer over voldoende middelen, als de huurtoeslag met "
                              "terugwerkende kracht wordt toegekend."),
                ],
                "kosten": [
                    kosten("dreigend", "Huurachterstand en incassokosten", "1350.00",
                           geldstroom="wonen", betaler="woningcorporatie", kans="90"),
                    kosten("doorbraak", "Overbrugging huurdeel (lening)", "420.00",
                           frequentie="per_maand", duur=3, geldstroom="participatiewet"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "proces", "organisatie": TOESLAGEN, "regel": TOESLAGEN_REGEL,
             "beschrijving": "Vorige bewoners die nog op het adres staan, worden als "
             "toeslagpartner gezien; tot het adresonderzoek klaar is, krijgt de nieuwe huurder "
             "geen huurtoeslag en bouwt schuld op."},
        ],
        "verloop": [
            ("status", Status.AANGEMELD, 16, ""),
            ("status", Status.IN_VOORBEREIDING, 13, ""),
            ("canvas", 11),
            ("knelpunt", 0, 11),
            ("scenario", 0, 9),
        ],
    },
    # 4. Geagendeerd — the grandparents and school transport (Weert).
    {
        "pseudoniem": "Familie Vlier",
        "titel": "Schoolvervoer voor kleinkinderen tijdens revalidatie van moeder",
        "casushouder": "consulent",
        "bron": "wijkteam",
        "signaal": 30,
        "urgentie": "hoog",
        "urgentie_toelichting": "Zonder vervoer gaan de kinderen niet naar school en kunnen ze "
        "hun moeder niet bezoeken; het alternatief is plaatsing in een pleeggezin.",
        "reguliere_routes": ["eigen_team", "escalatieroute"],
        "reguliere_routes_toelichting": "Leerlingenvervoer afgewezen: de kinderen voldoen niet "
        "aan het afstandscriterium. Bijzondere bijstand voor opa en oma afgewezen omdat ze een "
        "eigen huis hebben.",
        "toestemming": "ja",
        "volwassenen": 2,
        "kinderen": [4, 6],
        "dossiernummer": "WIZ-2026-0391",
        "leefgebieden": ["jeugd", "onderwijs", "financien"],
        "organisaties": ["Gemeente – Leerplicht en leerlingenvervoer",
                         "Gemeente – Participatie, werk en inkomen", "Gemeente – Jeugd"],
        "intake": {"jeugd": 3, "onderwijs": 2, "financien": 3},
        "canvas": {
            "aan_de_hand": "Twee kinderen van 4 en 6 wonen vijf maanden bij opa en oma, omdat "
            "moeder is opgenomen in een revalidatiecentrum buiten de regio. Vader is niet in "
            "beeld. Opa en oma leven van de AOW, zijn slecht ter been, hebben geen auto en "
            "kunnen niet fietsen met een jong kind achterop.",
            "wil_inwoner": "Opa: \"We willen de kinderen hier houden tot hun moeder terug is. "
            "Ze moeten gewoon naar hun eigen school kunnen en hun moeder elke week zien.\"",
            "eerst_oplossen": "Vervoer naar school, elke schooldag.",
            "helpt_nu": "Een vrijwilliger wil wekelijks naar het revalidatiecentrum rijden als "
            "de onkosten worden vergoed. De school denkt mee.",
            "knelpunt": "Leerlingenvervoer is afgewezen op het afstandscriterium. Bijzondere "
            "bijstand is afgewezen omdat opa en oma vermogen hebben in hun eigen huis, dat ze "
            "niet kunnen gebruiken om een taxi te betalen.",
            "niets_doen_kort": "De kinderen missen school en het contact met moeder; opa en oma "
            "raken overbelast.",
            "niets_doen_lang": "Plaatsing van de kinderen in een pleeggezin voor de rest van de "
            "revalidatie, met schade voor de band met moeder en grootouders.",
            "vraag_bereiken": "Dat de kinderen vijf maanden veilig bij opa en oma blijven en "
            "naar school en naar moeder kunnen.",
            "vraag_grondwaarde": "Ja: leerlingenvervoer is bedoeld om kinderen naar school te "
            "laten gaan als ouders dat niet kunnen; hier kunnen de verzorgers het niet.",
            "vraag_ethisch": "Ja; de kinderen blijven in hun eigen netwerk.",
            "vraag_juridisch": "Afwijken van de verordening leerlingenvervoer op grond van de "
            "hardheidsclausule, of vervoer als onderdeel van jeugdhulp (Jeugdwet art. 2.3).",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Leerlingenvervoer bij uitzondering en onkostenvergoeding vrijwilliger",
                "beschrijving": "De kinderen rijden vijf maanden mee met het bestaande "
                "leerlingenvervoer; de gemeente vergoedt de kilometers van de vrijwilliger "
                "voor het wekelijkse bezoek aan moeder.",
                "perspectief_inwoner": "Opa en oma zijn opgelucht; de kinderen kennen het busje "
                "van klasgenoten.",
                "eigen_bijdrage": "Opa en oma brengen de kinderen naar de opstapplek.",
                "netwerk": "Vrijwilliger van de kerk rijdt op woensdag.",
                "past_in_kaders": False,
                "partners": ["Gemeente – Leerplicht en leerlingenvervoer"],
                "grondslagen": [
                    grondslag("Jeugdwet", "2.3", "Vervoer naar school en naar moeder voorkomt "
                              "een uithuisplaatsing; de voorziening sluit aan bij wat dit gezin "
                              "nodig heeft."),
                    grondslag(AWB, "4:84", "Strikte toepassing van het afstandscriterium heeft "
                              "hier onevenredige gevolgen: de kinderen zouden uit hun netwerk "
                              "worden geplaatst."),
                ],
                "kosten": [
                    kosten("huidig", "Ondersteuning grootouders door het wijkteam", "350.00",
                           frequentie="per_maand", duur=5, geldstroom="wmo"),
                    kosten("dreigend", "Pleegzorg voor twee kinderen, vijf maanden", "19.23",
                           item="Pleegvergoeding: basisbedrag pleegkind", eenheid="dag",
                           aantal="2", frequentie="per_dag", duur=5,
                           geldstroom="jeugdwet", kans="50"),
                    kosten("dreigend", "Begeleiding gecertificeerde instelling", "1250.00",
                           frequentie="per_maand", duur=5, geldstroom="jeugdwet", kans="50"),
                    kosten("doorbraak", "Leerlingenvervoer twee leerlingen, vijf maanden",
                           "3978.00", item="Leerlingenvervoer: gemiddelde vervoerskosten",
                           eenheid="jaar", aantal="2", frequentie="per_jaar", duur=5, geldstroom="onderwijs"),
                    kosten("doorbraak", "Onkostenvergoeding vrijwilliger (kilometers)",
                           "95.00", frequentie="per_maand", duur=5, geldstroom="overig"),
                ],
            },
            {
                "titel": "Taxivervoer uit het samenloopbudget",
                "beschrijving": "De gemeente betaalt vijf maanden een taxi naar school en één "
                "keer per week naar het revalidatiecentrum.",
                "perspectief_inwoner": "Opa en oma vinden het goed, maar de kinderen zijn bang "
                "in een taxi met een onbekende chauffeur.",
                "past_in_kaders": False,
                "grondslagen": [
                    grondslag(AWB, "4:84", "Afwijken van de beleidsregel bijzondere bijstand "
                              "(vermogen in de eigen woning), omdat dat vermogen niet "
                              "beschikbaar is voor vervoer."),
                ],
                "kosten": [
                    kosten("dreigend", "Pleegzorg voor twee kinderen, vijf maanden", "19.23",
                           item="Pleegvergoeding: basisbedrag pleegkind", eenheid="dag",
                           aantal="2", frequentie="per_dag", duur=5,
                           geldstroom="jeugdwet", kans="50"),
                    kosten("doorbraak", "Taxi naar school (20 schooldagen, heen en terug)",
                           "38.00", aantal="20", frequentie="per_maand", duur=5,
                           geldstroom="onderwijs"),
                    kosten("doorbraak", "Taxi naar het revalidatiecentrum (wekelijks)",
                           "85.00", aantal="4", frequentie="per_maand", duur=5,
                           geldstroom="overig"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "wet_regel", "organisatie": "Gemeente – Leerplicht en leerlingenvervoer",
             "regel": "Verordening leerlingenvervoer: afstandscriterium",
             "beschrijving": "Het afstandscriterium houdt geen rekening met verzorgers die "
             "door leeftijd en gezondheid niet zelf kunnen brengen."},
            {"soort": "wet_regel", "grondslag": (PW, "35"),
             "beschrijving": "Vermogen in de eigen woning sluit bijzondere bijstand uit, ook "
             "als dat vermogen niet vrij te maken is voor een tijdelijke noodsituatie."},
        ],
        "verloop": [
            ("status", Status.AANGEMELD, 29, ""),
            ("status", Status.IN_VOORBEREIDING, 28, ""),
            ("intake", 28),
            ("canvas", 26),
            ("scenario", 0, 24),
            ("knelpunt", 0, 24),
            ("knelpunt", 1, 24),
            ("scenario", 1, 23),
            ("status", Status.GEAGENDEERD, 6, "Vraag aan het overleg: mag het leerlingenvervoer "
             "bij uitzondering worden ingezet, en betalen we de onkosten van de vrijwilliger?"),
        ],
    },
    # 5. Besproken (bezinningsperiode) — the young parent's childcare debt (Doorbraakroutes,
    # Utrecht wijktafel). Toeslagen knelpunt.
    {
        "pseudoniem": "Familie Lijsterbes",
        "titel": "Kinderopvang stopgezet door betalingsachterstand tijdens opleiding",
        "casushouder": "consulent",
        "bron": "wijkteam",
        "signaal": 47,
        "urgentie": "hoog",
        "urgentie_toelichting": "Zonder opvang kan de ouder de stage niet afmaken; de "
        "examenperiode begint over zes weken.",
        "reguliere_routes": ["eigen_team", "maatwerkcoach"],
        "reguliere_routes_toelichting": "Schuldhulp kan de achterstand bij de opvang niet snel "
        "genoeg regelen. De kinderopvangtoeslag werd teruggevorderd na een wijziging in de "
        "opvanguren; het bezwaar loopt nog.",
        "toestemming": "ja",
        "volwassenen": 1,
        "kinderen": [2],
        "dossiernummer": "WIZ-2026-0412",
        "leefgebieden": ["financien", "onderwijs", "jeugd"],
        "organisaties": [TOESLAGEN, "Gemeente – Schuldhulpverlening"],
        "intake": {"financien": 2, "onderwijs": 3, "jeugd": 4},
        "canvas": {
            "aan_de_hand": "Een jonge alleenstaande ouder volgt een mbo-opleiding tot "
            "verzorgende. Na een terugvordering van kinderopvangtoeslag ontstond een "
            "achterstand bij de opvang van ruim € 1.800; de opvang heeft het kind (2) "
            "uitgeschreven.",
            "wil_inwoner": "\"Ik wil mijn diploma halen. Dan heb ik werk en hoef ik niet meer "
            "van een uitkering te leven.\"",
            "eerst_oplossen": "Dat het kind weer naar de opvang kan.",
            "helpt_nu": "De stagebegeleider is flexibel met roosters; oma past één dag per week "
            "op.",
            "knelpunt": "De opvang neemt het kind pas terug als de achterstand is betaald. "
            "Schuldhulp neemt de schuld mee in een traject, maar dat duurt maanden. Bijzondere "
            "bijstand voor schulden is uitgesloten.",
            "niets_doen_kort": "De ouder stopt met de stage en haalt de examens niet.",
            "niets_doen_lang": "Jaren bijstand in plaats van werk, oplopende schulden en stress "
            "in een gezin met een peuter.",
            "vraag_bereiken": "Opvang terug, opleiding afmaken, daarna werk.",
            "vraag_grondwaarde": "Ja: de bedoeling van de Participatiewet is uitstroom naar "
            "werk; een diploma is daarvoor de beste weg.",
            "vraag_ethisch": "Ja, mits het niet voelt als een beloning voor een schuld: "
            "daarom een lening met een prikkel.",
            "vraag_juridisch": "Bijstand voor schulden is uitgesloten (art. 13), behalve als "
            "lening of borgtocht; afspraken over kwijtschelding vastleggen.",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Lening voor de achterstand, de helft kwijtgescholden bij diploma",
                "beschrijving": "De gemeente schiet de achterstand bij de opvang voor als "
                "renteloze lening. Als de ouder het diploma haalt, wordt de helft "
                "kwijtgescholden; de rest wordt in twee jaar afgelost.",
                "perspectief_inwoner": "De ouder wil dit graag: \"Dan heb ik er zelf ook voor "
                "gewerkt.\"",
                "eigen_bijdrage": "Aflossing van € 40 per maand na het diploma.",
                "netwerk": "Oma blijft één dag per week oppassen.",
                "past_in_kaders": False,
                "partners": ["Gemeente – Schuldhulpverlening"],
                "grondslagen": [
                    grondslag(PW, "48, tweede lid", "Bijstand als geldlening voor de aflossing "
                              "van een schuldenlast, zodat de opvang kan worden hervat."),
                    grondslag(AWB, "3:4", "Stoppen met de opleiding om een schuld van € 1.800 "
                              "is onevenredig ten opzichte van jaren bijstand."),
                ],
                "kosten": [
                    kosten("huidig", "Bijstand alleenstaande ouder", "1345.45",
                           item="Bijstand: norm alleenstaande", eenheid="maand",
                           frequentie="per_maand", geldstroom="participatiewet"),
                    kosten("dreigend", "Bijstand blijft nodig na afbreken opleiding",
                           "1345.45", item="Bijstand: norm alleenstaande", eenheid="maand",
                           frequentie="per_maand", start=13, geldstroom="participatiewet",
                           kans="70"),
                    kosten("dreigend", "Schuldhulpverleningstraject", "3200.00",
                           geldstroom="schuldhulp", kans="60"),
                    kosten("doorbraak", "Lening voor de achterstand bij de opvang", "1850.00",
                           geldstroom="participatiewet"),
                    kosten("doorbraak", "Bijstand tot het diploma", "1345.45",
                           item="Bijstand: norm alleenstaande", eenheid="maand",
                           frequentie="per_maand", duur=12, geldstroom="participatiewet"),
                    kosten("doorbraak", "Kinderopvang drie dagen per week", "10.71",
                           item="Kinderopvang: maximum uurprijs", eenheid="uur", aantal="1039.20",
                           frequentie="per_uur", geldstroom="overig",
                           betaler="rijk"),
                ],
            },
            {
                "titel": "Gift uit het maatwerkbudget voor de achterstand",
                "beschrijving": "De gemeente betaalt de achterstand in één keer als gift, "
                "zonder terugbetaling.",
                "perspectief_inwoner": "Snel en eenvoudig, maar de ouder vraagt zich af of dat "
                "eerlijk is tegenover anderen.",
                "past_in_kaders": False,
                "grondslagen": [
                    grondslag(AWB, "4:84", "Afwijken van de beleidsregel die giften voor "
                              "schulden uitsluit, wegens de onevenredige gevolgen voor de "
                              "opleiding."),
                ],
                "kosten": [
                    kosten("dreigend", "Bijstand blijft nodig na afbreken opleiding",
                           "1345.45", item="Bijstand: norm alleenstaande", eenheid="maand",
                           frequentie="per_maand", start=13, geldstroom="participatiewet",
                           kans="70"),
                    kosten("doorbraak", "Gift voor de achterstand bij de opvang", "1850.00",
                           geldstroom="participatiewet"),
                    kosten("doorbraak", "Bijstand tot het diploma", "1345.45",
                           item="Bijstand: norm alleenstaande", eenheid="maand",
                           frequentie="per_maand", duur=12, geldstroom="participatiewet"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "proces", "organisatie": TOESLAGEN, "regel": TOESLAGEN_REGEL,
             "beschrijving": "Een terugvordering van kinderopvangtoeslag na een kleine "
             "wijziging in de uren leidt tot een achterstand bij de opvang; zolang het bezwaar "
             "loopt, is er geen opvang en geen oplossing."},
        ],
        "verloop": [
            ("status", Status.AANGEMELD, 46, ""),
            ("status", Status.IN_VOORBEREIDING, 44, ""),
            ("intake", 44),
            ("canvas", 41),
            ("knelpunt", 0, 41),
            ("scenario", 0, 39),
            ("scenario", 1, 38),
            ("status", Status.GEAGENDEERD, 12, "Vraag aan het overleg: lening met gedeeltelijke "
             "kwijtschelding of gift?"),
            ("status", Status.BESPROKEN, 5, "Bezinningsperiode: de consulent vraagt de opvang "
             "of het kind al terug kan zodra de lening is toegekend; volgende week opnieuw op de "
             "agenda."),
        ],
    },
    # 6. Geëscaleerd — the toeslagen daughter's housing (Doorbraakroutes, Den Haag).
    # Toeslagen knelpunt.
    {
        "pseudoniem": "Familie Kastanje",
        "titel": "Urgentie voor een jongerenwoning na de toeslagenaffaire en huiselijk geweld",
        "casushouder": "consulent",
        "bron": "partner",
        "signaal": 72,
        "urgentie": "hoog",
        "urgentie_toelichting": "Er zijn eerder incidenten van huiselijk geweld geweest; zolang "
        "moeder en dochter samenwonen, is de kans op herhaling groot.",
        "reguliere_routes": ["eigen_team", "maatwerkcoach", "escalatieroute"],
        "reguliere_routes_toelichting": "Urgentieaanvraag afgewezen: de dochter valt niet onder "
        "de urgentiecategorieën van de huisvestingsverordening. Bezwaar ongegrond verklaard.",
        "toestemming": "anoniem",
        "volwassenen": 2,
        "kinderen": [],
        "dossiernummer": "WIZ-2026-0356",
        "leefgebieden": ["wonen", "veiligheid", "gezondheid"],
        "organisaties": [TOESLAGEN, "Uitvoeringsorganisatie Herstel Toeslagen (UHT)",
                         "Woningcorporatie", "Veilig Thuis", "Gemeente – Wonen"],
        "intake": {"wonen": 2, "veiligheid": 1, "gezondheid": 2},
        "canvas": {
            "aan_de_hand": "Moeder is gedupeerde van de toeslagenaffaire. De jaren van "
            "terugvorderingen hebben de relatie met haar inmiddels meerderjarige dochter (19) "
            "ernstig verstoord; er is sprake geweest van huiselijk geweld. Ze wonen nog samen "
            "in een kleine huurwoning.",
            "wil_inwoner": "Dochter: \"Ik wil op mezelf wonen, zodat we weer gewoon moeder en "
            "dochter kunnen zijn.\"",
            "eerst_oplossen": "Een eigen woonplek voor de dochter.",
            "helpt_nu": "Ambulante begeleiding voor moeder via het herstelteam; dochter heeft "
            "een klik met haar jongerenwerker.",
            "knelpunt": "De dochter wordt behandeld als iedere andere woningzoekende en komt "
            "niet in aanmerking voor urgentie. De gevolgschade van de toeslagenaffaire in het "
            "gezin valt buiten de urgentieregels en buiten de herstelregelingen.",
            "niets_doen_kort": "Nieuwe escalaties thuis, politie en Veilig Thuis.",
            "niets_doen_lang": "GGZ-behandeling voor beiden, mogelijk opvang voor de dochter en "
            "een blijvende breuk in het gezin.",
            "vraag_bereiken": "Een jongerenwoning voor de dochter en rust voor beiden.",
            "vraag_grondwaarde": "Ja: urgentie is bedoeld voor wie dringend woonruimte nodig "
            "heeft; dat geldt hier door de veiligheid.",
            "vraag_ethisch": "Ja; de overheid heeft in dit gezin schade veroorzaakt en heeft "
            "een bijzondere verantwoordelijkheid.",
            "vraag_juridisch": "Urgentie buiten de categorieën van de verordening vraagt een "
            "besluit van het college (hardheidsclausule); afstemming met de portefeuillehouder.",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Urgentie voor een jongerenwoning via de hardheidsclausule",
                "beschrijving": "Het college verleent de dochter urgentie voor een "
                "jongerenwoning buiten de categorieën van de verordening; de corporatie biedt "
                "binnen drie maanden een woning aan. Begeleiding loopt een half jaar door.",
                "perspectief_inwoner": "Moeder en dochter willen dit allebei.",
                "eigen_bijdrage": "De dochter betaalt de huur zelf uit haar baan en "
                "huurtoeslag.",
                "netwerk": "Jongerenwerker helpt met inrichten; een tante biedt meubels aan.",
                "past_in_kaders": False,
                "partners": ["Woningcorporatie", "Uitvoeringsorganisatie Herstel Toeslagen (UHT)"],
                "grondslagen": [
                    grondslag("Huisvestingswet 2014", "12", "De urgentieregeling is bedoeld "
                              "voor wie dringend woonruimte nodig heeft; door het huiselijk "
                              "geweld is dat hier zo, ook al past het niet in een categorie."),
                    grondslag(AWB, "3:4", "Weigeren heeft onevenredige gevolgen voor de "
                              "veiligheid van moeder en dochter."),
                ],
                "kosten": [
                    kosten("huidig", "Ambulante begeleiding (Wmo)", "780.00",
                           frequentie="per_maand", duur=6, geldstroom="wmo"),
                    kosten("dreigend", "Inzet politie en Veilig Thuis", "2400.00",
                           geldstroom="veiligheid", betaler="overig", kans="60"),
                    kosten("dreigend", "Opvang voor de dochter", "15000.00",
                           item="Maatschappelijke opvang: plek in de opvang",
                           eenheid="jaar", frequentie="per_jaar", start=3, geldstroom="wmo", kans="40"),
                    kosten("dreigend", "GGZ-behandeling moeder en dochter", "900.00",
                           frequentie="per_maand", start=3, duur=12, geldstroom="zvw",
                           betaler="zorgverzekeraar", kans="50"),
                    kosten("doorbraak", "Ambulante begeleiding (Wmo)", "780.00",
                           frequentie="per_maand", duur=6, geldstroom="wmo"),
                    kosten("doorbraak", "Inrichtingskosten jongerenwoning", "1500.00",
                           start=3, geldstroom="participatiewet"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "proces", "organisatie": TOESLAGEN, "regel": TOESLAGEN_REGEL,
             "beschrijving": "Gevolgschade van de toeslagenaffaire in het gezin (verstoorde "
             "relaties, de woonsituatie van kinderen) valt buiten de herstelregelingen en "
             "buiten de urgentieregels."},
        ],
        "verloop": [
            ("status", Status.AANGEMELD, 71, ""),
            ("status", Status.IN_VOORBEREIDING, 69, ""),
            ("intake", 69),
            ("canvas", 66),
            ("knelpunt", 0, 66),
            ("scenario", 0, 62),
            ("status", Status.GEAGENDEERD, 50, "Vraag aan het overleg: kunnen we urgentie "
             "verlenen buiten de categorieën van de verordening?"),
            ("status", Status.BESPROKEN, 42, "Het overleg steunt het scenario; de oplossing "
             "valt buiten de bestaande kaders."),
            ("status", Status.GEESCALEERD, 42, "Urgentie buiten de huisvestingsverordening: "
             "afstemming met de portefeuillehouder Wonen nodig voordat de OMO-functionaris "
             "mandaat heeft."),
        ],
    },
    # 7. Besloten — the father in psychosis and the threatened eviction (Weert).
    {
        "pseudoniem": "Familie Meidoorn",
        "titel": "Dreigende huisuitzetting na schade aan de woning tijdens een psychose",
        "casushouder": "consulent",
        "bron": "partner",
        "signaal": 27,
        "urgentie": "acuut",
        "urgentie_toelichting": "De corporatie vraagt de ontruiming aan als de schade niet "
        "binnen vier weken is betaald; moeder is hoogzwanger.",
        "reguliere_routes": ["eigen_team", "maatwerkcoach"],
        "reguliere_routes_toelichting": "Schuldhulp kan de schade niet binnen vier weken "
        "regelen; de corporatie wil geen betalingsregeling zonder zekerheid.",
        "toestemming": "ja",
        "volwassenen": 2,
        "kinderen": [3, 6],
        "dossiernummer": "WIZ-2026-0377",
        "leefgebieden": ["wonen", "gezondheid", "financien", "jeugd"],
        "organisaties": ["Woningcorporatie", "GGZ-instelling", "Kredietbank"],
        "intake": {"wonen": 1, "gezondheid": 2, "financien": 2, "jeugd": 3},
        "canvas": {
            "aan_de_hand": "Gezin met twee kinderen (3 en 6); moeder is hoogzwanger. Vader "
            "raakte in een psychose en heeft de woning zwaar beschadigd. De corporatie brengt "
            "alle kosten in rekening en dreigt met ontruiming. Het gezin heeft al schulden en "
            "woont hier pas kort, zonder netwerk in de regio.",
            "wil_inwoner": "Moeder: \"We willen in ons huis blijven. Mijn man wil zich laten "
            "behandelen; dit mag nooit meer gebeuren.\"",
            "eerst_oplossen": "Dat de ontruiming van tafel gaat.",
            "helpt_nu": "Vader is in behandeling bij de GGZ en neemt zijn medicatie; de "
            "psychiater schat de kans op herhaling klein in.",
            "knelpunt": "Het gezin kan de schade niet betalen en de corporatie koppelt de "
            "betaling aan de ontruiming. Geen regeling betaalt schade na een psychiatrische "
            "crisis.",
            "niets_doen_kort": "Ontruiming rond de bevalling; het gezin staat op straat.",
            "niets_doen_lang": "Zonder netwerk is de kans groot dat de kinderen in een "
            "pleeggezin worden geplaatst; maatschappelijke opvang voor de ouders.",
            "vraag_bereiken": "Dat het gezin in de woning blijft en vader zijn behandeling "
            "afmaakt.",
            "vraag_grondwaarde": "Ja: voorkomen van dakloosheid en uithuisplaatsing is de kern "
            "van de Wmo en de Jeugdwet.",
            "vraag_ethisch": "Ja; de schade is ontstaan door ziekte, niet door opzet.",
            "vraag_juridisch": "Lening of borgtocht op grond van de Participatiewet; afspraak "
            "met de corporatie schriftelijk vastleggen.",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Schade betalen als lening; corporatie ziet af van ontruiming",
                "beschrijving": "De gemeente betaalt de schade aan de corporatie en leent het "
                "bedrag renteloos aan het gezin, af te lossen via de Kredietbank. De "
                "corporatie trekt de ontruiming in. Vader maakt zijn behandeling af.",
                "perspectief_inwoner": "Beide ouders tekenen voor de afspraken.",
                "eigen_bijdrage": "Aflossing € 50 per maand via de Kredietbank.",
                "netwerk": "Kerkelijke diaconie helpt met klussen in de woning.",
                "past_in_kaders": True,
                "partners": ["Woningcorporatie", "Kredietbank", "GGZ-instelling"],
                "grondslagen": [
                    grondslag(PW, "48, tweede lid", "Bijstand als renteloze lening voor de "
                              "aflossing van de schade, zodat de ontruiming van tafel gaat."),
                    grondslag("Wet gemeentelijke schuldhulpverlening", "3", "Bij een "
                              "dreigende ontruiming heeft de gemeente een zorgplicht; het gezin "
                              "wordt toegelaten ondanks eerdere schulden."),
                ],
                "kosten": [
                    kosten("huidig", "Ambulante GGZ-behandeling vader", "1100.00",
                           frequentie="per_maand", duur=6, geldstroom="zvw",
                           betaler="zorgverzekeraar"),
                    kosten("dreigend", "Huisuitzetting", "5000.00",
                           item="Huisuitzetting: kosten voor de verhuurder", eenheid="uitzetting", frequentie="per_stuk",
                           geldstroom="wonen", betaler="woningcorporatie", kans="80"),
                    kosten("dreigend", "Maatschappelijke opvang ouders (half jaar)", "15000.00",
                           item="Maatschappelijke opvang: plek in de opvang", eenheid="jaar",
                           frequentie="per_jaar", start=2, duur=6, geldstroom="wmo", kans="80"),
                    kosten("dreigend", "Pleegzorg voor drie kinderen", "19.23",
                           item="Pleegvergoeding: basisbedrag pleegkind", eenheid="dag",
                           aantal="3", frequentie="per_dag", start=2, duur=12,
                           geldstroom="jeugdwet", kans="50"),
                    kosten("doorbraak", "Lening voor het herstel van de woning", "6400.00",
                           geldstroom="participatiewet"),
                    kosten("doorbraak", "Ambulante GGZ-behandeling vader", "1100.00",
                           frequentie="per_maand", duur=6, geldstroom="zvw",
                           betaler="zorgverzekeraar"),
                ],
            },
            {
                "titel": "Betalingsregeling met de corporatie via schuldhulp",
                "beschrijving": "Schuldhulp probeert een betalingsregeling te treffen voor de "
                "schade; de gemeente staat borg.",
                "perspectief_inwoner": "Het gezin twijfelt: de corporatie heeft al laten weten "
                "geen regeling te willen.",
                "past_in_kaders": True,
                "partners": ["Woningcorporatie", "Gemeente – Schuldhulpverlening"],
                "grondslagen": [
                    grondslag(PW, "49", "Borgtocht zodat een regeling met de schuldeiser "
                              "alsnog tot stand kan komen."),
                ],
                "kosten": [
                    kosten("dreigend", "Huisuitzetting", "5000.00",
                           item="Huisuitzetting: kosten voor de verhuurder", eenheid="uitzetting", frequentie="per_stuk",
                           geldstroom="wonen", betaler="woningcorporatie", kans="50"),
                    kosten("doorbraak", "Schuldhulpverleningstraject", "3200.00",
                           geldstroom="schuldhulp"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "samenwerking", "organisatie": "Woningcorporatie",
             "regel": "Verhaal van schade gekoppeld aan ontruiming",
             "beschrijving": "De corporatie verhaalt schade na een psychiatrische crisis "
             "volledig en koppelt betaling aan de ontruiming; er is geen afspraak met de "
             "gemeente over zulke situaties."},
        ],
        "besluit": {
            "uitkomst": "akkoord",
            "scenario": 0,
            "motivatie": "Akkoord met de lening van € 6.400. De schade is door ziekte ontstaan, "
            "vader is in behandeling en de gevolgen van een ontruiming (opvang, mogelijke "
            "uithuisplaatsing rond de bevalling) zijn onevenredig. De corporatie bevestigt "
            "schriftelijk dat de ontruiming wordt ingetrokken.",
        },
        "verloop": [
            ("status", Status.AANGEMELD, 27, ""),
            ("status", Status.IN_VOORBEREIDING, 26, ""),
            ("intake", 26),
            ("canvas", 24),
            ("scenario", 0, 22),
            ("scenario", 1, 22),
            ("knelpunt", 0, 22),
            ("status", Status.GEAGENDEERD, 13, "Vraag aan het overleg: betaalt de gemeente de "
             "schade als lening om de ontruiming te voorkomen?"),
            ("status", Status.BESPROKEN, 6, "Besluit in het overleg (week 1)."),
            ("besluit", 6),
        ],
    },
    # 8. In uitvoering, evaluation due today — the schuldhulp bridge loan (Doorbraakroutes,
    # Zaanstad).
    {
        "pseudoniem": "Familie Beuk",
        "titel": "Overbruggingslening zodat de schuldregeling niet strandt",
        "casushouder": "consulent",
        "bron": "wijkteam",
        "signaal": 122,
        "urgentie": "hoog",
        "urgentie_toelichting": "De schuldregeling wordt stopgezet als het tekort niet vóór de "
        "zitting is aangevuld.",
        "reguliere_routes": ["eigen_team", "escalatieroute"],
        "reguliere_routes_toelichting": "De Kredietbank kan het saneringskrediet niet verhogen; "
        "bijzondere bijstand is afgewezen omdat het inkomen boven de norm ligt.",
        "toestemming": "ja",
        "volwassenen": 1,
        "kinderen": [10, 13],
        "dossiernummer": "WIZ-2026-0295",
        "leefgebieden": ["financien", "werk", "wonen"],
        "organisaties": ["Kredietbank", "Gemeente – Schuldhulpverlening"],
        "intake": {"financien": 2, "werk": 4, "wonen": 3},
        "canvas": {
            "aan_de_hand": "Vader van twee kinderen heeft een goed inkomen en zit in een "
            "schuldregeling. Voor het akkoord met de schuldeisers komt hij een paar duizend euro "
            "tekort. Een paar maanden na de uitspraak heeft hij het geld, maar dan is het te "
            "laat.",
            "wil_inwoner": "\"Ik wil dit afmaken en schuldenvrij worden. Ik betaal alles "
            "terug.\"",
            "eerst_oplossen": "Het tekort vóór de zitting.",
            "helpt_nu": "Vaste baan, budgetcoaching, goede samenwerking met de Kredietbank.",
            "knelpunt": "Het saneringskrediet is al maximaal; bijzondere bijstand kan niet "
            "door het inkomen. Het geld komt er, maar net te laat.",
            "niets_doen_kort": "De schuldregeling strandt; schuldeisers leggen opnieuw beslag.",
            "niets_doen_lang": "Jaren langer schulden, risico op huurachterstand en verlies van "
            "werk door stress.",
            "vraag_bereiken": "De schuldregeling rond krijgen.",
            "vraag_grondwaarde": "Ja: de Wet gemeentelijke schuldhulpverlening is bedoeld om "
            "mensen schuldenvrij te maken.",
            "vraag_ethisch": "Ja; het is een voorschot, geen gift.",
            "vraag_juridisch": "Lening op grond van de Participatiewet, met een "
            "terugbetalingsafspraak.",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Tekort voorschieten tot na de uitspraak",
                "beschrijving": "De gemeente schiet € 3.200 voor, zodat het akkoord er vóór "
                "de zitting ligt. Vader betaalt binnen zes maanden na de uitspraak terug.",
                "perspectief_inwoner": "Vader tekent de terugbetalingsafspraak.",
                "eigen_bijdrage": "Terugbetaling van het volledige bedrag.",
                "past_in_kaders": True,
                "partners": ["Kredietbank"],
                "grondslagen": [
                    grondslag(PW, "49", "Bijzondere bijstand in de vorm van borgtocht of "
                              "lening zodat de schuldregeling alsnog doorgaat."),
                    grondslag(PW, "48, tweede lid", "Vader beschikt op korte termijn weer over "
                              "voldoende middelen; daarom een lening."),
                ],
                "kosten": [
                    kosten("huidig", "Schuldhulpverleningstraject", "3200.00",
                           geldstroom="schuldhulp"),
                    kosten("dreigend", "Nieuw schuldhulpverleningstraject na stranden", "3200.00",
                           start=6, geldstroom="schuldhulp", kans="80"),
                    kosten("dreigend", "Huisuitzetting", "5000.00",
                           item="Huisuitzetting: kosten voor de verhuurder", eenheid="uitzetting", frequentie="per_stuk",
                           start=12, geldstroom="wonen", betaler="woningcorporatie", kans="20"),
                    kosten("doorbraak", "Voorschot op het akkoord (wordt terugbetaald)",
                           "3200.00", geldstroom="schuldhulp"),
                    kosten("doorbraak", "Schuldhulpverleningstraject", "3200.00",
                           geldstroom="schuldhulp"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "wet_regel", "organisatie": "Kredietbank", "grondslag": (PW, "49"),
             "beschrijving": "Het saneringskrediet dekt het tekort niet, en bijzondere bijstand "
             "is uitgesloten bij een inkomen boven de norm, ook als het geld later wel komt."},
        ],
        "besluit": {
            "uitkomst": "akkoord",
            "scenario": 0,
            "motivatie": "Akkoord: een lening past binnen de kaders, het bedrag komt terug en "
            "voorkomt dat een bijna afgeronde schuldregeling strandt.",
        },
        "plan": {
            "doel": "Het akkoord met de schuldeisers ligt vóór de zitting; vader betaalt het "
            "voorschot binnen zes maanden na de uitspraak terug.",
            "regisseur": "Sanne Jacobs (Wijkteam Centrum)",
            "besproken_met_inwoner": True,
            "start": Maanden(3),
            "monitoring_maanden": 12,
            "acties": [
                ("Voorschot overmaken aan de Kredietbank", "Team Inkomen", 5, True),
                ("Terugbetalingsafspraak vastleggen", "Sanne Jacobs", 7, True),
                ("Akkoord schuldeisers aan de rechtbank sturen", "Kredietbank", 14, True),
                ("Eerste terugbetaling controleren", "Team Inkomen", 120, False),
            ],
            "evaluaties": {},
        },
        "verloop": [
            ("status", Status.AANGEMELD, 121, ""),
            ("status", Status.IN_VOORBEREIDING, 119, ""),
            ("intake", 119),
            ("canvas", 116),
            ("scenario", 0, 113),
            ("knelpunt", 0, 113),
            ("status", Status.GEAGENDEERD, 108, "Vraag aan het overleg: schieten we het tekort "
             "voor?"),
            ("status", Status.BESPROKEN, 101, "Besluit in het overleg (week 1)."),
            ("besluit", 101),
            ("plan", Maanden(3)),
        ],
    },
    # 9. In uitvoering (Wijkteam Noord), evaluation "aanpassen" — the trusted support worker
    # after the Wlz refusal (Doorbraakroutes, Leeuwarden).
    {
        "pseudoniem": "Familie Taxus",
        "titel": "Vertrouwde begeleider behouden na afwijzing Wlz",
        "casushouder": "consulent-noord",
        "bron": "wijkteam",
        "signaal": 170,
        "urgentie": "normaal",
        "urgentie_toelichting": "De situatie is stabiel zolang de huidige begeleider kan "
        "blijven.",
        "reguliere_routes": ["eigen_team", "maatwerkcoach"],
        "reguliere_routes_toelichting": "Wlz-aanvraag afgewezen (leerbaar door een "
        "niveau 1-diploma). Wmo-tarief voor specialistische begeleiding vereist een hbo-diploma "
        "dat de huidige begeleider niet heeft.",
        "toestemming": "ja",
        "volwassenen": 1,
        "kinderen": [],
        "dossiernummer": "WIZ-2026-0264",
        "leefgebieden": ["gezondheid", "wonen", "veiligheid"],
        "organisaties": ["Gemeente – Wmo"],
        "intake": {"gezondheid": 2, "wonen": 3, "veiligheid": 3},
        "canvas": {
            "aan_de_hand": "Een jonge vrouw heeft in verschillende gemeenten veel hulp gehad die "
            "telkens misliep. Nu heeft ze een begeleider met wie ze een klik heeft; na jaren is "
            "de situatie stabiel.",
            "wil_inwoner": "\"Ik wil haar houden. Met haar gaat het goed.\"",
            "knelpunt": "De Wlz is afgewezen; binnen de Wmo krijgt de begeleider niet het "
            "tarief dat past bij haar inzet, omdat ze geen hbo-diploma heeft.",
            "niets_doen_kort": "Wisseling van begeleider; vertrouwen weg.",
            "niets_doen_lang": "Terugval, crisisopnames, dakloosheid.",
            "vraag_grondwaarde": "Ja: de Wmo gaat om passende ondersteuning, en dit werkt.",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Tariefverschil overbruggen uit maatwerkmiddelen voor een half jaar",
                "beschrijving": "De gemeente betaalt het verschil tussen het Wmo-tarief en de "
                "kosten van de huidige begeleider, een half jaar lang. In die tijd onderbouwt "
                "het team waarom Wlz, Zvw en specialistische begeleiding niet passen.",
                "perspectief_inwoner": "Ze wil dit heel graag.",
                "past_in_kaders": False,
                "grondslagen": [
                    grondslag(WMO, "2.3.6", "Een pgb maakt het mogelijk de passende, "
                              "vertrouwde begeleider te betalen die niet via een "
                              "gecontracteerde aanbieder te krijgen is."),
                    grondslag(AWB, "4:84", "Afwijken van de opleidingseis in de beleidsregel, "
                              "omdat een wisseling van begeleider onevenredige gevolgen heeft."),
                ],
                "kosten": [
                    kosten("huidig", "Wmo-begeleiding (basistarief)", "1450.00",
                           frequentie="per_maand", geldstroom="wmo"),
                    kosten("dreigend", "Crisisopname GGZ", "9500.00", start=4,
                           geldstroom="zvw", betaler="zorgverzekeraar", kans="40"),
                    kosten("dreigend", "Dakloosheid: maatschappelijke kosten", "30000.00",
                           item="Dakloosheid: maatschappelijke kosten", eenheid="jaar", frequentie="per_jaar", start=9,
                           geldstroom="overig", betaler="overig", kans="25"),
                    kosten("doorbraak", "Wmo-begeleiding (basistarief)", "1450.00",
                           frequentie="per_maand", geldstroom="wmo"),
                    kosten("doorbraak", "Tariefverschil huidige begeleider", "420.00",
                           frequentie="per_maand", duur=6, geldstroom="wmo"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "wet_regel", "organisatie": "Gemeente – Wmo",
             "grondslag": (WMO, "2.3.5"),
             "beschrijving": "De opleidingseis in het Wmo-contract laat geen ruimte voor een "
             "begeleider zonder hbo-diploma, ook als juist die begeleider werkt."},
        ],
        "besluit": {
            "uitkomst": "akkoord",
            "scenario": 0,
            "motivatie": "Akkoord voor een half jaar. Het team onderbouwt in die tijd welke "
            "structurele route past; daarna opnieuw bespreken.",
        },
        "plan": {
            "doel": "De huidige begeleider blijft een half jaar; in die tijd ligt er een "
            "onderbouwd voorstel voor een structurele oplossing.",
            "regisseur": "Femke Ramakers (Wijkteam Noord)",
            "besproken_met_inwoner": True,
            "start": 140,
            "monitoring_maanden": 12,
            "acties": [
                ("Pgb-afspraak met de begeleider vastleggen", "Team Wmo", 10, True),
                ("Onderbouwing Wlz, Zvw en specialistische begeleiding opstellen",
                 "Femke Ramakers", 120, False),
                ("Signaal over de opleidingseis naar beleid Wmo", "OMO-functionaris", 30, True),
            ],
            "evaluaties": {
                3: ("aanpassen", "Begeleiding loopt goed, maar de onderbouwing kost meer tijd: "
                    "de deadline van die actie is verschoven en het CIZ wordt om een "
                    "heroverweging gevraagd.",
                    {"gezondheid": 3, "wonen": 4, "veiligheid": 3}, 3),
            },
        },
        "verloop": [
            ("status", Status.AANGEMELD, 168, ""),
            ("status", Status.IN_VOORBEREIDING, 165, ""),
            ("intake", 165),
            ("canvas", 160),
            ("scenario", 0, 158),
            ("knelpunt", 0, 158),
            ("status", Status.GEAGENDEERD, 150, "Vraag aan het overleg: mogen we het "
             "tariefverschil tijdelijk betalen?"),
            ("status", Status.BESPROKEN, 143, "Besluit in het overleg (week 1)."),
            ("besluit", 143),
            ("plan", 140),
            ("evaluatie", 3),
        ],
    },
    # 10. Monitoring — Lente and the riding lessons (Doorbraakroutes, Zaanstad).
    {
        "pseudoniem": "Familie Wilg",
        "titel": "Paardrijlessen om het contact met de dochter te herstellen",
        "casushouder": "consulent",
        "bron": "wijkteam",
        "signaal": 158,
        "urgentie": "hoog",
        "urgentie_toelichting": "Gezinscoach en familietherapeut vrezen dat een "
        "uithuisplaatsing moet worden aangevraagd als er niets verandert.",
        "reguliere_routes": ["eigen_team", "maatwerkcoach"],
        "reguliere_routes_toelichting": "Voorkomen-uithuisplaatsing-traject aangevraagd: "
        "wachtlijst. Therapeutisch paardrijden zit in het aanbod, maar ook daar is een "
        "wachtlijst.",
        "toestemming": "ja",
        "volwassenen": 1,
        "kinderen": [14],
        "dossiernummer": "WIZ-2026-0233",
        "leefgebieden": ["jeugd", "onderwijs", "gezondheid"],
        "organisaties": ["Gemeente – Jeugd", "School / samenwerkingsverband passend onderwijs"],
        "intake": {"jeugd": 1, "onderwijs": 1, "gezondheid": 2},
        "canvas": {
            "aan_de_hand": "Dochter (14) woont bij moeder; vader is een jaar geleden overleden "
            "en moeder heeft het daar nog erg zwaar mee. Thuis zijn veel escalaties en de "
            "dochter gaat niet meer naar school. Gezinscoach en familietherapeut krijgen "
            "moeilijk contact met haar.",
            "wil_inwoner": "Dochter: \"Paardrijden. Dat deed ik met papa.\" Moeder: \"Dat we "
            "weer normaal met elkaar kunnen praten.\"",
            "eerst_oplossen": "Contact met de dochter; iets waar ze zelf naartoe wil.",
            "helpt_nu": "De gezinscoach komt wekelijks; moeder staat open voor hulp.",
            "knelpunt": "Er is geen geld voor paardrijlessen. Therapeutisch paardrijden en het "
            "VUHP-traject hebben allebei een wachtlijst.",
            "niets_doen_kort": "Meer escalaties en schoolverzuim.",
            "niets_doen_lang": "Uithuisplaatsing in een jeugdzorginstelling.",
            "vraag_bereiken": "Rust thuis en dat de dochter thuis kan blijven wonen.",
            "vraag_grondwaarde": "Ja: jeugdhulp is bedoeld om het gezin te versterken; dit sluit "
            "aan bij wat de dochter zelf wil.",
            "vraag_ethisch": "Ja.",
            "vraag_juridisch": "Betaling als jeugdhulp op maat (Jeugdwet art. 2.3).",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Tien paardrijlessen betalen",
                "beschrijving": "De gemeente betaalt tien paardrijlessen bij een manege in de "
                "buurt. De gezinscoach rijdt mee naar de manege en gebruikt de ritten om "
                "contact te maken.",
                "perspectief_inwoner": "De dochter wil dit graag; moeder ook.",
                "eigen_bijdrage": "Moeder regelt rijkleding via familie.",
                "netwerk": "Oom en tante bieden aan om af en toe te rijden.",
                "past_in_kaders": False,
                "grondslagen": [
                    grondslag("Jeugdwet", "2.3", "De voorziening sluit aan bij de behoefte en "
                              "persoonskenmerken van de dochter en voorkomt een "
                              "uithuisplaatsing."),
                ],
                "kosten": [
                    kosten("huidig", "Gezinscoach en familietherapie", "1350.00",
                           frequentie="per_maand", duur=6, geldstroom="jeugdwet"),
                    kosten("dreigend", "Jeugdhulp met verblijf", "50000.00",
                           item="Jeugdhulp met verblijf", eenheid="jaar", frequentie="per_jaar", start=3,
                           geldstroom="jeugdwet", kans="60"),
                    kosten("doorbraak", "Tien paardrijlessen", "45.00", aantal="10",
                           geldstroom="jeugdwet"),
                    kosten("doorbraak", "Gezinscoach en familietherapie", "1350.00",
                           frequentie="per_maand", duur=6, geldstroom="jeugdwet"),
                ],
            },
            {
                "titel": "Wachten op VUHP en therapeutisch paardrijden",
                "beschrijving": "Het gezin blijft op de wachtlijsten staan; de gezinscoach "
                "intensiveert tot die tijd.",
                "perspectief_inwoner": "De dochter haakt af als het lang duurt.",
                "past_in_kaders": True,
                "kosten": [
                    kosten("dreigend", "Jeugdhulp met verblijf", "50000.00",
                           item="Jeugdhulp met verblijf", eenheid="jaar", frequentie="per_jaar", start=3,
                           geldstroom="jeugdwet", kans="60"),
                    kosten("doorbraak", "Intensievere gezinscoaching", "1900.00",
                           frequentie="per_maand", duur=6, geldstroom="jeugdwet"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "aanbod", "organisatie": "Gemeente – Jeugd",
             "regel": "Wachtlijsten VUHP en therapeutisch paardrijden",
             "beschrijving": "Het passende aanbod bestaat, maar met wachtlijsten die langer "
             "zijn dan het gezin kan wachten."},
        ],
        "besluit": {
            "uitkomst": "akkoord",
            "scenario": 0,
            "motivatie": "Akkoord: een kleine investering die aansluit bij wat de dochter zelf "
            "wil, tegenover een reëel risico op uithuisplaatsing.",
        },
        "plan": {
            "doel": "De dochter gaat binnen drie maanden weer naar school en er is rust "
            "thuis; een uithuisplaatsing is niet meer nodig.",
            "regisseur": "Sanne Jacobs (Wijkteam Centrum)",
            "besproken_met_inwoner": True,
            "start": 138,
            "monitoring_maanden": 12,
            "acties": [
                ("Manege kiezen en lessen inplannen", "Gezinscoach", 7, True),
                ("Gesprek met school over terugkeer", "Sanne Jacobs", 30, True),
                ("Verkennen of wonen bij oom en tante een optie is", "Gezinscoach", 60, True),
                ("Afmelden voor VUHP-wachtlijst als het goed blijft gaan", "Sanne Jacobs", 200,
                 False),
            ],
            "evaluaties": {
                3: ("doorgaan", "De dochter heeft alle lessen gevolgd en gaat drie dagen per "
                    "week naar school. Er zijn minder escalaties; het gesprek over wonen bij "
                    "oom en tante is gevoerd en ze blijft thuis.",
                    {"jeugd": 3, "onderwijs": 3, "gezondheid": 3}, 1),
            },
        },
        "verloop": [
            ("status", Status.AANGEMELD, 157, ""),
            ("status", Status.IN_VOORBEREIDING, 156, ""),
            ("intake", 155),
            ("canvas", 152),
            ("scenario", 0, 150),
            ("knelpunt", 0, 150),
            ("scenario", 1, 149),
            ("status", Status.GEAGENDEERD, 147, "Vraag aan het overleg: betalen we tien "
             "paardrijlessen?"),
            ("status", Status.BESPROKEN, 141, "Besluit in het overleg (week 1)."),
            ("besluit", 141),
            ("plan", 138),
            ("evaluatie", 3),
            ("status", Status.MONITORING, 40, "Acties afgerond; monitoring tot de evaluatie na "
             "zes maanden."),
        ],
    },
    # 11. Afgesloten — the yoghurt girl (Maatpact).
    {
        "pseudoniem": "Familie Esdoorn",
        "titel": "Eiwitrijke voeding bij ernstig ondergewicht",
        "casushouder": "consulent",
        "bron": "partner",
        "signaal": 246,
        "urgentie": "acuut",
        "urgentie_toelichting": "De dochter (15) weegt te weinig om te worden opgenomen; zonder "
        "aankomen is haar leven in gevaar.",
        "reguliere_routes": ["eigen_team", "maatwerkcoach"],
        "reguliere_routes_toelichting": "Zorgverzekeraar wijst vergoeding af (geen "
        "drinkvoeding op recept). Bijzondere bijstand ziet voeding als algemeen gebruikelijk.",
        "toestemming": "ja",
        "volwassenen": 2,
        "kinderen": [15, 11],
        "dossiernummer": "WIZ-2026-0107",
        "leefgebieden": ["gezondheid", "financien", "jeugd"],
        "organisaties": ["Zorgverzekeraar", "Huisarts / POH-GGZ",
                         "Gemeente – Participatie, werk en inkomen"],
        "intake": {"gezondheid": 1, "financien": 2, "jeugd": 2},
        "canvas": {
            "aan_de_hand": "Een meisje van 15 met anorexia weegt zo weinig dat ze niet in de "
            "kliniek kan worden opgenomen; daarvoor moet ze eerst twee kilo aankomen. Speciale "
            "vette yoghurt met veel eiwitten zou dat mogelijk maken, maar de ouders kunnen die "
            "niet betalen.",
            "wil_inwoner": "Moeder: \"We willen dat ze kan worden opgenomen en beter wordt.\"",
            "eerst_oplossen": "De yoghurt, vandaag nog.",
            "helpt_nu": "Huisarts en diëtist zien haar wekelijks; de ouders zijn zeer betrokken.",
            "knelpunt": "De zorgverzekeraar vergoedt het niet; de gemeente ziet voeding als "
            "algemeen gebruikelijk. De yoghurt past in geen enkel vakje.",
            "niets_doen_kort": "Verder gewichtsverlies; acute ziekenhuisopname.",
            "niets_doen_lang": "Levensgevaar; langdurige klinische behandeling.",
            "vraag_bereiken": "Dat het meisje twee kilo aankomt en kan worden opgenomen.",
            "vraag_grondwaarde": "Ja: bijzondere bijstand is bedoeld voor noodzakelijke kosten "
            "door bijzondere omstandigheden.",
            "vraag_ethisch": "Ja; niets doen is niet uit te leggen.",
            "vraag_juridisch": "Afwijken van de beleidsregel 'algemeen gebruikelijk' "
            "(Awb 4:84).",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Eiwitrijke yoghurt vergoeden tot de opname",
                "beschrijving": "De gemeente vergoedt vier maanden de eiwitrijke zuivel die de "
                "diëtist voorschrijft, tot de opname en de eerste weken daarna.",
                "perspectief_inwoner": "De ouders en het meisje zelf staan erachter.",
                "eigen_bijdrage": "De ouders halen de yoghurt en houden een weeglijst bij.",
                "past_in_kaders": False,
                "partners": ["Zorgverzekeraar", "Huisarts / POH-GGZ"],
                "grondslagen": [
                    grondslag(PW, "35", "Noodzakelijke kosten door bijzondere omstandigheden "
                              "die niet uit het inkomen kunnen worden betaald."),
                    grondslag(AWB, "4:84", "De beleidsregel 'voeding is algemeen "
                              "gebruikelijk' heeft hier onevenredige gevolgen: het leven van "
                              "het meisje is in gevaar."),
                ],
                "kosten": [
                    kosten("huidig", "Ambulante behandeling eetstoornis", "1600.00",
                           frequentie="per_maand", duur=4, geldstroom="zvw",
                           betaler="zorgverzekeraar"),
                    kosten("dreigend", "Acute ziekenhuisopname", "12000.00", geldstroom="zvw",
                           betaler="zorgverzekeraar", kans="70"),
                    kosten("doorbraak", "Eiwitrijke zuivel op advies van de diëtist", "65.00",
                           frequentie="per_maand", duur=4, geldstroom="participatiewet"),
                    kosten("doorbraak", "Ambulante behandeling eetstoornis", "1600.00",
                           frequentie="per_maand", duur=2, geldstroom="zvw",
                           betaler="zorgverzekeraar"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "wet_regel", "organisatie": "Zorgverzekeraar",
             "regel": "Dieetpreparaten in het basispakket alleen als drinkvoeding",
             "beschrijving": "Eiwitrijke zuivel valt niet onder de zorgverzekering en geldt in "
             "de bijzondere bijstand als algemeen gebruikelijk; niemand vergoedt het."},
        ],
        "besluit": {
            "uitkomst": "akkoord",
            "scenario": 0,
            "motivatie": "Direct akkoord van de OMO-functionaris wegens acuut levensgevaar; "
            "achteraf gemeld in het overleg. Kleine uitgave, groot effect.",
        },
        "plan": {
            "doel": "Het meisje komt binnen zes weken twee kilo aan, zodat de klinische "
            "behandeling kan starten.",
            "regisseur": "Sanne Jacobs (Wijkteam Centrum)",
            "besproken_met_inwoner": True,
            "start": 240,
            "monitoring_maanden": 6,
            "acties": [
                ("Afspraak met de diëtist over soort en hoeveelheid", "Diëtist", 3, True),
                ("Maandelijkse vergoeding aan de ouders overmaken", "Team Inkomen", 7, True),
                ("Wekelijks wegen bij de huisarts", "Huisarts", 42, True),
                ("Signaal aan de zorgverzekeraar over de ontbrekende vergoeding",
                 "OMO-functionaris", 30, True),
            ],
            "evaluaties": {
                3: ("doorgaan", "Het meisje is 2,4 kilo aangekomen en is opgenomen. "
                    "Vergoeding loopt door tot een maand na de opname.",
                    {"gezondheid": 2, "financien": 3, "jeugd": 3}, 1),
                6: ("afronden", "De behandeling loopt via de zorgverzekeraar; de extra "
                    "vergoeding is gestopt. Het gezin heeft geen ondersteuning van de gemeente "
                    "meer nodig.",
                    {"gezondheid": 3, "financien": 4, "jeugd": 4}, 2),
            },
        },
        "afsluiten": {
            "uitkomst": "Doel bereikt: het meisje kwam voldoende aan, is opgenomen en de "
            "behandeling loopt via de zorgverzekering. Signaal over de ontbrekende vergoeding "
            "is bij de zorgverzekeraar neergelegd.",
            "samenvatting": "Een jongere met ernstig ondergewicht kon pas worden opgenomen "
            "na twee kilo aankomen. Eiwitrijke voeding (yoghurt) viel buiten de zorgverzekering "
            "én buiten de bijzondere bijstand (algemeen gebruikelijk). De gemeente vergoedde "
            "vier maanden de voeding (ongeveer € 65 per maand) met toepassing van de afwijkingsbevoegdheid "
            "(Awb 4:84) naast Participatiewet art. 35; de OMO-functionaris besliste direct "
            "wegens acuut gevaar. Les: een kleine uitgave kan een dure opname voorkomen.",
        },
        "verloop": [
            ("status", Status.AANGEMELD, 245, ""),
            ("status", Status.IN_VOORBEREIDING, 245, ""),
            ("intake", 244),
            ("canvas", 244),
            ("scenario", 0, 243),
            ("besluit", 242),
            ("plan", 240),
            ("knelpunt", 0, 238),
            ("evaluatie", 3),
            ("status", Status.MONITORING, 145, "Opname gestart; monitoring tot zes maanden."),
            ("evaluatie", 6),
            ("afsluiten", 50),
        ],
    },
    # 12. Afgesloten (Wijkteam Noord, shared with the demo consulent) — Mo's teeth
    # (Doorbraakroutes, Zwolle).
    {
        "pseudoniem": "Familie Berk",
        "titel": "Gebitsrenovatie om weer te kunnen werken en meedoen",
        "casushouder": "consulent-noord",
        "medebehandelaars": ["consulent"],
        "bron": "wijkteam",
        "signaal": 300,
        "urgentie": "normaal",
        "urgentie_toelichting": "Geen acuut gevaar; wel risico op ernstige gezondheidsklachten "
        "op termijn en blijvende uitval van werk.",
        "reguliere_routes": ["eigen_team", "maatwerkcoach"],
        "reguliere_routes_toelichting": "Bijzondere bijstand aangevraagd: alleen een kunstgebit "
        "wordt vergoed. Geen aanvullende tandartsverzekering.",
        "toestemming": "ja",
        "volwassenen": 2,
        "kinderen": [2, 5, 7],
        "dossiernummer": "WIZ-2026-0188",
        "leefgebieden": ["gezondheid", "werk", "financien"],
        "organisaties": ["Zorgverzekeraar", "Gemeente – Participatie, werk en inkomen"],
        "intake": {"gezondheid": 2, "werk": 1, "financien": 2},
        "canvas": {
            "aan_de_hand": "Vader van drie jonge kinderen heeft een ernstige tandvleesontsteking. "
            "Hij schaamt zich, praat met zijn hand voor zijn mond en gaat niet meer naar de "
            "school van zijn kinderen. Hij heeft geen kans op werk en geen sociaal leven meer.",
            "wil_inwoner": "\"Ik wil mijn leven weer oppakken, werken en gezonder leven. Ik wil "
            "stoppen met roken.\"",
            "eerst_oplossen": "Zijn gebit.",
            "helpt_nu": "Zijn partner en de consulent; hij is gemotiveerd.",
            "knelpunt": "De gebitsrenovatie valt buiten de zorgverzekering; bijzondere bijstand "
            "vergoedt alleen een kunstgebit.",
            "niets_doen_kort": "Isolement, geen werk.",
            "niets_doen_lang": "Blijvend in de bijstand; op latere leeftijd risico op reuma en "
            "hartklachten.",
            "vraag_bereiken": "Een gezond gebit, werk en zelfvertrouwen.",
            "vraag_grondwaarde": "Ja: de Participatiewet is gericht op werk en meedoen.",
            "vraag_ethisch": "Ja.",
            "vraag_juridisch": "Vergoeding uit het maatwerkbudget; tegelijk met bijzondere "
            "bijstand bekijken hoe dit voortaan regulier kan.",
            "huishouden_betrokken": "ja",
        },
        "scenarios": [
            {
                "titel": "Gebitsrenovatie vergoeden uit het maatwerkbudget",
                "beschrijving": "Het maatwerkbudget betaalt de gebitsrenovatie. Tegelijk "
                "bekijkt de afdeling bijzondere bijstand hoe dit in de toekomst regulier kan "
                "(tweesporenbeleid).",
                "perspectief_inwoner": "Vader wil dit en gaat naar een stoppen-met-roken-"
                "programma.",
                "eigen_bijdrage": "Stoppen met roken; actief solliciteren na de behandeling.",
                "netwerk": "Zijn partner gaat mee naar de afspraken.",
                "past_in_kaders": False,
                "partners": ["Gemeente – Participatie, werk en inkomen"],
                "grondslagen": [
                    grondslag(AWB, "4:84", "De beleidsregel die alleen een kunstgebit "
                              "vergoedt, heeft hier onevenredige gevolgen voor werk en "
                              "gezondheid."),
                    grondslag(PW, "35", "Noodzakelijke kosten door bijzondere omstandigheden."),
                ],
                "kosten": [
                    kosten("huidig", "Bijstand gezin", "1922.07",
                           item="Bijstand: norm gehuwden", eenheid="maand",
                           frequentie="per_maand", geldstroom="participatiewet"),
                    kosten("dreigend", "Bijstand blijft nodig", "1922.07",
                           item="Bijstand: norm gehuwden", eenheid="maand",
                           frequentie="per_maand", start=7, geldstroom="participatiewet",
                           kans="90"),
                    kosten("doorbraak", "Gebitsrenovatie", "4800.00",
                           geldstroom="participatiewet"),
                    kosten("doorbraak", "Bijstand gezin tot werk", "1922.07",
                           item="Bijstand: norm gehuwden", eenheid="maand",
                           frequentie="per_maand", duur=8, geldstroom="participatiewet"),
                ],
            },
            {
                "titel": "Kunstgebit via de bijzondere bijstand",
                "beschrijving": "De reguliere route: bijzondere bijstand vergoedt een "
                "kunstgebit.",
                "perspectief_inwoner": "Vader wil dit niet: zijn eigen tanden zijn nog te "
                "redden.",
                "past_in_kaders": True,
                "grondslagen": [
                    grondslag(PW, "35", "Reguliere bijzondere bijstand voor een kunstgebit."),
                ],
                "kosten": [
                    kosten("dreigend", "Bijstand blijft nodig", "1922.07",
                           item="Bijstand: norm gehuwden", eenheid="maand",
                           frequentie="per_maand", start=7, geldstroom="participatiewet",
                           kans="70"),
                    kosten("doorbraak", "Kunstgebit", "1100.00", geldstroom="participatiewet"),
                ],
            },
        ],
        "knelpunten": [
            {"soort": "wet_regel", "organisatie": "Gemeente – Participatie, werk en inkomen",
             "grondslag": (PW, "35"),
             "beschrijving": "De beleidsregel bijzondere bijstand vergoedt alleen een "
             "kunstgebit, ook als herstel van het eigen gebit goedkoper is op termijn."},
        ],
        "besluit": {
            "uitkomst": "akkoord",
            "scenario": 0,
            "motivatie": "Akkoord: de renovatie opent de weg naar werk en voorkomt hogere "
            "kosten later. Bijzondere bijstand onderzoekt een structurele regeling.",
        },
        "plan": {
            "doel": "Gebitsrenovatie afgerond binnen drie maanden; daarna start vader met "
            "werk via een re-integratietraject.",
            "regisseur": "Femke Ramakers (Wijkteam Noord)",
            "besproken_met_inwoner": True,
            "start": 276,
            "monitoring_maanden": 6,
            "acties": [
                ("Behandelplan en offerte tandarts", "Tandarts", 14, True),
                ("Betaling aan de tandarts", "Team Inkomen", 30, True),
                ("Stoppen-met-roken-programma", "Huisarts", 60, True),
                ("Gesprek bijzondere bijstand over structurele regeling", "OMO-functionaris",
                 90, True),
            ],
            "evaluaties": {
                3: ("doorgaan", "Behandeling afgerond; vader is gestopt met roken en "
                    "solliciteert.", {"gezondheid": 4, "werk": 2, "financien": 2}, 2),
                6: ("afronden", "Vader werkt 24 uur per week; het gezin heeft een aanvulling "
                    "nodig, geen volledige bijstand meer.",
                    {"gezondheid": 4, "werk": 4, "financien": 3}, 3),
            },
        },
        "afsluiten": {
            "uitkomst": "Doel bereikt: gebit hersteld, vader werkt 24 uur per week en gaat "
            "weer naar de school van zijn kinderen. Bijzondere bijstand werkt aan een "
            "beleidsregel voor gebitsrenovatie.",
            "samenvatting": "Een vader met een ernstige tandvleesontsteking kwam door schaamte "
            "niet meer aan werk of contacten toe. De zorgverzekering vergoedde niets en de "
            "bijzondere bijstand alleen een kunstgebit. De gemeente betaalde het "
            "herstel van zijn gebit (gebitsrenovatie, ongeveer € 4.800) uit het maatwerkbudget op grond van de "
            "afwijkingsbevoegdheid (Awb 4:84) en besprak tegelijk met bijzondere bijstand een "
            "structurele regeling. Binnen een half jaar werkte hij weer.",
        },
        "verloop": [
            ("status", Status.AANGEMELD, 298, ""),
            ("status", Status.IN_VOORBEREIDING, 296, ""),
            ("intake", 296),
            ("canvas", 293),
            ("scenario", 0, 290),
            ("scenario", 1, 289),
            ("knelpunt", 0, 289),
            ("status", Status.GEAGENDEERD, 286, "Vraag aan het overleg: vergoeden we de "
             "gebitsrenovatie?"),
            ("status", Status.BESPROKEN, 279, "Besluit in het overleg (week 1)."),
            ("besluit", 279),
            ("plan", 276),
            ("evaluatie", 3),
            ("status", Status.MONITORING, 182, "Behandeling afgerond; monitoring."),
            ("evaluatie", 6),
            ("afsluiten", 88),
        ],
    },
    # 13. Vervallen — case 1 registered a second time by a colleague who did not see it; the
    # casushouder declared the duplicate vervallen before any overleg. It counts nowhere.
    {
        "pseudoniem": "Fam. Populier",
        "titel": "Leerlingenvervoer jongere met long covid",
        "casushouder": "consulent",
        "bron": "wijkteam",
        "signaal": 3,
        "urgentie": "normaal",
        "urgentie_toelichting": "Verzuim loopt op.",
        "reguliere_routes": ["eigen_team"],
        "reguliere_routes_toelichting": "Aangepast leerlingenvervoer is toegekend maar werkt niet.",
        "toestemming": "ja",
        "volwassenen": 2,
        "kinderen": [15, 12],
        "dossiernummer": "WIZ-2026-0531",
        "leefgebieden": ["onderwijs", "jeugd"],
        "organisaties": [],
        "verloop": [
            ("status", Status.AANGEMELD, 3, ""),
            ("status", Status.VERVALLEN, 2, "Dubbel aangemeld: dit huishouden staat al in OMO "
             "(zelfde dossiernummer WIZ-2026-0531). De eerdere casus blijft."),
        ],
    },
]


# --- Loading ---------------------------------------------------------------------------------


class _Laden:
    """Builds the demo cases; keeps the looked-up reference rows and users."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.nu = timezone.now()
        self.vandaag = timezone.localdate(self.nu)
        self._cache = {}
        self.gebruikers = {}

    # Reference data: looked up, never created.

    def _eenmaal(self, sleutel, zoek):
        if sleutel not in self._cache:
            self._cache[sleutel] = zoek()
        return self._cache[sleutel]

    def leefgebied(self, code):
        return self._eenmaal(("lg", code), lambda: Leefgebied.objects.filter(code=code).first())

    def geldstroom(self, code):
        def zoek():
            return (
                Geldstroom.objects.filter(code=code).first()
                or Geldstroom.objects.filter(code="overig").first()
                or Geldstroom.objects.order_by("volgorde", "pk").first()
            )

        return self._eenmaal(("gs", code), zoek)

    def organisatie(self, naam):
        def zoek():
            return (
                Organisatie.objects.filter(naam__iexact=naam).first()
                or Organisatie.objects.filter(naam__icontains=naam).order_by("naam").first()
            )

        return self._eenmaal(("org", naam), zoek)

    def grondslag(self, wet, artikel):
        def zoek():
            qs = WettelijkeGrondslag.objects.filter(wet__iexact=wet)
            return (
                qs.filter(artikel=artikel).first()
                or qs.filter(Q(artikel__istartswith=f"{artikel},") | Q(artikel__istartswith=f"{artikel} "))
                .order_by("artikel")
                .first()
            )

        return self._eenmaal(("gr", wet, artikel), zoek)

    def prijs(self, item, eenheid):
        def zoek():
            rij = (
                Prijs.objects.filter(item__icontains=item, geldig_vanaf__lte=self.vandaag)
                .select_related("geldstroom")
                .order_by("-geldig_vanaf")
                .first()
            )
            if rij is not None and eenheid and eenheid.lower() not in rij.eenheid_tekst.lower():
                return None
            return rij

        return self._eenmaal(("prijs", item, eenheid), zoek)

    # Users.

    def gebruiker(self, username):
        if username not in self.gebruikers:
            self.gebruikers[username] = User.objects.get(username=username)
        return self.gebruikers[username]

    def maak_tweede_consulent(self) -> int:
        if User.objects.filter(username=TWEEDE_CONSULENT["username"]).exists():
            return 0
        data = dict(TWEEDE_CONSULENT)
        team = Team.objects.get(naam=data.pop("team"))
        user = User(email=f"{data['username']}@omo.example.nl", team=team, **data)
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=roles.CONSULENT))
        return 1

    # Time.

    def datum(self, dagen) -> datetime.date:
        if isinstance(dagen, Maanden):
            return self.vandaag - relativedelta(months=dagen.n)
        return self.vandaag - datetime.timedelta(days=dagen)

    def moment(self, datum: datetime.date, volgnummer: int) -> datetime.datetime:
        """An office-hours moment on `datum` (a weekend moves back to Friday)."""
        while datum.weekday() >= 5:
            datum -= datetime.timedelta(days=1)
        minuten = 9 * 60 + (volgnummer * 47) % 420
        tijd = datetime.time(minuten // 60, minuten % 60)
        return timezone.make_aware(datetime.datetime.combine(datum, tijd))

    # Building one case.

    def laad(self) -> int:
        created = self.maak_tweede_consulent()
        specs = sorted(CASUSSEN, key=lambda s: -s["signaal"])
        nieuw = 0
        for spec in specs:
            if Casus.objects.filter(pseudoniem=spec["pseudoniem"], titel=spec["titel"]).exists():
                continue
            _Casus(self, spec).bouw()
            nieuw += 1
        # The rest of the caseload: some forty households, so that the figures read like a
        # municipality's.
        nieuw += demo_achtergrond.laad(self)
        if nieuw:
            casus_services.werk_zoekvector_bij()
            plan_services.meld_evaluaties(self.vandaag)
            if self.stdout is not None:
                self.stdout.write(f"Demo-casussen aangemaakt: {nieuw}.")
        return created + nieuw


class _Casus:
    def __init__(self, laden: _Laden, spec: dict):
        self.laden = laden
        self.spec = spec
        self.casushouder = laden.gebruiker(spec["casushouder"])
        self.omo = laden.gebruiker("omo")
        self.casus = None
        self.status = ""
        self.status_sinds = None
        self.afgesloten_op = None
        self.laatste = None
        self.volgnummer = 0
        self.scenarios = {}
        self.plan = None

    # Moments only move forward: an event never sorts before the one written before it.
    def _moment(self, dagen):
        moment = self.laden.moment(self.laden.datum(dagen), self.volgnummer)
        self.volgnummer += 1
        if self.laatste is not None and moment <= self.laatste:
            moment = self.laatste + datetime.timedelta(minutes=11)
        moment = min(moment, self.laden.nu - datetime.timedelta(minutes=5))
        self.laatste = moment
        return moment

    def _tijdlijn(self, soort, moment, gebruiker, omschrijving, toelichting="", van="", naar=""):
        TijdlijnEvent.objects.create(
            casus=self.casus, soort=soort, tijdstip=moment, gebruiker=gebruiker,
            omschrijving=str(omschrijving)[:300], toelichting=toelichting, van_status=van,
            naar_status=naar,
        )

    def bouw(self):
        for stap in self.spec["verloop"]:
            getattr(self, f"_{stap[0]}")(*stap[1:])
        Casus.objects.filter(pk=self.casus.pk).update(
            status=self.status,
            status_sinds=self.status_sinds,
            afgesloten_op=self.afgesloten_op,
            uitkomst=self.spec.get("afsluiten", {}).get("uitkomst", ""),
            samenvatting_oplossing=self.spec.get("afsluiten", {}).get("samenvatting", ""),
            gewijzigd_op=self.laatste,
        )

    def _status(self, naar, dagen, toelichting=""):
        moment = self._moment(dagen)
        if naar == Status.AANGEMELD:
            self._registreer(moment)
            return
        overgang = workflow.vind(self.status, naar)
        if overgang is None:
            raise ValueError(f"{self.spec['titel']}: {self.status} → {naar} bestaat niet")
        door = self.casushouder if overgang.wie & {workflow.BETROKKENE, workflow.VERVALLEN} else self.omo
        self._tijdlijn(
            TijdlijnEvent.Soort.STATUS, moment, door, overgang.label, toelichting,
            van=self.status, naar=naar,
        )
        self.status, self.status_sinds = naar, moment
        if naar == Status.AFGESLOTEN:
            self.afgesloten_op = moment

    def _registreer(self, moment):
        spec, laden = self.spec, self.laden
        jaar = timezone.localtime(moment).year
        nummer = casus_services._volgende_nummer(jaar)
        self.casus = Casus.objects.create(
            jaar=jaar,
            volgnummer=nummer,
            code=casus_services.maak_code(jaar, nummer),
            titel=spec["titel"],
            status=Status.AANGEMELD,
            status_sinds=moment,
            casushouder=self.casushouder,
            team=self.casushouder.team,
            bron=spec["bron"],
            datum_signaal=laden.datum(spec["signaal"]),
            urgentie=spec["urgentie"],
            urgentie_toelichting=spec["urgentie_toelichting"],
            reguliere_routes=spec["reguliere_routes"],
            reguliere_routes_toelichting=spec["reguliere_routes_toelichting"],
            toestemming=spec["toestemming"],
            pseudoniem=spec["pseudoniem"],
            volwassenen=spec["volwassenen"],
            leeftijden_kinderen=spec["kinderen"],
            dossiernummer=spec["dossiernummer"],
        )
        Casus.objects.filter(pk=self.casus.pk).update(aangemaakt_op=moment, gewijzigd_op=moment)
        self.casus.leefgebieden.set([lg for lg in map(laden.leefgebied, spec["leefgebieden"]) if lg])
        self.casus.organisaties.set([o for o in map(laden.organisatie, spec["organisaties"]) if o])
        self.casus.medebehandelaars.set([laden.gebruiker(u) for u in spec.get("medebehandelaars", [])])
        self._tijdlijn(
            TijdlijnEvent.Soort.STATUS, moment, self.casushouder, "Casus aangemeld",
            naar=Status.AANGEMELD,
        )
        self.status, self.status_sinds = Status.AANGEMELD, moment

    def _scores(self, scores: dict, moment, evaluatie=None):
        rijen = []
        for code, score in scores.items():
            leefgebied = self.laden.leefgebied(code)
            if leefgebied is not None and leefgebied in self.casus.leefgebieden.all():
                rijen.append(
                    Zelfredzaamheid(casus=self.casus, evaluatie=evaluatie, leefgebied=leefgebied,
                                    score=score)
                )
        Zelfredzaamheid.objects.bulk_create(rijen)
        Zelfredzaamheid.objects.filter(pk__in=[r.pk for r in rijen]).update(vastgelegd_op=moment)

    def _intake(self, dagen):
        moment = self._moment(dagen)
        self._scores(self.spec["intake"], moment)
        self._tijdlijn(
            TijdlijnEvent.Soort.EVALUATIE, moment, self.casushouder,
            "Zelfredzaamheid bij intake vastgelegd",
        )

    def _canvas(self, dagen):
        velden = self.spec["canvas"]
        moment = self._moment(dagen)
        canvas = Canvas.objects.create(casus=self.casus, gewijzigd_door=self.casushouder, **velden)
        Canvas.objects.filter(pk=canvas.pk).update(gewijzigd_op=moment)
        for sectie in SECTIES.values():
            if any(velden.get(veld) for veld in sectie.velden):
                self._tijdlijn(
                    TijdlijnEvent.Soort.CANVAS, moment, self.casushouder,
                    f"Canvas bijgewerkt: {sectie.titel}",
                )
                moment = moment + datetime.timedelta(minutes=4)
        self.laatste = moment

    def _scenario(self, index, dagen):
        data = self.spec["scenarios"][index]
        laden = self.laden
        moment = self._moment(dagen)
        scenario = Scenario.objects.create(
            casus=self.casus,
            titel=data["titel"],
            beschrijving=data["beschrijving"],
            perspectief_inwoner=data.get("perspectief_inwoner", ""),
            eigen_bijdrage=data.get("eigen_bijdrage", ""),
            netwerk=data.get("netwerk", ""),
            past_in_kaders=data.get("past_in_kaders", False),
        )
        Scenario.objects.filter(pk=scenario.pk).update(aangemaakt_op=moment, gewijzigd_op=moment)
        scenario.partners.set([o for o in map(laden.organisatie, data.get("partners", [])) if o])
        for wet, artikel, motivatie in data.get("grondslagen", []):
            gevonden = laden.grondslag(wet, artikel)
            if gevonden is not None:
                ScenarioGrondslag.objects.get_or_create(
                    scenario=scenario, grondslag=gevonden, defaults={"motivatie": motivatie}
                )
        regels = [self._kostenregel(scenario, regel) for regel in data.get("kosten", [])]
        regels = [r for r in regels if r is not None]
        Kostenregel.objects.bulk_create(regels)
        Kostenregel.objects.filter(pk__in=[r.pk for r in regels]).update(aangemaakt_op=moment)
        self.scenarios[index] = scenario
        self._tijdlijn(
            TijdlijnEvent.Soort.SCENARIO, moment, self.casushouder,
            f"Scenario ‘{scenario.titel}’ toegevoegd",
        )

    def _kostenregel(self, scenario, regel):
        item = self.laden.prijs(regel["item"], regel["eenheid"]) if regel["item"] else None
        frequentie = regel["frequentie"]
        if item is not None:
            prijs, geldstroom, betaler = item.prijs, item.geldstroom, item.betaler
            frequentie = item.rekeneenheid
        else:
            prijs, geldstroom, betaler = (
                regel["prijs"], self.laden.geldstroom(regel["geldstroom"]), regel["betaler"],
            )
        if geldstroom is None:
            return None
        return Kostenregel(
            scenario=scenario,
            situatie=regel["situatie"],
            prijslijstitem=item,
            omschrijving=regel["omschrijving"],
            prijs=prijs,
            aantal=regel["aantal"],
            frequentie=frequentie,
            startmaand=regel["startmaand"],
            duur_maanden=regel["duur_maanden"],
            geldstroom=geldstroom,
            betaler=betaler,
            kans=regel["kans"] if regel["situatie"] == "dreigend" else Decimal("100"),
        )

    def _knelpunt(self, index, dagen):
        data = self.spec["knelpunten"][index]
        moment = self._moment(dagen)
        organisatie = self.laden.organisatie(data["organisatie"]) if data.get("organisatie") else None
        gevonden = self.laden.grondslag(*data["grondslag"]) if data.get("grondslag") else None
        knelpunt = Knelpunt.objects.create(
            casus=self.casus,
            soort=data["soort"],
            organisatie=organisatie,
            grondslag=gevonden,
            regel=data.get("regel", "") if gevonden is None else "",
            beschrijving=data["beschrijving"],
        )
        Knelpunt.objects.filter(pk=knelpunt.pk).update(aangemaakt_op=moment)
        self._tijdlijn(
            TijdlijnEvent.Soort.KNELPUNT, moment, self.casushouder,
            f"Knelpunt vastgelegd: {knelpunt.get_soort_display()}: {knelpunt.beschrijving[:120]}",
        )

    def _besluit(self, dagen):
        data = self.spec["besluit"]
        scenario = self.scenarios.get(data["scenario"]) if data["uitkomst"] == "akkoord" else None
        self._status(Status.BESLOTEN, dagen, data["motivatie"])
        moment = self.laatste
        if scenario is not None:
            Scenario.objects.filter(pk=scenario.pk).update(gekozen=True, gewijzigd_op=moment)
            scenario.gekozen = True
        besluit = Besluit.objects.create(
            casus=self.casus, uitkomst=data["uitkomst"], scenario=scenario,
            motivatie=data["motivatie"], niveau=data.get("niveau", Besluit.Niveau.OMO),
            besloten_door=self.omo,
        )
        Besluit.objects.filter(pk=besluit.pk).update(besloten_op=moment)
        omschrijving = f"Besluit: {besluit.get_uitkomst_display()}"
        if scenario is not None:
            omschrijving += f" ({scenario.titel})"
        self._tijdlijn(
            TijdlijnEvent.Soort.BESLUIT, moment, self.omo, omschrijving, data["motivatie"]
        )

    def _plan(self, dagen):
        data = self.spec["plan"]
        scenario = next(s for s in self.scenarios.values() if s.gekozen)
        moment = self._moment(dagen)
        startdatum = self.laden.datum(data["start"])
        self.plan = Doorbraakplan.objects.create(
            casus=self.casus,
            scenario=scenario,
            doel=data["doel"],
            regisseur=data["regisseur"],
            besproken_met_inwoner=data["besproken_met_inwoner"],
            startdatum=startdatum,
            monitoring_maanden=data["monitoring_maanden"],
        )
        Doorbraakplan.objects.filter(pk=self.plan.pk).update(aangemaakt_op=moment, gewijzigd_op=moment)
        acties = []
        for omschrijving, eigenaar, na_dagen, gereed in data["acties"]:
            deadline = startdatum + datetime.timedelta(days=na_dagen)
            gereed_op = None
            if gereed:
                gereed_op = min(
                    self.laden.moment(deadline - datetime.timedelta(days=1), len(acties)),
                    self.laden.nu - datetime.timedelta(hours=1),
                )
            acties.append(
                Actie(plan=self.plan, omschrijving=omschrijving, eigenaar=eigenaar,
                      deadline=deadline, gereed=gereed, gereed_op=gereed_op)
            )
        Actie.objects.bulk_create(acties)
        Evaluatie.objects.bulk_create(
            [
                Evaluatie(casus=self.casus, plan=self.plan, maand=maand,
                          gepland_op=plan_services.gepland_op(startdatum, maand))
                for maand in plan_services.evaluatiemomenten(data["monitoring_maanden"])
            ]
        )
        self._tijdlijn(
            TijdlijnEvent.Soort.PLAN, moment, self.casushouder,
            f"Doorbraakplan opgesteld vanuit scenario ‘{scenario.titel}’", data["doel"],
        )
        self._status(Status.IN_UITVOERING, dagen, data["doel"])

    def _evaluatie(self, maand):
        uitkomst, toelichting, scores, na_dagen = self.spec["plan"]["evaluaties"][maand]
        evaluatie = Evaluatie.objects.get(plan=self.plan, maand=maand)
        dagen = (self.laden.vandaag - evaluatie.gepland_op).days - na_dagen
        moment = self._moment(dagen)
        Evaluatie.objects.filter(pk=evaluatie.pk).update(
            uitkomst=uitkomst, toelichting=toelichting, uitgevoerd_op=moment,
            uitgevoerd_door=self.casushouder,
        )
        self._scores(scores, moment, evaluatie=evaluatie)
        label = Evaluatie.Uitkomst(uitkomst).label
        self._tijdlijn(
            TijdlijnEvent.Soort.EVALUATIE, moment, self.casushouder,
            ngettext("Evaluatie na %(maand)s maand: %(uitkomst)s", "Evaluatie na %(maand)s maanden: %(uitkomst)s",
                     maand) % {"maand": maand, "uitkomst": label},
            toelichting,
        )
        if uitkomst == Evaluatie.Uitkomst.AANPASSEN and self.status == Status.MONITORING:
            self._status(Status.IN_UITVOERING, dagen, toelichting)

    def _afsluiten(self, dagen):
        self._status(Status.AFGESLOTEN, dagen, self.spec["afsluiten"]["uitkomst"])


def load(stdout=None) -> int:
    """Create the demo cases that do not exist yet; returns the number of new rows (cases and
    the second consulent). Called by `manage.py demo_data` after the accounts are made."""
    return _Laden(stdout).laad()
