"""The registry of figures (DESIGN §9): one declaration per figure of the dashboard, the CSV
exports and both PDFs of a report.

A declaration (`Figuur`) says
- its key (`sleutel`: the CSV file name and the page anchor), title and caption (what it
  counts);
- how it is computed: `rijen` takes the figures of `rapportage.queries.cijfers` (the SQL lives
  there) and gives the table's rows; `bron` names the part of those figures it reads, so a
  report frozen before the figure existed simply does not show it;
- how it is shown: the table's columns (`Kolom`, with the kind of number, which is also the CSV
  column), an optional totals row (`voet`), and the charts (`Grafiek`), drawn from the table's
  own cells;
- what the publieksversie masks: every `AANTAL` column (counts of 1 and 2 read "< 3"), and the
  sums a reader could work a masked cell back from (`totaalrij`, `rijtotalen`; see
  `rapportage.onthulling`).

Adding a figure is one declaration here, its SQL in `cijfers()` and its test.

Frozen reports: `weergave(c)` turns the figures into what is shown — titles, captions, columns,
formatted-to-be cells, chart rows, the cells the publieksversie masks — and a report stores that
(`Rapport.cijfers["weergave"]`, with `register`: the version of this registry that made it). A
report is always rendered from its own stored weergave, so a figure added, renamed or dropped
later changes the dashboard and new reports, never a report frozen before. `VERSIE` goes up with
every change of a declaration's texts or rows; the stored format itself (`FORMAAT`) only changes
together with a conversion of the stored reports.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from casussen.rendement import SITUATIES

# Version 1: the figures as one template per figure (reports frozen before the registry; migration
# rapportage 0005 gave them a weergave, marked `omgezet`). Version 2: this registry, with the
# comparison over time.
VERSIE = 2
FORMAAT = 1

# The kind of a column: how its cells are formatted, aligned and exported, and whether the
# publieksversie masks them (only AANTAL).
TEKST, AANTAL, GELD, DAGEN, PROCENT, DECIMAAL, DATUM, VERSCHIL = (
    "tekst", "aantal", "geld", "dagen", "procent", "decimaal", "datum", "verschil",
)


@dataclass(frozen=True)
class Kolom:
    kop: str
    soort: str = AANTAL
    # The CSV header when it differs (money and days say their unit there).
    csv: str | None = None

    def csv_kop(self) -> str:
        if self.csv:
            return str(self.csv)
        if self.soort == GELD:
            return f"{self.kop} (euro)"
        return str(self.kop)


@dataclass(frozen=True)
class Grafiek:
    """A chart drawn from the table's cells. `soort`: staaf (a bar per row), kolom (a column per
    row, for months), gegroepeerd (bars per series in groups), gestapeld (segments per series).
    `kolommen`: the table columns with the values; with `transponeer` a one-row table becomes a
    bar per column, labelled by the column headers. `label`: the row's label from its cells
    (default the first). `totaal`: the column with a row's total (stacked charts)."""

    soort: str
    titel: str
    kolommen: tuple = (1,)
    eenheid: str = AANTAL
    label_breedte: int = 220
    transponeer: bool = False
    totaal: int | None = None
    label: Callable | None = None
    sleutel: str | None = None  # the chart's id when a figure has two


@dataclass(frozen=True)
class Sectie:
    sleutel: str
    titel: str
    toelichting: str = ""


@dataclass(frozen=True)
class Figuur:
    sleutel: str
    titel: str
    bijschrift: str
    bron: str  # the key of `cijfers()` it reads; absent in a frozen report → not shown
    kolommen: Callable | tuple
    rijen: Callable  # c → [(cells, link params or None)]
    leeg: Callable = lambda c: False  # noqa: E731
    voet: Callable | None = None  # c → the cells of the totals row
    totaalrij: bool = False  # the totals row sums the rows' AANTAL columns
    rijtotalen: Callable | tuple = ()  # ((total column, (part columns)),) per row
    grafieken: tuple = ()
    sectie: str | None = None
    toelichting: Callable | None = None  # (c, publiek) → a sentence above the chart
    kerngetal: tuple | None = None  # (label, column): a headline above the chart, of row 0's cell
    # Cells worked out from counts in the same row (a percentage, a mean, a median): masked in
    # the publieksversie with any of them. ((derived column, (count columns)),)
    afgeleid: tuple = ()
    csv_titel: str | None = None

    def kolommen_van(self, c) -> tuple:
        return self.kolommen(c) if callable(self.kolommen) else self.kolommen

    def rijtotalen_van(self, c) -> tuple:
        return self.rijtotalen(c) if callable(self.rijtotalen) else self.rijtotalen


# --- Helpers for the declarations --------------------------------------------------------------


def _som(rijen, sleutel="aantal"):
    return sum(r[sleutel] or 0 for r in rijen)


def _rijen(lijst, *sleutels, link=None):
    return [([r[s] for s in sleutels], link(r) if link else None) for r in lijst]


def combinatie_label(namen) -> str:
    return " + ".join(str(n) for n in namen)


def monitoring_label(maand) -> str:
    return ngettext("Na %(n)s maand", "Na %(n)s maanden", maand) % {"n": maand}


def _signaal_label(cellen) -> str:
    soort, organisatie, grondslag, regel = cellen[:4]
    return " · ".join(str(d) for d in (soort, organisatie, grondslag or regel) if d)


def _escalatie_kolommen(c):
    return (
        Kolom(_("Niveau"), TEKST),
        *[Kolom(label) for label in c["escalaties"]["uitkomst_labels"].values()],
        Kolom(_("Totaal")),
    )


def _escalatie_rijen(c):
    codes = list(c["escalaties"]["uitkomst_labels"])
    return [
        ([n["label"], *[n["uitkomsten"].get(code, 0) for code in codes], n["totaal"]], None)
        for n in c["escalaties"]["per_niveau"]
    ]


def _escalatie_voet(c):
    rijen = [cellen for cellen, _link in _escalatie_rijen(c)]
    return [_("Totaal"), *[sum(r[k] for r in rijen) for k in range(1, len(rijen[0]))]] if rijen else None


def _escalatie_totalen(c):
    n = len(c["escalaties"]["uitkomst_labels"])
    return ((n + 1, tuple(range(1, n + 1))),)


def _kosten_rijen(sleutel):
    return lambda c: [([r["naam"], *[r[s] for s in SITUATIES]], None) for r in c["kosten"][sleutel]]


def _kosten_voet(c):
    return [_("Totaal"), *[c["kosten"]["totaal"][s] for s in SITUATIES]]


def _kosten_toelichting(c, publiek=False):
    k = c["kosten"]
    if not k["scenarios"]:
        return ""
    if publiek:  # the number of scenarios is about the number of decided cases: not public
        return _("De gekozen scenario's van casussen met een besluit in de periode, over %(h)s maanden: de huidige "
                 "situatie, de dreigende situatie zonder ingrijpen en de situatie met de doorbraak.") % {"h": k["horizon"]}
    return ngettext(
        "De gekozen scenario's van casussen met een besluit in de periode (%(n)s scenario), over %(h)s maanden: "
        "de huidige situatie, de dreigende situatie zonder ingrijpen en de situatie met de doorbraak.",
        "De gekozen scenario's van casussen met een besluit in de periode (%(n)s scenario's), over %(h)s maanden: "
        "de huidige situatie, de dreigende situatie zonder ingrijpen en de situatie met de doorbraak.",
        k["scenarios"],
    ) % {"n": k["scenarios"], "h": k["horizon"]}


def _signalen_toelichting(c, publiek=False):
    tekst = str(_("Knelpunten die in 3 of meer casussen terugkomen."))
    totaal, n = c.get("signalen_totaal") or 0, len(c["signalen"])
    if totaal > n:
        tekst += " " + ngettext(
            "Hieronder de %(n)s grootste van %(totaal)s signaal.",
            "Hieronder de %(n)s grootste van %(totaal)s signalen; de pagina Signalen toont ze allemaal.",
            totaal,
        ) % {"n": n, "totaal": totaal}
    return tekst


KOSTEN_KOLOMMEN = (Kolom(_("Huidige situatie"), GELD), Kolom(_("Dreigende situatie"), GELD),
                   Kolom(_("Met doorbraak"), GELD))
SITUATIE_REEKSEN = (_("Huidige situatie"), _("Dreigende situatie"), _("Met doorbraak"))


# --- The comparison over time ------------------------------------------------------------------


def _vergelijking_kolommen(c):
    v = c["vergelijking"]
    return (
        Kolom(_("Kerngetal"), TEKST),
        Kolom(_("Deze periode")),
        *[k for p in v["perioden"] for k in (Kolom(p["label"]), Kolom(_("Verschil"), VERSCHIL))],
    )


def _vergelijking_rijen(c):
    """Per key figure: the value now, and per earlier period its value and the change. The
    cells carry their kind (`{"soort", "waarde"}`): the rows mix counts, money, days and
    percentages."""
    rijen = []
    for r in c["vergelijking"]["rijen"]:
        cellen = [r["label"], {"soort": r["soort"], "waarde": r["waarde"]}]
        for e in r["eerder"]:
            cellen += [{"soort": r["soort"], "waarde": e["waarde"]},
                       {"soort": r["soort"], "waarde": e["verschil"], "procent": e.get("procent")}]
        rijen.append((cellen, None))
    return rijen


def _vergelijking_toelichting(c, publiek=False):
    perioden = "; ".join(f"{p['label']}: {p['periode']}" for p in c["vergelijking"]["perioden"])
    return str(_("De kerngetallen van deze periode naast dezelfde periode een jaar eerder en een kwartaal "
                 "eerder, met het verschil. %(perioden)s.")) % {"perioden": perioden}


# --- The registry ------------------------------------------------------------------------------

SECTIES = {
    s.sleutel: s
    for s in (
        Sectie("combinaties", _("Giftige cocktails: leefgebieden die samen voorkomen"),
               _("De meest voorkomende combinaties bij de nieuwe casussen (ten minste 2 casussen, hoogstens 10 combinaties).")),
        Sectie("geld", _("Geld per fonds en per plan")),
        Sectie("kosten", _("Kosten in drie situaties")),
    )
}

FIGUREN: tuple[Figuur, ...] = (
    Figuur(
        "kerncijfers", _("Kerncijfers"), _("Casussen in de periode"), bron="casussen",
        kolommen=(Kolom(_("Cijfer"), TEKST), Kolom(_("Aantal"))),
        rijen=lambda c: [
            ([_("Nieuwe casussen"), c["casussen"]["nieuw"]], None),
            ([_("Afgesloten casussen"), c["casussen"]["afgesloten"]], None),
            ([_("Open aan het einde van de periode"), c["casussen"]["open_aan_einde"]], None),
        ],
    ),
    Figuur(
        "vergelijking", _("Vergelijking met eerdere perioden"),
        _("Kerngetallen van deze periode, een jaar eerder en een kwartaal eerder, met het verschil"),
        bron="vergelijking", kolommen=_vergelijking_kolommen, rijen=_vergelijking_rijen,
        toelichting=_vergelijking_toelichting,
    ),
    Figuur(
        "status", _("Casussen naar status"), _("Nieuwe casussen in de periode naar hun huidige status"),
        bron="casussen", csv_titel=_("Nieuwe casussen naar huidige status"),
        kolommen=(Kolom(_("Status"), TEKST), Kolom(_("Aantal casussen"))),
        rijen=lambda c: _rijen(c["casussen"]["per_status"], "label", "aantal", link=lambda r: {"status": r["status"]}),
        voet=lambda c: [_("Totaal"), c["casussen"]["nieuw"]], totaalrij=True,
        leeg=lambda c: not _som(c["casussen"]["per_status"]),
        grafieken=(Grafiek("staaf", _("Nieuwe casussen naar huidige status")),),
    ),
    Figuur(
        "per-maand", _("Nieuwe casussen per maand"), _("Nieuwe casussen (datum signaal) per maand"),
        bron="casussen",
        kolommen=(Kolom(_("Maand"), TEKST), Kolom(_("Aantal nieuwe casussen"))),
        rijen=lambda c: _rijen(c["casussen"]["per_maand"], "label", "aantal", link=lambda r: {"maand": r["maand"]}),
        voet=lambda c: [_("Totaal"), c["casussen"]["nieuw"]], totaalrij=True,
        leeg=lambda c: not _som(c["casussen"]["per_maand"]),
        grafieken=(Grafiek("kolom", _("Nieuwe casussen per maand")),),
    ),
    Figuur(
        "leefgebieden", _("Leefgebieden"),
        _("Leefgebieden van de nieuwe casussen (een casus kan meerdere leefgebieden hebben)"),
        bron="leefgebieden", csv_titel=_("Leefgebieden van de nieuwe casussen"),
        kolommen=(Kolom(_("Leefgebied"), TEKST), Kolom(_("Aantal casussen"))),
        rijen=lambda c: _rijen(c["leefgebieden"], "naam", "aantal", link=lambda r: {"leefgebied": r["code"]}),
        leeg=lambda c: not c["leefgebieden"],
        grafieken=(Grafiek("staaf", _("Leefgebieden van de nieuwe casussen")),),
    ),
    Figuur(
        "combinaties-twee", _("Combinaties van twee leefgebieden"), _("Combinaties van twee leefgebieden"),
        bron="combinaties", sectie="combinaties",
        kolommen=(Kolom(_("Combinatie"), TEKST), Kolom(_("Aantal casussen"))),
        rijen=lambda c: [([combinatie_label(r["namen"]), r["aantal"]], None) for r in c["combinaties"]["twee"]],
        leeg=lambda c: not c["combinaties"]["twee"],
        grafieken=(Grafiek("staaf", _("Combinaties van twee leefgebieden"), label_breedte=300),),
    ),
    Figuur(
        "combinaties-drie", _("Combinaties van drie leefgebieden"), _("Combinaties van drie leefgebieden"),
        bron="combinaties", sectie="combinaties",
        kolommen=(Kolom(_("Combinatie"), TEKST), Kolom(_("Aantal casussen"))),
        rijen=lambda c: [([combinatie_label(r["namen"]), r["aantal"]], None) for r in c["combinaties"]["drie"]],
        leeg=lambda c: not c["combinaties"]["drie"],
        grafieken=(Grafiek("staaf", _("Combinaties van drie leefgebieden"), label_breedte=300),),
    ),
    Figuur(
        "escalaties", _("Escalaties per niveau en uitkomst"),
        _("Escalaties aangevraagd in de periode, per niveau en naar uitkomst"), bron="escalaties",
        kolommen=_escalatie_kolommen, rijen=_escalatie_rijen, voet=_escalatie_voet, totaalrij=True,
        rijtotalen=_escalatie_totalen,
        leeg=lambda c: not c["escalaties"]["per_niveau"],
        grafieken=(Grafiek("gestapeld", _("Escalaties per niveau en uitkomst"),
                           kolommen=lambda c: tuple(range(1, len(c["escalaties"]["uitkomst_labels"]) + 1)),
                           totaal=-1),),
    ),
    Figuur(
        "doorlooptijden", _("Doorlooptijden"),
        _("Doorlooptijden in dagen: casussen waarvan het eerste besluit of de afronding in de periode valt"),
        bron="doorlooptijden", csv_titel=_("Doorlooptijden in dagen"),
        kolommen=(Kolom(_("Traject"), TEKST), Kolom(_("Aantal casussen")),
                  Kolom(_("Mediaan (dagen)"), DAGEN), Kolom(_("90e percentiel (dagen)"), DAGEN)),
        rijen=lambda c: [
            ([label, d["aantal"], d["mediaan"], d["p90"]], None)
            for label, d in ((_("Aanmelding → besluit"), c["doorlooptijden"]["aanmelding_besluit"]),
                             (_("Besluit → afgerond"), c["doorlooptijden"]["besluit_afgerond"]))
        ],
        leeg=lambda c: not (c["doorlooptijden"]["aanmelding_besluit"]["aantal"]
                            or c["doorlooptijden"]["besluit_afgerond"]["aantal"]),
        afgeleid=((2, (1,)), (3, (1,))),
        grafieken=(Grafiek("gegroepeerd", _("Doorlooptijden in dagen (mediaan en 90e percentiel)"),
                           kolommen=(2, 3), eenheid=DAGEN, label_breedte=170),),
    ),
    Figuur(
        "verzoeken", _("Prioriteitsverzoeken: antwoord binnen 2 werkdagen"),
        _("Prioriteitsverzoeken in de periode en de termijn van 2 werkdagen"), bron="verzoeken",
        csv_titel=_("Prioriteitsverzoeken binnen 2 werkdagen"),
        kolommen=(Kolom(_("Verzoeken")), Kolom(_("Op tijd")), Kolom(_("Te laat")), Kolom(_("Nog open")),
                  Kolom(_("Percentage op tijd"), PROCENT)),
        rijen=lambda c: [([c["verzoeken"]["aantal"], c["verzoeken"]["op_tijd"], c["verzoeken"]["te_laat"],
                           c["verzoeken"].get("open"), c["verzoeken"]["percentage"]], None)],
        rijtotalen=((0, (1, 2)),),
        leeg=lambda c: not c["verzoeken"]["aantal"],
        kerngetal=(_("Op tijd beantwoord:"), 4), afgeleid=((4, (0, 1, 2)),),
        grafieken=(Grafiek("staaf", _("Prioriteitsverzoeken binnen 2 werkdagen"), kolommen=(1, 2, 3),
                           transponeer=True),),
    ),
    Figuur(
        "fondsen", _("Per fonds"),
        _("Aanvragen per fonds: goedgekeurd in de periode en wat daarvan al is betaald, uitstaande leningen "
          "en voorfinancieringen aan het einde van de periode"),
        bron="geld", sectie="geld", csv_titel=_("Geld per fonds"),
        kolommen=(Kolom(_("Fonds"), TEKST), Kolom(_("Aanvragen")), Kolom(_("Goedgekeurd"), GELD),
                  Kolom(_("Waarvan betaald"), GELD), Kolom(_("Uitstaande leningen"), GELD)),
        rijen=lambda c: _rijen(c["geld"]["per_fonds"], "fonds", "aanvragen", "goedgekeurd", "betaald", "uitstaand"),
        voet=lambda c: [_("Totaal"), *[c["geld"]["totaal"][k] for k in ("aanvragen", "goedgekeurd", "betaald", "uitstaand")]],
        totaalrij=True,
        leeg=lambda c: not c["geld"]["per_fonds"],
        grafieken=(Grafiek("gegroepeerd", _("Geld per fonds"), kolommen=(2, 3, 4), eenheid=GELD, label_breedte=170),),
    ),
    Figuur(
        "plannen", _("Per doorbraakplan"), _("Goedgekeurd geld per doorbraakplan"), bron="geld", sectie="geld",
        csv_titel=_("Geld per doorbraakplan"),
        kolommen=(Kolom(_("Plannen")), Kolom(_("Totaal"), GELD), Kolom(_("Gemiddeld"), GELD),
                  Kolom(_("Mediaan"), GELD), Kolom(_("Hoogste"), GELD)),
        rijen=lambda c: [([c["geld"]["per_plan"][k] for k in ("plannen", "totaal", "gemiddeld", "mediaan", "hoogste")],
                          None)],
        leeg=lambda c: not c["geld"]["per_plan"]["plannen"],
        afgeleid=((2, (0,)), (3, (0,)), (4, (0,))),
        grafieken=(Grafiek("staaf", _("Geld per doorbraakplan"), kolommen=(2, 3, 4), eenheid=GELD, transponeer=True),),
    ),
    Figuur(
        "kosten-geldstroom", _("Per geldstroom"), _("Kosten in drie situaties per geldstroom"), bron="kosten",
        sectie="kosten", csv_titel=_("Kosten in drie situaties per geldstroom"),
        kolommen=(Kolom(_("Geldstroom"), TEKST), *KOSTEN_KOLOMMEN),
        rijen=_kosten_rijen("per_geldstroom"), voet=_kosten_voet, toelichting=_kosten_toelichting,
        leeg=lambda c: not (c["kosten"]["scenarios"] and c["kosten"]["per_geldstroom"]),
        grafieken=(Grafiek("gegroepeerd", _("Kosten in drie situaties per geldstroom"), kolommen=(1, 2, 3),
                           eenheid=GELD, label_breedte=170),),
    ),
    Figuur(
        "kosten-betaler", _("Per betaler"), _("Kosten in drie situaties per betaler"), bron="kosten",
        sectie="kosten", csv_titel=_("Kosten in drie situaties per betaler"),
        kolommen=(Kolom(_("Betaler"), TEKST), *KOSTEN_KOLOMMEN),
        rijen=_kosten_rijen("per_betaler"), voet=_kosten_voet,
        leeg=lambda c: not (c["kosten"]["scenarios"] and c["kosten"]["per_betaler"]),
        grafieken=(Grafiek("gegroepeerd", _("Kosten in drie situaties per betaler"), kolommen=(1, 2, 3),
                           eenheid=GELD, label_breedte=170),),
    ),
    Figuur(
        "grondslagen", _("Top 10 wettelijke grondslagen"), _("De tien meest gebruikte wettelijke grondslagen"),
        bron="grondslagen", csv_titel=_("Meest gebruikte wettelijke grondslagen"),
        kolommen=(Kolom(_("Wet"), TEKST), Kolom(_("Artikel"), TEKST), Kolom(_("Aantal casussen"))),
        rijen=lambda c: _rijen(c["grondslagen"], "wet", "artikel", "aantal"),
        leeg=lambda c: not c["grondslagen"],
        grafieken=(Grafiek("staaf", _("Meest gebruikte wettelijke grondslagen"), kolommen=(2,), label_breedte=300,
                           label=lambda cellen: f"{cellen[0]} {cellen[1]}".strip()),),
    ),
    Figuur(
        "monitoring", _("Monitoring na 6 en 12 maanden"),
        _("Uitkomsten van de monitoringsmomenten en de verandering van de zelfredzaamheidsscores"),
        bron="monitoring",
        kolommen=(Kolom(_("Moment"), TEKST), Kolom(_("Monitoringsmomenten")), Kolom(_("Doorgaan")),
                  Kolom(_("Aanpassen")), Kolom(_("Afronden")), Kolom(_("Scores"), csv=_("Zelfredzaamheidsscores")),
                  Kolom(_("Gemiddelde verandering per score"), DECIMAAL), Kolom(_("Beter")), Kolom(_("Gelijk")),
                  Kolom(_("Slechter"))),
        rijen=lambda c: [
            ([monitoring_label(r["maand"]), r["aantal"], r["uitkomsten"]["doorgaan"], r["uitkomsten"]["aanpassen"],
              r["uitkomsten"]["afronden"], r["scores"], r["verandering"], r["beter"], r["gelijk"], r["slechter"]], None)
            for r in c["monitoring"]
        ],
        rijtotalen=((1, (2, 3, 4)), (5, (7, 8, 9))),
        afgeleid=((6, (5,)),),
        leeg=lambda c: not _som(c["monitoring"]),
        grafieken=(
            Grafiek("gestapeld", _("Uitkomsten van de monitoring na 6 en 12 maanden"), kolommen=(2, 3, 4), totaal=1,
                    label_breedte=170),
            Grafiek("gestapeld", _("Verandering van de zelfredzaamheidsscores"), kolommen=(7, 8, 9), totaal=5,
                    label_breedte=170, sleutel="scores"),
        ),
    ),
    Figuur(
        "signalen", _("Structurele signalen"), _("Structurele signalen en het aantal casussen waarin ze voorkomen"),
        bron="signalen",
        kolommen=(Kolom(_("Soort"), TEKST), Kolom(_("Organisatie"), TEKST), Kolom(_("Wettelijke grondslag"), TEKST),
                  Kolom(_("Regel of systeem"), TEKST), Kolom(_("Casussen")), Kolom(_("Signaal sinds"), DATUM)),
        rijen=lambda c: _rijen(c["signalen"], "soort_label", "organisatie", "grondslag", "regel", "casussen", "sinds"),
        leeg=lambda c: not c["signalen"],
        toelichting=_signalen_toelichting,
        grafieken=(Grafiek("staaf", _("Structurele signalen: casussen per signaal"), kolommen=(4,), label_breedte=360,
                           label=_signaal_label),),
    ),
)

# Cells that show the same number in two tables: masking one masks the other (`onthulling`).
# (figure, row, column); row "voet" is the totals row.
GELIJK = (
    (("kerncijfers", 0, 1), ("status", "voet", 1), ("per-maand", "voet", 1), ("vergelijking", 0, 1)),
    (("kerncijfers", 1, 1), ("vergelijking", 1, 1)),
    (("kerncijfers", 2, 1), ("vergelijking", 2, 1)),
    (("escalaties", "voet", -1), ("vergelijking", 3, 1)),
)

# Derived cells shown again in the comparison: masked there when masked here.
AFGELEID_GELIJK = (
    (("verzoeken", 0, 4), ("vergelijking", 4, 1)),
    (("doorlooptijden", 0, 2), ("vergelijking", 6, 1)),
)

SLEUTELS = tuple(f.sleutel for f in FIGUREN)
# Every table has a CSV export under its key.
SLUGS_CSV = SLEUTELS


def figuur(sleutel: str) -> Figuur:
    for f in FIGUREN:
        if f.sleutel == sleutel:
            return f
    raise KeyError(sleutel)

