"""`manage.py bench_rapportage` on a small data set: it seeds escalations, knelpunten with their
groups and signals, scores and patterns consistently, measures the dashboard for every period
and role within the query budget, and renders the quarterly report in a child process (timings
are not tested; committed data is needed for the child, hence a transactional test)."""

import io
import re

import pytest
from django.core.management import call_command

from casussen.models import Knelpunt, Zelfredzaamheid
from escalatie.models import Escalatie
from rapportage.models import Knelpuntgroep, KnelpuntIndeling, Patroon, Rapport
from tests.referentiedata import herlaad_referentiedata

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def referentiedata():
    """The reference data of the seed migration (a transactional test flushes it afterwards)."""
    herlaad_referentiedata()


def test_bench_rapportage_seeds_and_measures(referentiedata):
    call_command("bench_casussen", cases=1500, skip_measure=True, stdout=io.StringIO())
    uitvoer = io.StringIO()
    call_command("bench_rapportage", requests=2, warmup=1, renders=1, stdout=uitvoer)
    tekst = uitvoer.getvalue()

    assert Escalatie.objects.filter(vraag__startswith="Bench:").count() > 20
    knelpunten = Knelpunt.objects.filter(beschrijving__startswith="Bench:")
    assert knelpunten.count() > 300
    # Every knelpunt is in a group; the groups' counts are the distinct cases of their members.
    assert KnelpuntIndeling.objects.count() == Knelpunt.objects.count()
    for groep in Knelpuntgroep.objects.order_by("-aantal_casussen")[:5]:
        assert groep.aantal_casussen == groep.leden.values("knelpunt__casus").distinct().count()
        assert (groep.signaal_sinds is not None) == (groep.aantal_casussen >= 3)
    assert Zelfredzaamheid.objects.filter(evaluatie__isnull=True).exists()
    assert Zelfredzaamheid.objects.filter(evaluatie__isnull=False).exists()
    assert set(Patroon.objects.values_list("fase", flat=True)) == set(Patroon.Fase.values)

    for periode in ("dit kwartaal", "laatste 12 maanden", "alles"):
        assert re.search(rf"cijfers\(\) {periode}\s+\d+ms\s+\d+ms", tekst), tekst
        for wie in ("bench-omo", "bench-beleid"):
            regel = next(r for r in tekst.splitlines() if r.startswith(f"dashboard {periode} ({wie})"))
            queries = int(regel.split()[-1])
            assert 0 < queries <= 17, regel
    assert re.search(r"versie voor het College\s+p50 [\d.]+ s, p95 [\d.]+ s, piekgeheugen \d+ MB, \d+ pagina's", tekst), tekst
    assert re.search(r"publieksversie\s+p50 [\d.]+ s", tekst)
    assert Rapport.objects.filter(soort="kwartaal").count() == 1

    # A second run seeds nothing new and still measures.
    aantal = Knelpunt.objects.count()
    call_command("bench_rapportage", requests=1, warmup=0, renders=1, stdout=io.StringIO())
    assert Knelpunt.objects.count() == aantal
