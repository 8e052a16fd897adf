"""Escalation pages: the inbox of the portefeuillehouder, the College and the OMO-functionaris,
the dossier with the decision form, escalating a case, the case's overleg-and-escalation tab,
and the dossier for the Landelijk Escalatie Team (PDF)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casussen.models import Casus
from casussen.views.common import casus_voor
from escalatie import niveau
from escalatie.forms.escalatie import (
    BeslissingForm,
    EscalatieFilter,
    EscalerenForm,
    LetForm,
)
from escalatie.models import Agendapunt, Escalatie, Niveau
from escalatie.queries import escalatie as queries
from escalatie.queries.verzoek import zichtbare_verzoeken
from escalatie.services import escalatie as services
from omo import eenmalig
from omo.audit import log_access_many
from omo.forms import fout_in_form
from omo.paginering import BegrensdePaginator
from omo.toegang import laad, mag, vereis_pagina
from omo.weigering import Weigering

PAGE_SIZE = 25


def escalatie_inbox(request):
    vereis_pagina(request, "escalatie.zie_escalaties")
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = "open"
    filterset = EscalatieFilter(data, queryset=queries.inbox(request.user))
    rows = filterset.qs.order_by("uiterlijk_op", "pk") if filterset.is_valid() else Escalatie.objects.none()
    page = BegrensdePaginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "escalatie/escalatie/inbox.html", {"filter": filterset, "page": page, "nu": timezone.now()})


def _escalatie(request, pk) -> Escalatie:
    """The escalation `pk` if the rule `escalatie.bekijk_escalatie` lets `request.user` see it;
    404 otherwise (a portefeuillehouder does not learn that a level-3 escalation exists)."""
    return laad(request, queries.dossier_queryset(), pk, "escalatie.bekijk_escalatie", log=False)


def _dossier_pagina(request, escalatie, form=None, status=200):
    log_access_many(request, [escalatie, escalatie.casus])
    beslissen = services.mag_beslissen(request.user, escalatie)
    if beslissen and form is None:
        form = BeslissingForm()
    return render(
        request, "escalatie/escalatie/detail.html",
        {"escalatie": escalatie, "casus": escalatie.casus, "form": form if beslissen else None,
         "nu": timezone.now(), "is_omo": mag(request.user, "escalatie.escaleer"),
         **queries.dossier(escalatie, request.user)},
        status=status,
    )


def escalatie_detail(request, pk):
    return _dossier_pagina(request, _escalatie(request, pk))


@require_POST
def escalatie_beslissen(request, pk):
    """The decision form. A refusal (not yours, decided already, a missing motivation) shows the
    dossier again with the message and the input kept; nothing is changed."""
    escalatie = _escalatie(request, pk)
    form = BeslissingForm(request.POST)
    gemeld = False
    if form.is_valid():
        try:
            services.beslis(escalatie.pk, request.user, form.cleaned_data["beslissing"], form.cleaned_data["motivatie"])
        except Weigering as fout:
            fout_in_form(form, fout)
            if fout.field not in form.fields:
                messages.error(request, fout.message)
                gemeld = True
        else:
            messages.success(request, _("Je beslissing is vastgelegd; de OMO-functionaris en de casushouder krijgen bericht."))
            return redirect("escalatie_detail", pk=pk)
    escalatie = _escalatie(request, pk)
    if not gemeld and not services.mag_beslissen(request.user, escalatie):
        messages.error(request, _("Over deze escalatie is al beslist of zij ligt niet bij jou. Er is niets veranderd."))
    return _dossier_pagina(request, escalatie, form=form)


def _scenario_keuze(scenarios, gevraagd):
    """The scenario the suggestion is for: the one asked for (?scenario=), else the chosen
    one, else the first."""
    for s in scenarios:
        if str(s.pk) == str(gevraagd or ""):
            return s
    return next((s for s in scenarios if s.gekozen), scenarios[0] if scenarios else None)


def escalatie_nieuw(request, pk):
    """Escalate a case (OMO-functionaris). The form is prefilled with the level the suggestion
    gives for the chosen (or first) scenario and the reason that asks it; another scenario can
    be picked (GET ?scenario=) to see its suggestion."""
    casus = casus_voor(request, pk)
    vereis_pagina(request, "escalatie.escaleer")
    scenarios = list(casus.scenarios.order_by("-gekozen", "aangemaakt_op", "pk"))
    gekozen = _scenario_keuze(scenarios, request.POST.get("scenario") or request.GET.get("scenario"))
    voorstel = niveau.stel_niveau_voor(niveau.feiten_van(gekozen)) if gekozen else None
    initial = {"scenario": str(gekozen.pk) if gekozen else ""}
    if voorstel:
        initial["naar_niveau"] = max(voorstel.niveau, Niveau.PORTEFEUILLEHOUDER)
        hoofd = voorstel.hoofdreden
        if hoofd.code in Escalatie.Reden.values:
            initial["reden"] = hoofd.code
    form = EscalerenForm(request.POST or None, scenarios=scenarios, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with eenmalig.eenmaal(request, f"escalatie casus {casus.pk}") as sleutel:
                escalatie = services.escaleer(casus.pk, request.user, d["naar_niveau"], d["reden"], d["vraag"],
                                              scenario_id=int(d["scenario"]) if d["scenario"] else None)
                sleutel.onthoud(reverse("escalatie_let" if escalatie.naar_niveau == Niveau.LANDELIJK else "escalatie_detail",
                                        args=[escalatie.pk]))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Deze escalatie was al aangemaakt; er is geen tweede bij gekomen."),
                reverse("casus_escalaties", args=[casus.pk]))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("De casus is geëscaleerd naar %(n)s.") % {"n": escalatie.get_naar_niveau_display()})
            if escalatie.naar_niveau == Niveau.LANDELIJK:
                return redirect("escalatie_let", pk=escalatie.pk)
            return redirect("escalatie_detail", pk=escalatie.pk)
    return render(request, "escalatie/escalatie/nieuw.html",
                  {"casus": casus, "tab": "escalaties", "form": form, "voorstel": voorstel, "voorstel_scenario": gekozen,
                   "scenarios": scenarios})


def casus_escalaties(request, pk):
    """The case's tab: its agenda items, escalations and verzoeken."""
    casus = casus_voor(request, pk)
    punten = list(
        Agendapunt.objects.filter(casus=casus).select_related("overleg", "scenario").order_by("-ingediend_op")
    )
    verzoeken = list(
        zichtbare_verzoeken(request.user).filter(casus=casus)
        .select_related("contactpersoon", "contactpersoon__organisatie").order_by("-ontvangen_op")[:50]
    )
    return render(request, "escalatie/escalatie/casus.html",
                  {"casus": casus, "tab": "escalaties", "punten": punten,
                   "escalaties": queries.van_casus(casus, request.user),
                   "verzoeken": verzoeken, "nu": timezone.now()})


def _let_escalatie(request, pk) -> Escalatie:
    """A level-4 escalation for the OMO-functionaris (404 when it may not be seen, 403 for the
    casushouder who may read it but does not prepare the LET dossier); the view is logged."""
    escalatie = _escalatie(request, pk)
    vereis_pagina(request, "escalatie.stel_let_dossier_op", escalatie)
    log_access_many(request, [escalatie, escalatie.casus])
    return escalatie


def escalatie_let(request, pk):
    """The LET fields: what was tried, the blocking rule, the solution asked, the legal basis
    for sharing data and (required without the household's consent) an anonymised summary."""
    escalatie = _let_escalatie(request, pk)
    form = LetForm(request.POST or None, instance=escalatie)
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_let_gegevens(escalatie.pk, request.user, form.cleaned_data)
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het dossier voor het Landelijk Escalatie Team is opgeslagen."))
            return redirect("escalatie_detail", pk=pk)
    return render(request, "escalatie/escalatie/let.html", {"escalatie": escalatie, "casus": escalatie.casus, "form": form})


def escalatie_let_pdf(request, pk):
    """The LET dossier as PDF (PDF/A + PDF/UA). Without the household's consent it is anonymised:
    the pseudonym and the anonymised summary only (see `queries.let_dossier_context`)."""
    escalatie = _let_escalatie(request, pk)
    if escalatie.casus.toestemming != Casus.Toestemming.JA and not escalatie.geanonimiseerde_samenvatting:
        messages.error(request, _("Schrijf eerst de geanonimiseerde samenvatting: het huishouden gaf geen toestemming om gegevens te delen."))
        return redirect("escalatie_let", pk=pk)
    pdf = queries.let_dossier_pdf(escalatie)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="let-dossier-{escalatie.pk}.pdf"'
    return response


urlpatterns = [
    path("escalaties/", escalatie_inbox, name="escalatie_inbox"),
    path("escalaties/<int:pk>/", escalatie_detail, name="escalatie_detail"),
    path("escalaties/<int:pk>/beslissen/", escalatie_beslissen, name="escalatie_beslissen"),
    path("escalaties/<int:pk>/let/", escalatie_let, name="escalatie_let"),
    path("escalaties/<int:pk>/let.pdf", escalatie_let_pdf, name="escalatie_let_pdf"),
    path("casus/<int:pk>/escaleren/", escalatie_nieuw, name="escalatie_nieuw"),
    path("casus/<int:pk>/escalaties/", casus_escalaties, name="casus_escalaties"),
]
