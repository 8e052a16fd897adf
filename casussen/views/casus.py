"""Case pages: list and search, export, register, overview, change, status steps, decision,
closing, timeline, and the inspiratie search over closed cases."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from casussen import uitbreidingen, workflow
from casussen.filters import CasusFilter
from casussen.forms.casus import AfsluitenForm, BesluitForm, CasusForm, StapForm, VervallenForm
from casussen.models import Casus, Leefgebied, Status, WettelijkeGrondslag
from casussen.queries import casus as queries
from casussen.services import casus as services
from casussen.views.common import PAGE_SIZE, casus_voor
from omo import eenmalig
from omo.audit import gelogd_per_stuk, log_access_many, log_geweigerd
from omo.csvexport import csv_stroom
from omo.forms import fout_in_form
from omo.models import Toegangslog
from omo.paginering import BegrensdePaginator
from omo.toegang import mag, vereis_pagina
from omo.weigering import Weigering


def _querystring(request, drop=("pagina",)):
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def _gefilterd(request):
    filterset = CasusFilter(request.GET or None, queryset=queries.casus_lijst(request.user), user=request.user)
    if not filterset.is_bound:
        return filterset, CasusFilter.zonder_vervallen(filterset.queryset).order_by("-jaar", "-volgnummer")
    # Invalid input (a date that is no date) shows its message next to the field and no rows.
    return filterset, filterset.qs if filterset.is_valid() else filterset.queryset.none()


def _inzage(request) -> str:
    """How the cases of the list were seen: as search results when a search text was given."""
    return Toegangslog.Soort.ZOEKRESULTAAT if (request.GET.get("q") or "").strip() else Toegangslog.Soort.LIJST


def casus_lijst(request):
    vereis_pagina(request, "casussen.werk_met_casussen")
    filterset, rows = _gefilterd(request)
    page = BegrensdePaginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)
    log_access_many(request, page.object_list, _inzage(request))
    return render(
        request,
        "casussen/casus/lijst.html",
        {"filter": filterset, "page": page, "querystring": _querystring(request),
         "export_querystring": _querystring(request, drop=("pagina", "sorteer"))},
    )


EXPORT_KOLOMMEN = [
    _l("Code"), _l("Titel"), _l("Status"), _l("Casushouder"), _l("Team"), _l("Urgentie"),
    _l("Datum signaal"), _l("Leefgebieden"), _l("Evaluatie verlopen"), _l("Aangemeld op"),
]


def casus_export(request):
    """CSV of exactly the filtered rows the user may see, each written to the access log as it
    goes out. Household details (pseudonym, composition, dossier number) and free text other
    than the title stay out of exports: they leave the system."""
    vereis_pagina(request, "casussen.werk_met_casussen")
    _filterset, rows = _gefilterd(request)
    gezien = gelogd_per_stuk(request, rows.iterator(chunk_size=2000), Toegangslog.Soort.EXPORT)
    return csv_stroom(
        f"casussen-{timezone.localdate():%Y%m%d}.csv",
        EXPORT_KOLOMMEN,
        (
            [c.code, c.titel, c.get_status_display(), str(c.casushouder), str(c.team),
             c.get_urgentie_display(), c.datum_signaal, c.leefgebieden_tekst or "",
             bool(c.evaluatie_verlopen), c.aangemaakt_op]
            for c in gezien
        ),
    )


def casus_nieuw(request):
    vereis_pagina(request, "casussen.meld_casus_aan")
    form = CasusForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        velden, m2m = form.service_args()
        try:
            with eenmalig.eenmaal(request, "casus aanmelden") as sleutel:
                casus = services.registreer(request.user, velden, **m2m)
                sleutel.onthoud(reverse("casus_detail", args=[casus.pk]))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Deze casus was al aangemeld; er is geen tweede casus aangemaakt."), reverse("casus_lijst"))
        except Weigering as e:
            fout_in_form(form, e)
        else:
            messages.success(request, _("Casus %(code)s is aangemeld.") % {"code": casus.code})
            return redirect("casus_detail", pk=casus.pk)
    return render(request, "casussen/casus/form.html", {"form": form, "nieuw": True})


def casus_detail(request, pk):
    casus = casus_voor(
        request, pk,
        queryset=Casus.objects.annotate(
            leefgebieden_tekst=queries.leefgebieden_tekst(),
            organisaties_tekst=queries.organisaties_tekst(),
        ),
    )
    return render(request, "casussen/casus/detail.html", _overzicht(request, casus))


def _overzicht(request, casus):
    besluit = queries.laatste_besluit(casus)
    user = request.user
    mag_bewerken = mag(user, "casussen.bewerk_casus", casus)
    afsluiten = workflow.vind(casus.status, Status.AFGESLOTEN)
    besluiten = workflow.vind(casus.status, Status.BESLOTEN)
    return {
        "casus": casus,
        "tab": "overzicht",
        "medebehandelaars": list(casus.medebehandelaars.all()),
        "knoppen": workflow.knoppen(user, casus),
        "besluit": besluit,
        "mag_bewerken": mag_bewerken and casus.is_open,
        "mag_besluiten": besluiten is not None and workflow.mag(user, casus, besluiten),
        "mag_afsluiten": afsluiten is not None and workflow.mag(user, casus, afsluiten),
        "mag_vervallen": casus.is_open and mag(user, "casussen.verklaar_vervallen", casus),
        "extra_acties": uitbreidingen.acties(user, casus),
    }


def casus_wijzigen(request, pk):
    casus = casus_voor(request, pk, bewerken=True)
    if not casus.is_open:
        messages.error(request, _("Een afgesloten casus kan niet meer worden gewijzigd."))
        return redirect("casus_detail", pk=pk)
    form = CasusForm(request.POST or None, instance=casus, user=request.user)
    if request.method == "POST" and form.is_valid():
        velden, m2m = form.service_args()
        try:
            services.wijzig(casus.pk, request.user, velden, **m2m)
        except Weigering as e:
            fout_in_form(form, e)
        else:
            messages.success(request, _("De gegevens van de casus zijn opgeslagen."))
            return redirect("casus_detail", pk=pk)
    return render(request, "casussen/casus/form.html", {"form": form, "casus": casus, "nieuw": False})


@require_POST
def casus_status(request, pk):
    casus = casus_voor(request, pk)
    form = StapForm(request.POST)
    if not form.is_valid() or form.cleaned_data["naar"] not in Status.values:
        messages.error(request, _("Deze stap is niet herkend. Er is niets veranderd."))
        return redirect("casus_detail", pk=pk)
    data = form.cleaned_data
    try:
        services.overgang(casus.pk, data["naar"], request.user, data["toelichting"], data["verwacht_van"])
    except Weigering as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request, _("De casus staat nu op ‘%(status)s’.") % {"status": Status(data["naar"]).label}
        )
    return redirect("casus_detail", pk=pk)


def casus_besluit(request, pk):
    casus = casus_voor(request, pk)
    vereis_pagina(request, "casussen.neem_besluit", casus)
    form = BesluitForm(request.POST or None, casus=casus, initial={"verwacht_van": casus.status})
    overgang = workflow.vind(casus.status, Status.BESLOTEN)
    if overgang is None and request.method == "GET":
        messages.info(
            request,
            _("In de status ‘%(status)s’ kan geen besluit worden vastgelegd.") % {"status": casus.get_status_display()},
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.leg_besluit_vast(
                casus.pk, request.user, data["uitkomst"], data["motivatie"],
                scenario_id=data["scenario"].pk if data["scenario"] else None,
                verwacht_van=data["verwacht_van"],
            )
        except Weigering as e:
            fout_in_form(form, e)
        else:
            messages.success(request, _("Het besluit is vastgelegd."))
            return redirect("casus_detail", pk=pk)
    return render(
        request, "casussen/casus/besluit.html",
        {"casus": casus, "form": form, "tab": "overzicht", "kan": overgang is not None},
    )


def casus_afsluiten(request, pk):
    casus = casus_voor(request, pk)
    overgang = workflow.vind(casus.status, Status.AFGESLOTEN)
    if overgang is None or not workflow.mag(request.user, casus, overgang):
        vereis_pagina(request, "casussen.bewerk_casus", casus)  # 403 for someone who may never close it
        messages.error(
            request,
            _("Een casus met status ‘%(status)s’ kan niet worden afgesloten.") % {"status": casus.get_status_display()},
        )
        return redirect("casus_detail", pk=pk)
    form = AfsluitenForm(request.POST or None, initial={"verwacht_van": casus.status})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sluit_af(
                casus.pk, request.user, data["uitkomst"], data["samenvatting_oplossing"],
                verwacht_van=data["verwacht_van"],
            )
        except Weigering as e:
            fout_in_form(form, e)
        else:
            messages.success(request, _("De casus is afgesloten."))
            return redirect("casus_detail", pk=pk)
    return render(request, "casussen/casus/afsluiten.html", {"casus": casus, "form": form, "tab": "overzicht"})


def casus_vervallen(request, pk):
    """Declare a case registered by mistake vervallen: a page with the reason and a second
    confirmation, never a one-click button."""
    casus = casus_voor(request, pk)
    vereis_pagina(request, "casussen.verklaar_vervallen", casus)
    form = VervallenForm(request.POST or None, initial={"verwacht_van": casus.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.verklaar_vervallen(
                casus.pk, request.user, form.cleaned_data["reden"], verwacht_van=form.cleaned_data["verwacht_van"])
        except Weigering as e:
            fout_in_form(form, e)
        else:
            messages.success(request, _("Casus %(code)s is vervallen verklaard.") % {"code": casus.code})
            return redirect("casus_detail", pk=pk)
    return render(request, "casussen/casus/vervallen.html", {"casus": casus, "form": form, "tab": "overzicht"})


def tijdlijn(request, pk):
    casus = casus_voor(request, pk)
    events = queries.tijdlijn(casus)
    return render(
        request, "casussen/casus/tijdlijn.html",
        {"casus": casus, "tab": "tijdlijn", "events": events, "per_status": queries.tijd_per_status(events)},
    )


def inspiratie(request):
    vereis_pagina(request, "casussen.werk_met_casussen")
    q = (request.GET.get("q") or "").strip()[:200]
    leefgebied = Leefgebied.objects.filter(pk=request.GET.get("leefgebied") or None).first() if (request.GET.get("leefgebied") or "").isdigit() else None
    grondslag = WettelijkeGrondslag.objects.filter(pk=request.GET.get("grondslag") or None).first() if (request.GET.get("grondslag") or "").isdigit() else None
    rows = queries.inspiratie(q, leefgebied, grondslag)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    gevonden = list(page.object_list)
    log_access_many(request, gevonden, Toegangslog.Soort.ZOEKRESULTAAT if q else Toegangslog.Soort.LIJST)
    page.object_list = queries.inspiratie_details(gevonden)
    return render(
        request, "casussen/casus/inspiratie.html",
        {
            "page": page, "q": q, "leefgebied": leefgebied, "grondslag": grondslag,
            "leefgebieden": Leefgebied.objects.filter(actief=True),
            "grondslagen": WettelijkeGrondslag.objects.filter(actief=True),
            "querystring": _querystring(request),
        },
    )


def casus_ga_naar(request):
    """The menu's "ga naar casus": straight to the case whose code was typed, when the user may
    see it. Otherwise one message for an unknown code and a case of someone else alike, so the
    field does not tell which codes exist; the page keeps what was typed."""
    vereis_pagina(request, "casussen.werk_met_casussen")
    code = (request.GET.get("code") or "").strip()[:40]
    melding = ""
    if code:
        casus = queries.casus_met_code(code)
        if casus is not None and mag(request.user, "casussen.bekijk_casus", casus):
            return redirect("casus_detail", pk=casus.pk)
        if casus is not None:
            log_geweigerd(request, Casus, casus.pk)
        melding = _("Geen casus met code “%(code)s” gevonden die je mag openen. Controleer de code "
                    "(OMO-jaar-nummer) of zoek in de casuslijst.") % {"code": code}
    return render(request, "casussen/casus/ga_naar.html", {"code": code, "melding": melding})


urlpatterns = [
    path("casussen/", casus_lijst, name="casus_lijst"),
    path("casussen/ga-naar/", casus_ga_naar, name="casus_ga_naar"),
    path("casussen/export.csv", casus_export, name="casus_export"),
    path("casussen/nieuw/", casus_nieuw, name="casus_nieuw"),
    path("casussen/<int:pk>/", casus_detail, name="casus_detail"),
    path("casussen/<int:pk>/wijzigen/", casus_wijzigen, name="casus_wijzigen"),
    path("casussen/<int:pk>/status/", casus_status, name="casus_status"),
    path("casussen/<int:pk>/besluit/", casus_besluit, name="casus_besluit"),
    path("casussen/<int:pk>/afsluiten/", casus_afsluiten, name="casus_afsluiten"),
    path("casussen/<int:pk>/vervallen/", casus_vervallen, name="casus_vervallen"),
    path("casussen/<int:pk>/tijdlijn/", tijdlijn, name="tijdlijn"),
    path("inspiratie/", inspiratie, name="inspiratie"),
]
