"""Reads for the overleg pages: the meeting list and the agenda with case summaries and
kassabons, in a fixed number of queries whatever the number of items."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from casussen.models import Canvas, Kostenregel, Scenario
from casussen.rendement import bereken
from escalatie.models import Agendapunt, Overleg, Overlegreeks, Verslag
from omo.toegang import mag

HORIZON = 12


def overleggen():
    """The meeting list, with the number of items (submitted or discussed) per meeting."""
    return Overleg.objects.select_related("reeks", "voorzitter").annotate(
        aantal_punten=Count(
            "agendapunten",
            filter=Q(agendapunten__status__in=[Agendapunt.Status.INGEDIEND, Agendapunt.Status.BESPROKEN]),
        )
    )


def overleg_voor(pk, user):
    """One meeting for its page, with in the same query whether `user` is a standing participant
    of the series or was recorded present, and whether the verslag exists (None when absent)."""
    vast = Overlegreeks.vaste_deelnemers.through.objects.filter(overlegreeks_id=OuterRef("reeks_id"), user_id=user.pk)
    aanwezig = Overleg.aanwezigen.through.objects.filter(overleg_id=OuterRef("pk"), user_id=user.pk)
    return (
        Overleg.objects.select_related("reeks", "voorzitter")
        .annotate(
            _is_vaste_deelnemer=Exists(vast), _is_aanwezig=Exists(aanwezig),
            _heeft_verslag=Exists(Verslag.objects.filter(overleg_id=OuterRef("pk"))),
        )
        .filter(pk=pk)
        .first()
    )


def mag_alles_zien(user, overleg) -> bool:
    """The rule `escalatie.bekijk_overleg` (OMO-functionaris, chair, standing participant or
    recorded present); with the annotations of `overleg_voor` it needs no queries."""
    return mag(user, "escalatie.bekijk_overleg", overleg)


def mag_intrekken(user, punt) -> bool:
    """The rule `escalatie.agendeer_casus` for an item of `agenda` (its case's medebehandelaars
    are prefetched)."""
    return mag(user, "escalatie.agendeer_casus", punt.casus)


def agenda(overleg, user, alle_punten: bool, statussen=None):
    """The items of a meeting in order, each with `.toon_details` — the case rule
    (`casussen.bekijk_casus`) lets `user` see the case — and, only then, `.canvas` and
    `.scenarios` (every scenario with its `.rendement`, the kassabon over HORIZON months).
    Without details an item shows code, title, question and the decision asked.

    With `alle_punten` (the OMO-functionaris and the participants) every item; otherwise only
    the items whose case `user` may see. Queries, whatever the number of items: items (+case,
    submitter, meetings), the cases' medebehandelaars (for the rules), canvases, scenarios and
    all their cost lines (with geldstroom) — 5."""
    statussen = statussen or [Agendapunt.Status.INGEDIEND, Agendapunt.Status.BESPROKEN]
    punten = list(
        Agendapunt.objects.filter(overleg=overleg, status__in=statussen)
        .select_related("casus", "ingediend_door", "aangevraagd_voor", "toegelaten_door", "scenario", "vervolg_op")
        .prefetch_related("casus__medebehandelaars")
        .order_by("volgorde", "ingediend_op", "pk")
    )
    for p in punten:
        p.toon_details = mag(user, "casussen.bekijk_casus", p.casus)
        p.canvas, p.scenarios = None, []
    if not alle_punten:
        punten = [p for p in punten if p.toon_details]
    casus_ids = [p.casus_id for p in punten if p.toon_details]
    if not casus_ids:
        return punten
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
        if p.toon_details:
            p.canvas = canvassen.get(p.casus_id)
            p.scenarios = scenarios.get(p.casus_id, [])
    return punten
