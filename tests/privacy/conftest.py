"""Fixtures for the privacy tests: the case, meeting and fund fixtures of tests/escalatie."""

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
