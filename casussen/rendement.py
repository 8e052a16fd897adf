"""Rendement: what the three situations of a scenario cost over a horizon (DESIGN §4).

One pure function, `bereken(regels, horizon)`, used by the scenario pages (the kassabon and the
comparison), the reports and the tests. It reads no database and changes nothing: give it cost
lines (``Kostenregel`` instances or any object with the same attributes) and it returns frozen
dataclasses.

Units and conventions
---------------------
A line has the unit of its price (``frequentie``, the units of the price list; a line made
from a price-list item takes the item's unit):

- A **quantity**: ``eenmalig``, ``per_uur`` and ``per_stuk`` count ``prijs × aantal`` once,
  when the start month falls inside the horizon (``aantal`` is the number of hours or pieces).
- A **rate**: ``per_dag``, ``per_week``, ``per_maand`` and ``per_jaar`` run for the months of
  the line inside the horizon: ``maanden = max(0, min(horizon, start + duur − 1) − start + 1)``;
  without a duration to the end of the horizon. Each month counts as the same share of a year,
  so 12, 24 and 36 months scale exactly and a yearly price is never a monthly amount:

  ====================  ==================================
  unit                  one month is
  ====================  ==================================
  per_maand             1 month
  per_jaar              1/12 year (12 months = 1 year)
  per_week              52/12 weeks (12 months = 52 weeks)
  per_dag               365/12 days (12 months = 365 days)
  ====================  ==================================

  ``bedrag = prijs × aantal × maanden × (units per month)``, e.g. € 12.000 per jaar over
  24 months is € 12.000 × 24/12 = € 24.000, and from month 7 in a horizon of 12 months
  € 12.000 × 6/12 = € 6.000.
- A line of the *dreigend* scenario is multiplied by its probability ``kans / 100``; the
  probability of the other situations is ignored.
- Everything is ``Decimal`` and nothing is rounded here (a third of a euro stays a third);
  round to cents only for display. The dashboard's SQL (rapportage.queries.cijfers) counts the
  same way, tested against this module.

Totals per situation, per (situation, geldstroom) and per (situation, payer), and the expected
saving of the doorbraak: ``besparing_tov_dreigend = dreigend − doorbraak`` and
``besparing_tov_huidig = huidig − doorbraak``, in total, per geldstroom and per payer (a
negative saving is an extra cost). ``Regelbedrag.telling`` says how a line was counted, for the
kassabon ("€ 12.000,00 per jaar × 2 jaar").

Worked example, horizon 12::

    huidig     bijstand        € 1.100,00 per maand, maand 1, geen duur → × 12 mnd  = 13.200,00
    dreigend   huisuitzetting  € 8.000,00 eenmalig in maand 3, kans 60 % → × 0,6    =  4.800,00
    dreigend   opvang          € 15.000,00 per jaar vanaf maand 4, geen duur,
                               kans 50 %  → 9 mnd = 0,75 jaar × 15.000 × 0,5        =  5.625,00
    dreigend   pleegzorg       € 20,00 per dag vanaf maand 7, 6 maanden, kans 50 %
                               → 6 × 365/12 = 182,5 dagen × 20 × 0,5                =  1.825,00
    doorbraak  schuldregeling  € 2.500,00 eenmalig in maand 1                       =  2.500,00
    doorbraak  bewindvoering   € 1.320,00 per jaar, maand 1, geen duur → 1 jaar     =  1.320,00
    doorbraak  coaching        € 72,50 per uur × 40 uur in maand 1                  =  2.900,00

    totaal: huidig 13.200,00; dreigend 12.250,00; doorbraak 6.720,00
    besparing_tov_dreigend = 12.250,00 − 6.720,00 = 5.530,00,
    besparing_tov_huidig = 13.200,00 − 6.720,00 = 6.480,00.

With horizon 24 the bijstand counts 24 months (26.400,00), the opvang 21 months = 1,75 jaar
(13.125,00: a yearly threat grows with the horizon), the pleegzorg still 6 months (it has a
duration), the bewindvoering 2 jaar (2.640,00) and the one-off lines and hours once each:
huidig 26.400,00; dreigend 4.800,00 + 13.125,00 + 1.825,00 = 19.750,00; doorbraak 2.500,00
+ 2.640,00 + 2.900,00 = 8.040,00.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from omo.templatetags.omo_format import format_euro

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
PER_DAG = "per_dag"
PER_WEEK = "per_week"
PER_MAAND = "per_maand"
PER_JAAR = "per_jaar"
PER_UUR = "per_uur"
PER_STUK = "per_stuk"
# A quantity counts once (prijs × aantal); a rate per month inside the horizon.
HOEVEELHEDEN = (EENMALIG, PER_UUR, PER_STUK)
# How many units of a rate one month is, as a fraction (numerator, denominator): a year is
# 12 months, 52 weeks, 365 days. The SQL of the dashboard uses the same fractions.
PER_MAAND_BREUK = {PER_DAG: (365, 12), PER_WEEK: (52, 12), PER_MAAND: (1, 1), PER_JAAR: (1, 12)}
EENHEDEN = (*HOEVEELHEDEN, *PER_MAAND_BREUK)
EENHEID_LABELS = {
    EENMALIG: _("eenmalig"),
    PER_DAG: _("per dag"),
    PER_WEEK: _("per week"),
    PER_MAAND: _("per maand"),
    PER_JAAR: _("per jaar"),
    PER_UUR: _("per uur"),
    PER_STUK: _("per stuk"),
}

# Display order of the payers (codes of casussen.models.Betaler); unknown codes come after.
BETALER_VOLGORDE = ("gemeente", "woningcorporatie", "zorgverzekeraar", "rijk", "overig")

NUL = Decimal("0")
HONDERD = Decimal("100")
EEN = Decimal("1")


@dataclass(frozen=True)
class Regelbedrag:
    """One cost line as counted over the horizon.

    ``maanden``: the months counted (for a quantity 1 when it falls inside the horizon,
    otherwise 0); ``eenheden``: how many of its unit were counted (months × units per month for a
    rate, ``aantal`` for hours and pieces, 1 for a one-off line); ``factor``: ``kans / 100`` for a
    *dreigend* line, 1 otherwise; ``bedrag = prijs × aantal × maanden × units per month × factor``.
    """

    regel: Any
    situatie: str
    maanden: int
    factor: Decimal
    bedrag: Decimal
    eenheden: Decimal = NUL

    @property
    def telt_mee(self) -> bool:
        return self.maanden > 0

    @property
    def eenmalig(self) -> bool:
        return self.regel.frequentie in HOEVEELHEDEN

    @property
    def telling(self) -> str:
        """How the line was counted, e.g. "€ 12.000,00 per jaar × 2 jaar × kans 60 %"."""
        return telling(self)

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
    """The months a line counts within the horizon (1 or 0 for a quantity: one-off, hours, pieces)."""
    start = int(startmaand)
    if start < 1:
        raise ValueError("startmaand begint bij 1")
    if frequentie in HOEVEELHEDEN:
        return 1 if start <= horizon else 0
    if frequentie not in PER_MAAND_BREUK:
        raise ValueError(f"onbekende eenheid {frequentie!r}")
    if duur_maanden is None:
        einde = horizon
    else:
        duur = int(duur_maanden)
        if duur < 0:
            raise ValueError("duur_maanden kan niet negatief zijn")
        einde = min(horizon, start + duur - 1)
    return max(0, einde - start + 1)


def _tel(eenheid: str, prijs: Decimal, aantal: Decimal, maanden: int, factor: Decimal) -> tuple[Decimal, Decimal]:
    """(units counted, amount) of one line. The division by the months per unit comes last,
    so 12, 24 and 36 months of a yearly, weekly or daily price give exact amounts."""
    if eenheid in HOEVEELHEDEN:
        eenheden = Decimal(maanden) * (EEN if eenheid == EENMALIG else aantal)
        return eenheden, prijs * aantal * maanden * factor
    teller, noemer = PER_MAAND_BREUK[eenheid]
    eenheden = Decimal(maanden * teller) / noemer
    return eenheden, prijs * aantal * maanden * teller * factor / noemer


def _getal(waarde: Decimal) -> str:
    """A count for display: at most two decimals, none when whole ("2", "0,75", "30,42")."""
    waarde = Decimal(waarde).quantize(Decimal("0.01"))
    waarde = waarde.quantize(EEN) if waarde == waarde.to_integral_value() else waarde.normalize()
    return formats.number_format(waarde, use_l10n=True, force_grouping=True)


def _eenheden_tekst(eenheid: str, eenheden: Decimal) -> str:
    aantal = _getal(eenheden)
    # The plural follows the number shown: "1 jaar", "1,5 jaar", "2 dagen", "0,5 dag".
    n = 1 if eenheden <= 1 else 2
    teksten = {
        PER_DAG: ngettext("%(n)s dag", "%(n)s dagen", n),
        PER_WEEK: ngettext("%(n)s week", "%(n)s weken", n),
        PER_MAAND: ngettext("%(n)s maand", "%(n)s maanden", n),
        PER_JAAR: ngettext("%(n)s jaar", "%(n)s jaar", n),
        PER_UUR: ngettext("%(n)s uur", "%(n)s uur", n),
        PER_STUK: ngettext("%(n)s stuk", "%(n)s stuks", n),
    }
    return teksten[eenheid] % {"n": aantal}


def eenheid_label(eenheid: str) -> str:
    """The unit as it follows a price: "eenmalig", "per jaar", …"""
    return str(EENHEID_LABELS.get(eenheid, eenheid))


def telling(r: Regelbedrag) -> str:
    """How a counted line came about, in words, for the kassabon:

    "€ 12.000,00 per jaar × 2 jaar", "2 × € 85,00 per dag × 30,42 dagen × kans 60 %",
    "€ 72,50 per uur × 40 uur", "€ 2.500,00 eenmalig". When and how long are shown apart.
    """
    regel = r.regel
    eenheid = regel.frequentie
    aantal = _decimal(regel.aantal, "aantal")
    prijs = f"{format_euro(regel.prijs)} {eenheid_label(eenheid)}"
    if eenheid == EENMALIG:
        delen = [prijs if aantal == EEN else f"{_getal(aantal)} × {prijs}"]
    elif eenheid in HOEVEELHEDEN:
        delen = [prijs, _eenheden_tekst(eenheid, aantal)]
    else:
        delen = [prijs if aantal == EEN else f"{_getal(aantal)} × {prijs}", _eenheden_tekst(eenheid, r.eenheden)]
    if r.met_kans:
        delen.append(gettext("kans %(k)s %%") % {"k": _getal(_decimal(regel.kans, "kans"))})
    return " × ".join(delen)


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
        eenheden, bedrag = _tel(regel.frequentie, _decimal(regel.prijs, "prijs"), _decimal(regel.aantal, "aantal"),
                                maanden, factor)
        geteld.append(Regelbedrag(regel, situatie, maanden, factor, bedrag, eenheden))

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
