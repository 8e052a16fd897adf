"""Fixtures for the report tests: the case fixtures, users of the three report roles, and the
demo data of the apps the reports read."""

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


def laad_demo():
    """omo's, casussen's, escalatie's and budget's demo data, as `demo_data` loads them (the
    reports' own demo is left out: the tests make their reports themselves)."""
    from budget import demo as budget_demo
    from casussen import demo as casussen_demo
    from escalatie import demo as escalatie_demo
    from omo.management.commands.demo_data import Command as DemoData

    DemoData().load()
    casussen_demo.load()
    escalatie_demo.load()
    budget_demo.load()


@pytest.fixture
def demo(db):
    laad_demo()
