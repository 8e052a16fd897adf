"""Verify every invariant of the ledger; exit non-zero with a list of what is wrong.

    python manage.py ledger_check

Checked in SQL over all rows (so it scales with the ledger, not with Python):
1. every transaction has at least two postings and its postings sum to zero;
2. every posting amount is positive and its side is D or C;
3. every balance row equals the sum of its account's postings, and every account with
   postings has one; every year row equals that year's debit and credit totals;
4. no internal account (beschikbaar, gereserveerd, besteed, uitstaand) is below zero;
5. every request's running figures (reserved, outstanding, paid, repaid, forgiven) equal its
   postings and transactions;
6. the database triggers that guard the ledger are installed and enabled.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

CHECKS = [
    (
        "transactie niet in evenwicht of met minder dan twee boekingen",
        """SELECT t.id FROM budget_transactie t LEFT JOIN budget_boeking b ON b.transactie_id = t.id
           GROUP BY t.id
           HAVING count(b.id) < 2 OR coalesce(sum(CASE WHEN b.kant = 'D' THEN b.bedrag ELSE -b.bedrag END), 0) <> 0""",
    ),
    (
        "boeking met een ander boekjaar dan haar transactie",
        """SELECT b.id FROM budget_boeking b JOIN budget_transactie t ON t.id = b.transactie_id
           WHERE b.boekjaar <> t.boekjaar""",
    ),
    (
        "boeking met een bedrag van nul of minder, of een onbekende kant",
        "SELECT id FROM budget_boeking WHERE bedrag <= 0 OR kant NOT IN ('D', 'C')",
    ),
    (
        "saldo wijkt af van de som van de boekingen",
        """SELECT r.id FROM budget_rekening r
           LEFT JOIN budget_saldo s ON s.rekening_id = r.id
           LEFT JOIN (SELECT rekening_id, sum(CASE WHEN kant = 'D' THEN bedrag ELSE -bedrag END) AS som
                        FROM budget_boeking GROUP BY rekening_id) b ON b.rekening_id = r.id
           WHERE coalesce(s.saldo, 0) <> coalesce(b.som, 0) OR (b.som IS NOT NULL AND s.rekening_id IS NULL)""",
    ),
    (
        "jaarsaldo wijkt af van de boekingen van dat jaar",
        """SELECT coalesce(j.rekening_id, b.rekening_id) FROM budget_jaarsaldo j
           FULL JOIN (SELECT b.rekening_id, t.boekjaar,
                             sum(CASE WHEN b.kant = 'D' THEN b.bedrag ELSE 0 END) AS debet,
                             sum(CASE WHEN b.kant = 'C' THEN b.bedrag ELSE 0 END) AS credit
                        FROM budget_boeking b JOIN budget_transactie t ON t.id = b.transactie_id
                       GROUP BY b.rekening_id, t.boekjaar) b
             ON b.rekening_id = j.rekening_id AND b.boekjaar = j.jaar
           WHERE coalesce(j.debet, 0) <> coalesce(b.debet, 0) OR coalesce(j.credit, 0) <> coalesce(b.credit, 0)""",
    ),
    (
        "interne rekening onder nul",
        """SELECT s.rekening_id FROM budget_saldo s JOIN budget_rekening r ON r.id = s.rekening_id
           WHERE r.soort IN ('beschikbaar', 'gereserveerd', 'besteed', 'uitstaand') AND (s.saldo < 0 OR NOT s.intern)""",
    ),
    (
        "aanvraag: gereserveerd of uitstaand wijkt af van de boekingen",
        """SELECT a.id FROM budget_aanvraag a
           LEFT JOIN (SELECT t.aanvraag_id,
                             sum(CASE WHEN r.soort = 'gereserveerd' THEN
                                 CASE WHEN b.kant = 'D' THEN b.bedrag ELSE -b.bedrag END ELSE 0 END) AS gereserveerd,
                             sum(CASE WHEN r.soort = 'uitstaand' THEN
                                 CASE WHEN b.kant = 'D' THEN b.bedrag ELSE -b.bedrag END ELSE 0 END) AS uitstaand
                        FROM budget_boeking b
                        JOIN budget_transactie t ON t.id = b.transactie_id
                        JOIN budget_rekening r ON r.id = b.rekening_id
                       WHERE t.aanvraag_id IS NOT NULL
                       GROUP BY t.aanvraag_id) p ON p.aanvraag_id = a.id
           WHERE a.gereserveerd <> coalesce(p.gereserveerd, 0) OR a.uitstaand <> coalesce(p.uitstaand, 0)""",
    ),
    (
        "aanvraag: betaald, terugbetaald of kwijtgescholden wijkt af van de transacties",
        """SELECT a.id FROM budget_aanvraag a
           LEFT JOIN (SELECT t.aanvraag_id,
                             sum(CASE WHEN coalesce(o.soort, t.soort) IN ('betaling', 'uitlening')
                                 THEN b.bedrag * CASE WHEN o.id IS NULL THEN 1 ELSE -1 END ELSE 0 END) AS betaald,
                             sum(CASE WHEN coalesce(o.soort, t.soort) IN ('aflossing', 'verhaal')
                                 THEN b.bedrag * CASE WHEN o.id IS NULL THEN 1 ELSE -1 END ELSE 0 END) AS afgelost,
                             sum(CASE WHEN coalesce(o.soort, t.soort) = 'kwijtschelding'
                                 THEN b.bedrag * CASE WHEN o.id IS NULL THEN 1 ELSE -1 END ELSE 0 END) AS kwijtgescholden
                        FROM budget_transactie t
                        LEFT JOIN budget_transactie o ON o.id = t.tegenboeking_van_id
                        JOIN (SELECT transactie_id, sum(bedrag) AS bedrag FROM budget_boeking
                               WHERE kant = 'D' GROUP BY transactie_id) b ON b.transactie_id = t.id
                       WHERE t.aanvraag_id IS NOT NULL
                       GROUP BY t.aanvraag_id) p ON p.aanvraag_id = a.id
           WHERE a.betaald <> coalesce(p.betaald, 0) OR a.afgelost <> coalesce(p.afgelost, 0)
              OR a.kwijtgescholden <> coalesce(p.kwijtgescholden, 0)""",
    ),
]

TRIGGERS = {
    "boeking_in_evenwicht": "budget_boeking",
    "transactie_in_evenwicht": "budget_transactie",
    "boeking_werkt_saldi_bij": "budget_boeking",
    "saldo_alleen_via_boekingen": "budget_saldo",
    "jaarsaldo_alleen_via_boekingen": "budget_jaarsaldo",
}
PROTECT = {"boeking_alleen_toevoegen": "budget_boeking", "transactie_alleen_toevoegen": "budget_transactie"}


def controleer() -> list[str]:
    fouten = []
    with connection.cursor() as cur:
        for omschrijving, sql in CHECKS:
            cur.execute(f"SELECT * FROM ({sql}) x LIMIT 20")
            ids = [str(r[0]) for r in cur.fetchall()]
            if ids:
                fouten.append(f"{omschrijving}: {', '.join(ids)}")
        cur.execute(
            """SELECT t.tgname, c.relname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
               WHERE c.relname LIKE 'budget_%%' AND NOT t.tgisinternal"""
        )
        aanwezig = {(naam, tabel): status for naam, tabel, status in cur.fetchall()}
    for naam, tabel in TRIGGERS.items():
        if aanwezig.get((naam, tabel)) != "O":
            fouten.append(f"trigger {naam} op {tabel} ontbreekt of staat uit")
    for naam, tabel in PROTECT.items():
        if not any(t == tabel and naam in n and s == "O" for (n, t), s in aanwezig.items()):
            fouten.append(f"trigger {naam} op {tabel} ontbreekt of staat uit")
    return fouten


class Command(BaseCommand):
    help = "Controleer het grootboek: evenwicht, saldi, jaarsaldi, aanvragen en de bewakende triggers."

    def handle(self, *args, **options):
        fouten = controleer()
        if fouten:
            raise CommandError("Het grootboek klopt niet:\n- " + "\n- ".join(fouten))
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Het grootboek klopt: alle controles geslaagd."))
