"""Reads for the overleg pages: the meeting list and the agenda with case summaries and
kassabons, in a fixed number of queries whatever the number of items."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from casussen.models import Canvas, Kostenregel, Scenario
from casussen.rendement import bereken
from escalatie.models import Agendapunt, Overleg
from omo.roles import OMO, has_role

HORIZON = 12


def overleggen():
    """The meeting list, with the number of items (submitted or discussed) per meeting."""
    return Overleg.objects.select_related("reeks", "voorzitter").annotate(
        aantal_punten=Count(
            "agendapunten",
            filter=Q(agendapunten__status__in=[Agendapunt.Status.INGEDIEND, Agendapunt.Status.BESPROKEN]),
        )
    )


def is_deelnemer(user, overleg) -> bool:
    """Chair, standing participant or recorded present (two small queries at most)."""
    if overleg.voorzitter_id == user.pk:
        return True
    return (
        overleg.reeks.vaste_deelnemers.filter(pk=user.pk).exists()
        or overleg.aanwezigen.filter(pk=user.pk).exists()
    )


def mag_alles_zien(user, overleg) -> bool:
    return has_role(user, OMO) or is_deelnemer(user, overleg)


def agenda(overleg, user, met_details: bool, statussen=None):
    """The items of a meeting in order. With `met_details` every item gets `.canvas` and
    `.scenarios` (each with `.rendement`); otherwise only the user's own cases are returned.
    Queries: items (+casus, submitter), medebehandelaars, and with details canvases, scenarios,
    cost lines: 5 at most."""
    statussen = statussen or [Agendapunt.Status.INGEDIEND, Agendapunt.Status.BESPROKEN]
    punten = list(
        Agendapunt.objects.filter(overleg=overleg, status__in=statussen)
        .select_related("casus", "ingediend_door", "aangevraagd_voor", "scenario", "vervolg_op")
        .prefetch_related("casus__medebehandelaars")
        .order_by("volgorde", "ingediend_op", "pk")
    )
    if not met_details:
        return [p for p in punten if p.casus.is_betrokkene(user)]
    casus_ids = [p.casus_id for p in punten]
    canvassen = {c.casus_id: c for c in Canvas.objects.filter(casus_id__in=casus_ids)}
    scenarios = defaultdict(list)
    for s in (
        Scenario.objects.filter(casus_id__in=casus_ids)
        .prefetch_related(
            Prefetch("kostenregels", queryset=Kostenregel.objects.select_related("geldstroom").order_by("situatie", "pk"))
        )
        .order_by("aangemaakt_op", "pk")
    ):
        s.rendement = bereken(s.kostenregels.all(), HORIZON)
        scenarios[s.casus_id].append(s)
    for p in punten:
        p.canvas = canvassen.get(p.casus_id)
        p.scenarios = scenarios.get(p.casus_id, [])
    return punten
