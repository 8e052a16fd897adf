"""Reads for the plan, monitoring and knelpunten pages: a fixed number of queries per page,
whatever the number of actions, evaluations, scores or knelpunten."""

import datetime
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Q
from django.db.models.functions import JSONObject
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casussen.models import (
    Actie,
    Casus,
    Doorbraakplan,
    Evaluatie,
    Knelpunt,
    Leefgebied,
    Zelfredzaamheid,
)
from casussen.services.plan import reden_geen_plan

BINNENKORT_DAGEN = 14


class Stand:
    """Where an evaluation moment stands today."""

    VASTGELEGD = "vastgelegd"
    TE_LAAT = "te_laat"
    BINNENKORT = "binnenkort"
    GEPLAND = "gepland"


def stand_van(evaluatie: Evaluatie, vandaag: datetime.date) -> str:
    if evaluatie.uitkomst:
        return Stand.VASTGELEGD
    if evaluatie.gepland_op < vandaag:
        return Stand.TE_LAAT
    if evaluatie.gepland_op <= vandaag + datetime.timedelta(days=BINNENKORT_DAGEN):
        return Stand.BINNENKORT
    return Stand.GEPLAND


def evaluaties_van(casus, vandaag=None) -> list[Evaluatie]:
    vandaag = vandaag or timezone.localdate()
    rows = list(
        Evaluatie.objects.filter(casus=casus).select_related("uitgevoerd_door").order_by("maand", "pk")
    )
    for evaluatie in rows:
        evaluatie.stand = stand_van(evaluatie, vandaag)
    return rows


@dataclass
class Cel:
    score: int | None = None
    verschil: int | None = None

    @property
    def absoluut(self) -> int | None:
        return None if self.verschil is None else abs(self.verschil)


@dataclass
class Rij:
    leefgebied: object
    cellen: list = field(default_factory=list)


@dataclass
class Scoretabel:
    kolommen: list  # labels: "Intake", "Na 3 maanden", ...
    rijen: list

    @property
    def leeg(self) -> bool:
        return not any(c.score is not None for r in self.rijen for c in r.cellen)


def scoretabel(casus, evaluaties: list[Evaluatie]) -> Scoretabel:
    """Self-sufficiency over time: rows leefgebied, columns intake and each recorded evaluation;
    every cell has the score and the change since the previous score of that row.

    One query: the leefgebieden of the case (and any other one that has a score), each with its
    scores as an array of {evaluatie, score}."""
    vastgelegd = [e for e in evaluaties if e.uitkomst]
    kolom_van = {None: 0} | {e.pk: i + 1 for i, e in enumerate(vastgelegd)}
    kolommen = [_("Intake")] + [_("Na %(maand)s maanden") % {"maand": e.maand} for e in vastgelegd]
    van_casus = Zelfredzaamheid.objects.filter(casus=casus)
    rows = (
        Leefgebied.objects.filter(
            Q(pk__in=Casus.leefgebieden.through.objects.filter(casus=casus).values("leefgebied_id"))
            | Q(pk__in=van_casus.values("leefgebied_id"))
        )
        .annotate(
            score_lijst=ArraySubquery(
                van_casus.filter(leefgebied=OuterRef("pk"))
                .order_by("pk")
                .values(json=JSONObject(evaluatie="evaluatie_id", score="score"))
            )
        )
        .order_by("volgorde", "naam")
    )
    rijen = []
    for leefgebied in rows:
        waarden = {}
        for item in leefgebied.score_lijst:
            kolom = kolom_van.get(item["evaluatie"])
            if kolom is not None:
                waarden[kolom] = item["score"]
        rij = Rij(leefgebied)
        vorige = None
        for kolom in range(len(kolommen)):
            score = waarden.get(kolom)
            cel = Cel(score)
            if score is not None:
                if vorige is not None:
                    cel.verschil = score - vorige
                vorige = score
            rij.cellen.append(cel)
        rijen.append(rij)
    return Scoretabel(kolommen, rijen)


def plan_pagina(casus, vandaag=None) -> dict:
    """Everything the plan tab shows."""
    plan = Doorbraakplan.objects.filter(casus=casus).select_related("scenario").first()
    evaluaties = evaluaties_van(casus, vandaag) if plan else []
    return {
        "plan": plan,
        "acties": list(Actie.objects.filter(plan=plan)) if plan else [],
        "evaluaties": evaluaties,
        "scores": scoretabel(casus, evaluaties),
        "reden_geen_plan": "" if plan else reden_geen_plan(casus),
    }


def vorige_scores(casus, evaluatie: Evaluatie | None = None) -> dict[int, tuple[int, str]]:
    """Per leefgebied the latest score before `evaluatie` (or the latest at all): (score, when)."""
    rows = Zelfredzaamheid.objects.filter(casus=casus).select_related("evaluatie")
    if evaluatie is not None:
        rows = rows.exclude(evaluatie=evaluatie)
    result: dict[int, tuple[int, int, str]] = {}
    for z in rows:
        if z.evaluatie_id is None:
            volgorde, label = -1, _("intake")
        else:
            if not z.evaluatie.uitkomst or (evaluatie is not None and z.evaluatie.maand > evaluatie.maand):
                continue
            volgorde, label = z.evaluatie.maand, ngettext("na %(maand)s maand", "na %(maand)s maanden", z.evaluatie.maand) % {
                "maand": z.evaluatie.maand
            }
        huidig = result.get(z.leefgebied_id)
        if huidig is None or volgorde > huidig[1]:
            result[z.leefgebied_id] = (z.score, volgorde, label)
    return {pk: (score, label) for pk, (score, _volgorde, label) in result.items()}


def intake_scores(casus) -> dict[int, int]:
    return dict(
        Zelfredzaamheid.objects.filter(casus=casus, evaluatie__isnull=True).values_list("leefgebied_id", "score")
    )


def knelpunten_van(casus) -> list[Knelpunt]:
    return list(
        Knelpunt.objects.filter(casus=casus).select_related("organisatie", "grondslag").order_by("aangemaakt_op", "pk")
    )
