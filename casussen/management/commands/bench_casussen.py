"""Benchmark of the case pages: seed 100,000 cases with realistic related rows, then time the
list, the filtered list, a detail page and the full-text search in-process.

Run it with `make bench`: that uses a separate database (`omo_bench`), never the development
database. Seeding writes with plain SQL (INSERT … SELECT FROM generate_series) with every
trigger on, the audit triggers of django-pghistory included, in one transaction.
"""

import logging
import math
import re
import statistics
import time
import warnings
from contextlib import contextmanager
from datetime import date, timedelta

import pghistory
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from casussen import workflow
from casussen.models import (
    Casus,
    Geldstroom,
    Leefgebied,
    Organisatie,
    Prijs,
    Scenario,
    Status,
    WettelijkeGrondslag,
)
from casussen.services import casus as casus_services
from omo import roles
from omo.models import Team, User

TEAMS = 20
CONSULENTEN = 300
MAX_PER_JAAR = 9999  # codes are OMO-<jaar>-<4 cijfers>
OMO_GEBRUIKER = "bench-omo"
BENCH_CONSULENT = "bench-consulent-{:03d}"

DOEL_P50_MS = 50
DOEL_P95_MS = 150
DOEL_PAGINA_MIN_SQL_MS = 25

S = Status
# The way each status is reached (all steps exist in casussen.workflow), and the other events
# of the timeline: (soort, omschrijving, where between registration and status_sinds 0..1).
PADEN = {
    S.AANGEMELD: [S.AANGEMELD],
    S.IN_VOORBEREIDING: [S.AANGEMELD, S.IN_VOORBEREIDING],
    S.GEAGENDEERD: [S.AANGEMELD, S.IN_VOORBEREIDING, S.GEAGENDEERD],
    S.BESPROKEN: [S.AANGEMELD, S.IN_VOORBEREIDING, S.GEAGENDEERD, S.BESPROKEN],
    S.GEESCALEERD: [S.AANGEMELD, S.IN_VOORBEREIDING, S.GEAGENDEERD, S.BESPROKEN, S.GEESCALEERD],
    S.BESLOTEN: [S.AANGEMELD, S.IN_VOORBEREIDING, S.BESLOTEN],
    S.IN_UITVOERING: [S.AANGEMELD, S.IN_VOORBEREIDING, S.BESLOTEN, S.IN_UITVOERING],
    S.MONITORING: [S.AANGEMELD, S.IN_VOORBEREIDING, S.BESLOTEN, S.IN_UITVOERING, S.MONITORING],
    S.AFGESLOTEN: [
        S.AANGEMELD, S.IN_VOORBEREIDING, S.BESLOTEN, S.IN_UITVOERING, S.MONITORING, S.AFGESLOTEN,
    ],
}
CANVAS = ("canvas", "Canvas bijgewerkt: Situatie")
EXTRA_EVENTS = {
    S.AANGEMELD: [(*CANVAS, 0.0), ("overig", "Gegevens van de casus gewijzigd", 0.0)],
    S.IN_VOORBEREIDING: [(*CANVAS, 0.5), ("canvas", "Canvas bijgewerkt: Knelpunt", 0.9)],
    S.GEAGENDEERD: [(*CANVAS, 0.2), ("scenario", "Scenario toegevoegd", 0.4)],
    S.BESPROKEN: [(*CANVAS, 0.2)],
    S.GEESCALEERD: [(*CANVAS, 0.15)],
    S.BESLOTEN: [(*CANVAS, 0.3), ("besluit", "Besluit: Akkoord", 1.0)],
    S.IN_UITVOERING: [("besluit", "Besluit: Akkoord", 0.67), ("plan", "Doorbraakplan opgesteld", 0.95)],
    S.MONITORING: [("besluit", "Besluit: Akkoord", 0.5)],
    S.AFGESLOTEN: [],
}
# Status distribution: earlier years are mostly closed, the current year is spread out.
VERDELING_OUD = [
    (S.AFGESLOTEN, 0.88), (S.MONITORING, 0.93), (S.IN_UITVOERING, 0.96), (S.BESLOTEN, 0.97),
    (S.GEESCALEERD, 0.975), (S.BESPROKEN, 0.98), (S.GEAGENDEERD, 0.985),
    (S.IN_VOORBEREIDING, 0.995), (S.AANGEMELD, 1.0),
]
VERDELING_NIEUW = [
    (S.AANGEMELD, 0.08), (S.IN_VOORBEREIDING, 0.25), (S.GEAGENDEERD, 0.32), (S.BESPROKEN, 0.37),
    (S.GEESCALEERD, 0.40), (S.BESLOTEN, 0.45), (S.IN_UITVOERING, 0.60), (S.MONITORING, 0.75),
    (S.AFGESLOTEN, 1.0),
]

# --- Vocabulary: realistic Dutch case text, so that full-text search behaves as in real use --

WOORDEN = {
    "titel": [
        "Dreigende huisuitzetting na huurachterstand",
        "Schulden door terugvordering van toeslagen",
        "Geen passende woning na scheiding",
        "Schoolverzuim en overbelaste ouder",
        "Afsluiting van energie dreigt",
        "Inkomensgat tijdens wachten op UWV",
        "Jongere valt tussen Jeugdwet en Wmo",
        "Verhogingen CJIB op oude boetes",
        "Bewind gestopt, post blijft liggen",
        "Zorgmijder met vervuilde woning",
        "Uithuisplaatsing dreigt na escalaties thuis",
        "Vervoer naar school past in geen regeling",
        "Dakloos na detentie zonder inkomen",
        "Mantelzorger raakt overbelast",
        "Schuldregeling strandt op klein tekort",
        "Kinderopvang gestopt door betalingsachterstand",
        "Psychische klachten en wachtlijst GGZ",
        "Statushouder met studieschuld bij DUO",
        "Zorgverzekering opgezegd door premieschuld",
        "Gezin zonder netwerk na verhuizing",
        "Jongvolwassene zonder startkwalificatie",
        "Wlz afgewezen, Wmo past niet",
        "Verslaving en oplopende schulden",
        "Huiselijk geweld en woningnood",
        "Geen bijzondere bijstand door vermogen in woning",
    ],
    "situatie": [
        "Alleenstaande moeder met drie kinderen heeft schulden bij meerdere schuldeisers.",
        "Het gezin heeft een huurachterstand van vier maanden en de verhuurder dreigt met ontruiming.",
        "Vader is na een psychose opgenomen geweest; het gezin heeft geen netwerk in de regio.",
        "De jongere gaat al maanden niet naar school en zit vooral op zijn kamer.",
        "Er zijn zorgen over de veiligheid van de kinderen; Veilig Thuis is betrokken.",
        "Na de scheiding is het inkomen gehalveerd en lopen de vaste lasten op.",
        "De toeslagen zijn teruggevorderd en daardoor zijn nieuwe achterstanden ontstaan.",
        "Moeder heeft ernstige psychische klachten en staat op een wachtlijst bij de GGZ.",
        "De energieleverancier dreigt af te sluiten vanwege een betalingsachterstand.",
        "Het CJIB heeft verhogingen opgelegd op boetes die niet betaald konden worden.",
        "De bewindvoerder is gestopt en de post wordt niet meer geopend.",
        "De zoon heeft een licht verstandelijke beperking en valt tussen Wmo en Wlz in.",
        "Door langdurige ziekte is vader zijn baan kwijt en hij wacht op het UWV.",
        "Grootouders zorgen tijdelijk voor de kleinkinderen maar hebben daar geen inkomen voor.",
        "De woning is vervuild en de woningcorporatie heeft een laatste waarschuwing gegeven.",
        "De premie van de zorgverzekering is al maanden niet betaald.",
        "Er is een studieschuld bij DUO die elke maand wordt ingehouden.",
        "Het huishouden leeft van een uitkering en heeft geen buffer voor onverwachte kosten.",
        "De dochter heeft een eetstoornis en de behandeling wordt niet volledig vergoed.",
        "Het gezin is net verhuisd en kent niemand in de buurt.",
        "Er is sprake van verslaving en de schulden lopen snel op.",
        "De inwoner is na detentie teruggekeerd zonder woning en zonder inkomen.",
    ],
    "wil": [
        "\"Ik wil gewoon rust en een dak boven ons hoofd.\"",
        "\"Ik wil van mijn schulden af en weer werken.\"",
        "\"Ik wil dat mijn kinderen thuis kunnen blijven wonen.\"",
        "\"Ik wil mijn opleiding afmaken.\"",
        "\"Ik wil niet steeds opnieuw mijn verhaal moeten vertellen.\"",
        "\"Ik wil weer overzicht over mijn geld.\"",
        "\"Ik wil een eigen plek om te wonen.\"",
        "\"Ik wil dat iemand met mij meedenkt in plaats van over mij.\"",
    ],
    "eerst": [
        "Eerst de huurachterstand oplossen.",
        "Eerst een stabiel inkomen.",
        "Eerst dat de kinderen weer naar school gaan.",
        "Eerst dat de afsluiting van gas en licht van tafel is.",
        "Eerst een behandeling voor de psychische klachten.",
        "Eerst dat alle achterstanden in beeld zijn bij één partij.",
    ],
    "helpt": [
        "De wijkteamconsulent komt wekelijks langs.",
        "Budgetcoaching helpt om overzicht te houden.",
        "De school denkt actief mee.",
        "Een buurvrouw helpt met de kinderen.",
        "De huisarts en de POH-GGZ zijn goed betrokken.",
        "De jongerenwerker heeft een goede band met de jongere.",
    ],
    "knelpunt": [
        "De regels van de bijzondere bijstand sluiten vergoeding van schulden uit.",
        "Schuldhulpverlening kan pas starten als er een stabiel inkomen is.",
        "De Belastingdienst verrekent toeslagen met een oude vordering.",
        "Het UWV beslist pas na de keuring; tot die tijd is aanvulling niet mogelijk.",
        "De huisvestingsverordening kent geen urgentie voor deze situatie.",
        "Wmo en Jeugdwet wijzen naar elkaar; niemand betaalt.",
        "Het CJIB kan de verhogingen niet kwijtschelden.",
        "De woningcorporatie wil geen betalingsregeling zonder garantie.",
        "De wachtlijst voor specialistische jeugdhulp is langer dan een half jaar.",
        "De zorgverzekeraar vergoedt deze behandeling niet.",
    ],
    "kort": [
        "Ontruiming binnen enkele weken.",
        "Afsluiting van energie en water.",
        "Oplopende achterstanden en incassokosten.",
        "Schooluitval van de kinderen.",
        "Escalaties thuis en inzet van de politie.",
        "Stress en terugval in de gezondheid.",
    ],
    "lang": [
        "Uithuisplaatsing van de kinderen.",
        "Langdurige dakloosheid en maatschappelijke opvang.",
        "Blijvende afhankelijkheid van de bijstand.",
        "Zwaardere GGZ-zorg en crisisopnames.",
        "Problematische schulden die generaties doorwerken.",
    ],
    "vraag": [
        "Samen met de gemeente een stabiele woon- en inkomenssituatie bereiken.",
        "Ja, de bedoeling van de wet is dat niemand tussen wal en schip valt.",
        "Ja, de oplossing is eerlijk tegenover andere inwoners en goed uit te leggen.",
        "Een lening of borgtocht past binnen de Participatiewet; afspraken schriftelijk vastleggen.",
        "Afwijken van de beleidsregel kan met de afwijkingsbevoegdheid van de Awb.",
    ],
    "scenario": [
        "Huurachterstand overnemen als lening",
        "Tijdelijke woonplek via de corporatie",
        "Overbrugging inkomen tot het besluit van het UWV",
        "Schulden saneren met een krediet van de kredietbank",
        "Gezinscoach en praktische hulp thuis",
        "Vervoer regelen buiten de bestaande regeling",
        "Bijzondere bijstand met toepassing van de hardheidsclausule",
        "Kinderopvang hervatten met een voorschot",
        "Begeleiding door een vertrouwde hulpverlener behouden",
        "Afspraak met de energieleverancier en een noodfonds",
    ],
    "beschrijving": [
        "De gemeente betaalt de achterstand en maakt een afspraak over terugbetaling.",
        "Eén regisseur coördineert de hulp en houdt contact met alle partijen.",
        "De corporatie ziet af van ontruiming zolang de afspraken worden nagekomen.",
        "Het huishouden krijgt een half jaar intensieve begeleiding.",
        "De kosten worden voorgeschoten en later verrekend met de nabetaling.",
        "De betalingsachterstanden worden in één traject ondergebracht bij de kredietbank.",
    ],
    "uitkomst": [
        "Doel bereikt: het huishouden woont stabiel en heeft een betalingsregeling.",
        "Doel bereikt: de kinderen wonen thuis en gaan naar school.",
        "Gedeeltelijk bereikt: het inkomen is stabiel, de regeling loopt nog.",
        "Doel bereikt: de inwoner werkt weer en heeft geen ondersteuning meer nodig.",
        "Terug naar regulier: de hulp loopt via het wijkteam.",
    ],
    "samenvatting": [
        "Een lening uit het maatwerkbudget voorkwam een ontruiming; de corporatie trok de zaak in.",
        "Met toepassing van de afwijkingsbevoegdheid werd bijzondere bijstand toegekend voor schulden die een opleiding blokkeerden.",
        "Een voorschot overbrugde het wachten op het UWV; het werd verrekend met de nabetaling.",
        "Vervoer buiten de regeling hield de kinderen in hun eigen netwerk.",
        "Eén regisseur en een krediet van de kredietbank brachten de achterstanden onder in één regeling.",
    ],
}

# Free cost lines: (omschrijving, prijs, geldstroom code, betaler, frequentie).
VRIJE_KOSTEN = [
    ("Schuldhulpverleningstraject", "3200.00", "schuldhulp", "gemeente", "eenmalig"),
    ("Ambulante begeleiding", "780.00", "wmo", "gemeente", "per_maand"),
    ("Gezinscoach", "1350.00", "jeugdwet", "gemeente", "per_maand"),
    ("GGZ-behandeling", "900.00", "zvw", "zorgverzekeraar", "per_maand"),
    ("Crisisopname", "9500.00", "zvw", "zorgverzekeraar", "eenmalig"),
    ("Inzet politie en Veilig Thuis", "2400.00", "veiligheid", "overig", "eenmalig"),
    ("Lening voor de achterstand", "1850.00", "participatiewet", "gemeente", "eenmalig"),
    ("Vervoer (taxi)", "420.00", "onderwijs", "gemeente", "per_maand"),
]


def percentiel(waarden, p):
    """The p-th percentile (nearest rank) of `waarden`; shared by the benchmark commands."""
    rij = sorted(waarden)
    if not rij:
        return float("nan")
    return rij[max(0, math.ceil(p / 100 * len(rij)) - 1)]


def _ms(seconden):
    return seconden * 1000


class Command(BaseCommand):
    help = (
        "Benchmark van de casuspagina's (alleen voor een aparte benchmarkdatabase, zie `make "
        "bench`): vult de database aan tot --cases casussen met realistische gerelateerde rijen "
        "(in SQL, met alle triggers aan, ook de audittriggers; daarna VACUUM ANALYZE) en meet "
        "daarna in-process met de "
        "Django-testclient de ongefilterde en gefilterde lijst, een detailpagina en het zoeken "
        "in de volledige tekst: p50/p95 van de request, de SQL-tijd, het aantal queries, "
        "pagina min SQL en dezelfde SQL direct uitgevoerd. Eindigt altijd met code 0."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=100_000, help="Aantal casussen (standaard 100000).")
        parser.add_argument("--requests", type=int, default=200, help="Requests per meting (standaard 200).")
        parser.add_argument("--warmup", type=int, default=10, help="Opwarmrequests per meting (standaard 10).")
        parser.add_argument("--skip-seed", action="store_true", help="Niet vullen, alleen meten.")
        parser.add_argument("--skip-measure", action="store_true", help="Alleen vullen, niet meten.")

    def handle(self, *args, **opts):
        if not opts["skip_seed"]:
            self.seed(opts["cases"])
        if not opts["skip_measure"]:
            self.meet(opts["requests"], opts["warmup"])

    # --- Seeding ---------------------------------------------------------------------------

    def _controleer_database(self):
        naam = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in naam and not naam.startswith("test"):
            raise CommandError(
                f"bench_casussen vult alleen een aparte benchmarkdatabase (de naam bevat 'bench'), "
                f"niet '{naam}'. Gebruik `make bench`, of alleen meten met --skip-seed."
            )

    def seed(self, aantal: int):
        self._controleer_database()
        bestaand = Casus.objects.count()
        tekort = aantal - bestaand
        if tekort <= 0:
            self.stdout.write(f"Er zijn al {bestaand} casussen; niets toegevoegd.")
            return
        self.stdout.write(f"{tekort} casussen toevoegen (er zijn er nu {bestaand}) ...")
        begin = time.perf_counter()
        with transaction.atomic(), pghistory.context(commando="bench_casussen"):
            ref = self._referentie()
            gebruikers = self._gebruikers()
            with connection.cursor() as cursor:
                # An empty ignore list: every trigger still runs, but the per-row check of
                # django-pgtrigger finds the setting instead of catching an error for it.
                cursor.execute("SET LOCAL pgtrigger.ignore TO '{}'")
                cursor.execute("SELECT coalesce(max(id), 0) FROM casussen_casus")
                vanaf = cursor.fetchone()[0]
                cursor.execute("SELECT coalesce(max(id), 0) FROM casussen_scenario")
                scenario_vanaf = cursor.fetchone()[0]
                with self._stap("casussen"):
                    for jaar, start, n, eerste, laatste in self._jaarblokken(tekort):
                        self._casussen(cursor, jaar, start, n, eerste, laatste, gebruikers)
                with self._stap("tijdlijn"):
                    self._tijdlijn(cursor, vanaf, gebruikers["omo"])
                with self._stap("leefgebieden, organisaties, medebehandelaars"):
                    self._koppelingen(cursor, vanaf, ref, gebruikers)
                with self._stap("canvassen"):
                    self._canvassen(cursor, vanaf)
                with self._stap("scenario's en kostenregels"):
                    self._scenarios(cursor, vanaf, scenario_vanaf, ref)
                with self._stap("besluiten, plannen en evaluaties"):
                    self._plannen(cursor, vanaf, scenario_vanaf, gebruikers["omo"])
            with self._stap("zoekvector"):
                casus_services.werk_zoekvector_bij()
        # Production runs autovacuum; without a VACUUM every count would scan the dead row
        # versions the seeding left behind. Inside a transaction (tests) only ANALYZE can run.
        opdracht = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with self._stap(opdracht), connection.cursor() as cursor:
            cursor.execute(opdracht)
        duur = time.perf_counter() - begin
        self.stdout.write(
            self.style.SUCCESS(f"Vullen klaar: {tekort} casussen in {duur:.1f} s ({Casus.objects.count()} in totaal).")
        )

    @contextmanager
    def _stap(self, naam):
        begin = time.perf_counter()
        yield
        self.stdout.write(f"  {naam}: {time.perf_counter() - begin:.1f} s")

    def _referentie(self):
        ref = {
            "leefgebieden": list(Leefgebied.objects.order_by("volgorde", "pk").values_list("pk", flat=True)),
            "organisaties": list(Organisatie.objects.order_by("pk").values_list("pk", flat=True)),
            "geldstromen": {g.code: g.pk for g in Geldstroom.objects.all()},
            "grondslagen": list(WettelijkeGrondslag.objects.order_by("pk").values_list("pk", flat=True)),
            "prijzen": list(Prijs.objects.order_by("pk").values_list("pk", "prijs", "geldstroom_id", "betaler", "rekeneenheid")),
        }
        if not ref["leefgebieden"] or not ref["geldstromen"]:
            raise CommandError(
                "Er zijn geen leefgebieden of geldstromen: migreer de database eerst "
                "(python manage.py migrate)."
            )
        return ref

    def _gebruikers(self) -> dict:
        """20 teams, 300 consulenten (round-robin over the teams) and one OMO-functionaris."""
        roles.sync_roles()
        bestaand = set(Team.objects.filter(naam__startswith="Benchteam ").values_list("naam", flat=True))
        Team.objects.bulk_create(
            [Team(naam=f"Benchteam {i:02d}", soort=Team.Soort.WIJKTEAM)
             for i in range(1, TEAMS + 1) if f"Benchteam {i:02d}" not in bestaand]
        )
        teams = dict(Team.objects.filter(naam__startswith="Benchteam ").values_list("naam", "pk"))
        namen = [BENCH_CONSULENT.format(i) for i in range(1, CONSULENTEN + 1)]
        al = set(User.objects.filter(username__in=[*namen, OMO_GEBRUIKER]).values_list("username", flat=True))
        nieuw = [
            User(username=naam, first_name="Consulent", last_name=f"{i:03d}", password="!bench",
                 email=f"{naam}@bench.example.nl", team_id=teams[f"Benchteam {(i - 1) % TEAMS + 1:02d}"],
                 functie="Consulent wijkteam")
            for i, naam in enumerate(namen, start=1) if naam not in al
        ]
        if OMO_GEBRUIKER not in al:
            nieuw.append(User(username=OMO_GEBRUIKER, first_name="OMO", last_name="Bench", password="!bench",
                              email="omo@bench.example.nl", functie="OMO-functionaris"))
        User.objects.bulk_create(nieuw)
        groepen = {g.name: g for g in Group.objects.filter(name__in=[roles.CONSULENT, roles.OMO])}
        koppel = User.groups.through
        koppel.objects.bulk_create(
            [koppel(user_id=u.pk, group_id=groepen[roles.OMO if u.username == OMO_GEBRUIKER else roles.CONSULENT].pk)
             for u in User.objects.filter(username__in=[u.username for u in nieuw])],
        )
        consulenten = list(User.objects.filter(username__in=namen).order_by("username").values_list("pk", "team_id"))
        return {
            "consulenten": [pk for pk, _team in consulenten],
            "teams": [team for _pk, team in consulenten],
            "omo": User.objects.get(username=OMO_GEBRUIKER).pk,
        }

    def _jaarblokken(self, tekort):
        """(jaar, eerste volgnummer - 1, aantal, eerste dag, laatste dag) from this year back."""
        vandaag = timezone.localdate()
        jaar = vandaag.year
        blokken = []
        while tekort > 0:
            laatste = min(date(jaar, 12, 31), vandaag - timedelta(days=1))
            eerste = date(jaar, 1, 1)
            if laatste < eerste:
                jaar -= 1
                continue
            hoogste = Casus.objects.filter(jaar=jaar).order_by("-volgnummer").values_list("volgnummer", flat=True).first() or 0
            n = min(tekort, MAX_PER_JAAR - hoogste)
            if n > 0:
                blokken.append((jaar, hoogste, n, eerste, laatste))
                tekort -= n
            jaar -= 1
        return blokken

    @staticmethod
    def _kies(naam):
        return f"(%({naam})s::text[])[1 + floor(random() * cardinality(%({naam})s::text[]))::int]"

    @staticmethod
    def _verdeling(veld, verdeling):
        delen = " ".join(f"WHEN {veld} < {grens} THEN '{status}'" for status, grens in verdeling)
        return f"CASE {delen} ELSE 'afgesloten' END"

    def _casussen(self, cursor, jaar, start, n, eerste, laatste, gebruikers):
        verdeling = VERDELING_NIEUW if jaar == timezone.localdate().year else VERDELING_OUD
        lengte = " ".join(f"WHEN '{s}' THEN {len(p)}" for s, p in PADEN.items())
        kies = self._kies
        sql = f"""
        WITH basis AS (
            SELECT g, %(start)s + g AS volgnummer,
                   %(eerste)s::date + ((g - 1) * (%(laatste)s::date - %(eerste)s::date) / %(n)s) AS dag,
                   random() AS r_status, random() AS r_urgentie, random() AS r_toestemming,
                   random() AS r_routes, 1 + floor(random() * cardinality(%(consulenten)s::int[]))::int AS wie
            FROM generate_series(1, %(n)s) g
        ), met_status AS (
            SELECT b.*, {self._verdeling("b.r_status", verdeling)} AS status,
                   ((b.dag + time '08:30' + random() * interval '8 hours') AT TIME ZONE %(tz)s) AS aangemaakt
            FROM basis b
        ), met_tijd AS (
            SELECT m.*, CASE m.status {lengte} END AS lengte,
                   LEAST(interval '1 day' * (2 + random() * 12),
                         GREATEST(now() - interval '6 hours' - m.aangemaakt, interval '0')
                         / GREATEST((CASE m.status {lengte} END) - 1, 1)) AS stap
            FROM met_status m
        )
        INSERT INTO casussen_casus (
            code, jaar, volgnummer, titel, status, status_sinds, casushouder_id, team_id, bron,
            datum_signaal, urgentie, urgentie_toelichting, reguliere_routes,
            reguliere_routes_toelichting, toestemming, pseudoniem, volwassenen,
            leeftijden_kinderen, dossiernummer, uitkomst, samenvatting_oplossing, afgesloten_op,
            aangemaakt_op, gewijzigd_op)
        SELECT
            'OMO-' || %(jaar)s || '-' || lpad(t.volgnummer::text, 4, '0'), %(jaar)s, t.volgnummer,
            {kies("titel")}, t.status, t.aangemaakt + (t.lengte - 1) * t.stap,
            (%(consulenten)s::int[])[t.wie], (%(teams)s::int[])[t.wie],
            (ARRAY['kcc','wijkteam','wijkteam','partner','maatwerkregister','inwoner','overig'])[1 + floor(random() * 7)::int],
            t.dag - (random() * 10)::int,
            CASE WHEN t.r_urgentie < 0.6 THEN 'normaal' WHEN t.r_urgentie < 0.9 THEN 'hoog' ELSE 'acuut' END,
            {kies("kort")},
            (CASE WHEN t.r_routes < 0.5 THEN ARRAY['eigen_team']
                  WHEN t.r_routes < 0.85 THEN ARRAY['eigen_team', 'maatwerkcoach']
                  ELSE ARRAY['eigen_team', 'maatwerkcoach', 'escalatieroute'] END)::varchar(20)[],
            {kies("knelpunt")},
            CASE WHEN t.r_toestemming < 0.75 THEN 'ja' WHEN t.r_toestemming < 0.95 THEN 'anoniem' ELSE 'nee' END,
            'Familie ' || (%(bomen)s::text[])[1 + floor(random() * cardinality(%(bomen)s::text[]))::int],
            1 + (random() < 0.45)::int,
            ARRAY(SELECT (1 + random() * 16)::smallint FROM generate_series(1, floor(random() * 4)::int) k
                  WHERE t.g > 0),
            'WIZ-' || %(jaar)s || '-' || lpad(t.volgnummer::text, 4, '0'),
            CASE WHEN t.status = 'afgesloten' THEN {kies("uitkomst")} ELSE '' END,
            CASE WHEN t.status = 'afgesloten' THEN {kies("samenvatting")} ELSE '' END,
            CASE WHEN t.status = 'afgesloten' THEN t.aangemaakt + (t.lengte - 1) * t.stap END,
            t.aangemaakt, t.aangemaakt + (t.lengte - 1) * t.stap
        FROM met_tijd t
        """
        cursor.execute(sql, {
            "start": start, "n": n, "jaar": jaar, "eerste": eerste, "laatste": laatste,
            "tz": settings.TIME_ZONE, "consulenten": gebruikers["consulenten"], "teams": gebruikers["teams"],
            "bomen": BOMEN, **WOORDEN,
        })

    def _tijdlijn(self, cursor, vanaf, omo_id):
        rijen = []
        for eind, pad in PADEN.items():
            for k, naar in enumerate(pad):
                if k == 0:
                    label, door_omo, van = "Casus aangemeld", False, ""
                else:
                    overgang = workflow.vind(pad[k - 1], naar)
                    if overgang is None:
                        raise CommandError(f"Geen overgang {pad[k - 1]} → {naar} in de workflow.")
                    label, door_omo, van = str(overgang.label), workflow.BETROKKENE not in overgang.wie, pad[k - 1]
                fractie = k / (len(pad) - 1) if len(pad) > 1 else 0
                rijen.append((eind, "status", str(van), str(naar), label, door_omo, fractie, 0))
            for j, (soort, label, fractie) in enumerate(EXTRA_EVENTS[eind], start=1):
                rijen.append((eind, soort, "", "", label, soort == "besluit", fractie, j))
        waarden = ", ".join(["(%s, %s, %s, %s, %s, %s, %s::float, %s)"] * len(rijen))
        cursor.execute(
            f"""
            INSERT INTO casussen_tijdlijnevent (casus_id, soort, tijdstip, gebruiker_id, van_status,
                                                naar_status, omschrijving, toelichting)
            SELECT c.id, p.soort,
                   c.aangemaakt_op + p.fractie * (c.status_sinds - c.aangemaakt_op) + p.extra * interval '20 minutes',
                   CASE WHEN p.door_omo THEN %s ELSE c.casushouder_id END,
                   p.van, p.naar, p.label, ''
            FROM casussen_casus c
            JOIN (VALUES {waarden}) AS p(eind, soort, van, naar, label, door_omo, fractie, extra)
              ON p.eind = c.status
            WHERE c.id > %s
            ORDER BY c.id, 3
            """,
            [omo_id, *[w for rij in rijen for w in rij], vanaf],
        )

    def _koppelingen(self, cursor, vanaf, ref, gebruikers):
        cursor.execute(
            """
            INSERT INTO casussen_casus_leefgebieden (casus_id, leefgebied_id)
            SELECT c.id, (%(lg)s::int[])[1 + ((hashint8(c.id * 3 + k) & 2147483647) %% cardinality(%(lg)s::int[]))]
            FROM casussen_casus c, generate_series(0, 2) k
            WHERE c.id > %(vanaf)s AND k <= (hashint8(c.id) & 2147483647) %% 3
            ON CONFLICT DO NOTHING
            """,
            {"lg": ref["leefgebieden"], "vanaf": vanaf},
        )
        if ref["organisaties"]:
            cursor.execute(
                """
                INSERT INTO casussen_casus_organisaties (casus_id, organisatie_id)
                SELECT c.id, (%(org)s::int[])[1 + ((hashint8(c.id * 7 + k) & 2147483647) %% cardinality(%(org)s::int[]))]
                FROM casussen_casus c, generate_series(1, 2) k
                WHERE c.id > %(vanaf)s AND k <= (hashint8(c.id + 11) & 2147483647) %% 3
                ON CONFLICT DO NOTHING
                """,
                {"org": ref["organisaties"], "vanaf": vanaf},
            )
        # About 15 % of the cases are shared with a colleague of the same team.
        cursor.execute(
            """
            INSERT INTO casussen_casus_medebehandelaars (casus_id, user_id)
            SELECT c.id, (%(ids)s::int[])[1 + ((u.i - 1 + %(teams)s) %% cardinality(%(ids)s::int[]))]
            FROM casussen_casus c
            JOIN unnest(%(ids)s::int[]) WITH ORDINALITY AS u(id, i) ON u.id = c.casushouder_id
            WHERE c.id > %(vanaf)s AND (hashint8(c.id + 5) & 2147483647) %% 100 < 15
            ON CONFLICT DO NOTHING
            """,
            {"ids": gebruikers["consulenten"], "teams": TEAMS, "vanaf": vanaf},
        )

    def _canvassen(self, cursor, vanaf):
        kies = self._kies
        twee = lambda naam: f"{kies(naam)} || ' ' || {kies(naam)}"  # noqa: E731
        cursor.execute(
            f"""
            INSERT INTO casussen_canvas (
                casus_id, aan_de_hand, wil_inwoner, eerst_oplossen, helpt_nu, knelpunt,
                niets_doen_kort, niets_doen_lang, vraag_bereiken, vraag_grondwaarde, vraag_ethisch,
                vraag_juridisch, huishouden_betrokken, niet_betrokken_waarom, later_betrekken,
                gewijzigd_op, gewijzigd_door_id)
            SELECT c.id, {twee("situatie")} || ' ' || {kies("situatie")},
                   CASE WHEN vol THEN {kies("wil")} ELSE '' END,
                   CASE WHEN vol THEN {kies("eerst")} ELSE '' END,
                   CASE WHEN vol THEN {twee("helpt")} ELSE '' END,
                   CASE WHEN vol THEN {twee("knelpunt")} ELSE '' END,
                   CASE WHEN vol THEN {twee("kort")} ELSE '' END,
                   CASE WHEN vol THEN {kies("lang")} ELSE '' END,
                   CASE WHEN vol THEN {kies("vraag")} ELSE '' END,
                   CASE WHEN vol THEN {kies("vraag")} ELSE '' END,
                   CASE WHEN vol THEN {kies("vraag")} ELSE '' END,
                   CASE WHEN vol THEN {kies("vraag")} ELSE '' END,
                   CASE WHEN vol THEN 'ja' ELSE '' END, '', '',
                   c.aangemaakt_op + interval '1 hour', c.casushouder_id
            FROM (SELECT c.*, c.status <> 'aangemeld' AS vol FROM casussen_casus c WHERE c.id > %(vanaf)s) c
            """,
            {"vanaf": vanaf, **WOORDEN},
        )

    def _scenarios(self, cursor, vanaf, scenario_vanaf, ref):
        kies = self._kies
        # A third of the cases has one or two scenarios; a decided case has chosen the first.
        cursor.execute(
            f"""
            INSERT INTO casussen_scenario (casus_id, titel, beschrijving, perspectief_inwoner,
                eigen_bijdrage, netwerk, past_in_kaders, gekozen, aangemaakt_op, gewijzigd_op)
            SELECT c.id, {kies("scenario")}, {kies("beschrijving")} || ' ' || {kies("beschrijving")},
                   {kies("wil")}, '', {kies("helpt")}, random() < 0.4,
                   k = 1 AND c.status IN ('besloten', 'in_uitvoering', 'monitoring', 'afgesloten'),
                   c.aangemaakt_op + k * interval '2 days', c.aangemaakt_op + k * interval '2 days'
            FROM casussen_casus c, generate_series(1, 2) k
            WHERE c.id > %(vanaf)s AND c.status <> 'aangemeld' AND c.id %% 3 = 0
              AND k <= 1 + ((hashint8(c.id) & 2147483647) %% 2)
            ORDER BY c.id, k
            """,
            {"vanaf": vanaf, **WOORDEN},
        )
        prijzen = ref["prijzen"] or [(None, 0, None, "gemeente", "eenmalig")]
        vrij = [(o, p, ref["geldstromen"].get(g) or next(iter(ref["geldstromen"].values())), b, f)
                for o, p, g, b, f in VRIJE_KOSTEN]
        cursor.execute(
            """
            INSERT INTO casussen_kostenregel (scenario_id, situatie, prijslijstitem_id, omschrijving,
                prijs, aantal, frequentie, startmaand, duur_maanden, geldstroom_id, betaler, kans,
                aangemaakt_op)
            SELECT s.id,
                   (ARRAY['huidig', 'dreigend', 'doorbraak'])[1 + (k %% 3)],
                   CASE WHEN lijst THEN (%(p_id)s::int[])[pi] END,
                   CASE WHEN lijst THEN 'Item uit de prijslijst' ELSE (%(v_oms)s::text[])[vi] END,
                   CASE WHEN lijst THEN (%(p_prijs)s::numeric[])[pi] ELSE (%(v_prijs)s::numeric[])[vi] END,
                   1 + floor(random() * 3),
                   CASE WHEN lijst THEN (%(p_eenheid)s::text[])[pi] ELSE (%(v_freq)s::text[])[vi] END,
                   1 + floor(random() * 6)::int,
                   CASE WHEN (CASE WHEN lijst THEN (%(p_eenheid)s::text[])[pi] ELSE (%(v_freq)s::text[])[vi] END)
                             IN ('per_dag', 'per_week', 'per_maand', 'per_jaar') THEN 6 + floor(random() * 13)::int END,
                   CASE WHEN lijst THEN (%(p_gs)s::int[])[pi] ELSE (%(v_gs)s::int[])[vi] END,
                   CASE WHEN lijst THEN (%(p_bet)s::text[])[pi] ELSE (%(v_bet)s::text[])[vi] END,
                   CASE WHEN k %% 3 = 1 THEN 20 + floor(random() * 80) ELSE 100 END,
                   s.aangemaakt_op
            FROM (
                SELECT s.*, k, %(heeft_prijzen)s AND random() < 0.5 AS lijst,
                       1 + floor(random() * cardinality(%(p_id)s::int[]))::int AS pi,
                       1 + floor(random() * cardinality(%(v_oms)s::text[]))::int AS vi
                FROM casussen_scenario s, generate_series(0, 5) k
                WHERE s.id > %(vanaf)s AND k < 3 + (hashint8(s.id) & 2147483647) %% 4
            ) s
            ORDER BY s.id, k
            """,
            {
                "vanaf": scenario_vanaf, "heeft_prijzen": bool(ref["prijzen"]),
                "p_id": [p[0] or 0 for p in prijzen], "p_prijs": [p[1] for p in prijzen],
                "p_gs": [p[2] or 0 for p in prijzen], "p_bet": [p[3] for p in prijzen],
                "p_eenheid": [p[4] for p in prijzen],
                "v_oms": [v[0] for v in vrij], "v_prijs": [v[1] for v in vrij], "v_gs": [v[2] for v in vrij],
                "v_bet": [v[3] for v in vrij], "v_freq": [v[4] for v in vrij],
            },
        )
        if ref["grondslagen"]:
            cursor.execute(
                """
                INSERT INTO casussen_scenariogrondslag (scenario_id, grondslag_id, motivatie)
                SELECT s.id, (%(gr)s::int[])[1 + (hashint8(s.id) & 2147483647) %% cardinality(%(gr)s::int[])],
                       'De oplossing past binnen de bedoeling van deze bepaling.'
                FROM casussen_scenario s WHERE s.id > %(vanaf)s
                """,
                {"gr": ref["grondslagen"], "vanaf": scenario_vanaf},
            )

    def _plannen(self, cursor, vanaf, scenario_vanaf, omo_id):
        """A decision for every chosen scenario and a plan for the cases in uitvoering, monitoring
        or closed; the open plans have actions and evaluations at 3, 6 and 12 months, of which
        some past ones are not recorded yet (so "evaluatie verlopen" finds cases)."""
        cursor.execute(
            """
            INSERT INTO casussen_besluit (casus_id, uitkomst, scenario_id, motivatie, niveau,
                                          besloten_door_id, besloten_op)
            SELECT s.casus_id, 'akkoord', s.id, 'Akkoord: de oplossing is legitiem, gedragen en levert op.',
                   1, %(omo)s, c.aangemaakt_op + 0.4 * (c.status_sinds - c.aangemaakt_op)
            FROM casussen_scenario s JOIN casussen_casus c ON c.id = s.casus_id
            WHERE s.id > %(vanaf)s AND s.gekozen
            """,
            {"omo": omo_id, "vanaf": scenario_vanaf},
        )
        cursor.execute(
            """
            INSERT INTO casussen_doorbraakplan (casus_id, scenario_id, doel, regisseur,
                besproken_met_inwoner, niet_besproken_waarom, betrekken_hoe, startdatum,
                monitoring_maanden, aangemaakt_op, gewijzigd_op)
            SELECT c.id, s.id, 'Een stabiele situatie in wonen en inkomen binnen zes maanden.',
                   'Consulent wijkteam', true, '', '',
                   (c.aangemaakt_op + 0.6 * (c.status_sinds - c.aangemaakt_op))::date, 12,
                   c.aangemaakt_op + 0.6 * (c.status_sinds - c.aangemaakt_op),
                   c.aangemaakt_op + 0.6 * (c.status_sinds - c.aangemaakt_op)
            FROM casussen_scenario s JOIN casussen_casus c ON c.id = s.casus_id
            WHERE s.id > %(vanaf)s AND s.gekozen
              AND c.status IN ('in_uitvoering', 'monitoring', 'afgesloten')
            """,
            {"vanaf": scenario_vanaf},
        )
        cursor.execute(
            """
            INSERT INTO casussen_actie (plan_id, omschrijving, eigenaar, deadline, gereed, gereed_op)
            SELECT p.id, a.omschrijving, 'Consulent wijkteam', p.startdatum + a.dagen,
                   p.startdatum + a.dagen < current_date,
                   CASE WHEN p.startdatum + a.dagen < current_date THEN (p.startdatum + a.dagen)::timestamptz END
            FROM casussen_doorbraakplan p JOIN casussen_casus c ON c.id = p.casus_id,
                 (VALUES ('Afspraken met de betrokken partijen vastleggen', 14),
                         ('Eerste betaling of voorziening regelen', 30)) AS a(omschrijving, dagen)
            WHERE c.id > %(vanaf)s AND c.status IN ('in_uitvoering', 'monitoring')
            """,
            {"vanaf": vanaf},
        )
        cursor.execute(
            """
            INSERT INTO casussen_evaluatie (casus_id, plan_id, maand, gepland_op, uitkomst, toelichting,
                                            uitgevoerd_op, uitgevoerd_door_id)
            SELECT p.casus_id, p.id, m.maand, (p.startdatum + m.maand * interval '1 month')::date,
                   CASE WHEN klaar THEN 'doorgaan' ELSE '' END,
                   CASE WHEN klaar THEN 'Het plan loopt volgens afspraak.' ELSE '' END,
                   CASE WHEN klaar THEN (p.startdatum + m.maand * interval '1 month') END,
                   CASE WHEN klaar THEN c.casushouder_id END
            FROM casussen_doorbraakplan p JOIN casussen_casus c ON c.id = p.casus_id,
                 (VALUES (3), (6), (12)) AS m(maand),
                 LATERAL (SELECT p.startdatum + m.maand * interval '1 month' < current_date
                                 AND (hashint8(p.id + m.maand) & 2147483647) %% 4 <> 0 AS klaar) k
            WHERE c.id > %(vanaf)s AND c.status IN ('in_uitvoering', 'monitoring')
            """,
            {"vanaf": vanaf},
        )

    # --- Measuring -------------------------------------------------------------------------

    def meet(self, requests: int, warmup: int):
        try:
            reverse("casus_lijst")
            reverse("casus_detail", args=[1])
        except NoReverseMatch:
            self.stdout.write(self.style.WARNING(
                "De pagina's casus_lijst en casus_detail bestaan (nog) niet; er is niets gemeten."
            ))
            return
        omo, consulent = self._meetgebruikers()
        if omo is None or consulent is None:
            self.stdout.write(self.style.WARNING("Geen OMO-functionaris of consulent met casussen; niets gemeten."))
            return
        warnings.filterwarnings("ignore", message="No directory at")  # whitenoise without collectstatic
        lijst = reverse("casus_lijst")
        metingen = [
            ("Lijst, ongefilterd (omo)", omo, lijst),
            ("Lijst, gefilterd (omo)", omo, f"{lijst}?{self._filter_query()}"),
            ("Detailpagina (omo)", omo, reverse("casus_detail", args=[self._detail_pk()])),
            ("Zoeken 'schulden' (omo)", omo, f"{lijst}?q=schulden"),
            ("Lijst, ongefilterd (consulent)", consulent, lijst),
        ]
        self.stdout.write(
            f"\nMeten: {requests} requests per pagina na {warmup} om op te warmen "
            f"(DEBUG={'aan' if settings.DEBUG else 'uit'}, {Casus.objects.count()} casussen).\n"
        )
        resultaten = []
        for naam, gebruiker, url in metingen:
            begin = time.perf_counter()
            try:
                resultaten.append((naam, url, self._meet_pagina(gebruiker, url, requests, warmup)))
            except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
                resultaten.append((naam, url, exc))
            self.stdout.write(f"  {naam}: gemeten in {time.perf_counter() - begin:.0f} s")
        self.stdout.write("")
        self._tabel(resultaten)

    def _meetgebruikers(self):
        omo = User.objects.filter(username=OMO_GEBRUIKER).first() or (
            User.objects.filter(groups__name=roles.OMO, is_active=True).order_by("pk").first()
        )
        consulent = User.objects.filter(username=BENCH_CONSULENT.format(1)).first()
        if consulent is None:
            pk = (
                Casus.objects.values("casushouder").order_by().annotate(n=Count("pk"))
                .order_by("-n").values_list("casushouder", flat=True).first()
            )
            consulent = User.objects.filter(pk=pk).first()
        return omo, consulent

    def _filter_query(self) -> str:
        leefgebied = (
            Leefgebied.objects.order_by().annotate(n=Count("casussen"))
            .order_by("-n").values_list("pk", flat=True).first()
        )
        wens = {"status": Status.IN_VOORBEREIDING, "leefgebied": leefgebied, "urgentie": "hoog"}
        namen = self._filternamen()
        return "&".join(f"{k}={v}" for k, v in wens.items() if v is not None and (namen is None or k in namen))

    @staticmethod
    def _filternamen():
        for module in ("casussen.filters_casus", "casussen.filters"):
            try:
                filterset = __import__(module, fromlist=["CasusFilter"]).CasusFilter
            except (ImportError, AttributeError):
                continue
            return set(filterset.base_filters)
        return None

    @staticmethod
    def _detail_pk() -> int:
        casus = (
            Scenario.objects.filter(gekozen=True, casus__status=Status.MONITORING)
            .order_by("-casus_id").values_list("casus_id", flat=True).first()
        )
        return casus or Casus.objects.order_by("-pk").values_list("pk", flat=True).first()

    @staticmethod
    def _host() -> str:
        for host in settings.ALLOWED_HOSTS:
            if host and host != "*" and not host.startswith("["):
                return host.lstrip(".")
        return "localhost"

    def _meet_pagina(self, gebruiker, url, requests, warmup) -> dict:
        client = Client(HTTP_HOST=self._host())
        logging.disable(logging.INFO)  # the login signal handlers log every force_login
        try:
            client.force_login(gebruiker)
        finally:
            logging.disable(logging.NOTSET)
        for _ in range(warmup):
            antwoord = client.get(url, secure=True)
            if antwoord.status_code != 200:
                raise RuntimeError(f"HTTP {antwoord.status_code}")
        totaal, sql, aantallen = [], [], []
        vastgelegd = []
        for i in range(requests):
            queries = []

            def wrapper(execute, stmt, params, many, context, queries=queries):
                begin = time.perf_counter()
                try:
                    return execute(stmt, params, many, context)
                finally:
                    queries.append((stmt, params, many, time.perf_counter() - begin))

            begin = time.perf_counter()
            with connection.execute_wrapper(wrapper):
                antwoord = client.get(url, secure=True)
            totaal.append(time.perf_counter() - begin)
            if antwoord.status_code != 200:
                raise RuntimeError(f"HTTP {antwoord.status_code}")
            sql.append(sum(q[3] for q in queries))
            aantallen.append(len(queries))
            if i == requests - 1:
                vastgelegd = queries
        return {
            "p50": percentiel(totaal, 50), "p95": percentiel(totaal, 95),
            "sql_p50": percentiel(sql, 50), "sql_p95": percentiel(sql, 95),
            "queries": statistics.median(aantallen),
            "zonder_sql_p50": percentiel([t - s for t, s in zip(totaal, sql, strict=True)], 50),
            "direct_p50": self._direct(vastgelegd),
        }

    @staticmethod
    def _direct(queries, runs=20) -> float:
        """The SQL of one request run again directly with a cursor (in a transaction that is
        rolled back, so writes such as the access log are not repeated); p50 over `runs`."""
        overslaan = re.compile(r"^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.I)
        stappen = [q for q in queries if not overslaan.match(q[0])]
        tijden = []
        for _ in range(runs):
            with transaction.atomic(), connection.cursor() as cursor:
                begin = time.perf_counter()
                for stmt, params, many, _duur in stappen:
                    if many:
                        cursor.executemany(stmt, params)
                    else:
                        cursor.execute(stmt, params)
                        if cursor.description is not None:
                            cursor.fetchall()
                tijden.append(time.perf_counter() - begin)
                transaction.set_rollback(True)
        return percentiel(tijden, 50)

    def _tabel(self, resultaten):
        kop = (f"{'pagina':<32} {'p50':>7} {'p95':>7} {'SQL p50':>8} {'SQL p95':>8} {'queries':>7} "
               f"{'pag-SQL':>8} {'SQL dir.':>8}   doelen")
        self.stdout.write(kop)
        self.stdout.write("-" * len(kop))
        for naam, url, r in resultaten:
            if isinstance(r, Exception):
                self.stdout.write(f"{naam:<32} fout: {r.__class__.__name__}: {r}  ({url})")
                continue
            doelen = " ".join([
                ("✓" if _ms(r["p50"]) <= DOEL_P50_MS else "✗") + "p50",
                ("✓" if _ms(r["p95"]) <= DOEL_P95_MS else "✗") + "p95",
                ("✓" if _ms(r["zonder_sql_p50"]) <= DOEL_PAGINA_MIN_SQL_MS else "✗") + "pag-SQL",
            ])
            self.stdout.write(
                f"{naam:<32} {_ms(r['p50']):>7.1f} {_ms(r['p95']):>7.1f} {_ms(r['sql_p50']):>8.1f} "
                f"{_ms(r['sql_p95']):>8.1f} {r['queries']:>7.0f} {_ms(r['zonder_sql_p50']):>8.1f} "
                f"{_ms(r['direct_p50']):>8.1f}   {doelen}"
            )
        self.stdout.write(
            f"\nTijden in ms. Doelen: p50 ≤ {DOEL_P50_MS} ms, p95 ≤ {DOEL_P95_MS} ms, pagina min SQL "
            f"(p50) ≤ {DOEL_PAGINA_MIN_SQL_MS} ms. 'SQL dir.' is de SQL van één request opnieuw "
            "uitgevoerd met een cursor (p50 over 20 keer)."
        )
        for naam, url, _r in resultaten:
            self.stdout.write(f"  {naam}: {url}")


BOMEN = [
    "Linde", "Esdoorn", "Berk", "Eik", "Beuk", "Wilg", "Els", "Populier", "Kastanje", "Hazelaar",
    "Vlier", "Meidoorn", "Lijsterbes", "Taxus", "Iep", "Es", "Haagbeuk", "Plataan", "Walnoot",
    "Kers", "Appel", "Peer", "Hulst", "Jeneverbes", "Lariks", "Den", "Spar", "Ceder", "Magnolia",
    "Zomereik", "Acacia", "Moerbei", "Vijg", "Olijf", "Notelaar", "Sering", "Vuilboom", "Kornoelje",
]
