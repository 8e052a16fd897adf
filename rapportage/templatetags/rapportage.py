"""Template tags of the dashboard and the report figures: `{% load rapportage %}`.

- `{{ n|aantal:publiek }}`: '< 3' for 1 and 2 in the public version, else '1.234';
- `{{ x|getal:1 }}`, `{{ x|dagen }}`, `{{ x|procent }}`: Dutch decimals;
- `{% grafiek "status" %}`: the SVG chart of a figure, from `c` and `publiek` in the context;
- `{% if c|heeft_gegevens:"status" %}`: whether the period has data for that figure;
- `{% escalatie_rijen c as rijen %}` / `{% doorlooptijd_rijen c as rijen %}`: rows in page order;
- `{% casus_url status="aangemeld" %}`, `{% casus_url maand="2026-07" %}`,
  `{% casus_url leefgebied="wonen" %}`: the case list filtered to what a figure counts (new
  cases in the period), for the OMO-functionaris' click-through.
Money goes through the project's `euro` filters (omo_format).
"""

import calendar
import datetime

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from omo import grafieken as g
from rapportage import exports

register = template.Library()

SITUATIES = ("huidig", "dreigend", "doorbraak")


@register.filter
def aantal(value, publiek=False):
    return g.count_text(value, publiek)


@register.filter
def getal(value, decimals=0):
    return g.dutch_number(value, int(decimals))


@register.filter
def dagen(value):
    """23.5 → '23,5'; None → '–' (nothing to measure)."""
    return "–" if value is None else g.dutch_number(value, 1)


@register.filter
def procent(value):
    return "–" if value is None else f"{g.dutch_number(value, 1)}%"


@register.filter
def combinatie(namen):
    return exports.combinatie_label(namen)


@register.filter
def monitoring_label(maand):
    return exports.monitoring_label(maand)


@register.filter
def datum_nl(value):
    """'2026-08-14' → '14-08-2026'."""
    try:
        return datetime.date.fromisoformat(str(value)).strftime("%d-%m-%Y")
    except ValueError:
        return value


@register.simple_tag
def escalatie_rijen(c):
    return exports.escalatie_rijen(c)


@register.simple_tag
def escalatie_uitkomsten(c):
    return [label for _code, label in exports.escalatie_uitkomsten(c)]


@register.simple_tag
def doorlooptijd_rijen(c):
    return exports.doorlooptijd_rijen(c)


# --- Empty periods -----------------------------------------------------------------------------


@register.filter
def heeft_gegevens(c, figuur):
    return exports.heeft_gegevens(c, figuur)


# --- Charts ------------------------------------------------------------------------------------


def _grafiek_status(c, publiek):
    return g.bar_chart([(r["label"], r["aantal"]) for r in c["casussen"]["per_status"]],
                       chart_id="grafiek-status", title=_("Nieuwe casussen naar huidige status"), publiek=publiek)


def _grafiek_per_maand(c, publiek):
    return g.column_chart([(r["label"], r["aantal"]) for r in c["casussen"]["per_maand"]],
                          chart_id="grafiek-per-maand", title=_("Nieuwe casussen per maand"), publiek=publiek)


def _grafiek_leefgebieden(c, publiek):
    return g.bar_chart([(r["naam"], r["aantal"]) for r in c["leefgebieden"]],
                       chart_id="grafiek-leefgebieden", title=_("Leefgebieden van de nieuwe casussen"), publiek=publiek)


def _grafiek_combinaties(soort, titel):
    def teken(c, publiek):
        return g.bar_chart([(exports.combinatie_label(r["namen"]), r["aantal"]) for r in c["combinaties"][soort]],
                           chart_id=f"grafiek-combinaties-{soort}", title=titel, publiek=publiek, label_width=300)
    return teken


def _grafiek_escalaties(c, publiek):
    return g.stacked_bar_chart([(r["label"], r["waarden"]) for r in exports.escalatie_rijen(c)],
                               [label for _code, label in exports.escalatie_uitkomsten(c)],
                               chart_id="grafiek-escalaties", title=_("Escalaties per niveau en uitkomst"),
                               publiek=publiek)


def _grafiek_doorlooptijden(c, publiek):
    return g.grouped_bar_chart([(r["label"], [r["mediaan"], r["p90"]]) for r in exports.doorlooptijd_rijen(c)],
                               [_("Mediaan"), _("90e percentiel")], chart_id="grafiek-doorlooptijden",
                               title=_("Doorlooptijden in dagen (mediaan en 90e percentiel)"), kind=g.DAYS)


def _grafiek_verzoeken(c, publiek):
    v = c["verzoeken"]
    return g.bar_chart([(_("Op tijd"), v["op_tijd"]), (_("Te laat"), v["te_laat"]), (_("Nog open"), v.get("open"))],
                       chart_id="grafiek-verzoeken", title=_("Prioriteitsverzoeken binnen 2 werkdagen"),
                       publiek=publiek)


def _grafiek_fondsen(c, publiek):
    return g.grouped_bar_chart(
        [(r["fonds"], [r["goedgekeurd"], r["betaald"], r["uitstaand"]]) for r in c["geld"]["per_fonds"]],
        [_("Goedgekeurd"), _("Waarvan betaald"), _("Uitstaande leningen")], chart_id="grafiek-fondsen",
        title=_("Geld per fonds"), kind=g.MONEY)


def _grafiek_plannen(c, publiek):
    p = c["geld"]["per_plan"]
    return g.bar_chart([(_("Gemiddeld"), p["gemiddeld"]), (_("Mediaan"), p["mediaan"]), (_("Hoogste"), p["hoogste"])],
                       chart_id="grafiek-plannen", title=_("Geld per doorbraakplan"), kind=g.MONEY)


def _situaties():
    return [_("Huidige situatie"), _("Dreigende situatie"), _("Met doorbraak")]


def _grafiek_kosten(sleutel, titel):
    def teken(c, publiek):
        return g.grouped_bar_chart([(r["naam"], [r[s] for s in SITUATIES]) for r in c["kosten"][sleutel]],
                                   _situaties(), chart_id=f"grafiek-{sleutel.replace('_', '-')}", title=titel,
                                   kind=g.MONEY)
    return teken


def _grafiek_grondslagen(c, publiek):
    return g.bar_chart([(exports.grondslag_label(r), r["aantal"]) for r in c["grondslagen"]],
                       chart_id="grafiek-grondslagen", title=_("Meest gebruikte wettelijke grondslagen"),
                       publiek=publiek, label_width=300)


def _grafiek_monitoring(c, publiek):
    return g.stacked_bar_chart(
        [(exports.monitoring_label(r["maand"]), [r["uitkomsten"][k] for k in ("doorgaan", "aanpassen", "afronden")])
         for r in c["monitoring"]],
        [_("Doorgaan"), _("Aanpassen"), _("Afronden")], chart_id="grafiek-monitoring",
        title=_("Uitkomsten van de monitoring na 6 en 12 maanden"), publiek=publiek)


def _grafiek_scores(c, publiek):
    return g.stacked_bar_chart(
        [(exports.monitoring_label(r["maand"]), [r["beter"], r["gelijk"], r["slechter"]]) for r in c["monitoring"]],
        [_("Beter"), _("Gelijk"), _("Slechter")], chart_id="grafiek-scores",
        title=_("Verandering van de zelfredzaamheidsscores"), publiek=publiek)


def _grafiek_signalen(c, publiek):
    return g.bar_chart([(exports.signaal_label(r), r["casussen"]) for r in c["signalen"]],
                       chart_id="grafiek-signalen", title=_("Structurele signalen: casussen per signaal"),
                       publiek=publiek, label_width=360)


GRAFIEKEN = {
    "status": _grafiek_status,
    "per_maand": _grafiek_per_maand,
    "leefgebieden": _grafiek_leefgebieden,
    "combinaties_twee": _grafiek_combinaties("twee", _("Combinaties van twee leefgebieden")),
    "combinaties_drie": _grafiek_combinaties("drie", _("Combinaties van drie leefgebieden")),
    "escalaties": _grafiek_escalaties,
    "doorlooptijden": _grafiek_doorlooptijden,
    "verzoeken": _grafiek_verzoeken,
    "fondsen": _grafiek_fondsen,
    "plannen": _grafiek_plannen,
    "kosten_geldstroom": _grafiek_kosten("per_geldstroom", _("Kosten in drie situaties per geldstroom")),
    "kosten_betaler": _grafiek_kosten("per_betaler", _("Kosten in drie situaties per betaler")),
    "grondslagen": _grafiek_grondslagen,
    "monitoring": _grafiek_monitoring,
    "scores": _grafiek_scores,
    "signalen": _grafiek_signalen,
}


@register.simple_tag(takes_context=True)
def grafiek(context, figuur):
    """The SVG chart of `figuur` from the context's `c` and `publiek`."""
    return GRAFIEKEN[figuur](context["c"], bool(context.get("publiek")))


# --- Click-through for the OMO-functionaris ------------------------------------------------------


@register.simple_tag(takes_context=True)
def casus_url(context, status=None, maand=None, leefgebied=None):
    """The case list filtered to the new cases (datum_signaal in the period) that a figure
    counts; '' when the figure cannot be filtered there (or links are off)."""
    if not context.get("links") or context.get("pdf"):
        return ""
    c = context["c"]
    van, tot = datetime.date.fromisoformat(c["van"]), datetime.date.fromisoformat(c["tot"])
    params = []
    if status:
        params.append(("status", status))
    if leefgebied:
        pk = (context.get("leefgebied_ids") or {}).get(leefgebied)
        if pk is None:
            return ""
        params.append(("leefgebied", pk))
    if maand:
        jaar, m = (int(x) for x in maand.split("-"))
        van = max(van, datetime.date(jaar, m, 1))
        tot = min(tot, datetime.date(jaar, m, calendar.monthrange(jaar, m)[1]))
    params += [("van", van.isoformat()), ("tot", tot.isoformat())]
    return f"{reverse('casus_lijst')}?{urlencode(params)}"
