"""Reference pages without a case: the maatschappelijke prijslijst and the wettelijke
grondslagen, each searchable, filterable, paginated and exportable to CSV.

Open to every case role and to the beheerder (`casussen.raadpleeg_referenties`)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casussen.filters import GrondslagFilter, PrijslijstFilter
from casussen.queries import referentie as queries
from casussen.views.common import PAGE_SIZE
from omo.csvexport import csv_stroom
from omo.toegang import vereis_pagina

PERM = "casussen.raadpleeg_referenties"


def _querystring(request, drop=("pagina",)):
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def _gefilterd(filter_class, request, queryset):
    """The filterset (always bound, so the defaults apply without a query string) and its rows;
    invalid input gives no rows and the form shows the errors."""
    filterset = filter_class(request.GET, queryset=queryset)
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return filterset, rows


def _lijst(request, filter_class, queryset, template):
    vereis_pagina(request, PERM)
    filterset, rows = _gefilterd(filter_class, request, queryset)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page": page,
            "querystring": _querystring(request),
            "vandaag": timezone.localdate(),
        },
    )


@require_GET
def prijslijst(request):
    return _lijst(
        request, PrijslijstFilter, queries.prijzen(), "casussen/referentie/prijslijst.html"
    )


@require_GET
def prijslijst_export(request):
    vereis_pagina(request, PERM)
    _filterset, rows = _gefilterd(PrijslijstFilter, request, queries.prijzen())
    kolommen = [
        _("Item"),
        _("Eenheid"),
        _("Prijs (€)"),
        _("Geldstroom"),
        _("Standaard betaler"),
        _("Prijsjaar"),
        _("Geldig vanaf"),
        _("Bron"),
    ]

    def regel(p):
        return [
            p.item,
            p.eenheid_tekst,
            p.prijs,
            p.geldstroom.naam,
            p.get_betaler_display(),
            p.prijsjaar,
            p.geldig_vanaf.isoformat(),
            p.bron,
        ]

    return csv_stroom(f"prijslijst-{timezone.localdate():%Y%m%d}.csv", kolommen, map(regel, rows.iterator(chunk_size=1000)))


@require_GET
def grondslagen(request):
    return _lijst(
        request, GrondslagFilter, queries.grondslagen(), "casussen/referentie/grondslagen.html"
    )


@require_GET
def grondslagen_export(request):
    vereis_pagina(request, PERM)
    _filterset, rows = _gefilterd(GrondslagFilter, request, queries.grondslagen())
    kolommen = [_("Wet of regeling"), _("Artikel"), _("Soort"), _("Wanneer helpt het"), _("Bron")]

    def regel(g):
        return [g.wet, g.artikel, g.get_soort_display(), g.toelichting, g.bron]

    return csv_stroom(f"grondslagen-{timezone.localdate():%Y%m%d}.csv", kolommen, map(regel, rows.iterator(chunk_size=1000)))


urlpatterns = [
    path("prijslijst/", prijslijst, name="prijslijst"),
    path("prijslijst/export.csv", prijslijst_export, name="prijslijst_export"),
    path("grondslagen/", grondslagen, name="grondslagen"),
    path("grondslagen/export.csv", grondslagen_export, name="grondslagen_export"),
]
