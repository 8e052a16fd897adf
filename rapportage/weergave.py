"""From figures to what is shown: the weergave of the registry (`rapportage.register`), and the
page, chart and CSV made from it.

`maak(c)` builds the weergave of the figures `c` (`rapportage.queries.cijfers`): per figure its
texts, columns, cells, totals row, chart rows (as references to the table's cells, so a chart
can never say something the table does not) and the sums a masked cell could be worked back
from; plus `geheim`, the cells the publieksversie masks (`rapportage.onthulling`). It is plain
JSON: a report stores it when its figures are frozen and is rendered from it ever after.

`blokken(w, publiek, …)` makes the page (dashboard, report page, PDF) and `csv_tabel(w, sleutel,
publiek)` one CSV table from a weergave. Nothing here reads the registry, so a stored weergave
renders the same whatever the registry says today.
"""

import calendar
import datetime
from decimal import Decimal, InvalidOperation
from html import escape

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from omo import grafieken as g
from omo.csvexport import Getal, getal
from omo.templatetags.omo_format import format_euro
from rapportage import onthulling, register
from rapportage.register import AANTAL, DAGEN, DATUM, DECIMAAL, GELD, PROCENT, TEKST, VERSCHIL

VOET = "voet"
GEHEIM_TEKST = {onthulling.PRIMAIR: g.MASKED, onthulling.SECUNDAIR: g.HIDDEN}


# --- Building ----------------------------------------------------------------------------------


def _json(waarde):
    if isinstance(waarde, Promise):
        return str(waarde)
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(waarde, dict):
        return {k: _json(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple):
        return [_json(v) for v in waarde]
    return waarde


def _kolom(k, n):
    return k if k >= 0 else n + k


def _grafieken(f, c, kolommen, rijen) -> list[dict]:
    n = len(kolommen)
    uit = []
    for gr in f.grafieken:
        cols = gr.kolommen(c) if callable(gr.kolommen) else gr.kolommen
        cols = [_kolom(k, n) for k in cols]
        spec = {
            "soort": gr.soort, "titel": str(gr.titel), "id": f"grafiek-{gr.sleutel or f.sleutel}",
            "eenheid": gr.eenheid, "label_breedte": gr.label_breedte, "reeksen": [], "rijen": [],
        }
        if gr.transponeer:
            spec["rijen"] = [{"label": str(kolommen[k].kop), "cellen": [[0, k]], "totaal": None} for k in cols]
        else:
            if gr.soort in ("gegroepeerd", "gestapeld"):
                spec["reeksen"] = [str(kolommen[k].kop) for k in cols]
            for i, cellen in enumerate(rijen):
                label = gr.label(cellen) if gr.label else cellen[0]
                totaal = None if gr.totaal is None else [i, _kolom(gr.totaal, n)]
                spec["rijen"].append({"label": str(label), "cellen": [[i, k] for k in cols], "totaal": totaal})
        uit.append(spec)
    return uit


def _sommen(f, c, kolommen, rijen, voet) -> list:
    n = len(kolommen)
    sommen = []
    if f.totaalrij and voet is not None:
        for k, kolom in enumerate(kolommen):
            if kolom.soort == AANTAL:
                sommen.append([[VOET, k], [[i, k] for i in range(len(rijen))]])
    for totaal, delen in f.rijtotalen_van(c):
        totaal = _kolom(totaal, n)
        for i in [*range(len(rijen)), *([VOET] if voet is not None else [])]:
            sommen.append([[i, totaal], [[i, _kolom(k, n)] for k in delen]])
    return sommen


def maak(c: dict, figuren=None, publiek: bool = True) -> dict:
    """The weergave of the figures `c`: JSON, to show now or to store with a report. Without
    `publiek` (a page that will not mask) the masks are not worked out."""
    figuren = register.FIGUREN if figuren is None else figuren
    uit = []
    for f in figuren:
        if f.bron not in c:
            continue  # a figure the frozen figures did not have yet
        kolommen = f.kolommen_van(c)
        leeg = f.leeg(c)
        rijen, links = [], []
        if not leeg:
            for cellen, link in f.rijen(c):
                rijen.append(_json(list(cellen)))
                links.append(link)
        voet = _json(f.voet(c)) if f.voet and rijen else None
        sectie = register.SECTIES.get(f.sectie) if f.sectie else None
        uit.append({
            "sleutel": f.sleutel,
            "titel": str(f.titel),
            "bijschrift": str(f.bijschrift),
            "csv_titel": str(f.csv_titel or f.titel),
            "sectie": {"sleutel": sectie.sleutel, "titel": str(sectie.titel), "toelichting": str(sectie.toelichting)}
            if sectie else None,
            "toelichting": str(f.toelichting(c)) if f.toelichting and not leeg else "",
            "toelichting_publiek": str(f.toelichting(c, publiek=True)) if f.toelichting and not leeg else "",
            "kerngetal": [str(f.kerngetal[0]), f.kerngetal[1]] if f.kerngetal and rijen else None,
            "afgeleid": [[k, list(bron)] for k, bron in f.afgeleid] if rijen else [],
            "kolommen": [{"kop": str(k.kop), "soort": k.soort, "csv": k.csv_kop()} for k in kolommen],
            "rijen": rijen,
            "links": links,
            "voet": voet,
            "leeg": leeg,
            "grafieken": _grafieken(f, c, kolommen, rijen) if rijen else [],
            "sommen": _sommen(f, c, kolommen, rijen, voet) if rijen else [],
        })
    w = {"register": register.VERSIE, "formaat": register.FORMAAT, "van": c.get("van"), "tot": c.get("tot"),
         "figuren": uit}
    w["geheim"] = geheim(w, register.GELIJK, register.AFGELEID_GELIJK) if publiek else []
    return w


# --- The publieksversie ------------------------------------------------------------------------


def _cel(fig, r, k):
    if r == VOET:
        return fig["voet"][k] if fig["voet"] is not None and k < len(fig["voet"]) else None
    if isinstance(r, int) and r < len(fig["rijen"]) and k < len(fig["rijen"][r]):
        return fig["rijen"][r][k]
    return None


def _soort(fig, k, waarde):
    if isinstance(waarde, dict):
        return waarde.get("soort")
    return fig["kolommen"][k]["soort"] if k < len(fig["kolommen"]) else None


def _waarde(waarde):
    return waarde.get("waarde") if isinstance(waarde, dict) else waarde


def geheim(w: dict, gelijk=(), afgeleid_gelijk=()) -> list:
    """The cells the publieksversie masks, as [figure, row, column, primair|secundair]: counts
    of 1 and 2 and the cells that would give them away through a sum (`onthulling`), and then
    what would give a masked count away otherwise:
    - a table in which a small count cannot be protected (e.g. 1 + 1 = a total of 2) shows
      none of its counts;
    - a percentage, mean or median worked out from a masked count (`Figuur.afgeleid`), also
      where the comparison repeats it;
    - in the comparison, a change next to a masked value, and the earlier open cases when the
      new or closed cases of the period are masked (open now = open before + new − closed)."""
    per_sleutel = {f["sleutel"]: f for f in w["figuren"]}
    waarden = {}
    for fig in w["figuren"]:
        for r in [*range(len(fig["rijen"])), *([VOET] if fig["voet"] is not None else [])]:
            cellen = fig["voet"] if r == VOET else fig["rijen"][r]
            for k, cel in enumerate(cellen):
                kolom = fig["kolommen"][k]["soort"] if k < len(fig["kolommen"]) else None
                if kolom != VERSCHIL and _soort(fig, k, cel) == AANTAL and isinstance(_waarde(cel), int):
                    waarden[(fig["sleutel"], r, k)] = _waarde(cel)
    sommen = []
    for fig in w["figuren"]:
        for totaal, delen in fig["sommen"]:
            som = onthulling.Som((fig["sleutel"], *totaal), tuple((fig["sleutel"], *d) for d in delen))
            # A sum that does not add up (never from cijfers(); a hand-made sample may) gives
            # a reader nothing to work back with.
            if all(c in waarden for c in (som.totaal, *som.delen)) and \
                    waarden[som.totaal] == sum(waarden[c] for c in som.delen):
                sommen.append(som)
    groepen = []
    for groep in gelijk:
        cellen = []
        for sleutel, r, k in groep:
            fig = per_sleutel.get(sleutel)
            if fig is None:
                continue
            k = k if k >= 0 else len(fig["kolommen"]) + k
            if (sleutel, r, k) in waarden:
                cellen.append((sleutel, r, k))
        if len(cellen) > 1:
            groepen.append(cellen)
    verborgen = onthulling.te_verbergen(waarden, sommen, groepen)

    # A table that cannot be protected shows no count at all (nor its twins elsewhere).
    bloot = onthulling.terug_te_rekenen(waarden, sommen, verborgen, groepen)
    if bloot:
        figuren = {cel[0] for cel in bloot}
        weg = {cel for cel, n in waarden.items() if cel[0] in figuren and n}
        for groep in groepen:
            if weg & set(groep):
                weg |= {cel for cel in groep if waarden[cel]}
        for cel in weg:  # "< 3" would say too much here: every count reads "×"
            verborgen[cel] = onthulling.SECUNDAIR

    # What is worked out from a masked count.
    for fig in w["figuren"]:
        for k, bronnen in fig.get("afgeleid") or ():
            for r in [*range(len(fig["rijen"])), *([VOET] if fig["voet"] is not None else [])]:
                if any((fig["sleutel"], r, b) in verborgen for b in bronnen):
                    verborgen.setdefault((fig["sleutel"], r, k), onthulling.SECUNDAIR)
    for bron, kopie in afgeleid_gelijk:
        if bron in verborgen and kopie[0] in per_sleutel:
            verborgen.setdefault(kopie, onthulling.SECUNDAIR)

    vergelijking = per_sleutel.get("vergelijking")
    if vergelijking is not None:
        if any(("vergelijking", r, 1) in verborgen for r in (0, 1)):
            for k in range(2, len(vergelijking["kolommen"]), 2):
                verborgen.setdefault(("vergelijking", 2, k), onthulling.SECUNDAIR)
        # A change next to a masked value would give it away: it is masked with it.
        for r, cellen in enumerate(vergelijking["rijen"]):
            for k in range(2, len(cellen), 2):
                if ("vergelijking", r, 1) in verborgen or ("vergelijking", r, k) in verborgen:
                    verborgen.setdefault(("vergelijking", r, k + 1), onthulling.SECUNDAIR)
    return [[s, r, k, soort] for (s, r, k), soort in verborgen.items()]


def _maskers(w: dict, publiek: bool) -> dict:
    if not publiek:
        return {}
    return {(s, r, k): soort for s, r, k, soort in w.get("geheim") or []}


# --- Cells -------------------------------------------------------------------------------------


def _teken(tekst: str, waarde) -> str:
    """A change with its sign, never broken from its number (a word joiner after the sign)."""
    return f"+\u2060{tekst}" if waarde > 0 else tekst.replace("-", "−\u2060", 1)


def _verschil_tekst(cel: dict) -> str:
    waarde, soort = cel.get("waarde"), cel.get("soort")
    if waarde is None:
        return "–"
    getal_ = Decimal(str(waarde))
    if soort == GELD:
        tekst = _teken(format_euro(getal_), getal_)
    elif soort == PROCENT:
        tekst = _teken(g.dutch_number(getal_, 1), getal_) + " " + _("procentpunt")
    elif soort == DAGEN:
        tekst = _teken(g.dutch_number(getal_, 1), getal_) + " " + _("dagen")
    else:
        tekst = _teken(g.dutch_number(getal_), getal_)
    if cel.get("procent") is not None:
        p = Decimal(str(cel["procent"]))
        tekst += f" ({_teken(g.dutch_number(p, 1), p)}%)"
    return tekst


def cel_tekst(waarde, soort: str, masker: str | None = None) -> str:
    """A cell as the page shows it."""
    if masker:
        return GEHEIM_TEKST[masker]
    if isinstance(waarde, dict):
        if soort == VERSCHIL:
            return _verschil_tekst(waarde)
        return cel_tekst(waarde.get("waarde"), waarde.get("soort"))
    if soort == AANTAL:
        return g.dutch_number(waarde)
    if soort == GELD:
        return format_euro(waarde) if waarde not in (None, "") else "–"
    if soort == DAGEN:
        return "–" if waarde is None else g.dutch_number(waarde, 1)
    if soort == PROCENT:
        return "–" if waarde is None else f"{g.dutch_number(waarde, 1)}%"
    if soort == DECIMAAL:
        return "–" if waarde is None else g.dutch_number(waarde, 2)
    if soort == DATUM:
        try:
            return datetime.date.fromisoformat(str(waarde)).strftime("%d-%m-%Y")
        except ValueError:
            return str(waarde or "–")
    return str(waarde) if waarde not in (None, "") else "–"


def cel_csv(waarde, soort: str, masker: str | None = None):
    """A cell as the CSV holds it (OMO's one format, `omo.csvexport`)."""
    if masker:
        return GEHEIM_TEKST[masker]
    if isinstance(waarde, dict):
        if soort == VERSCHIL:
            return "" if waarde.get("waarde") is None else cel_csv(waarde["waarde"], waarde.get("soort"))
        return cel_csv(waarde.get("waarde"), waarde.get("soort"))
    if waarde is None:
        return ""
    if soort == AANTAL:
        return Getal(int(waarde))
    if soort == GELD:
        try:
            return getal(Decimal(str(waarde)), 2)
        except InvalidOperation:
            return ""
    if soort in (DAGEN, PROCENT, DECIMAAL):
        return Getal(f"{float(waarde):.{2 if soort == DECIMAAL else 1}f}".replace(".", ","))
    return str(waarde)


# --- The page ----------------------------------------------------------------------------------


def casus_url(link: dict | None, van: str, tot: str, leefgebied_ids: dict | None, lijst: str | None = None) -> str:
    """The case list filtered to the new cases (datum_signaal in the period) that a row counts;
    '' when the row cannot be filtered there."""
    if not link:
        return ""
    begin, eind = datetime.date.fromisoformat(van), datetime.date.fromisoformat(tot)
    params = []
    if link.get("status"):
        params.append(("status", link["status"]))
    if link.get("leefgebied"):
        pk = (leefgebied_ids or {}).get(link["leefgebied"])
        if pk is None:
            return ""
        params.append(("leefgebied", pk))
    if link.get("maand"):
        jaar, m = (int(x) for x in link["maand"].split("-"))
        begin = max(begin, datetime.date(jaar, m, 1))
        eind = min(eind, datetime.date(jaar, m, calendar.monthrange(jaar, m)[1]))
    params += [("van", begin.isoformat()), ("tot", eind.isoformat())]
    return f"{lijst or reverse('casus_lijst')}?{urlencode(params)}"


def _grafiek_waarde(fig, r, k, maskers):
    masker = maskers.get((fig["sleutel"], r, k))
    if masker:
        return g.GEHEIM_KLEIN if masker == onthulling.PRIMAIR else g.GEHEIM
    return _waarde(_cel(fig, r, k))


def teken_grafiek(fig: dict, spec: dict, maskers: dict) -> str:
    """The SVG of one chart of a weergave figure, its values read from the table's cells."""
    publiek = bool(maskers)
    rijen = [
        (r["label"], [_grafiek_waarde(fig, c[0], c[1], maskers) for c in r["cellen"]],
         None if r["totaal"] is None else _grafiek_waarde(fig, r["totaal"][0], r["totaal"][1], maskers))
        for r in spec["rijen"]
    ]
    eenheid = {GELD: g.MONEY, DAGEN: g.DAYS, PROCENT: g.PERCENT}.get(spec["eenheid"], g.COUNT)
    if spec["soort"] == "staaf":
        return g.bar_chart([(label, w[0]) for label, w, _t in rijen], chart_id=spec["id"], title=spec["titel"],
                           kind=eenheid, publiek=publiek, label_width=spec["label_breedte"])
    if spec["soort"] == "kolom":
        return g.column_chart([(label, w[0]) for label, w, _t in rijen], chart_id=spec["id"], title=spec["titel"],
                              publiek=publiek)
    if spec["soort"] == "gegroepeerd":
        return g.grouped_bar_chart([(label, w) for label, w, _t in rijen], spec["reeksen"], chart_id=spec["id"],
                                   title=spec["titel"], kind=eenheid, publiek=publiek,
                                   label_width=spec["label_breedte"])
    return g.stacked_bar_chart([(label, w) for label, w, _t in rijen], spec["reeksen"], chart_id=spec["id"],
                               title=spec["titel"], publiek=publiek, label_width=spec["label_breedte"],
                               totals=[t for _l, _w, t in rijen])


def _cel_html(cel: dict) -> str:
    """One table cell, escaped. The page has hundreds of them over a long period: written with
    the standard library's `escape`, not a template include or `format_html` per cell."""
    inhoud = escape(cel["tekst"])
    if cel.get("link"):
        inhoud = f'<a href="{escape(cel["link"])}">{inhoud}</a>'
    klassen = " ".join(k for k, aan in (("text-end", cel["rechts"]), ("omo-geheim", cel["geheim"])) if aan)
    klasse = f' class="{klassen}"' if klassen else ""
    if cel["kop"]:
        return f'<th scope="row"{klasse}>{inhoud}</th>'
    return f"<td{klasse}>{inhoud}</td>"


def _rij_html(cellen: list[dict]) -> str:
    return mark_safe("<tr>" + "".join(_cel_html(c) for c in cellen) + "</tr>")  # noqa: S308 (escaped above)


def _figuur(fig, maskers, links, w, leefgebied_ids, publiek=False) -> dict:
    kolommen = fig["kolommen"]
    rij_kop = bool(kolommen) and kolommen[0]["soort"] == TEKST

    def cellen(r, waarden):
        uit = []
        for k, waarde in enumerate(waarden):
            soort = kolommen[k]["soort"] if k < len(kolommen) else TEKST
            uit.append({
                "tekst": cel_tekst(waarde, soort, maskers.get((fig["sleutel"], r, k))),
                "kop": rij_kop and k == 0,
                "rechts": soort != TEKST and soort != DATUM,
                "geheim": bool(maskers.get((fig["sleutel"], r, k))),
            })
        return uit

    rijen = []
    lijst = reverse("casus_lijst") if links else None
    for r, waarden in enumerate(fig["rijen"]):
        rij = cellen(r, waarden)
        if links and r < len(fig["links"]):
            rij[0]["link"] = casus_url(fig["links"][r], w["van"], w["tot"], leefgebied_ids, lijst)
        rijen.append(rij)
    kerngetal = None
    if fig.get("kerngetal"):
        label, k = fig["kerngetal"]
        kerngetal = {"label": label, "tekst": rijen[0][k]["tekst"]}  # the cell, masked as it is
    return {
        **{k: fig[k] for k in ("sleutel", "titel", "bijschrift", "csv_titel", "leeg")},
        "toelichting": fig.get("toelichting_publiek", fig["toelichting"]) if publiek else fig["toelichting"],
        "kerngetal": kerngetal,
        "kolommen": [{"kop": k["kop"], "rechts": k["soort"] not in (TEKST, DATUM)} for k in kolommen],
        "rijen": rijen,
        "rijen_html": [_rij_html(rij) for rij in rijen],
        "voet_html": _rij_html(cellen(VOET, fig["voet"])) if fig["voet"] is not None else None,
        "grafieken": [teken_grafiek(fig, spec, maskers) for spec in fig["grafieken"]],
        # The marks this table shows, each explained under it.
        "merken": sorted({m for (s, _r, _k), m in maskers.items() if s == fig["sleutel"]}),
    }


def blokken(w: dict, publiek: bool = False, links: bool = False, leefgebied_ids=None) -> list[dict]:
    """The page in order: blocks of one figure, or a section (`sectie`) with its figures."""
    maskers = _maskers(w, publiek)
    uit = []
    for fig in w["figuren"]:
        weergave = _figuur(fig, maskers, links, w, leefgebied_ids, publiek)
        sectie = fig.get("sectie")
        if sectie and uit and (uit[-1]["sectie"] or {}).get("sleutel") == sectie["sleutel"]:
            uit[-1]["figuren"].append(weergave)
        elif sectie:
            uit.append({"sectie": sectie, "figuren": [weergave]})
        else:
            uit.append({"sectie": None, "figuren": [weergave]})
    return uit


# --- CSV ---------------------------------------------------------------------------------------


def csv_tabel(w: dict, sleutel: str, publiek: bool = False) -> tuple[list, list] | None:
    """(header, rows) of one figure's table for the CSV export; None when the weergave has no
    such figure. A figure without data in the period has a header and no rows."""
    fig = next((f for f in w["figuren"] if f["sleutel"] == sleutel), None)
    if fig is None:
        return None
    maskers = _maskers(w, publiek)
    kolommen = fig["kolommen"]
    kop = [k["csv"] for k in kolommen]
    rijen = []
    for r in [*range(len(fig["rijen"])), *([VOET] if fig["voet"] is not None else [])]:
        waarden = fig["voet"] if r == VOET else fig["rijen"][r]
        rijen.append([cel_csv(v, kolommen[k]["soort"], maskers.get((sleutel, r, k))) for k, v in enumerate(waarden)])
    return kop, rijen
