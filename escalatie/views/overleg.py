"""Pages of the weekly overleg: the meeting list, the agenda, agenda a case, series, cancel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casussen.views.common import casus_voor
from escalatie.forms.overleg import (
    AgenderenForm,
    IntrekkenForm,
    OverlegFilter,
    RedenForm,
    ReeksForm,
)
from escalatie.models import Agendapunt, Overleg, Overlegreeks
from escalatie.queries import overleg as queries
from escalatie.rules import zichtbare_overleggen
from escalatie.services import overleg as services
from omo import eenmalig
from omo.audit import log_access_many
from omo.forms import fout_in_form
from omo.paginering import BegrensdePaginator
from omo.toegang import mag, vereis_pagina
from omo.weigering import Weigering

PAGE_SIZE = 25


def overleg_lijst(request):
    vereis_pagina(request, "escalatie.zie_overleggen")
    filterset = OverlegFilter(request.GET, queryset=queries.overleggen().filter(zichtbare_overleggen(request.user)))
    rows = filterset.qs if filterset.is_valid() else Overleg.objects.none()
    page = BegrensdePaginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    omo = mag(request.user, "escalatie.leid_overleg")
    reeksen = list(Overlegreeks.objects.order_by("naam")) if omo else []
    return render(
        request, "escalatie/overleg/lijst.html",
        {"filter": filterset, "page": page, "reeksen": reeksen, "is_omo": omo},
    )


def _overleg(pk):
    return get_object_or_404(Overleg.objects.select_related("reeks", "voorzitter"), pk=pk)


def _bespreking_url(overleg):
    """The meeting mode (part "bespreking"), when that page exists."""
    try:
        return reverse("bespreking", kwargs={"pk": overleg.pk})
    except NoReverseMatch:
        return ""


def overleg_detail(request, pk):
    overleg = queries.overleg_voor(pk, request.user)
    if overleg is None:
        raise Http404
    vereis_pagina(request, "escalatie.open_overleg", overleg)
    alles = queries.mag_alles_zien(request.user, overleg)
    punten = queries.agenda(overleg, request.user, alle_punten=alles)
    for punt in punten:
        punt.mag_intrekken = queries.mag_intrekken(request.user, punt)
    log_access_many(request, [p.casus for p in punten])
    omo = mag(request.user, "escalatie.leid_overleg")
    deadline = overleg.stukken_deadline
    gesloten = overleg.status == Overleg.Status.GESLOTEN
    open_ = overleg.status in (Overleg.Status.GEPLAND, Overleg.Status.BEZIG)
    return render(
        request,
        "escalatie/overleg/detail.html",
        {
            "overleg": overleg, "punten": punten, "alles": alles, "is_omo": omo,
            "deadline": deadline,
            "deadline_verstreken": timezone.now() > deadline,
            "heeft_verslag": gesloten and overleg._heeft_verslag and alles,
            "mag_annuleren": omo and overleg.status == Overleg.Status.GEPLAND,
            "bespreking_url": _bespreking_url(overleg) if omo and open_ else "",
        },
    )


def overleg_agenderen(request, pk):
    casus = casus_voor(request, pk)
    if not mag(request.user, "escalatie.agendeer_casus", casus):
        raise PermissionDenied
    now = timezone.now()
    keuze = list(
        Overleg.objects.filter(status=Overleg.Status.GEPLAND, datum__gte=timezone.localdate())
        .select_related("reeks").order_by("datum", "begintijd", "pk")[:8]
    )
    eerst = services.eerstvolgende_overleg(now)
    form = AgenderenForm(
        request.POST or None, overleggen=keuze, now=now,
        initial={"overleg": str(eerst.pk) if eerst else None},
    )
    ontbreekt = services.ontbrekend(casus)
    if request.method == "POST" and form.is_valid():
        try:
            with eenmalig.eenmaal(request, f"agenderen casus {casus.pk}") as sleutel:
                punt = services.dien_in(casus.pk, request.user, form.cleaned_data["vraag"], int(form.cleaned_data["overleg"]), now=now)
                sleutel.onthoud(reverse("casus_detail", args=[casus.pk]))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Dit agendapunt was al ingediend; de casus staat één keer op de agenda."),
                reverse("casus_detail", args=[casus.pk]))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            if punt.aangevraagd_voor_id:
                messages.warning(request, _(
                    "De stukken voor het overleg van %(gevraagd)s moesten uiterlijk %(deadline)s binnen zijn. "
                    "De casus staat nu op het overleg van %(dag)s; de OMO-functionaris kan hem alsnog toelaten."
                ) % {
                    "gevraagd": punt.aangevraagd_voor.datum.strftime("%d-%m-%Y"),
                    "deadline": timezone.localtime(punt.aangevraagd_voor.stukken_deadline).strftime("%d-%m-%Y %H:%M"),
                    "dag": punt.overleg.datum.strftime("%d-%m-%Y"),
                })
            else:
                messages.success(request, _("De casus staat op de agenda van het overleg van %(dag)s.") % {
                    "dag": punt.overleg.datum.strftime("%d-%m-%Y")})
            return redirect("casus_detail", pk=casus.pk)
    return render(request, "escalatie/overleg/agenderen.html", {"casus": casus, "tab": "escalaties", "form": form, "ontbreekt": ontbreekt})


def overleg_reeks(request, rid=None):
    vereis_pagina(request, "escalatie.leid_overleg")
    reeks = get_object_or_404(Overlegreeks, pk=rid) if rid else None
    form = ReeksForm(request.POST or None, instance=reeks)
    if request.method == "POST" and form.is_valid():
        velden = {k: v for k, v in form.cleaned_data.items() if k != "vaste_deelnemers"}
        try:
            services.maak_reeks(request.user, velden, form.cleaned_data["vaste_deelnemers"], pk=rid)
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("De overlegreeks is opgeslagen; de overleggen van de komende vier weken staan klaar."))
            return redirect("overleg_lijst")
    return render(request, "escalatie/overleg/reeks_form.html", {"form": form, "reeks": reeks})


def overleg_annuleren(request, pk):
    vereis_pagina(request, "escalatie.leid_overleg")
    overleg = _overleg(pk)
    form = RedenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annuleer(overleg.pk, request.user, form.cleaned_data["reden"])
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het overleg is geannuleerd; de agendapunten staan op het volgende overleg."))
            return redirect("overleg_detail", pk=pk)
    return render(request, "escalatie/overleg/annuleren.html", {"overleg": overleg, "form": form})


@require_POST
def overleg_toelaten(request, pk, aid):
    vereis_pagina(request, "escalatie.leid_overleg")
    punt = get_object_or_404(Agendapunt, pk=aid, overleg_id=pk)
    try:
        punt = services.laat_toe(punt.pk, request.user)
    except Weigering as fout:
        messages.error(request, fout.message)
        return redirect("overleg_detail", pk=pk)
    messages.success(request, _("De casus is toegelaten tot het overleg."))
    return redirect("overleg_detail", pk=punt.overleg_id)


@require_POST
def overleg_volgorde(request, pk, aid):
    vereis_pagina(request, "escalatie.leid_overleg")
    richting = -1 if request.POST.get("richting") == "omhoog" else 1
    try:
        services.verschuif(pk, request.user, aid, richting)
    except Weigering as fout:
        messages.error(request, fout.message)
    return redirect("overleg_detail", pk=pk)


def overleg_intrekken(request, pk, aid):
    punt = get_object_or_404(Agendapunt.objects.select_related("casus", "overleg"), pk=aid, overleg_id=pk)
    casus = casus_voor(request, punt.casus_id)
    if not mag(request.user, "escalatie.agendeer_casus", casus):
        raise PermissionDenied
    if punt.status != Agendapunt.Status.INGEDIEND:
        raise Http404
    form = IntrekkenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.trek_in(punt.pk, request.user, form.cleaned_data["toelichting"])
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("De casus is van de agenda gehaald en terug in voorbereiding."))
            return redirect("casus_detail", pk=casus.pk)
    return render(request, "escalatie/overleg/intrekken.html", {"punt": punt, "casus": casus, "form": form})


urlpatterns = [
    path("overleg/", overleg_lijst, name="overleg_lijst"),
    path("overleg/reeks/nieuw/", overleg_reeks, name="overleg_reeks_nieuw"),
    path("overleg/reeks/<int:rid>/", overleg_reeks, name="overleg_reeks_wijzigen"),
    path("overleg/<int:pk>/", overleg_detail, name="overleg_detail"),
    path("overleg/<int:pk>/annuleren/", overleg_annuleren, name="overleg_annuleren"),
    path("overleg/<int:pk>/punt/<int:aid>/toelaten/", overleg_toelaten, name="overleg_toelaten"),
    path("overleg/<int:pk>/punt/<int:aid>/volgorde/", overleg_volgorde, name="overleg_volgorde"),
    path("overleg/<int:pk>/punt/<int:aid>/intrekken/", overleg_intrekken, name="overleg_intrekken"),
    path("casus/<int:pk>/agenderen/", overleg_agenderen, name="overleg_agenderen"),
]
