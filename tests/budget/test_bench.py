"""The budget benchmark on a tiny ledger: it seeds through the triggers, measures every page,
lets budget holders approve at the same time (threads: committed data needed), and leaves a
ledger that `ledger_check` accepts. A second run adds nothing and still measures."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from budget.management.commands.bench_budget import AANVULLING
from budget.management.commands.ledger_check import controleer
from budget.models import Aanvraag, Boeking, Saldo, Transactie

pytestmark = pytest.mark.django_db(transaction=True)

ARGS = ["--postings", "2000", "--aanvragen", "40", "--beslissers", "4", "--requests", "2", "--warmup", "1"]


def draai(*extra):
    out = StringIO()
    call_command("bench_budget", *ARGS, *extra, stdout=out)
    return out.getvalue()


def geseed():
    """The seeded postings (not the allocation the approvals add, nor the reservations)."""
    return Boeking.objects.filter(transactie__aanvraag__isnull=True).exclude(
        transactie__omschrijving=AANVULLING).count()


def test_bench_budget_vult_meet_en_keurt_goed():
    uitvoer = draai()

    # Seeded through the triggers: balanced pairs, the balance rows kept by the database.
    assert "Vullen klaar: 2000 boekingen" in uitvoer
    assert geseed() == 2000
    assert not Saldo.objects.filter(intern=True, saldo__lt=0).exists()
    seed_toewijzingen = Transactie.objects.filter(soort="toewijzing").exclude(omschrijving=AANVULLING)
    assert seed_toewijzingen.count() == 25  # 5 funds × 5 years

    # Every page measured, none failed, with a query count.
    for pagina in ("Fondsen, stand nu", "Boekingen fonds, p. 1", "Boekingen fonds, p. 100", "Transacties, p. 1"):
        regel = next(r for r in uitvoer.splitlines() if r.startswith(pagina))
        assert re.match(rf"{re.escape(pagina)}\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+$", regel), regel
    assert "fout:" not in uitvoer
    assert "Queryplannen van de boekingenlijst" in uitvoer
    assert re.search(r"p\. 1, rijen: [\d.]+ ms", uitvoer)

    # All 40 approved by 4 budget holders at the same time; the ledger checks out.
    assert re.search(r"Goedkeuringen na elkaar: [\d.]+ per seconde met 1 budgethouder \(4 goedgekeurd", uitvoer)
    assert re.search(r"Goedkeuringen: [\d.]+ per seconde met 4 budgethouders tegelijk "
                     r"\(36 goedgekeurd, 0 geweigerd, 0 fouten", uitvoer), uitvoer
    assert Aanvraag.objects.filter(status=Aanvraag.Status.GOEDGEKEURD).count() == 40
    assert "ledger_check: het grootboek klopt" in uitvoer
    assert controleer() == []

    # Idempotent: a second run adds no postings, and approves the new requests.
    uitvoer = draai("--aanvragen", "8")
    assert "niets toegevoegd" in uitvoer
    assert geseed() == 2000
    assert Aanvraag.objects.filter(status=Aanvraag.Status.GOEDGEKEURD).count() == 48
    assert controleer() == []
