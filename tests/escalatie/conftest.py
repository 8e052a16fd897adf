"""Fixtures for the overleg, escalation and verzoek tests: the case fixtures of
tests/casussen, a meeting series with its planned meetings, and cases ready for the agenda
(canvas and a scenario with cost lines), all made through the services."""

import datetime
from decimal import Decimal

import pytest

from casussen.models import Canvas, Kostenregel, Scenario, Status
from casussen.services import casus as casus_services
from escalatie.models import Overleg, Overlegreeks
from escalatie.services import overleg as overleg_services
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


@pytest.fixture
def omo_user(make_user):
    return make_user("omo", first_name="Ilse", last_name="Vossen")


@pytest.fixture
def reeks(omo_user, make_user):
    """A Tuesday 10:00 series with one standing participant, planned from Monday 7 December 2026."""
    deelnemer = make_user("maatwerkcoach", username="deelnemer", email="deelnemer@example.nl")
    reeks = Overlegreeks.objects.create(
        naam="Wekelijks OMO-overleg", weekdag=Overlegreeks.Weekdag.DINSDAG, begintijd=datetime.time(10, 0),
        duur_minuten=120, locatie="Stadhuis, kamer 2.14", voorzitter=omo_user,
    )
    reeks.vaste_deelnemers.set([deelnemer])
    overleg_services.plan_overleggen(vandaag=datetime.date(2026, 12, 7))
    return reeks


@pytest.fixture
def overleg(reeks):
    """The meeting of Tuesday 8 December 2026 (stukken due Friday 4 December 23:59)."""
    return Overleg.objects.get(reeks=reeks, datum=datetime.date(2026, 12, 8))


@pytest.fixture
def klare_casus(make_casus, consulent, geldstroom):  # noqa: F811
    """klare_casus(**fields) → a case in voorbereiding with a canvas and one scenario with cost
    lines (huidig 500/month, doorbraak 2,400 paid by the gemeente)."""

    def factory(casushouder=None, titel="Huurachterstand gezin", **fields):
        casus = make_casus(casushouder or consulent, titel=titel, **fields)
        casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, casus.casushouder)
        Canvas.objects.create(casus=casus, aan_de_hand="Huurachterstand na ziekenhuisopname", wil_inwoner="In het huis blijven")
        scenario = Scenario.objects.create(casus=casus, titel="Lening voor de huurachterstand", beschrijving="Overbruggen")
        for situatie, bedrag, freq, betaler in [
            ("huidig", "500.00", "per_maand", "gemeente"),
            ("doorbraak", "2400.00", "eenmalig", "gemeente"),
        ]:
            Kostenregel.objects.create(
                scenario=scenario, situatie=situatie, omschrijving=f"Post {situatie}", prijs=Decimal(bedrag),
                aantal=Decimal("1"), frequentie=freq, geldstroom=geldstroom, betaler=betaler, kans=Decimal("100"),
            )
        casus.scenario = scenario
        return casus

    return factory


@pytest.fixture(autouse=True)
def standaardfonds(request):
    """Every test with a database has one fund, as a gemeente has: the OMO-fonds with a budget
    holder's mandate of € 10.000 and € 50.000 available. The level suggestion reads it."""
    namen = request.fixturenames
    gebruikt = "transactional_db" if "transactional_db" in namen else "db" if "db" in namen else None
    if gebruikt is None:
        return None
    request.getfixturevalue(gebruikt)
    from budget.models import Fonds
    from budget.services import grootboek

    fonds = Fonds.objects.create(naam="OMO-fonds", soort="omo_fonds", mandaat=Decimal("10000"), jaareinde="vervalt",
                                 kostenplaats="KP-6710", grootboeknummer="4430100")
    grootboek.toewijzen(fonds.pk, Decimal("50000"), None, "Begroting")
    return fonds
