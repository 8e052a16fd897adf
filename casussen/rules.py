"""Who may do what with cases (DESIGN §10): every rule of the case pages and services.

- consulent: own cases (casushouder) and shared ones (medebehandelaar);
- maatwerkcoach: the cases of their team (and own/shared ones);
- omo: all cases; decides, closes, steps through the overleg;
- portefeuillehouder, college: act on a case escalated to them (through the escalation pages);
- beheerder: reference data, no case content; other roles: nothing here.

`zichtbaar(user)` is the rule `casussen.bekijk_casus` as a queryset filter (its twin): lists,
exports, search and fragments use it, so they never show a case whose page would be refused.
"""

import rules
from django.db.models import Q

from omo import roles
from omo.rules import (
    GEEN,
    beheer_rechten,
    heeft_casusrol,
    heeft_rol,
    is_beheerder,
    is_college,
    is_consulent,
    is_maatwerkcoach,
    is_omo,
    is_portefeuillehouder,
    onderwerp_tweeling,
    tweeling,
)


@rules.predicate
def is_betrokkene(user, casus):
    """Casushouder or medebehandelaar of the case."""
    return casus is not None and casus.is_betrokkene(user)


@rules.predicate
def is_casushouder(user, casus):
    return casus is not None and casus.casushouder_id == user.pk


@rules.predicate
def nog_niet_besproken(user, casus):
    """The case has not been in an overleg yet: never reached the status besproken."""
    from casussen.models import Status

    if casus is None or casus.status not in (Status.AANGEMELD, Status.IN_VOORBEREIDING, Status.GEAGENDEERD):
        return False
    return not casus.tijdlijn.filter(naar_status=Status.BESPROKEN).exists()


@rules.predicate
def is_open_casus(user, casus):
    return casus is not None and casus.is_open


@rules.predicate
def is_van_eigen_team(user, casus):
    return casus is not None and user.team_id is not None and casus.team_id == user.team_id


is_behandelaar = is_consulent | is_maatwerkcoach
is_betrokken_behandelaar = is_behandelaar & is_betrokkene
mag_casus_zien = is_omo | is_betrokken_behandelaar | (is_maatwerkcoach & is_van_eigen_team)
mag_casus_bewerken = is_betrokken_behandelaar

# Role-level: may use the case pages at all (list, search, inspiratie).
rules.add_perm("casussen.werk_met_casussen", heeft_casusrol)
rules.add_perm("casussen.meld_casus_aan", is_consulent)
rules.add_perm("casussen.zie_alle_casussen", is_omo)
# Asked of a person: can be casushouder or medebehandelaar of a case.
rules.add_perm("casussen.behandel_casussen", is_behandelaar)
# Object-level.
rules.add_perm("casussen.bekijk_casus", mag_casus_zien)
rules.add_perm("casussen.bewerk_casus", mag_casus_bewerken)
rules.add_perm("casussen.neem_besluit", is_omo)

# The capacities in which a user takes a step of the maatwerkreis (`casussen.workflow`):
# the case's casushouder or medebehandelaar, the OMO-functionaris, or the portefeuillehouder
# and the College for a case escalated to them.
rules.add_perm("casussen.stap_als_betrokkene", is_betrokken_behandelaar)
rules.add_perm("casussen.stap_als_omo", is_omo)
rules.add_perm("casussen.stap_als_bestuur", is_portefeuillehouder | is_college)
# A case registered by mistake is declared vervallen: by its casushouder before its first
# overleg, by the OMO-functionaris at any time.
mag_vervallen_verklaren = is_open_casus & (is_omo | (is_behandelaar & is_casushouder & nog_niet_besproken))
rules.add_perm("casussen.verklaar_vervallen", mag_vervallen_verklaren)
rules.add_perm("casussen.stap_als_vervallen", mag_vervallen_verklaren)

# Who records a decision of which level: the OMO-functionaris always (also on behalf of the
# wethouder, the College or the LET); the portefeuillehouder and the College their own.
rules.add_perm("casussen.besluit_omo", is_omo)
rules.add_perm("casussen.besluit_portefeuillehouder", is_omo | is_portefeuillehouder)
rules.add_perm("casussen.besluit_college", is_omo | is_college)
rules.add_perm("casussen.besluit_landelijk", is_omo)

# Reference pages (price list, legal bases): every case role, plus beheerder.
rules.add_perm("casussen.raadpleeg_referenties", heeft_casusrol | is_beheerder)
# The reference data in the admin (prices are versioned: a new price is a new row, never deleted).
for _model in ("leefgebied", "geldstroom", "organisatie", "wettelijkegrondslag"):
    beheer_rechten("casussen", _model)
beheer_rechten("casussen", "prijs", ("view", "add", "change"))


# --- Queryset twins ----------------------------------------------------------------------------


def gedeelde_casus_ids(user) -> list[int]:
    """Cases shared with `user` (medebehandelaar), read once per request."""
    from casussen.models import Casus

    cached = getattr(user, "_omo_gedeelde_casussen", None)
    if cached is None:
        cached = list(
            Casus.medebehandelaars.through.objects.filter(user_id=user.pk).values_list("casus_id", flat=True)
        )
        user._omo_gedeelde_casussen = cached
    return cached


@tweeling("casussen.bekijk_casus", "casussen.Casus")
def zichtbaar(user, prefix: str = "") -> Q:
    """A Q on Casus (or, with `prefix` such as "casus__", on a model pointing to it) that holds
    exactly for the cases `user` may see: the rule `casussen.bekijk_casus`."""
    if not getattr(user, "is_authenticated", False):
        return GEEN
    if heeft_rol(user, roles.OMO):
        return Q()
    q = GEEN
    if heeft_rol(user, roles.CONSULENT) or heeft_rol(user, roles.MAATWERKCOACH):
        # The ids of shared cases are read first (a short list), so that PostgreSQL can combine
        # the casushouder index and the primary key in one bitmap scan; an EXISTS inside the OR
        # would have it test every case of the gemeente.
        q |= Q(**{f"{prefix}casushouder_id": user.pk}) | Q(**{f"{prefix}pk__in": gedeelde_casus_ids(user)})
    if heeft_rol(user, roles.MAATWERKCOACH) and user.team_id is not None:
        q |= Q(**{f"{prefix}team_id": user.team_id})
    return q


@onderwerp_tweeling("casussen.behandel_casussen")
def behandelaars() -> Q:
    """A Q on User: who can be casushouder or medebehandelaar (an active consulent or coach)."""
    return Q(is_active=True, groups__name__in=[roles.CONSULENT, roles.MAATWERKCOACH])
