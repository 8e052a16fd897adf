"""Who may use the budget pages and services (DESIGN §2, §8, §10).

- consulent / maatwerkcoach: ask money for their own cases (casushouder or medebehandelaar) and
  follow it on the case page;
- budgethouder: the funds assigned to them: overview, postings, export, decide (up to the
  mandate, never their own request), pay, book repayments, review small spends;
- maatwerkcoach: decide small requests of their team within a fund's coach limit;
- college: decides the requests put before it, on the request's page (and reads those);
- omo, college, beheerder: every fund's overview, postings, export and loans (read; a loan's
  case and purpose only for who may see the request); the beheerder maintains the funds and
  books allocations; omo reviews small spends too.

The services check the same rules again (`omo.toegang.vereis`) and refuse with a message. The
queryset twins (`zichtbare_fondsen`, `beslisbare_aanvragen`, …) are these rules as filters.
"""

import rules
from django.db.models import F, Q

from casussen.rules import is_betrokken_behandelaar
from casussen.rules import zichtbaar as casus_zichtbaar
from omo import roles
from omo.rules import (
    GEEN,
    beheer_rechten,
    heeft_rol,
    is_beheerder,
    is_budgethouder,
    is_college,
    is_consulent,
    is_maatwerkcoach,
    is_omo,
    tweeling,
)

COLLEGE = "college"  # budget.models.Aanvraag.Status.COLLEGE
INGEDIEND = "ingediend"


def fondsen_van(user) -> set[int]:
    """The ids of the funds `user` holds as budget holder, read once per request."""
    cached = getattr(user, "_omo_fondsen", None)
    if cached is None:
        from budget.models import Fonds

        cached = user._omo_fondsen = set(
            Fonds.budgethouders.through.objects.filter(user_id=user.pk).values_list("fonds_id", flat=True)
        )
    return cached


@rules.predicate
def is_houder_van_fonds(user, fonds):
    return fonds is not None and fonds.pk in fondsen_van(user)


@rules.predicate
def is_houder_van_aanvraag_fonds(user, aanvraag):
    """Also for a transaction: both carry the fund as `fonds_id`."""
    return aanvraag is not None and aanvraag.fonds_id in fondsen_van(user)


@rules.predicate
def ziet_casus_van_aanvraag(user, aanvraag):
    return aanvraag is not None and rules.has_perm("casussen.bekijk_casus", user, aanvraag.casus)


@rules.predicate
def is_aanvrager(user, aanvraag):
    return aanvraag is not None and aanvraag.aangevraagd_door_id == user.pk


@rules.predicate
def binnen_coachgrens_van_team(user, aanvraag):
    """The request is for a case of `user`'s team and within the fund's coach limit."""
    if aanvraag is None or user.team_id is None:
        return False
    fonds = aanvraag.fonds
    return (
        fonds.coach_grens is not None and aanvraag.bedrag <= fonds.coach_grens
        and aanvraag.casus.team_id == user.team_id
    )


@rules.predicate
def is_voorgelegd_aan_college(user, aanvraag):
    return aanvraag is not None and aanvraag.escalatie_id is not None


@rules.predicate
def ligt_bij_college(user, aanvraag):
    return aanvraag is not None and aanvraag.status == COLLEGE


@rules.predicate
def is_betrokkene_van_aanvraag(user, aanvraag):
    """The case's casushouder or medebehandelaar (with a case role): who asks the money."""
    return aanvraag is not None and is_betrokken_behandelaar(user, aanvraag.casus)


@rules.predicate
def is_direct_geboekt(user, aanvraag):
    return aanvraag is not None and aanvraag.direct_geboekt


is_houder = is_budgethouder & is_houder_van_aanvraag_fonds
beslist_als_budgethouder = is_houder & ~is_aanvrager
beslist_als_coach = is_maatwerkcoach & binnen_coachgrens_van_team & ~is_aanvrager
mag_aanvraag_zien = (
    ziet_casus_van_aanvraag | is_houder | (is_maatwerkcoach & binnen_coachgrens_van_team)
    | (is_college & is_voorgelegd_aan_college)
)

rules.add_perm("budget.zie_fondsen", is_omo | is_beheerder | is_college | is_budgethouder)
rules.add_perm("budget.zie_alle_fondsen", is_omo | is_beheerder | is_college)
rules.add_perm("budget.bekijk_fonds", is_omo | is_beheerder | is_college | (is_budgethouder & is_houder_van_fonds))
rules.add_perm(
    "budget.bekijk_transactie", is_omo | is_beheerder | is_college | (is_budgethouder & is_houder_van_aanvraag_fonds)
)
rules.add_perm("budget.boek_op_fonds", is_beheerder | (is_budgethouder & is_houder_van_fonds))
rules.add_perm("budget.beslis_aanvragen", is_budgethouder | is_maatwerkcoach)
rules.add_perm("budget.zie_achteraf", is_budgethouder | is_omo)
rules.add_perm("budget.zie_leningen", is_omo | is_beheerder | is_college | is_budgethouder)
rules.add_perm("budget.vraag_geld_aan", is_consulent | is_maatwerkcoach)
# obj: the case. The casushouder or a medebehandelaar asks money for it.
rules.add_perm("budget.vraag_geld_aan_voor", is_betrokken_behandelaar)
rules.add_perm("budget.bekijk_aanvraag", mag_aanvraag_zien)
rules.add_perm("budget.voer_aanvraag_uit", is_houder)
# Without object: whose work it is to book payments and repayments at all (the werkvoorraad).
rules.add_perm("budget.boek_betalingen", is_budgethouder)
rules.add_perm("budget.werk_aan_aanvraag", is_betrokkene_van_aanvraag)
rules.add_perm("budget.beslis_als_budgethouder", beslist_als_budgethouder)
rules.add_perm("budget.beslis_als_coach", beslist_als_coach)
rules.add_perm("budget.beslis_over_aanvraag", beslist_als_budgethouder | beslist_als_coach)
# The College (or the OMO-functionaris recording its decision) decides on requests put before
# it: the role may use the decision form at all; the request must lie with the College now.
rules.add_perm("budget.beslis_namens_college", is_college | is_omo)
rules.add_perm("budget.beslis_als_college", ligt_bij_college & (is_college | is_omo))
rules.add_perm("budget.rond_aanvraag_af", is_houder | is_betrokkene_van_aanvraag)
rules.add_perm("budget.beoordeel_achteraf", is_direct_geboekt & ~is_aanvrager & (is_houder | is_omo))
# Funds and their rules in the admin; the ledger itself is changed only through the budget pages.
beheer_rechten("budget", "fonds", ("view", "add", "change"))


# --- Queryset twins ----------------------------------------------------------------------------


@tweeling("budget.bekijk_fonds", "budget.Fonds")
def zichtbare_fondsen(user) -> Q:
    if any(heeft_rol(user, r) for r in (roles.OMO, roles.BEHEERDER, roles.COLLEGE)):
        return Q()
    if heeft_rol(user, roles.BUDGETHOUDER):
        return Q(pk__in=fondsen_van(user))
    return GEEN


@tweeling("budget.bekijk_aanvraag", "budget.Aanvraag")
def zichtbare_aanvragen(user) -> Q:
    q = casus_zichtbaar(user, prefix="casus__")
    if heeft_rol(user, roles.BUDGETHOUDER):
        q |= Q(fonds_id__in=fondsen_van(user))
    if heeft_rol(user, roles.MAATWERKCOACH):
        q |= _coachgrens(user)
    if heeft_rol(user, roles.COLLEGE):
        q |= Q(escalatie__isnull=False)
    return q


def _coachgrens(user) -> Q:
    if user.team_id is None:
        return GEEN
    return Q(casus__team_id=user.team_id, fonds__coach_grens__isnull=False, bedrag__lte=F("fonds__coach_grens"))


@tweeling("budget.beslis_over_aanvraag", "budget.Aanvraag")
def beslisbare_aanvragen(user) -> Q:
    """The requests `user` may decide on (whatever their state): a fund they hold, or within
    the coach limit of their team as maatwerkcoach; never their own."""
    q = GEEN
    if heeft_rol(user, roles.BUDGETHOUDER):
        q |= Q(fonds_id__in=fondsen_van(user))
    if heeft_rol(user, roles.MAATWERKCOACH):
        q |= _coachgrens(user)
    return q & ~Q(aangevraagd_door_id=user.pk)


@tweeling("budget.voer_aanvraag_uit", "budget.Aanvraag")
def uitvoerbare_aanvragen(user) -> Q:
    """The requests whose payments and repayments `user` books: a fund they hold."""
    return Q(fonds_id__in=fondsen_van(user)) if heeft_rol(user, roles.BUDGETHOUDER) else GEEN


@tweeling("budget.beoordeel_achteraf", "budget.Aanvraag")
def achteraf_te_beoordelen(user) -> Q:
    q = GEEN
    if heeft_rol(user, roles.OMO):
        q = Q()
    elif heeft_rol(user, roles.BUDGETHOUDER):
        q = Q(fonds_id__in=fondsen_van(user))
    return q & Q(direct_geboekt=True) & ~Q(aangevraagd_door_id=user.pk)

