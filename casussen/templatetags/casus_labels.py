"""Labels of case choices for long lists.

`casus.get_status_display()` rebuilds a dictionary of lazy translations on every call; on a list
of 25 cases with two labels each that is several milliseconds. These filters build the
dictionary once per language.
"""

from functools import lru_cache

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from casussen.models import Casus, Status

register = template.Library()


@lru_cache(maxsize=16)
def _labels(kind: str, language: str) -> dict[str, str]:
    choices = {"status": Status.choices, "urgentie": Casus.Urgentie.choices}[kind]
    return {value: str(label) for value, label in choices}


@register.filter
def statuslabel(value):
    return _labels("status", get_language())[value]


@register.filter
def urgentielabel(value):
    return _labels("urgentie", get_language())[value]


@register.simple_tag
def casus_tabs(casus):
    """The tabs other apps add to the case layout (casussen.uitbreidingen)."""
    from casussen import uitbreidingen

    return uitbreidingen.tabs(casus)


@register.simple_tag
def situatie_grafiek(scenarios, chart_id, titel, beschrijving=""):
    """The SVG chart of the three situations per scenario (kassabon and comparison page): one
    group per scenario with a bar for huidig, dreigend and doorbraak. `scenarios`: a list of
    (label, Rendement); the page shows the same figures in a table beside it."""
    from casussen.rendement import SITUATIE_LABELS, SITUATIES
    from omo import grafieken

    return grafieken.grouped_bar_chart(
        [(str(label), [r.totaal_per_situatie[s] for s in SITUATIES]) for label, r in scenarios],
        [str(SITUATIE_LABELS[s]) for s in SITUATIES],
        chart_id=chart_id, title=str(titel), kind=grafieken.MONEY, desc=str(beschrijving),
    )


@register.simple_tag
def scenario_rendementen(scenarios):
    """(titel, rendement) of scenarios that carry `.rendement`, for `situatie_grafiek`."""
    return [(s.titel, s.rendement) for s in scenarios]


@register.simple_tag
def kassabon_grafiek(rendement, chart_id, titel, beschrijving=""):
    """`situatie_grafiek` for the one scenario of a kassabon."""
    return situatie_grafiek([(_("Dit scenario"), rendement)], chart_id, titel, beschrijving)
