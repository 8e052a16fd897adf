"""The privacy officer's logboek: who looked at a household's file and what changed in it, with
the values; per case, per user and per period, with CSV. Every read here is itself written to
the access log (kind "logboek"): the case read, the user read, or the objects a page showed."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casussen.models import Casus
from omo.audit import gelogd_per_stuk, log_access, log_access_many
from omo.csvexport import csv_stroom
from omo.models import Toegangslog
from omo.paginering import BegrensdePaginator
from omo.queries import toegang_object_label
from omo.toegang import vereis_pagina
from privacy.casuscode import lees_casuscode
from privacy.filters import LogboekFilter
from privacy.queries import logboek as queries

PAGE_SIZE = 50
REGEL = "privacy.lees_logboeken"
LOGBOEK = Toegangslog.Soort.LOGBOEK


def _tab(request) -> str:
    return "wijzigingen" if request.GET.get("tab") == "wijzigingen" else "inzage"


def _querystring(request, *zonder) -> str:
    querystring = request.GET.copy()
    for naam in ("pagina", *zonder):
        querystring.pop(naam, None)
    return querystring.urlencode()


def _context(request, **context) -> dict:
    return {**context, "querystring": _querystring(request), "filterstring": _querystring(request, "tab")}


def _pagina(request, tab, rows_inzage, filter_wijzigingen):
    """The page asked for of one of the two logs, the rows ready for the template."""
    if tab == "inzage":
        paginator = BegrensdePaginator(rows_inzage, PAGE_SIZE, max_count=queries.MAX_TELLING)
        page = paginator.get_page(request.GET.get("pagina"))
        page.object_list = list(page.object_list)
        begrensd = paginator.begrensd
        for r in page.object_list:
            r.object_label = toegang_object_label(r)
    else:
        gebeurtenissen = queries.Gebeurtenissen(filter_wijzigingen)
        page = Paginator(gebeurtenissen, PAGE_SIZE).get_page(request.GET.get("pagina"))
        begrensd = gebeurtenissen.begrensd
    for r in page.object_list:
        r.rollen = queries.rollen_van(r.gebruiker)
    return page, begrensd


def _verwijzingen(rijen) -> list:
    """The objects the rows of a page or a chunk name, each once, as instances that carry only
    their kind and id (the access log names them "casus 12" then, never with any text)."""
    from django.apps import apps

    gezien, objecten = set(), []
    for rij in rijen:
        if isinstance(rij, Toegangslog):
            model, pk = rij.object_type.model_class(), rij.object_id
        else:
            model, pk = apps.get_model(rij.pgh_obj_model), rij.pgh_obj_id
        if model is None or pk in (None, "") or (model, pk) in gezien:
            continue
        gezien.add((model, pk))
        objecten.append(model.from_db(None, [model._meta.pk.attname], [pk]))
    return objecten


# --- Per case ---------------------------------------------------------------------------------


def logboek_casus_zoek(request):
    """Type a case's code (as in "ga naar casus": case and spaces and leading zeros do not
    matter) and open its logboek."""
    vereis_pagina(request, REGEL)
    code, casus, melding = lees_casuscode(request)
    if casus is not None:
        return redirect("logboek_casus", pk=casus.pk)
    return render(request, "privacy/logboek_casus_zoek.html", {"code": code, "melding": melding})


def _casus(request, pk):
    vereis_pagina(request, REGEL)
    casus = Casus.objects.filter(pk=pk).only("pk", "code").first()
    if casus is None:
        raise Http404
    return casus


def logboek_casus(request, pk):
    """Who looked at this household's file (the case and every object of it), and every change
    to it with the values before and after."""
    casus = _casus(request, pk)
    log_access(request, casus, LOGBOEK)
    tab = _tab(request)
    page, begrensd = _pagina(
        request, tab, queries.toegangslog_van_casus(casus), queries.Filter(casus=casus.pk)
    )
    return render(request, "privacy/logboek_casus.html", _context(
        request, casus=casus, tab=tab, page=page, begrensd=begrensd,
    ))


def logboek_casus_csv(request, pk):
    casus = _casus(request, pk)
    tab = _tab(request)
    if tab == "inzage":
        rijen = gelogd_per_stuk(
            request, queries.toegangslog_van_casus(casus).iterator(chunk_size=2000), LOGBOEK, wat=lambda _: [casus]
        )
        return csv_stroom(f"inzagelog-{casus.code}.csv", INZAGE_KOP, _inzage_rijen(rijen))
    gebeurtenissen = queries.Gebeurtenissen(queries.Filter(casus=casus.pk)).alle()
    rijen = gelogd_per_stuk(request, gebeurtenissen, LOGBOEK, wat=lambda _: [casus])
    return csv_stroom(f"wijzigingen-{casus.code}.csv", WIJZIGINGEN_KOP, _wijziging_rijen(rijen))


# --- Per user and per period ------------------------------------------------------------------


def _filter(request):
    filterset = LogboekFilter(request.GET, queryset=queries.toegangslog())
    geldig = filterset.is_valid()
    return filterset, geldig


def logboek_periode(request):
    """Both logs of one user, one period, or both."""
    vereis_pagina(request, REGEL)
    tab = _tab(request)
    filterset, geldig = _filter(request)
    if geldig:
        page, begrensd = _pagina(request, tab, filterset.qs, filterset.wijzigingen_filter())
        gebruiker = filterset.form.cleaned_data.get("gebruiker")
        if gebruiker is not None:
            log_access(request, gebruiker, LOGBOEK)
        else:
            log_access_many(request, _verwijzingen(page.object_list), LOGBOEK)
    else:
        page, begrensd = Paginator([], PAGE_SIZE).get_page(1), False
    return render(request, "privacy/logboek.html", _context(
        request, tab=tab, filter=filterset, page=page, begrensd=begrensd,
    ))


def logboek_periode_csv(request):
    vereis_pagina(request, REGEL)
    tab = _tab(request)
    filterset, geldig = _filter(request)
    if not geldig:
        raise Http404
    gebruiker = filterset.form.cleaned_data.get("gebruiker")
    wat = (lambda _: [gebruiker]) if gebruiker is not None else _verwijzingen
    if tab == "inzage":
        rijen = gelogd_per_stuk(request, filterset.qs.iterator(chunk_size=2000), LOGBOEK, wat=wat)
        return csv_stroom("inzagelog.csv", INZAGE_KOP, _inzage_rijen(rijen))
    gebeurtenissen = queries.Gebeurtenissen(filterset.wijzigingen_filter()).alle()
    rijen = gelogd_per_stuk(request, gebeurtenissen, LOGBOEK, wat=wat)
    return csv_stroom("wijzigingen.csv", WIJZIGINGEN_KOP, _wijziging_rijen(rijen))


# --- CSV --------------------------------------------------------------------------------------

INZAGE_KOP = [
    _("Tijdstip"), _("Gebruiker"), _("Naam"), _("Functie"), _("Rollen"), _("Object"), _("Hoe"),
    _("Methode"), _("Pagina"), _("IP-adres"), _("Browser"),
]
WIJZIGINGEN_KOP = [
    _("Tijdstip"), _("Gebruiker"), _("Naam"), _("Functie"), _("Gebeurtenis"), _("Object"), _("Veld"),
    _("Voor"), _("Na"), _("Verzoek"), _("IP-adres"),
]


def _inzage_rijen(regels):
    for r in regels:
        g = r.gebruiker
        yield [
            r.tijdstip, g.username if g else "", g.get_full_name() if g else "", g.functie if g else "",
            queries.rollen_van(g), toegang_object_label(r), r.get_soort_display(), r.methode, r.pad,
            r.ip_adres, r.user_agent,
        ]


def _tekst(waarde):
    return "" if waarde is None else str(waarde)


def _wijziging_rijen(gebeurtenissen):
    for e in gebeurtenissen:
        g = e.gebruiker
        kop = [
            e.pgh_created_at, g.username if g else "", g.get_full_name() if g else "", g.functie if g else "",
            e.gebeurtenis, e.object_label,
        ]
        staart = [" ".join(filter(None, [e.context.get("methode"), e.context.get("url")])), e.context.get("ip")]
        for w in e.wijzigingen or [None]:
            if w is None:
                yield [*kop, "", "", "", *staart]
            else:
                yield [*kop, w.veld, _tekst(w.voor), _tekst(w.na), *staart]
