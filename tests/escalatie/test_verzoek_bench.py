"""`manage.py bench_verzoeken` with a small number: it seeds open verzoeken of which 1 % are
due, the scan handles exactly those, and the printed plans use the partial indexes."""

import io

import pytest
from django.core.management import CommandError, call_command

from escalatie.models import Verzoek
from omo.models import Bericht

pytestmark = pytest.mark.django_db


def test_bench_seeds_scans_the_due_ones_and_shows_the_partial_indexes():
    uitvoer = io.StringIO()
    call_command("bench_verzoeken", aantal=2000, stdout=uitvoer)
    tekst = uitvoer.getvalue()
    assert Verzoek.objects.filter(kenmerk__startswith="BENCH-").count() == 2000
    # 1 % due: 10 reminders today and 10 passed deadlines, handled in the first round only.
    assert "bewaak_termijnen ronde 1 (met de verzoeken die aan de beurt zijn): 20 verwerkt" in tekst
    assert "bewaak_termijnen ronde 2 (opnieuw, niets meer te doen): 0 verwerkt" in tekst
    assert Verzoek.objects.filter(status="verlopen").count() == 10
    assert Verzoek.objects.filter(herinnerd_op__isnull=False).count() == 10
    assert Bericht.objects.filter(sleutel__endswith="-herinnering").count() == 10
    assert "Index verzoek_te_herinneren_idx gebruikt: ja" in tekst
    assert "Index verzoek_open_deadline_idx gebruikt: ja" in tekst
    assert "Buffers" in tekst and "actual time" in tekst
    # A second run starts again from a fresh set.
    call_command("bench_verzoeken", aantal=2000, stdout=io.StringIO())
    assert Verzoek.objects.filter(kenmerk__startswith="BENCH-").count() == 2000


def test_bench_refuses_a_database_that_is_not_for_benchmarks(settings, monkeypatch):
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", "omo")
    with pytest.raises(CommandError, match="benchmarkdatabase"):
        call_command("bench_verzoeken", aantal=10, stdout=io.StringIO())
    assert not Verzoek.objects.exists()
