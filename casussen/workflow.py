"""The maatwerkreis as a table: which status may follow which, who may make the step, and
whether a reason is required (DESIGN §3). `casussen.services.casus.overgang` is the only code that
changes `Casus.status`, and it asks this module before it does.

`wie` names the capacities in which a step may be made, each a rule of `casussen.rules`
(`casussen.stap_als_<wie>`):
- "betrokkene": the casushouder or a medebehandelaar of the case (with a case role);
- "omo": the OMO-functionaris;
- "bestuur": the portefeuillehouder or the College, for a case escalated to them;
- "vervallen": who may declare a case vervallen (`casussen.verklaar_vervallen`).
Steps with `knop=True` are offered as a button on the case page; the others are taken by a
dedicated service (registering a decision, making the plan, closing, the overleg and escalation
services of `escalatie`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from casussen.models import Status

BETROKKENE = "betrokkene"
OMO = "omo"
BESTUUR = "bestuur"
VERVALLEN = "vervallen"


@dataclass(frozen=True)
class Overgang:
    van: str
    naar: str
    label: str
    wie: frozenset
    toelichting_verplicht: bool = False
    knop: bool = False


def _o(van, naar, label, wie, toelichting=False, knop=False):
    return [Overgang(v, naar, label, frozenset(wie), toelichting, knop) for v in van]


S = Status
OVERGANGEN: list[Overgang] = [
    *_o([S.AANGEMELD], S.IN_VOORBEREIDING, _("Voorbereiding starten"), {BETROKKENE, OMO}, knop=True),
    # Overleg (escalatie app): agenderen, bespreken, van de agenda halen, bezinningsperiode.
    *_o([S.IN_VOORBEREIDING], S.GEAGENDEERD, _("Agenderen voor het OMO-overleg"), {BETROKKENE, OMO}),
    # Taken by escalatie.services.overleg.trek_in, which withdraws the agenda item as well.
    *_o([S.GEAGENDEERD], S.IN_VOORBEREIDING, _("Van de agenda halen"), {BETROKKENE, OMO}, True),
    *_o([S.GEAGENDEERD], S.BESPROKEN, _("Besproken in het OMO-overleg"), {OMO}),
    *_o([S.BESPROKEN], S.IN_VOORBEREIDING, _("Terug naar voorbereiding"), {OMO}, True, knop=True),
    *_o([S.BESPROKEN], S.GEESCALEERD, _("Escaleren"), {OMO}, True),
    # Bezinningsperiode: straight back on the next meeting, with the alternatives to explore.
    *_o([S.BESPROKEN], S.GEAGENDEERD, _("Bezinningsperiode: opnieuw geagendeerd"), {OMO}, True),
    # An escalation laid back (teruggelegd) by the level it went to.
    *_o([S.GEESCALEERD], S.IN_VOORBEREIDING, _("Escalatie teruggelegd"), {OMO, BESTUUR}, True),
    # A decision: by the OMO-functionaris directly, or after the overleg or an escalation.
    *_o(
        [S.IN_VOORBEREIDING, S.GEAGENDEERD, S.BESPROKEN],
        S.BESLOTEN,
        _("Besluit vastleggen"),
        {OMO},
        True,
    ),
    *_o([S.GEESCALEERD], S.BESLOTEN, _("Besluit vastleggen"), {OMO, BESTUUR}, True),
    *_o([S.BESLOTEN], S.IN_VOORBEREIDING, _("Opnieuw voorbereiden"), {BETROKKENE, OMO}, True, knop=True),
    *_o([S.BESLOTEN], S.IN_UITVOERING, _("Doorbraakplan vaststellen"), {BETROKKENE}),
    *_o([S.IN_UITVOERING], S.MONITORING, _("Monitoring starten"), {BETROKKENE}, knop=True),
    *_o([S.MONITORING], S.IN_UITVOERING, _("Plan aanpassen"), {BETROKKENE}, True),
    *_o(
        [S.AANGEMELD, S.IN_VOORBEREIDING, S.BESPROKEN, S.BESLOTEN, S.IN_UITVOERING, S.MONITORING],
        S.AFGESLOTEN,
        _("Afsluiten"),
        {BETROKKENE, OMO},
        True,
    ),
    # A case registered by mistake: by the casushouder before its first overleg, by the
    # OMO-functionaris at any time (the rule `casussen.verklaar_vervallen` says when). Taken by
    # `casussen.services.casus.verklaar_vervallen`, which lets escalatie and budget close what
    # is open on the case.
    *_o(
        [S.AANGEMELD, S.IN_VOORBEREIDING, S.GEAGENDEERD, S.BESPROKEN, S.GEESCALEERD, S.BESLOTEN,
         S.IN_UITVOERING, S.MONITORING],
        S.VERVALLEN,
        _("Vervallen verklaren"),
        {VERVALLEN},
        True,
    ),
]

_INDEX = {(o.van, o.naar): o for o in OVERGANGEN}


def vind(van: str, naar: str) -> Overgang | None:
    return _INDEX.get((van, naar))


def volgende(van: str) -> list[Overgang]:
    return [o for o in OVERGANGEN if o.van == van]


def mag(user, casus, overgang: Overgang) -> bool:
    """Whether `user` may take `overgang` on `casus`: in one of the capacities the step names,
    each a rule of `casussen.rules` (`casussen.stap_als_<wie>`)."""
    from omo.toegang import mag as regel

    return any(regel(user, f"casussen.stap_als_{wie}", casus) for wie in sorted(overgang.wie))


def knoppen(user, casus) -> list[Overgang]:
    """The manual steps this user can take on this case now (for the case page)."""
    return [o for o in volgende(casus.status) if o.knop and mag(user, casus, o)]
