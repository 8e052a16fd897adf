"""The vernietigingslijst pages of the privacy officer (rule `privacy.beheer_vernietiging`):
the lists, one list with its items, holding an item back, adopting the list. Codes, dates and
counts only: the officer sees no case content here. Thin: reads from
`privacy.queries.vernietiging`, changes through `privacy.services.lijst`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omo import eenmalig
from omo.csvexport import csv_stroom
from omo.forms import fout_in_form
from omo.paginering import BegrensdePaginator
from omo.toegang import vereis_pagina
from omo.weigering import Weigering
from privacy.forms_vernietiging import AanhoudenForm, ItemFilter, LijstFilter
from privacy.models import Vernietigingsitem, Vernietigingslijst
from privacy.queries import vernietiging as queries
from privacy.services import lijst as services

REGEL = "privacy.beheer_vernietiging"
PAGE_SIZE = 25


def _querystring(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


def _maand(lijst) -> str:
    return date_format(lijst.peildatum, "F Y")


def _lijst(request, pk) -> Vernietigingslijst:
    vereis_pagina(request, REGEL)
    lijst = queries.lijst(pk)
    if lijst is None:
        raise Http404
    return lijst


def _item(request, pk) -> Vernietigingsitem:
    vereis_pagina(request, REGEL)
    item = queries.item(pk)
    if item is None:
        raise Http404
    return item


def lijsten(request):
    vereis_pagina(request, REGEL)
    filterset = LijstFilter(request.GET, queryset=queries.lijsten())
    rows = filterset.qs if filterset.is_valid() else Vernietigingslijst.objects.none()
    page = BegrensdePaginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "privacy/vernietiging/lijsten.html", {
        "filter": filterset, "page": page, "querystring": _querystring(request),
    })


def lijst(request, pk):
    lijst = _lijst(request, pk)
    filterset = ItemFilter(request.GET, queryset=queries.items(lijst))
    rows = filterset.qs if filterset.is_valid() else Vernietigingsitem.objects.none()
    page = BegrensdePaginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "privacy/vernietiging/lijst.html", {
        "lijst": lijst, "maand": _maand(lijst), "filter": filterset, "page": page,
        "querystring": _querystring(request), "samenvatting": queries.te_vernietigen(lijst),
        "open": lijst.status == Vernietigingslijst.Status.VOORGESTELD,
    })


def export(request, pk):
    """The list's items as CSV (filtered like the page), for the archive: codes, dates,
    decisions and what was destroyed per table."""
    lijst = _lijst(request, pk)
    filterset = ItemFilter(request.GET, queryset=queries.items(lijst))
    rows = filterset.qs if filterset.is_valid() else Vernietigingsitem.objects.none()
    return csv_stroom(f"omo-vernietigingslijst-{lijst.peildatum:%Y-%m}.csv", [
        _("soort"), _("code"), _("termijn verstreken op"), _("aantal"), _("besluit"), _("reden om aan te houden"),
        _("aanhouden tot"), _("eerder aangehouden"), _("vernietigd op"), _("resultaat"),
    ], (
        [
            item.get_soort_display(), item.code, item.einde_termijn.isoformat(), item.aantal,
            item.get_besluit_display(), item.reden_aanhouden,
            item.aanhouden_tot.isoformat() if item.aanhouden_tot else "",
            item.vorig_item.reden_aanhouden if item.vorig_item_id else "",
            timezone.localtime(item.uitgevoerd_op).strftime("%Y-%m-%d %H:%M") if item.uitgevoerd_op else "",
            ", ".join(f"{tabel}: {n}" for tabel, n in sorted(item.resultaat.items())),
        ]
        for item in rows.iterator(chunk_size=2000)
    ))


def aanhouden(request, pk):
    """Hold one item back: a reason, and a date until which it stays off the lists."""
    item = _item(request, pk)
    if item.lijst.status != Vernietigingslijst.Status.VOORGESTELD:
        messages.error(request, _("Deze lijst is al vastgesteld: de besluiten liggen vast. Er is niets veranderd."))
        return redirect("vernietigingslijst", pk=item.lijst_id)
    initial = {"reden": item.reden_aanhouden, "aanhouden_tot": item.aanhouden_tot}
    form = AanhoudenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.besluit_item(
                item.pk, request.user, besluit=Vernietigingsitem.Besluit.AANHOUDEN,
                reden=form.cleaned_data["reden"], aanhouden_tot=form.cleaned_data["aanhouden_tot"],
            )
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("%(code)s wordt aangehouden.") % {"code": item.code})
            return redirect("vernietigingslijst", pk=item.lijst_id)
    return render(request, "privacy/vernietiging/aanhouden.html", {
        "item": item, "lijst": item.lijst, "maand": _maand(item.lijst), "form": form,
    })


@require_POST
def vrijgeven(request, pk):
    """Undo a hold: the item is destroyed with the list after all."""
    item = _item(request, pk)
    try:
        services.besluit_item(item.pk, request.user, besluit=Vernietigingsitem.Besluit.VERNIETIGEN)
    except Weigering as fout:
        messages.error(request, fout.message)
    else:
        messages.success(request, _("%(code)s wordt niet meer aangehouden.") % {"code": item.code})
    return redirect("vernietigingslijst", pk=item.lijst_id)


def vaststellen(request, pk):
    """A confirmation with what will be destroyed, per kind of record; then the adoption."""
    lijst = _lijst(request, pk)
    terug = reverse("vernietigingslijst", args=[lijst.pk])
    if request.method == "POST":
        try:
            with eenmalig.eenmaal(request, "vernietigingslijst vaststellen") as sleutel:
                services.stel_vast(lijst.pk, request.user)
                sleutel.onthoud(terug)
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Deze lijst was al vastgesteld; er is niets veranderd."), terug)
        except Weigering as fout:
            messages.error(request, fout.message)
        else:
            messages.success(request, _(
                "De vernietigingslijst %(maand)s is vastgesteld. De vernietiging loopt op de achtergrond; "
                "het resultaat per post verschijnt op deze pagina.") % {"maand": _maand(lijst)})
        return redirect(terug)
    if lijst.status != Vernietigingslijst.Status.VOORGESTELD:
        messages.info(request, _("Deze lijst is al vastgesteld."))
        return redirect(terug)
    return render(request, "privacy/vernietiging/vaststellen.html", {
        "lijst": lijst, "maand": _maand(lijst), "samenvatting": queries.te_vernietigen(lijst),
        "aangehouden": lijst.items.filter(besluit=Vernietigingsitem.Besluit.AANHOUDEN).count(),
    })


urlpatterns = [
    path("vernietigingslijsten/", lijsten, name="vernietigingslijsten"),
    path("vernietigingslijsten/<int:pk>/", lijst, name="vernietigingslijst"),
    path("vernietigingslijsten/<int:pk>/export.csv", export, name="vernietigingslijst_export"),
    path("vernietigingslijsten/<int:pk>/vaststellen/", vaststellen, name="vernietigingslijst_vaststellen"),
    path("vernietigingslijsten/posten/<int:pk>/aanhouden/", aanhouden, name="vernietigingsitem_aanhouden"),
    path("vernietigingslijsten/posten/<int:pk>/vrijgeven/", vrijgeven, name="vernietigingsitem_vrijgeven"),
]
