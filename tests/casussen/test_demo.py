"""`manage.py demo_data` also loads the demo cases: every status, a realistic history, and
the material a new user needs to walk the whole journey."""

import io
import re

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events

from casussen.models import (
    Besluit,
    Canvas,
    Casus,
    Evaluatie,
    Knelpunt,
    Kostenregel,
    Scenario,
    Status,
    TijdlijnEvent,
    Zelfredzaamheid,
)
from casussen.queries import zichtbare_casussen
from casussen.queries.casus import inspiratie
from omo.models import Notificatie, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def test_cases_cover_every_status_with_canvas_scenarios_and_plans(demo):
    casussen = Casus.objects.all()
    assert casussen.count() >= 10
    assert set(casussen.values_list("status", flat=True)) == set(Status.values)
    assert all(re.fullmatch(r"OMO-\d{4}-\d{4}", c) for c in casussen.values_list("code", flat=True))
    assert Canvas.objects.count() >= 8
    met_twee = Casus.objects.annotate(n=Count("scenarios")).filter(n__gte=2)
    assert met_twee.count() >= 2
    for casus in met_twee:
        situaties = set(Kostenregel.objects.filter(scenario__casus=casus).values_list("situatie", flat=True))
        assert situaties == {"huidig", "dreigend", "doorbraak"}
    assert Kostenregel.objects.filter(prijslijstitem__isnull=False).exists()
    assert Kostenregel.objects.filter(prijslijstitem__isnull=True).exists()
    # Evaluations recorded with scores, and the intake scores they are compared with.
    vastgelegd = Evaluatie.objects.exclude(uitkomst="")
    assert vastgelegd.count() >= 3
    assert Zelfredzaamheid.objects.filter(evaluatie__in=vastgelegd).exists()
    assert Zelfredzaamheid.objects.filter(evaluatie__isnull=True).count() >= 10


def test_decisions_plans_and_closed_cases_are_complete(demo):
    for casus in Casus.objects.filter(
        status__in=[Status.BESLOTEN, Status.IN_UITVOERING, Status.MONITORING, Status.AFGESLOTEN]
    ):
        besluit = Besluit.objects.get(casus=casus)
        assert besluit.motivatie
        assert besluit.uitkomst == Besluit.Uitkomst.AKKOORD
        assert Scenario.objects.get(casus=casus, gekozen=True) == besluit.scenario
        if casus.status != Status.BESLOTEN:
            assert casus.plan.acties.exists()
            assert casus.plan.evaluaties.exists()
    afgesloten = Casus.objects.filter(status=Status.AFGESLOTEN)
    assert afgesloten.exists()
    for casus in afgesloten:
        assert casus.uitkomst and casus.samenvatting_oplossing and casus.afgesloten_op
        assert casus.code not in casus.samenvatting_oplossing
        assert casus.pseudoniem not in casus.samenvatting_oplossing


def test_one_knelpunt_is_shared_by_three_cases(demo):
    groepen = (
        Knelpunt.objects.values("soort", "organisatie", "grondslag")
        .annotate(casussen=Count("casus", distinct=True))
        .filter(casussen__gte=3)
    )
    assert groepen.count() >= 1


def test_timeline_is_a_realistic_history(demo):
    nu = timezone.now()
    for casus in Casus.objects.all():
        events = list(TijdlijnEvent.objects.filter(casus=casus).order_by("tijdstip", "pk"))
        statusevents = [e for e in events if e.soort == TijdlijnEvent.Soort.STATUS]
        assert statusevents[0].naar_status == Status.AANGEMELD
        assert statusevents[-1].naar_status == casus.status
        assert statusevents[-1].tijdstip == casus.status_sinds
        for vorige, volgende in zip(statusevents, statusevents[1:], strict=False):
            assert volgende.van_status == vorige.naar_status
        assert all(e.tijdstip < nu for e in events)
        assert casus.aangemaakt_op == statusevents[0].tijdstip
    # The history spans months, not the seconds the command took.
    oudste = TijdlijnEvent.objects.order_by("tijdstip").first().tijdstip
    assert (nu - oudste).days > 120


def test_the_demo_consulent_sees_most_cases_and_one_evaluation_is_due(demo):
    consulent = User.objects.get(username="consulent")
    zichtbaar = zichtbare_casussen(consulent)
    assert zichtbaar.count() >= 8
    # A case of a consulent of another team is shared with the demo consulent.
    assert zichtbaar.exclude(casushouder=consulent).filter(medebehandelaars=consulent).exists()
    noord = User.objects.get(username="consulent-noord")
    assert noord.team != consulent.team
    coach = User.objects.get(username="coach")
    assert not zichtbare_casussen(coach).filter(team=noord.team, medebehandelaars=None).exists()
    assert Evaluatie.objects.filter(casus__casushouder=consulent, gepland_op=timezone.localdate(), uitkomst="").exists()
    assert Notificatie.objects.filter(gebruiker=consulent, sleutel__startswith="evaluatie:").exists()


def test_second_run_adds_nothing(demo):
    def tellen():
        return (
            Casus.objects.count(), TijdlijnEvent.objects.count(), Scenario.objects.count(),
            Kostenregel.objects.count(), Knelpunt.objects.count(), Notificatie.objects.count(),
            User.objects.count(), Events.objects.count(),
        )

    voor = tellen()
    uitvoer = io.StringIO()
    call_command("demo_data", stdout=uitvoer)
    assert tellen() == voor
    assert "niets gewijzigd" in uitvoer.getvalue()


def test_the_consulent_can_open_every_tab_of_her_demo_cases(demo, client):
    consulent = User.objects.get(username="consulent")
    client.force_login(consulent)
    assert client.get(reverse("casus_lijst")).status_code == 200
    tabs = ("casus_detail", "tijdlijn", "canvas", "scenario_lijst", "scenario_vergelijken", "plan", "knelpunten")
    for casus in zichtbare_casussen(consulent):
        for tab in tabs:
            assert client.get(reverse(tab, args=[casus.pk])).status_code == 200, (tab, casus.code)
    # The closed cases are found by the inspiratie search through their summary.
    antwoord = client.get(reverse("inspiratie"), {"q": "gebit"})
    assert "gebitsrenovatie" in antwoord.content.decode()


def test_inspiratie_finds_the_demo_examples_by_their_leefgebied(demo, client):
    """"schulden" finds both closed demo examples: their leefgebied is Financiën en schulden,
    though neither summary uses the word."""
    client.force_login(User.objects.get(username="consulent"))
    voorbeelden = list(inspiratie().filter(leefgebieden__code="financien"))
    assert len(voorbeelden) >= 2
    antwoord = client.get(reverse("inspiratie"), {"q": "schulden"})
    assert antwoord.status_code == 200
    gevonden = [c.pk for c in antwoord.context["page"].paginator.object_list]
    assert {c.pk for c in voorbeelden} <= set(gevonden)
    assert client.get(reverse("inspiratie"), {"q": "financien"}).context["page"].paginator.count >= 2


def test_last_quarter_reads_like_a_municipality(demo):
    """Dozens of new cases in the quarter the last report covers, at many stages, decided ones
    with their costs, evaluations recorded, and escalations waiting at the wethouder and the
    College next to decided ones at every level."""
    import datetime

    from escalatie.models import Escalatie
    from rapportage.perioden import kwartaal
    from rapportage.queries.cijfers import ruwe_cijfers

    vandaag = timezone.localdate()
    van, tot = kwartaal(kwartaal(vandaag)[0] - datetime.timedelta(days=1))
    cijfers = ruwe_cijfers(van, tot)
    assert cijfers["nieuw"] >= 24
    assert len(cijfers["per_status"]) >= 4
    assert cijfers["kosten_scenarios"] >= 8
    assert Evaluatie.objects.exclude(uitkomst="").count() >= 15
    open_niveaus = set(Escalatie.objects.filter(beslissing="").values_list("naar_niveau", flat=True))
    assert {2, 3} <= open_niveaus
    beslist = set(Escalatie.objects.exclude(beslissing="").values_list("naar_niveau", flat=True))
    assert {2, 3, 4} <= beslist
    # Every household has its own pseudonym.
    assert Casus.objects.values("pseudoniem").distinct().count() == Casus.objects.count()
