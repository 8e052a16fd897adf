"""Who may do what with the overleg, the escalations and the verzoeken (DESIGN §10).

- Overleg: the OMO-functionaris runs it (`leid_overleg`); participants (the chair, the standing
  participants of the series, those recorded present) and the OMO-functionaris see the whole
  agenda (`bekijk_overleg`), but the canvas, the household details and the kassabons of an item
  only when they may see that case (`casussen.bekijk_casus`); others see code, title, question
  and the decision asked. A consulent sees the meeting list and the items of their own cases;
  the casushouder or a medebehandelaar (or the OMO-functionaris) agendas a case.
- Escalaties: the OMO-functionaris sees all; the portefeuillehouder sees and decides the open
  ones at level 2, the College those at level 3 — and sees only the dossiers escalated to them;
  the casushouder and medebehandelaars read the escalations of their own case. A fund request
  put before the College is decided on the request's page (`budget.beslis_als_college`).
- Telefoonlijst: every case role and the beheerder read it; the OMO-functionaris and the
  beheerder maintain it; nobody links a contact to their own account.
- Verzoeken: the OMO-functionaris all; the sender and the case's betrokkenen theirs; a contact
  linked to an OMO account the verzoeken addressed to them — when that account has a working
  role (a link to an account gives no access by itself).

The queryset twins `zichtbare_escalaties` and `zichtbare_verzoeken` are these rules as filters.
"""

import rules
from django.db.models import Exists, OuterRef, Q

from casussen.rules import is_betrokken_behandelaar
from omo import roles
from omo.rules import (
    GEEN,
    heeft_casusrol,
    heeft_rol,
    heeft_werkrol,
    is_beheerder,
    is_college,
    is_omo,
    is_portefeuillehouder,
    onderwerp_tweeling,
    tweeling,
)

PORTEFEUILLEHOUDER, COLLEGE, LANDELIJK = 2, 3, 4  # escalatie.models.Niveau


@rules.predicate
def is_deelnemer(user, overleg):
    """The chair, a standing participant of the series or someone recorded present. Uses the
    annotations of `escalatie.queries.overleg.overleg_voor` when the page loaded them."""
    if overleg is None or not user.is_authenticated:
        return False
    if overleg.voorzitter_id == user.pk:
        return True
    if hasattr(overleg, "_is_vaste_deelnemer"):
        return overleg._is_vaste_deelnemer or overleg._is_aanwezig
    return overleg.reeks.vaste_deelnemers.filter(pk=user.pk).exists() or overleg.aanwezigen.filter(
        pk=user.pk
    ).exists()


@rules.predicate
def is_betrokkene_van_casus(user, obj):
    """The casushouder or a medebehandelaar, with a case role, of `obj` (a case, or an object
    with a `casus`)."""
    casus = getattr(obj, "casus", obj)
    return casus is not None and is_betrokken_behandelaar(user, casus)


@rules.predicate
def is_ontvanger_escalatie(user, escalatie):
    """The portefeuillehouder for level 2, the College for level 3."""
    if escalatie is None:
        return False
    if escalatie.naar_niveau == PORTEFEUILLEHOUDER:
        return is_portefeuillehouder(user)
    if escalatie.naar_niveau == COLLEGE:
        return is_college(user)
    return False


@rules.predicate
def is_landelijk(user, escalatie):
    return escalatie is not None and escalatie.naar_niveau == LANDELIJK


@rules.predicate
def is_open_escalatie(user, escalatie):
    return escalatie is not None and escalatie.is_open


@rules.predicate
def is_over_aanvraag(user, escalatie):
    return escalatie is not None and escalatie.onderwerp == "aanvraag"


@rules.predicate
def is_gekoppeld_contact(user, verzoek):
    """The verzoek is addressed to a contact linked to `user`'s account."""
    return (
        verzoek is not None
        and verzoek.contactpersoon_id is not None
        and verzoek.contactpersoon.gebruiker_id == user.pk
    )


@rules.predicate
def heeft_gekoppeld_contact(user):
    """`user`'s account is linked to a contact of the telefoonlijst (read once per request)."""
    cached = getattr(user, "_omo_is_contact", None)
    if cached is None:
        from escalatie.models import Contactpersoon

        cached = user._omo_is_contact = Contactpersoon.objects.filter(gebruiker_id=user.pk).exists()
    return cached


@rules.predicate
def is_vaste_deelnemer_ergens(user):
    """`user` is a standing participant of a series of meetings (read once per request)."""
    cached = getattr(user, "_omo_is_deelnemer", None)
    if cached is None:
        from escalatie.models import Overlegreeks

        cached = user._omo_is_deelnemer = Overlegreeks.vaste_deelnemers.through.objects.filter(
            user_id=user.pk
        ).exists()
    return cached


@rules.predicate
def is_afzender_verzoek(user, verzoek):
    return verzoek is not None and verzoek.aangemaakt_door_id == user.pk


@rules.predicate
def is_zelf(user, ander):
    return ander is not None and ander.pk == user.pk


is_ontvanger_verzoek = heeft_werkrol & is_gekoppeld_contact

# Overleg
# The meeting list: everyone with a case role, and a standing participant of a series (who sees
# the meetings of their series: the twin of escalatie.open_overleg).
rules.add_perm("escalatie.zie_overleggen", heeft_casusrol | is_vaste_deelnemer_ergens)
rules.add_perm("escalatie.leid_overleg", is_omo)
rules.add_perm("escalatie.bekijk_overleg", is_omo | is_deelnemer)
# The meeting's page: the whole agenda for the above, the items of their cases for a case role.
rules.add_perm("escalatie.open_overleg", is_omo | is_deelnemer | heeft_casusrol)
rules.add_perm("escalatie.agendeer_casus", is_omo | is_betrokkene_van_casus)
# Escalaties
rules.add_perm("escalatie.zie_escalaties", is_omo | is_portefeuillehouder | is_college)
rules.add_perm("escalatie.zie_alle_escalaties", is_omo)
rules.add_perm("escalatie.bekijk_escalatie", is_omo | is_ontvanger_escalatie | is_betrokkene_van_casus)
# Who is asked for the decision: the level's recipients; for the LET, the OMO-functionaris
# (who sends the dossier and records the answer).
rules.add_perm("escalatie.ontvang_escalatie", is_ontvanger_escalatie | (is_omo & is_landelijk))
rules.add_perm(
    "escalatie.beslis_escalatie", is_open_escalatie & ~is_over_aanvraag & (is_omo | is_ontvanger_escalatie)
)
# A fund request's escalation: the College (or the OMO-functionaris on its behalf) decides on
# the request's page; the escalation is closed with that decision.
rules.add_perm(
    "escalatie.beslis_aanvraag_escalatie", is_open_escalatie & is_over_aanvraag & (is_omo | is_ontvanger_escalatie)
)
rules.add_perm("escalatie.escaleer", is_omo)
rules.add_perm("escalatie.stel_let_dossier_op", is_omo & is_landelijk)
# Telefoonlijst
rules.add_perm("escalatie.raadpleeg_telefoonlijst", heeft_casusrol | is_beheerder)
rules.add_perm("escalatie.beheer_telefoonlijst", is_omo | is_beheerder)
# A contact is linked to an account (obj: that user) by someone else only.
rules.add_perm("escalatie.koppel_contact_aan", (is_omo | is_beheerder) & ~is_zelf)
# Verzoeken
rules.add_perm("escalatie.zie_verzoeken", heeft_casusrol | (heeft_werkrol & heeft_gekoppeld_contact))
rules.add_perm("escalatie.registreer_landelijk_verzoek", is_omo)
rules.add_perm("escalatie.zie_alle_verzoeken", is_omo)
rules.add_perm("escalatie.stuur_verzoek", is_omo | is_betrokkene_van_casus)
rules.add_perm(
    "escalatie.bekijk_verzoek",
    is_omo | (heeft_casusrol & is_afzender_verzoek) | is_ontvanger_verzoek | is_betrokkene_van_casus,
)
rules.add_perm("escalatie.behandel_verzoek", is_omo | is_ontvanger_verzoek)
# Who can be linked to a contact and then handle the verzoeken to it (asked of the candidate).
rules.add_perm("escalatie.behandel_verzoeken_als_contact", heeft_werkrol)


@onderwerp_tweeling("escalatie.behandel_verzoeken_als_contact")
def werkrollen() -> Q:
    return Q(is_active=True, groups__name__in=[
        roles.CONSULENT, roles.MAATWERKCOACH, roles.OMO, roles.BUDGETHOUDER, roles.PORTEFEUILLEHOUDER, roles.COLLEGE,
    ])


# --- Queryset twins ----------------------------------------------------------------------------


@tweeling("escalatie.open_overleg", "escalatie.Overleg")
def zichtbare_overleggen(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return GEEN
    if any(heeft_rol(user, rol) for rol in (roles.CONSULENT, roles.MAATWERKCOACH, roles.OMO)):
        return Q()
    from escalatie.models import Overleg

    deelnemer = Overleg.objects.filter(
        Q(voorzitter_id=user.pk) | Q(reeks__vaste_deelnemers__id=user.pk) | Q(aanwezigen__id=user.pk)
    ).values("pk")
    return Q(pk__in=deelnemer)


@tweeling("escalatie.bekijk_escalatie", "escalatie.Escalatie")
def zichtbare_escalaties(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return GEEN
    if heeft_rol(user, roles.OMO):
        return Q()
    q = GEEN
    if heeft_rol(user, roles.PORTEFEUILLEHOUDER):
        q |= Q(naar_niveau=PORTEFEUILLEHOUDER)
    if heeft_rol(user, roles.COLLEGE):
        q |= Q(naar_niveau=COLLEGE)
    if heeft_rol(user, roles.CONSULENT) or heeft_rol(user, roles.MAATWERKCOACH):
        q |= _betrokken(user)
    return q


def _betrokken(user) -> Q:
    """On a model with a `casus`: the case is the user's own or shared with them (not: of their
    team, which the case rule allows a coach but the escalation and verzoek rules do not)."""
    from casussen.models import Casus

    mede = Casus.medebehandelaars.through.objects.filter(casus_id=OuterRef("casus_id"), user_id=user.pk)
    return Q(casus__casushouder_id=user.pk) | Q(Exists(mede))


@tweeling("escalatie.bekijk_verzoek", "escalatie.Verzoek")
def zichtbare_verzoeken(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return GEEN
    if heeft_rol(user, roles.OMO):
        return Q()
    q = GEEN
    if heeft_casusrol(user):
        q |= Q(aangemaakt_door_id=user.pk)
    if heeft_rol(user, roles.CONSULENT) or heeft_rol(user, roles.MAATWERKCOACH):
        q |= _betrokken(user)
    if heeft_werkrol(user):
        q |= Q(contactpersoon__gebruiker_id=user.pk)
    return q

