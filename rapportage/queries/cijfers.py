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

from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import combinations

from django.db import connection
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
    -- Counted exactly as casussen.rendement: a quantity once, a rate per month inside the
    -- horizon times its units per month (a fraction, divided last).
    SELECT k.situatie, k.geldstroom_id, k.betaler,
           k.prijs * k.aantal * GREATEST(0, CASE
               WHEN k.frequentie IN {hoeveelheden} THEN CASE WHEN k.startmaand <= %(horizon)s THEN 1 ELSE 0 END
               ELSE LEAST(%(horizon)s, COALESCE(k.startmaand + k.duur_maanden - 1, %(horizon)s)) - k.startmaand + 1
           END) * CASE k.frequentie {teller} ELSE 1 END
           * CASE WHEN k.situatie = 'dreigend' THEN k.kans / 100 ELSE 1 END
           / CASE k.frequentie {noemer} ELSE 1 END AS bedrag
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
    'signalen', (SELECT COALESCE(json_agg(json_build_array(g.soort, COALESCE(o.naam, ''),
                    COALESCE(w.wet || ' ' || w.artikel, ''), g.regel, g.aantal_casussen,
                    to_char(g.signaal_sinds AT TIME ZONE %(tz)s, 'YYYY-MM-DD'))
                    ORDER BY g.aantal_casussen DESC, g.signaal_sinds, g.id), '[]')
                 FROM {knelpuntgroep} g
                 LEFT JOIN {organisatie} o ON o.id = g.organisatie_id
                 LEFT JOIN {wettelijkegrondslag} w ON w.id = g.grondslag_id
                 WHERE g.id IN (SELECT id FROM {knelpuntgroep}
                                WHERE signaal_sinds IS NOT NULL AND signaal_sinds < %(eind)s
                                ORDER BY aantal_casussen DESC, signaal_sinds, id LIMIT {top_signalen})),
    'signalen_totaal', (SELECT count(*) FROM {knelpuntgroep}
                        WHERE signaal_sinds IS NOT NULL AND signaal_sinds < %(eind)s)
)
"""


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
    params = _parameters(van, tot, horizon)
    # psycopg adapts a tuple as a composite; IN needs a list of placeholders.
    for naam in ("goedgekeurd", "monitoring"):
        waarden = params.pop(naam)
        keys = [f"{naam}_{i}" for i in range(len(waarden))]
        sql = sql.replace(f"%({naam})s", "(" + ", ".join(f"%({k})s" for k in keys) + ")")
        params.update(dict(zip(keys, waarden, strict=True)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _dagen(waarde) -> float | None:
    return None if waarde is None else round(float(waarde), 1)


def _geld(waarde) -> str | None:
    return None if waarde is None else str(Decimal(waarde).quantize(CENT))


def _maanden(van: date, tot: date):
    jaar, maand = van.year, van.month
    while (jaar, maand) <= (tot.year, tot.month):
        yield jaar, maand
        jaar, maand = (jaar + 1, 1) if maand == 12 else (jaar, maand + 1)


def cijfers(van: date, tot: date, horizon: int = STANDAARD_HORIZON) -> dict:
    """Every figure of the period `van`..`tot` (inclusive) in one SQL statement; see above."""
    from casussen.models import Betaler, Knelpunt, Status
    from escalatie.models import Escalatie, Niveau
    from escalatie.queries.verzoek import nalevingsgraad

    if tot < van:
        raise ValueError("tot ligt voor van")
    r = ruwe_cijfers(van, tot, horizon)
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
    naleving = nalevingsgraad(van, tot)
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
