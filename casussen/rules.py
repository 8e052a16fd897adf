"""Object rules for cases (DESIGN §10), registered with the `rules` package.

- consulent: own cases (casushouder) and shared ones (medebehandelaar);
- maatwerkcoach: the cases of their team (and own/shared ones);
- omo: all cases;
- beheerder: reference data, no case content; other roles: nothing here yet.

`casussen.queries.zichtbare_casussen(user)` is the same rule as a queryset filter: lists,
exports, search and fragments use it, so they never show a case whose page would be refused.
"""

import rules

from omo.roles import is_consulent, is_maatwerkcoach, is_omo


@rules.predicate
def is_betrokkene(user, casus):
    return casus is not None and casus.is_betrokkene(user)


@rules.predicate
def is_van_eigen_team(user, casus):
    return casus is not None and user.team_id is not None and casus.team_id == user.team_id


heeft_casusrol = is_consulent | is_maatwerkcoach | is_omo
mag_casus_zien = is_omo | ((is_consulent | is_maatwerkcoach) & is_betrokkene) | (
    is_maatwerkcoach & is_van_eigen_team
)
mag_casus_bewerken = (is_consulent | is_maatwerkcoach) & is_betrokkene

# Role-level: may use the case pages at all (list, search, inspiratie).
rules.add_perm("casussen.werk_met_casussen", heeft_casusrol)
rules.add_perm("casussen.meld_casus_aan", is_consulent)
# Object-level.
rules.add_perm("casussen.bekijk_casus", mag_casus_zien)
rules.add_perm("casussen.bewerk_casus", mag_casus_bewerken)
rules.add_perm("casussen.neem_besluit", is_omo)
# Reference pages (price list, legal bases): every case role, plus beheerder.
from omo.roles import is_beheerder  # noqa: E402

rules.add_perm("casussen.raadpleeg_referenties", heeft_casusrol | is_beheerder)
