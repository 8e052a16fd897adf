"""The figures of the dashboard and the reports (DESIGN §9), computed in SQL.

`cijfers(van, tot)` returns one JSON-able dict for the period `van`..`tot` (dates, both
inclusive). The dashboard shows it live; a report freezes it in `Rapport.cijfers`. It holds only
aggregates: no case code, pseudonym, dossier number or free text of a case.

Structure (money as strings with two decimals, durations in days as floats with one decimal or
None when there is nothing to measure, counts as ints):

    {
      "versie": 1,
      "van": "2026-07-01", "tot": "2026-09-30",
      "casussen": {
        "nieuw": int,            # cases with datum_signaal in the period
        "afgesloten": int,       # cases closed (afgesloten_op) in the period
        "open_aan_einde": int,   # cases signalled on or before `tot` and not closed by then
        "per_status": [{"status": code, "label": str, "aantal": int}],   # the new cases by
                                                                          # their status now,
                                                                          # every status listed
        "per_maand": [{"maand": "2026-07", "label": "jul 2026", "aantal": int}],  # every month
      },
      "leefgebieden": [{"code": str, "naam": str, "aantal": int}],        # new cases, desc
      "combinaties": {
        "twee": [{"codes": [a, b], "namen": [str, str], "aantal": int}],  # top 10, >= 2 cases
        "drie": [{"codes": [a, b, c], "namen": [...], "aantal": int}],    # top 10, >= 2 cases
      },
      "escalaties": {
        "totaal": int,           # escalations asked (aangevraagd_op) in the period
        "per_niveau": [{"niveau": 2, "label": str, "totaal": int,
                        "uitkomsten": {"open": int, "<beslissing code>": int, ...}}],
        "uitkomst_labels": {"open": "Open", "<code>": label, ...},
      },
      "doorlooptijden": {
        "aanmelding_besluit": {"aantal": int, "mediaan": float|None, "p90": float|None},
        "besluit_afgerond": {"aantal": int, "mediaan": float|None, "p90": float|None},
      },                         # days; cases whose first akkoord-besluit / closing falls in
                                 # the period
      "verzoeken": {"aantal": int, "op_tijd": int, "te_laat": int, "open": int,
                    "percentage": float|None},  # received in the period; `open`: not picked
                                                # up and still within the term (not counted)
      "geld": {
        "per_fonds": [{"fonds": str, "aanvragen": int, "goedgekeurd": "0.00",
                       "betaald": "0.00", "uitstaand": "0.00"}],
                                 # aanvragen/goedgekeurd: requests approved in the period (a
                                 # direct spend: submitted in it); betaald: what of those has
                                 # been paid out so far; uitstaand: loans and pre-financing
                                 # outstanding at the end of the period (balance rows)
        "totaal": {"aanvragen": int, "goedgekeurd": "0.00", "betaald": "0.00", "uitstaand": "0.00"},
        "per_plan": {"plannen": int, "totaal": "0.00", "gemiddeld": "0.00"|None,
                     "mediaan": "0.00"|None, "hoogste": "0.00"|None},
      },
      "kosten": {
        "horizon": 12, "scenarios": int,  # chosen scenarios of cases decided in the period
        "totaal": {"huidig": "0.00", "dreigend": "0.00", "doorbraak": "0.00"},
        "per_geldstroom": [{"code": str, "naam": str, "huidig": "0.00", "dreigend": "0.00",
                            "doorbraak": "0.00"}],
        "per_betaler": [{"code": str, "naam": str, "huidig": ..., "dreigend": ..., "doorbraak": ...}],
      },
      "grondslagen": [{"wet": str, "artikel": str, "aantal": int}],       # top 10
      "monitoring": [{"maand": 6|12, "aantal": int, "uitkomsten": {"doorgaan": int,
                      "aanpassen": int, "afronden": int},
                      "scores": int, "verandering": float|None,   # mean change per score
                      "beter": int, "gelijk": int, "slechter": int}],
      "signalen": [{"soort": code, "soort_label": str, "organisatie": str, "grondslag": str,
                    "regel": str, "casussen": int, "sinds": "2026-08-14"}],  # the 20 largest
      "signalen_totaal": int,    # every signal raised by the end of the period
    }
"""

import json
import math
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from itertools import combinations

from django.db import connection, transaction
from django.utils.translation import gettext as _

from casussen.rendement import (
    BETALER_VOLGORDE,
    HOEVEELHEDEN,
    PER_MAAND_BREUK,
    SITUATIES,
    STANDAARD_HORIZON,
)
from omo.werkdagen import AMSTERDAM

CENT = Decimal("0.01")
MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
VERSIE = 1
TOP = 10
# Leefgebieden are a short fixed list (DESIGN §3); the combinations use one bit each.
MAX_LEEFGEBIEDEN = 62
# The largest signals only: the Signalen page lists them all.
TOP_SIGNALEN = 20
MONITORING_MAANDEN = (6, 12)
# A request that was approved and not undone counts as approved money.
# The units of a cost line as SQL, from casussen.rendement (fixed codes, no user input).
EENHEDEN_SQL = {
    "hoeveelheden": "(" + ", ".join(f"'{e}'" for e in HOEVEELHEDEN) + ")",
    "teller": " ".join(f"WHEN '{e}' THEN {t}" for e, (t, _n) in PER_MAAND_BREUK.items()),
    "noemer": " ".join(f"WHEN '{e}' THEN {n}" for e, (_t, n) in PER_MAAND_BREUK.items()),
}
GOEDGEKEURD = ("goedgekeurd", "betaald", "afgerond", "uitstaand", "afgelost", "kwijtgescholden")


def _tabellen() -> dict:
    from budget.models import Aanvraag, Boeking, Fonds, Jaarsaldo, Rekening, Saldo, Transactie
    from casussen.models import (
        Besluit,
        Casus,
        Evaluatie,
        Geldstroom,
        Kostenregel,
        Leefgebied,
        Organisatie,
        ScenarioGrondslag,
        WettelijkeGrondslag,
        Zelfredzaamheid,
    )
    from escalatie.models import Escalatie
    from rapportage.models import Knelpuntgroep

    t = {
        m.__name__.lower(): m._meta.db_table
        for m in (
            Aanvraag, Boeking, Fonds, Jaarsaldo, Rekening, Saldo, Transactie, Besluit, Casus, Evaluatie,
            Geldstroom, Kostenregel, Leefgebied, Organisatie, ScenarioGrondslag, WettelijkeGrondslag,
            Zelfredzaamheid, Escalatie, Knelpuntgroep,
        )
    }
    t["casus_leefgebieden"] = Casus.leefgebieden.through._meta.db_table
    # Every figure reads the cases that count: a case declared vervallen (registered by mistake)
    # counts nowhere. `telt` is a CTE over the case table (see SQL).
    t["casus_tabel"], t["casus"] = t["casus"], "telt"
    return t


# What a cost line counts over the horizon, exactly as casussen.rendement: a quantity once, a
# rate per month inside the horizon times its units per month (a fraction, divided last). Shared
# by the one statement and the monthly partial figures.
KOSTENBEDRAG = """k.prijs * k.aantal * GREATEST(0, CASE
               WHEN k.frequentie IN {hoeveelheden} THEN CASE WHEN k.startmaand <= %(horizon)s THEN 1 ELSE 0 END
               ELSE LEAST(%(horizon)s, COALESCE(k.startmaand + k.duur_maanden - 1, %(horizon)s)) - k.startmaand + 1
           END) * CASE k.frequentie {teller} ELSE 1 END
           * CASE WHEN k.situatie = 'dreigend' THEN k.kans / 100 ELSE 1 END
           / CASE k.frequentie {noemer} ELSE 1 END AS bedrag"""


# One statement, one round trip: every figure is a subquery of one json_build_object, over a
# few shared CTEs (the new cases of the period, the first akkoord-besluit of each case decided
# in the period). Labels and empty rows are added in Python.
SQL = """
WITH telt AS NOT MATERIALIZED (
    SELECT * FROM {casus_tabel} WHERE status <> 'vervallen'
),
nieuw AS (
    SELECT id, status, datum_signaal FROM {casus}
    WHERE datum_signaal BETWEEN %(van)s AND %(tot)s
),
bits AS (
    SELECT id, (1::bigint << (row_number() OVER (ORDER BY id) - 1)::int) AS bit FROM {leefgebied}
),
besloten AS (
    -- The first akkoord of a case, when it falls in the period.
    SELECT b.casus_id, b.scenario_id, b.besloten_op FROM {besluit} b
    WHERE b.uitkomst = 'akkoord' AND b.besloten_op >= %(begin)s AND b.besloten_op < %(eind)s
      AND b.casus_id IN (SELECT id FROM {casus})
      AND b.id = (SELECT e.id FROM {besluit} e WHERE e.casus_id = b.casus_id AND e.uitkomst = 'akkoord'
                  ORDER BY e.besloten_op, e.id LIMIT 1)
),
regels AS (
    SELECT k.situatie, k.geldstroom_id, k.betaler,
           <KOSTENBEDRAG>
    FROM {kostenregel} k JOIN besloten b ON b.scenario_id = k.scenario_id
),
aanvragen AS (
    SELECT a.id, a.casus_id, a.fonds_id, a.bedrag, a.betaald FROM {aanvraag} a
    -- A small spend booked directly has no decision moment: its submission counts.
    WHERE COALESCE(a.besloten_op, a.ingediend_op) >= %(begin)s AND COALESCE(a.besloten_op, a.ingediend_op) < %(eind)s
      AND a.status IN %(goedgekeurd)s
),
uitstaand AS ({uitstaand}
),
evaluaties AS (
    SELECT ev.id, ev.casus_id, ev.maand, ev.uitkomst FROM {evaluatie} ev
    WHERE ev.maand IN %(monitoring)s AND ev.uitkomst <> ''
      AND ev.uitgevoerd_op >= %(begin)s AND ev.uitgevoerd_op < %(eind)s
)
SELECT json_build_object(
    'nieuw', (SELECT count(*) FROM nieuw),
    'afgesloten', (SELECT count(*) FROM {casus} WHERE afgesloten_op >= %(begin)s AND afgesloten_op < %(eind)s),
    'open_aan_einde', (SELECT count(*) FROM {casus} WHERE afgesloten_op IS NULL AND datum_signaal <= %(tot)s)
                      + (SELECT count(*) FROM {casus} WHERE afgesloten_op >= %(eind)s AND datum_signaal <= %(tot)s),
    'per_status', (SELECT COALESCE(json_object_agg(status, n), '{{}}')
                   FROM (SELECT status, count(*) AS n FROM nieuw GROUP BY status) s),
    'per_maand', (SELECT COALESCE(json_object_agg(m, n), '{{}}')
                  FROM (SELECT to_char(datum_signaal, 'YYYY-MM') AS m, count(*) AS n FROM nieuw GROUP BY 1) s),
    -- Every distinct set of leefgebieden with its number of cases: a few hundred rows at most,
    -- from which the counts per leefgebied and the pairs and triples are added up in Python.
    -- Every distinct set of leefgebieden (a bit mask) with its number of cases: a few hundred
    -- rows at most, from which the counts per leefgebied and the pairs and triples are added
    -- up in Python. One index lookup per new case (OFFSET 0 keeps it a lookup).
    'combinaties', (SELECT COALESCE(json_agg(json_build_array(m, n)), '[]') FROM (
                SELECT m, count(*) AS n FROM (
                    SELECT bit_or(b.bit) AS m FROM nieuw c
                    JOIN LATERAL (SELECT leefgebied_id FROM {casus_leefgebieden} WHERE casus_id = c.id OFFSET 0) cl ON true
                    JOIN bits b ON b.id = cl.leefgebied_id
                    GROUP BY c.id
                ) per_casus GROUP BY m) s),
    'leefgebied_namen', (SELECT COALESCE(json_object_agg(l.id, json_build_array(l.code, l.naam, l.volgorde, b.bit)), '{{}}')
                         FROM {leefgebied} l JOIN bits b ON b.id = l.id),
    'escalaties', (SELECT COALESCE(json_agg(json_build_array(naar_niveau, uitkomst, n)), '[]') FROM (
                SELECT naar_niveau, COALESCE(NULLIF(beslissing, ''), 'open') AS uitkomst, count(*) AS n
                FROM {escalatie} WHERE aangevraagd_op >= %(begin)s AND aangevraagd_op < %(eind)s
                  AND casus_id IN (SELECT id FROM {casus})
                GROUP BY 1, 2) s),
    'aanmelding_besluit', (SELECT json_build_array(count(*),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.9) WITHIN GROUP (ORDER BY d))
                FROM (SELECT (b.besloten_op AT TIME ZONE %(tz)s)::date - c.datum_signaal AS d
                      FROM besloten b JOIN {casus} c ON c.id = b.casus_id) s),
    'besluit_afgerond', (SELECT json_build_array(count(*),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.9) WITHIN GROUP (ORDER BY d))
                FROM (SELECT (c.afgesloten_op AT TIME ZONE %(tz)s)::date - (eb.besloten_op AT TIME ZONE %(tz)s)::date AS d
                      FROM {casus} c
                      JOIN LATERAL (SELECT b.besloten_op FROM {besluit} b
                                    WHERE b.casus_id = c.id AND b.uitkomst = 'akkoord'
                                    ORDER BY b.besloten_op, b.id LIMIT 1) eb ON true
                      WHERE c.afgesloten_op >= %(begin)s AND c.afgesloten_op < %(eind)s) s),
    'fondsen', (SELECT COALESCE(json_agg(json_build_array(f.naam, COALESCE(a.n, 0), COALESCE(a.bedrag, 0)::text,
                    COALESCE(a.betaald, 0)::text, COALESCE(u.bedrag, 0)::text) ORDER BY f.naam), '[]')
                FROM {fonds} f
                LEFT JOIN (SELECT fonds_id, count(*) AS n, SUM(bedrag) AS bedrag, SUM(betaald) AS betaald
                           FROM aanvragen GROUP BY 1) a ON a.fonds_id = f.id
                LEFT JOIN uitstaand u ON u.fonds_id = f.id
                WHERE a.n IS NOT NULL OR COALESCE(u.bedrag, 0) <> 0),
    'per_plan', (SELECT json_build_array(count(*), COALESCE(SUM(bedrag), 0)::text, round(AVG(bedrag), 2)::text,
                    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY bedrag)::numeric, 2)::text, MAX(bedrag)::text)
                 FROM (SELECT casus_id, SUM(bedrag) AS bedrag FROM aanvragen GROUP BY 1) s),
    'kosten_scenarios', (SELECT count(*) FROM besloten WHERE scenario_id IS NOT NULL),
    'kosten_geldstroom', (SELECT COALESCE(json_agg(json_build_array(g.code, g.naam, s.situatie, s.bedrag::text)
                    ORDER BY g.volgorde, g.naam), '[]')
                 FROM (SELECT geldstroom_id, situatie, round(SUM(bedrag), 2) AS bedrag FROM regels GROUP BY 1, 2) s
                 JOIN {geldstroom} g ON g.id = s.geldstroom_id),
    'kosten_totaal', (SELECT COALESCE(json_object_agg(situatie, bedrag::text), '{{}}')
                 FROM (SELECT situatie, round(SUM(bedrag), 2) AS bedrag FROM regels GROUP BY 1) s),
    'kosten_betaler', (SELECT COALESCE(json_agg(json_build_array(betaler, situatie, bedrag::text)), '[]')
                 FROM (SELECT betaler, situatie, round(SUM(bedrag), 2) AS bedrag FROM regels GROUP BY 1, 2) s),
    'grondslagen', (SELECT COALESCE(json_agg(json_build_array(w.wet, w.artikel, s.n) ORDER BY s.n DESC, w.wet, w.artikel), '[]')
                 FROM (SELECT sg.grondslag_id, count(*) AS n FROM {scenariogrondslag} sg
                       JOIN besloten b ON b.scenario_id = sg.scenario_id
                       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {top}) s
                 JOIN {wettelijkegrondslag} w ON w.id = s.grondslag_id),
    'monitoring', (SELECT COALESCE(json_agg(json_build_array(maand, uitkomst, n)), '[]')
                 FROM (SELECT maand, uitkomst, count(*) AS n FROM evaluaties GROUP BY 1, 2) s),
    'scores', (SELECT COALESCE(json_agg(json_build_array(maand, n, gem, beter, gelijk, slechter)), '[]') FROM (
                 SELECT e.maand, count(*) AS n, round(AVG(z.score - i.score), 2) AS gem,
                        count(*) FILTER (WHERE z.score > i.score) AS beter,
                        count(*) FILTER (WHERE z.score = i.score) AS gelijk,
                        count(*) FILTER (WHERE z.score < i.score) AS slechter
                 FROM evaluaties e
                 JOIN {zelfredzaamheid} z ON z.evaluatie_id = e.id
                 -- The intake score of the same leefgebied: one index lookup each (OFFSET 0).
                 JOIN LATERAL (SELECT score FROM {zelfredzaamheid}
                               WHERE casus_id = e.casus_id AND leefgebied_id = z.leefgebied_id
                                 AND evaluatie_id IS NULL OFFSET 0) i ON true
                 GROUP BY 1) s),
    'signalen', <SIGNALEN>,
    'signalen_totaal', <SIGNALEN_TOTAAL>
)
"""
SQL = SQL.replace("<KOSTENBEDRAG>", KOSTENBEDRAG)


# Outstanding loans and pre-financing at the end of the period, from the balance rows: now
# (`Saldo`) for a period that runs to today, the year rows (`Jaarsaldo`) for a period that ends
# on 31 December, and otherwise the year rows before plus that year's postings up to `tot`.
UITSTAAND_NU = """
    SELECT r.fonds_id, s.saldo AS bedrag FROM {rekening} r JOIN {saldo} s ON s.rekening_id = r.id
    WHERE r.soort = 'uitstaand'"""
UITSTAAND_JAAREINDE = """
    SELECT r.fonds_id, SUM(j.debet - j.credit) AS bedrag FROM {rekening} r
    JOIN {jaarsaldo} j ON j.rekening_id = r.id AND j.jaar <= %(jaar)s
    WHERE r.soort = 'uitstaand' GROUP BY r.fonds_id"""
UITSTAAND_DATUM = """
    SELECT r.fonds_id, SUM(x.saldo) AS bedrag FROM {rekening} r
    JOIN LATERAL (
        SELECT COALESCE(SUM(j.debet - j.credit), 0) AS saldo FROM {jaarsaldo} j
        WHERE j.rekening_id = r.id AND j.jaar < %(jaar)s
        UNION ALL
        SELECT COALESCE(SUM(CASE WHEN bo.kant = 'D' THEN bo.bedrag ELSE -bo.bedrag END), 0)
        FROM {boeking} bo JOIN {transactie} t ON t.id = bo.transactie_id
        WHERE bo.rekening_id = r.id AND bo.boekjaar = %(jaar)s AND t.boekdatum <= %(tot)s
    ) x ON true
    WHERE r.soort = 'uitstaand'
    GROUP BY r.fonds_id"""


def _uitstaand_sql(tot: date) -> str:
    from budget.services.grootboek import vandaag

    if tot >= vandaag():
        return UITSTAAND_NU
    if (tot.month, tot.day) == (12, 31):
        return UITSTAAND_JAAREINDE
    return UITSTAAND_DATUM


def _parameters(van: date, tot: date, horizon: int) -> dict:
    begin = datetime.combine(van, time.min, tzinfo=AMSTERDAM)
    eind = datetime.combine(tot + timedelta(days=1), time.min, tzinfo=AMSTERDAM)
    return {
        "van": van,
        "tot": tot,
        "begin": begin,
        "eind": eind,
        "jaar": tot.year,
        "tz": "Europe/Amsterdam",
        "horizon": horizon,
        "goedgekeurd": GOEDGEKEURD,
        "monitoring": MONITORING_MAANDEN,
    }


def ruwe_cijfers(van: date, tot: date, horizon: int = STANDAARD_HORIZON) -> dict:
    """The raw result of the one statement (for the benchmark and the tests of the SQL)."""
    tabellen = _tabellen()
    sql = SQL.format(
        top=TOP, top_signalen=TOP_SIGNALEN, uitstaand=_uitstaand_sql(tot).format(**tabellen), **EENHEDEN_SQL, **tabellen
    )
    return _uitvoeren(sql, _parameters(van, tot, horizon))[0]


def _dagen(waarde) -> float | None:
    return None if waarde is None else round(float(waarde), 1)


def _geld(waarde) -> str | None:
    return None if waarde is None else str(Decimal(waarde).quantize(CENT))


def _maanden(van: date, tot: date):
    jaar, maand = van.year, van.month
    while (jaar, maand) <= (tot.year, tot.month):
        yield jaar, maand
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)


def cijfers(van: date, tot: date, horizon: int = STANDAARD_HORIZON, direct: bool = False) -> dict:
    """Every figure of the period `van`..`tot` (inclusive); see above. From the monthly partial
    figures plus the days they do not cover; `direct=True` (or another horizon than the
    standard one, which the months do not hold) computes everything in the one statement."""
    from escalatie.queries.verzoek import nalevingsgraad

    if tot < van:
        raise ValueError("tot ligt voor van")
    with momentopname():
        if direct or horizon != STANDAARD_HORIZON:
            r = ruwe_cijfers(van, tot, horizon)
        else:
            r = samengestelde_cijfers(van, tot)
        return _uitwerken(r, van, tot, horizon, nalevingsgraad(van, tot))


@contextmanager
def momentopname():
    """Every statement inside reads the same moment (REPEATABLE READ, read only): the figures
    take a few statements (monthly rows, the other days, the verzoeken), and a change committed
    between two of them must not be counted twice or not at all. Inside a transaction that is
    already open (a service that locks, a test) its own isolation holds."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _uitwerken(r: dict, van: date, tot: date, horizon: int, naleving: dict) -> dict:
    """The raw figures (of either path) as the dict of the contract: labels, every status and
    month listed, the leefgebied counts and combinations added up from the masks."""
    from casussen.models import Betaler, Knelpunt, Status
    from escalatie.models import Escalatie, Niveau

    namen = {int(k): v for k, v in r["leefgebied_namen"].items()}

    per_status = [
        {"status": code, "label": str(label), "aantal": r["per_status"].get(code, 0)}
        for code, label in Status.choices
        if code != Status.VERVALLEN  # counts nowhere
    ]
    per_maand = [
        {
            "maand": f"{j}-{m:02d}",
            "label": f"{MAANDEN[m - 1]} {j}",
            "aantal": r["per_maand"].get(f"{j}-{m:02d}", 0),
        }
        for j, m in _maanden(van, tot)
    ]

    if len(namen) > MAX_LEEFGEBIEDEN:
        raise ValueError(f"Meer dan {MAX_LEEFGEBIEDEN} leefgebieden passen niet in het bitmasker.")
    per_bit = {v[3]: i for i, v in namen.items()}
    per_leefgebied, twee, drie = Counter(), Counter(), Counter()
    for masker, n in r["combinaties"]:
        lg = [i for bit, i in per_bit.items() if masker & bit]
        for i in lg:
            per_leefgebied[i] += n
        for paar in combinations(lg, 2):
            twee[paar] += n
        for drietal in combinations(lg, 3):
            drie[drietal] += n

    def volgorde(i):
        return (namen[i][2], namen[i][1])

    def top(telling):
        rijen = [(sorted(ids, key=volgorde), n) for ids, n in telling.items() if n >= 2]
        rijen.sort(key=lambda t: (-t[1], [volgorde(i) for i in t[0]]))
        return [
            {"codes": [namen[i][0] for i in ids], "namen": [namen[i][1] for i in ids], "aantal": n}
            for ids, n in rijen[:TOP]
        ]

    uitkomst_labels = {"open": str(_("Open")), **{c: str(lbl) for c, lbl in Escalatie.Beslissing.choices}}
    niveaus: dict[int, dict] = {}
    for niveau, uitkomst, n in r["escalaties"]:
        rij = niveaus.setdefault(
            niveau, {"niveau": niveau, "label": str(Niveau(niveau).label), "totaal": 0, "uitkomsten": {}}
        )
        rij["totaal"] += n
        rij["uitkomsten"][uitkomst] = n
    for rij in niveaus.values():
        rij["uitkomsten"] = {k: rij["uitkomsten"].get(k, 0) for k in uitkomst_labels}

    fondsen = [
        {"fonds": naam, "aanvragen": n, "goedgekeurd": _geld(g), "betaald": _geld(b), "uitstaand": _geld(u)}
        for naam, n, g, b, u in r["fondsen"]
    ]
    totaal_geld = {
        "aanvragen": sum(f["aanvragen"] for f in fondsen),
        **{k: _geld(sum((Decimal(f[k]) for f in fondsen), Decimal("0"))) for k in ("goedgekeurd", "betaald", "uitstaand")},
    }
    plannen, plan_totaal, plan_gem, plan_med, plan_max = r["per_plan"]

    def situaties(rijen):
        tabel: dict = {}
        for rij in rijen:
            *k, situatie, bedrag = rij
            doel = tabel.setdefault(tuple(k), {s: Decimal("0") for s in SITUATIES})
            doel[situatie] += Decimal(bedrag)
        return tabel

    per_geldstroom = [
        {"code": code, "naam": naam, **{s: _geld(v) for s, v in bedragen.items()}}
        for (code, naam), bedragen in situaties(r["kosten_geldstroom"]).items()
    ]
    betaler_labels = dict(Betaler.choices)
    betalers = situaties(r["kosten_betaler"])
    betaler_volgorde = {code: i for i, code in enumerate(BETALER_VOLGORDE)}
    per_betaler = [
        {"code": code, "naam": str(betaler_labels.get(code, code)), **{s: _geld(v) for s, v in betalers[(code,)].items()}}
        for (code,) in sorted(betalers, key=lambda k: (betaler_volgorde.get(k[0], 99), k[0]))
    ]
    kosten_totaal = {s: _geld(r["kosten_totaal"].get(s, 0)) for s in SITUATIES}

    monitoring = []
    uitkomsten = {(m, u): n for m, u, n in r["monitoring"]}
    scores = {rij[0]: rij[1:] for rij in r["scores"]}
    for maand in MONITORING_MAANDEN:
        n, gem, beter, gelijk, slechter = scores.get(maand, (0, None, 0, 0, 0))
        per_uitkomst = {u: uitkomsten.get((maand, u), 0) for u in ("doorgaan", "aanpassen", "afronden")}
        monitoring.append({
            "maand": maand,
            "aantal": sum(per_uitkomst.values()),
            "uitkomsten": per_uitkomst,
            "scores": n,
            "verandering": None if gem is None else round(float(gem), 2),
            "beter": beter,
            "gelijk": gelijk,
            "slechter": slechter,
        })

    soort_labels = dict(Knelpunt.Soort.choices)
    return {
        "versie": VERSIE,
        "van": van.isoformat(),
        "tot": tot.isoformat(),
        "casussen": {
            "nieuw": r["nieuw"],
            "afgesloten": r["afgesloten"],
            "open_aan_einde": r["open_aan_einde"],
            "per_status": per_status,
            "per_maand": per_maand,
        },
        "leefgebieden": [
            {"code": namen[i][0], "naam": namen[i][1], "aantal": n}
            for i, n in sorted(per_leefgebied.items(), key=lambda t: (-t[1], volgorde(t[0])))
        ],
        "combinaties": {"twee": top(twee), "drie": top(drie)},
        "escalaties": {
            "totaal": sum(rij["totaal"] for rij in niveaus.values()),
            "per_niveau": [niveaus[k] for k in sorted(niveaus)],
            "uitkomst_labels": uitkomst_labels,
        },
        "doorlooptijden": {
            naam: {"aantal": r[naam][0], "mediaan": _dagen(r[naam][1]), "p90": _dagen(r[naam][2])}
            for naam in ("aanmelding_besluit", "besluit_afgerond")
        },
        "verzoeken": {
            "aantal": naleving["totaal"],
            "op_tijd": naleving["binnen_termijn"],
            "te_laat": naleving["totaal"] - naleving["binnen_termijn"],
            "open": naleving["open"],
            "percentage": naleving["percentage"],
        },
        "geld": {
            "per_fonds": fondsen,
            "totaal": totaal_geld,
            "per_plan": {
                "plannen": plannen,
                "totaal": _geld(plan_totaal),
                "gemiddeld": _geld(plan_gem),
                "mediaan": _geld(plan_med),
                "hoogste": _geld(plan_max),
            },
        },
        "kosten": {
            "horizon": horizon,
            "scenarios": r["kosten_scenarios"],
            "totaal": kosten_totaal,
            "per_geldstroom": per_geldstroom,
            "per_betaler": per_betaler,
        },
        "grondslagen": [{"wet": w, "artikel": a, "aantal": n} for w, a, n in r["grondslagen"]],
        "monitoring": monitoring,
        "signalen": [
            {
                "soort": soort,
                "soort_label": str(soort_labels.get(soort, soort)),
                "organisatie": org,
                "grondslag": grondslag,
                "regel": regel,
                "casussen": n,
                "sinds": sinds,
            }
            for soort, org, grondslag, regel, n, sinds in r["signalen"]
        ],
        "signalen_totaal": r["signalen_totaal"],
    }


# --- The monthly partial figures -------------------------------------------------------------
#
# Every figure that is a count or a sum over rows that each fall on one day is kept per calendar
# month (`Maandcijfers.deel`) as rows of key and counts or exact sums, which add up over any set
# of months. A period is then its whole, clean months from those rows, plus its partial edge
# months and any month whose row is stale or missing, computed here from the source tables over
# exactly those days (one statement, the same SQL that builds the rows, so both paths count the
# same way). Per figure:
#
# - nieuw, per_status, per_maand: new cases per status (signal month); combinaties and
#   leefgebieden: new cases per set of leefgebied ids ("3,5,8"), turned into the bit masks of
#   the one-statement path with today's leefgebieden.
# - afgesloten, escalaties (per niveau and outcome), kosten (sums per geldstroom, betaler and
#   situatie, unrounded; rounded after merging as the SQL rounds the whole sum), chosen
#   scenarios, grondslagen (every count; the top 10 is taken after merging), monitoring
#   (outcome counts; per evaluation month the number of scores, the sum of their change and
#   beter/gelijk/slechter: the mean is the merged sum over the merged count).
# - doorlooptijden: the durations are whole days, so a month holds a histogram (days -> cases)
#   and the median and p90 of the merged histogram are exactly percentile_cont's.
# - geld per fonds: count, sum bedrag and sum betaald of the approved requests (exact sums).
# - Not mergeable, computed directly each time with an index: open_aan_einde (two counts, the
#   open cases from the index alone: `casus_open_telt_idx`), per_plan (a case's requests span months: the approved requests of
#   the period by the expression index `aanvraag_goedgekeurd_op_idx`), uitstaand (balance
#   rows), signalen (the knelpuntgroep signal index, a few hundred groups) and verzoeken
#   (`nalevingsgraad`: what counts depends on the current time, one aggregate over the
#   received-date index).
#
# A month's row is trusted only while no `VuileMaand` row names it: database triggers on every
# source table (migration rapportage 0004) add one whenever a row of that month changes, so a
# figure is exact at any moment; `rapportage.services.maandcijfers` recomputes such months.
#
# The cost stays flat in the length of the history because a run of whole months is not added
# up month by month: each row also holds the running total up to it (`cumulatief`, see below), so
# ten years are the running total of the last month minus that of the month before the first,
# minus the stale months in between (whose days are computed directly).

# Per family: the number of key columns and the kinds of the values (i: count, d: exact sum).
FAMILIES = {
    "nieuw": (1, "i"),
    "combinaties": (1, "i"),
    "afgesloten": (0, "i"),
    "escalaties": (2, "i"),
    "aanmelding_besluit": (1, "i"),
    "besluit_afgerond": (1, "i"),
    "fondsen": (1, "idd"),
    "kosten_scenarios": (0, "i"),
    "kosten_geldstroom": (2, "d"),
    "kosten_totaal": (1, "d"),
    "kosten_betaler": (2, "d"),
    "grondslagen": (1, "i"),
    "monitoring": (2, "i"),
    "scores": (1, "iiiii"),
}
KERN_FAMILIES = ("nieuw", "afgesloten", "escalaties", "fondsen", "aanmelding_besluit")

TZ_MAAND = "date_trunc('month', ({}) AT TIME ZONE 'Europe/Amsterdam')::date"

DEEL_CTE = """
WITH telt AS NOT MATERIALIZED (
    SELECT * FROM {casus_tabel} WHERE status <> 'vervallen'
),
nieuw AS (
    SELECT id, status, date_trunc('month', datum_signaal)::date AS m FROM {casus} WHERE {in_signaal}
),
besloten AS (
    SELECT b.casus_id, b.scenario_id, b.besloten_op, {maand_besloten} AS m FROM {besluit} b
    WHERE b.uitkomst = 'akkoord' AND {in_besloten}
      AND b.casus_id IN (SELECT id FROM {casus})
      AND b.id = (SELECT e.id FROM {besluit} e WHERE e.casus_id = b.casus_id AND e.uitkomst = 'akkoord'
                  ORDER BY e.besloten_op, e.id LIMIT 1)
),
regels AS (
    SELECT b.m, k.situatie, k.geldstroom_id, k.betaler,
           <KOSTENBEDRAG>
    FROM {kostenregel} k JOIN besloten b ON b.scenario_id = k.scenario_id
),
aanvragen AS (
    SELECT {maand_aanvraag} AS m, a.fonds_id, a.bedrag, a.betaald FROM {aanvraag} a
    WHERE {in_aanvraag} AND a.status IN %(goedgekeurd)s
),
evaluaties AS (
    SELECT ev.id, ev.casus_id, ev.maand, ev.uitkomst, {maand_evaluatie} AS m FROM {evaluatie} ev
    WHERE ev.maand IN %(monitoring)s AND ev.uitkomst <> '' AND {in_evaluatie}
)
"""
DEEL_CTE = DEEL_CTE.replace("<KOSTENBEDRAG>", KOSTENBEDRAG)

DEEL_FAMILIES = {
    "nieuw": "SELECT m, status, count(*) FROM nieuw GROUP BY 1, 2",
    "combinaties": """SELECT m, ids, count(*) FROM (
                SELECT c.m, string_agg(cl.leefgebied_id::text, ',' ORDER BY cl.leefgebied_id) AS ids FROM nieuw c
                JOIN LATERAL (SELECT leefgebied_id FROM {casus_leefgebieden} WHERE casus_id = c.id OFFSET 0) cl ON true
                GROUP BY c.id, c.m) per_casus GROUP BY 1, 2""",
    "afgesloten": "SELECT {maand_afgesloten}, count(*) FROM {casus} c WHERE {in_afgesloten} GROUP BY 1",
    "escalaties": """SELECT {maand_escalatie}, naar_niveau, COALESCE(NULLIF(beslissing, ''), 'open'), count(*)
                FROM {escalatie} x WHERE {in_escalatie} AND casus_id IN (SELECT id FROM {casus}) GROUP BY 1, 2, 3""",
    "aanmelding_besluit": """SELECT b.m, (b.besloten_op AT TIME ZONE %(tz)s)::date - c.datum_signaal, count(*)
                FROM besloten b JOIN {casus} c ON c.id = b.casus_id GROUP BY 1, 2""",
    "besluit_afgerond": """SELECT {maand_afgesloten},
                       (c.afgesloten_op AT TIME ZONE %(tz)s)::date - (eb.besloten_op AT TIME ZONE %(tz)s)::date, count(*)
                FROM {casus} c
                JOIN LATERAL (SELECT b.besloten_op FROM {besluit} b
                              WHERE b.casus_id = c.id AND b.uitkomst = 'akkoord'
                              ORDER BY b.besloten_op, b.id LIMIT 1) eb ON true
                WHERE {in_afgesloten} GROUP BY 1, 2""",
    "fondsen": "SELECT m, fonds_id, count(*), SUM(bedrag)::text, SUM(betaald)::text FROM aanvragen GROUP BY 1, 2",
    "kosten_scenarios": "SELECT m, count(*) FROM besloten WHERE scenario_id IS NOT NULL GROUP BY 1",
    "kosten_geldstroom": "SELECT m, geldstroom_id, situatie, SUM(bedrag)::text FROM regels GROUP BY 1, 2, 3",
    "kosten_totaal": "SELECT m, situatie, SUM(bedrag)::text FROM regels GROUP BY 1, 2",
    "kosten_betaler": "SELECT m, betaler, situatie, SUM(bedrag)::text FROM regels GROUP BY 1, 2, 3",
    "grondslagen": """SELECT b.m, sg.grondslag_id, count(*) FROM {scenariogrondslag} sg
                JOIN besloten b ON b.scenario_id = sg.scenario_id GROUP BY 1, 2""",
    "monitoring": "SELECT m, maand, uitkomst, count(*) FROM evaluaties GROUP BY 1, 2, 3",
    "scores": """SELECT e.m, e.maand, count(*), SUM(z.score - i.score),
                        count(*) FILTER (WHERE z.score > i.score),
                        count(*) FILTER (WHERE z.score = i.score),
                        count(*) FILTER (WHERE z.score < i.score)
                 FROM evaluaties e
                 JOIN {zelfredzaamheid} z ON z.evaluatie_id = e.id
                 JOIN LATERAL (SELECT score FROM {zelfredzaamheid}
                               WHERE casus_id = e.casus_id AND leefgebied_id = z.leefgebied_id
                                 AND evaluatie_id IS NULL OFFSET 0) i ON true
                 GROUP BY 1, 2""",
}

# The figures that are not kept per month, for the whole period at once (see above).
DIRECT_CTE = """
WITH telt AS NOT MATERIALIZED (
    SELECT * FROM {casus_tabel} WHERE status <> 'vervallen'
),
bits AS (
    SELECT id, (1::bigint << (row_number() OVER (ORDER BY id) - 1)::int) AS bit FROM {leefgebied}
),
aanvragen AS (
    SELECT a.casus_id, a.bedrag FROM {aanvraag} a
    WHERE COALESCE(a.besloten_op, a.ingediend_op) >= %(begin)s AND COALESCE(a.besloten_op, a.ingediend_op) < %(eind)s
      AND a.status IN %(goedgekeurd)s
),
uitstaand AS ({uitstaand}
)
"""
DIRECT_FIGUREN = {
    "open_aan_einde": """(SELECT count(*) FROM {casus} WHERE afgesloten_op IS NULL AND datum_signaal <= %(tot)s)
                      + (SELECT count(*) FROM {casus} WHERE afgesloten_op >= %(eind)s AND datum_signaal <= %(tot)s)""",
    "per_plan": """(SELECT json_build_array(count(*), COALESCE(SUM(bedrag), 0)::text, round(AVG(bedrag), 2)::text,
                    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY bedrag)::numeric, 2)::text, MAX(bedrag)::text)
                 FROM (SELECT casus_id, SUM(bedrag) AS bedrag FROM aanvragen GROUP BY 1) s)""",
    "uitstaand": "(SELECT COALESCE(json_agg(json_build_array(fonds_id, COALESCE(bedrag, 0)::text)), '[]') FROM uitstaand)",
    "fonds_namen": "(SELECT COALESCE(json_agg(json_build_array(id, naam) ORDER BY naam), '[]') FROM {fonds})",
    "leefgebied_namen": """(SELECT COALESCE(json_object_agg(l.id, json_build_array(l.code, l.naam, l.volgorde, b.bit)), '{{}}')
                         FROM {leefgebied} l JOIN bits b ON b.id = l.id)""",
    "geldstromen": "(SELECT COALESCE(json_agg(json_build_array(id, code, naam) ORDER BY volgorde, naam), '[]') FROM {geldstroom})",
    "grondslag_namen": """(SELECT COALESCE(json_agg(json_build_array(id, wet, artikel) ORDER BY wet, artikel), '[]')
                        FROM {wettelijkegrondslag})""",
    "signalen": """(SELECT COALESCE(json_agg(json_build_array(g.soort, COALESCE(o.naam, ''),
                    COALESCE(w.wet || ' ' || w.artikel, ''), g.regel, g.aantal_casussen,
                    to_char(g.signaal_sinds AT TIME ZONE %(tz)s, 'YYYY-MM-DD'))
                    ORDER BY g.aantal_casussen DESC, g.signaal_sinds, g.id), '[]')
                 FROM {knelpuntgroep} g
                 LEFT JOIN {organisatie} o ON o.id = g.organisatie_id
                 LEFT JOIN {wettelijkegrondslag} w ON w.id = g.grondslag_id
                 WHERE g.id IN (SELECT id FROM {knelpuntgroep}
                                WHERE signaal_sinds IS NOT NULL AND signaal_sinds < %(eind)s
                                ORDER BY aantal_casussen DESC, signaal_sinds, id LIMIT {top_signalen}))""",
    "signalen_totaal": """(SELECT count(*) FROM {knelpuntgroep}
                        WHERE signaal_sinds IS NOT NULL AND signaal_sinds < %(eind)s)""",
}
# The one statement reads the signals exactly as the direct figures do.
SQL = SQL.replace("<SIGNALEN>", DIRECT_FIGUREN["signalen"]).replace("<SIGNALEN_TOTAAL>", DIRECT_FIGUREN["signalen_totaal"])
KERN_DIRECT = ("open_aan_einde",)

# Where each family's rows fall: the column that puts a row in a month.
DATUMKOLOMMEN = {
    "signaal": ("datum_signaal", "date"),
    "afgesloten": ("c.afgesloten_op", "tz"),
    "besloten": ("b.besloten_op", "tz"),
    "escalatie": ("x.aangevraagd_op", "tz"),
    "aanvraag": ("COALESCE(a.besloten_op, a.ingediend_op)", "tz"),
    "evaluatie": ("ev.uitgevoerd_op", "tz"),
}


def _filters(bereiken: list[tuple[date, date]] | None) -> tuple[dict, dict]:
    """SQL conditions that keep the rows of the given day ranges (inclusive Amsterdam dates;
    None: every row with a date), per date column, and their parameters."""
    sql, params = {}, {}
    for i, (a, b) in enumerate(bereiken or ()):
        params[f"bv{i}"], params[f"bt{i}"] = a, b
        params[f"bb{i}"] = datetime.combine(a, time.min, tzinfo=AMSTERDAM)
        params[f"be{i}"] = datetime.combine(b + timedelta(days=1), time.min, tzinfo=AMSTERDAM)
    for naam, (kolom, soort) in DATUMKOLOMMEN.items():
        if bereiken is None:
            delen = [f"{kolom} IS NOT NULL"]
        elif soort == "date":
            delen = [f"{kolom} BETWEEN %(bv{i})s AND %(bt{i})s" for i in range(len(bereiken))]
        else:
            delen = [f"({kolom} >= %(bb{i})s AND {kolom} < %(be{i})s)" for i in range(len(bereiken))]
        sql[f"in_{naam}"] = "(" + " OR ".join(delen) + ")"
        if soort == "tz":
            sql[f"maand_{naam}"] = TZ_MAAND.format(kolom)
    return sql, params


def deel_sql(bereiken: list[tuple[date, date]] | None, families=tuple(FAMILIES)) -> tuple[str, dict]:
    """The statement (a scalar subquery) that gives the partial figures of the days in
    `bereiken`, per month: {family: [[month, key..., value...], ...]}."""
    tabellen = _tabellen()
    filters, params = _filters(bereiken)
    opmaak = {**EENHEDEN_SQL, **tabellen, **filters}
    delen = []
    for f in families:
        n = 1 + FAMILIES[f][0] + len(FAMILIES[f][1])
        kolommen = [f"c{i}" for i in range(n)]
        delen.append(
            f"'{f}', (SELECT COALESCE(json_agg(json_build_array({', '.join(kolommen)})), '[]') "
            f"FROM ({DEEL_FAMILIES[f].format(**opmaak)}) s({', '.join(kolommen)}))"
        )
    sql = "(" + DEEL_CTE.format(**opmaak) + " SELECT json_build_object(" + ", ".join(delen) + "))"
    params.update(horizon=STANDAARD_HORIZON, tz="Europe/Amsterdam", goedgekeurd=GOEDGEKEURD, monitoring=MONITORING_MAANDEN)
    return sql, params


def _uitvoeren(sql: str, params: dict):
    """Run one statement; psycopg adapts a tuple as a composite, so IN lists get one
    placeholder per value."""
    params = dict(params)
    for naam in ("goedgekeurd", "monitoring"):
        if naam not in params:
            continue
        waarden = params.pop(naam)
        keys = [f"{naam}_{i}" for i in range(len(waarden))]
        sql = sql.replace(f"%({naam})s", "(" + ", ".join(f"%({k})s" for k in keys) + ")")
        params.update(dict(zip(keys, waarden, strict=True)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def delen_per_maand(ruw: dict) -> dict[str, dict]:
    """{family: [[month, ...], ...]} as {"2026-07-01": {family: [[...], ...]}}."""
    uit: dict[str, dict] = {}
    for familie, rijen in ruw.items():
        for maand, *rest in rijen:
            uit.setdefault(maand, {}).setdefault(familie, []).append(rest)
    return uit


def maanddelen(bereiken: list[tuple[date, date]] | None) -> dict[str, dict]:
    """The partial figures per month of the days in `bereiken` (None: every day), computed from
    the source tables in one statement: what a `Maandcijfers` row holds."""
    sql, params = deel_sql(bereiken)
    return delen_per_maand(_uitvoeren("SELECT " + sql, params)[0])


PRECISIE = Context(prec=200)


def _samenvoegen(delen, families) -> dict:
    """Add partial figures up: {family: {key: [values]}}, counts as ints, sums as exact
    Decimals."""
    totaal = {f: {} for f in families}
    for deel in delen:
        for f in families:
            nk, soorten = FAMILIES[f]
            doel = totaal[f]
            for rij in deel.get(f) or ():
                sleutel, waarden = tuple(rij[:nk]), rij[nk:]
                huidig = doel.get(sleutel)
                if huidig is None:
                    huidig = doel[sleutel] = [0 if s == "i" else Decimal(0) for s in soorten]
                for i, (s, w) in enumerate(zip(soorten, waarden, strict=True)):
                    if w is None:
                        continue
                    huidig[i] = huidig[i] + w if s == "i" else PRECISIE.add(huidig[i], Decimal(w))
    return totaal


# --- Running totals ----------------------------------------------------------------------------
# `Maandcijfers.cumulatief` of a month is the sum of `deel` over that month and every month before
# it: {family: [[key..., months, values...]]}, sums as exact decimal strings. A run of whole months
# a..b is then cumulatief(b) − cumulatief(a − 1): two rows, whatever the length of the history.
# `months` counts the months a key came from, so a key that is gone after the subtraction is gone
# (a sum of 0.00 over real rows stays a row, as in the direct computation).


def cumulatief_lezen(cum: dict | None, families) -> dict:
    """{family: {key: [months, values...]}} from a stored running total (None: nothing yet)."""
    uit = {f: {} for f in families}
    for f in families:
        nk, soorten = FAMILIES[f]
        for rij in (cum or {}).get(f) or ():
            uit[f][tuple(rij[:nk])] = [rij[nk], *[w if s == "i" else Decimal(w) for s, w in zip(soorten, rij[nk + 1:],
                                                                                             strict=True)]]
    return uit


def cumulatief_erbij(lopend: dict, deel: dict, teken: int = 1) -> None:
    """Add (teken 1) or take away (teken -1) one month's partial figures to running totals."""
    for f, doel in lopend.items():
        nk, soorten = FAMILIES[f]
        for rij in deel.get(f) or ():
            sleutel = tuple(rij[:nk])
            huidig = doel.get(sleutel)
            if huidig is None:
                huidig = doel[sleutel] = [0, *[0 if s == "i" else Decimal(0) for s in soorten]]
            huidig[0] += teken
            for i, (s, w) in enumerate(zip(soorten, rij[nk:], strict=True), start=1):
                if w is None:
                    continue
                huidig[i] = huidig[i] + teken * w if s == "i" else PRECISIE.add(huidig[i], teken * Decimal(w))


def cumulatief_aftrekken(lopend: dict, ander: dict) -> None:
    for f, doel in lopend.items():
        for sleutel, waarden in ander.get(f, {}).items():
            huidig = doel.get(sleutel)
            if huidig is None:
                huidig = doel[sleutel] = [0 if isinstance(w, int) else Decimal(0) for w in waarden]
            for i, w in enumerate(waarden):
                huidig[i] = huidig[i] - w if isinstance(w, int) else PRECISIE.subtract(huidig[i], w)


def cumulatief_json(lopend: dict) -> dict:
    return {
        f: [[*sleutel, *[w if isinstance(w, int) else str(w) for w in waarden]] for sleutel, waarden in rijen.items()]
        for f, rijen in lopend.items()
    }


def _zonder_maanden(lopend: dict) -> dict:
    """Running totals as `_samenvoegen` gives them: keys that came from no month left out."""
    return {f: {k: w[1:] for k, w in rijen.items() if w[0]} for f, rijen in lopend.items()}


def _percentiel(histogram: dict, p: float) -> float | None:
    """percentile_cont(p) of whole numbers given as {value: count}, computed as PostgreSQL does
    (the two neighbouring rows, interpolated in double precision)."""
    waarden = sorted((k, n) for k, n in histogram.items() if k is not None and n)
    aantal = sum(n for _k, n in waarden)
    if not aantal:
        return None
    positie = p * (aantal - 1)
    onder, boven = math.floor(positie), math.ceil(positie)

    def op(index):
        for waarde, n in waarden:
            if index < n:
                return float(waarde)
            index -= n
        raise IndexError(index)

    laag, hoog = op(onder), op(boven)
    return laag + (hoog - laag) * (positie - onder)


def _rond(bedrag: Decimal) -> str:
    """round(numeric, 2)::text: half away from zero, never "-0.00"."""
    uit = bedrag.quantize(CENT, rounding=ROUND_HALF_UP, context=PRECISIE)
    return str(uit if uit else Decimal("0.00"))


def _bereiken(van: date, tot: date, schoon: set[date]) -> list[tuple[date, date]]:
    """The days of van..tot outside the clean months, as inclusive ranges."""
    bereiken, begin, dag = [], None, van
    while dag <= tot:
        maand = dag.replace(day=1)
        volgende = (maand + timedelta(days=32)).replace(day=1)
        if maand in schoon:
            if begin is not None:
                bereiken.append((begin, dag - timedelta(days=1)))
                begin = None
            dag = volgende
            continue
        if begin is None:
            begin = dag
        dag = min(volgende, tot + timedelta(days=1))
    if begin is not None:
        bereiken.append((begin, tot))
    return bereiken


def _samenstellen(van: date, tot: date, families, direct_figuren) -> tuple[dict, dict, dict]:
    """The merged partial figures of van..tot, the new cases per month, and the direct figures.

    Two statements: the running totals that bound the clean whole months of the period (and the
    partial figures of its stale months, to take out again), then one statement with the partial
    figures of every other day and the direct figures. Rows from before the running totals are
    added up one by one (a third statement)."""
    from rapportage.models import Maandcijfers, VuileMaand

    eerste = van if van.day == 1 else (van.replace(day=1) + timedelta(days=32)).replace(day=1)
    # The first day of the last whole month of the period (before `eerste` when there is none).
    na = tot + timedelta(days=1)
    laatste = (na.replace(day=1) - timedelta(days=1)).replace(day=1)
    schoon, per_maand, delen = set(), {}, []
    if eerste <= laatste:
        tabel, vuil = Maandcijfers._meta.db_table, VuileMaand._meta.db_table
        velden = ", ".join(f"'{f}', {{kolom}}->'{f}'" for f in families)
        # One row per month of the period that has a row, and the last row before it: whether it
        # is stale, its new cases, the running totals of the two rows that bound the run, and the
        # partial figures of a stale month (taken out of the run again).
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT maand, vuil, (SELECT COALESCE(sum((e->>-1)::int), 0)
                                         FROM jsonb_array_elements(deel->'nieuw') e),
                           CASE WHEN maand < %(eerste)s OR maand = max(maand) OVER ()
                                THEN jsonb_build_object({velden.format(kolom="cumulatief")}) END,
                           cumulatief IS NULL,
                           CASE WHEN vuil THEN jsonb_build_object({velden.format(kolom="deel")}) END
                    FROM (SELECT m.*, EXISTS (SELECT 1 FROM {vuil} v WHERE v.maand = m.maand) AS vuil
                          FROM {tabel} m
                          WHERE maand BETWEEN COALESCE((SELECT max(maand) FROM {tabel} WHERE maand < %(eerste)s),
                                                       %(eerste)s)
                                          AND %(laatste)s) m
                    ORDER BY maand""",
                {"eerste": eerste, "laatste": laatste},
            )
            rijen = cursor.fetchall()
        zonder_cum = any(r[4] for r in rijen)
        binnen = [r for r in rijen if r[0] >= eerste]
        if binnen and not zonder_cum:
            # The run: cumulatief(the last row) − cumulatief(the last row before the period) −
            # the stale months in between; a month without a row is not clean (computed directly).
            lopend = cumulatief_lezen(_json(binnen[-1][3]), families)
            if rijen[0][0] < binnen[0][0]:
                cumulatief_aftrekken(lopend, cumulatief_lezen(_json(rijen[0][3]), families))
            for maand, is_vuil, nieuw, _cum, _leeg, deel in binnen:
                if is_vuil:
                    cumulatief_erbij(lopend, _json(deel), -1)
                else:
                    schoon.add(maand)
                    per_maand[maand.isoformat()] = nieuw
            totaal_schoon = _zonder_maanden(lopend)
        else:
            totaal_schoon = None
            # Rows without running totals yet: add the clean months up one by one.
            for maand, is_vuil, nieuw, _cum, _leeg, _deel in binnen:
                if not is_vuil:
                    schoon.add(maand)
                    per_maand[maand.isoformat()] = nieuw
            if schoon:
                velden_deel = ", ".join(f"'{f}', deel->'{f}'" for f in families)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT deel_json FROM (SELECT maand, jsonb_build_object({velden_deel}) AS deel_json "
                        f"FROM {tabel} WHERE maand = ANY(%s)) s",
                        [sorted(schoon)],
                    )
                    delen = [_json(r[0]) for r in cursor.fetchall()]
    else:
        totaal_schoon = None
    rijen = schoon
    bereiken = _bereiken(van, tot, set(rijen))

    tabellen = _tabellen()
    params = _parameters(van, tot, STANDAARD_HORIZON)
    opmaak = {"top_signalen": TOP_SIGNALEN, "uitstaand": _uitstaand_sql(tot).format(**tabellen), **tabellen}
    figuren = ", ".join(f"'{naam}', {DIRECT_FIGUREN[naam]}" for naam in direct_figuren)
    sql = "SELECT (" + DIRECT_CTE.format(**opmaak) + " SELECT json_build_object(" + figuren.format(**opmaak) + "))"
    if bereiken:
        deel, deel_params = deel_sql(bereiken, families)
        sql += ", " + deel
        params.update(deel_params)
    uitkomst = _uitvoeren(sql, params)
    direct = uitkomst[0]
    if bereiken:
        for maand, deel in delen_per_maand(uitkomst[1]).items():
            delen.append(deel)
            per_maand[maand] = per_maand.get(maand, 0) + sum(r[1] for r in deel.get("nieuw", ()))
    totaal = _samenvoegen(delen, families)
    if totaal_schoon is not None:
        for f in families:
            for sleutel, waarden in totaal_schoon[f].items():
                huidig = totaal[f].get(sleutel)
                if huidig is None:
                    totaal[f][sleutel] = list(waarden)
                else:
                    totaal[f][sleutel] = [a + b if isinstance(a, int) else PRECISIE.add(a, b)
                                          for a, b in zip(huidig, waarden, strict=True)]
    return totaal, per_maand, direct


def _json(waarde):
    return json.loads(waarde) if isinstance(waarde, str) else waarde


def _tel(totaal: dict, familie: str, sleutel=(), index=0):
    waarden = totaal[familie].get(sleutel)
    return waarden[index] if waarden else 0


def _doorlooptijd(totaal: dict, familie: str) -> list:
    histogram = {k[0]: v[0] for k, v in totaal[familie].items()}
    return [sum(histogram.values()), _percentiel(histogram, 0.5), _percentiel(histogram, 0.9)]


def samengestelde_cijfers(van: date, tot: date) -> dict:
    """The raw figures of `ruwe_cijfers` (standard horizon), from the monthly partial figures."""
    totaal, per_maand, d = _samenstellen(van, tot, tuple(FAMILIES), tuple(DIRECT_FIGUREN))
    namen = {int(k): v for k, v in d["leefgebied_namen"].items()}
    bits = {i: v[3] for i, v in namen.items()}
    combinaties = Counter()
    for (ids,), (n,) in totaal["combinaties"].items():
        leden = [int(i) for i in ids.split(",")]
        combinaties[sum(bits[i] for i in leden if i in bits)] += n

    uitstaand = {fonds_id: bedrag for fonds_id, bedrag in d["uitstaand"]}
    fondsen = []
    for fonds_id, naam in d["fonds_namen"]:
        a = totaal["fondsen"].get((fonds_id,))
        u = uitstaand.get(fonds_id)
        if a is None and Decimal(u or 0) == 0:
            continue
        n, bedrag, betaald = a or (0, Decimal(0), Decimal(0))
        fondsen.append([naam, n, str(bedrag), str(betaald), u or "0"])

    geldstromen = {gid: (i, code, naam) for i, (gid, code, naam) in enumerate(d["geldstromen"])}
    kosten_geldstroom = [
        [geldstromen[gid][1], geldstromen[gid][2], situatie, _rond(bedrag)]
        for (gid, situatie), (bedrag,) in sorted(
            ((k, v) for k, v in totaal["kosten_geldstroom"].items() if k[0] in geldstromen),
            key=lambda t: geldstromen[t[0][0]][0],
        )
    ]
    rang = {gid: (i, wet, artikel) for i, (gid, wet, artikel) in enumerate(d["grondslag_namen"])}
    top = sorted(((gid, n) for (gid,), (n,) in totaal["grondslagen"].items() if n), key=lambda t: (-t[1], t[0]))[:TOP]
    grondslagen = [
        [rang[gid][1], rang[gid][2], n] for gid, n in sorted(top, key=lambda t: (-t[1], rang[t[0]][0])) if gid in rang
    ]
    scores = []
    for (maand,), (n, som, beter, gelijk, slechter) in totaal["scores"].items():
        gem = (Decimal(som) / Decimal(n)).quantize(CENT, rounding=ROUND_HALF_UP, context=PRECISIE) if n else None
        scores.append([maand, n, None if gem is None else float(gem), beter, gelijk, slechter])

    return {
        "nieuw": sum(v[0] for v in totaal["nieuw"].values()),
        "afgesloten": _tel(totaal, "afgesloten"),
        "open_aan_einde": d["open_aan_einde"],
        "per_status": {k[0]: v[0] for k, v in totaal["nieuw"].items()},
        "per_maand": {maand[:7]: n for maand, n in per_maand.items() if n},
        "combinaties": [[m, n] for m, n in combinaties.items()],
        "leefgebied_namen": d["leefgebied_namen"],
        "escalaties": [[niveau, uitkomst, v[0]] for (niveau, uitkomst), v in totaal["escalaties"].items() if v[0]],
        "aanmelding_besluit": _doorlooptijd(totaal, "aanmelding_besluit"),
        "besluit_afgerond": _doorlooptijd(totaal, "besluit_afgerond"),
        "fondsen": fondsen,
        "per_plan": d["per_plan"],
        "kosten_scenarios": _tel(totaal, "kosten_scenarios"),
        "kosten_geldstroom": kosten_geldstroom,
        "kosten_totaal": {situatie: _rond(v[0]) for (situatie,), v in totaal["kosten_totaal"].items()},
        "kosten_betaler": [[b, s, _rond(v[0])] for (b, s), v in totaal["kosten_betaler"].items()],
        "grondslagen": grondslagen,
        "monitoring": [[m, u, v[0]] for (m, u), v in totaal["monitoring"].items() if v[0]],
        "scores": scores,
        "signalen": d["signalen"],
        "signalen_totaal": d["signalen_totaal"],
    }


def kerngetallen_uit(c: dict) -> dict:
    """The key figures of a full set of figures (`cijfers()`), as `kerngetallen()` gives them."""
    return {
        "nieuw": c["casussen"]["nieuw"],
        "afgesloten": c["casussen"]["afgesloten"],
        "open_aan_einde": c["casussen"]["open_aan_einde"],
        "escalaties": c["escalaties"]["totaal"],
        "verzoeken_op_tijd": c["verzoeken"]["percentage"],
        "goedgekeurd": c["geld"]["totaal"]["goedgekeurd"],
        "mediaan_aanmelding_besluit": c["doorlooptijden"]["aanmelding_besluit"]["mediaan"],
    }


def kerngetallen(van: date, tot: date, direct: bool = False) -> dict:
    """Only the key figures of the period, each equal to its value in `cijfers(van, tot)`, as
    cheaply as possible (the dashboard compares them over two more periods): five families of
    the monthly figures, one direct count and the verzoeken aggregate."""
    from escalatie.queries.verzoek import nalevingsgraad

    if tot < van:
        raise ValueError("tot ligt voor van")
    if direct:
        return kerngetallen_uit(cijfers(van, tot, direct=True))
    with momentopname():
        totaal, _per_maand, d = _samenstellen(van, tot, KERN_FAMILIES, KERN_DIRECT)
        # As cijfers(): each fund's sum to cents, then their total.
        goedgekeurd = sum((Decimal(_geld(v[1])) for v in totaal["fondsen"].values()), Decimal("0"))
        return {
            "nieuw": sum(v[0] for v in totaal["nieuw"].values()),
            "afgesloten": _tel(totaal, "afgesloten"),
            "open_aan_einde": d["open_aan_einde"],
            "escalaties": sum(v[0] for v in totaal["escalaties"].values()),
            "verzoeken_op_tijd": nalevingsgraad(van, tot)["percentage"],
            "goedgekeurd": _geld(goedgekeurd),
            "mediaan_aanmelding_besluit": _dagen(_doorlooptijd(totaal, "aanmelding_besluit")[1]),
        }
