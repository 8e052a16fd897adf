"""Fixtures for the report tests: the case fixtures, and users of the three report roles."""

import pytest

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
    return make_user("omo")


@pytest.fixture
def beleid_user(make_user):
    return make_user("beleid")


@pytest.fixture
def college_user(make_user):
    return make_user("college")
