"""Authorisation matrix of every case URL (DESIGN §10): role × own / shared / team / foreign case.

One world per URL: a consulent's case shared with a colleague of another team, a maatwerkcoach
of the case's team, a consulent and a coach of another team, the OMO-functionaris, and one user
for each other role. Every request runs in a savepoint that is rolled back, so a POST by one
actor does not change what the next one sees.

`MATRIX` names every URL of the case pages; tests/omo/test_autorisatie.py fails for a URL that
is in neither table.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from casussen.models import (
    Canvas,
    Knelpunt,
    Kostenregel,
    Scenario,
    ScenarioGrondslag,
    Status,
)
from casussen.services import casus as casus_services
from casussen.services import plan as plan_services
from omo.models import Team

OK = "ok"
ANONIEM = "anoniem"
ACTOREN = [
    ANONIEM, "eigen", "gedeeld", "coach_team", "consulent_vreemd", "coach_vreemd", "omo",
    "budgethouder", "portefeuillehouder", "college", "beleid", "beheerder", "privacy",
]
_ANDEREN = {"budgethouder": 403, "portefeuillehouder": 403, "college": 403, "beleid": 403, "privacy": 403, "beheerder": 403}

# Who may do what with a case (OK = 200 or a redirect after a POST, or a refusal with a message).
LEZEN = {"eigen": OK, "gedeeld": OK, "coach_team": OK, "omo": OK,
         "consulent_vreemd": 404, "coach_vreemd": 404, **_ANDEREN}
BEWERKEN = {"eigen": OK, "gedeeld": OK, "coach_team": 403, "omo": 403,
            "consulent_vreemd": 404, "coach_vreemd": 404, **_ANDEREN}
BESLUITEN = {"eigen": 403, "gedeeld": 403, "coach_team": 403, "omo": OK,
             "consulent_vreemd": 404, "coach_vreemd": 404, **_ANDEREN}
AFSLUITEN = {"eigen": OK, "gedeeld": OK, "coach_team": 403, "omo": OK,
             "consulent_vreemd": 404, "coach_vreemd": 404, **_ANDEREN}
LIJST = {"eigen": OK, "gedeeld": OK, "coach_team": OK, "omo": OK,
         "consulent_vreemd": OK, "coach_vreemd": OK, **_ANDEREN}
# Vervallen verklaren: the casushouder (before the first overleg) and the OMO-functionaris.
VERVALLEN = {"eigen": OK, "gedeeld": 403, "coach_team": 403, "omo": OK,
             "consulent_vreemd": 404, "coach_vreemd": 404, **_ANDEREN}
AANMELDEN = {"eigen": OK, "gedeeld": OK, "coach_team": 403, "omo": 403,
             "consulent_vreemd": OK, "coach_vreemd": 403, **_ANDEREN}
REFERENTIE = {**LIJST, "beheerder": OK}

V, U = "voorbereiding", "uitvoering"  # which case of the world the URL is about

# name → (method, case, kwargs names, expectations)
MATRIX = {
    "casus_lijst": ("get", None, (), LIJST),
    "casus_export": ("get", None, (), LIJST),
    "casus_nieuw": ("get", None, (), AANMELDEN),
    "casus_ga_naar": ("get", None, (), LIJST),
    "inspiratie": ("get", None, (), LIJST),
    "prijslijst": ("get", None, (), REFERENTIE),
    "prijslijst_export": ("get", None, (), REFERENTIE),
    "grondslagen": ("get", None, (), REFERENTIE),
    "grondslagen_export": ("get", None, (), REFERENTIE),
    "casus_detail": ("get", V, ("pk",), LEZEN),
    "casus_wijzigen": ("get", V, ("pk",), BEWERKEN),
    # A step is checked by the workflow: a visible case gets a message, never a change.
    "casus_status": ("post", V, ("pk",), LEZEN),
    "casus_besluit": ("get", V, ("pk",), BESLUITEN),
    "casus_afsluiten": ("get", V, ("pk",), AFSLUITEN),
    "casus_vervallen": ("get", V, ("pk",), VERVALLEN),
    "tijdlijn": ("get", V, ("pk",), LEZEN),
    "canvas": ("get", V, ("pk",), LEZEN),
    "canvas_sectie": ("get", V, ("pk", "sectie"), BEWERKEN),
    "canvas_concept": ("post", V, ("pk", "sectie"), BEWERKEN),
    "canvas_concept_verwerpen": ("post", V, ("pk", "sectie"), BEWERKEN),
    "scenario_lijst": ("get", V, ("pk",), LEZEN),
    "scenario_nieuw": ("get", V, ("pk",), BEWERKEN),
    "scenario_vergelijken": ("get", V, ("pk",), LEZEN),
    "scenario_detail": ("get", V, ("pk", "sid"), LEZEN),
    "scenario_wijzigen": ("get", V, ("pk", "sid"), BEWERKEN),
    "scenario_kiezen": ("post", V, ("pk", "sid"), BEWERKEN),
    "scenario_ontkiezen": ("post", V, ("pk", "sid"), BEWERKEN),
    "scenario_grondslag_toevoegen": ("get", V, ("pk", "sid"), BEWERKEN),
    "scenario_grondslag_wijzigen": ("get", V, ("pk", "sid", "gid"), BEWERKEN),
    "scenario_grondslag_verwijderen": ("post", V, ("pk", "sid", "gid"), BEWERKEN),
    "kostenregel_nieuw": ("get", V, ("pk", "sid"), BEWERKEN),
    "kostenregel_wijzigen": ("get", V, ("pk", "sid", "kid"), BEWERKEN),
    "kostenregel_verwijderen": ("post", V, ("pk", "sid", "kid"), BEWERKEN),
    "plan": ("get", U, ("pk",), LEZEN),
    "plan_nieuw": ("get", U, ("pk",), BEWERKEN),
    "plan_wijzigen": ("get", U, ("pk",), BEWERKEN),
    "actie_nieuw": ("get", U, ("pk",), BEWERKEN),
    "actie_gereed": ("post", U, ("pk", "aid"), BEWERKEN),
    "evaluatie": ("get", U, ("pk", "eid"), LEZEN),
    "zelfredzaamheid": ("get", U, ("pk",), BEWERKEN),
    "knelpunten": ("get", U, ("pk",), LEZEN),
    "knelpunt_nieuw": ("get", U, ("pk",), BEWERKEN),
    "knelpunt_wijzigen": ("get", U, ("pk", "kid_knelpunt"), BEWERKEN),
    "knelpunt_verwijderen": ("post", U, ("pk", "kid_knelpunt"), BEWERKEN),
}


@pytest.fixture
def wereld(make_user, make_casus, leefgebied, geldstroom, grondslag, prijs):
    team = Team.objects.create(naam="Wijkteam Centrum", soort=Team.Soort.WIJKTEAM)
    ander = Team.objects.create(naam="Wijkteam West", soort=Team.Soort.WIJKTEAM)
    actoren = {
        "eigen": make_user("consulent", team=team),
        "gedeeld": make_user("consulent", team=ander),
        "coach_team": make_user("maatwerkcoach", team=team),
        "consulent_vreemd": make_user("consulent", team=ander),
        "coach_vreemd": make_user("maatwerkcoach", team=ander),
        "omo": make_user("omo"),
        **{rol: make_user(rol) for rol in _ANDEREN},
    }
    eigen, omo = actoren["eigen"], actoren["omo"]

    def case():
        casus = make_casus(eigen, medebehandelaars=[actoren["gedeeld"]])
        casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, eigen)
        Canvas.objects.create(casus=casus, aan_de_hand="Huurachterstand na opname")
        scenario = Scenario.objects.create(casus=casus, titel="Huur overnemen", beschrijving="Tijdelijk")
        sg = ScenarioGrondslag.objects.create(scenario=scenario, grondslag=grondslag, motivatie="Past")
        regel = Kostenregel.objects.create(
            scenario=scenario, situatie="dreigend", prijslijstitem=prijs, omschrijving=prijs.item,
            prijs=prijs.prijs, aantal=Decimal("1"), frequentie="eenmalig", geldstroom=geldstroom,
            betaler="woningcorporatie", kans=Decimal("60"),
        )
        return casus, scenario, sg, regel

    voorbereiding, scenario_v, sg_v, regel_v = case()
    uitvoering, scenario_u, _sg, _regel = case()
    casus_services.leg_besluit_vast(uitvoering.pk, omo, "akkoord", "Goed onderbouwd", scenario_id=scenario_u.pk)
    plan = plan_services.stel_plan_op(
        uitvoering.pk, eigen,
        {"doel": "Woning behouden", "regisseur": "Sanne (wijkteam)", "besproken_met_inwoner": True,
         "startdatum": datetime.date(2026, 9, 1), "monitoring_maanden": 12},
        acties=[{"omschrijving": "Regeling treffen", "eigenaar": "Sanne", "deadline": datetime.date(2026, 12, 1)}],
    )
    knelpunt = Knelpunt.objects.create(casus=uitvoering, soort="wet_regel", regel="Huurachterstand > 3 maanden", beschrijving="Ontruiming")
    kwargs = {
        V: {"pk": voorbereiding.pk, "sectie": "situatie", "sid": scenario_v.pk, "gid": sg_v.pk, "kid": regel_v.pk},
        U: {"pk": uitvoering.pk, "aid": plan.acties.first().pk, "eid": plan.evaluaties.first().pk,
            "kid_knelpunt": knelpunt.pk},
    }
    return actoren, kwargs


def _url(name, case, names, kwargs):
    if case is None:
        return reverse(name)
    values = kwargs[case]
    return reverse(name, kwargs={("kid" if n == "kid_knelpunt" else n): values[n] for n in names})


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_case_url_authorisation(client, wereld, name):
    actoren, kwargs = wereld
    method, case, names, expected = MATRIX[name]
    url = _url(name, case, names, kwargs)
    failures = []
    for actor in ACTOREN:
        client.logout()
        if actor != ANONIEM:
            client.force_login(actoren[actor])
        with transaction.atomic():
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
        status = response.status_code
        if actor == ANONIEM:
            ok = status == 302 and response["Location"].startswith(reverse("login"))
        elif expected[actor] == OK:
            ok = status in (200, 302) and not (status == 302 and response["Location"].startswith(reverse("login")))
        else:
            ok = status == expected[actor]
        if not ok:
            failures.append(f"{actor}: {status} (verwacht {expected.get(actor, 'login')})")
    assert not failures, f"{name}: " + "; ".join(failures)
