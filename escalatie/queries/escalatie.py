"""Reads for the escalation pages: the inbox and the dossier, in a fixed number of queries."""


from casussen.models import Canvas, Knelpunt, Kostenregel
from casussen.rendement import bereken
from escalatie.models import Escalatie, Niveau
from omo.roles import COLLEGE, OMO, PORTEFEUILLEHOUDER, has_role

HORIZON = 12


def zichtbare_escalaties(user):
    """The escalations `user` may see: the OMO-functionaris all; the portefeuillehouder those to
    level 2; the College those to level 3 (the rule `escalatie.bekijk_escalatie` as a filter,
    for lists)."""
    qs = Escalatie.objects.all()
    if has_role(user, OMO):
        return qs
    niveaus = []
    if has_role(user, PORTEFEUILLEHOUDER):
        niveaus.append(Niveau.PORTEFEUILLEHOUDER)
    if has_role(user, COLLEGE):
        niveaus.append(Niveau.COLLEGE)
    return qs.filter(naar_niveau__in=niveaus) if niveaus else qs.none()


def inbox(user):
    return zichtbare_escalaties(user).select_related("casus", "aangevraagd_door", "besloten_door", "scenario")


def dossier(escalatie):
    """Everything the dossier page shows besides the escalation itself."""
    casus = escalatie.casus
    canvas = Canvas.objects.filter(casus=casus).first()
    scenario = escalatie.scenario
    rendement = None
    if scenario is not None:
        rendement = bereken(
            Kostenregel.objects.filter(scenario=scenario).select_related("geldstroom").order_by("situatie", "pk"), HORIZON
        )
    knelpunten = list(Knelpunt.objects.filter(casus=casus).select_related("organisatie", "grondslag"))
    eerdere = list(
        Escalatie.objects.filter(casus=casus).exclude(pk=escalatie.pk).select_related("besloten_door").order_by("aangevraagd_op")
    )
    return {"canvas": canvas, "rendement": rendement, "knelpunten": knelpunten, "eerdere": eerdere}


def van_casus(casus):
    return list(
        Escalatie.objects.filter(casus=casus).select_related("aangevraagd_door", "besloten_door", "scenario")
        .order_by("-aangevraagd_op")
    )


