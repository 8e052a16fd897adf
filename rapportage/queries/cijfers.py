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
                    "percentage": float|None},
      "geld": {
        "per_fonds": [{"fonds": str, "aanvragen": int, "goedgekeurd": "0.00",
                       "betaald": "0.00", "uitstaand": "0.00"}],
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
                    "regel": str, "casussen": int, "sinds": "2026-08-14"}],
    }
"""

VERSIE = 1


def cijfers(van, tot) -> dict:
    raise NotImplementedError
