"""Benchmark of the budget app (DESIGN §8): a ledger of 1,000,000 postings, its pages, and
budget holders approving at the same time.

1. Seeds (tops up to) `--postings` postings over five funds and five booking years, with plain
   SQL (INSERT … SELECT FROM generate_series) and every trigger on: the statement trigger on
   budget_boeking keeps the balance rows, the deferred triggers check at commit that every
   transaction balances. Per fund and year one allocation (D beschikbaar / C toewijzing) comes
   first, then pairs of a reservation (D gereserveerd / C beschikbaar) and its settlement: a
   payment (D besteed / C gereserveerd, in whole or in part), a release (D beschikbaar /
   C gereserveerd) or a loan (D uitstaand / C gereserveerd). So no internal account is ever
   below zero, also not halfway in time. Running it again adds only what is missing (the ledger
   is append-only: nothing is ever deleted).
2. Times the fund overview, the postings of one fund (first page, a far page, filtered) and the
   transactions list in-process with the Django test client (logged in as an OMO-functionaris):
   p50/p95, the SQL time and the number of queries per page; then the EXPLAIN (ANALYZE,
   BUFFERS) summary of the postings queries.
3. Creates `--aanvragen` submitted requests on one fund and lets `--beslissers` budget holders
   approve them at the same time, each in its own thread with its own database connection:
   approvals per second, approved and refused, and `ledger_check` over the whole ledger. A tenth
   of the requests (at most 200) is approved first by one budget holder alone, for comparison:
   every approval of a fund locks that fund's balance rows, so approvals of one fund queue.

Run it with `make bench` (a separate database, `omo_bench`): the command refuses any database
whose name does not contain "bench" (or a test database).
"""

import logging
import math
import re
import threading
import time
import warnings
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal

import pghistory
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from budget.management.commands.ledger_check import controleer
from budget.models import Aanvraag, Boeking, Fonds, Rekening
from budget.services import aanvraag as aanvraag_services
from budget.services import grootboek
from casussen.management.commands.bench_casussen import percentiel
from casussen.models import Casus, Leefgebied, Scenario, Status
from casussen.services import casus as casus_services
from omo import roles
from omo.models import Team, User
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM

R = Rekening.Soort
JAREN = 5
PER_PAGINA = 50  # the page size of the budget lists (budget/views.py)
AANVRAGEN_PER_CASUS = 50
OMO_GEBRUIKER = "bench-budget-omo"
CONSULENT = "bench-budget-consulent"
BUDGETHOUDER = "bench-budgethouder-{}"
TEAM = "Benchteam budget"
AANVULLING = "Aanvulling voor de benchmark"
FONDSEN = [
    ("Benchfonds OMO", Fonds.Soort.OMO_FONDS, Fonds.Jaareinde.OVERHEVELEN),
    ("Benchfonds stelpost", Fonds.Soort.STELPOST, Fonds.Jaareinde.VERVALT),
    ("Benchfonds samenloop", Fonds.Soort.SAMENLOOP, Fonds.Jaareinde.OVERHEVELEN),
    ("Benchfonds voorkom erger", Fonds.Soort.VOORKOM_ERGER, Fonds.Jaareinde.VERVALT),
    ("Benchfonds doorpak", Fonds.Soort.DOORPAK, Fonds.Jaareinde.VERVALT),
]
BEOORDELING = {
    "noodzaak": "Zonder het geld wordt het huis ontruimd.",
    "gevolgen": "Kinderen zonder dak; de opvang kost het tienvoudige.",
    "regulier_onmogelijk": "Bijzondere bijstand: de schuld is ouder dan drie maanden.",
    "reguliere_routes": "Bijzondere bijstand aangevraagd en afgewezen.",
}
DOELEN = [
    "Huurachterstand", "Energierekening", "Inrichting woning", "Schoolkosten kinderen",
    "Reiskosten naar de opleiding", "Premieachterstand zorgverzekering",
]

# The movements after the allocations. Row m of the series: even m is the reservation of pair
# k = m / 2, odd m its settlement, by (k mod 10): 0-6 paid in whole, 7 released, 8 paid for
# 60 % (the rest stays reserved), 9 paid out as a loan. Amounts 25.00 … 2,000.00.
PLAN_BEWEGINGEN = """
CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
WITH bewegingen AS (
    SELECT m, m / 2 AS k, m %% 2 AS rol,
           %(begin)s::timestamptz + (m::float8 / %(m)s) * (%(eind)s::timestamptz - %(begin)s::timestamptz) AS ts
    FROM generate_series(0::bigint, %(m)s - 1) AS m
), met_bedrag AS (
    SELECT b.*, (%(fondsen)s::bigint[])[1 + b.k %% cardinality(%(fondsen)s::bigint[])] AS fonds_id,
           (25 + ((b.k + %(offset)s) * 7919 %% 197501) / 100.0)::numeric(14, 2) AS reservering,
           (b.k + %(offset)s) %% 10 AS variant,
           'OMO-' || extract(year FROM b.ts AT TIME ZONE %(tz)s) || '-'
               || lpad((1 + (b.k + %(offset)s) %% 9999)::text, 4, '0') AS code
    FROM bewegingen b
)
SELECT m AS volgnummer, ts, fonds_id,
       CASE WHEN rol = 0 THEN 'reservering' WHEN variant = 7 THEN 'vrijgave'
            WHEN variant = 9 THEN 'uitlening' ELSE 'betaling' END AS soort,
       CASE WHEN rol = 0 THEN 'gereserveerd' WHEN variant = 7 THEN 'beschikbaar'
            WHEN variant = 9 THEN 'uitstaand' ELSE 'besteed' END AS debet,
       CASE WHEN rol = 0 THEN 'beschikbaar' ELSE 'gereserveerd' END AS credit,
       CASE WHEN rol = 1 AND variant = 8 THEN round(reservering * 0.6, 2) ELSE reservering END AS bedrag,
       CASE WHEN rol = 0 THEN 'Goedgekeurd voor ' || code
            WHEN variant = 7 THEN 'Vrijgegeven voor ' || code
            ELSE 'Betaling voor ' || code || ': '
                 || (%(doelen)s::text[])[1 + (b.k + %(offset)s) %% cardinality(%(doelen)s::text[])] END AS omschrijving
FROM met_bedrag b
"""

# One allocation per fund and year, at the first moment of the year: what that year's
# reservations need plus 10 %, rounded up to a thousand (at least 1,000).
PLAN_TOEWIJZINGEN = """
INSERT INTO bench_plan (volgnummer, ts, fonds_id, soort, debet, credit, bedrag, omschrijving)
SELECT -1, make_timestamptz(j, 1, 1, 0, 0, 0, %(tz)s), f.id, 'toewijzing', 'beschikbaar', 'toewijzing',
       greatest(1000, ceil(coalesce(nodig.som, 0) * 1.1 / 1000) * 1000), 'Begroting ' || j
FROM unnest(%(fondsen)s::bigint[]) AS f(id)
CROSS JOIN unnest(%(jaren)s::int[]) AS j
LEFT JOIN (SELECT fonds_id, extract(year FROM ts AT TIME ZONE %(tz)s)::int AS jaar, sum(bedrag) AS som
             FROM bench_plan WHERE soort = 'reservering' GROUP BY 1, 2) nodig
  ON nodig.fonds_id = f.id AND nodig.jaar = j
"""

NUMMERS = """
CREATE TEMP TABLE bench_tx ON COMMIT DROP AS
SELECT %(eerste)s - 1 + row_number() OVER (ORDER BY ts, volgnummer, fonds_id) AS tid, p.*
FROM bench_plan p
"""

TRANSACTIES = """
INSERT INTO budget_transactie (id, fonds_id, soort, aanvraag_id, boekdatum, boekjaar, omschrijving, tegenpartij,
                               tegenboeking_van_id, geboekt_door_id, geboekt_op)
SELECT tid, fonds_id, soort, NULL, (ts AT TIME ZONE %(tz)s)::date,
       extract(year FROM ts AT TIME ZONE %(tz)s)::int, omschrijving, '', NULL,
       CASE WHEN soort = 'toewijzing' THEN NULL ELSE %(gebruiker)s END, ts
FROM bench_tx ORDER BY tid
"""

BOEKINGEN = """
INSERT INTO budget_boeking (transactie_id, rekening_id, kant, bedrag, boekjaar)
SELECT t.tid, r.id, x.kant, t.bedrag, extract(year FROM t.ts AT TIME ZONE %(tz)s)::int
FROM bench_tx t
CROSS JOIN LATERAL (VALUES ('D', t.debet), ('C', t.credit)) AS x(kant, soort)
JOIN budget_rekening r ON r.fonds_id = t.fonds_id AND r.soort = x.soort
ORDER BY t.tid, x.kant DESC
"""


def _ms(seconden):
    return seconden * 1000


class Command(BaseCommand):
    help = (
        "Benchmark van het budget (alleen voor een aparte benchmarkdatabase, zie `make bench`): vult het "
        "grootboek aan tot --postings boekingen (in SQL, met alle triggers aan), meet de fondsenpagina's en "
        "de transactielijst (p50/p95, queries per pagina, queryplannen) en laat --beslissers budgethouders "
        "tegelijk --aanvragen aanvragen goedkeuren; daarna ledger_check."
    )

    def add_arguments(self, parser):
        parser.add_argument("--postings", type=int, default=1_000_000,
                            help="Aantal boekingen in het grootboek (standaard 1000000).")
        parser.add_argument("--aanvragen", type=int, default=2000,
                            help="Aantal ingediende aanvragen om goed te keuren (standaard 2000).")
        parser.add_argument("--beslissers", type=int, default=8,
                            help="Aantal budgethouders die tegelijk goedkeuren (standaard 8).")
        parser.add_argument("--requests", type=int, default=30, help="Requests per pagina (standaard 30).")
        parser.add_argument("--warmup", type=int, default=3, help="Opwarmrequests per pagina (standaard 3).")

    def handle(self, *args, **opts):
        self.verbosity = opts["verbosity"]
        naam = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in naam and not naam.startswith("test"):
            raise CommandError(
                f"bench_budget vult alleen een aparte benchmarkdatabase (de naam bevat 'bench'), niet '{naam}'. "
                "Gebruik `make bench`."
            )
        gebruikers, fondsen = self.basis(opts["beslissers"])
        self.seed(opts["postings"], fondsen, gebruikers)
        self.meet(gebruikers["omo"], fondsen[0], opts["requests"], opts["warmup"])
        self.plannen(gebruikers["omo"], fondsen[0])
        self.goedkeuren(opts["aanvragen"], gebruikers, fondsen[0])

    @contextmanager
    def _stap(self, naam):
        begin = time.perf_counter()
        yield
        self.stdout.write(f"  {naam}: {time.perf_counter() - begin:.1f} s")

    # --- Users and funds -------------------------------------------------------------------

    def basis(self, beslissers: int):
        """The benchmark's users (no e-mail address: no mail tasks for a worker that is not
        there), its team and the five funds with their accounts."""
        with transaction.atomic(), pghistory.context(commando="bench_budget"):
            roles.sync_roles()
            team = Team.objects.get_or_create(naam=TEAM, defaults={"soort": Team.Soort.WIJKTEAM})[0]
            omo = self._gebruiker(OMO_GEBRUIKER, roles.OMO, "OMO", "Bench")
            consulent = self._gebruiker(CONSULENT, roles.CONSULENT, "Consulent", "Bench", team=team)
            houders = [self._gebruiker(BUDGETHOUDER.format(i), roles.BUDGETHOUDER, "Budgethouder", str(i))
                       for i in range(1, beslissers + 1)]
            fondsen = []
            for naam, soort, jaareinde in FONDSEN:
                fonds = Fonds.objects.get_or_create(naam=naam, defaults={
                    "soort": soort, "jaareinde": jaareinde, "mandaat": Decimal("5000.00"),
                    "leningen_toegestaan": True, "kostenplaats": "KP-BENCH", "grootboeknummer": "4430199",
                    "omschrijving": "Fonds voor de benchmark van het grootboek.",
                })[0]
                grootboek.rekeningen(fonds.pk)
                fondsen.append(fonds)
            fondsen[0].budgethouders.add(*houders)
        return {"omo": omo, "consulent": consulent, "houders": houders}, fondsen

    @staticmethod
    def _gebruiker(username, rol, voornaam, achternaam, team=None):
        user, nieuw = User.objects.get_or_create(username=username, defaults={
            "first_name": voornaam, "last_name": achternaam, "password": "!bench", "email": "", "team": team})
        if nieuw:
            user.groups.add(Group.objects.get(name=rol))
        return user

    # --- Seeding ---------------------------------------------------------------------------

    def seed(self, aantal: int, fondsen, gebruikers):
        ids = [f.pk for f in fondsen]
        bestaand = Boeking.objects.filter(rekening__fonds_id__in=ids).count()
        if aantal - bestaand < 2:
            self.stdout.write(f"Er zijn al {bestaand} boekingen op de benchfondsen; niets toegevoegd.")
            return
        jaar = grootboek.vandaag().year
        jaren = list(range(jaar - JAREN + 1, jaar + 1))
        # Transactions of two postings: the allocations (one per fund and year), then the movements.
        bewegingen = max(0, math.ceil((aantal - bestaand) / 2) - len(ids) * len(jaren))
        begin_ts = datetime(jaren[0], 1, 2, 8, 0, tzinfo=AMSTERDAM)
        eind_ts = timezone.now() - timedelta(hours=1)
        self.stdout.write(f"{aantal - bestaand} boekingen toevoegen over {len(ids)} fondsen en de jaren "
                          f"{jaren[0]}-{jaren[-1]} (er zijn er nu {bestaand}) ...")
        params = {"fondsen": ids, "jaren": jaren, "m": bewegingen, "begin": begin_ts, "eind": eind_ts,
                  "tz": settings.TIME_ZONE, "offset": bestaand, "doelen": DOELEN,
                  "gebruiker": gebruikers["houders"][0].pk if gebruikers["houders"] else None}
        begin = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            with self._stap("plan (tijdelijke tabel)"):
                cursor.execute(PLAN_BEWEGINGEN, params)
                cursor.execute(PLAN_TOEWIJZINGEN, params)
                cursor.execute("SELECT count(*) FROM bench_plan")
                transacties = cursor.fetchone()[0]
                # Reserve a block of ids, so every posting finds its transaction by number.
                cursor.execute("SELECT pg_get_serial_sequence('budget_transactie', 'id')")
                reeks = cursor.fetchone()[0]
                cursor.execute("SELECT nextval(%s)", [reeks])
                eerste = cursor.fetchone()[0]
                cursor.execute("SELECT setval(%s, %s)", [reeks, eerste + transacties - 1])
            with self._stap(f"{transacties} transacties"):
                cursor.execute(NUMMERS, {"eerste": eerste})
                cursor.execute(TRANSACTIES, params)
            with self._stap(f"{2 * transacties} boekingen (met de saldotrigger)"):
                cursor.execute(BOEKINGEN, params)
            with self._stap("evenwichtscontrole (de uitgestelde triggers)"):
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        opdracht = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with self._stap(opdracht), connection.cursor() as cursor:
            for tabel in ("budget_transactie", "budget_boeking", "budget_saldo", "budget_jaarsaldo"):
                cursor.execute(f"{opdracht} {tabel}")
        totaal = Boeking.objects.filter(rekening__fonds_id__in=ids).count()
        self.stdout.write(self.style.SUCCESS(
            f"Vullen klaar: {2 * transacties} boekingen in {time.perf_counter() - begin:.1f} s "
            f"({totaal} op de benchfondsen)."))

    # --- Pages -----------------------------------------------------------------------------

    def _paginas(self, fonds):
        vorig = grootboek.vandaag().year - 1
        detail = reverse("fonds_detail", args=[fonds.pk])
        filter_ = f"rekening=besteed&jaar={vorig}"
        transacties = reverse("budget_transacties")
        return [
            ("Fondsen, stand nu", reverse("budget_fondsen")),
            (f"Fondsen, einde {vorig}", f"{reverse('budget_fondsen')}?jaar={vorig}"),
            ("Boekingen fonds, p. 1", detail),
            ("Boekingen fonds, p. 100", f"{detail}?pagina=100"),
            (f"Boekingen besteed {vorig}, p. 1", f"{detail}?{filter_}"),
            (f"Boekingen besteed {vorig}, p. 100", f"{detail}?{filter_}&pagina=100"),
            ("Transacties, p. 1", transacties),
            ("Transacties, p. 100", f"{transacties}?pagina=100"),
            ("Transacties fonds, p. 1", f"{transacties}?fonds={fonds.pk}"),
        ]

    @staticmethod
    def _host() -> str:
        for host in settings.ALLOWED_HOSTS:
            if host and host != "*" and not host.startswith("["):
                return host.lstrip(".")
        return "localhost"

    def _client(self, gebruiker):
        client = Client(HTTP_HOST=self._host())
        logging.disable(logging.INFO)  # the login signal handlers log every force_login
        try:
            client.force_login(gebruiker)
        finally:
            logging.disable(logging.NOTSET)
        return client

    def meet(self, gebruiker, fonds, requests: int, warmup: int):
        warnings.filterwarnings("ignore", message="No directory at")  # whitenoise without collectstatic
        self.stdout.write(
            f"\nMeten: {requests} requests per pagina na {warmup} om op te warmen "
            f"(DEBUG={'aan' if settings.DEBUG else 'uit'}, {Boeking.objects.count()} boekingen; "
            f"een lijst telt tot 1000 rijen, dus pagina 100 toont de laatste, 20).\n"
        )
        client = self._client(gebruiker)
        resultaten = []
        for naam, url in self._paginas(fonds):
            try:
                resultaten.append((naam, url, self._meet_pagina(client, url, requests, warmup)))
            except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
                resultaten.append((naam, url, exc))
        kop = f"{'pagina':<30} {'p50':>7} {'p95':>7} {'SQL p50':>8} {'queries':>7}"
        self.stdout.write(kop)
        self.stdout.write("-" * len(kop))
        for naam, url, r in resultaten:
            if isinstance(r, Exception):
                self.stdout.write(f"{naam:<30} fout: {r.__class__.__name__}: {r}  ({url})")
                continue
            self.stdout.write(f"{naam:<30} {_ms(r['p50']):>7.1f} {_ms(r['p95']):>7.1f} "
                              f"{_ms(r['sql_p50']):>8.1f} {r['queries']:>7}")
        self.stdout.write("Tijden in ms (request in-process, met de SQL).")
        for naam, url, r in resultaten:
            self.stdout.write(f"  {naam}: {url}")
            if self.verbosity > 1 and not isinstance(r, Exception):
                for sql in r["sql"]:
                    self.stdout.write(f"      {sql[:160]}")

    def _meet_pagina(self, client, url, requests, warmup) -> dict:
        for _ in range(warmup):
            self._get(client, url)
        totaal, sql = [], []
        for _ in range(requests):
            duur = []

            def wrapper(execute, stmt, params, many, context, duur=duur):
                begin = time.perf_counter()
                try:
                    return execute(stmt, params, many, context)
                finally:
                    duur.append(time.perf_counter() - begin)

            begin = time.perf_counter()
            with connection.execute_wrapper(wrapper):
                self._get(client, url)
            totaal.append(time.perf_counter() - begin)
            sql.append(sum(duur))
        # The queries of one more request, counted apart (the debug cursor costs time itself).
        with CaptureQueriesContext(connection) as vastgelegd:
            self._get(client, url)
        return {
            "p50": percentiel(totaal, 50), "p95": percentiel(totaal, 95), "sql_p50": percentiel(sql, 50),
            "queries": len(vastgelegd.captured_queries), "sql": [q["sql"] for q in vastgelegd.captured_queries],
        }

    @staticmethod
    def _get(client, url):
        antwoord = client.get(url, secure=True)
        if antwoord.status_code != 200:
            raise RuntimeError(f"HTTP {antwoord.status_code}")
        return antwoord

    def plannen(self, gebruiker, fonds):
        """EXPLAIN (ANALYZE, BUFFERS) of the postings queries of the fund pages, as the page ran
        them (captured from one request each), in a transaction that is rolled back."""
        detail = reverse("fonds_detail", args=[fonds.pk])
        vorig = grootboek.vandaag().year - 1
        client = self._client(gebruiker)
        self.stdout.write("\nQueryplannen van de boekingenlijst (EXPLAIN ANALYZE, BUFFERS):")
        for naam, url in (
            ("p. 1", detail), ("p. 100", f"{detail}?pagina=100"),
            (f"besteed {vorig}, p. 1", f"{detail}?rekening=besteed&jaar={vorig}"),
        ):
            vastgelegd = []

            def wrapper(execute, stmt, params, many, context, vastgelegd=vastgelegd):
                vastgelegd.append((stmt, params))
                return execute(stmt, params, many, context)

            try:
                with connection.execute_wrapper(wrapper):
                    self._get(client, url)
            except Exception as exc:  # noqa: BLE001
                self.stdout.write(f"  {naam}: fout: {exc.__class__.__name__}: {exc}")
                continue
            for stmt, params in vastgelegd:
                if 'FROM "budget_boeking"' not in stmt:
                    continue
                soort = "telling" if "COUNT(" in stmt.upper() else "rijen"
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + stmt, params)
                    plan = [r[0] for r in cursor.fetchall()]
                    transaction.set_rollback(True)
                self.stdout.write(f"  {naam}, {soort}: {self._samenvatting(plan)}")
                if self.verbosity > 1:
                    self.stdout.write("\n".join(f"      {regel}" for regel in plan))

    @staticmethod
    def _samenvatting(plan) -> str:
        tekst = "\n".join(plan)
        uitvoering = re.search(r"Execution Time: ([\d.]+) ms", tekst)
        buffers = re.search(r"Buffers: (shared[^\n]*)", tekst)
        indexen = sorted(set(re.findall(r"Index (?:Only )?Scan (?:Backward )?using (\w+)", tekst)
                             + re.findall(r"Bitmap Index Scan on (\w+)", tekst)))
        seq = sorted(set(re.findall(r"Seq Scan on (\w+)", tekst)))
        delen = [f"{uitvoering.group(1) if uitvoering else '?'} ms", buffers.group(1) if buffers else "",
                 "indexen: " + (", ".join(indexen) or "geen")]
        if seq:
            delen.append("seq scan: " + ", ".join(seq))
        return "; ".join(d for d in delen if d)

    # --- Approvals at the same time --------------------------------------------------------

    def goedkeuren(self, aantal: int, gebruikers, fonds):
        houders = gebruikers["houders"]
        if aantal <= 0 or not houders:
            return
        self.stdout.write(f"\n{aantal} aanvragen indienen op {fonds.naam} en goedkeuren met {len(houders)} "
                          "budgethouders tegelijk ...")
        bedragen = [Decimal(100 + (i * 37) % 900) + Decimal(i % 100) / 100 for i in range(aantal)]
        begin = time.perf_counter()
        scenarios = self._scenarios(gebruikers["consulent"], math.ceil(aantal / AANVRAGEN_PER_CASUS))
        nodig = sum(bedragen)
        beschikbaar = grootboek.saldi(fonds.pk).get(R.BESCHIKBAAR, Decimal("0"))
        if beschikbaar < nodig:
            grootboek.toewijzen(fonds.pk, (nodig - beschikbaar).quantize(Decimal("1")) + 1000, None,
                                AANVULLING)
        ids = []
        with pghistory.context(commando="bench_budget"):
            for i, bedrag in enumerate(bedragen):
                casus_id, scenario = scenarios[i // AANVRAGEN_PER_CASUS]
                aanvraag = aanvraag_services.maak(casus_id, gebruikers["consulent"], {
                    "scenario": scenario, "fonds": fonds, "soort": Aanvraag.Soort.GIFT, "bedrag": bedrag,
                    "doel": DOELEN[i % len(DOELEN)], **BEOORDELING}, indienen=True)
                ids.append(aanvraag.pk)
        self.stdout.write(f"  {aantal} aanvragen ingediend in {time.perf_counter() - begin:.1f} s")

        # First a tenth one after the other (the ceiling of one budget holder), then the rest at once.
        serieel, ids = ids[:min(200, aantal // 10)], ids[min(200, aantal // 10):]
        if serieel:
            geweigerd = 0
            begin = time.perf_counter()
            for aanvraag_id in serieel:
                try:
                    aanvraag_services.keur_goed(aanvraag_id, houders[0], "Akkoord (benchmark).")
                except Weigering:
                    geweigerd += 1
            duur = time.perf_counter() - begin
            self.stdout.write(f"Goedkeuringen na elkaar: {(len(serieel) - geweigerd) / duur:.1f} per seconde met "
                              f"1 budgethouder ({len(serieel) - geweigerd} goedgekeurd, {geweigerd} geweigerd "
                              f"in {duur:.1f} s)")

        delen = [ids[i::len(houders)] for i in range(len(houders))]
        uitkomst = {"goedgekeurd": 0, "geweigerd": 0, "fout": 0}
        duren, weigeringen, fouten = [], [], []
        slot = threading.Lock()
        barrier = threading.Barrier(len(houders) + 1)

        def beslis(houder, aanvraag_ids):
            try:
                barrier.wait(timeout=60)
                for aanvraag_id in aanvraag_ids:
                    start = time.perf_counter()
                    try:
                        aanvraag_services.keur_goed(aanvraag_id, houder, "Akkoord (benchmark).")
                        soort = "goedgekeurd"
                    except Weigering as fout:
                        soort = "geweigerd"
                        weigeringen.append(fout.message)
                    except Exception as fout:  # noqa: BLE001 - counted and reported
                        soort = "fout"
                        fouten.append(f"{fout.__class__.__name__}: {fout}")
                    with slot:
                        uitkomst[soort] += 1
                        duren.append(time.perf_counter() - start)
            finally:
                connection.close()

        threads = [threading.Thread(target=beslis, args=(h, d), daemon=True) for h, d in zip(houders, delen, strict=True)]
        for t in threads:
            t.start()
        barrier.wait(timeout=60)
        begin = time.perf_counter()
        for t in threads:
            t.join()
        duur = time.perf_counter() - begin
        self.stdout.write(
            f"Goedkeuringen: {uitkomst['goedgekeurd'] / duur:.1f} per seconde met {len(houders)} budgethouders "
            f"tegelijk ({uitkomst['goedgekeurd']} goedgekeurd, {uitkomst['geweigerd']} geweigerd, "
            f"{uitkomst['fout']} fouten in {duur:.1f} s; per goedkeuring p50 {_ms(percentiel(duren, 50)):.0f} ms, "
            f"p95 {_ms(percentiel(duren, 95)):.0f} ms)"
        )
        for tekst in sorted(set(weigeringen))[:3]:
            self.stdout.write(f"  geweigerd: {tekst}")
        for tekst in fouten[:3]:
            self.stdout.write(self.style.ERROR(f"  fout: {tekst}"))
        begin = time.perf_counter()
        problemen = controleer()
        duur = time.perf_counter() - begin
        if problemen:
            self.stdout.write(self.style.ERROR(f"ledger_check: het grootboek klopt NIET ({duur:.1f} s):"))
            for p in problemen:
                self.stdout.write(f"  - {p}")
        else:
            self.stdout.write(self.style.SUCCESS(f"ledger_check: het grootboek klopt ({duur:.1f} s)."))

    def _scenarios(self, consulent, aantal: int) -> list:
        """`aantal` open cases of the benchmark's consulent, each with a scenario: (casus_id, scenario)."""
        bestaand = list(
            Scenario.objects.filter(casus__casushouder=consulent).exclude(casus__status=Status.AFGESLOTEN)
            .order_by("casus_id", "pk").select_related("casus")
        )
        per_casus = {}
        for s in bestaand:
            per_casus.setdefault(s.casus_id, s)
        leefgebied = Leefgebied.objects.order_by("volgorde", "pk").first()
        with pghistory.context(commando="bench_budget"):
            while len(per_casus) < aantal:
                with transaction.atomic():
                    casus = casus_services.registreer(consulent, {
                        "titel": "Benchmark: geld uit het fonds", "bron": Casus.Bron.WIJKTEAM,
                        "datum_signaal": grootboek.vandaag(), "urgentie": "hoog",
                        "urgentie_toelichting": "Vonnis binnen vier weken", "reguliere_routes": ["eigen_team"],
                        "toestemming": "ja", "pseudoniem": f"Familie Bench {len(per_casus) + 1}",
                        "volwassenen": 1, "leeftijden_kinderen": [], "dossiernummer": "WIZ-BENCH",
                    }, leefgebieden=[leefgebied] if leefgebied else [])
                    per_casus[casus.pk] = Scenario.objects.create(
                        casus=casus, titel="Huurachterstand betalen", beschrijving="De gemeente betaalt de achterstand.")
        return [(casus_id, s) for casus_id, s in sorted(per_casus.items())][:aantal]
