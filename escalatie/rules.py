"""Object rules of the overleg, the escalations and the verzoeken (DESIGN §10).

- Overleg: the OMO-functionaris runs it (`leid_overleg`); participants (the chair, the standing
  participants of the series, those recorded present) and the OMO-functionaris see the agenda
  with summaries and kassabons (`bekijk_overleg`); a consulent sees the meeting list and the
  items of their own cases; anyone with a case role may agenda a case they work on.
- Escalaties: the OMO-functionaris sees all; the portefeuillehouder sees and decides the open
  ones at level 2, the College those at level 3 — and sees only the dossiers escalated to them;
  the casushouder reads the escalations of their own case.
- Telefoonlijst: every case role reads it; the OMO-functionaris and the beheerder maintain it.
- Verzoeken: the OMO-functionaris all; the sender and the case's betrokkenen theirs; a contact
  with an OMO account the verzoeken addressed to them.
"""

import rules

from omo.roles import (
    is_beheerder,
    is_college,
    is_consulent,
    is_maatwerkcoach,
    is_omo,
    is_portefeuillehouder,
)

heeft_casusrol = is_consulent | is_maatwerkcoach | is_omo


@rules.predicate
def is_deelnemer(user, overleg):
    if overleg is None or not user.is_authenticated:
        return False
    if overleg.voorzitter_id == user.pk:
        return True
    return overleg.reeks.vaste_deelnemers.filter(pk=user.pk).exists() or overleg.aanwezigen.filter(
        pk=user.pk
    ).exists()


@rules.predicate
def is_betrokkene_van_casus(user, obj):
    casus = getattr(obj, "casus", obj)
    return casus is not None and casus.is_betrokkene(user)


@rules.predicate
def is_ontvanger_escalatie(user, escalatie):
    """The portefeuillehouder for level 2, the College for level 3."""
    if escalatie is None:
        return False
    if escalatie.naar_niveau == 2:
        return is_portefeuillehouder(user)
    if escalatie.naar_niveau == 3:
        return is_college(user)
    return False


@rules.predicate
def is_open_escalatie(user, escalatie):
    return escalatie is not None and escalatie.is_open


@rules.predicate
def is_ontvanger_verzoek(user, verzoek):
    return (
        verzoek is not None
        and verzoek.contactpersoon_id is not None
        and verzoek.contactpersoon.gebruiker_id == user.pk
    )


@rules.predicate
def is_afzender_verzoek(user, verzoek):
    return verzoek is not None and verzoek.aangemaakt_door_id == user.pk


# Overleg
rules.add_perm("escalatie.zie_overleggen", heeft_casusrol)
rules.add_perm("escalatie.leid_overleg", is_omo)
rules.add_perm("escalatie.bekijk_overleg", is_omo | is_deelnemer)
rules.add_perm("escalatie.agendeer_casus", is_omo | ((is_consulent | is_maatwerkcoach) & is_betrokkene_van_casus))
# Escalaties
rules.add_perm("escalatie.zie_escalaties", is_omo | is_portefeuillehouder | is_college)
rules.add_perm(
    "escalatie.bekijk_escalatie",
    is_omo | is_ontvanger_escalatie | ((is_consulent | is_maatwerkcoach) & is_betrokkene_van_casus),
)
rules.add_perm("escalatie.beslis_escalatie", is_open_escalatie & (is_omo | is_ontvanger_escalatie))
rules.add_perm("escalatie.escaleer", is_omo)
# Telefoonlijst
rules.add_perm("escalatie.raadpleeg_telefoonlijst", heeft_casusrol | is_beheerder)
rules.add_perm("escalatie.beheer_telefoonlijst", is_omo | is_beheerder)
# Verzoeken
rules.add_perm("escalatie.zie_verzoeken", heeft_casusrol)
rules.add_perm("escalatie.registreer_landelijk_verzoek", is_omo)
rules.add_perm(
    "escalatie.bekijk_verzoek",
    is_omo | is_afzender_verzoek | is_ontvanger_verzoek | ((is_consulent | is_maatwerkcoach) & is_betrokkene_van_casus),
)
rules.add_perm("escalatie.behandel_verzoek", is_omo | is_ontvanger_verzoek)
