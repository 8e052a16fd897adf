"""Demo data of the funds and the fund requests (called by `manage.py demo_data` after the demo
accounts, the demo cases and the escalations).

- Five funds with the rules of the gemeenten they come from (DESIGN §8), each with the demo
  budget holder: Landgraaf's stelpost, Utrecht's OMO-fonds and Voorkom-erger-potje,
  Leeuwarden's Doorpakbudget and Weert's Samenloopbudget, with their allocations for this year.
- A woningcorporatie adds money to the OMO-fonds (Utrecht: the party that benefits contributes).
- Requests on the demo cases in every state: a concept, submitted ones in the budget holder's
  inbox, approved, rejected with a reason, before the College, paid in part, closed, small spends
  booked at once (one still to be reviewed), the childcare-debt loan half forgiven on the diploma,
  the bridge loan repaid and a pre-financing recovered from the zorgverzekeraar.

Everything goes through the services (`budget.services`), so every amount is booked in the
ledger as the app itself would. Idempotent: when any fund exists, nothing is done. A case that is
missing, closed or without a consulent as casushouder is skipped.
"""

from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction

from budget.models import Aanvraag, Fonds
from budget.services import aanvraag as services
from budget.services import grootboek
from casussen.models import EINDSTATUSSEN, Casus, Scenario, Status
from omo.models import User
from omo.toegang import mag

BUDGETHOUDER = "budgethouder"
BEHEERDER = "beheerder"

STELPOST = "Stelpost multiprobleem"
OMO_FONDS = "OMO-fonds"
VOORKOM_ERGER = "Voorkom-erger-potje"
DOORPAK = "Doorpakbudget"
SAMENLOOP = "Samenloopbudget"

WONINGCORPORATIE = "Woningcorporatie Thuis aan de Maas"
ZORGVERZEKERAAR = "Zorgverzekeraar Zorgzaam Zuid"

FONDSEN = [
    {
        "naam": STELPOST,
        "soort": Fonds.Soort.STELPOST,
        "omschrijving": "Niet-geoormerkt budget voor complexe situaties waarvoor geen regulier budget is "
        "(plan van aanpak OMO Landgraaf): € 50.000 per jaar. Wat aan het einde van het jaar over is, "
        "vervalt. Boven € 5.000 beslist het College.",
        "mandaat": "5000.00",
        "jaareinde": Fonds.Jaareinde.VERVALT,
        "kostenplaats": "KP-6720",
        "grootboeknummer": "4430110",
        "toewijzing": ("50000.00", "Begroting {jaar}: stelpost multiprobleem"),
    },
    {
        "naam": OMO_FONDS,
        "soort": Fonds.Soort.OMO_FONDS,
        "omschrijving": "Flexibel fonds voor oplossingen die niet binnen het bestaande systeem te financieren "
        "zijn (raadsvoorstel OMO-aanpak Utrecht), gedekt uit het Fonds Decentralisaties Sociaal Domein. "
        "Revolverend: leningen en voorfinancieringen komen terug in het fonds. Woningcorporaties en "
        "zorgverzekeraars dragen bij als zij de baten hebben.",
        "mandaat": "25000.00",
        "coach_grens": "500.00",
        "leningen_toegestaan": True,
        "voorfinanciering_toegestaan": True,
        "jaareinde": Fonds.Jaareinde.OVERHEVELEN,
        "kostenplaats": "KP-6710",
        "grootboeknummer": "4430100",
        "toewijzing": ("500000.00", "Begroting {jaar}: OMO-fonds uit het Fonds Decentralisaties"),
    },
    {
        "naam": VOORKOM_ERGER,
        "soort": Fonds.Soort.VOORKOM_ERGER,
        "omschrijving": "Mini-maatwerkbudget voor bedragen tot € 500 die snel erger voorkomen (Utrecht). De "
        "maatwerkcoach van het team beslist mee.",
        "mandaat": "500.00",
        "maximum_per_aanvraag": "500.00",
        "coach_grens": "500.00",
        "jaareinde": Fonds.Jaareinde.VERVALT,
        "kostenplaats": "KP-6711",
        "grootboeknummer": "4430120",
        "toewijzing": ("10000.00", "Begroting {jaar}: voorkom-erger-potje"),
    },
    {
        "naam": DOORPAK,
        "soort": Fonds.Soort.DOORPAK,
        "omschrijving": "Uitgaven onder de € 100 doet de sociaal werker direct, zoals rugzakken, gymkleding of "
        "boodschappen als het echt niet anders kan; de budgethouder beoordeelt achteraf (Leeuwarden).",
        "mandaat": "250.00",
        "maximum_per_aanvraag": "250.00",
        "direct_grens": "100.00",
        "jaareinde": Fonds.Jaareinde.VERVALT,
        "kostenplaats": "KP-6712",
        "grootboeknummer": "4430130",
        "toewijzing": ("5000.00", "Begroting {jaar}: doorpakbudget"),
    },
    {
        "naam": SAMENLOOP,
        "soort": Fonds.Soort.SAMENLOOP,
        "omschrijving": "Budget voor de pilot integrale samenwerking (collegebesluit Weert), voor casuïstiek "
        "waar de reguliere middelen door wet- en regelgeving niet kunnen worden ingezet. De opdrachtgevers "
        "keuren goed of wijzen gemotiveerd af; betalen of lenen.",
        "mandaat": "50000.00",
        "leningen_toegestaan": True,
        "jaareinde": Fonds.Jaareinde.OVERHEVELEN,
        "kostenplaats": "KP-6730",
        "grootboeknummer": "4430140",
        "toewijzing": ("50000.00", "Samenloopbudget pilot integrale samenwerking (collegebesluit)"),
    },
]

PARTNERBIJDRAGEN = [
    (OMO_FONDS, "7500.00", WONINGCORPORATIE,
     "Bijdrage uit de prestatieafspraken: voorkomen van huisuitzettingen met het OMO-fonds"),
]

# The requests, in the order they are made. `stappen` is what happened after the request was
# written by the casushouder (without steps it stays a concept):
#   ("indienen",)                       submitted by the requester
#   ("goedkeuren", motivatie)           approved by the budget holder
#   ("afwijzen", reden)                 rejected by the budget holder
#   ("college", toelichting)            put before the College by the budget holder
#   ("betalen", bedrag)                 (part) payment by the budget holder
#   ("afronden",)                       closed by the budget holder
#   ("aflossen", bedrag)                repayment or recovery, booked by the budget holder
#   ("kwijtschelden", bedrag, reden)    forgiven by the budget holder
#   ("achteraf", oordeel)               a direct spend reviewed by the budget holder
# `scenario` is the start of the title of the case's scenario; `nieuw_scenario` is made when the
# case has no scenario yet.
AANVRAGEN = [
    # Concept: the e-bike for the boy who cannot stand the school bus (Zwolle).
    {
        "pseudoniem": "Familie Populier",
        "fonds": STELPOST,
        "scenario": "Elektrische fiets",
        "nieuw_scenario": {
            "titel": "Elektrische fiets in plaats van het taxibusje",
            "beschrijving": "De jongere fietst op een elektrische fiets in zijn eigen tempo naar school, zonder "
            "de prikkels van het busje. De school spreekt voor de eerste weken een aangepast rooster af.",
            "perspectief_inwoner": "De jongere wil dit zelf graag; zijn ouders steunen het.",
            "eigen_bijdrage": "De ouders betalen de verzekering en het onderhoud.",
            "past_in_kaders": False,
        },
        "soort": Aanvraag.Soort.GIFT,
        "bedrag": "1650.00",
        "doel": "Elektrische fiets met slot, zodat de jongere zelfstandig naar school kan.",
        "noodzaak": "De jongere raakt in het taxibusje overprikkeld en stapt niet meer in; hij mist sinds zes "
        "weken de meeste lessen.",
        "gevolgen": "Oplopend verzuim en een melding bij leerplicht; op termijn thuiszitten en duurdere "
        "jeugdhulp of onderwijszorg.",
        "regulier_onmogelijk": "De verordening leerlingenvervoer kent aangepast vervoer of een kilometer"
        "vergoeding, geen aanschaf van een fiets.",
        "reguliere_routes": "Aangepast leerlingenvervoer is toegekend en geprobeerd; een kilometervergoeding "
        "helpt niet omdat de ouders geen auto hebben.",
        "stappen": [],
    },
    # A direct spend under € 100, reviewed afterwards (Leeuwarden: rugzakken en gymkleding).
    {
        "pseudoniem": "Familie Vlier",
        "fonds": DOORPAK,
        "scenario": "Leerlingenvervoer",
        "soort": Aanvraag.Soort.GIFT,
        "bedrag": "89.50",
        "doel": "Gymkleding en twee rugzakken voor de kinderen; hun spullen staan nog in het huis van moeder.",
        "noodzaak": "Zonder gymkleding doen de kinderen niet mee met gym; opa en oma kunnen het niet betalen.",
        "gevolgen": "De kinderen vallen op en missen lessen, in een toch al onrustige periode.",
        "regulier_onmogelijk": "Bijzondere bijstand is afgewezen omdat opa en oma een eigen huis hebben.",
        "reguliere_routes": "Bijzondere bijstand (afgewezen); de school is gevraagd naar gevonden voorwerpen.",
        "stappen": [
            ("indienen",),
            ("achteraf", "Akkoord: precies waarvoor het doorpakbudget bedoeld is."),
        ],
    },
    # Submitted, waiting in the budget holder's inbox (Weert: the volunteer's expenses).
    {
        "pseudoniem": "Familie Vlier",
        "fonds": SAMENLOOP,
        "scenario": "Leerlingenvervoer",
        "soort": Aanvraag.Soort.GIFT,
        "bedrag": "475.00",
        "doel": "Onkostenvergoeding voor de vrijwilliger die de kinderen elke woensdag naar hun moeder in het "
        "revalidatiecentrum rijdt: vijf maanden € 95.",
        "noodzaak": "Zonder vergoeding kan de vrijwilliger niet rijden; opa en oma hebben geen auto en kunnen "
        "de kinderen niet brengen.",
        "gevolgen": "De kinderen zien hun moeder vijf maanden niet; de band met moeder lijdt en de kans op "
        "plaatsing in een pleeggezin neemt toe.",
        "regulier_onmogelijk": "Bijzondere bijstand is afgewezen omdat opa en oma vermogen hebben in hun eigen "
        "huis; een vergoeding voor een vrijwilliger valt buiten de voorzieningen van de Jeugdwet.",
        "reguliere_routes": "Bijzondere bijstand (afgewezen), leerlingenvervoer (afgewezen op het "
        "afstandscriterium), het netwerk van opa en oma verkend.",
        "stappen": [("indienen",)],
    },
    # A direct spend of € 65, still on the review list.
    {
        "pseudoniem": "Familie Hazelaar",
        "fonds": DOORPAK,
        "scenario": "Aanvullende bijstand",
        "soort": Aanvraag.Soort.GIFT,
        "bedrag": "65.00",
        "doel": "Boodschappen voor moeder en de twee kinderen voor deze week; de voedselbank heeft pas volgende "
        "week weer een pakket.",
        "noodzaak": "Het voorschot van het UWV is op; er is geen eten in huis voor de kinderen.",
        "gevolgen": "Kinderen zonder eten; moeder leent bij de buren of sluit een flitskrediet af, met nieuwe "
        "schulden.",
        "regulier_onmogelijk": "Aanvullende bijstand is aangehouden tot de keuring door het UWV; een voorschot "
        "op bijzondere bijstand duurt minstens een week.",
        "reguliere_routes": "Voedselbank (pakket volgende week), aanvraag aanvullende bijstand (aangehouden).",
        "stappen": [("indienen",)],
    },
    # Submitted, waiting in the inbox: the gap until the UWV's assessment.
    {
        "pseudoniem": "Familie Hazelaar",
        "fonds": OMO_FONDS,
        "scenario": "Aanvullende bijstand",
        "soort": Aanvraag.Soort.VOORSCHOT,
        "bedrag": "1920.00",
        "doel": "Aanvulling op het voorschot van het UWV tot bijstandsniveau, vier maanden € 480, tot de "
        "keuring; te verrekenen met een nabetaling van het UWV.",
        "noodzaak": "Het voorschot van het UWV ligt ruim onder het bijstandsniveau; de huur van deze maand is "
        "niet betaald.",
        "gevolgen": "Huurachterstand, aanmaningskosten en nieuwe schulden; bij een ontruiming kosten die vele "
        "malen hoger zijn (schuldhulp, opvang).",
        "regulier_onmogelijk": "Inkomen houdt de aanvraag aanvullende bijstand aan tot na de keuring door het "
        "UWV; de Participatiewet biedt tot dan geen aanvulling.",
        "reguliere_routes": "Aanvullende bijstand aangevraagd (aangehouden), maatwerkcoach geraadpleegd, het "
        "UWV gevraagd de keuring te versnellen.",
        "stappen": [("indienen",)],
    },
    # Rejected with a reason, and asked again as a loan (Tilburg: double occupancy at the address).
    {
        "pseudoniem": "Familie Els",
        "fonds": STELPOST,
        "scenario": "Huur tijdelijk overbruggen",
        "soort": Aanvraag.Soort.GIFT,
        "bedrag": "1260.00",
        "doel": "Het deel van de huur dat de huurtoeslag zou dekken, drie maanden € 420, rechtstreeks aan de "
        "corporatie.",
        "noodzaak": "Zonder huurtoeslag ontstaat elke maand een huurachterstand van ruim € 400; de corporatie "
        "heeft al een aanmaning gestuurd.",
        "gevolgen": "Drie maanden huurachterstand met incassokosten: een slechte start in de nieuwe woning met "
        "twee jonge kinderen.",
        "regulier_onmogelijk": "Toeslagen kent niets toe zolang de vorige bewoners op het adres staan "
        "ingeschreven; het adresonderzoek duurt drie maanden.",
        "reguliere_routes": "Adresonderzoek bij Burgerzaken aangevraagd, bezwaar bij Toeslagen ingediend.",
        "stappen": [
            ("indienen",),
            ("afwijzen", "Geen gift: na het adresonderzoek wordt de huurtoeslag met terugwerkende kracht "
             "toegekend, dus het geld komt terug. Vraag een renteloze lening aan uit het OMO-fonds, terug te "
             "betalen uit de nabetaling."),
        ],
    },
    {
        "pseudoniem": "Familie Els",
        "fonds": OMO_FONDS,
        "scenario": "Huur tijdelijk overbruggen",
        "soort": Aanvraag.Soort.LENING,
        "bedrag": "1260.00",
        "termijnbedrag": "420.00",
        "eerste_termijn": 4,  # months from now, on the first day of the month
        "doel": "Renteloze lening voor het deel van de huur dat de huurtoeslag zou dekken (drie maanden € 420), "
        "terug te betalen uit de nabetaling van de huurtoeslag.",
        "noodzaak": "Zonder huurtoeslag ontstaat elke maand een huurachterstand van ruim € 400; de corporatie "
        "heeft al een aanmaning gestuurd.",
        "gevolgen": "Drie maanden huurachterstand met incassokosten: een slechte start in de nieuwe woning met "
        "twee jonge kinderen.",
        "regulier_onmogelijk": "Toeslagen kent niets toe zolang de vorige bewoners op het adres staan "
        "ingeschreven; het adresonderzoek duurt drie maanden.",
        "reguliere_routes": "Adresonderzoek, bezwaar bij Toeslagen; een gift uit de stelpost is afgewezen met "
        "het advies een lening aan te vragen.",
        "stappen": [("indienen",)],
    },
    # Before the College: above the budget holder's mandate (Den Haag: the toeslagen daughter).
    {
        "pseudoniem": "Familie Kastanje",
        "fonds": STELPOST,
        "scenario": "Urgentie voor een jongerenwoning",
        "soort": Aanvraag.Soort.GIFT,
        "bedrag": "5400.00",
        "doel": "Tijdelijke kamer voor de dochter tot de jongerenwoning er is (zes maanden € 650) en € 1.500 "
        "voor de inrichting van de jongerenwoning.",
        "noodzaak": "Moeder en dochter wonen samen in een kleine huurwoning; er is eerder huiselijk geweld "
        "geweest en de kans op herhaling is groot.",
        "gevolgen": "Nieuwe escalaties thuis met politie en Veilig Thuis; opvang voor de dochter kost ruim "
        "€ 15.000 per jaar.",
        "regulier_onmogelijk": "De dochter valt buiten de urgentiecategorieën van de huisvestingsverordening; "
        "de gevolgschade van de toeslagenaffaire valt buiten de herstelregelingen.",
        "reguliere_routes": "Urgentieaanvraag (afgewezen, bezwaar ongegrond), herstelteam van de UHT, "
        "escalatie naar de portefeuillehouder (loopt).",
        "stappen": [
            ("indienen",),
            ("college", "Advies: akkoord. De kamer is nodig voor de veiligheid van moeder en dochter zolang de "
             "urgentie bij de portefeuillehouder ligt; de inrichting volgt pas als de woning er is."),
        ],
    },
    # Approved, not paid yet (Weert: the father in psychosis and the damage to the house).
    {
        "pseudoniem": "Familie Meidoorn",
        "fonds": SAMENLOOP,
        "scenario": "Schade betalen als lening",
        "soort": Aanvraag.Soort.LENING,
        "bedrag": "6400.00",
        "termijnbedrag": "50.00",
        "eerste_termijn": 2,
        "doel": "Renteloze lening voor de schade aan de woning: de gemeente betaalt de corporatie, het gezin "
        "lost af via de Kredietbank.",
        "noodzaak": "De corporatie vraagt de ontruiming aan als de schade niet binnen vier weken is betaald; "
        "moeder is hoogzwanger.",
        "gevolgen": "Ontruiming rond de bevalling, maatschappelijke opvang voor de ouders en een grote kans op "
        "uithuisplaatsing van de kinderen.",
        "regulier_onmogelijk": "Schuldhulp kan de schade niet binnen vier weken regelen, bijzondere bijstand "
        "voor schulden is uitgesloten en de corporatie wil geen regeling zonder zekerheid.",
        "reguliere_routes": "Schuldhulpverlening en een betalingsregeling met de corporatie (geweigerd); "
        "borgtocht besproken.",
        "stappen": [
            ("indienen",),
            ("goedkeuren", "Akkoord conform het besluit in het overleg: de lening voorkomt de ontruiming. "
             "Betaling aan de corporatie zodra die schriftelijk bevestigt dat de ontruiming wordt ingetrokken."),
        ],
    },
    # Pre-financing recovered from the zorgverzekeraar.
    {
        "pseudoniem": "Familie Meidoorn",
        "fonds": OMO_FONDS,
        "scenario": "Schade betalen als lening",
        "soort": Aanvraag.Soort.VOORFINANCIERING,
        "bedrag": "1100.00",
        "verhalen_op": ZORGVERZEKERAAR,
        "doel": "Voorfinanciering van de eerste maand ambulante GGZ-behandeling van vader, in afwachting van "
        "de machtiging van de zorgverzekeraar.",
        "noodzaak": "Zonder directe behandeling is de kans op een nieuwe psychose groot; de machtiging van de "
        "zorgverzekeraar duurt zes weken.",
        "gevolgen": "Terugval van vader, opnieuw schade en alsnog een ontruiming; een crisisopname kost vele "
        "malen meer.",
        "regulier_onmogelijk": "De zorgverzekeraar vergoedt pas na de machtiging; de gemeente heeft geen "
        "regeling voor zorg die onder de Zorgverzekeringswet valt.",
        "reguliere_routes": "Machtiging aangevraagd bij de zorgverzekeraar; bij de gecontracteerde aanbieder "
        "is de wachttijd vier maanden.",
        "stappen": [
            ("indienen",),
            ("goedkeuren", "Akkoord als voorfinanciering: de zorgverzekeraar heeft toegezegd te vergoeden "
             "zodra de machtiging er is."),
            ("betalen", "1100.00"),
            ("aflossen", "1100.00"),
        ],
    },
    # Paid in part: four of six months (Leeuwarden: the trusted support worker).
    {
        "pseudoniem": "Familie Taxus",
        "fonds": STELPOST,
        "scenario": "Tariefverschil overbruggen",
        "soort": Aanvraag.Soort.GIFT,
        "bedrag": "4800.00",
        "doel": "Het verschil tussen het Wmo-tarief en de kosten van de huidige begeleider, zes maanden € 800.",
        "noodzaak": "Na jaren van hulp die telkens misliep, is de situatie stabiel met deze begeleider; zonder "
        "het verschil moet zij stoppen.",
        "gevolgen": "Wisseling van begeleider, terugval, crisisopnames en mogelijk dakloosheid.",
        "regulier_onmogelijk": "De Wlz is afgewezen; het Wmo-contract vraagt voor het tarief specialistische "
        "begeleiding een hbo-diploma dat de begeleider niet heeft.",
        "reguliere_routes": "Wlz-aanvraag (afgewezen), Wmo specialistische begeleiding (opleidingseis), "
        "maatwerkcoach geraadpleegd.",
        "stappen": [
            ("indienen",),
            ("goedkeuren", "Akkoord voor een half jaar, conform het besluit in het overleg. Maandelijks betalen "
             "op factuur van de begeleider."),
            ("betalen", "800.00"),
            ("betalen", "800.00"),
            ("betalen", "800.00"),
            ("betalen", "800.00"),
        ],
    },
    # Closed: the riding lessons (Zaanstad).
    {
        "pseudoniem": "Familie Wilg",
        "fonds": VOORKOM_ERGER,
        "scenario": "Tien paardrijlessen",
        "soort": Aanvraag.Soort.GIFT,
        "bedrag": "450.00",
        "doel": "Tien paardrijlessen bij een manege in de buurt (€ 45 per les); de gezinscoach rijdt mee.",
        "noodzaak": "De dochter (14) gaat niet meer naar school en is voor de hulpverlening moeilijk te "
        "bereiken; paardrijden is wat ze zelf wil.",
        "gevolgen": "Meer escalaties thuis en een reëel risico op uithuisplaatsing in een jeugdzorginstelling.",
        "regulier_onmogelijk": "Paardrijlessen zijn geen jeugdhulp volgens de verordening; therapeutisch "
        "paardrijden en VUHP hebben een wachtlijst.",
        "reguliere_routes": "VUHP-traject en therapeutisch paardrijden aangevraagd (wachtlijst); de gezinscoach "
        "komt vaker.",
        "stappen": [
            ("indienen",),
            ("goedkeuren", "Akkoord: een klein bedrag dat aansluit bij wat de dochter zelf wil, tegenover een "
             "reëel risico op uithuisplaatsing."),
            ("betalen", "450.00"),
            ("afronden",),
        ],
    },
    # The childcare-debt loan, half forgiven on the diploma (Utrecht wijktafel).
    {
        "pseudoniem": "Familie Lijsterbes",
        "fonds": OMO_FONDS,
        "scenario": "Lening voor de achterstand",
        "soort": Aanvraag.Soort.LENING,
        "bedrag": "1850.00",
        "termijnbedrag": "40.00",
        "eerste_termijn": 1,
        "kwijtschelding_voorwaarde": "De helft wordt kwijtgescholden als het mbo-diploma verzorgende is behaald.",
        "doel": "Renteloze lening voor de achterstand bij de kinderopvang na de terugvordering van "
        "kinderopvangtoeslag, zodat het kind weer naar de opvang kan.",
        "noodzaak": "Zonder opvang kan de ouder de stage niet afmaken; de opvang neemt het kind pas terug als de "
        "achterstand is betaald.",
        "gevolgen": "De ouder stopt met de opleiding en blijft jaren in de bijstand; de schuld loopt op.",
        "regulier_onmogelijk": "Bijzondere bijstand voor schulden is uitgesloten (Participatiewet art. 13), "
        "behalve als lening; schuldhulp doet er maanden over.",
        "reguliere_routes": "Schuldhulpverlening (te traag), bezwaar tegen de terugvordering bij Toeslagen "
        "(loopt), maatwerkcoach geraadpleegd.",
        "stappen": [
            ("indienen",),
            ("goedkeuren", "Akkoord met de lening en de afspraak over kwijtschelding van de helft bij het "
             "diploma."),
            ("betalen", "1850.00"),
            ("kwijtschelden", "925.00", "Diploma verzorgende behaald (kopie in het dossier): de helft van de "
             "lening is kwijtgescholden zoals afgesproken. De rest wordt afgelost met € 40 per maand."),
        ],
    },
    # The schuldhulp bridge loan, repaid in full (Zaanstad).
    {
        "pseudoniem": "Familie Beuk",
        "fonds": OMO_FONDS,
        "scenario": "Tekort voorschieten",
        "soort": Aanvraag.Soort.LENING,
        "bedrag": "3200.00",
        "termijnbedrag": "1600.00",
        "eerste_termijn": -1,
        "doel": "Overbruggingslening voor het tekort in het akkoord met de schuldeisers, zodat de "
        "schuldregeling vóór de zitting rond is.",
        "noodzaak": "Het saneringskrediet is maximaal; zonder het tekort strandt de schuldregeling bij de "
        "zitting.",
        "gevolgen": "Schuldeisers leggen opnieuw beslag; jaren langer schulden en risico op huurachterstand en "
        "verlies van werk.",
        "regulier_onmogelijk": "Bijzondere bijstand is uitgesloten door het inkomen boven de norm; de "
        "Kredietbank kan het krediet niet verhogen.",
        "reguliere_routes": "Kredietbank (saneringskrediet maximaal), bijzondere bijstand (afgewezen).",
        "stappen": [
            ("indienen",),
            ("goedkeuren", "Akkoord: een lening die terugkomt en een bijna afgeronde schuldregeling redt."),
            ("betalen", "3200.00"),
            ("aflossen", "1600.00"),
            ("aflossen", "1600.00"),
        ],
    },
]

# Requests on the background caseload (`casussen.demo_achtergrond`): the money of last quarter's
# decisions, so that the quarterly report has a fund table. Each goes to the next case in
# uitvoering or monitoring with a consulent as casushouder; amounts come from the case's
# doorbraak line. (fonds, soort, steps, doel)
ACHTERGROND = [
    (OMO_FONDS, Aanvraag.Soort.GIFT, [("indienen",), ("goedkeuren", "Akkoord conform het besluit van het overleg."),
                                      ("betalen", None), ("afronden",)],
     "Uitvoering van het besloten scenario: {titel}."),
    (STELPOST, Aanvraag.Soort.GIFT, [("indienen",), ("goedkeuren", "Akkoord; binnen de stelpost."), ("betalen", None)],
     "Betaling voor het besloten scenario: {titel}."),
    (SAMENLOOP, Aanvraag.Soort.GIFT, [("indienen",), ("goedkeuren", "Akkoord: twee domeinen tegelijk, één oplossing."),
                                      ("betalen", None), ("afronden",)],
     "Samenloop van regelingen doorbreken: {titel}."),
    # A loan whose repayments stopped after the first term: in arrears.
    (OMO_FONDS, Aanvraag.Soort.LENING, [("indienen",), ("goedkeuren", "Akkoord met de lening en het aflosplan."),
                                        ("betalen", None), ("aflossen", "termijn")],
     "Renteloze lening: {titel}."),
    (STELPOST, Aanvraag.Soort.GIFT, [("indienen",), ("goedkeuren", "Akkoord."), ("betalen", None)],
     "Eenmalige bijdrage: {titel}."),
    # Withdrawn by the consulent: the partner paid after all.
    (OMO_FONDS, Aanvraag.Soort.GIFT, [("indienen",), ("intrekken", "De woningcorporatie betaalt de kosten zelf.")],
     "Bijdrage aan: {titel}."),
]

VELDEN = ("soort", "bedrag", "doel", "noodzaak", "gevolgen", "regulier_onmogelijk", "reguliere_routes",
          "termijnbedrag", "kwijtschelding_voorwaarde", "verhalen_op")


def _log(stdout, tekst):
    if stdout is not None:
        stdout.write(tekst)


def _fondsen(budgethouder, stdout) -> dict:
    jaar = grootboek.vandaag().year
    # The functioneel beheerder books the allocations of the begroting.
    boeker = User.objects.filter(username=BEHEERDER, is_active=True).first() or budgethouder
    fondsen = {}
    for spec in FONDSEN:
        data = dict(spec)
        bedrag, omschrijving = data.pop("toewijzing")
        for veld in ("mandaat", "maximum_per_aanvraag", "direct_grens", "coach_grens"):
            if veld in data:
                data[veld] = Decimal(data[veld])
        fonds = Fonds.objects.create(**data)
        fonds.budgethouders.set([budgethouder])
        grootboek.toewijzen(fonds.pk, Decimal(bedrag), boeker, omschrijving.format(jaar=jaar),
                            boekdatum=grootboek.vandaag().replace(month=1, day=1))
        fondsen[fonds.naam] = fonds
    _log(stdout, f"  fondsen: {len(fondsen)} ({', '.join(fondsen)}), elk met budgethouder en toewijzing\n")
    return fondsen


def _partnerbijdragen(fondsen, budgethouder, stdout) -> int:
    for naam, bedrag, partner, omschrijving in PARTNERBIJDRAGEN:
        grootboek.partnerbijdrage(fondsen[naam].pk, Decimal(bedrag), partner, budgethouder, omschrijving)
    _log(stdout, f"  partnerbijdragen: {len(PARTNERBIJDRAGEN)}\n")
    return len(PARTNERBIJDRAGEN)


def _casus_en_aanvrager(pseudoniem):
    """The open case of this household and the consulent who asks for money (the casushouder, or
    else a medebehandelaar who is a consulent); (None, None) when there is none."""
    casus = (
        Casus.objects.filter(pseudoniem=pseudoniem).exclude(status__in=EINDSTATUSSEN)
        .select_related("casushouder").order_by("pk").first()
    )
    if casus is None:
        return None, None
    kandidaten = [casus.casushouder, *casus.medebehandelaars.order_by("pk")]
    aanvrager = next((u for u in kandidaten if u is not None and u.is_active and mag(u, "casussen.meld_casus_aan")), None)
    return (casus, aanvrager) if aanvrager is not None else (None, None)


def _scenario(casus, spec):
    scenarios = casus.scenarios.order_by("aangemaakt_op", "pk")
    scenario = scenarios.filter(titel__istartswith=spec["scenario"]).first() or scenarios.first()
    if scenario is None:
        nieuw = spec.get("nieuw_scenario") or {
            "titel": spec["scenario"], "beschrijving": spec["doel"], "past_in_kaders": False,
        }
        scenario = Scenario.objects.create(casus=casus, **nieuw)
    return scenario


def _stap(aanvraag, stap, aanvrager, budgethouder):
    actie, *args = stap
    if actie == "indienen":
        return services.dien_in(aanvraag.pk, aanvrager)
    if actie == "goedkeuren":
        return services.keur_goed(aanvraag.pk, budgethouder, args[0])
    if actie == "afwijzen":
        return services.wijs_af(aanvraag.pk, budgethouder, args[0])
    if actie == "college":
        return services.leg_voor_aan_college(aanvraag.pk, budgethouder, args[0])
    if actie == "betalen":
        return services.betaal(aanvraag.pk, budgethouder, Decimal(args[0]))
    if actie == "afronden":
        return services.rond_af(aanvraag.pk, budgethouder)
    if actie == "aflossen":
        return services.los_af(aanvraag.pk, budgethouder, Decimal(args[0]))
    if actie == "kwijtschelden":
        return services.scheld_kwijt(aanvraag.pk, budgethouder, Decimal(args[0]), args[1])
    if actie == "intrekken":
        return services.trek_in(aanvraag.pk, aanvrager, args[0])
    if actie == "achteraf":
        return services.beoordeel_achteraf(aanvraag.pk, budgethouder, args[0])
    raise ValueError(f"onbekende stap {actie!r}")  # pragma: no cover - a mistake in AANVRAGEN


def _aanvragen(fondsen, budgethouder, stdout) -> int:
    vandaag = grootboek.vandaag()
    gemaakt = []
    for spec in AANVRAGEN:
        casus, aanvrager = _casus_en_aanvrager(spec["pseudoniem"])
        if casus is None or aanvrager.pk == budgethouder.pk:
            continue
        velden = {k: spec[k] for k in VELDEN if k in spec}
        velden["bedrag"] = Decimal(velden["bedrag"])
        if "termijnbedrag" in velden:
            velden["termijnbedrag"] = Decimal(velden["termijnbedrag"])
        if "eerste_termijn" in spec:
            velden["eerste_termijn"] = (vandaag + relativedelta(months=spec["eerste_termijn"])).replace(day=1)
        velden["scenario"] = _scenario(casus, spec)
        velden["fonds"] = fondsen[spec["fonds"]]
        aanvraag = services.maak(casus.pk, aanvrager, velden)
        for stap in spec["stappen"]:
            aanvraag = _stap(aanvraag, stap, aanvrager, budgethouder)
        gemaakt.append(aanvraag)
    statussen = {}
    for a in gemaakt:
        label = a.get_status_display().lower()
        statussen[label] = statussen.get(label, 0) + 1
    overzicht = ", ".join(f"{n} {label}" for label, n in statussen.items())
    _log(stdout, f"  aanvragen: {len(gemaakt)} ({overzicht})\n")
    return len(gemaakt)


def _achtergrond(fondsen, budgethouder, stdout) -> int:
    from casussen.demo_achtergrond import NAMEN

    vandaag = grootboek.vandaag()
    casussen = (
        Casus.objects.filter(status__in=[Status.IN_UITVOERING, Status.MONITORING],
                             pseudoniem__in=[f"Familie {n}" for n in NAMEN], aanvragen__isnull=True)
        .select_related("casushouder").order_by("-datum_signaal", "pk")
    )
    kandidaten = [c for c in casussen if mag(c.casushouder, "casussen.meld_casus_aan")]
    aantal = 0
    for casus, (fonds, soort, stappen, doel) in zip(kandidaten, ACHTERGROND, strict=False):
        scenario = casus.scenarios.filter(gekozen=True).first()
        regel = scenario.kostenregels.filter(situatie="doorbraak").first() if scenario else None
        if regel is None:
            continue
        bedrag = min(regel.prijs * regel.aantal, fondsen[fonds].mandaat).quantize(Decimal("0.01"))
        velden = {
            "soort": soort, "bedrag": bedrag, "scenario": scenario, "fonds": fondsen[fonds],
            "doel": doel.format(titel=scenario.titel), "noodzaak": casus.urgentie_toelichting,
            "gevolgen": "Zonder deze betaling lopen de kosten op: zie de dreigende situatie op de kassabon.",
            "regulier_onmogelijk": "De reguliere route loopt vast op het knelpunt van de casus.",
            "reguliere_routes": casus.reguliere_routes_toelichting,
        }
        if soort == Aanvraag.Soort.LENING:
            velden["termijnbedrag"] = (bedrag / 10).quantize(Decimal("0.01"))
            velden["eerste_termijn"] = (vandaag - relativedelta(months=3)).replace(day=1)
        aanvraag = services.maak(casus.pk, casus.casushouder, velden)
        for stap in stappen:
            if stap[0] == "betalen":
                stap = ("betalen", str(aanvraag.bedrag))
            elif stap[0] == "aflossen":
                stap = ("aflossen", str(aanvraag.termijnbedrag))
            aanvraag = _stap(aanvraag, stap, casus.casushouder, budgethouder)
        # Asked and decided when the case was: in its own quarter, not today.
        besluit = casus.besluiten.order_by("besloten_op").first()
        if besluit is not None:
            ingediend = besluit.besloten_op + relativedelta(days=2)
            Aanvraag.objects.filter(pk=aanvraag.pk).update(
                ingediend_op=ingediend,
                besloten_op=ingediend + relativedelta(days=3) if aanvraag.besloten_op else None,
            )
        aantal += 1
    _log(stdout, f"  aanvragen bij de overige casussen: {aantal}\n")
    return aantal


def load(stdout=None) -> int:
    """Create the funds, the partner contribution and the requests, unless a fund exists; returns
    the number of new funds, contributions and requests."""
    if Fonds.objects.exists():
        return 0
    budgethouder = User.objects.filter(username=BUDGETHOUDER, is_active=True).first()
    if budgethouder is None:
        return 0
    with transaction.atomic():
        fondsen = _fondsen(budgethouder, stdout)
        totaal = len(fondsen)
        totaal += _partnerbijdragen(fondsen, budgethouder, stdout)
        totaal += _aanvragen(fondsen, budgethouder, stdout)
        totaal += _achtergrond(fondsen, budgethouder, stdout)
    return totaal
