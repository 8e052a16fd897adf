"""Rendement: every expected figure is worked out by hand in the comment next to it."""

from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from casussen.rendement import bereken, geldige_horizon, maanden_in_horizon
from omo.templatetags.omo_format import format_euro


@dataclass
class Regel:
    situatie: str
    prijs: D
    aantal: D = D("1")
    frequentie: str = "per_maand"
    startmaand: int = 1
    duur_maanden: int | None = None
    kans: D = D("100")
    geldstroom: str = "Wonen"
    betaler: str = "gemeente"


def test_monthly_line_partly_outside_the_horizon():
    # start month 10, 6 months → months 10..15; horizon 12 keeps 10, 11, 12 = 3 months.
    # 3 × € 250,00 × 2 = € 1.500,00
    r = bereken([Regel("huidig", D("250.00"), D("2"), startmaand=10, duur_maanden=6)], 12)
    assert r.regels[0].maanden == 3
    assert r.huidig == D("1500.00")
    # horizon 24 keeps all 6 months: 6 × 250 × 2 = 3.000
    assert bereken([Regel("huidig", D("250.00"), D("2"), startmaand=10, duur_maanden=6)], 24).huidig == D("3000")


def test_one_off_line_in_month_13_counts_only_when_the_horizon_reaches_it():
    regel = Regel("dreigend", D("8000.00"), frequentie="eenmalig", startmaand=13)
    # horizon 12 ends in month 12: not counted
    r12 = bereken([regel], 12)
    assert r12.regels[0].maanden == 0
    assert r12.dreigend == 0
    # horizon 24 contains month 13: counted once, 8.000 × 100 % = 8.000
    assert bereken([regel], 24).dreigend == D("8000.00")


def test_threat_that_starts_after_the_horizon_is_zero():
    # a monthly threat from month 25 with horizon 24: max(0, min(24, 25+12-1) - 25 + 1) = max(0, 0) = 0
    regel = Regel("dreigend", D("3500"), startmaand=25, duur_maanden=12, kans=D("80"))
    r = bereken([regel], 24)
    assert r.regels[0].maanden == 0
    assert r.dreigend == 0
    assert r.besparing_tov_dreigend == 0
    # with horizon 36 it counts months 25..36 = 12 × 3.500 × 0,8 = 33.600
    assert bereken([regel], 36).dreigend == D("33600")


def test_probability_applies_to_threat_lines_only():
    # dreigend: 1 × € 8.000 eenmalig × 40 % = € 3.200
    # huidig with kans 40 filled in anyway: the kans is ignored → 12 × € 100 = € 1.200
    r = bereken(
        [
            Regel("dreigend", D("8000"), frequentie="eenmalig", kans=D("40")),
            Regel("huidig", D("100"), kans=D("40")),
        ],
        12,
    )
    assert r.dreigend == D("3200")
    assert r.huidig == D("1200")
    assert r.regels[0].factor == D("0.4")
    assert r.regels[1].factor == 1


def test_line_without_duration_runs_to_the_end_of_the_horizon():
    # start month 4, no duration: months 4..36 = 33 months × € 10 = € 330
    r = bereken([Regel("doorbraak", D("10"), startmaand=4, duur_maanden=None)], 36)
    assert r.regels[0].maanden == 33
    assert r.doorbraak == D("330")


def test_split_per_geldstroom_and_per_payer_and_savings():
    regels = [
        # huidig: bijstand 12 × 1.100 = 13.200 (Participatiewet, gemeente)
        Regel("huidig", D("1100"), geldstroom="Participatiewet", betaler="gemeente"),
        # dreigend: uitzetting 8.000 × 50 % = 4.000 (Wonen, woningcorporatie)
        Regel("dreigend", D("8000"), frequentie="eenmalig", startmaand=2, kans=D("50"),
              geldstroom="Wonen", betaler="woningcorporatie"),
        # dreigend: GGZ-crisis 6 × 2.000 × 25 % = 3.000 (Zvw, zorgverzekeraar)
        Regel("dreigend", D("2000"), startmaand=3, duur_maanden=6, kans=D("25"),
              geldstroom="Zvw", betaler="zorgverzekeraar"),
        # dreigend: bijstand continues 12 × 1.100 × 100 % = 13.200
        Regel("dreigend", D("1100"), geldstroom="Participatiewet", betaler="gemeente"),
        # doorbraak: bijstand 6 months 6 × 1.100 = 6.600, plus a one-off 1.500 (Wonen, gemeente)
        Regel("doorbraak", D("1100"), duur_maanden=6, geldstroom="Participatiewet", betaler="gemeente"),
        Regel("doorbraak", D("1500"), frequentie="eenmalig", geldstroom="Wonen", betaler="gemeente"),
    ]
    r = bereken(regels, 12)
    # totals: huidig 13.200; dreigend 4.000 + 3.000 + 13.200 = 20.200; doorbraak 6.600 + 1.500 = 8.100
    assert r.totaal_per_situatie == {"huidig": D("13200"), "dreigend": D("20200"), "doorbraak": D("8100")}
    # saving: 20.200 − 8.100 = 12.100 against the threat; 13.200 − 8.100 = 5.100 against today
    assert r.besparing_tov_dreigend == D("12100")
    assert r.besparing_tov_huidig == D("5100")

    assert r.per_situatie_geldstroom[("dreigend", "Wonen")] == D("4000")
    assert r.per_situatie_geldstroom[("doorbraak", "Wonen")] == D("1500")
    assert ("huidig", "Wonen") not in r.per_situatie_geldstroom
    # Wonen: 4.000 − 1.500 = 2.500; Zvw: 3.000 − 0; Participatiewet: 13.200 − 6.600 = 6.600
    assert r.besparing_tov_dreigend_per_geldstroom == {
        "Participatiewet": D("6600"), "Wonen": D("2500"), "Zvw": D("3000")
    }
    # against today: Participatiewet 13.200 − 6.600 = 6.600; Wonen 0 − 1.500 = −1.500; Zvw 0
    assert r.besparing_tov_huidig_per_geldstroom["Wonen"] == D("-1500")
    assert r.besparing_tov_huidig_per_geldstroom["Zvw"] == 0

    # per payer, threat: gemeente 13.200, woningcorporatie 4.000, zorgverzekeraar 3.000;
    # doorbraak: gemeente 6.600 + 1.500 = 8.100
    assert r.per_situatie_betaler[("dreigend", "woningcorporatie")] == D("4000")
    assert r.per_situatie_betaler[("doorbraak", "gemeente")] == D("8100")
    # the saving lands at: gemeente 13.200 − 8.100 = 5.100; woningcorporatie 4.000; zorgverzekeraar 3.000
    assert r.besparing_tov_dreigend_per_betaler == {
        "gemeente": D("5100"), "woningcorporatie": D("4000"), "zorgverzekeraar": D("3000")
    }
    # the three payer savings add up to the total: 5.100 + 4.000 + 3.000 = 12.100
    assert sum(r.besparing_tov_dreigend_per_betaler.values()) == r.besparing_tov_dreigend
    # rows for tables, payers in the fixed order
    assert [v.sleutel for v in r.per_betaler] == ["gemeente", "woningcorporatie", "zorgverzekeraar"]
    assert [b.totaal for b in r.situaties] == [D("13200"), D("20200"), D("8100")]
    assert len(r.situaties[1].regels) == 3


@pytest.mark.parametrize("horizon", [0, 6, 13, 18, 48, "12", None, True])
def test_other_horizons_are_refused(horizon):
    with pytest.raises(ValueError):
        bereken([], horizon)


def test_no_lines_gives_zeros():
    r = bereken([], 36)
    assert r.totaal_per_situatie == {"huidig": 0, "dreigend": 0, "doorbraak": 0}
    assert r.besparing_tov_dreigend == 0
    assert r.per_geldstroom == ()


def test_decimal_precision_is_kept_until_display():
    # 3 × € 33,33 × 33,33 % = 99,99 × 0,3333 = 33,326667 (exact, not 33,33)
    r = bereken([Regel("dreigend", D("33.33"), D("3"), frequentie="eenmalig", kans=D("33.33"))], 12)
    assert r.dreigend == D("33.326667")
    # three lines of € 0,01 × 40 % = 0,004 each: 0,012 in total → shown as € 0,01.
    # Rounding each line first would give 3 × € 0,00 = € 0,00.
    kleine = [Regel("dreigend", D("0.01"), frequentie="eenmalig", kans=D("40")) for _ in range(3)]
    r = bereken(kleine, 12)
    assert r.dreigend == D("0.012")
    assert format_euro(r.dreigend) == "€\u00a00,01"
    # a probability of 100/3 %: 3 × 33,33 × 0,3333… stays unrounded (≈ 33,33, never 33,32 or 33,34)
    r = bereken([Regel("dreigend", D("33.33"), D("3"), frequentie="eenmalig", kans=D(100) / D(3))], 12)
    assert abs(r.dreigend - D("33.33")) < D("0.0000001")
    assert format_euro(r.dreigend) == "€\u00a033,33"


def test_months_helper_and_horizon_parsing():
    assert maanden_in_horizon("per_maand", 12, 1, 12) == 1
    assert maanden_in_horizon("per_maand", 12, None, 12) == 1
    assert maanden_in_horizon("per_maand", 13, None, 12) == 0
    assert maanden_in_horizon("eenmalig", 12, 99, 12) == 1
    assert geldige_horizon("24") == 24
    assert geldige_horizon("13") == 12
    assert geldige_horizon("abc") == 12
    assert geldige_horizon(None) == 12


def test_model_instances_are_accepted(geldstroom):
    from casussen.models import Kostenregel

    regel = Kostenregel(
        situatie="dreigend", omschrijving="Uitzetting", prijs=D("8000.00"), aantal=D("1.00"),
        frequentie="eenmalig", startmaand=1, geldstroom=geldstroom, betaler="woningcorporatie",
        kans=D("40.00"),
    )
    r = bereken([regel], 12)
    # 8.000 × 40 % = 3.200, attributed to the Geldstroom object and the payer's label
    assert r.per_situatie_geldstroom[("dreigend", geldstroom)] == D("3200")
    assert r.per_betaler[0].label == "Woningcorporatie"
    assert r.per_geldstroom[0].label == geldstroom.naam


# --- Units of the price list: every unit at every horizon, worked out by hand ---------------
#
# Conventions (casussen.rendement): a year = 12 months = 52 weeks = 365 days; a rate counts
# month by month inside the horizon; a quantity (eenmalig, per uur, per stuk) counts once.

EENHEDEN_PER_HORIZON = [
    # unit, price, aantal, start, duur → (horizon 12, horizon 24, horizon 36)
    # € 12.000 per jaar from month 1: 12/12, 24/12, 36/12 year → 12.000, 24.000, 36.000
    ("per_jaar", "12000.00", "1", 1, None, ("12000", "24000", "36000")),
    # € 1.100 per maand × 2 from month 1: 12, 24, 36 months → 26.400, 52.800, 79.200
    ("per_maand", "1100.00", "2", 1, None, ("26400", "52800", "79200")),
    # € 100 per week from month 1: 52, 104, 156 weeks → 5.200, 10.400, 15.600
    ("per_week", "100.00", "1", 1, None, ("5200", "10400", "15600")),
    # € 20 per dag from month 1: 365, 730, 1.095 days → 7.300, 14.600, 21.900
    ("per_dag", "20.00", "1", 1, None, ("7300", "14600", "21900")),
    # € 72,50 per uur × 40 uur in month 1: once, at every horizon → 2.900
    ("per_uur", "72.50", "40", 1, None, ("2900", "2900", "2900")),
    # € 5.000 per stuk × 2 in month 13: outside 12 months, once at 24 and 36 → 0, 10.000, 10.000
    ("per_stuk", "5000.00", "2", 13, None, ("0", "10000", "10000")),
    # € 2.500 eenmalig in month 1: once → 2.500 at every horizon
    ("eenmalig", "2500.00", "1", 1, None, ("2500", "2500", "2500")),
    # € 15.000 per jaar from month 7, 12 months: 6, 12, 12 months → 7.500, 15.000, 15.000
    ("per_jaar", "15000.00", "1", 7, 12, ("7500", "15000", "15000")),
    # € 85 per dag from month 4 for 1 month: 365/12 days = 30,416… → 85 × 365 / 12 = 2.585,41666…
    ("per_dag", "85.00", "1", 4, 1, ("2585.416666666666666666666667",) * 3),
    # € 100 per week from month 25: nothing at 12 and 24; 12 months = 52 weeks at 36 → 5.200
    ("per_week", "100.00", "1", 25, None, ("0", "0", "5200")),
]


@pytest.mark.parametrize(("eenheid", "prijs", "aantal", "start", "duur", "verwacht"), EENHEDEN_PER_HORIZON)
def test_every_unit_at_every_horizon(eenheid, prijs, aantal, start, duur, verwacht):
    regel = Regel("huidig", D(prijs), D(aantal), frequentie=eenheid, startmaand=start, duur_maanden=duur)
    for horizon, bedrag in zip((12, 24, 36), verwacht, strict=True):
        assert bereken([regel], horizon).huidig == D(bedrag), (eenheid, horizon)


def test_a_yearly_price_is_never_a_monthly_amount():
    # The issue: € 72.000 per jaar entered as a monthly line became 12 × 72.000 = € 864.000.
    # As per_jaar it is € 72.000 over 12 months and € 144.000 over 24.
    regel = Regel("dreigend", D("72000.00"), frequentie="per_jaar")
    assert bereken([regel], 12).dreigend == D("72000")
    assert bereken([regel], 24).dreigend == D("144000")
    assert bereken([regel], 36).dreigend == D("216000")


def test_a_yearly_threat_grows_with_the_horizon():
    # The issue: a yearly threat entered once stayed flat, so the saving shrank with a longer
    # horizon. Dreigend: opvang € 15.000 per jaar from month 1, kans 60 %; doorbraak: a one-off
    # € 5.000 and € 1.320 per jaar bewindvoering.
    regels = [
        Regel("dreigend", D("15000.00"), frequentie="per_jaar", kans=D("60")),
        Regel("doorbraak", D("5000.00"), frequentie="eenmalig"),
        Regel("doorbraak", D("1320.00"), frequentie="per_jaar"),
    ]
    # 12: dreigend 15.000 × 0,6 = 9.000; doorbraak 5.000 + 1.320 = 6.320; saving 2.680
    # 24: dreigend 18.000; doorbraak 5.000 + 2.640 = 7.640; saving 10.360
    # 36: dreigend 27.000; doorbraak 5.000 + 3.960 = 8.960; saving 18.040
    besparing = {h: bereken(regels, h).besparing_tov_dreigend for h in (12, 24, 36)}
    assert besparing == {12: D("2680"), 24: D("10360"), 36: D("18040")}


def test_the_worked_example_of_the_module():
    regels = [
        Regel("huidig", D("1100.00")),
        Regel("dreigend", D("8000.00"), frequentie="eenmalig", startmaand=3, kans=D("60")),
        Regel("dreigend", D("15000.00"), frequentie="per_jaar", startmaand=4, kans=D("50")),
        Regel("dreigend", D("20.00"), frequentie="per_dag", startmaand=7, duur_maanden=6, kans=D("50")),
        Regel("doorbraak", D("2500.00"), frequentie="eenmalig"),
        Regel("doorbraak", D("1320.00"), frequentie="per_jaar"),
        Regel("doorbraak", D("72.50"), D("40"), frequentie="per_uur"),
    ]
    r = bereken(regels, 12)
    assert (r.huidig, r.dreigend, r.doorbraak) == (D("13200"), D("12250"), D("6720"))
    assert (r.besparing_tov_dreigend, r.besparing_tov_huidig) == (D("5530"), D("6480"))
    r = bereken(regels, 24)
    assert (r.huidig, r.dreigend, r.doorbraak) == (D("26400"), D("19750"), D("8040"))


@pytest.mark.parametrize(
    ("regel", "horizon", "tekst"),
    [
        (Regel("huidig", D("12000.00"), frequentie="per_jaar"), 24, "€\u00a012.000,00 per jaar × 2 jaar"),
        (Regel("huidig", D("12000.00"), frequentie="per_jaar", startmaand=7), 12, "€\u00a012.000,00 per jaar × 0,5 jaar"),
        (
            Regel("dreigend", D("85.00"), frequentie="per_dag", startmaand=1, duur_maanden=12, kans=D("60")),
            36,
            "€\u00a085,00 per dag × 365 dagen × kans 60 %",
        ),
        (Regel("huidig", D("1100.00"), D("2"), frequentie="per_maand"), 12, "2 × €\u00a01.100,00 per maand × 12 maanden"),
        (Regel("huidig", D("100.00"), frequentie="per_week", duur_maanden=3), 12, "€\u00a0100,00 per week × 13 weken"),
        (Regel("doorbraak", D("72.50"), D("40"), frequentie="per_uur"), 12, "€\u00a072,50 per uur × 40 uur"),
        (Regel("doorbraak", D("5000.00"), D("1"), frequentie="per_stuk"), 12, "€\u00a05.000,00 per stuk × 1 stuk"),
        (Regel("doorbraak", D("2500.00"), frequentie="eenmalig"), 12, "€\u00a02.500,00 eenmalig"),
    ],
)
def test_the_kassabon_says_how_a_line_was_counted(regel, horizon, tekst):
    assert bereken([regel], horizon).regels[0].telling == tekst


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        bereken([Regel("huidig", D("1"), frequentie="maandelijks")], 12)
