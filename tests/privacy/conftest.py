"""Fixtures for the privacy officer's pages: the case and escalation fixtures of
tests/casussen and tests/escalatie, and the privacy officer."""

import pytest

from tests.escalatie.conftest import (  # noqa: F401  (fixtures)
    consulent,
    geldstroom,
    grondslag,
    klare_casus,
    leefgebied,
    leefgebied2,
    make_casus,
    omo_user,
    organisatie,
    overleg,
    prijs,
    reeks,
    standaardfonds,
    team_a,
    team_b,
)


@pytest.fixture
def privacy(make_user):
    return make_user("privacy", username="fg", first_name="Femke", last_name="Lemmens",
                     functie="Functionaris gegevensbescherming")
