"""Every table of the dashboard as rows, for the CSV exports (issue 6 item 4).

The tables are built from the same figures (`rapportage.queries.cijfers.cijfers`) as the page,
in the same order and with the same rows, so a CSV says exactly what the page says. Only
aggregates: the figures hold no case code, pseudonym or dossier number.

The CSV format is OMO's one format (`omo.csvexport`: `;`, UTF-8 with BOM, a decimal comma,
formulas neutralised); the cells here are formatted as numbers (`Getal`) or text. Money in euros
without the sign, empty when there is nothing to measure. With `publiek` counts of 1 and 2 read
`< 3`, as on the page.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omo.csvexport import Getal, csv_tekst, getal
from omo.grafieken import HIDDEN, MASKED, is_masked
from rapportage.onthulling import PRIMAIR, SECUNDAIR


@dataclass(frozen=True)
class Tabel:
    slug: str
    titel: str
    kop: list
    rijen: list


# --- Cells -------------------------------------------------------------------------------------


def aantal(value, publiek=False) -> str:
    if value is None:
        return ""
    return MASKED if is_masked(value, publiek) else Getal(int(value))


def aantal_cel(value, verborgen: str | None) -> str:
    """A count cell of the publieksversie given `rapportage.onthulling.te_verbergen`'s verdict on
    it: '< 3' (PRIMAIR), '×' (SECUNDAIR) or the number."""
    if verborgen == PRIMAIR:
        return MASKED
    if verborgen == SECUNDAIR:
        return HIDDEN
    return aantal(value)


def bedrag(value) -> str:
    if value is None or value == "":
        return ""
    try:
        return getal(Decimal(str(value)), 2)
    except InvalidOperation:
        return ""


def decimaal(value, decimals=1) -> str:
    if value is None:
        return ""
    return Getal(f"{float(value):.{decimals}f}".replace(".", ","))


# --- Rows shared with the page -----------------------------------------------------------------


def escalatie_uitkomsten(c) -> list[tuple[str, str]]:
    """(code, label) of the escalation outcomes, in the order of the contract's labels."""
    return list(c["escalaties"]["uitkomst_labels"].items())


def escalatie_rijen(c) -> list[dict]:
    """Per level: label, totaal and the counts per outcome in the order of the labels."""
    codes = [code for code, _label in escalatie_uitkomsten(c)]
    return [
        {"label": n["label"], "niveau": n["niveau"], "totaal": n["totaal"],
         "waarden": [n["uitkomsten"].get(code, 0) for code in codes]}
        for n in c["escalaties"]["per_niveau"]
    ]


def doorlooptijd_rijen(c) -> list[dict]:
    d = c["doorlooptijden"]
    return [
        {"sleutel": "aanmelding_besluit", "label": _("Aanmelding → besluit"), **d["aanmelding_besluit"]},
        {"sleutel": "besluit_afgerond", "label": _("Besluit → afgerond"), **d["besluit_afgerond"]},
    ]


def monitoring_label(maand) -> str:
    return ngettext("Na %(n)s maand", "Na %(n)s maanden", maand) % {"n": maand}


def combinatie_label(namen) -> str:
    return " + ".join(str(n) for n in namen)


def grondslag_label(rij) -> str:
    return f"{rij['wet']} {rij['artikel']}".strip()


def signaal_label(rij) -> str:
    delen = [rij["soort_label"], rij["organisatie"], rij["grondslag"] or rij["regel"]]
    return " · ".join(str(d) for d in delen if d)


# --- Empty periods: the page says "Geen gegevens in deze periode" and the CSV has no rows ------


def _som(rijen, sleutel="aantal"):
    return sum(r[sleutel] or 0 for r in rijen)


LEEG = {
    "kerncijfers": lambda c: False,  # the key figures show their zeros
    "status": lambda c: not _som(c["casussen"]["per_status"]),
    "per_maand": lambda c: not _som(c["casussen"]["per_maand"]),
    "leefgebieden": lambda c: not c["leefgebieden"],
    "combinaties_twee": lambda c: not c["combinaties"]["twee"],
    "combinaties_drie": lambda c: not c["combinaties"]["drie"],
    "escalaties": lambda c: not c["escalaties"]["per_niveau"],
    "doorlooptijden": lambda c: not (c["doorlooptijden"]["aanmelding_besluit"]["aantal"]
                                     or c["doorlooptijden"]["besluit_afgerond"]["aantal"]),
    "verzoeken": lambda c: not c["verzoeken"]["aantal"],
    "fondsen": lambda c: not c["geld"]["per_fonds"],
    "plannen": lambda c: not c["geld"]["per_plan"]["plannen"],
    "kosten": lambda c: not c["kosten"]["scenarios"],
    "kosten_geldstroom": lambda c: not (c["kosten"]["scenarios"] and c["kosten"]["per_geldstroom"]),
    "kosten_betaler": lambda c: not (c["kosten"]["scenarios"] and c["kosten"]["per_betaler"]),
    "grondslagen": lambda c: not c["grondslagen"],
    "monitoring": lambda c: not _som(c["monitoring"]),
    "signalen": lambda c: not c["signalen"],
}


def heeft_gegevens(c, figuur) -> bool:
    return bool(c) and not LEEG[figuur](c)


# --- The tables --------------------------------------------------------------------------------


def tabellen(c, publiek=False) -> dict[str, Tabel]:
    """slug → Tabel, in the order of the dashboard."""
    n = lambda v: aantal(v, publiek)  # noqa: E731
    cs = c["casussen"]
    t = []
    t.append(Tabel("kerncijfers", _("Kerncijfers"), [_("Cijfer"), _("Aantal")], [
        [_("Nieuwe casussen"), n(cs["nieuw"])],
        [_("Afgesloten casussen"), n(cs["afgesloten"])],
        [_("Open aan het einde van de periode"), n(cs["open_aan_einde"])],
    ]))
    t.append(Tabel("status", _("Nieuwe casussen naar huidige status"), [_("Status"), _("Aantal casussen")],
                   [[r["label"], n(r["aantal"])] for r in cs["per_status"]]))
    t.append(Tabel("per-maand", _("Nieuwe casussen per maand"), [_("Maand"), _("Aantal nieuwe casussen")],
                   [[r["label"], n(r["aantal"])] for r in cs["per_maand"]]))
    t.append(Tabel("leefgebieden", _("Leefgebieden van de nieuwe casussen"), [_("Leefgebied"), _("Aantal casussen")],
                   [[r["naam"], n(r["aantal"])] for r in c["leefgebieden"]]))
    t.append(Tabel("combinaties-twee", _("Combinaties van twee leefgebieden"),
                   [_("Leefgebied 1"), _("Leefgebied 2"), _("Aantal casussen")],
                   [[*r["namen"], n(r["aantal"])] for r in c["combinaties"]["twee"]]))
    t.append(Tabel("combinaties-drie", _("Combinaties van drie leefgebieden"),
                   [_("Leefgebied 1"), _("Leefgebied 2"), _("Leefgebied 3"), _("Aantal casussen")],
                   [[*r["namen"], n(r["aantal"])] for r in c["combinaties"]["drie"]]))
    t.append(Tabel("escalaties", _("Escalaties per niveau en uitkomst"),
                   [_("Niveau"), *[label for _code, label in escalatie_uitkomsten(c)], _("Totaal")],
                   [[r["label"], *[n(v) for v in r["waarden"]], n(r["totaal"])] for r in escalatie_rijen(c)]))
    t.append(Tabel("doorlooptijden", _("Doorlooptijden in dagen"),
                   [_("Traject"), _("Aantal casussen"), _("Mediaan (dagen)"), _("90e percentiel (dagen)")],
                   [[r["label"], n(r["aantal"]), decimaal(r["mediaan"]), decimaal(r["p90"])]
                    for r in doorlooptijd_rijen(c)]))
    v = c["verzoeken"]
    t.append(Tabel("verzoeken", _("Prioriteitsverzoeken binnen 2 werkdagen"),
                   [_("Verzoeken"), _("Op tijd"), _("Te laat"), _("Nog open"), _("Percentage op tijd")],
                   [[n(v["aantal"]), n(v["op_tijd"]), n(v["te_laat"]), n(v.get("open")), decimaal(v["percentage"])]]))
    g = c["geld"]
    t.append(Tabel("fondsen", _("Geld per fonds"),
                   [_("Fonds"), _("Aanvragen"), _("Goedgekeurd (euro)"), _("Waarvan betaald (euro)"), _("Uitstaande leningen (euro)")],
                   [[r["fonds"], n(r["aanvragen"]), bedrag(r["goedgekeurd"]), bedrag(r["betaald"]), bedrag(r["uitstaand"])]
                    for r in g["per_fonds"]]
                   + ([[_("Totaal"), n(g["totaal"]["aanvragen"]), bedrag(g["totaal"]["goedgekeurd"]),
                        bedrag(g["totaal"]["betaald"]), bedrag(g["totaal"]["uitstaand"])]] if g["per_fonds"] else [])))
    p = g["per_plan"]
    t.append(Tabel("plannen", _("Geld per doorbraakplan"),
                   [_("Plannen"), _("Totaal (euro)"), _("Gemiddeld (euro)"), _("Mediaan (euro)"), _("Hoogste (euro)")],
                   [[n(p["plannen"]), bedrag(p["totaal"]), bedrag(p["gemiddeld"]), bedrag(p["mediaan"]), bedrag(p["hoogste"])]]))
    k = c["kosten"]
    situaties = [_("Huidige situatie (euro)"), _("Dreigende situatie (euro)"), _("Met doorbraak (euro)")]
    totaal = [[_("Totaal"), *[bedrag(k["totaal"][s]) for s in ("huidig", "dreigend", "doorbraak")]]]
    for slug, titel, kolom, sleutel in (
        ("kosten-geldstroom", _("Kosten in drie situaties per geldstroom"), _("Geldstroom"), "per_geldstroom"),
        ("kosten-betaler", _("Kosten in drie situaties per betaler"), _("Betaler"), "per_betaler"),
    ):
        rijen = [[r["naam"], bedrag(r["huidig"]), bedrag(r["dreigend"]), bedrag(r["doorbraak"])] for r in k[sleutel]]
        t.append(Tabel(slug, titel, [kolom, *situaties], rijen + (totaal if rijen else [])))
    t.append(Tabel("grondslagen", _("Meest gebruikte wettelijke grondslagen"), [_("Wet"), _("Artikel"), _("Aantal casussen")],
                   [[r["wet"], r["artikel"], n(r["aantal"])] for r in c["grondslagen"]]))
    t.append(Tabel("monitoring", _("Monitoring na 6 en 12 maanden"),
                   [_("Moment"), _("Monitoringsmomenten"), _("Doorgaan"), _("Aanpassen"), _("Afronden"),
                    _("Zelfredzaamheidsscores"), _("Gemiddelde verandering per score"), _("Beter"), _("Gelijk"),
                    _("Slechter")],
                   [[monitoring_label(r["maand"]), n(r["aantal"]), n(r["uitkomsten"]["doorgaan"]),
                     n(r["uitkomsten"]["aanpassen"]), n(r["uitkomsten"]["afronden"]), n(r["scores"]),
                     decimaal(r["verandering"], 2), n(r["beter"]), n(r["gelijk"]), n(r["slechter"])]
                    for r in c["monitoring"]]))
    t.append(Tabel("signalen", _("Structurele signalen"),
                   [_("Soort"), _("Organisatie"), _("Wettelijke grondslag"), _("Regel of systeem"), _("Casussen"), _("Signaal sinds")],
                   [[r["soort_label"], r["organisatie"], r["grondslag"], r["regel"], n(r["casussen"]), r["sinds"]]
                    for r in c["signalen"]]))
    # A table the page shows as "Geen gegevens in deze periode" is exported without rows.
    return {
        tabel.slug: tabel if heeft_gegevens(c, tabel.slug.replace("-", "_"))
        else Tabel(tabel.slug, tabel.titel, tabel.kop, [])
        for tabel in t
    }


SLUGS = ("kerncijfers", "status", "per-maand", "leefgebieden", "combinaties-twee", "combinaties-drie",
         "escalaties", "doorlooptijden", "verzoeken", "fondsen", "plannen", "kosten-geldstroom",
         "kosten-betaler", "grondslagen", "monitoring", "signalen")


def als_csv(tabel: Tabel) -> str:
    """The table as CSV text in OMO's one format (`omo.csvexport`)."""
    return csv_tekst(tabel.kop, tabel.rijen)
