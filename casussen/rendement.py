"""Rendement: what the three situations of a scenario cost over a horizon (DESIGN §4).

One pure function, `bereken(regels, horizon)`, used by the scenario pages (the kassabon and the
comparison), the reports and the tests. It reads no database and changes nothing: give it cost
lines (``Kostenregel`` instances or any object with the same attributes) and it returns frozen
dataclasses.

Rules
-----
- The horizon is 12, 24 or 36 months; month 1 is the first month of the horizon.
- A one-off line (``eenmalig``) counts once when its start month falls inside the horizon.
- A monthly line (``maandelijks``) counts for the months of its duration that fall inside the
  horizon: ``max(0, min(horizon, start + duur - 1) - start + 1)``; without a duration it runs to
  the end of the horizon.
- A line of the *dreigend* scenario is multiplied by its probability ``kans / 100``; the
  probability of the other situations is ignored.
- Everything is ``Decimal`` and nothing is rounded here; round to cents only for display.

Per line: ``prijs × aantal × maanden [× kans / 100]``. Totals per situation, per
(situation, geldstroom) and per (situation, payer), and the expected saving of the doorbraak:
``besparing_tov_dreigend = dreigend − doorbraak`` and ``besparing_tov_huidig = huidig −
doorbraak``, in total, per geldstroom and per payer (a negative saving is an extra cost).

Worked example, horizon 12::

    huidig     bijstand        € 1.100,00 × 1 per maand, maand 1, geen duur  → 12 mnd = 13.200,00
    dreigend   huisuitzetting  € 8.000,00 × 1 eenmalig in maand 3, kans 60 % →  8.000 × 0,6 = 4.800,00
    dreigend   opvang          €   100,00 × 1 per maand vanaf maand 4,
                               6 maanden, kans 50 %   → 6 mnd × 100 × 0,5    =   300,00
    doorbraak  schuldregeling  € 2.500,00 × 1 eenmalig in maand 1                 = 2.500,00
    doorbraak  bijstand        € 1.100,00 × 1 per maand, maand 1, duur 6         = 6.600,00

    totaal: huidig 13.200,00; dreigend 5.100,00; doorbraak 9.100,00
    besparing_tov_dreigend = 5.100,00 − 9.100,00 = −4.000,00 (the doorbraak costs more than
    the threat in the first year), besparing_tov_huidig = 13.200,00 − 9.100,00 = 4.100,00.

With horizon 24 the bijstand of the current situation counts 24 months (26.400,00), the
opvang still 6 (it has a duration), and the one-off lines once each.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from django.utils.translation import gettext_lazy as _

HORIZONNEN = (12, 24, 36)
STANDAARD_HORIZON = 12

HUIDIG = "huidig"
DREIGEND = "dreigend"
DOORBRAAK = "doorbraak"
SITUATIES = (HUIDIG, DREIGEND, DOORBRAAK)
SITUATIE_LABELS = {
    HUIDIG: _("Huidige situatie"),
    DREIGEND: _("Dreigend scenario"),
    DOORBRAAK: _("Met doorbraak"),
}

EENMALIG = "eenmalig"
MAANDELIJKS = "maandelijks"
FREQUENTIES = (EENMALIG, MAANDELIJKS)

# Display order of the payers (codes of casussen.models.Betaler); unknown codes come after.
BETALER_VOLGORDE = ("gemeente", "woningcorporatie", "zorgverzekeraar", "rijk", "overig")

NUL = Decimal("0")
HONDERD = Decimal("100")
EEN = Decimal("1")


@dataclass(frozen=True)
class Regelbedrag:
    """One cost line as counted over the horizon.

    ``maanden``: the months counted (for a one-off line 1 when it falls inside the horizon,
    otherwise 0); ``factor``: ``kans / 100`` for a *dreigend* line, 1 otherwise;
    ``bedrag = prijs × aantal × maanden × factor``.
    """

    regel: Any
    situatie: str
    maanden: int
    factor: Decimal
    bedrag: Decimal

    @property
    def telt_mee(self) -> bool:
        return self.maanden > 0

    @property
    def eenmalig(self) -> bool:
        return self.regel.frequentie == EENMALIG

    @property
    def met_kans(self) -> bool:
        return self.situatie == DREIGEND


@dataclass(frozen=True)
class Verdeling:
    """One geldstroom or payer across the three situations, with the savings it gets."""

    sleutel: Hashable
    label: str
    huidig: Decimal
    dreigend: Decimal
    doorbraak: Decimal
    besparing_tov_dreigend: Decimal
    besparing_tov_huidig: Decimal


@dataclass(frozen=True)
class Situatieblok:
    """The lines and total of one situation, in the order the lines were given."""

    situatie: str
    label: str
    regels: tuple
    totaal: Decimal


@dataclass(frozen=True)
class Rendement:
    """The result of `bereken`. Mappings are read-only; amounts are unrounded Decimals.

    - ``totaal_per_situatie[situatie]`` (all three keys always present);
    - ``per_situatie_geldstroom[(situatie, geldstroom)]`` and
      ``per_situatie_betaler[(situatie, betaler)]`` (only combinations with lines);
    - ``besparing_tov_dreigend`` / ``besparing_tov_huidig``: in total, and per geldstroom and
      per payer in the ``…_per_geldstroom`` / ``…_per_betaler`` mappings;
    - ``per_geldstroom`` / ``per_betaler``: the same as rows (`Verdeling`) for tables;
    - ``situaties``: one `Situatieblok` per situation, for the kassabon.
    """

    horizon: int
    regels: tuple
    totaal_per_situatie: Mapping[str, Decimal]
    per_situatie_geldstroom: Mapping[tuple, Decimal]
    per_situatie_betaler: Mapping[tuple, Decimal]
    besparing_tov_dreigend: Decimal
    besparing_tov_huidig: Decimal
    besparing_tov_dreigend_per_geldstroom: Mapping[Hashable, Decimal]
    besparing_tov_huidig_per_geldstroom: Mapping[Hashable, Decimal]
    besparing_tov_dreigend_per_betaler: Mapping[Hashable, Decimal]
    besparing_tov_huidig_per_betaler: Mapping[Hashable, Decimal]
    per_geldstroom: tuple
    per_betaler: tuple
    situaties: tuple

    @property
    def huidig(self) -> Decimal:
        return self.totaal_per_situatie[HUIDIG]

    @property
    def dreigend(self) -> Decimal:
        return self.totaal_per_situatie[DREIGEND]

    @property
    def doorbraak(self) -> Decimal:
        return self.totaal_per_situatie[DOORBRAAK]

    @property
    def heeft_regels(self) -> bool:
        return bool(self.regels)


def _decimal(value, naam: str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{naam} moet een getal zijn, niet {value!r}")
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


def geldige_horizon(value, standaard: int = STANDAARD_HORIZON) -> int:
    """`value` as a horizon (e.g. from a query string), or `standaard` when it is not one."""
    try:
        horizon = int(value)
    except (TypeError, ValueError):
        return standaard
    return horizon if horizon in HORIZONNEN else standaard


def maanden_in_horizon(frequentie: str, startmaand: int, duur_maanden: int | None, horizon: int) -> int:
    """The months a line counts within the horizon (1 or 0 for a one-off line)."""
    start = int(startmaand)
    if start < 1:
        raise ValueError("startmaand begint bij 1")
    if frequentie == EENMALIG:
        return 1 if start <= horizon else 0
    if frequentie != MAANDELIJKS:
        raise ValueError(f"onbekende frequentie {frequentie!r}")
    if duur_maanden is None:
        einde = horizon
    else:
        duur = int(duur_maanden)
        if duur < 0:
            raise ValueError("duur_maanden kan niet negatief zijn")
        einde = min(horizon, start + duur - 1)
    return max(0, einde - start + 1)


def _betaler_label(regel) -> str:
    display = getattr(regel, "get_betaler_display", None)
    return str(display()) if callable(display) else str(regel.betaler)


def sorteer_geldstroom(item):
    """Sort key for (geldstroom, label) pairs: the geldstroom's `volgorde` when it has one."""
    sleutel, label = item
    return (getattr(sleutel, "volgorde", 0), label)


def sorteer_betaler(item):
    """Sort key for (payer code, label) pairs: gemeente, woningcorporatie, … then the rest."""
    sleutel, label = item
    positie = BETALER_VOLGORDE.index(sleutel) if sleutel in BETALER_VOLGORDE else len(BETALER_VOLGORDE)
    return (positie, label)


def _verdelingen(totalen: dict, labels: dict, volgorde) -> tuple:
    rijen = []
    for sleutel, label in sorted(labels.items(), key=volgorde):
        h = totalen.get((HUIDIG, sleutel), NUL)
        d = totalen.get((DREIGEND, sleutel), NUL)
        b = totalen.get((DOORBRAAK, sleutel), NUL)
        rijen.append(Verdeling(sleutel, label, h, d, b, d - b, h - b))
    return tuple(rijen)


def bereken(regels: Iterable, horizon: int) -> Rendement:
    """Count `regels` over `horizon` months (12, 24 or 36; ValueError otherwise).

    Each line needs ``situatie``, ``prijs``, ``aantal``, ``frequentie``, ``startmaand``,
    ``duur_maanden``, ``kans``, ``geldstroom`` (any hashable, e.g. a Geldstroom) and ``betaler``.
    See the module docstring for the rules and a worked example.
    """
    if isinstance(horizon, bool) or horizon not in HORIZONNEN:
        raise ValueError(f"horizon moet 12, 24 of 36 maanden zijn, niet {horizon!r}")

    geteld = []
    totaal = {s: NUL for s in SITUATIES}
    per_geldstroom: dict[tuple, Decimal] = {}
    per_betaler: dict[tuple, Decimal] = {}
    geldstroom_labels: dict = {}
    betaler_labels: dict = {}

    for regel in regels:
        situatie = regel.situatie
        if situatie not in SITUATIES:
            raise ValueError(f"onbekende situatie {situatie!r}")
        maanden = maanden_in_horizon(regel.frequentie, regel.startmaand, regel.duur_maanden, horizon)
        if situatie == DREIGEND:
            kans = _decimal(regel.kans, "kans")
            if kans < NUL or kans > HONDERD:
                raise ValueError("kans ligt tussen 0 en 100")
            factor = kans / HONDERD
        else:
            factor = EEN
        bedrag = _decimal(regel.prijs, "prijs") * _decimal(regel.aantal, "aantal") * maanden * factor
        geteld.append(Regelbedrag(regel, situatie, maanden, factor, bedrag))

        totaal[situatie] += bedrag
        geldstroom = regel.geldstroom
        betaler = regel.betaler
        per_geldstroom[(situatie, geldstroom)] = per_geldstroom.get((situatie, geldstroom), NUL) + bedrag
        per_betaler[(situatie, betaler)] = per_betaler.get((situatie, betaler), NUL) + bedrag
        geldstroom_labels.setdefault(geldstroom, str(geldstroom))
        betaler_labels.setdefault(betaler, _betaler_label(regel))

    rijen_geldstroom = _verdelingen(per_geldstroom, geldstroom_labels, sorteer_geldstroom)
    rijen_betaler = _verdelingen(per_betaler, betaler_labels, sorteer_betaler)
    blokken = tuple(
        Situatieblok(
            situatie=s,
            label=SITUATIE_LABELS[s],
            regels=tuple(r for r in geteld if r.situatie == s),
            totaal=totaal[s],
        )
        for s in SITUATIES
    )
    return Rendement(
        horizon=horizon,
        regels=tuple(geteld),
        totaal_per_situatie=MappingProxyType(dict(totaal)),
        per_situatie_geldstroom=MappingProxyType(per_geldstroom),
        per_situatie_betaler=MappingProxyType(per_betaler),
        besparing_tov_dreigend=totaal[DREIGEND] - totaal[DOORBRAAK],
        besparing_tov_huidig=totaal[HUIDIG] - totaal[DOORBRAAK],
        besparing_tov_dreigend_per_geldstroom=MappingProxyType(
            {r.sleutel: r.besparing_tov_dreigend for r in rijen_geldstroom}
        ),
        besparing_tov_huidig_per_geldstroom=MappingProxyType(
            {r.sleutel: r.besparing_tov_huidig for r in rijen_geldstroom}
        ),
        besparing_tov_dreigend_per_betaler=MappingProxyType(
            {r.sleutel: r.besparing_tov_dreigend for r in rijen_betaler}
        ),
        besparing_tov_huidig_per_betaler=MappingProxyType(
            {r.sleutel: r.besparing_tov_huidig for r in rijen_betaler}
        ),
        per_geldstroom=rijen_geldstroom,
        per_betaler=rijen_betaler,
        situaties=blokken,
    )
