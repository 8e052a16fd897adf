"""Plan and monitoring tab (doorbraakplan, actions, evaluations, self-sufficiency scores) and
the knelpunten tab. Thin: reads through `casussen.queries.plan`, changes through
`casussen.services.plan`."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casussen.forms.plan import (
    NIVEAUS,
    ActieForm,
    ActieFormSet,
    EvaluatieForm,
    KnelpuntForm,
    PlanForm,
    ZelfredzaamheidForm,
)
from casussen.models import Actie, Doorbraakplan, Evaluatie, Knelpunt, Scenario
from casussen.queries import plan as queries
from casussen.services import plan as services
from casussen.views.common import casus_voor
from omo import eenmalig
from omo.forms import fout_in_form
from omo.toegang import mag
from omo.weigering import Weigering


def _mag_bewerken(request, casus) -> bool:
    return mag(request.user, "casussen.bewerk_casus", casus)


def _naar_plan(pk):
    return redirect("plan", pk=pk)


# --- Plan ------------------------------------------------------------------------------------


def plan(request, pk):
    casus = casus_voor(request, pk)
    context = queries.plan_pagina(casus)
    context.update(
        casus=casus,
        tab="plan",
        mag_bewerken=_mag_bewerken(request, casus),
        in_uitvoering=casus.status in services.UITVOERING,
        niveaus=NIVEAUS,
    )
    return render(request, "casussen/plan/plan.html", context)


def plan_nieuw(request, pk):
    casus = casus_voor(request, pk, bewerken=True)
    if Doorbraakplan.objects.filter(casus=casus).exists():
        messages.info(request, _("Deze casus heeft al een doorbraakplan."))
        return _naar_plan(pk)
    reden = services.reden_geen_plan(casus)
    if reden and request.method != "POST":
        messages.error(request, reden)
        return _naar_plan(pk)
    scenario = Scenario.objects.filter(casus=casus, gekozen=True).first()
    form = PlanForm(
        request.POST or None,
        initial={"startdatum": timezone.localdate(), "monitoring_maanden": 12},
    )
    formset = ActieFormSet(request.POST or None, prefix="acties")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        acties = [f.cleaned_data for f in formset if f.has_changed() and f.cleaned_data]
        try:
            services.stel_plan_op(casus.pk, request.user, form.velden(), acties)
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het doorbraakplan is vastgesteld; de casus is in uitvoering."))
            return _naar_plan(pk)
    return render(
        request,
        "casussen/plan/plan_form.html",
        {"casus": casus, "tab": "plan", "form": form, "formset": formset, "scenario": scenario, "nieuw": True},
    )


def plan_wijzigen(request, pk):
    casus = casus_voor(request, pk, bewerken=True)
    plan = get_object_or_404(Doorbraakplan.objects.select_related("scenario"), casus=casus)
    if casus.status not in services.UITVOERING:
        messages.error(request, _("Het plan kan alleen worden gewijzigd zolang de casus in uitvoering of in monitoring is."))
        return _naar_plan(pk)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            versie = datetime.datetime.fromisoformat(form.cleaned_data["versie"]) if form.cleaned_data["versie"] else None
        except ValueError:
            versie = None
        try:
            services.wijzig_plan(casus.pk, request.user, form.velden(), verwacht_gewijzigd_op=versie)
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het doorbraakplan is gewijzigd."))
            return _naar_plan(pk)
    return render(
        request,
        "casussen/plan/plan_form.html",
        {"casus": casus, "tab": "plan", "form": form, "scenario": plan.scenario, "nieuw": False},
    )


def actie_nieuw(request, pk):
    casus = casus_voor(request, pk, bewerken=True)
    get_object_or_404(Doorbraakplan, casus=casus)
    if casus.status not in services.UITVOERING:
        messages.error(request, _("Acties kunnen alleen worden toegevoegd zolang de casus in uitvoering of in monitoring is."))
        return _naar_plan(pk)
    form = ActieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with eenmalig.eenmaal(request, f"actie casus {casus.pk}") as sleutel:
                services.voeg_actie_toe(casus.pk, request.user, **form.cleaned_data)
                sleutel.onthoud(reverse("plan", args=[pk]))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Deze actie was al toegevoegd; er is geen tweede bij gekomen."), reverse("plan", args=[pk]))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("De actie is toegevoegd."))
            return _naar_plan(pk)
    return render(request, "casussen/plan/actie_form.html", {"casus": casus, "tab": "plan", "form": form})


@require_POST
def actie_gereed(request, pk, aid):
    casus = casus_voor(request, pk, bewerken=True)
    actie = get_object_or_404(Actie, pk=aid, plan__casus=casus)
    fout = ""
    try:
        actie = services.markeer_actie(actie.pk, request.user, request.POST.get("gereed") == "1")
    except Weigering as e:
        fout = e.message
    if request.htmx:
        return render(
            request,
            "casussen/plan/_actie.html",
            {"casus": casus, "actie": actie, "mag_bewerken": True, "in_uitvoering": casus.status in services.UITVOERING, "fout": fout},
        )
    if fout:
        messages.error(request, fout)
    return redirect(reverse("plan", args=[pk]) + f"#actie-{actie.pk}")


# --- Evaluations and self-sufficiency --------------------------------------------------------


def evaluatie(request, pk, eid):
    casus = casus_voor(request, pk, bewerken=request.method == "POST")
    evaluatie = get_object_or_404(
        Evaluatie.objects.select_related("uitgevoerd_door"), pk=eid, casus=casus
    )
    mag_bewerken = _mag_bewerken(request, casus)
    in_uitvoering = casus.status in services.UITVOERING
    form = None
    if not evaluatie.uitkomst and mag_bewerken and in_uitvoering:
        leefgebieden = list(casus.leefgebieden.all())
        form = EvaluatieForm(
            request.POST or None, leefgebieden=leefgebieden, vorige=queries.vorige_scores(casus, evaluatie)
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.leg_evaluatie_vast(
                    evaluatie.pk, request.user, form.cleaned_data["uitkomst"],
                    form.cleaned_data["toelichting"], form.scores(),
                )
            except Weigering as fout:
                fout_in_form(form, fout)
            else:
                messages.success(request, _("De evaluatie is vastgelegd."))
                return redirect("evaluatie", pk=pk, eid=eid)
    elif request.method == "POST":
        messages.error(
            request,
            _("Deze evaluatie is al vastgelegd.") if evaluatie.uitkomst
            else _("Een evaluatie kan alleen worden vastgelegd zolang de casus in uitvoering of in monitoring is."),
        )
        return redirect("evaluatie", pk=pk, eid=eid)
    evaluatie.stand = queries.stand_van(evaluatie, timezone.localdate())
    scores = []
    if evaluatie.uitkomst:
        scores = list(evaluatie.scores.select_related("leefgebied").order_by("leefgebied__volgorde", "leefgebied__naam"))
        for z in scores:
            z.niveau = dict(NIVEAUS).get(z.score, "")
    return render(
        request,
        "casussen/plan/evaluatie.html",
        {
            "casus": casus,
            "tab": "plan",
            "evaluatie": evaluatie,
            "form": form,
            "scores": scores,
            "mag_bewerken": mag_bewerken,
            "in_uitvoering": in_uitvoering,
        },
    )


def zelfredzaamheid(request, pk):
    casus = casus_voor(request, pk, bewerken=True)
    if not casus.is_open:
        messages.error(request, _("Een afgesloten casus kan niet meer worden gewijzigd."))
        return _naar_plan(pk)
    leefgebieden = list(casus.leefgebieden.all())
    huidig = queries.intake_scores(casus)
    form = ZelfredzaamheidForm(
        request.POST or None,
        leefgebieden=leefgebieden,
        initial={f"score_{pk_}": str(score) for pk_, score in huidig.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.leg_intake_vast(casus.pk, request.user, form.scores())
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("De zelfredzaamheid bij intake is vastgelegd."))
            return _naar_plan(pk)
    return render(
        request,
        "casussen/plan/zelfredzaamheid.html",
        {"casus": casus, "tab": "plan", "form": form, "gewijzigd": bool(huidig)},
    )


# --- Knelpunten ------------------------------------------------------------------------------


def knelpunten(request, pk):
    casus = casus_voor(request, pk)
    return render(
        request,
        "casussen/plan/knelpunten.html",
        {
            "casus": casus,
            "tab": "knelpunten",
            "knelpunten": queries.knelpunten_van(casus),
            "mag_bewerken": _mag_bewerken(request, casus) and casus.is_open,
        },
    )


def _knelpunt_form(request, casus, knelpunt=None):
    if not casus.is_open:
        messages.error(request, _("Een afgesloten casus kan niet meer worden gewijzigd."))
        return redirect("knelpunten", pk=casus.pk)
    form = KnelpuntForm(request.POST or None, instance=knelpunt)
    if request.method == "POST" and form.is_valid():
        try:
            if knelpunt is None:
                with eenmalig.eenmaal(request, f"knelpunt casus {casus.pk}") as sleutel:
                    services.voeg_knelpunt_toe(casus.pk, request.user, form.velden())
                    sleutel.onthoud(reverse("knelpunten", args=[casus.pk]))
            else:
                services.wijzig_knelpunt(knelpunt.pk, request.user, form.velden())
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Dit knelpunt was al vastgelegd; er is geen tweede bij gekomen."),
                reverse("knelpunten", args=[casus.pk]))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(
                request, _("Het knelpunt is vastgelegd.") if knelpunt is None else _("Het knelpunt is gewijzigd.")
            )
            return redirect("knelpunten", pk=casus.pk)
    return render(
        request,
        "casussen/plan/knelpunt_form.html",
        {"casus": casus, "tab": "knelpunten", "form": form, "knelpunt": knelpunt},
    )


def knelpunt_nieuw(request, pk):
    return _knelpunt_form(request, casus_voor(request, pk, bewerken=True))


def knelpunt_wijzigen(request, pk, kid):
    casus = casus_voor(request, pk, bewerken=True)
    return _knelpunt_form(request, casus, get_object_or_404(Knelpunt, pk=kid, casus=casus))


@require_POST
def knelpunt_verwijderen(request, pk, kid):
    casus = casus_voor(request, pk, bewerken=True)
    knelpunt = get_object_or_404(Knelpunt, pk=kid, casus=casus)
    try:
        services.verwijder_knelpunt(knelpunt.pk, request.user)
    except Weigering as fout:
        messages.error(request, fout.message)
    else:
        messages.success(request, _("Het knelpunt is verwijderd."))
    return redirect("knelpunten", pk=pk)


urlpatterns = [
    path("casussen/<int:pk>/plan/", plan, name="plan"),
    path("casussen/<int:pk>/plan/nieuw/", plan_nieuw, name="plan_nieuw"),
    path("casussen/<int:pk>/plan/wijzigen/", plan_wijzigen, name="plan_wijzigen"),
    path("casussen/<int:pk>/plan/acties/nieuw/", actie_nieuw, name="actie_nieuw"),
    path("casussen/<int:pk>/plan/acties/<int:aid>/gereed/", actie_gereed, name="actie_gereed"),
    path("casussen/<int:pk>/evaluaties/<int:eid>/", evaluatie, name="evaluatie"),
    path("casussen/<int:pk>/zelfredzaamheid/", zelfredzaamheid, name="zelfredzaamheid"),
    path("casussen/<int:pk>/knelpunten/", knelpunten, name="knelpunten"),
    path("casussen/<int:pk>/knelpunten/nieuw/", knelpunt_nieuw, name="knelpunt_nieuw"),
    path("casussen/<int:pk>/knelpunten/<int:kid>/wijzigen/", knelpunt_wijzigen, name="knelpunt_wijzigen"),
    path("casussen/<int:pk>/knelpunten/<int:kid>/verwijderen/", knelpunt_verwijderen, name="knelpunt_verwijderen"),
]
