"""Reads for the scenario pages: a fixed number of queries whatever the number of scenarios and
cost lines. The lines are prefetched with their geldstroom and counted in Python by the pure
`casussen.rendement.bereken`."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from casussen.models import Kostenregel, Prijs, Scenario, ScenarioGrondslag
from casussen.queries.referentie import geldige_prijzen
from casussen.rendement import bereken, sorteer_betaler, sorteer_geldstroom


def _kostenregels():
    return Prefetch(
        "kostenregels", queryset=Kostenregel.objects.select_related("geldstroom").order_by("situatie", "pk")
    )


def scenarios_van(casus, horizon: int, met_partners: bool = False) -> list[Scenario]:
    """All scenarios of the case, each with `.rendement` over `horizon` and
    `.aantal_grondslagen`; with `met_partners` also the partners (for the comparison)."""
    qs = (
        Scenario.objects.filter(casus=casus)
        .annotate(aantal_grondslagen=Count("legitimiteit", distinct=True))
        .prefetch_related(_kostenregels())
        .order_by("aangemaakt_op", "pk")
    )
    scenarios = list(qs.prefetch_related("partners") if met_partners else qs)
    for scenario in scenarios:
        scenario.rendement = bereken(scenario.kostenregels.all(), horizon)
    return scenarios


def scenario_voor(casus, scenario_id: int) -> Scenario:
    """One scenario of this case with its legal bases, partners and cost lines (404 otherwise)."""
    qs = Scenario.objects.filter(casus=casus).prefetch_related(
        Prefetch(
            "legitimiteit",
            queryset=ScenarioGrondslag.objects.select_related("grondslag").order_by(
                "grondslag__wet", "grondslag__artikel"
            ),
        ),
        "partners",
        _kostenregels(),
    )
    return get_object_or_404(qs, pk=scenario_id)


def prijskeuze() -> list[Prijs]:
    """The price-list items a cost line can be picked from: the versions valid today."""
    return list(geldige_prijzen())


def prijzen_per_geldstroom(prijzen) -> list[tuple]:
    """[(geldstroom, [prijs, …]), …] in the order of the geldstromen, items alphabetical."""
    groepen: dict = {}
    for prijs in prijzen:
        groepen.setdefault(prijs.geldstroom, []).append(prijs)
    return [
        (geldstroom, sorted(items, key=lambda p: p.item.lower()))
        for geldstroom, items in sorted(groepen.items(), key=lambda kv: (kv[0].volgorde, kv[0].naam))
    ]


@dataclass(frozen=True)
class Rij:
    label: str
    waarden: tuple
    soort: str = "bedrag"  # bedrag, besparing, tekst


@dataclass(frozen=True)
class Groep:
    titel: str
    rijen: tuple


def vergelijking(scenarios) -> list[Groep]:
    """The comparison table: one column per scenario (each with `.rendement`), rows in groups."""
    rendementen = [s.rendement for s in scenarios]

    def rij(label, waarden, soort="bedrag"):
        return Rij(str(label), tuple(waarden), soort)

    totalen = Groep(
        _("Kosten per situatie"),
        (
            rij(_("Huidige situatie"), [r.huidig for r in rendementen]),
            rij(_("Dreigend scenario (verwacht, met kans)"), [r.dreigend for r in rendementen]),
            rij(_("Met doorbraak"), [r.doorbraak for r in rendementen]),
        ),
    )
    besparing = Groep(
        _("Verwachte besparing"),
        (
            rij(_("Ten opzichte van het dreigend scenario"), [r.besparing_tov_dreigend for r in rendementen], "besparing"),
            rij(_("Ten opzichte van de huidige situatie"), [r.besparing_tov_huidig for r in rendementen], "besparing"),
        ),
    )

    def verdeling_groep(titel, attr, volgorde):
        labels: dict = {}
        for r in rendementen:
            for v in getattr(r, attr):
                labels.setdefault(v.sleutel, v.label)
        rijen = []
        for sleutel, label in sorted(labels.items(), key=volgorde):
            per_scenario = [{v.sleutel: v for v in getattr(r, attr)}.get(sleutel) for r in rendementen]
            waarden = [v.besparing_tov_dreigend if v is not None else None for v in per_scenario]
            rijen.append(rij(label, waarden, "besparing"))
        return Groep(titel, tuple(rijen))

    per_geldstroom = verdeling_groep(
        _("Besparing t.o.v. dreigend, per geldstroom"), "per_geldstroom", sorteer_geldstroom
    )
    per_betaler = verdeling_groep(_("Besparing t.o.v. dreigend, per betaler"), "per_betaler", sorteer_betaler)

    waardendriehoek = Groep(
        _("Legitimiteit en kaders"),
        (
            rij(_("Aantal wettelijke grondslagen"), [s.aantal_grondslagen for s in scenarios], "tekst"),
            rij(
                _("Past binnen bestaande kaders"),
                [_("ja") if s.past_in_kaders else _("nee") for s in scenarios],
                "tekst",
            ),
            rij(
                _("Benodigde partners"),
                [", ".join(p.naam for p in s.partners.all()) or "—" for s in scenarios],
                "tekst",
            ),
            rij(_("Gekozen"), [_("ja") if s.gekozen else _("nee") for s in scenarios], "tekst"),
        ),
    )
    return [g for g in (totalen, besparing, per_geldstroom, per_betaler, waardendriehoek) if g.rijen]
