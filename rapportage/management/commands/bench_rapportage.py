"""Benchmark of the reports (DESIGN §9): the dashboard and the quarterly PDF on a large data set.

Runs after `bench_casussen` (100,000 cases with scenarios, decisions, plans and evaluations) and
`bench_budget` (1,000,000 postings) in the same benchmark database (`make bench`).

1. Seeds what the other benchmarks do not make, once, with set-based SQL and every trigger on:
   escalations for about 8 % of the cases (levels 2–4, open and decided), a knelpunt for about
   30 % (kinds, organisations and legal bases drawn so that many groups pass the threshold of
   three cases), their groups and structurele signalen, self-sufficiency scores at intake and
   at the recorded evaluations, and patronen in every phase.
2. Times `cijfers()` directly and the dashboard page in-process with Django's test client (DEBUG
   off), as the OMO-functionaris and as beleid, for this quarter, the last 12 months (the
   dashboard's default period) and the whole history: p50/p95 of the request, its SQL time
   and its number of queries, against the targets p50 ≤ 150 ms, p95 ≤ 300 ms.
3. Renders the quarterly report of the last complete quarter (both variants) in a freshly
   spawned process each time: p50/p95 of the time, peak memory of the child (ru_maxrss) and the number
   of pages, against the targets p50 ≤ 3 s and ≤ 300 MB.

A measurement, not a test: it always exits 0. Refuses any database whose name does not contain
"bench" (or a test database).
"""

import logging
import multiprocessing
import statistics
import time
from contextlib import contextmanager

import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casussen.management.commands.bench_casussen import percentiel
from casussen.models import Casus, Knelpunt
from escalatie.models import Escalatie
from omo import roles
from omo.models import User
from rapportage.benchmeting import render_in_kind
from rapportage.models import Knelpuntgroep, Patroon, Rapport
from rapportage.perioden import kwartaal, laatste_12_maanden, vorig_kwartaal

BELEID_GEBRUIKER = "bench-beleid"
OMO_GEBRUIKER = "bench-omo"


class Command(BaseCommand):
    help = "Benchmark van het dashboard en de kwartaalrapportage op 100.000 casussen en 1.000.000 boekingen."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="Requests per meting (standaard 50).")
        parser.add_argument("--warmup", type=int, default=3, help="Opwarmrequests per meting (standaard 3).")
        parser.add_argument("--renders", type=int, default=5, help="Aantal keer renderen (standaard 5).")
        parser.add_argument("--skip-seed", action="store_true", help="Niet vullen, alleen meten.")

    def handle(self, *args, **opts):
        # Every measured request logs a login line of django-axes: not what the reader wants.
        logging.getLogger("axes").setLevel(logging.WARNING)
        naam = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in naam and not naam.startswith("test"):
            raise CommandError(f"bench_rapportage vult alleen een benchmarkdatabase (naam met 'bench'), niet '{naam}'.")
        if not opts["skip_seed"]:
            self.seed()
        self.stdout.write(
            f"Gegevens: {Casus.objects.count()} casussen, {Escalatie.objects.count()} escalaties, "
            f"{Knelpunt.objects.count()} knelpunten in {Knelpuntgroep.objects.count()} groepen "
            f"({Knelpuntgroep.objects.filter(signaal_sinds__isnull=False).count()} structurele signalen), "
            f"{self._boekingen()} boekingen."
        )
        self.maandcijfers()
        self.meet_dashboard(opts["requests"], opts["warmup"])
        self.meet_rapport(opts["renders"])

    @staticmethod
    def _boekingen() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM budget_boeking")
            return cursor.fetchone()[0]

    @contextmanager
    def _stap(self, naam):
        begin = time.perf_counter()
        yield
        self.stdout.write(f"  {naam}: {time.perf_counter() - begin:.1f} s")

    # --- Seeding ---------------------------------------------------------------------------

    def seed(self):
        if Casus.objects.count() < 1000:
            raise CommandError("Eerst bench_casussen draaien: er zijn te weinig casussen.")
        begin = time.perf_counter()
        roles.sync_roles()
        gebruikers = self._gebruikers()
        with transaction.atomic(), pghistory.context(commando="bench_rapportage"), connection.cursor() as cursor:
            cursor.execute("SET LOCAL pgtrigger.ignore TO '{}'")
            if not Escalatie.objects.filter(vraag__startswith="Bench:").exists():
                with self._stap("escalaties"):
                    self._escalaties(cursor, gebruikers[roles.OMO].pk)
            if not Knelpunt.objects.filter(beschrijving__startswith="Bench:").exists():
                with self._stap("knelpunten"):
                    self._knelpunten(cursor)
                with self._stap("zelfredzaamheid"):
                    self._scores(cursor)
            with self._stap("knelpuntgroepen en signalen"):
                from rapportage.services import signalen

                signalen.indelen_alle()
            if not Patroon.objects.exists():
                with self._stap("patronen"):
                    self._patronen(gebruikers)
        # Production runs autovacuum; inside a transaction (tests) only ANALYZE can run.
        opdracht = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with self._stap(opdracht), connection.cursor() as cursor:
            cursor.execute(opdracht)
        self.stdout.write(self.style.SUCCESS(f"Vullen klaar in {time.perf_counter() - begin:.1f} s."))

    def _gebruikers(self) -> dict:
        from django.contrib.auth.models import Group

        uit = {}
        for naam, rol in ((OMO_GEBRUIKER, roles.OMO), (BELEID_GEBRUIKER, roles.BELEID)):
            user, nieuw = User.objects.get_or_create(
                username=naam, defaults={"first_name": "Bench", "last_name": rol, "email": f"{naam}@bench.example.nl"}
            )
            if nieuw:
                user.set_unusable_password()
                user.save()
            user.groups.add(Group.objects.get(name=rol))
            uit[rol] = user
        return uit

    def _escalaties(self, cursor, omo_id):
        cursor.execute(
            """
            INSERT INTO escalatie_escalatie (casus_id, onderwerp, van_niveau, naar_niveau, reden, vraag,
                aangevraagd_door_id, aangevraagd_op, uiterlijk_op, beslissing, motivatie, besloten_door_id,
                besloten_op, geprobeerd, blokkerende_regel, gevraagde_oplossing, grondslag_delen,
                geanonimiseerde_samenvatting)
            SELECT c.id, 'casus', n.niveau - 1, n.niveau,
                   (ARRAY['buiten_kaders', 'budget', 'partners', 'landelijk'])[1 + (h %% 4)],
                   'Bench: mag deze oplossing buiten de kaders?', %(omo)s, t.op, t.op + interval '14 days',
                   CASE WHEN c.status IN ('geescaleerd') THEN ''
                        ELSE (ARRAY['akkoord', 'akkoord', 'afgewezen', 'advies', 'teruggelegd'])[1 + (h / 7 %% 5)] END,
                   CASE WHEN c.status IN ('geescaleerd') THEN '' ELSE 'Bench: besloten.' END,
                   CASE WHEN c.status IN ('geescaleerd') THEN NULL ELSE %(omo)s END,
                   CASE WHEN c.status IN ('geescaleerd') THEN NULL ELSE t.op + interval '6 days' END,
                   '', '', '', '', ''
            FROM casussen_casus c,
                 LATERAL (SELECT (hashint8(c.id) & 2147483647) AS h) hh,
                 LATERAL (SELECT 2 + (h / 3 %% 10 >= 7)::int + (h / 3 %% 10 >= 9)::int AS niveau) n,
                 LATERAL (SELECT c.aangemaakt_op + 0.3 * (c.status_sinds - c.aangemaakt_op) AS op) t
            WHERE c.status IN ('geescaleerd', 'besloten', 'in_uitvoering', 'monitoring', 'afgesloten')
              AND (c.status = 'geescaleerd' OR h %% 100 < 10)
            """,
            {"omo": omo_id},
        )

    def _knelpunten(self, cursor):
        cursor.execute(
            """
            WITH org AS (SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT id FROM casussen_organisatie ORDER BY id LIMIT 12) o),
                 gr AS (SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT id FROM casussen_wettelijkegrondslag ORDER BY id LIMIT 15) g)
            INSERT INTO casussen_knelpunt (casus_id, soort, organisatie_id, grondslag_id, regel, beschrijving, aangemaakt_op)
            SELECT c.id,
                   (ARRAY['wet_regel', 'proces', 'aanbod', 'samenwerking'])[1 + (h %% 4)],
                   CASE WHEN h / 4 %% 3 = 0 THEN NULL ELSE org.ids[1 + (h / 12 %% cardinality(org.ids))] END,
                   CASE WHEN h %% 4 = 0 THEN gr.ids[1 + (h / 200 %% cardinality(gr.ids))] END,
                   CASE WHEN h %% 4 = 1 THEN (ARRAY['Wachtlijst schuldhulp', 'Geen gedeeld dossier',
                        'Intake pas na zes weken'])[1 + (h / 50 %% 3)] ELSE '' END,
                   'Bench: wat blokkeerde deze casus.', c.aangemaakt_op + interval '3 days'
            FROM casussen_casus c, org, gr, LATERAL (SELECT (hashint8(c.id + 7) & 2147483647) AS h) hh
            WHERE h %% 10 < 3
            """
        )

    def _scores(self, cursor):
        cursor.execute(
            """
            INSERT INTO casussen_zelfredzaamheid (casus_id, evaluatie_id, leefgebied_id, score, vastgelegd_op)
            SELECT cl.casus_id, NULL, cl.leefgebied_id, 1 + ((hashint8(cl.id) & 2147483647) %% 2), now()
            FROM casussen_casus_leefgebieden cl JOIN casussen_doorbraakplan p ON p.casus_id = cl.casus_id
            ON CONFLICT DO NOTHING
            """
        )
        cursor.execute(
            """
            INSERT INTO casussen_zelfredzaamheid (casus_id, evaluatie_id, leefgebied_id, score, vastgelegd_op)
            SELECT e.casus_id, e.id, cl.leefgebied_id,
                   LEAST(5, 1 + ((hashint8(cl.id + e.maand) & 2147483647) %% 5)), e.uitgevoerd_op
            FROM casussen_evaluatie e JOIN casussen_casus_leefgebieden cl ON cl.casus_id = e.casus_id
            WHERE e.uitkomst <> '' AND e.maand IN (6, 12)
            ON CONFLICT DO NOTHING
            """
        )

    def _patronen(self, gebruikers):
        nu = timezone.now()
        groepen = list(Knelpuntgroep.objects.filter(signaal_sinds__isnull=False).order_by("-aantal_casussen")[:10])
        for i, groep in enumerate(groepen):
            patroon = Patroon.objects.create(
                titel=f"Patroon {i + 1}: {groep.regel or Knelpunt.Soort(groep.soort).label}",
                beschrijving="Een knelpunt dat in veel casussen terugkomt.",
                eigenaar=gebruikers[roles.BELEID],
                fase=list(Patroon.Fase.values)[i % 5],
                fase_sinds=nu,
                aangemaakt_door=gebruikers[roles.BELEID],
                besluit="Besloten: de werkwijze wordt aangepast." if i % 5 >= 3 else "",
            )
            patroon.knelpunten.add(*Knelpunt.objects.filter(indeling__groep=groep)[:200])

    def maandcijfers(self):
        """The monthly figures as production keeps them (nightly and every five minutes): built
        when missing, brought up to date when seeding marked months."""
        from rapportage.models import Maandcijfers
        from rapportage.services import maandcijfers

        begin = time.perf_counter()
        if not Maandcijfers.objects.exists():
            aantal = maandcijfers.opbouwen()
            self.stdout.write(f"Maandcijfers ontbraken: {aantal} maanden opgebouwd in {time.perf_counter() - begin:.1f} s.")
        elif maandcijfers.ontbrekend():
            aantal = maandcijfers.bijwerken()
            self.stdout.write(f"Maandcijfers bijgewerkt: {aantal} maanden in {time.perf_counter() - begin:.1f} s.")

    # --- Measuring -------------------------------------------------------------------------

    def _perioden(self):
        vandaag = timezone.localdate()
        eerste = Casus.objects.order_by("datum_signaal").values_list("datum_signaal", flat=True).first() or vandaag
        return [
            ("dit kwartaal", kwartaal(vandaag)[0], vandaag),
            # The dashboard's default period.
            ("laatste 12 maanden", *laatste_12_maanden(vandaag)),
            ("alles", eerste, vandaag),
        ]

    def meet_dashboard(self, requests, warmup):
        from rapportage.queries.cijfers import cijfers, kerngetallen

        self.stdout.write("\nDashboard (doel: p50 ≤ 150 ms, p95 ≤ 300 ms, ≤ 17 queries)")
        self.stdout.write(f"{'meting':<42} {'p50':>8} {'p95':>8} {'SQL p50':>8} {'queries':>8}")
        for label, van, tot in self._perioden():
            tijden = []
            for i in range(warmup + requests):
                begin = time.perf_counter()
                cijfers(van, tot)
                if i >= warmup:
                    tijden.append(time.perf_counter() - begin)
            self._regel(f"cijfers() {label}", tijden, tijden, 3)
            tijden = []
            for i in range(warmup + requests):
                begin = time.perf_counter()
                kerngetallen(van, tot)
                if i >= warmup:
                    tijden.append(time.perf_counter() - begin)
            self._regel(f"kerngetallen() {label}", tijden, tijden, 3)
            for gebruiker in (OMO_GEBRUIKER, BELEID_GEBRUIKER):
                client = Client()
                client.force_login(User.objects.get(username=gebruiker))
                url = reverse("rapportage_dashboard") + f"?van={van.isoformat()}&tot={tot.isoformat()}"
                tijden, sql, aantal = [], [], 0
                for i in range(warmup + requests):
                    with CaptureQueriesContext(connection) as ctx:
                        begin = time.perf_counter()
                        antwoord = client.get(url)
                        duur = time.perf_counter() - begin
                    if antwoord.status_code != 200:
                        raise CommandError(f"{url} gaf {antwoord.status_code}")
                    if i >= warmup:
                        tijden.append(duur)
                        sql.append(sum(float(q["time"]) for q in ctx.captured_queries))
                        aantal = len(ctx.captured_queries)
                self._regel(f"dashboard {label} ({gebruiker})", tijden, sql, aantal)

    def _regel(self, label, tijden, sql, aantal):
        self.stdout.write(
            f"{label:<42} {statistics.median(tijden) * 1000:>6.0f}ms {percentiel(tijden, 95) * 1000:>6.0f}ms "
            f"{statistics.median(sql) * 1000:>6.0f}ms {aantal:>8}"
        )

    def meet_rapport(self, renders):
        from rapportage.services import rapporten

        vandaag = timezone.localdate()
        van, tot = vorig_kwartaal(vandaag)
        rapport = Rapport.objects.filter(soort=Rapport.Soort.KWARTAAL, van=van, tot=tot).order_by("-versie").first()
        if rapport is None:
            rapporten.maak_kwartaalconcept(vandaag=vandaag)
            rapport = Rapport.objects.get(soort=Rapport.Soort.KWARTAAL, van=van, tot=tot, versie=1)
        self.stdout.write(
            f"\nKwartaalrapportage {van:%d-%m-%Y} t/m {tot:%d-%m-%Y} renderen, telkens in een nieuw proces "
            "(doel: p50 ≤ 3 s, ≤ 300 MB)"
        )
        # A fresh interpreter each time ("spawn", not "fork": a fork of a process with threads,
        # such as a test run, can deadlock); it imports Django and renders, as a worker would.
        context = multiprocessing.get_context("spawn")
        database = connection.settings_dict["NAME"]
        for publiek in (False, True):
            uitkomsten = []
            for _ in range(renders):
                ontvanger, zender = context.Pipe(duplex=False)
                proces = context.Process(target=render_in_kind, args=(database, rapport.pk, publiek, zender))
                proces.start()
                # A child that dies sends nothing: wait a bounded time, never forever.
                if not ontvanger.poll(300):
                    proces.kill()
                    raise CommandError(f"Renderen gaf geen antwoord (exitcode {proces.exitcode}).")
                uitkomsten.append(ontvanger.recv())
                proces.join()
            tijden = [u[0] for u in uitkomsten]
            geheugen = max(u[1] for u in uitkomsten)
            self.stdout.write(
                f"{'publieksversie' if publiek else 'versie voor het College':<26} p50 {statistics.median(tijden):.2f} s, "
                f"p95 {percentiel(tijden, 95):.2f} s, piekgeheugen {geheugen:.0f} MB, "
                f"{uitkomsten[0][2]} pagina's, {uitkomsten[0][3] / 1024:.0f} kB"
            )
