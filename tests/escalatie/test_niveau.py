"""The level suggestion (DESIGN §6): a pure function, tested without the database."""

from decimal import Decimal

import pytest

from escalatie.models import Escalatie
from escalatie.niveau import Feiten, stel_niveau_voor

M = {"mandaat": Decimal("10000"), "beschikbaar": Decimal("50000")}
WOONSTEDE = ("Woonstede", "lokaal")
AFDELING = ("Afdeling Wonen", "gemeentelijk")
UWV = ("UWV", "landelijk")


def niveau(**kw):
    return stel_niveau_voor(Feiten(**{**M, **kw}))


def test_fits_frameworks_is_level_1():
    v = niveau(past_in_kaders=True)
    assert v.niveau == 1 and [r.code for r in v.redenen] == ["binnen_kaders"]
    assert "binnen de bestaande kaders" in v.redenen[0].uitleg


def test_outside_frameworks_is_level_2():
    v = niveau(past_in_kaders=False)
    assert v.niveau == 2 and [(r.niveau, r.code) for r in v.redenen] == [(2, "buiten_kaders")]


def test_reasons_are_tuples_of_level_code_and_explanation():
    niveau_, code, uitleg = niveau(past_in_kaders=False).redenen[0]
    assert (niveau_, code) == (2, "buiten_kaders") and uitleg


def test_one_local_partner_within_frameworks_is_level_2_and_names_it():
    v = niveau(past_in_kaders=True, partners=(WOONSTEDE,))
    assert v.niveau == 2 and v.hoofdreden.code == "partners" and "Woonstede" in v.hoofdreden.uitleg


@pytest.mark.parametrize("kaders, partners, verwacht", [
    (False, (WOONSTEDE,), 3),  # outside frameworks and a partner: the College
    (True, (("A", "lokaal"), ("B", "lokaal"), ("C", "lokaal")), 3),  # three partners at once
    (True, (("A", "lokaal"), ("B", "lokaal")), 2),
    (True, (AFDELING,), 1),  # a department of the gemeente itself needs no bestuurlijke afstemming
    (True, (AFDELING, AFDELING, AFDELING, WOONSTEDE), 2),  # only non-gemeentelijk partners count
    (False, (AFDELING,), 2),
])
def test_partners_needing_bestuurlijke_afstemming(kaders, partners, verwacht):
    assert niveau(past_in_kaders=kaders, partners=partners).niveau == verwacht


def test_partner_reason_says_why_it_is_the_college():
    v = niveau(past_in_kaders=False, partners=(WOONSTEDE,))
    assert [(r.niveau, r.code) for r in v.redenen] == [(2, "buiten_kaders"), (3, "partners")]
    assert "buiten de bestaande kaders" in v.hoofdreden.uitleg
    v = niveau(past_in_kaders=True, partners=(("A", "lokaal"), ("B", "lokaal"), ("C", "lokaal")))
    assert "3 partners" in v.hoofdreden.uitleg and "A, B, C" in v.hoofdreden.uitleg


def test_amount_above_mandate_is_level_3():
    v = niveau(past_in_kaders=True, bedrag=Decimal("12000"))
    assert v.niveau == 3 and v.hoofdreden.code == "budget" and "mandaat" in v.hoofdreden.uitleg
    assert "€\u00a012.000,00" in v.hoofdreden.uitleg and "€\u00a010.000,00" in v.hoofdreden.uitleg
    assert niveau(past_in_kaders=True, bedrag=Decimal("10000")).niveau == 1  # at the mandate: still fine


def test_amount_above_what_is_left_in_the_fund_is_level_3():
    v = niveau(past_in_kaders=True, bedrag=Decimal("8000"), mandaat=Decimal("10000"), beschikbaar=Decimal("5000"))
    assert v.niveau == 3 and "fonds" in v.hoofdreden.uitleg
    assert niveau(past_in_kaders=True, bedrag=Decimal("5000"), beschikbaar=Decimal("5000")).niveau == 1


def test_above_mandate_and_fund_lists_both_reasons():
    v = niveau(past_in_kaders=True, bedrag=Decimal("80000"))
    assert [r.code for r in v.redenen] == ["binnen_kaders", "budget", "budget"]
    assert v.niveau == 3


def test_nothing_to_pay_never_asks_for_budget():
    v = niveau(past_in_kaders=True, bedrag=Decimal("0"), mandaat=Decimal("0"), beschikbaar=Decimal("0"))
    assert v.niveau == 1


def test_a_national_agency_is_level_4():
    v = niveau(past_in_kaders=True, landelijke_knelpunten=("CJIB",))
    assert v.niveau == 4 and v.hoofdreden.code == "landelijk" and "CJIB" in v.hoofdreden.uitleg


def test_a_national_partner_counts_as_partner_and_as_national():
    v = niveau(past_in_kaders=True, partners=(UWV,), landelijke_knelpunten=("UWV",))
    assert v.niveau == 4
    assert [(r.niveau, r.code) for r in v.redenen] == [(1, "binnen_kaders"), (2, "partners"), (4, "landelijk")]


def test_every_rule_at_once_lists_every_reason_and_the_highest_wins():
    v = niveau(past_in_kaders=False, partners=(WOONSTEDE,), bedrag=Decimal("60000"),
               landelijke_knelpunten=("CJIB", "Belastingdienst", "CJIB"))
    assert v.niveau == 4
    assert [r.code for r in v.redenen] == ["buiten_kaders", "partners", "budget", "budget", "landelijk"]
    assert "Belastingdienst, CJIB" in v.hoofdreden.uitleg  # sorted, each once


def test_reason_codes_are_escalation_reasons():
    v = niveau(past_in_kaders=False, partners=(WOONSTEDE,), bedrag=Decimal("60000"), landelijke_knelpunten=("X",))
    assert {r.code for r in v.redenen} <= set(Escalatie.Reden.values)


def test_feiten_is_frozen():
    f = Feiten(past_in_kaders=True)
    with pytest.raises(AttributeError):
        f.past_in_kaders = False
