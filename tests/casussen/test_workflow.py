"""The maatwerkreis end to end through the services, including the overleg and escalation steps
that the overleg part will call."""

import pytest

from casussen import workflow
from casussen.models import Besluit, Scenario, Status
from casussen.services import casus as services
from omo.weigering import Weigering

pytestmark = pytest.mark.django_db


def test_every_status_is_reachable_through_the_services(make_user, casus, consulent):
    omo = make_user("omo")
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    scenario = Scenario.objects.create(casus=casus, titel="A", beschrijving="x")
    services.agendeer(casus.pk, consulent)
    services.markeer_besproken(casus.pk, omo)
    services.escaleer(casus.pk, omo, "Boven het mandaat van het overleg")
    services.leg_besluit_vast(
        casus.pk, make_user("portefeuillehouder"), "akkoord", "Akkoord van de wethouder",
        scenario_id=scenario.pk, niveau=Besluit.Niveau.PORTEFEUILLEHOUDER,
    )
    services.overgang(casus.pk, Status.IN_UITVOERING, consulent)
    services.overgang(casus.pk, Status.MONITORING, consulent)
    services.sluit_af(casus.pk, consulent, "Woning behouden", "Huur tijdelijk overgenomen.")
    path = list(casus.tijdlijn.exclude(naar_status="").order_by("tijdstip", "pk").values_list("naar_status", flat=True))
    assert path == [
        "aangemeld", "in_voorbereiding", "geagendeerd", "besproken", "geescaleerd", "besloten",
        "in_uitvoering", "monitoring", "afgesloten",
    ]
    # Every status but vervallen, which is the way out of any of them (tests/casussen/test_vervallen.py).
    assert set(Status.values) - {Status.VERVALLEN} == set(path)
    besluit = Besluit.objects.get()
    assert besluit.niveau == Besluit.Niveau.PORTEFEUILLEHOUDER


def test_bezinning_sends_the_case_back_with_a_reason(make_user, casus, consulent):
    omo = make_user("omo")
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    services.agendeer(casus.pk, consulent)
    services.markeer_besproken(casus.pk, omo)
    with pytest.raises(Weigering, match="Geef een toelichting"):
        services.overgang(casus.pk, Status.IN_VOORBEREIDING, omo)
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, omo, "Bezinningsperiode: alternatieven verkennen")
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING


def test_a_consulent_cannot_take_omo_steps(casus, consulent):
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    services.agendeer(casus.pk, consulent)
    with pytest.raises(Weigering, match="niet zetten"):
        services.markeer_besproken(casus.pk, consulent)
    with pytest.raises(Weigering, match="Alleen de OMO-functionaris"):
        services.leg_besluit_vast(casus.pk, consulent, "afgewezen", "Nee")


def test_buttons_depend_on_who_looks(make_user, casus, consulent, team_a):
    coach = make_user("maatwerkcoach", team=team_a)
    omo = make_user("omo")
    assert [o.naar for o in workflow.knoppen(consulent, casus)] == [Status.IN_VOORBEREIDING]
    assert [o.naar for o in workflow.knoppen(omo, casus)] == [Status.IN_VOORBEREIDING]
    assert workflow.knoppen(coach, casus) == []


def test_afgewezen_decision_needs_no_scenario_and_can_be_prepared_again(make_user, casus, consulent):
    omo = make_user("omo")
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    services.leg_besluit_vast(casus.pk, omo, "afgewezen", "Past niet binnen de bedoeling van de wet")
    with pytest.raises(Weigering, match="kan een casus niet naar"):
        services.overgang(casus.pk, Status.MONITORING, consulent)
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent, "Nieuw scenario met de corporatie")
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING
