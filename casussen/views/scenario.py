"""Scenario pages: the list, the waardendriehoek with the kassabon, the forms for a scenario,
its legal bases and its cost lines, choosing, and the side-by-side comparison."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casussen.forms.scenario import GrondslagForm, KostenregelForm, MotivatieForm, ScenarioForm
from casussen.models import Kostenregel, Scenario, ScenarioGrondslag, Situatie
from casussen.queries import scenario as queries
from casussen.rendement import HORIZONNEN, bereken, geldige_horizon
from casussen.services import scenario as services
from casussen.views.common import casus_voor
from omo import eenmalig
from omo.weigering import Weigering


def _horizon(request) -> int:
    return geldige_horizon(request.GET.get("horizon"))


def _weigering_in_form(form, weigering: Weigering):
    veld = weigering.field if weigering.field in form.fields else None
    form.add_error(veld, weigering.message)


def _detail_url(casus, scenario, anker="") -> str:
    url = reverse("scenario_detail", args=[casus.pk, scenario.pk])
    return f"{url}#{anker}" if anker else url


def _vast(request, casus, terug):
    """On opening a form: when the scenarios cannot change, say why and go back."""
    reden = services.reden_vast(casus)
    if reden:
        messages.error(request, reden)
        return redirect(terug)
    return None


def _basis(casus, **extra):
    return {"casus": casus, "tab": "scenarios", "horizonnen": HORIZONNEN, **extra}


@require_GET
def scenario_lijst(request, pk):
    casus = casus_voor(request, pk)
    horizon = _horizon(request)
    context = _basis(
        casus,
        scenarios=queries.scenarios_van(casus, horizon),
        horizon=horizon,
        mag_bewerken=services.mag_bewerken(request.user, casus),
        reden_vast=services.reden_vast(casus),
    )
    return render(request, "casussen/scenario/lijst.html", context)


@require_http_methods(["GET", "POST"])
def scenario_nieuw(request, pk):
    casus = casus_voor(request, pk, bewerken=True)
    lijst_url = reverse("scenario_lijst", args=[casus.pk])
    if request.method == "GET":
        return _vast(request, casus, lijst_url) or render(
            request, "casussen/scenario/scenario_form.html", _basis(casus, form=ScenarioForm(), annuleren=lijst_url)
        )
    form = ScenarioForm(request.POST)
    if form.is_valid():
        try:
            with eenmalig.eenmaal(request, f"scenario casus {casus.pk}") as sleutel:
                scenario = services.maak_scenario(
                    casus.pk, request.user, form.cleaned_data, partners=form.cleaned_data["partners"]
                )
                sleutel.onthoud(_detail_url(casus, scenario))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Dit scenario was al aangemaakt; er is geen tweede bij gekomen."), lijst_url)
        except Weigering as weigering:
            _weigering_in_form(form, weigering)
        else:
            messages.success(request, _("Scenario ‘%(titel)s’ is toegevoegd.") % {"titel": scenario.titel})
            return redirect(_detail_url(casus, scenario))
    return render(request, "casussen/scenario/scenario_form.html", _basis(casus, form=form, annuleren=lijst_url))


@require_GET
def scenario_detail(request, pk, sid):
    casus = casus_voor(request, pk)
    scenario = queries.scenario_voor(casus, sid)
    horizon = _horizon(request)
    context = _basis(
        casus,
        scenario=scenario,
        horizon=horizon,
        rendement=bereken(scenario.kostenregels.all(), horizon),
        mag_bewerken=services.mag_bewerken(request.user, casus),
        reden_vast=services.reden_vast(casus),
        situaties=Situatie.choices,
    )
    if request.htmx:
        return render(request, "casussen/scenario/_kassabon_blok.html", context)
    return render(request, "casussen/scenario/detail.html", context)


@require_http_methods(["GET", "POST"])
def scenario_wijzigen(request, pk, sid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    detail_url = _detail_url(casus, scenario)
    if request.method == "GET":
        return _vast(request, casus, detail_url) or render(
            request,
            "casussen/scenario/scenario_form.html",
            _basis(casus, scenario=scenario, form=ScenarioForm(instance=scenario), annuleren=detail_url),
        )
    titel = scenario.titel
    form = ScenarioForm(request.POST, instance=scenario)
    if form.is_valid():
        try:
            services.wijzig_scenario(scenario.pk, request.user, form.cleaned_data, partners=form.cleaned_data["partners"])
        except Weigering as weigering:
            _weigering_in_form(form, weigering)
        else:
            messages.success(request, _("Scenario ‘%(titel)s’ is opgeslagen.") % {"titel": form.cleaned_data["titel"]})
            return redirect(detail_url)
    scenario.titel = titel
    return render(
        request, "casussen/scenario/scenario_form.html",
        _basis(casus, scenario=scenario, form=form, annuleren=detail_url),
    )


# --- Legitimiteit ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def scenario_grondslag_toevoegen(request, pk, sid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    terug = _detail_url(casus, scenario, "legitimiteit")
    if request.method == "GET":
        return _vast(request, casus, terug) or render(
            request, "casussen/scenario/grondslag_form.html",
            _basis(casus, scenario=scenario, form=GrondslagForm(), annuleren=terug),
        )
    form = GrondslagForm(request.POST)
    if form.is_valid():
        try:
            services.voeg_grondslag_toe(
                scenario.pk, request.user, form.cleaned_data["grondslag"], form.cleaned_data["motivatie"]
            )
        except Weigering as weigering:
            _weigering_in_form(form, weigering)
        else:
            messages.success(
                request, _("Grondslag %(grondslag)s is toegevoegd.") % {"grondslag": form.cleaned_data["grondslag"]}
            )
            return redirect(terug)
    return render(
        request, "casussen/scenario/grondslag_form.html",
        _basis(casus, scenario=scenario, form=form, annuleren=terug),
    )


@require_http_methods(["GET", "POST"])
def scenario_grondslag_wijzigen(request, pk, sid, gid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    regel = get_object_or_404(ScenarioGrondslag.objects.select_related("grondslag"), pk=gid, scenario=scenario)
    terug = _detail_url(casus, scenario, "legitimiteit")
    context = _basis(casus, scenario=scenario, regel=regel, annuleren=terug)
    if request.method == "GET":
        return _vast(request, casus, terug) or render(
            request, "casussen/scenario/grondslag_form.html",
            {**context, "form": MotivatieForm(initial={"motivatie": regel.motivatie})},
        )
    form = MotivatieForm(request.POST)
    if form.is_valid():
        try:
            services.wijzig_grondslag(regel.pk, request.user, form.cleaned_data["motivatie"])
        except Weigering as weigering:
            _weigering_in_form(form, weigering)
        else:
            messages.success(request, _("De motivatie bij %(grondslag)s is opgeslagen.") % {"grondslag": regel.grondslag})
            return redirect(terug)
    return render(request, "casussen/scenario/grondslag_form.html", {**context, "form": form})


@require_POST
def scenario_grondslag_verwijderen(request, pk, sid, gid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    regel = get_object_or_404(ScenarioGrondslag.objects.select_related("grondslag"), pk=gid, scenario=scenario)
    try:
        services.verwijder_grondslag(regel.pk, request.user)
    except Weigering as weigering:
        messages.error(request, weigering.message)
    else:
        messages.success(request, _("Grondslag %(grondslag)s is verwijderd.") % {"grondslag": regel.grondslag})
    return redirect(_detail_url(casus, scenario, "legitimiteit"))


# --- Rendement: cost lines -------------------------------------------------------------------


def _kostenregel_pagina(request, casus, scenario, form, regel=None):
    context = _basis(
        casus, scenario=scenario, form=form, regel=regel, annuleren=_detail_url(casus, scenario, "kassabon")
    )
    return render(request, "casussen/scenario/kostenregel_form.html", context)


@require_http_methods(["GET", "POST"])
def kostenregel_nieuw(request, pk, sid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    prijzen = queries.prijskeuze()
    if request.method == "GET":
        situatie = request.GET.get("situatie")
        initial = {"situatie": situatie if situatie in Situatie.values else Situatie.HUIDIG}
        return _vast(request, casus, _detail_url(casus, scenario)) or _kostenregel_pagina(
            request, casus, scenario, KostenregelForm(initial=initial, prijzen=prijzen)
        )
    form = KostenregelForm(request.POST, prijzen=prijzen)
    if form.is_valid():
        try:
            with eenmalig.eenmaal(request, f"kostenregel scenario {scenario.pk}") as sleutel:
                regel = services.voeg_kostenregel_toe(scenario.pk, request.user, form.velden())
                sleutel.onthoud(_detail_url(casus, scenario, "kassabon"))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Deze kostenregel was al toegevoegd; er is geen tweede bij gekomen."),
                _detail_url(casus, scenario, "kassabon"))
        except Weigering as weigering:
            _weigering_in_form(form, weigering)
        else:
            messages.success(request, _("Kostenregel ‘%(omschrijving)s’ is toegevoegd.") % {"omschrijving": regel.omschrijving})
            return redirect(_detail_url(casus, scenario, "kassabon"))
    return _kostenregel_pagina(request, casus, scenario, form)


def _initial(regel: Kostenregel) -> dict:
    return {
        "situatie": regel.situatie,
        "prijslijstitem": str(regel.prijslijstitem_id or ""),
        "omschrijving": regel.omschrijving,
        "prijs": regel.prijs,
        "aantal": regel.aantal,
        "frequentie": regel.frequentie,
        "startmaand": regel.startmaand,
        "duur_maanden": regel.duur_maanden,
        "geldstroom": regel.geldstroom_id,
        "betaler": regel.betaler,
        "kans": regel.kans,
    }


@require_http_methods(["GET", "POST"])
def kostenregel_wijzigen(request, pk, sid, kid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    regel = get_object_or_404(
        Kostenregel.objects.select_related("prijslijstitem__geldstroom"), pk=kid, scenario=scenario
    )
    prijzen = queries.prijskeuze()
    if request.method == "GET":
        form = KostenregelForm(initial=_initial(regel), prijzen=prijzen, huidig_item=regel.prijslijstitem)
        return _vast(request, casus, _detail_url(casus, scenario)) or _kostenregel_pagina(
            request, casus, scenario, form, regel
        )
    form = KostenregelForm(request.POST, prijzen=prijzen, huidig_item=regel.prijslijstitem)
    if form.is_valid():
        try:
            regel = services.wijzig_kostenregel(regel.pk, request.user, form.velden())
        except Weigering as weigering:
            _weigering_in_form(form, weigering)
        else:
            messages.success(request, _("Kostenregel ‘%(omschrijving)s’ is opgeslagen.") % {"omschrijving": regel.omschrijving})
            return redirect(_detail_url(casus, scenario, "kassabon"))
    return _kostenregel_pagina(request, casus, scenario, form, regel)


@require_POST
def kostenregel_verwijderen(request, pk, sid, kid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    regel = get_object_or_404(Kostenregel, pk=kid, scenario=scenario)
    try:
        services.verwijder_kostenregel(regel.pk, request.user)
    except Weigering as weigering:
        messages.error(request, weigering.message)
    else:
        messages.success(request, _("Kostenregel ‘%(omschrijving)s’ is verwijderd.") % {"omschrijving": regel.omschrijving})
    return redirect(_detail_url(casus, scenario, "kassabon"))


# --- Choosing and comparing ------------------------------------------------------------------


def _na_keuze(request, casus, scenario):
    if request.POST.get("terug") == "lijst":
        return redirect("scenario_lijst", casus.pk)
    return redirect(_detail_url(casus, scenario))


@require_POST
def scenario_kiezen(request, pk, sid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    try:
        services.kies(scenario.pk, request.user)
    except Weigering as weigering:
        messages.error(request, weigering.message)
    else:
        messages.success(request, _("Scenario ‘%(titel)s’ is gekozen.") % {"titel": scenario.titel})
    return _na_keuze(request, casus, scenario)


@require_POST
def scenario_ontkiezen(request, pk, sid):
    casus = casus_voor(request, pk, bewerken=True)
    scenario = get_object_or_404(Scenario, pk=sid, casus=casus)
    try:
        services.kies_niet(scenario.pk, request.user)
    except Weigering as weigering:
        messages.error(request, weigering.message)
    else:
        messages.success(request, _("Scenario ‘%(titel)s’ is niet langer gekozen.") % {"titel": scenario.titel})
    return _na_keuze(request, casus, scenario)


@require_GET
def scenario_vergelijken(request, pk):
    casus = casus_voor(request, pk)
    horizon = _horizon(request)
    scenarios = queries.scenarios_van(casus, horizon, met_partners=True)
    context = _basis(casus, scenarios=scenarios, horizon=horizon, groepen=queries.vergelijking(scenarios))
    return render(request, "casussen/scenario/vergelijken.html", context)


urlpatterns = [
    path("casussen/<int:pk>/scenarios/", scenario_lijst, name="scenario_lijst"),
    path("casussen/<int:pk>/scenarios/nieuw/", scenario_nieuw, name="scenario_nieuw"),
    path("casussen/<int:pk>/scenarios/vergelijken/", scenario_vergelijken, name="scenario_vergelijken"),
    path("casussen/<int:pk>/scenarios/<int:sid>/", scenario_detail, name="scenario_detail"),
    path("casussen/<int:pk>/scenarios/<int:sid>/wijzigen/", scenario_wijzigen, name="scenario_wijzigen"),
    path("casussen/<int:pk>/scenarios/<int:sid>/kiezen/", scenario_kiezen, name="scenario_kiezen"),
    path("casussen/<int:pk>/scenarios/<int:sid>/niet-kiezen/", scenario_ontkiezen, name="scenario_ontkiezen"),
    path(
        "casussen/<int:pk>/scenarios/<int:sid>/grondslagen/nieuw/",
        scenario_grondslag_toevoegen,
        name="scenario_grondslag_toevoegen",
    ),
    path(
        "casussen/<int:pk>/scenarios/<int:sid>/grondslagen/<int:gid>/wijzigen/",
        scenario_grondslag_wijzigen,
        name="scenario_grondslag_wijzigen",
    ),
    path(
        "casussen/<int:pk>/scenarios/<int:sid>/grondslagen/<int:gid>/verwijderen/",
        scenario_grondslag_verwijderen,
        name="scenario_grondslag_verwijderen",
    ),
    path("casussen/<int:pk>/scenarios/<int:sid>/kosten/nieuw/", kostenregel_nieuw, name="kostenregel_nieuw"),
    path(
        "casussen/<int:pk>/scenarios/<int:sid>/kosten/<int:kid>/wijzigen/",
        kostenregel_wijzigen,
        name="kostenregel_wijzigen",
    ),
    path(
        "casussen/<int:pk>/scenarios/<int:sid>/kosten/<int:kid>/verwijderen/",
        kostenregel_verwijderen,
        name="kostenregel_verwijderen",
    ),
]
