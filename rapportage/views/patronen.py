"""The pages of structurele signalen (knelpunt groups) and patronen (DESIGN §9).

Who sees what (rapportage.rules): omo and beleid see the signals; only omo sees the knelpunten
of a group with their case code and text, and links a knelpunt into another group. omo, beleid
and the College read patronen; omo and beleid make and move them. Beleid and the College see
knelpunten only aggregated per group: never a case code, pseudonym, dossier number or text.
Thin: reads from `rapportage.queries`, changes through `rapportage.services`."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omo import eenmalig
from omo.audit import log_access_many
from omo.csvexport import csv_download
from omo.forms import fout_in_form
from omo.paginering import BegrensdePaginator
from omo.toegang import mag, vereis_pagina
from omo.weigering import Weigering
from rapportage.filters import PatroonFilter, SignaalFilter
from rapportage.forms.patronen import (
    FaseForm,
    GroepToevoegenForm,
    KnelpuntKoppelForm,
    PatroonForm,
)
from rapportage.models import SIGNAAL_DREMPEL, Knelpuntgroep, Patroon
from rapportage.queries import patronen as patroon_queries
from rapportage.queries import signalen as signaal_queries
from rapportage.services import patronen as patroon_services
from rapportage.services import signalen as signaal_services

PAGE_SIZE = 25


def _querystring(request) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


def _csv(naam: str, kop: list, rijen) -> HttpResponse:
    """OMO's one CSV format (`omo.csvexport`: BOM, `;`, free text that Excel would run as a
    formula kept as text)."""
    return csv_download(f"omo-{naam}-{timezone.localdate():%Y%m%d}.csv", kop, rijen)


# --- Structurele signalen ----------------------------------------------------------------------


def _signaal_filter(request):
    vereis_pagina(request, "rapportage.zie_signalen")
    alle_toegestaan = mag(request.user, "rapportage.koppel_knelpunten")
    filterset = SignaalFilter(request.GET, queryset=signaal_queries.groepen(alle=True), alle_toegestaan=alle_toegestaan)
    rows = filterset.qs if filterset.is_valid() else Knelpuntgroep.objects.none()
    return filterset, rows


def signaal_lijst(request):
    filterset, rows = _signaal_filter(request)
    page = BegrensdePaginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    for g in page.object_list:
        g.soort_label = signaal_services.soort_label(g.soort)
    return render(request, "rapportage/signalen/lijst.html", {
        "filter": filterset, "page": page, "querystring": _querystring(request),
        "patroon_maken": mag(request.user, "rapportage.beheer_patronen"),
    })


def signaal_export(request):
    _filterset, rows = _signaal_filter(request)
    return _csv("signalen", [
        _("soort"), _("organisatie"), _("wet"), _("artikel"), _("regel of systeem"), _("casussen"),
        _("structureel signaal sinds"),
    ], (
        [
            signaal_services.soort_label(g.soort),
            g.organisatie.naam if g.organisatie_id else "",
            g.grondslag.wet if g.grondslag_id else "",
            g.grondslag.artikel if g.grondslag_id else "",
            g.regel,
            g.aantal_casussen,
            timezone.localtime(g.signaal_sinds).date().isoformat() if g.signaal_sinds else "",
        ]
        for g in rows[:10000]
    ))


def _groep(request, pk) -> Knelpuntgroep:
    vereis_pagina(request, "rapportage.zie_signalen")
    groep = signaal_queries.groep(pk)
    if groep is None:
        raise Http404
    return groep


def signaal_detail(request, pk, koppel_form=None):
    groep = _groep(request, pk)
    omo = mag(request.user, "rapportage.lees_knelpunttekst")
    knelpunten = signaal_queries.knelpunten_van(groep) if omo else []
    if knelpunten:
        log_access_many(request, {k.casus_id: k.casus for k in knelpunten}.values())
    koppelen = mag(request.user, "rapportage.koppel_knelpunten")
    if koppelen and koppel_form is None and knelpunten:
        koppel_form = KnelpuntKoppelForm(
            knelpunten=knelpunten, groepen=signaal_queries.koppelbare_groepen(behalve=groep)
        )
    return render(request, "rapportage/signalen/detail.html", {
        "groep": groep, "omschrijving": signaal_services.omschrijving(groep),
        "soort_label": signaal_services.soort_label(groep.soort), "drempel": SIGNAAL_DREMPEL,
        "knelpunten": knelpunten, "lees_tekst": omo, "koppelen": koppelen,
        "koppel_form": koppel_form if koppelen else None,
        "patronen": signaal_queries.patronen_van(groep),
        "patroon_maken": mag(request.user, "rapportage.beheer_patronen"),
    })


@require_POST
def signaal_koppelen(request, pk):
    vereis_pagina(request, "rapportage.koppel_knelpunten")
    groep = _groep(request, pk)
    knelpunten = signaal_queries.knelpunten_van(groep)
    form = KnelpuntKoppelForm(
        request.POST, knelpunten=knelpunten, groepen=signaal_queries.koppelbare_groepen(behalve=groep)
    )
    if form.is_valid():
        try:
            signaal_services.koppel(request.user, form.cleaned_data["knelpunt"], form.cleaned_data["groep"])
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het knelpunt is gekoppeld aan de andere groep; beide groepen zijn opnieuw geteld."))
            return redirect("signaal_detail", pk=groep.pk)
    return signaal_detail(request, pk, koppel_form=form)


@require_POST
def signaal_ontkoppelen(request, pk):
    """Return a knelpunt that was linked into this group by hand to the group of its own key."""
    vereis_pagina(request, "rapportage.koppel_knelpunten")
    groep = _groep(request, pk)
    knelpunt_id = request.POST.get("knelpunt", "")
    if not knelpunt_id.isdigit() or not groep.leden.filter(knelpunt_id=int(knelpunt_id)).exists():
        messages.error(request, _("Dit knelpunt hoort niet (meer) bij deze groep; er is niets veranderd."))
    else:
        try:
            signaal_services.ontkoppel(request.user, int(knelpunt_id))
        except Weigering as fout:
            messages.error(request, fout.message)
        else:
            messages.success(request, _("Het knelpunt is terug in zijn eigen groep."))
    return redirect("signaal_detail", pk=groep.pk)


# --- Patronen ----------------------------------------------------------------------------------


def _patroon_filter(request):
    vereis_pagina(request, "rapportage.zie_patronen")
    filterset = PatroonFilter(request.GET, queryset=patroon_queries.patronen())
    rows = filterset.qs if filterset.is_valid() else Patroon.objects.none()
    return filterset, rows


def patroon_lijst(request):
    filterset, rows = _patroon_filter(request)
    page = BegrensdePaginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "rapportage/patronen/lijst.html", {
        "filter": filterset, "page": page, "querystring": _querystring(request),
        "beheren": mag(request.user, "rapportage.beheer_patronen"),
    })


def patroon_export(request):
    _filterset, rows = _patroon_filter(request)
    return _csv("patronen", [
        _("titel"), _("fase"), _("fase sinds"), _("eigenaar"), _("knelpunten"), _("casussen"), _("besluit"),
        _("laatst gewijzigd"),
    ], (
        [
            p.titel, p.get_fase_display(), timezone.localtime(p.fase_sinds).date().isoformat(),
            p.eigenaar.get_full_name() or p.eigenaar.username, p.aantal_knelpunten, p.aantal_casussen, p.besluit,
            timezone.localtime(p.gewijzigd_op).date().isoformat(),
        ]
        for p in rows[:10000]
    ))


def patroon_nieuw(request):
    vereis_pagina(request, "rapportage.beheer_patronen")
    groep = None
    groep_pk = request.POST.get("groep") or request.GET.get("groep")
    if groep_pk:
        groep = signaal_queries.groep(groep_pk) if str(groep_pk).isdigit() else None
        if groep is None:
            raise Http404
    initial = {"titel": signaal_services.omschrijving(groep)[:160]} if groep else {}
    form = PatroonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with eenmalig.eenmaal(request, "patroon") as sleutel:
                patroon = patroon_services.maak(request.user, form.cleaned_data, groep=groep)
                sleutel.onthoud(reverse("patroon_detail", args=[patroon.pk]))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Dit patroon was al aangemaakt; er is geen tweede bij gekomen."), reverse("patroon_lijst"))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het patroon is aangemaakt in de fase vaststellen."))
            return redirect("patroon_detail", pk=patroon.pk)
    return render(request, "rapportage/patronen/form.html", {"form": form, "groep": groep})


def _patroon(request, pk) -> Patroon:
    vereis_pagina(request, "rapportage.zie_patronen")
    patroon = patroon_queries.patroon(pk)
    if patroon is None:
        raise Http404
    return patroon


def _groepen_van_knelpunten(knelpunten) -> list:
    """The omo view: the linked knelpunten under their group, counted per group."""
    per_groep = {}
    for k in knelpunten:
        groep = k.indeling.groep if hasattr(k, "indeling") else None
        sleutel = groep.pk if groep else 0
        item = per_groep.setdefault(sleutel, {"groep": groep, "knelpunten": [], "casussen": set()})
        item["knelpunten"].append(k)
        item["casussen"].add(k.casus_id)
    rijen = list(per_groep.values())
    for r in rijen:
        r["omschrijving"] = signaal_services.omschrijving(r["groep"]) if r["groep"] else _("Niet ingedeeld")
        r["casussen"] = len(r["casussen"])
    return rijen


def patroon_detail(request, pk, formulieren=None):
    patroon = _patroon(request, pk)
    user = request.user
    omo = mag(user, "rapportage.lees_knelpunttekst")
    beheren = mag(user, "rapportage.beheer_patronen", patroon)
    f = formulieren or {}
    if omo:
        knelpunten = patroon_queries.knelpunten_van(patroon)
        groepen = _groepen_van_knelpunten(knelpunten)
        log_access_many(request, {k.casus_id: k.casus for k in knelpunten}.values())
    else:
        groepen = [
            {"groep": g, "omschrijving": signaal_services.omschrijving(g), "aantal": g.gekoppeld,
             "casussen": g.gekoppelde_casussen}
            for g in patroon_queries.groepen_van(patroon)
        ]
        for g in groepen:
            g["knelpunten"] = []
    index = patroon_queries.fase_index(patroon.fase)
    return render(request, "rapportage/patronen/detail.html", {
        "patroon": patroon, "groepen": groepen, "lees_tekst": omo, "beheren": beheren,
        "zie_signalen": mag(user, "rapportage.zie_signalen"),
        "fasen": [
            {"code": code, "label": label, "status": "klaar" if i < index else "nu" if i == index else "straks"}
            for i, (code, label) in enumerate(Patroon.Fase.choices)
        ],
        "eerste_fase": index == 0, "laatste_fase": index == len(Patroon.Fase.choices) - 1,
        "volgende_fase": Patroon.Fase.choices[index + 1][1] if index + 1 < len(Patroon.Fase.choices) else "",
        "vorige_fase": Patroon.Fase.choices[index - 1][1] if index > 0 else "",
        "geschiedenis": patroon_queries.geschiedenis(patroon),
        "groep_form": (f.get("groep") or GroepToevoegenForm(groepen=signaal_queries.koppelbare_groepen()))
        if beheren else None,
    }, status=400 if f else 200)


def patroon_bewerken(request, pk):
    vereis_pagina(request, "rapportage.beheer_patronen")
    patroon = _patroon(request, pk)
    vereis_pagina(request, "rapportage.beheer_patronen", patroon)
    form = PatroonForm(request.POST or None, instance=patroon)
    if request.method == "POST" and form.is_valid():
        try:
            patroon_services.wijzig(request.user, patroon.pk, form.cleaned_data)
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("Het patroon is bijgewerkt."))
            return redirect("patroon_detail", pk=patroon.pk)
    return render(request, "rapportage/patronen/form.html", {"form": form, "patroon": patroon})


@require_POST
def patroon_fase(request, pk):
    vereis_pagina(request, "rapportage.beheer_patronen")
    patroon = _patroon(request, pk)
    vereis_pagina(request, "rapportage.beheer_patronen", patroon)
    form = FaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies vooruit of terug; er is niets veranderd."))
    else:
        try:
            nieuw = patroon_services.verplaats(
                request.user, patroon.pk, form.cleaned_data["richting"], form.cleaned_data["huidige_fase"]
            )
        except Weigering as fout:
            messages.error(request, fout.message)
        else:
            messages.success(request, _("Het patroon staat nu in de fase %(fase)s.") % {
                "fase": nieuw.get_fase_display().lower()})
    return redirect("patroon_detail", pk=patroon.pk)


@require_POST
def patroon_knelpunten(request, pk):
    """Add every knelpunt of a group, or remove a group or one knelpunt (omo)."""
    vereis_pagina(request, "rapportage.beheer_patronen")
    patroon = _patroon(request, pk)
    vereis_pagina(request, "rapportage.beheer_patronen", patroon)
    actie = request.POST.get("actie")
    try:
        if actie == "groep_toevoegen":
            form = GroepToevoegenForm(request.POST, groepen=signaal_queries.koppelbare_groepen())
            if not form.is_valid():
                return patroon_detail(request, pk, formulieren={"groep": form})
            try:
                n = patroon_services.koppel_groep(request.user, patroon.pk, form.cleaned_data["groep"])
            except Weigering as fout:
                fout_in_form(form, fout)
                return patroon_detail(request, pk, formulieren={"groep": form})
            messages.success(request, _("%(n)d knelpunten gekoppeld.") % {"n": n})
        elif actie == "groep_verwijderen":
            groep_id = request.POST.get("groep", "")
            if not groep_id.isdigit():
                raise Weigering(_("Kies een groep."))
            n = patroon_services.ontkoppel_groep(request.user, patroon.pk, int(groep_id))
            messages.success(request, _("%(n)d knelpunten losgekoppeld.") % {"n": n})
        elif actie == "knelpunt_verwijderen":
            if not mag(request.user, "rapportage.lees_knelpunttekst"):
                raise PermissionDenied
            knelpunt_id = request.POST.get("knelpunt", "")
            if not knelpunt_id.isdigit():
                raise Weigering(_("Kies een knelpunt."))
            patroon_services.ontkoppel_knelpunt(request.user, patroon.pk, int(knelpunt_id))
            messages.success(request, _("Het knelpunt is losgekoppeld."))
        else:
            raise Weigering(_("Onbekende actie; er is niets veranderd."))
    except Weigering as fout:
        messages.error(request, fout.message)
    return redirect("patroon_detail", pk=patroon.pk)


urlpatterns = [
    path("signalen/", signaal_lijst, name="signaal_lijst"),
    path("signalen/export.csv", signaal_export, name="signaal_export"),
    path("signalen/<int:pk>/", signaal_detail, name="signaal_detail"),
    path("signalen/<int:pk>/koppelen/", signaal_koppelen, name="signaal_koppelen"),
    path("signalen/<int:pk>/ontkoppelen/", signaal_ontkoppelen, name="signaal_ontkoppelen"),
    path("patronen/", patroon_lijst, name="patroon_lijst"),
    path("patronen/export.csv", patroon_export, name="patroon_export"),
    path("patronen/nieuw/", patroon_nieuw, name="patroon_nieuw"),
    path("patronen/<int:pk>/", patroon_detail, name="patroon_detail"),
    path("patronen/<int:pk>/bewerken/", patroon_bewerken, name="patroon_bewerken"),
    path("patronen/<int:pk>/fase/", patroon_fase, name="patroon_fase"),
    path("patronen/<int:pk>/knelpunten/", patroon_knelpunten, name="patroon_knelpunten"),
]
