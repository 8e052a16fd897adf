"""The dashboard (DESIGN §9) and its CSV exports: every figure of a period as a chart and a table,
for omo, beleid and college. Only aggregates; the OMO-functionaris can click through from a figure
to the case list filtered accordingly. The figures come from one call of `cijfers()` (a few
queries whatever the data size)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.http import urlencode

from casussen.queries import referentie
from omo.csvexport import csv_download
from omo.toegang import mag, vereis_pagina
from rapportage import exports, weergave
from rapportage.forms.periode import PeriodeForm
from rapportage.queries.cijfers import cijfers, momentopname
from rapportage.queries.vergelijking import vergelijking


def _periode(request):
    """The period form from GET and, when valid, (van, tot, publiek); else None."""
    form = PeriodeForm(request.GET)
    periode = form.periode()
    if periode is None:
        return form, None
    return form, (*periode, bool(form.cleaned_data.get("publiek")))


def _query(van, tot, publiek) -> str:
    return urlencode({"van": van.isoformat(), "tot": tot.isoformat(), **({"publiek": "1"} if publiek else {})})


def _weergave(van, tot, publiek) -> dict:
    """The weergave of the period's figures, with the comparison to earlier periods."""
    with momentopname():  # the period and its comparison read the same moment
        c = cijfers(van, tot)
        c["vergelijking"] = vergelijking(van, tot, c)
    return weergave.maak(c, publiek=publiek)


def dashboard(request):
    vereis_pagina(request, "rapportage.bekijk_dashboard")
    form, periode = _periode(request)
    links = mag(request.user, "rapportage.naar_casussen")
    context = {"form": form, "blokken": None, "publiek": False, "pdf": False}
    if periode is not None:
        van, tot, publiek = periode
        # The case list filters on the leefgebied's key; the figures name it by code.
        blokken = weergave.blokken(_weergave(van, tot, publiek), publiek, links=links,
                                   leefgebied_ids=referentie.leefgebied_ids() if links else None)
        context.update(blokken=blokken, publiek=publiek, export_query=_query(van, tot, publiek), van=van, tot=tot,
                       links=links)
    context["snelkeuzes"] = [
        {**keuze, "query": _query(keuze["van"], keuze["tot"], context["publiek"])} for keuze in form.snelkeuzes()
    ]
    return render(request, "rapportage/dashboard/dashboard.html", context)


def export(request, tabel):
    """One table of the dashboard as CSV for Dutch Excel (see rapportage.exports): the same
    period parameters and the same numbers as the page."""
    vereis_pagina(request, "rapportage.bekijk_dashboard")
    if tabel not in exports.SLUGS:
        raise Http404
    form, periode = _periode(request)
    if periode is None:
        fouten = [str(fout) for fouten in form.errors.values() for fout in fouten]
        return HttpResponse("\n".join(fouten), status=400, content_type="text/plain; charset=utf-8")
    van, tot, publiek = periode
    t = exports.tabel(_weergave(van, tot, publiek), tabel, publiek)
    return csv_download(f"omo-{tabel}-{van.isoformat()}-{tot.isoformat()}{'-publiek' if publiek else ''}.csv",
                        t.kop, t.rijen)


urlpatterns = [
    path("dashboard/", dashboard, name="rapportage_dashboard"),
    path("dashboard/export/<slug:tabel>.csv", export, name="rapportage_export"),
]
