"""Reads for the escalation pages: the inbox and the dossier, in a fixed number of queries."""

from decimal import Decimal

from django.db.models import Prefetch

from casussen.models import Canvas, Knelpunt, Kostenregel, Leefgebied, Organisatie
from casussen.rendement import bereken
from escalatie import niveau
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


def escalatie_voor_dossier(pk):
    """One escalation with everything its dossier page shows about the case, in four queries
    (the escalation with case, canvas and scenario; leefgebieden; organisaties; partners)."""
    return (
        Escalatie.objects.filter(pk=pk)
        .select_related(
            "casus", "casus__casushouder", "casus__team", "casus__canvas", "scenario", "aangevraagd_door",
            "besloten_door",
        )
        .prefetch_related(
            Prefetch("casus__leefgebieden", queryset=Leefgebied.objects.order_by("volgorde", "naam")),
            Prefetch("casus__organisaties", queryset=Organisatie.objects.order_by("naam")),
            Prefetch("scenario__partners", queryset=Organisatie.objects.order_by("naam")),
        )
        .annotate(**niveau.budget_annotaties())
        .first()
    )


def _of(gegeven, escalatie, veld):
    """An amount passed in, else the one annotated on the escalation by `escalatie_voor_dossier`
    (zero when there is no fund), else None: then `niveau.feiten_uit` reads the funds itself."""
    if gegeven is not None:
        return gegeven
    if hasattr(escalatie, veld):
        return getattr(escalatie, veld) or Decimal("0")
    return None


def dossier(escalatie, mandaat=None, beschikbaar=None):
    """Everything the dossier page shows besides the escalation itself (three queries): the
    canvas, the scenario's kassabon and the level suggestion with its reasons, the knelpunten,
    and the case's other escalations."""
    casus = escalatie.casus
    try:
        canvas = casus.canvas
    except Canvas.DoesNotExist:
        canvas = None
    knelpunten = list(Knelpunt.objects.filter(casus=casus).select_related("organisatie", "grondslag"))
    scenario = escalatie.scenario
    rendement = voorstel = None
    if scenario is not None:
        rendement = bereken(
            Kostenregel.objects.filter(scenario=scenario).select_related("geldstroom").order_by("situatie", "pk"), HORIZON
        )
        feiten = niveau.feiten_uit(
            scenario, [(p.naam, p.soort) for p in scenario.partners.all()], rendement,
            [(k.organisatie.naam, k.organisatie.soort) for k in knelpunten if k.organisatie_id],
            _of(mandaat, escalatie, "budget_mandaat"), _of(beschikbaar, escalatie, "budget_beschikbaar"),
        )
        voorstel = niveau.stel_niveau_voor(feiten)
    eerdere = list(
        Escalatie.objects.filter(casus=casus).exclude(pk=escalatie.pk).select_related("besloten_door", "scenario")
        .order_by("aangevraagd_op")
    )
    return {"canvas": canvas, "rendement": rendement, "voorstel": voorstel, "knelpunten": knelpunten,
            "eerdere": eerdere}


def van_casus(casus):
    return list(
        Escalatie.objects.filter(casus=casus).select_related("aangevraagd_door", "besloten_door", "scenario")
        .order_by("-aangevraagd_op")
    )


