"""Meeting mode for the chair: one item at a time with its timebox, summary, kassabon totals,
suggested level and the outcome form; closing; the verslag and addenda."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from escalatie.forms.bespreking import AddendumForm, SluitenForm, UitkomstForm
from escalatie.models import Agendapunt, Overleg, Verslag
from escalatie.queries import bespreking as queries
from escalatie.services import bespreking as services
from omo.audit import log_access
from omo.forms import fout_in_form
from omo.toegang import toegestaan, vereis_pagina
from omo.weigering import Weigering


def _overleg(pk):
    return get_object_or_404(Overleg.objects.select_related("reeks", "voorzitter"), pk=pk)


def _naar_punt(pk, aid):
    return reverse("bespreking", kwargs={"pk": pk}) + f"?punt={aid}"


def _pagina(request, overleg, form=None, gekozen_id=None):
    context = queries.vergadermodus(overleg, request.user, gekozen_id or request.GET.get("punt"))
    huidig = context["huidig"]
    if huidig is not None:
        log_access(request, huidig.casus)
        if form is None and huidig.status == Agendapunt.Status.INGEDIEND:
            scenario = context["voorstel_scenario"]
            form = UitkomstForm(
                scenarios=huidig.scenarios, voorstel=context["voorstel"], prefix=f"p{huidig.pk}",
                initial={"scenario": str(scenario.pk) if scenario else "", "vraag": huidig.vraag},
            )
    return render(request, "escalatie/bespreking/bespreking.html", {**context, "form": form})


def bespreking(request, pk):
    vereis_pagina(request, "escalatie.leid_overleg")
    overleg = _overleg(pk)
    if overleg.status in (Overleg.Status.GESLOTEN, Overleg.Status.GEANNULEERD):
        messages.info(request, _("Dit overleg is %(status)s.") % {"status": overleg.get_status_display().lower()})
        return redirect("overleg_detail", pk=pk)
    return _pagina(request, overleg)


@require_POST
def bespreking_starten(request, pk):
    vereis_pagina(request, "escalatie.leid_overleg")
    try:
        services.start(pk, request.user)
    except Weigering as fout:
        messages.error(request, fout.message)
        return redirect("overleg_detail", pk=pk)
    messages.success(request, _("Het overleg is gestart."))
    return redirect("bespreking", pk=pk)


@require_POST
def bespreking_uitkomst(request, pk, aid):
    vereis_pagina(request, "escalatie.leid_overleg")
    overleg = _overleg(pk)
    punt = get_object_or_404(Agendapunt.objects.select_related("casus"), pk=aid, overleg=overleg)
    scenarios = list(punt.casus.scenarios.order_by("aangemaakt_op", "pk"))
    form = UitkomstForm(request.POST, scenarios=scenarios, prefix=f"p{punt.pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.leg_uitkomst_vast(
                punt.pk, request.user, d["uitkomst"], motivatie=d["motivatie"], advies=d["advies"],
                scenario_id=int(d["scenario"]) if d["scenario"] else None, actiepunten=form.actiepunten(),
                alternatieven=d["alternatieven"],
                escalatie={"naar_niveau": d["naar_niveau"], "reden": d["reden"], "vraag": d["vraag"]},
            )
        except Weigering as fout:
            nog_open = Agendapunt.objects.filter(
                pk=punt.pk, status=Agendapunt.Status.INGEDIEND, overleg_id=pk,
                overleg__status__in=[Overleg.Status.GEPLAND, Overleg.Status.BEZIG],
            ).exists()
            if not nog_open:
                # Decided meanwhile (another window, a double click) or the meeting was closed:
                # nothing changed; say so on the page that shows the item.
                messages.error(request, fout.message)
                return redirect(_naar_punt(pk, punt.pk))
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Uitkomst vastgelegd voor %(code)s: %(uitkomst)s.") % {
                "code": punt.casus.code, "uitkomst": Agendapunt.Uitkomst(d["uitkomst"]).label})
            return redirect(reverse("bespreking", kwargs={"pk": pk}))
    return _pagina(request, overleg, form=form, gekozen_id=punt.pk)


def bespreking_sluiten(request, pk):
    vereis_pagina(request, "escalatie.leid_overleg")
    overleg = _overleg(pk)
    if overleg.status in (Overleg.Status.GESLOTEN, Overleg.Status.GEANNULEERD):
        messages.error(request, _("Dit overleg is al gesloten of geannuleerd; heropenen kan niet. Een correctie is een addendum."))
        return redirect("overleg_detail", pk=pk)
    mensen = sorted({overleg.voorzitter, *overleg.reeks.vaste_deelnemers.all()}, key=lambda u: (u.last_name, u.first_name))
    form = SluitenForm(request.POST or None, mensen=mensen, datum=overleg.datum,
                       initial={"aanwezigen": [str(u.pk) for u in mensen]})
    open_punten = list(Agendapunt.objects.filter(overleg=overleg, status=Agendapunt.Status.INGEDIEND).select_related("casus"))
    if request.method == "POST" and form.is_valid():
        try:
            services.sluit(pk, request.user, [int(x) for x in form.cleaned_data["aanwezigen"]],
                           form.cleaned_data["aanwezigen_extern"], voor_de_datum=form.cleaned_data.get("voor_de_datum", False))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het overleg is gesloten. Het verslag wordt gemaakt en vandaag naar de deelnemers gemaild."))
            return redirect("overleg_detail", pk=pk)
    return render(request, "escalatie/bespreking/sluiten.html", {
        "overleg": overleg, "form": form, "open_punten": open_punten, "voor_de_datum": overleg.datum > timezone.localdate(),
        "open_casussen": toegestaan(request.user, "casussen.bekijk_casus", (p.casus_id for p in open_punten)),
    })


def verslag_download(request, pk):
    overleg = _overleg(pk)
    # The OMO-functionaris and the participants (chair, standing participants, those present),
    # whatever their role; anyone else is refused.
    vereis_pagina(request, "escalatie.bekijk_overleg", overleg)
    verslag = Verslag.objects.filter(overleg=overleg).first()
    if verslag is None:
        raise Http404
    log_access(request, verslag)
    return FileResponse(verslag.bestand.open("rb"), as_attachment=True,
                        filename=f"verslag-omo-overleg-{overleg.datum:%Y-%m-%d}.pdf", content_type="application/pdf")


def verslag_addendum(request, pk):
    vereis_pagina(request, "escalatie.leid_overleg")
    overleg = _overleg(pk)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.voeg_addendum_toe(pk, request.user, form.cleaned_data["tekst"])
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het addendum is opgeslagen en naar de deelnemers gemaild."))
            return redirect("overleg_detail", pk=pk)
    return render(request, "escalatie/bespreking/addendum.html", {"overleg": overleg, "form": form,
                                                                  "addenda": list(overleg.addenda.select_related("auteur"))})


urlpatterns = [
    path("overleg/<int:pk>/bespreking/", bespreking, name="bespreking"),
    path("overleg/<int:pk>/bespreking/starten/", bespreking_starten, name="bespreking_starten"),
    path("overleg/<int:pk>/bespreking/punt/<int:aid>/", bespreking_uitkomst, name="bespreking_uitkomst"),
    path("overleg/<int:pk>/sluiten/", bespreking_sluiten, name="bespreking_sluiten"),
    path("overleg/<int:pk>/verslag/", verslag_download, name="verslag_download"),
    path("overleg/<int:pk>/addendum/", verslag_addendum, name="verslag_addendum"),
]
