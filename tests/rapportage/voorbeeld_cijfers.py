"""Hand-written figures that follow the contract of `rapportage.queries.cijfers.cijfers` exactly
(its docstring): for the chart, template and export tests that need no database, and as the
shape the dashboard was built against. `voorbeeld()` returns a fresh deep copy; `leeg()` the
figures of a period without any data."""

import copy

STATUSSEN = [
    ("aangemeld", "Aangemeld"),
    ("in_voorbereiding", "In voorbereiding"),
    ("geagendeerd", "Geagendeerd"),
    ("besproken", "Besproken"),
    ("geescaleerd", "Geëscaleerd"),
    ("besloten", "Besloten"),
    ("in_uitvoering", "In uitvoering"),
    ("monitoring", "Monitoring"),
    ("afgesloten", "Afgesloten"),
]

VOORBEELD = {
    "versie": 1,
    "van": "2026-07-01",
    "tot": "2026-09-30",
    "casussen": {
        "nieuw": 1247,
        "afgesloten": 12,
        "open_aan_einde": 1290,
        "per_status": [
            {"status": code, "label": label, "aantal": aantal}
            for (code, label), aantal in zip(STATUSSEN, [1200, 2, 1, 0, 5, 9, 14, 4, 12], strict=True)
        ],
        "per_maand": [
            {"maand": "2026-07", "label": "jul 2026", "aantal": 400},
            {"maand": "2026-08", "label": "aug 2026", "aantal": 2},
            {"maand": "2026-09", "label": "sep 2026", "aantal": 845},
        ],
    },
    "leefgebieden": [
        {"code": "financien", "naam": "Financiën en schulden", "aantal": 900},
        {"code": "wonen", "naam": "Wonen", "aantal": 700},
        {"code": "zorg", "naam": "Zorg & <gezondheid>", "aantal": 1},
    ],
    "combinaties": {
        "twee": [
            {"codes": ["financien", "wonen"], "namen": ["Financiën en schulden", "Wonen"], "aantal": 650},
            {"codes": ["wonen", "zorg"], "namen": ["Wonen", "Zorg & <gezondheid>"], "aantal": 2},
        ],
        "drie": [
            {"codes": ["financien", "wonen", "zorg"], "namen": ["Financiën en schulden", "Wonen", "Zorg & <gezondheid>"],
             "aantal": 2},
        ],
    },
    "escalaties": {
        "totaal": 17,
        "per_niveau": [
            {"niveau": 2, "label": "Portefeuillehouder", "totaal": 11,
             "uitkomsten": {"open": 3, "akkoord": 6, "afgewezen": 2, "advies": 0, "teruggelegd": 0}},
            {"niveau": 3, "label": "College van B&W", "totaal": 6,
             "uitkomsten": {"open": 1, "akkoord": 5, "afgewezen": 0, "advies": 0, "teruggelegd": 0}},
        ],
        "uitkomst_labels": {"open": "Open", "akkoord": "Akkoord", "afgewezen": "Afgewezen", "advies": "Advies",
                            "teruggelegd": "Teruggelegd"},
    },
    "doorlooptijden": {
        "aanmelding_besluit": {"aantal": 40, "mediaan": 23.5, "p90": 61.2},
        "besluit_afgerond": {"aantal": 2, "mediaan": 120.0, "p90": 181.4},
    },
    "verzoeken": {"aantal": 28, "op_tijd": 24, "te_laat": 4, "open": 2, "percentage": 85.7},
    "geld": {
        "per_fonds": [
            {"fonds": "Voorkom-erger-potje", "aanvragen": 14, "goedgekeurd": "12345.50", "betaald": "10000.00",
             "uitstaand": "1500.00"},
            {"fonds": "Stelpost <doorbraak>", "aanvragen": 2, "goedgekeurd": "2500.00", "betaald": "0.00",
             "uitstaand": "0.00"},
        ],
        "totaal": {"aanvragen": 16, "goedgekeurd": "14845.50", "betaald": "10000.00", "uitstaand": "1500.00"},
        "per_plan": {"plannen": 9, "totaal": "14845.50", "gemiddeld": "1649.50", "mediaan": "1200.00",
                     "hoogste": "4000.00"},
    },
    "kosten": {
        "horizon": 12,
        "scenarios": 8,
        "totaal": {"huidig": "96000.00", "dreigend": "240000.00", "doorbraak": "31000.00"},
        "per_geldstroom": [
            {"code": "wonen", "naam": "Wonen", "huidig": "60000.00", "dreigend": "200000.00",
             "doorbraak": "20000.00"},
            {"code": "zorg", "naam": "Zorg", "huidig": "36000.00", "dreigend": "40000.00", "doorbraak": "11000.00"},
        ],
        "per_betaler": [
            {"code": "gemeente", "naam": "Gemeente", "huidig": "50000.00", "dreigend": "90000.00",
             "doorbraak": "25000.00"},
            {"code": "woningcorporatie", "naam": "Woningcorporatie", "huidig": "46000.00",
             "dreigend": "150000.00", "doorbraak": "6000.00"},
        ],
    },
    "grondslagen": [
        {"wet": "Participatiewet", "artikel": "18 lid 2", "aantal": 7},
        {"wet": "Wmo 2015", "artikel": "2.3.5", "aantal": 1},
    ],
    "monitoring": [
        {"maand": 6, "aantal": 10, "uitkomsten": {"doorgaan": 6, "aanpassen": 2, "afronden": 2},
         "scores": 40, "verandering": 0.8, "beter": 25, "gelijk": 10, "slechter": 5},
        {"maand": 12, "aantal": 0, "uitkomsten": {"doorgaan": 0, "aanpassen": 0, "afronden": 0},
         "scores": 0, "verandering": None, "beter": 0, "gelijk": 0, "slechter": 0},
    ],
    "signalen": [
        {"soort": "regel", "soort_label": "Regel of systeem", "organisatie": "Woningcorporatie <Noord>",
         "grondslag": "Participatiewet 18 lid 2", "regel": "Kostendelersnorm", "casussen": 4,
         "sinds": "2026-08-14"},
    ],
    "signalen_totaal": 1,
}


def voorbeeld() -> dict:
    return copy.deepcopy(VOORBEELD)


def leeg() -> dict:
    """A period without data, as the contract describes it: every status and month listed with
    0, empty lists, None for what cannot be measured."""
    c = voorbeeld()
    c["casussen"].update(nieuw=0, afgesloten=0, open_aan_einde=0)
    for rij in c["casussen"]["per_status"] + c["casussen"]["per_maand"]:
        rij["aantal"] = 0
    c["leefgebieden"] = []
    c["combinaties"] = {"twee": [], "drie": []}
    c["escalaties"] = {"totaal": 0, "per_niveau": [], "uitkomst_labels": {"open": "Open"}}
    c["doorlooptijden"] = {k: {"aantal": 0, "mediaan": None, "p90": None}
                           for k in ("aanmelding_besluit", "besluit_afgerond")}
    c["verzoeken"] = {"aantal": 0, "op_tijd": 0, "te_laat": 0, "open": 0, "percentage": None}
    c["geld"] = {"per_fonds": [], "totaal": {"aanvragen": 0, "goedgekeurd": "0.00", "betaald": "0.00",
                                             "uitstaand": "0.00"},
                 "per_plan": {"plannen": 0, "totaal": "0.00", "gemiddeld": None, "mediaan": None, "hoogste": None}}
    c["kosten"] = {"horizon": 12, "scenarios": 0,
                   "totaal": {"huidig": "0.00", "dreigend": "0.00", "doorbraak": "0.00"},
                   "per_geldstroom": [], "per_betaler": []}
    c["grondslagen"] = []
    for m in c["monitoring"]:
        m.update(aantal=0, uitkomsten={"doorgaan": 0, "aanpassen": 0, "afronden": 0}, scores=0, verandering=None,
                 beter=0, gelijk=0, slechter=0)
    c["signalen"] = []
    c["signalen_totaal"] = 0
    return c
