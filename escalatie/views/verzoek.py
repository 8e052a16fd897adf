"""Verzoeken: the list, sending one from a case, registering a question of the Landelijk
Maatwerkregister, handling one in the app, and the public page behind the e-mail's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casussen.views.common import casus_voor
from escalatie.forms.verzoek import (
    AntwoordForm,
    LandelijkForm,
    OppakkenForm,
    VerzoekFilter,
    VerzoekForm,
)
from escalatie.models import Verzoek
from escalatie.queries import verzoek as queries
from escalatie.services import verzoek as services
from omo import eenmalig
from omo.audit import log_access, log_access_many
from omo.forms import fout_in_form
from omo.models import Toegangslog
from omo.paginering import BegrensdePaginator
from omo.toegang import laad, mag, toegestaan, vereis_pagina
from omo.weigering import Weigering


def verzoek_lijst(request):
    vereis_pagina(request, "escalatie.zie_verzoeken")
    basis = queries.zichtbare_verzoeken(request.user).select_related("contactpersoon__organisatie", "casus")
    filterset = VerzoekFilter(request.GET, queryset=basis)
    rows = filterset.qs if filterset.is_valid() else basis.none()
    page = BegrensdePaginator(rows.order_by("-ontvangen_op", "-pk"), 50).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)
    log_access_many(request, page.object_list, Toegangslog.Soort.LIJST)
    query = request.GET.copy()
    query.pop("pagina", None)
    open_casussen = toegestaan(request.user, "casussen.bekijk_casus", (v.casus_id for v in page.object_list))
    return render(request, "escalatie/verzoek/lijst.html", {
        "filter": filterset, "page": page, "nu": timezone.now(), "querystring": query.urlencode(),
        "open_casussen": open_casussen})


def verzoek_nieuw(request, pk):
    casus = casus_voor(request, pk)
    vereis_pagina(request, "escalatie.stuur_verzoek", casus)
    form = VerzoekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with eenmalig.eenmaal(request, f"verzoek casus {casus.pk}") as sleutel:
                verzoek = services.stuur_verzoek(casus.pk, request.user, d["contactpersoon"].pk, d["onderwerp"], d["vraag"])
                sleutel.onthoud(reverse("casus_escalaties", args=[casus.pk]))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Dit verzoek was al verstuurd; er is geen tweede verzoek gemaakt."),
                reverse("casus_escalaties", args=[casus.pk]))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het verzoek is verstuurd naar %(wie)s; uiterlijk %(d)s opgepakt.") % {
                "wie": verzoek.contactpersoon, "d": timezone.localtime(verzoek.deadline).strftime("%d-%m-%Y")})
            return redirect("casus_escalaties", pk=casus.pk)
    return render(request, "escalatie/verzoek/nieuw.html", {"casus": casus, "tab": "escalaties", "form": form})


def verzoek_landelijk_nieuw(request):
    vereis_pagina(request, "escalatie.registreer_landelijk_verzoek")
    form = LandelijkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with eenmalig.eenmaal(request, "landelijk verzoek") as sleutel:
                verzoek = services.registreer_landelijk(request.user, form.cleaned_data)
                sleutel.onthoud(reverse("verzoek_detail", args=[verzoek.pk]))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Deze vraag was al geregistreerd; er is geen tweede verzoek gemaakt."), reverse("verzoek_lijst"))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("De vraag is geregistreerd."))
            return redirect("verzoek_detail", vid=verzoek.pk)
    return render(request, "escalatie/verzoek/landelijk.html", {"form": form})


def _verzoek(request, vid, log=False) -> Verzoek:
    return laad(
        request,
        Verzoek.objects.select_related("contactpersoon__organisatie", "casus", "aangemaakt_door")
        .prefetch_related("casus__medebehandelaars"),
        vid, "escalatie.bekijk_verzoek", log=log,
    )


def verzoek_detail(request, vid, form=None):
    verzoek = _verzoek(request, vid, log=True)
    behandelen = mag(request.user, "escalatie.behandel_verzoek", verzoek) and verzoek.status != Verzoek.Status.BEANTWOORD
    naam = request.user.get_full_name() or request.user.username
    return render(request, "escalatie/verzoek/detail.html", {
        "verzoek": verzoek, "nu": timezone.now(), "behandelen": behandelen,
        "form": form or AntwoordForm(initial={"door": naam}), "oppak_form": OppakkenForm(initial={"door": naam}),
    })


@require_POST
def verzoek_oppakken(request, vid):
    verzoek = _verzoek(request, vid)
    vereis_pagina(request, "escalatie.behandel_verzoek", verzoek)
    try:
        services.pak_op(verzoek.pk, request.user.get_full_name() or request.user.username, user=request.user)
    except Weigering as fout:
        messages.error(request, fout.message)
    else:
        messages.success(request, _("Het verzoek staat op opgepakt."))
    return redirect("verzoek_detail", vid=vid)


@require_POST
def verzoek_beantwoorden(request, vid):
    verzoek = _verzoek(request, vid)
    vereis_pagina(request, "escalatie.behandel_verzoek", verzoek)
    form = AntwoordForm(request.POST)
    if form.is_valid():
        try:
            services.beantwoord(verzoek.pk, form.cleaned_data["door"], form.cleaned_data["antwoord"], user=request.user)
        except Weigering as fout:
            if fout.field in form.fields:
                fout_in_form(form, fout)
            else:
                messages.error(request, fout.message)
                return redirect("verzoek_detail", vid=vid)
        else:
            messages.success(request, _("Het antwoord is vastgelegd."))
            return redirect("verzoek_detail", vid=vid)
    return verzoek_detail(request, vid, form=form)


@login_not_required
def verzoek_extern(request, token):
    """The page behind the e-mail's link: only the question, never household data."""
    try:
        verzoek = services.lees_link(token)
    except services.LinkFout as fout:
        return render(request, "escalatie/verzoek/extern_fout.html", {"melding": fout.message}, status=fout.status)
    log_access(request, verzoek, Toegangslog.Soort.EXTERN)
    naam = verzoek.contactpersoon.naam if verzoek.contactpersoon else ""
    form = AntwoordForm(initial={"door": naam})
    oppak_form = OppakkenForm(initial={"door": naam})
    if request.method == "POST":
        actie = request.POST.get("actie")
        bound = AntwoordForm(request.POST) if actie == "antwoord" else OppakkenForm(request.POST)
        if bound.is_valid():
            try:
                if actie == "antwoord":
                    services.beantwoord(verzoek.pk, bound.cleaned_data["door"], bound.cleaned_data["antwoord"])
                else:
                    services.pak_op(verzoek.pk, bound.cleaned_data["door"])
            except Weigering as fout:
                fout_in_form(bound, fout)
            else:
                return render(request, "escalatie/verzoek/extern_klaar.html",
                              {"beantwoord": actie == "antwoord", "verzoek": verzoek})
        if actie == "antwoord":
            form = bound
        else:
            oppak_form = bound
        verzoek.refresh_from_db()
    return render(request, "escalatie/verzoek/extern.html", {"verzoek": verzoek, "form": form, "oppak_form": oppak_form})


urlpatterns = [
    path("verzoeken/", verzoek_lijst, name="verzoek_lijst"),
    path("verzoeken/landelijk/nieuw/", verzoek_landelijk_nieuw, name="verzoek_landelijk_nieuw"),
    path("verzoeken/<int:vid>/", verzoek_detail, name="verzoek_detail"),
    path("verzoeken/<int:vid>/oppakken/", verzoek_oppakken, name="verzoek_oppakken"),
    path("verzoeken/<int:vid>/beantwoorden/", verzoek_beantwoorden, name="verzoek_beantwoorden"),
    path("casus/<int:pk>/verzoek/nieuw/", verzoek_nieuw, name="verzoek_nieuw"),
    path("v/<str:token>/", verzoek_extern, name="verzoek_extern"),
]
