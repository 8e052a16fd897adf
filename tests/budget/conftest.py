"""Fixtures for the budget tests: funds made like a beheerder would, a case with a scenario,
and requests made through the services. After every test the whole ledger is checked with the
`ledger_check` command (the deferred balance checks are made to fire first)."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from budget.models import Aanvraag, Fonds
from budget.services import aanvraag as aanvraag_services
from budget.services import grootboek
from casussen.models import Scenario
from tests.casussen.conftest import (  # noqa: F401  (fixtures)
    consulent,
    geldstroom,
    grondslag,
    leefgebied,
    leefgebied2,
    make_casus,
    organisatie,
    prijs,
    team_a,
    team_b,
)

BEOORDELING = {
    "noodzaak": "Zonder het geld wordt het huis ontruimd.",
    "gevolgen": "Kinderen zonder dak; opvang kost het tienvoudige.",
    "regulier_onmogelijk": "Bijzondere bijstand: schuld is ouder dan drie maanden.",
    "reguliere_routes": "Bijzondere bijstand aangevraagd en afgewezen.",
}


@pytest.fixture(autouse=True)
def grootboek_klopt(request):
    """After each test that used the database: fire the deferred checks and run ledger_check."""
    namen = request.fixturenames
    gebruikt = "transactional_db" if "transactional_db" in namen else "db" if "db" in namen else None
    if gebruikt is None:
        yield
        return
    request.getfixturevalue(gebruikt)  # set up first, so torn down after this check
    yield
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("ledger_check", verbosity=0)


@pytest.fixture
def budgethouder(make_user):
    return make_user("budgethouder", first_name="Bram", last_name="Budget")


@pytest.fixture
def make_fonds(db, budgethouder):
    def factory(naam="OMO-fonds", toewijzing="10000.00", houders=None, **velden):
        data = {
            "soort": Fonds.Soort.OMO_FONDS, "mandaat": Decimal("5000.00"), "jaareinde": Fonds.Jaareinde.VERVALT,
            "kostenplaats": "KP-6710", "grootboeknummer": "4430100",
        }
        data.update(velden)
        fonds = Fonds.objects.create(naam=naam, **data)
        fonds.budgethouders.set(houders if houders is not None else [budgethouder])
        if toewijzing:
            grootboek.toewijzen(fonds.pk, Decimal(toewijzing), None, "Begroting")
        return fonds

    return factory


@pytest.fixture
def fonds(make_fonds):
    return make_fonds()


@pytest.fixture
def casus_met_scenario(make_casus, consulent):  # noqa: F811
    casus = make_casus(consulent)
    scenario = Scenario.objects.create(casus=casus, titel="Schuld aflossen", beschrijving="Huurachterstand betalen")
    return casus, scenario


@pytest.fixture
def make_aanvraag(casus_met_scenario, consulent, request):  # noqa: F811
    """make_aanvraag(bedrag, indienen=True, fonds=..., **velden) → a request of the consulent."""

    def factory(bedrag="500.00", indienen=True, fonds=None, user=None, **velden):
        casus, scenario = casus_met_scenario
        fonds = fonds or request.getfixturevalue("fonds")
        data = {"scenario": scenario, "fonds": fonds, "soort": Aanvraag.Soort.GIFT, "bedrag": bedrag,
                "doel": "Huurachterstand", **BEOORDELING}
        data.update(velden)
        return aanvraag_services.maak(casus.pk, user or consulent, data, indienen=indienen)

    return factory
