"""`manage.py bench_casussen`: the seeding makes consistent cases (timings are not tested)."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min

from casussen.models import Besluit, Canvas, Casus, Kostenregel, Scenario, Status, TijdlijnEvent
from omo.models import Team, User
from omo.roles import roles_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def geseed():
    uitvoer = io.StringIO()
    call_command("bench_casussen", cases=50, skip_measure=True, stdout=uitvoer)
    return uitvoer.getvalue()


def test_seeds_cases_with_consistent_relations(geseed):
    casussen = Casus.objects.all()
    assert casussen.count() == 50
    codes = list(casussen.values_list("code", flat=True))
    assert len(set(codes)) == 50
    assert all(re.fullmatch(r"OMO-\d{4}-\d{4}", code) for code in codes)
    assert not casussen.annotate(n=Count("leefgebieden")).filter(n=0).exists()
    assert not casussen.annotate(n=Count("leefgebieden")).filter(n__gt=3).exists()
    assert Canvas.objects.count() == 50
    assert len(set(casussen.values_list("status", flat=True))) >= 3
    assert not casussen.filter(zoekvector__isnull=True).exists()
    # Every case belongs to a consulent of one of the 20 teams, and is in that team.
    assert Team.objects.filter(naam__startswith="Benchteam ").count() == 20
    consulenten = User.objects.filter(username__startswith="bench-consulent-")
    assert consulenten.count() == 300
    assert all("consulent" in roles_of(u) for u in consulenten[:5])
    for casus in casussen.select_related("casushouder"):
        assert casus.casushouder.username.startswith("bench-consulent-")
        assert casus.team_id == casus.casushouder.team_id


def test_every_case_has_a_timeline_that_ends_in_its_status(geseed):
    aantallen = TijdlijnEvent.objects.values("casus").annotate(n=Count("pk")).aggregate(Min("n"), Max("n"))
    assert 3 <= aantallen["n__min"] <= aantallen["n__max"] <= 6
    assert TijdlijnEvent.objects.values("casus").distinct().count() == 50
    for casus in Casus.objects.all():
        status = list(
            TijdlijnEvent.objects.filter(casus=casus, soort="status").order_by("tijdstip", "pk")
        )
        assert status[0].naar_status == Status.AANGEMELD
        assert status[-1].naar_status == casus.status
        assert status[-1].tijdstip == casus.status_sinds
        assert status[0].tijdstip == casus.aangemaakt_op
        for vorige, volgende in zip(status, status[1:], strict=False):
            assert volgende.van_status == vorige.naar_status
            assert volgende.tijdstip >= vorige.tijdstip


def test_scenarios_have_cost_lines_and_decided_cases_one_choice(geseed):
    for scenario in Scenario.objects.annotate(n=Count("kostenregels")):
        assert 3 <= scenario.n <= 6
    assert not Kostenregel.objects.filter(kans__gt=100).exists()
    assert not Scenario.objects.filter(gekozen=True).values("casus").annotate(n=Count("pk")).filter(n__gt=1).exists()
    for scenario in Scenario.objects.filter(gekozen=True):
        assert Besluit.objects.filter(casus=scenario.casus, scenario=scenario, uitkomst="akkoord").exists()


def test_a_second_run_adds_nothing(geseed):
    aantal = (Casus.objects.count(), TijdlijnEvent.objects.count(), User.objects.count())
    uitvoer = io.StringIO()
    call_command("bench_casussen", cases=50, skip_measure=True, stdout=uitvoer)
    assert (Casus.objects.count(), TijdlijnEvent.objects.count(), User.objects.count()) == aantal
    assert "niets toegevoegd" in uitvoer.getvalue()


def test_refuses_to_seed_a_database_that_is_not_for_benchmarks(settings, monkeypatch):
    monkeypatch.setitem(settings.DATABASES["default"], "NAME", "omo")
    with pytest.raises(CommandError, match="benchmarkdatabase"):
        call_command("bench_casussen", cases=5, skip_measure=True, stdout=io.StringIO())
    assert not Casus.objects.exists()


def test_measures_every_page(geseed):
    uitvoer = io.StringIO()
    call_command("bench_casussen", skip_seed=True, requests=2, warmup=1, stdout=uitvoer)
    tekst = uitvoer.getvalue()
    for pagina in ("Lijst, ongefilterd (omo)", "Lijst, gefilterd (omo)", "Detailpagina (omo)",
                   "Zoeken 'schulden' (omo)", "Lijst, ongefilterd (consulent)"):
        regel = next(r for r in tekst.splitlines() if r.startswith(pagina))
        assert "fout" not in regel and "p50" in regel
