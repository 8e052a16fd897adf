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
    so only the partners and the knelpunten' organisations are read here: two queries. The
    result is `niveau.stel_niveau_voor` applied to the same facts `niveau.feiten_van` gathers."""
    if punt is None or not punt.scenarios:
        return None, None
    from casussen.models import Knelpunt

    scenario = next((s for s in punt.scenarios if s.gekozen), punt.scenarios[0])
    partners = list(scenario.partners.values_list("naam", "soort"))
    knelpunten = list(
        Knelpunt.objects.filter(casus_id=scenario.casus_id, organisatie__isnull=False).values_list(
            "organisatie__naam", "organisatie__soort"
        )
    )
    feiten = niveau.feiten_uit(scenario, partners, scenario.rendement, knelpunten)
    return scenario, niveau.stel_niveau_voor(feiten)


def vergadermodus(overleg, user, gekozen_id=None) -> dict:
    """Everything the meeting mode page shows except the form."""
    punten = agenda(overleg, user, met_details=True)
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
