"""Fixtures for the case tests: reference rows, users in teams, and cases made through the
services (never by writing a status)."""

import datetime
from decimal import Decimal

import pytest

from casussen.models import Geldstroom, Leefgebied, Organisatie, Prijs, WettelijkeGrondslag
from casussen.services import casus as casus_services
from omo.models import Team


@pytest.fixture
def leefgebied(db):
    return Leefgebied.objects.get_or_create(code="wonen", defaults={"naam": "Wonen", "volgorde": 1})[0]


@pytest.fixture
def leefgebied2(db):
    return Leefgebied.objects.get_or_create(
        code="financien", defaults={"naam": "Financiën en schulden", "volgorde": 2}
    )[0]


@pytest.fixture
def geldstroom(db):
    return Geldstroom.objects.get_or_create(code="wonen", defaults={"naam": "Wonen", "volgorde": 7})[0]


@pytest.fixture
def organisatie(db):
    return Organisatie.objects.get_or_create(
        naam="Woningcorporatie Test", defaults={"soort": Organisatie.Soort.LOKAAL}
    )[0]


@pytest.fixture
def grondslag(db):
    return WettelijkeGrondslag.objects.get_or_create(
        wet="Testwet",
        artikel="1",
        defaults={"soort": WettelijkeGrondslag.Soort.HARDHEIDSCLAUSULE, "toelichting": "Test"},
    )[0]


@pytest.fixture
def prijs(db, geldstroom):
    return Prijs.objects.get_or_create(
        item="Testitem huisuitzetting",
        geldig_vanaf=datetime.date(2025, 1, 1),
        defaults={
            "rekeneenheid": "per_stuk",
            "eenheid": "per uitzetting",
            "prijs": Decimal("8000.00"),
            "geldstroom": geldstroom,
            "betaler": "woningcorporatie",
            "bron": "test",
            "prijsjaar": 2025,
        },
    )[0]


@pytest.fixture
def team_a(db):
    return Team.objects.create(naam="Wijkteam Noord", soort=Team.Soort.WIJKTEAM)


@pytest.fixture
def team_b(db):
    return Team.objects.create(naam="Wijkteam Zuid", soort=Team.Soort.WIJKTEAM)


@pytest.fixture
def consulent(make_user, team_a):
    return make_user("consulent", team=team_a)


@pytest.fixture
def make_casus(db, leefgebied):
    """make_casus(casushouder, **fields) → a registered case (status aangemeld)."""

    def factory(casushouder, leefgebieden=None, organisaties=(), medebehandelaars=(), **velden):
        data = {
            "titel": "Dreigende huisuitzetting",
            "bron": "wijkteam",
            "datum_signaal": datetime.date(2026, 11, 2),
            "urgentie": "hoog",
            "urgentie_toelichting": "Vonnis binnen vier weken",
            "reguliere_routes": ["eigen_team", "maatwerkcoach"],
            "toestemming": "ja",
            "pseudoniem": "Familie Linde",
            "volwassenen": 1,
            "leeftijden_kinderen": [4, 9],
            "dossiernummer": "WIZ-12345",
        }
        data.update(velden)
        return casus_services.registreer(
            casushouder,
            data,
            leefgebieden=leefgebieden or [leefgebied],
            organisaties=organisaties,
            medebehandelaars=medebehandelaars,
        )

    return factory


@pytest.fixture
def casus(make_casus, consulent):
    return make_casus(consulent)
