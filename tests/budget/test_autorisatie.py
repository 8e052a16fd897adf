"""Authorisation matrix of the budget URLs (DESIGN §2, §10): role × relation to the fund and the
request. Actors: the consulent who asked (casushouder), a medebehandelaar, the maatwerkcoach of
the case's team (the fund lets coaches approve up to €500), a consulent and a coach of another
team, the OMO-functionaris, the budget holder of the fund, a budget holder of another fund, and
one user of each other role. Each request runs in a rolled-back savepoint."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import Transactie
from budget.services import aanvraag as services
from tests.budget.conftest import BEOORDELING
from tests.escalatie.autorisatie import fouten

OK = "ok"
ACTOREN = ["aanvrager", "gedeeld", "coach_team", "consulent_vreemd", "coach_vreemd", "omo", "houder", "houder_ander",
           "portefeuillehouder", "college", "beleid", "beheerder", "privacy"]
ALLEN_403 = {a: 403 for a in ACTOREN}

FONDSEN = ALLEN_403 | {"omo": OK, "beheerder": OK, "college": OK, "houder": OK, "houder_ander": OK}
FONDS = FONDSEN | {"houder_ander": 404}
BOEKEN = FONDS | {"omo": 403, "college": 403}
INBOX = ALLEN_403 | {"houder": OK, "houder_ander": OK, "coach_team": OK, "coach_vreemd": OK}
ACHTERAF = ALLEN_403 | {"houder": OK, "houder_ander": OK, "omo": OK}
NIET_ZICHTBAAR = {a: 404 for a in ACTOREN}
ZIET_AANVRAAG = {"aanvrager": OK, "gedeeld": OK, "coach_team": OK, "omo": OK, "houder": OK}
LEZEN = NIET_ZICHTBAAR | ZIET_AANVRAAG
BESLISSEN = NIET_ZICHTBAAR | {a: 403 for a in ZIET_AANVRAAG} | {"coach_team": OK, "houder": OK}
EIGEN = NIET_ZICHTBAAR | {a: 403 for a in ZIET_AANVRAAG} | {"aanvrager": OK, "gedeeld": OK}
UITVOEREN = NIET_ZICHTBAAR | {a: 403 for a in ZIET_AANVRAAG} | {"houder": OK}
AFRONDEN = UITVOEREN | {"aanvrager": OK, "gedeeld": OK}
# Only a directly booked expense is judged afterwards (this request is not: nobody may); for
# one that is, the budget holder and the OMO-functionaris: tests/budget/test_paginas.py.
BEOORDELEN = NIET_ZICHTBAAR | {a: 403 for a in ZIET_AANVRAAG}
CASUS = ALLEN_403 | {"aanvrager": OK, "gedeeld": OK, "coach_team": OK, "omo": OK, "consulent_vreemd": 404,
                     "coach_vreemd": 404}
AANVRAGEN = CASUS | {"coach_team": 403, "omo": 403}

# name → (method, kwarg names, expectations)
MATRIX = {
    "budget_fondsen": ("get", (), FONDSEN),
    "budget_transacties": ("get", (), FONDSEN),
    "budget_export": ("get", (), FONDSEN),
    "budget_leningen": ("get", (), FONDSEN),
    "fonds_detail": ("get", ("fonds",), FONDS),
    "fonds_boeken": ("post", ("fonds",), BOEKEN),
    "transactie_tegenboeken": ("post", ("transactie",), BOEKEN),
    "budget_inbox": ("get", (), INBOX),
    "budget_achteraf": ("get", (), ACHTERAF),
    "aanvraag_detail": ("get", ("aanvraag",), LEZEN),
    "aanvraag_wijzigen": ("get", ("concept",), EIGEN),
    "aanvraag_indienen": ("post", ("concept",), EIGEN),
    "aanvraag_intrekken": ("post", ("concept",), EIGEN),
    "aanvraag_beslissen": ("post", ("aanvraag",), BESLISSEN),
    "aanvraag_betalen": ("post", ("aanvraag",), UITVOEREN),
    "aanvraag_vrijgeven": ("post", ("aanvraag",), UITVOEREN),
    "aanvraag_aflossen": ("post", ("aanvraag",), UITVOEREN),
    "aanvraag_kwijtschelden": ("post", ("aanvraag",), UITVOEREN),
    "aanvraag_afronden": ("post", ("aanvraag",), AFRONDEN),
    "aanvraag_beoordelen": ("post", ("aanvraag",), BEOORDELEN),
    # Only for a request put before the College (this one is not): nobody. The College's
    # decision itself: tests/budget/test_college.py.
    # OMO may record the College's decision: told this request does not lie with the College.
    "aanvraag_college": ("post", ("aanvraag",), NIET_ZICHTBAAR | {a: 403 for a in ZIET_AANVRAAG} | {"omo": OK}),
    "casus_geld": ("get", ("casus",), CASUS),
    "aanvraag_nieuw": ("get", ("casus",), AANVRAGEN),
}


@pytest.fixture
def wereld(make_user, make_casus, make_fonds, team_a, team_b):
    actoren = {
        "aanvrager": make_user("consulent", team=team_a),
        "gedeeld": make_user("consulent", team=team_b),
        "coach_team": make_user("maatwerkcoach", team=team_a),
        "consulent_vreemd": make_user("consulent", team=team_b),
        "coach_vreemd": make_user("maatwerkcoach", team=team_b),
        "omo": make_user("omo"),
        "houder": make_user("budgethouder"),
        "houder_ander": make_user("budgethouder"),
        **{rol: make_user(rol) for rol in ("portefeuillehouder", "college", "beleid", "beheerder", "privacy")},
    }
    fonds = make_fonds("Voorkom-erger-potje", houders=[actoren["houder"]], coach_grens=Decimal("500"))
    make_fonds("Stelpost", houders=[actoren["houder_ander"]])
    casus = make_casus(actoren["aanvrager"], medebehandelaars=[actoren["gedeeld"]])
    from casussen.models import Scenario

    scenario = Scenario.objects.create(casus=casus, titel="Scenario", beschrijving="B")
    data = {"scenario": scenario, "fonds": fonds, "bedrag": "300.00", "doel": "Doel", **BEOORDELING}
    aanvraag = services.maak(casus.pk, actoren["aanvrager"], data, indienen=True)
    concept = services.maak(casus.pk, actoren["aanvrager"], data)
    waarden = {"casus": casus.pk, "fonds": fonds.pk, "aanvraag": aanvraag.pk, "concept": concept.pk,
               "transactie": Transactie.objects.filter(fonds=fonds).first().pk}
    return actoren, waarden


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_budget_url_authorisation(client, wereld, name):
    actoren, waarden = wereld
    method, kwargs, expected = MATRIX[name]
    url = reverse(name, kwargs={"pk": waarden[kwargs[0]]} if kwargs else {})
    assert fouten(client, url, method, expected, actoren) == []


@pytest.mark.django_db
def test_beheerder_legt_een_fonds_vast_in_beheer(client, make_user, budgethouder):
    from budget.models import Fonds, Saldo

    client.force_login(make_user("beheerder", is_staff=True))
    response = client.post(reverse("admin:budget_fonds_add"), {
        "naam": "Voorkom-erger-potje", "soort": "voorkom_erger", "budgethouders": [budgethouder.pk], "actief": "on",
        "mandaat": "500", "maximum_per_aanvraag": "500", "jaareinde": "vervalt", "kostenplaats": "KP-1",
        "grootboeknummer": "4430200",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    fonds = Fonds.objects.get(naam="Voorkom-erger-potje")
    assert Saldo.objects.filter(rekening__fonds=fonds).count() == 8
    assert client.get(reverse("admin:budget_fonds_delete", args=[fonds.pk])).status_code == 403
    client.force_login(budgethouder)
    assert client.get(reverse("admin:budget_fonds_changelist")).status_code == 302  # not staff: to the admin login
