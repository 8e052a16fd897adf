"""Reads for the meeting mode: the agenda in order (with canvases, scenarios and kassabons from
`escalatie.queries.overleg.agenda`), the current item and the suggested escalation level of its
scenario — in a fixed number of queries whatever the number of items."""

from escalatie import niveau
from escalatie.models import Agendapunt
from escalatie.queries.overleg import agenda


def huidig_punt(punten, gekozen_id=None):
    """The item asked for (`?punt=`), else the first item without an outcome."""
    if gekozen_id:
        for p in punten:
            if str(p.pk) == str(gekozen_id):
                return p
    return next((p for p in punten if p.status == Agendapunt.Status.INGEDIEND), None)


def voorstel_voor(punt):
    """(scenario, Voorstel) for the chosen scenario of the item's case, or its first one.

    The scenario's cost lines and kassabon were loaded with the agenda (same 12-month horizon),
    so only the organisations (the scenario's partners and the knelpunten' organisations, in one
    query) and the funds' limits are read here: two queries. The result is
    `niveau.stel_niveau_voor` applied to the same facts `niveau.feiten_van` gathers."""
    if punt is None or not punt.scenarios:
        return None, None
    from django.db.models import Exists, OuterRef, Q

    from casussen.models import Knelpunt, Organisatie, Scenario

    scenario = next((s for s in punt.scenarios if s.gekozen), punt.scenarios[0])
    organisaties = list(
        Organisatie.objects.annotate(
            is_partner=Exists(Scenario.partners.through.objects.filter(scenario_id=scenario.pk, organisatie_id=OuterRef("pk"))),
            in_knelpunt=Exists(Knelpunt.objects.filter(casus_id=scenario.casus_id, organisatie_id=OuterRef("pk"))),
        )
        .filter(Q(is_partner=True) | Q(in_knelpunt=True))
        .order_by("naam")
        .values_list("naam", "soort", "is_partner", "in_knelpunt")
    )
    partners = [(naam, soort) for naam, soort, partner, _k in organisaties if partner]
    knelpunten = [(naam, soort) for naam, soort, _p, knelpunt in organisaties if knelpunt]
    feiten = niveau.feiten_uit(scenario, partners, scenario.rendement, knelpunten)
    return scenario, niveau.stel_niveau_voor(feiten)


def vergadermodus(overleg, user, gekozen_id=None) -> dict:
    """Everything the meeting mode page shows except the form."""
    punten = agenda(overleg, user, alle_punten=True)
    huidig = huidig_punt(punten, gekozen_id)
    scenario, voorstel = voorstel_voor(huidig)
    return {
        "overleg": overleg,
        "punten": punten,
        "huidig": huidig,
        "voorstel": voorstel,
        "voorstel_scenario": scenario,
        "nog_open": sum(p.status == Agendapunt.Status.INGEDIEND for p in punten),
    }
