"""The level suggestion (DESIGN §6): a pure function, tested without the database."""

from decimal import Decimal

import pytest

from escalatie.niveau import Feiten, stel_niveau_voor

M = {"mandaat": Decimal("10000"), "beschikbaar": Decimal("50000")}


def niveau(**kw):
    return stel_niveau_voor(Feiten(**{**M, **kw}))


def test_fits_frameworks_is_level_1():
    v = niveau(past_in_kaders=True)
    assert v.niveau == 1 and [r.code for r in v.redenen] == ["binnen_kaders"]


def test_outside_frameworks_is_level_2():
    assert niveau(past_in_kaders=False).niveau == 2


def test_one_local_partner_within_frameworks_is_level_2_and_names_it():
    v = niveau(past_in_kaders=True, partners=(("Woonstede", "lokaal"),))
    assert v.niveau == 2 and "Woonstede" in v.hoofdreden.uitleg


@pytest.mark.parametrize("kaders, partners, verwacht", [
    (False, (("Woonstede", "lokaal"),), 3),
    (True, (("A", "lokaal"), ("B", "lokaal"), ("C", "lokaal")), 3),
    (True, (("A", "lokaal"), ("B", "lokaal")), 2),
    (True, (("Gemeentelijke afdeling", "gemeentelijk"),), 1),
])
def test_partners_needing_bestuurlijke_afstemming(kaders, partners, verwacht):
    assert niveau(past_in_kaders=kaders, partners=partners).niveau == verwacht


def test_amount_above_mandate_is_level_3():
    v = niveau(past_in_kaders=True, bedrag=Decimal("12000"))
    assert v.niveau == 3 and "mandaat" in v.hoofdreden.uitleg
    assert niveau(past_in_kaders=True, bedrag=Decimal("10000")).niveau == 1  # at the mandate: still fine


def test_amount_above_what_is_left_in_the_fund_is_level_3():
    v = niveau(past_in_kaders=True, bedrag=Decimal("8000"), mandaat=Decimal("10000"), beschikbaar=Decimal("5000"))
    assert v.niveau == 3 and "fonds" in v.hoofdreden.uitleg


def test_a_national_agency_is_level_4_and_every_reason_is_listed():
    v = niveau(past_in_kaders=False, bedrag=Decimal("60000"), landelijke_knelpunten=("CJIB", "Belastingdienst"))
    assert v.niveau == 4
    assert {r.niveau for r in v.redenen} == {2, 3, 4}
    assert "Belastingdienst, CJIB" in v.hoofdreden.uitleg
