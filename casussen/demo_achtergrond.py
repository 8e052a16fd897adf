"""The rest of a municipality's caseload for `manage.py demo_data`: some forty households besides
the twelve worked-out demo cases, so that the quarterly report and the dashboard read like a real
municipality's. Their stories are the recurring ones from the source documents (the gap before a
WIA-keuring, the kostendelersnorm after a son comes home, the energy debt, the eighteenth
birthday that ends youth care, the garnishment below the beslagvrije voet, ...), each with a
made-up pseudonym and a varied course.

The signal dates lie in the quarter before this one, in this quarter so far, and in the quarter
before that (those cases are far enough along to have a three-month evaluation, and some are
closed). A case goes through the maatwerkreis step by step until its planned stage or until
today, whichever comes first, so the statuses spread out the way time makes them.

Written in bulk (one insert per table), with the same rows and timeline events the services
write. Deterministic (a fixed seed) and idempotent: when the first background case exists,
nothing is done.
"""

import datetime
import random
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import ngettext

from casussen import workflow
from casussen.models import (
    Actie,
    Besluit,
    Canvas,
    Casus,
    Doorbraakplan,
    Evaluatie,
    Knelpunt,
    Kostenregel,
    Scenario,
    Status,
    TijdlijnEvent,
    Zelfredzaamheid,
)
from casussen.services import casus as casus_services
from casussen.services import plan as plan_services

S = Status

# Pseudonyms: birds, so that they never collide with the trees of the worked-out cases.
NAMEN = [
    "Merel", "Kievit", "Grutto", "Zwaluw", "Roodborst", "Specht", "Vink", "Reiger", "Meerkoet", "Lijster",
    "Koolmees", "Pimpelmees", "Uil", "Buizerd", "Ekster", "Gaai", "Spreeuw", "Mus", "Kwikstaart", "Leeuwerik",
    "Tureluur", "Scholekster", "Wulp", "Zwaan", "Fuut", "IJsvogel", "Nachtegaal", "Goudvink", "Putter", "Sijs",
    "Boomklever", "Winterkoning", "Kauw", "Roek", "Sperwer", "Torenvalk", "Patrijs", "Kwartel", "Ooievaar",
    "Lepelaar", "Aalscholver", "Plevier",
]

# (titel, leefgebieden, organisaties, knelpunt, scenario, doorbraak, dreigend)
#   knelpunt: (soort, organisatie, regel, beschrijving)
#   scenario: (titel, beschrijving)
#   doorbraak / dreigend: (omschrijving, bedrag, geldstroom, betaler[, kans])
THEMAS = [
    ("Inkomensgat tot de WIA-keuring", ["inkomen", "financien", "gezondheid"], ["UWV"],
     ("proces", "UWV", "Wachttijd keuring WIA",
      "Tot de keuring is het voorschot lager dan het bestaansminimum en vult niemand aan."),
     ("Bijstand als voorschot tot de keuring", "De gemeente vult aan tot bijstandsniveau en verrekent met de "
      "nabetaling van het UWV."),
     ("Aanvulling tot bijstandsniveau (vier maanden)", "1900.00", "participatiewet", "gemeente"),
     ("Schuldhulpverleningstraject", "3200.00", "schuldhulp", "gemeente", "70")),
    ("Uitkering moeder gekort nu zoon na detentie thuis woont", ["inkomen", "wonen", "veiligheid"],
     ["Gemeente – Participatie, werk en inkomen"],
     ("wet_regel", "Gemeente – Participatie, werk en inkomen", "Kostendelersnorm",
      "De kostendelersnorm verlaagt de uitkering van de moeder zodra haar zoon terugkomt; zonder adres "
      "komt de zoon niet aan werk of een eigen uitkering."),
     ("Kostendelersnorm tijdelijk buiten toepassing", "Zes maanden geen kostendelersnorm, met een "
      "trajectplan voor werk en een eigen woning voor de zoon."),
     ("Verschil kostendelersnorm, zes maanden", "1650.00", "participatiewet", "gemeente"),
     ("Dakloosheid en opvang van de zoon", "7800.00", "wonen", "gemeente", "60")),
    ("Energieleverancier dreigt af te sluiten in de winter", ["financien", "wonen", "jeugd"],
     ["Energieleverancier", "Gemeente – Schuldhulpverlening"],
     ("proces", "Energieleverancier", "Afsluitbeleid bij betalingsachterstand",
      "De leverancier wacht niet op het schuldhulptraject; de achterstand moet eerst betaald zijn."),
     ("Achterstand voldoen, aflossen via de kredietbank", "De gemeente betaalt de achterstand; het "
      "gezin lost af via een budgetbeheerrekening."),
     ("Achterstand energie", "1240.00", "schuldhulp", "gemeente"),
     ("Noodopvang gezin na afsluiting en herstelkosten", "4600.00", "wonen", "gemeente", "40")),
    ("Jeugdhulp stopt op de achttiende verjaardag", ["jeugd", "wonen", "gezondheid"],
     ["Gemeente – Jeugd", "Gemeente – Wmo"],
     ("samenwerking", "Gemeente – Jeugd", "Overgang 18-/18+",
      "De jeugdhulp eindigt op de verjaardag; de Wmo-indicatie is pas na maanden rond."),
     ("Jeugdhulp verlengd tot de Wmo-begeleiding start", "Verlengde jeugdhulp voor vier maanden en een "
      "warme overdracht naar de Wmo-begeleider."),
     ("Verlengde ambulante begeleiding", "3600.00", "jeugdwet", "gemeente"),
     ("Crisisopvang jongvolwassene", "9500.00", "wmo", "gemeente", "45")),
    ("Beslag op de uitkering onder de beslagvrije voet", ["financien", "inkomen"],
     ["CJIB", "Gemeente – Schuldhulpverlening"],
     ("proces", "CJIB", "Beslagvrije voet en verrekening",
      "Verschillende schuldeisers leggen tegelijk beslag; de beslagvrije voet wordt niet gerespecteerd."),
     ("Schuldeisers samen aan tafel via de schuldhulp", "De schuldhulp regelt één aanspreekpunt; de "
      "gemeente overbrugt de eerste maand."),
     ("Overbrugging eerste maand", "850.00", "schuldhulp", "gemeente"),
     ("Huurachterstand en ontruimingskosten", "6200.00", "wonen", "woningcorporatie", "35")),
    ("Traplift nodig terwijl de verhuizing nog maanden duurt", ["gezondheid", "wonen"],
     ["Gemeente – Wmo", "Woningcorporatie"],
     ("wet_regel", "Gemeente – Wmo", "Goedkoopst adequate voorziening: verhuizen",
      "De Wmo wijst een traplift af omdat verhuizen goedkoper is, maar een passende woning is er niet."),
     ("Tijdelijke traplift in huur", "Een huurtraplift tot de corporatie een gelijkvloerse woning "
      "aanbiedt."),
     ("Huur traplift", "2400.00", "wmo", "gemeente"),
     ("Opname na een val (verpleeghuiszorg)", "14000.00", "wlz", "rijk", "30")),
    ("Postadres en uitkering voor dakloze jongere", ["wonen", "inkomen", "werk"],
     ["Maatschappelijke opvang", "Gemeente – Participatie, werk en inkomen"],
     ("proces", "Gemeente – Participatie, werk en inkomen", "Briefadres en zoektermijn jongeren",
      "Zonder briefadres geen uitkering, zonder uitkering geen kamer: de zoektermijn van vier weken "
      "begint pas na inschrijving."),
     ("Briefadres en kamer in één stap", "Briefadres bij de opvang, een kamer via het jongerenhuis en "
      "begeleiding naar werk."),
     ("Eerste huur en borg kamer", "950.00", "wonen", "gemeente"),
     ("Nachtopvang en politie-inzet", "5200.00", "veiligheid", "gemeente", "55")),
    ("Eigen risico en medicijnen bij chronische ziekte", ["gezondheid", "financien"],
     ["Zorgverzekeraar", "Huisarts / POH-GGZ"],
     ("aanbod", "Zorgverzekeraar", "Eigen risico ineens betalen",
      "Het eigen risico moet in januari in één keer worden betaald; de inwoner stopt met medicijnen."),
     ("Eigen risico gespreid via de gemeentepolis", "Overstap naar de gemeentepolis en het eigen risico "
      "gespreid betalen."),
     ("Eigen risico dit jaar", "385.00", "zvw", "gemeente"),
     ("Ziekenhuisopname na stoppen met medicatie", "8400.00", "zvw", "zorgverzekeraar", "35")),
    ("Gezinshereniging in een te kleine woning", ["wonen", "jeugd", "onderwijs"],
     ["IND", "Woningcorporatie"],
     ("aanbod", "Woningcorporatie", "Woningtoewijzing statushouders",
      "Na gezinshereniging woont een gezin van zes in een tweekamerwoning; een grotere woning valt "
      "buiten de regeling."),
     ("Voorrang voor een eengezinswoning", "Urgentie op grond van de hardheidsclausule, verhuiskosten "
      "als gift."),
     ("Verhuis- en inrichtingskosten", "2100.00", "wonen", "gemeente"),
     ("Jeugdhulp bij overbelasting in het gezin", "7200.00", "jeugdwet", "gemeente", "50")),
    ("Ondernemer na faillissement zonder inkomen", ["werk", "inkomen", "financien"],
     ["Gemeente – Participatie, werk en inkomen", "Belastingdienst"],
     ("wet_regel", "Belastingdienst", "Vermogen in het bedrijfspand",
      "Het bedrijfspand telt als vermogen voor de bijstand, maar is onverkoopbaar zolang de curator het "
      "beheert."),
     ("Bijstand als lening tot de verkoop", "Bijstand als renteloze lening, terug te betalen uit de "
      "opbrengst van het pand."),
     ("Bijstand als lening (vier maanden)", "5400.00", "participatiewet", "gemeente"),
     ("Huurachterstand en schuldhulp", "6900.00", "schuldhulp", "gemeente", "55")),
    ("Mantelzorger overbelast, respijtzorg niet vergoed", ["gezondheid", "werk"],
     ["Gemeente – Wmo", "Wijkteam / sociaal team"],
     ("aanbod", "Gemeente – Wmo", "Respijtzorg alleen met indicatie",
      "Respijtzorg vraagt een indicatie voor de zorgvrager, die die weigert; de mantelzorger valt uit."),
     ("Logeeropvang zonder indicatie", "Twaalf logeernachten per jaar op naam van de mantelzorger."),
     ("Logeeropvang, twaalf nachten", "1800.00", "wmo", "gemeente"),
     ("Verzuim mantelzorger en spoedopname", "11200.00", "wlz", "rijk", "30")),
    ("Boetes stapelen door een laaggeletterde vader", ["financien", "werk", "veiligheid"],
     ["CJIB", "Gemeente – Schuldhulpverlening"],
     ("proces", "CJIB", "Verhogingen bij verkeersboetes",
      "Door brieven die niet worden begrepen, verdubbelen de boetes; het CJIB kent geen pauze voor "
      "schuldhulp."),
     ("Boetes saneren met een betalingsregeling", "De gemeente neemt contact op met het CJIB; de vader "
      "volgt een taalcursus."),
     ("Taalcursus en eerste termijn", "640.00", "overig", "gemeente"),
     ("Gijzeling en verlies van werk", "9800.00", "participatiewet", "gemeente", "25")),
    ("Schoolkosten en laptop voor een examenleerling", ["onderwijs", "financien", "jeugd"],
     ["School / samenwerkingsverband passend onderwijs", "DUO"],
     ("aanbod", "School / samenwerkingsverband passend onderwijs", "Vrijwillige ouderbijdrage en laptop",
      "Zonder eigen laptop kan de leerling het examen niet maken; het kindpakket is op."),
     ("Laptop en examenkosten uit het maatwerkbudget", "Laptop via de school en de examenreis betaald."),
     ("Laptop en examenkosten", "720.00", "onderwijs", "gemeente"),
     ("Vroegtijdig schoolverlaten", "6500.00", "participatiewet", "gemeente", "30")),
    ("Vrouw uit de opvang zonder woning", ["wonen", "veiligheid", "jeugd"],
     ["Maatschappelijke opvang", "Veilig Thuis", "Gemeente – Wonen"],
     ("wet_regel", "Gemeente – Wonen", "Urgentie alleen met binding aan de gemeente",
      "Na de vrouwenopvang valt zij buiten de urgentieregeling, omdat zij elders ingeschreven stond."),
     ("Urgentie en begeleid wonen", "Urgentie op grond van de hardheidsclausule en zes maanden "
      "ambulante begeleiding."),
     ("Inrichting en begeleiding", "3900.00", "wmo", "gemeente"),
     ("Langer verblijf in de opvang", "12600.00", "wmo", "gemeente", "80")),
    ("Bewindvoering te duur voor een oudere met dementie", ["financien", "gezondheid"],
     ["Beschermingsbewindvoerder", "Gemeente – Participatie, werk en inkomen"],
     ("wet_regel", "Gemeente – Participatie, werk en inkomen", "Bijzondere bijstand bewindvoering",
      "De kosten van bewind worden pas vergoed na de uitspraak; tot die tijd betaalt niemand."),
     ("Bewindkosten voorschieten", "De gemeente schiet de kosten tot de uitspraak voor."),
     ("Voorschot bewindkosten", "560.00", "participatiewet", "gemeente"),
     ("Huisuitzetting door opgelopen huurschuld", "5000.00", "wonen", "woningcorporatie", "25")),
    ("Verhuiskosten na een scheiding met kinderen", ["wonen", "financien", "jeugd"],
     ["Woningcorporatie", "Gemeente – Participatie, werk en inkomen"],
     ("wet_regel", "Gemeente – Participatie, werk en inkomen", "Inrichtingskrediet alleen als lening",
      "Een lening voor de inrichting brengt de ouder opnieuw in de schulden, terwijl de kinderen om "
      "de week komen."),
     ("Inrichting als gift voor de kinderkamer", "Inrichting van de kinderkamer als gift, de rest als "
      "lening met een lage aflossing."),
     ("Inrichting kinderkamer", "1350.00", "participatiewet", "gemeente"),
     ("Omgang met de kinderen stopt", "4800.00", "jeugdwet", "gemeente", "40")),
    ("Wanbetalersregeling zorgverzekering na ontslag", ["gezondheid", "financien", "werk"],
     ["CAK", "Zorgverzekeraar"],
     ("proces", "CAK", "Bestuursrechtelijke premie",
      "In de wanbetalersregeling is de premie hoger dan normaal; uit de regeling komen kan pas na "
      "een schuldregeling."),
     ("Uit de wanbetalersregeling via de gemeentepolis", "Afspraak met de zorgverzekeraar en het CAK: "
      "de achterstand wordt in één keer betaald."),
     ("Premieachterstand", "1480.00", "zvw", "gemeente"),
     ("Oplopende schulden en verlies van werk", "7400.00", "schuldhulp", "gemeente", "45")),
]

# The planned stage of each case: how far it gets if time lets it (the rest stops at today).
VERLOOP = [
    S.AANGEMELD, S.IN_VOORBEREIDING, S.GEAGENDEERD, S.BESPROKEN, S.GEESCALEERD, S.BESLOTEN,
    S.IN_UITVOERING, S.MONITORING, S.AFGESLOTEN,
]

MOTIVATIES = [
    "Akkoord: het scenario voorkomt hogere kosten later en past bij wat het huishouden zelf wil.",
    "Akkoord: de oplossing is tijdelijk, goed te motiveren en de reguliere route loopt vast.",
    "Akkoord met het scenario; de consulent legt de afspraken met het huishouden schriftelijk vast.",
    "Akkoord: maatwerk, geen willekeur. Het knelpunt gaat als signaal naar de werktafel.",
]

EVALUATIES = [
    ("doorgaan", "De afspraken lopen; het huishouden heeft weer overzicht."),
    ("doorgaan", "Eerste doel bereikt, het tweede loopt nog."),
    ("afronden", "Het doel is bereikt; de reguliere hulp is weer in beeld."),
    ("aanpassen", "Een actie liep vast; het plan is bijgesteld met de partner."),
]


def _stappen(doel):
    """The statuses from aangemeld to `doel`, in order."""
    hoofdlijn = [S.AANGEMELD, S.IN_VOORBEREIDING, S.GEAGENDEERD, S.BESPROKEN]
    if doel in hoofdlijn:
        return hoofdlijn[: hoofdlijn.index(doel) + 1]
    if doel == S.GEESCALEERD:
        return [*hoofdlijn, S.GEESCALEERD]
    verder = [S.BESLOTEN, S.IN_UITVOERING, S.MONITORING, S.AFGESLOTEN]
    return [*hoofdlijn, *verder[: verder.index(doel) + 1]]


# Days after the previous step (from, to), per step.
DUUR = {
    S.AANGEMELD: (1, 4),
    S.IN_VOORBEREIDING: (1, 5),
    S.GEAGENDEERD: (6, 16),
    S.BESPROKEN: (3, 8),
    S.GEESCALEERD: (2, 6),
    S.BESLOTEN: (0, 8),
    S.IN_UITVOERING: (3, 10),
    S.MONITORING: (35, 70),
    S.AFGESLOTEN: (60, 120),
}


def _specs(vandaag):
    """The background cases: (theme, pseudonym, signal date, planned stage, casushouder)."""
    kans = random.Random(2026)
    dit_kwartaal = datetime.date(vandaag.year, 3 * ((vandaag.month - 1) // 3) + 1, 1)
    vorig = dit_kwartaal - relativedelta(months=3)
    daarvoor = dit_kwartaal - relativedelta(months=6)
    specs = []
    # (first day, number of days, number of cases, the stages they aim for)
    jaar_terug = dit_kwartaal - relativedelta(months=12)
    blokken = [
        # Signalled nine to twelve months ago: six months of monitoring behind them, mostly closed.
        (jaar_terug, (daarvoor - jaar_terug).days // 2, 5, [S.AFGESLOTEN, S.AFGESLOTEN, S.MONITORING]),
        # The quarter before the last: plans running, the three-month evaluation done.
        (daarvoor, (vorig - daarvoor).days, 7, [S.MONITORING, S.IN_UITVOERING, S.MONITORING, S.AFGESLOTEN]),
        # Last quarter: the bulk, at every stage.
        (vorig, (dit_kwartaal - vorig).days, 24, VERLOOP[3:] + VERLOOP[5:] + [S.GEESCALEERD]),
        # This quarter so far.
        (dit_kwartaal, max((vandaag - dit_kwartaal).days, 1), 6, VERLOOP[:4]),
    ]
    houders = ["consulent-noord", "consulent-noord", "coach", "consulent-noord", "consulent"]
    n = 0
    for begin, dagen, aantal, doelen in blokken:
        for i in range(aantal):
            signaal = begin + datetime.timedelta(days=(i * dagen) // aantal + kans.randrange(0, 3))
            signaal = min(signaal, vandaag - datetime.timedelta(days=1))
            specs.append((THEMAS[n % len(THEMAS)], f"Familie {NAMEN[n]}", signaal, doelen[i % len(doelen)],
                          houders[n % len(houders)], kans))
            n += 1
    return specs


def laad(laden) -> int:
    """Create the background cases (with `laden`, the loader of `casussen.demo`)."""
    vandaag = laden.vandaag
    specs = _specs(vandaag)
    if Casus.objects.filter(pseudoniem=specs[0][1], titel=specs[0][0][0]).exists():
        return 0
    omo = laden.gebruiker("omo")
    jaren = {}
    casussen, regels = [], []
    for thema, pseudoniem, signaal, doel, houder, kans in specs:
        casushouder = laden.gebruiker(houder)
        stappen, moment, momenten = _stappen(doel), None, []
        dag = signaal
        for stap in stappen:
            lo, hi = DUUR[stap]
            dag = dag + datetime.timedelta(days=kans.randint(lo, hi))
            if stap == S.AFGESLOTEN:
                # Closed after the last evaluation of six months' monitoring.
                start = timezone.localtime(dict(momenten)[S.IN_UITVOERING]).date()
                dag = plan_services.gepland_op(start, 6) + datetime.timedelta(days=kans.randint(5, 20))
            if dag >= vandaag:
                break
            nieuw = laden.moment(dag, len(momenten) + 3)
            if moment is not None and nieuw <= moment:
                nieuw = moment + datetime.timedelta(minutes=13)
            moment = nieuw
            momenten.append((stap, moment))
        if not momenten:
            momenten = [(S.AANGEMELD, min(laden.moment(signaal, 1), laden.nu - datetime.timedelta(hours=1)))]
        jaar = timezone.localtime(momenten[0][1]).year
        if jaar not in jaren:
            jaren[jaar] = casus_services._volgende_nummer(jaar)
        nummer = jaren[jaar]
        jaren[jaar] += 1
        titel, leefgebieden, organisaties = thema[0], thema[1], thema[2]
        kinderen = sorted(kans.sample(range(2, 17), kans.randint(0, 3)))
        status, sinds = momenten[-1]
        casus = Casus(
            jaar=jaar, volgnummer=nummer, code=casus_services.maak_code(jaar, nummer), titel=titel,
            status=status, status_sinds=sinds, casushouder=casushouder, team=casushouder.team,
            bron=kans.choice(["wijkteam", "wijkteam", "kcc", "partner", "inwoner", "maatwerkregister"]),
            datum_signaal=signaal, urgentie=kans.choice(["normaal", "hoog", "hoog", "acuut"]),
            urgentie_toelichting="Zonder doorbraak lopen de kosten en de zorgen binnen weken op.",
            reguliere_routes=["eigen_team", "maatwerkcoach"],
            reguliere_routes_toelichting="De reguliere route is geprobeerd en loopt vast op het knelpunt "
            "hieronder.",
            toestemming=kans.choice(["ja", "ja", "ja", "anoniem"]), pseudoniem=pseudoniem,
            volwassenen=kans.choice([1, 1, 2]), leeftijden_kinderen=kinderen,
            dossiernummer=f"WIZ-{jaar}-{1000 + nummer:04d}",
            afgesloten_op=sinds if status == S.AFGESLOTEN else None,
            uitkomst="Doel bereikt: de reguliere hulp loopt weer." if status == S.AFGESLOTEN else "",
            samenvatting_oplossing=(
                f"{thema[4][0]}. {thema[4][1]} Daarmee werd voorkomen: {thema[6][0].lower()}."
                if status == S.AFGESLOTEN else ""
            ),
        )
        casussen.append((casus, thema, momenten, kans, casushouder, leefgebieden, organisaties))
    Casus.objects.bulk_create([c[0] for c in casussen])
    # aangemaakt_op and gewijzigd_op are set by Django on insert: one update puts them at the history.
    for casus, _t, momenten, *_ in casussen:
        casus.aangemaakt_op, casus.gewijzigd_op = momenten[0][1], momenten[-1][1]
    Casus.objects.bulk_update([c[0] for c in casussen], ["aangemaakt_op", "gewijzigd_op"])

    lg_through = Casus.leefgebieden.through
    org_through = Casus.organisaties.through
    lg_rijen, org_rijen, events, canvassen, knelpunten, scenarios, scores = [], [], [], [], [], [], []
    for casus, thema, momenten, kans, casushouder, leefgebieden, organisaties in casussen:
        gebieden = [lg for lg in map(laden.leefgebied, leefgebieden) if lg]
        lg_rijen += [lg_through(casus_id=casus.pk, leefgebied_id=lg.pk) for lg in gebieden]
        org_rijen += [org_through(casus_id=casus.pk, organisatie_id=o.pk)
                      for o in {o for o in map(laden.organisatie, organisaties) if o}]
        vorige = ""
        for stap, moment in momenten:
            if stap == S.AANGEMELD:
                events.append(TijdlijnEvent(casus=casus, soort=TijdlijnEvent.Soort.STATUS, tijdstip=moment,
                                            gebruiker=casushouder, omschrijving="Casus aangemeld", naar_status=stap))
            else:
                overgang = workflow.vind(vorige, stap)
                door = casushouder if workflow.BETROKKENE in overgang.wie else omo
                events.append(TijdlijnEvent(casus=casus, soort=TijdlijnEvent.Soort.STATUS, tijdstip=moment,
                                            gebruiker=door, omschrijving=str(overgang.label), van_status=vorige,
                                            naar_status=stap))
            vorige = stap
        bereikt = dict(momenten)
        if S.IN_VOORBEREIDING in bereikt:
            voorbereid = bereikt[S.IN_VOORBEREIDING]
            canvassen.append(Canvas(
                casus=casus, gewijzigd_door=casushouder,
                aan_de_hand=f"{thema[0]}. {thema[3][3]}",
                wil_inwoner="\"Ik wil weer rust en overzicht, en zelf verder kunnen.\"",
                knelpunt=thema[3][3],
                niets_doen_kort=thema[6][0] + ".",
            ))
            soort, organisatie, regel, beschrijving = thema[3]
            knelpunten.append(Knelpunt(casus=casus, soort=soort, organisatie=laden.organisatie(organisatie),
                                       regel=regel, beschrijving=beschrijving))
            scenarios.append(Scenario(casus=casus, titel=thema[4][0], beschrijving=thema[4][1],
                                      perspectief_inwoner="Het huishouden wil dit en werkt mee.",
                                      past_in_kaders=False, gekozen=S.BESLOTEN in bereikt))
            for code in leefgebieden:
                lg = laden.leefgebied(code)
                if lg is not None:
                    scores.append(Zelfredzaamheid(casus=casus, leefgebied=lg, score=kans.randint(1, 3)))
            events.append(TijdlijnEvent(casus=casus, soort=TijdlijnEvent.Soort.KNELPUNT,
                                        tijdstip=voorbereid + datetime.timedelta(minutes=5), gebruiker=casushouder,
                                        omschrijving=f"Knelpunt vastgelegd: {beschrijving[:120]}"))
            events.append(TijdlijnEvent(casus=casus, soort=TijdlijnEvent.Soort.SCENARIO,
                                        tijdstip=voorbereid + datetime.timedelta(minutes=9), gebruiker=casushouder,
                                        omschrijving=f"Scenario ‘{thema[4][0]}’ toegevoegd"))
    lg_through.objects.bulk_create(lg_rijen)
    org_through.objects.bulk_create(org_rijen)
    Canvas.objects.bulk_create(canvassen)
    Knelpunt.objects.bulk_create(knelpunten)
    Scenario.objects.bulk_create(scenarios)
    Zelfredzaamheid.objects.bulk_create(scores)
    per_casus = {s.casus_id: s for s in scenarios}
    for scenario in scenarios:
        thema = next(c[1] for c in casussen if c[0].pk == scenario.casus_id)
        regels.append(_regel(laden, scenario, "doorbraak", *thema[5]))
        regels.append(_regel(laden, scenario, "dreigend", *thema[6]))
    Kostenregel.objects.bulk_create([r for r in regels if r is not None])

    # Decisions, plans, evaluations.
    besluiten, plannen, acties, evaluaties = [], [], [], []
    for casus, thema, momenten, kans, casushouder, _lg, _org in casussen:
        bereikt = dict(momenten)
        if S.BESLOTEN not in bereikt:
            continue
        besluiten.append(Besluit(casus=casus, uitkomst=Besluit.Uitkomst.AKKOORD, scenario=per_casus[casus.pk],
                                 motivatie=kans.choice(MOTIVATIES), niveau=Besluit.Niveau.OMO, besloten_door=omo,
                                 besloten_op=bereikt[S.BESLOTEN]))
        events.append(TijdlijnEvent(casus=casus, soort=TijdlijnEvent.Soort.BESLUIT, tijdstip=bereikt[S.BESLOTEN],
                                    gebruiker=omo, omschrijving=f"Besluit: akkoord ({thema[4][0]})"))
        if S.IN_UITVOERING in bereikt:
            start = timezone.localtime(bereikt[S.IN_UITVOERING]).date()
            plannen.append(Doorbraakplan(casus=casus, scenario=per_casus[casus.pk], doel=thema[4][1],
                                         regisseur=str(casushouder), besproken_met_inwoner=True,
                                         startdatum=start, monitoring_maanden=6))
    Besluit.objects.bulk_create(besluiten)
    Doorbraakplan.objects.bulk_create(plannen)
    evaluatie_scores = []
    for plan in plannen:
        casus, thema, momenten, kans, casushouder, leefgebieden, _org = next(
            c for c in casussen if c[0].pk == plan.casus_id)
        acties += [
            Actie(plan=plan, omschrijving=thema[4][0], eigenaar=str(casushouder),
                  deadline=plan.startdatum + datetime.timedelta(days=14), gereed=True,
                  gereed_op=laden.moment(plan.startdatum + datetime.timedelta(days=12), 2)),
            Actie(plan=plan, omschrijving="Afspraken met het huishouden evalueren", eigenaar=str(casushouder),
                  deadline=plan.startdatum + datetime.timedelta(days=60),
                  gereed=plan.startdatum + datetime.timedelta(days=60) < vandaag),
        ]
        for maand in plan_services.evaluatiemomenten(plan.monitoring_maanden):
            gepland = plan_services.gepland_op(plan.startdatum, maand)
            evaluatie = Evaluatie(casus=casus, plan=plan, maand=maand, gepland_op=gepland)
            if gepland + datetime.timedelta(days=3) < vandaag:
                uitkomst, toelichting = kans.choice(EVALUATIES[:2]) if maand < plan.monitoring_maanden \
                    else EVALUATIES[2]
                evaluatie.uitkomst, evaluatie.toelichting = uitkomst, toelichting
                evaluatie.uitgevoerd_op = laden.moment(gepland + datetime.timedelta(days=kans.randint(0, 3)), 4)
                evaluatie.uitgevoerd_door = casushouder
            evaluaties.append((evaluatie, leefgebieden, kans))
    for actie in acties:
        if actie.gereed and actie.gereed_op is None:
            actie.gereed_op = laden.moment(actie.deadline - datetime.timedelta(days=1), 5)
        if actie.gereed_op is not None:
            actie.gereed_op = min(actie.gereed_op, laden.nu - datetime.timedelta(hours=1))
    Actie.objects.bulk_create(acties)
    Evaluatie.objects.bulk_create([e for e, _l, _k in evaluaties])
    for evaluatie, leefgebieden, kans in evaluaties:
        if not evaluatie.uitkomst:
            continue
        for code in leefgebieden:
            lg = laden.leefgebied(code)
            if lg is not None:
                evaluatie_scores.append(Zelfredzaamheid(casus_id=evaluatie.casus_id, evaluatie=evaluatie,
                                                        leefgebied=lg, score=kans.randint(2, 5)))
        label = Evaluatie.Uitkomst(evaluatie.uitkomst).label
        events.append(TijdlijnEvent(
            casus_id=evaluatie.casus_id, soort=TijdlijnEvent.Soort.EVALUATIE, tijdstip=evaluatie.uitgevoerd_op,
            gebruiker=evaluatie.uitgevoerd_door, toelichting=evaluatie.toelichting,
            omschrijving=ngettext("Evaluatie na %(maand)s maand: %(uitkomst)s",
                                  "Evaluatie na %(maand)s maanden: %(uitkomst)s", evaluatie.maand)
            % {"maand": evaluatie.maand, "uitkomst": label},
        ))
    Zelfredzaamheid.objects.bulk_create(evaluatie_scores)
    TijdlijnEvent.objects.bulk_create(events)
    _zet_tijden(casussen, canvassen, knelpunten, scenarios, regels, besluiten, plannen, scores, evaluatie_scores)
    return len(casussen)


def _zet_tijden(casussen, canvassen, knelpunten, scenarios, regels, besluiten, plannen, scores, evaluatie_scores):
    """The moments that Django fills in on insert, put back at the history they belong to."""
    momenten = {c[0].pk: dict(c[2]) for c in casussen}

    def voorbereid(obj, minuten=0):
        return momenten[obj.casus_id][S.IN_VOORBEREIDING] + datetime.timedelta(minutes=minuten)

    def zet(model, objecten, **velden):
        for obj in objecten:
            for veld, waarde in velden.items():
                setattr(obj, veld, waarde(obj))
        model.objects.bulk_update(objecten, list(velden), batch_size=200)

    zet(Canvas, canvassen, gewijzigd_op=voorbereid)
    zet(Knelpunt, knelpunten, aangemaakt_op=lambda k: voorbereid(k, 5))
    zet(Scenario, scenarios, aangemaakt_op=lambda s: voorbereid(s, 9),
        gewijzigd_op=lambda s: momenten[s.casus_id].get(S.BESLOTEN) or voorbereid(s, 9))
    scenario_van = {s.pk: s for s in scenarios}
    zet(Kostenregel, [r for r in regels if r is not None],
        aangemaakt_op=lambda r: voorbereid(scenario_van[r.scenario_id], 9))
    zet(Besluit, besluiten, besloten_op=lambda b: momenten[b.casus_id][S.BESLOTEN])
    zet(Doorbraakplan, plannen, aangemaakt_op=lambda p: momenten[p.casus_id][S.IN_UITVOERING],
        gewijzigd_op=lambda p: momenten[p.casus_id][S.IN_UITVOERING])
    zet(Zelfredzaamheid, scores, vastgelegd_op=lambda z: voorbereid(z, 2))
    zet(Zelfredzaamheid, evaluatie_scores, vastgelegd_op=lambda z: z.evaluatie.uitgevoerd_op)


def _regel(laden, scenario, situatie, omschrijving, bedrag, geldstroom, betaler, kans="100"):
    """A one-off cost line (the background cases keep their kassabon simple)."""
    stroom = laden.geldstroom(geldstroom)
    if stroom is None:
        return None
    return Kostenregel(
        scenario=scenario, situatie=situatie, omschrijving=omschrijving, prijs=Decimal(bedrag), aantal=Decimal("1"),
        frequentie="eenmalig", startmaand=1, duur_maanden=None, geldstroom=stroom, betaler=betaler,
        kans=Decimal(kans) if situatie == "dreigend" else Decimal("100"),
    )
