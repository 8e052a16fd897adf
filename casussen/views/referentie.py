"""Reference pages without a case: the maatschappelijke prijslijst and the wettelijke
grondslagen, each searchable, filterable, paginated and exportable to CSV.

Open to every case role and to the beheerder (`casussen.raadpleeg_referenties`)."""

import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casussen.filters import GrondslagFilter, PrijslijstFilter
from casussen.queries import referentie as queries
from casussen.views.common import PAGE_SIZE, vereis

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
    vereis(request, PERM)
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


class _Echo:
    def write(self, value):
        return value


def _csv(rows, kolommen, regel, naam):
    """Stream `rows` as CSV for Excel-NL: `;` as delimiter and a UTF-8 byte order mark."""

    def lines():
        writer = csv.writer(_Echo(), delimiter=";")
        yield "\ufeff" + writer.writerow([str(k) for k in kolommen])
        for row in rows.iterator(chunk_size=1000):
            yield writer.writerow(regel(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{naam}-{timezone.localdate():%Y%m%d}.csv"'
    )
    return response


def _bedrag(value) -> str:
    """1234.5 → '1234,50': a number Excel-NL reads as a number."""
    return f"{value:.2f}".replace(".", ",")


@require_GET
def prijslijst(request):
    return _lijst(
        request, PrijslijstFilter, queries.prijzen(), "casussen/referentie/prijslijst.html"
    )


@require_GET
def prijslijst_export(request):
    vereis(request, PERM)
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
            p.eenheid,
            _bedrag(p.prijs),
            p.geldstroom.naam,
            p.get_betaler_display(),
            p.prijsjaar,
            p.geldig_vanaf.isoformat(),
            p.bron,
        ]

    return _csv(rows, kolommen, regel, "prijslijst")


@require_GET
def grondslagen(request):
    return _lijst(
        request, GrondslagFilter, queries.grondslagen(), "casussen/referentie/grondslagen.html"
    )


@require_GET
def grondslagen_export(request):
    vereis(request, PERM)
    _filterset, rows = _gefilterd(GrondslagFilter, request, queries.grondslagen())
    kolommen = [_("Wet of regeling"), _("Artikel"), _("Soort"), _("Wanneer helpt het"), _("Bron")]

    def regel(g):
        return [g.wet, g.artikel, g.get_soort_display(), g.toelichting, g.bron]

    return _csv(rows, kolommen, regel, "grondslagen")


urlpatterns = [
    path("prijslijst/", prijslijst, name="prijslijst"),
    path("prijslijst/export.csv", prijslijst_export, name="prijslijst_export"),
    path("grondslagen/", grondslagen, name="grondslagen"),
    path("grondslagen/export.csv", grondslagen_export, name="grondslagen_export"),
]
