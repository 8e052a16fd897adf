"""Who may use the budget pages (DESIGN §2, §8, §10).

- consulent / maatwerkcoach: ask money for their own cases and follow it on the case page;
- budgethouder: the funds assigned to them: overview, postings, export, decide, pay, book
  repayments, review small spends; the College's escalated requests are decided on the
  escalation page;
- maatwerkcoach: decide small requests of their team within a fund's coach limit;
- omo, college, beheerder: every fund's overview, postings, export and loans (read); the
  beheerder maintains the funds and books allocations; omo reviews small spends too.
The object rules here ask for a fund or a request; the services check the same again (never
the requester, only within the fund's limits) and refuse with a message.
"""

import rules

from budget.queries import ziet_alle_fondsen
from budget.services import aanvraag as services
from omo.roles import (
    is_beheerder,
    is_budgethouder,
    is_college,
    is_consulent,
    is_maatwerkcoach,
    is_omo,
)


@rules.predicate
def is_houder_van_fonds(user, fonds):
    return fonds is not None and services.is_budgethouder_van(user, fonds)


@rules.predicate
def ziet_alle(user):
    return ziet_alle_fondsen(user)


@rules.predicate
def is_houder_van_aanvraag_fonds(user, aanvraag):
    return aanvraag is not None and services.is_budgethouder_van(user, aanvraag.fonds)


@rules.predicate
def ziet_casus_van_aanvraag(user, aanvraag):
    return aanvraag is not None and rules.has_perm("casussen.bekijk_casus", user, aanvraag.casus)


@rules.predicate
def is_coach_van_team(user, aanvraag):
    return aanvraag is not None and services.is_coach_voor(user, aanvraag)


@rules.predicate
def vraagt_voor_casus(user, aanvraag):
    """The case's casushouder or medebehandelaar (consulent or maatwerkcoach): who asks."""
    return aanvraag is not None and services.mag_aanvragen(user, aanvraag.casus)


rules.add_perm("budget.zie_fondsen", is_omo | is_beheerder | is_college | is_budgethouder)
rules.add_perm("budget.bekijk_fonds", ziet_alle | (is_budgethouder & is_houder_van_fonds))
rules.add_perm("budget.boek_op_fonds", is_beheerder | (is_budgethouder & is_houder_van_fonds))
rules.add_perm("budget.beslis_aanvragen", is_budgethouder | is_maatwerkcoach)
rules.add_perm("budget.zie_achteraf", is_budgethouder | is_omo)
rules.add_perm("budget.zie_leningen", is_omo | is_beheerder | is_college | is_budgethouder)
rules.add_perm("budget.vraag_geld_aan", is_consulent | is_maatwerkcoach)
rules.add_perm(
    "budget.bekijk_aanvraag",
    ziet_casus_van_aanvraag | is_houder_van_aanvraag_fonds | (is_maatwerkcoach & is_coach_van_team),
)
rules.add_perm("budget.voer_aanvraag_uit", is_budgethouder & is_houder_van_aanvraag_fonds)
rules.add_perm("budget.werk_aan_aanvraag", vraagt_voor_casus)
rules.add_perm("budget.rond_aanvraag_af", (is_budgethouder & is_houder_van_aanvraag_fonds) | vraagt_voor_casus)
rules.add_perm("budget.beoordeel_achteraf", (is_budgethouder & is_houder_van_aanvraag_fonds) | is_omo)
