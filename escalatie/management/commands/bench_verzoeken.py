"""Benchmark of the deadline scan of the verzoeken (DESIGN §7, issue 4 "Speed").

Seeds `--aantal` open verzoeken (default 100,000) with plain SQL (INSERT … SELECT FROM
generate_series, audit triggers on), of which 1 % are due: half of those have their deadline
today (a reminder is due), half have passed it (an escalation is due). Then it prints the
EXPLAIN (ANALYZE, BUFFERS) plans of both claim queries — run in a transaction that is rolled
back, so they change nothing — and times `bewaak_termijnen` twice: once with the due rows, once
with nothing left to do. Both plans must use a partial index and read only the due rows.

Run it with `make bench` (a separate database, `omo_bench`): the command refuses any database
whose name does not contain "bench" (or a test database).
"""

import time
from datetime import datetime, timedelta
from datetime import time as dtime

import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from casussen.models import Organisatie
from escalatie.models import Contactpersoon
from escalatie.services import verzoek as services
from omo.models import User
from omo.werkdagen import AMSTERDAM

KENMERK = "BENCH-"
GEBRUIKER = "bench-verzoeken"
INDEXEN = ("verzoek_te_herinneren_idx", "verzoek_open_deadline_idx")


class Command(BaseCommand):
    help = "Benchmark van de termijnbewaking van verzoeken (alleen voor een aparte benchmarkdatabase)."

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=100_000, help="Aantal open verzoeken (standaard 100000).")
        parser.add_argument("--te-doen", type=float, default=1.0, help="Percentage dat aan de beurt is (standaard 1).")

    def handle(self, *args, **opts):
        naam = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in naam and not naam.startswith("test"):
            raise CommandError(
                f"bench_verzoeken vult alleen een aparte benchmarkdatabase (de naam bevat 'bench'), niet '{naam}'. "
                "Gebruik `make bench`."
            )
        now = timezone.now()
        aantal, te_doen = opts["aantal"], max(2, round(opts["aantal"] * opts["te_doen"] / 100))
        begin = time.perf_counter()
        self.seed(aantal, te_doen, now)
        self.stdout.write(f"Gevuld: {aantal} open verzoeken, waarvan {te_doen} aan de beurt "
                          f"({te_doen // 2} herinneringen, {te_doen - te_doen // 2} escalaties) "
                          f"in {time.perf_counter() - begin:.1f} s")
        gebruikt = self.plannen(now)
        for ronde, omschrijving in ((1, "met de verzoeken die aan de beurt zijn"), (2, "opnieuw, niets meer te doen")):
            begin = time.perf_counter()
            verwerkt = services.bewaak_termijnen(now=now)
            ms = (time.perf_counter() - begin) * 1000
            self.stdout.write(f"bewaak_termijnen ronde {ronde} ({omschrijving}): {verwerkt} verwerkt in {ms:.0f} ms")
        for index in INDEXEN:
            self.stdout.write(f"Index {index} gebruikt: {'ja' if index in gebruikt else 'NEE'}")

    def seed(self, aantal: int, te_doen: int, now: datetime) -> None:
        """Replace the benchmark's verzoeken by a fresh set (a run changes the due ones)."""
        vandaag = timezone.localtime(now, AMSTERDAM).date()
        eind_vandaag = datetime.combine(vandaag, dtime.max, tzinfo=AMSTERDAM)
        gisteren = eind_vandaag - timedelta(days=1)
        # In an audit context, as bench_casussen: the audit triggers then find their settings
        # instead of catching an error (a subtransaction) for every row.
        with transaction.atomic(), pghistory.context(commando="bench_verzoeken"):
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', true)")
            gebruiker = User.objects.get_or_create(username=GEBRUIKER, defaults={"email": f"{GEBRUIKER}@example.org"})[0]
            organisatie = Organisatie.objects.get_or_create(naam="Benchcorporatie", defaults={"soort": "lokaal"})[0]
            baas = Contactpersoon.objects.get_or_create(
                organisatie=organisatie, naam="Bench Baas",
                defaults={"rol": "Directeur", "mandaat": "Alles", "email": "baas@bench.example.org"},
            )[0]
            contact = Contactpersoon.objects.get_or_create(
                organisatie=organisatie, naam="Bench Contact",
                defaults={"rol": "Teamleider", "mandaat": "Uitstel", "email": "contact@bench.example.org",
                          "escalatiecontact": baas},
            )[0]
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM omo_bericht WHERE sleutel LIKE 'verzoek-%%' AND sleutel IN ("
                               "SELECT 'verzoek-' || id || '-' || s FROM escalatie_verzoek, "
                               "unnest(ARRAY['herinnering','escalatie']) s WHERE kenmerk LIKE %s)", [KENMERK + "%"])
                cursor.execute("DELETE FROM omo_notificatie WHERE sleutel IN (SELECT 'verzoek-' || id || '-verlopen' "
                               "FROM escalatie_verzoek WHERE kenmerk LIKE %s)", [KENMERK + "%"])
                cursor.execute("DELETE FROM escalatie_verzoek WHERE kenmerk LIKE %s", [KENMERK + "%"])
                # Row i: the first te_doen/2 are due for a reminder (deadline tonight), the next
                # ones up to te_doen have passed their deadline; the rest is due in 1..20 days.
                cursor.execute(
                    """
                    INSERT INTO escalatie_verzoek (soort, contactpersoon_id, kenmerk, afzender, onderwerp, vraag,
                        ontvangen_op, termijn_werkdagen, deadline, status, opgepakt_door, antwoord,
                        aangemaakt_door_id, aangemaakt_op, link_sleutel)
                    SELECT 'landelijk', %(contact)s, %(kenmerk)s || i, 'Landelijk Maatwerkregister',
                        'Benchverzoek ' || i, 'Kan dit binnen de termijn worden opgepakt?',
                        d - interval '2 days', 2, d, 'open', '', '', %(gebruiker)s, now(), md5(i::text)
                    FROM generate_series(1, %(aantal)s) AS i,
                    LATERAL (SELECT CASE
                        WHEN i <= %(herinneren)s THEN %(eind_vandaag)s::timestamptz
                        WHEN i <= %(te_doen)s THEN %(gisteren)s::timestamptz - (i %% 5) * interval '1 day'
                        ELSE %(eind_vandaag)s::timestamptz + (1 + i %% 20) * interval '1 day'
                    END AS d) AS deadline
                    """,
                    {"contact": contact.pk, "kenmerk": KENMERK, "gebruiker": gebruiker.pk, "aantal": aantal,
                     "herinneren": te_doen // 2, "te_doen": te_doen, "eind_vandaag": eind_vandaag, "gisteren": gisteren},
                )
        with connection.cursor() as cursor:
            # VACUUM: no dead rows of an earlier run in the plans (not possible inside a transaction,
            # as in a test; ANALYZE then).
            cursor.execute("ANALYZE escalatie_verzoek" if connection.in_atomic_block else "VACUUM (ANALYZE) escalatie_verzoek")

    def plannen(self, now: datetime) -> str:
        """EXPLAIN (ANALYZE, BUFFERS) of both claim queries, rolled back. Returns the plans."""
        params = services.scan_parameters(now)
        tekst = []
        for titel, sql in (("herinneringen", services.CLAIM_HERINNERING), ("escalaties", services.CLAIM_ESCALATIE)):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    plan = "\n".join(r[0] for r in cursor.fetchall())
                transaction.set_rollback(True)
            self.stdout.write(f"\nQueryplan claim {titel}:\n{plan}\n")
            tekst.append(plan)
        return "\n".join(tekst)
