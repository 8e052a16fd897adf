"""Reads for the overleg pages: the meeting list and the agenda with case summaries and
kassabons, in a fixed number of queries whatever the number of items."""

from collections import defaultdict

import rules
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q

from casussen.models import Canvas, Casus, Kostenregel, Scenario
from casussen.rendement import bereken
from escalatie.models import Agendapunt, Overleg, Overlegreeks, Verslag
from omo.roles import CONSULENT, MAATWERKCOACH, OMO, has_role

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
    recorded present), answered from the annotations of `overleg_voor` without more queries."""
    if not hasattr(overleg, "_is_vaste_deelnemer"):
        return rules.has_perm("escalatie.bekijk_overleg", user, overleg)
    return (
        has_role(user, OMO) or overleg.voorzitter_id == user.pk or overleg._is_vaste_deelnemer or overleg._is_aanwezig
    )


def _eigen_casus(user):
    """Whether the item's case is one of `user`'s (casushouder or medebehandelaar), in SQL: the
    same as `Casus.is_betrokkene`."""
    mede = Casus.medebehandelaars.through.objects.filter(casus_id=OuterRef("casus_id"), user_id=user.pk)
    return ExpressionWrapper(Q(casus__casushouder_id=user.pk) | Exists(mede), output_field=BooleanField())


def mag_intrekken(user, punt) -> bool:
    """The rule `escalatie.agendeer_casus` for an item of `agenda` (uses its `is_eigen`)."""
    return has_role(user, OMO) or ((has_role(user, CONSULENT) or has_role(user, MAATWERKCOACH)) and punt.is_eigen)


def agenda(overleg, user, met_details: bool, statussen=None):
    """The items of a meeting in order, each with `.canvas` and `.scenarios` (every scenario with
    its `.rendement`, the kassabon over HORIZON months).

    With `met_details` (the OMO-functionaris and the participants) all items; otherwise only the
    items of the user's own cases (casushouder or medebehandelaar). Queries, whatever the number
    of items: items (+case, submitter, meetings, whether the case is the user's), canvases,
    scenarios and all their cost lines (with geldstroom) — 4."""
    statussen = statussen or [Agendapunt.Status.INGEDIEND, Agendapunt.Status.BESPROKEN]
    punten = list(
        Agendapunt.objects.filter(overleg=overleg, status__in=statussen)
        .select_related("casus", "ingediend_door", "aangevraagd_voor", "toegelaten_door", "scenario", "vervolg_op")
        .annotate(is_eigen=_eigen_casus(user))
        .filter(**({} if met_details else {"is_eigen": True}))
        .order_by("volgorde", "ingediend_op", "pk")
    )
    if not punten:
        return punten
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
