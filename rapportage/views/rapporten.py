"""The report pages: the list, a report over any period, one report with its sections (autosave
through htmx, a normal submit as fallback), finalising, a new version and the PDF downloads.
Thin: reads from `queries.rapporten`, changes through `services.rapporten`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casussen.queries import referentie
from omo import eenmalig
from omo.audit import log_access
from omo.forms import fout_in_form
from omo.paginering import BegrensdePaginator
from omo.toegang import mag, vereis_pagina
from omo.weigering import Weigering
from rapportage import weergave
from rapportage.forms.rapporten import RapportFilter, RapportForm
from rapportage.models import SECTIES, Rapport, RapportBestand
from rapportage.queries import rapporten as queries
from rapportage.services import rapporten as services

SECTIE_CODES = [code for code, _naam in SECTIES]


def _rapport(request, pk) -> Rapport:
    """The report `pk` as `request.user` may see it: 403 without report pages at all, 404 when
    it does not exist or is not visible to them (a concept for beleid and college)."""
    vereis_pagina(request, "rapportage.zie_rapporten")
    rapport = queries.rapport(pk)
    if rapport is None or not mag(request.user, "rapportage.bekijk_rapport", rapport):
        raise Http404
    return rapport


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def rapport_lijst(request):
    vereis_pagina(request, "rapportage.zie_rapporten")
    jaren = queries.jaren(request.user)
    filterset = RapportFilter(request.GET, queryset=queries.lijst(request.user), jaren=jaren)
    rows = filterset.qs if filterset.is_valid() else Rapport.objects.none()
    page = BegrensdePaginator(rows, 25).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "rapportage/rapporten/lijst.html", {
        "filter": filterset, "page": page, "querystring": query.urlencode(),
        "maken": mag(request.user, "rapportage.maak_rapport"),
    })


def rapport_nieuw(request):
    vereis_pagina(request, "rapportage.maak_rapport")
    form = RapportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            with eenmalig.eenmaal(request, "rapportage") as sleutel:
                rapport = services.maak_rapport(request.user, d["van"], d["tot"], d["titel"])
                sleutel.onthoud(reverse("rapport_detail", args=[rapport.pk]))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Deze rapportage was al gemaakt; er is geen tweede bij gekomen."), reverse("rapport_lijst"))
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("De rapportage is gemaakt; de cijfers zijn vastgelegd. Schrijf nu de bevindingen."))
            return redirect("rapport_detail", pk=rapport.pk)
    return render(request, "rapportage/rapporten/nieuw.html", {"form": form})


def _secties(rapport, ingevuld=None, fouten=None, andere=None) -> list[dict]:
    ingevuld, fouten, andere = ingevuld or {}, fouten or {}, andere or {}
    rijen = []
    for code, naam in SECTIES:
        opgeslagen = getattr(rapport, code)
        rijen.append({
            "code": code, "naam": naam, "opgeslagen": opgeslagen,
            "tekst": ingevuld.get(code, opgeslagen), "basis": services.basis_van(opgeslagen),
            "fout": fouten.get(code), "andere": andere.get(code),
        })
    return rijen


def rapport_detail(request, pk):
    rapport = _rapport(request, pk)
    bewerken = mag(request.user, "rapportage.bewerk_rapport", rapport)
    if request.method == "POST":
        if not bewerken:
            if mag(request.user, "rapportage.maak_rapport"):
                messages.error(request, _("Een definitieve rapportage kan niet meer worden gewijzigd; maak een nieuwe versie."))
                return redirect("rapport_detail", pk=rapport.pk)
            raise PermissionDenied
        return _bewaar_alles(request, rapport)
    return _toon(request, rapport, bewerken)


def _blokken(request, rapport):
    """The report's figures from its stored weergave; the OMO-functionaris clicks through."""
    links = mag(request.user, "rapportage.naar_casussen")
    return weergave.blokken(services.weergave_van(rapport), links=links,
                            leefgebied_ids=referentie.leefgebied_ids() if links else None)


def _toon(request, rapport, bewerken, secties=None, status=200):
    versies = queries.versies(request.user, rapport)
    return render(request, "rapportage/rapporten/detail.html", {
        "rapport": rapport, "blokken": _blokken(request, rapport), "publiek": False, "pdf": False,
        "periode": services.periode_tekst(rapport.van, rapport.tot),
        "secties": secties or _secties(rapport), "bewerken": bewerken,
        "corrigeren": mag(request.user, "rapportage.corrigeer_rapport", rapport)
        and not any(v.vorige_id == rapport.pk for v in versies),
        "versies": versies, "bestanden": {b.variant: b for b in rapport.bestanden.all()},
        "patronen": (rapport.cijfers or {}).get("patronen") or [],
    }, status=status)


def _bewaar_alles(request, rapport):
    """The fallback without JavaScript: one submit saves every changed section. A section that
    someone else changed in the meantime is not saved; the page shows both texts, keeps the
    typed one, and a second submit (with the new basis) saves it deliberately."""
    ingevuld = {code: services.normaliseer(request.POST.get(code, "")) for code in SECTIE_CODES if code in request.POST}
    fouten, andere = {}, {}
    for code, tekst in ingevuld.items():
        try:
            services.bewaar_sectie(request.user, rapport.pk, code, tekst, request.POST.get(f"basis_{code}", ""))
        except Weigering as fout:
            fouten[code] = fout.message
    if not fouten:
        messages.success(request, _("De rapportage is opgeslagen."))
        return redirect("rapport_detail", pk=rapport.pk)
    rapport = queries.rapport(rapport.pk)
    for code in fouten:
        andere[code] = getattr(rapport, code)
    if rapport.is_definitief:
        messages.error(request, next(iter(fouten.values())))
        return redirect("rapport_detail", pk=rapport.pk)
    return _toon(request, rapport, True, _secties(rapport, ingevuld, fouten, andere))


@require_POST
def rapport_sectie(request, pk, sectie):
    """Autosave of one section (htmx): answers with the status text and, out of band, the new
    basis; without htmx it saves and returns to the report."""
    rapport = _rapport(request, pk)
    if sectie not in SECTIE_CODES:
        raise Http404
    if not mag(request.user, "rapportage.maak_rapport"):
        raise PermissionDenied
    tekst = request.POST.get(sectie)
    if tekst is None:
        tekst = request.POST.get("tekst", "")
    basis = request.POST.get(f"basis_{sectie}", request.POST.get("basis", ""))
    try:
        nieuwe_basis = services.bewaar_sectie(request.user, rapport.pk, sectie, tekst, basis)
    except Weigering as fout:
        if not _is_htmx(request):
            messages.error(request, fout.message)
            return redirect("rapport_detail", pk=rapport.pk)
        return render(request, "rapportage/rapporten/_sectie_status.html", {
            "sectie": sectie, "fout": fout.message, "rapport": rapport})
    if not _is_htmx(request):
        messages.success(request, _("%(sectie)s is opgeslagen.") % {"sectie": dict(SECTIES)[sectie]})
        return redirect("rapport_detail", pk=rapport.pk)
    return render(request, "rapportage/rapporten/_sectie_status.html", {
        "sectie": sectie, "basis": nieuwe_basis, "tijd": date_format(timezone.localtime(), "H:i")})


@require_POST
def rapport_cijfers(request, pk):
    rapport = _rapport(request, pk)
    if not mag(request.user, "rapportage.maak_rapport"):
        raise PermissionDenied
    try:
        services.ververs_cijfers(request.user, rapport.pk)
    except Weigering as fout:
        messages.error(request, fout.message)
    else:
        messages.success(request, _("De cijfers zijn opnieuw vastgelegd met de registraties van nu."))
    return redirect("rapport_detail", pk=rapport.pk)


def rapport_definitief(request, pk):
    """GET: the confirmation step; POST: finalise."""
    rapport = _rapport(request, pk)
    if not mag(request.user, "rapportage.maak_rapport"):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.maak_definitief(request.user, rapport.pk)
        except Weigering as fout:
            messages.error(request, fout.message)
        else:
            messages.success(request, _("De rapportage is definitief. De PDF's worden nu gemaakt; het College en "
                                        "beleid krijgen bericht zodra ze klaarstaan."))
        return redirect("rapport_detail", pk=rapport.pk)
    if rapport.is_definitief:
        messages.info(request, _("Deze rapportage is al definitief."))
        return redirect("rapport_detail", pk=rapport.pk)
    return render(request, "rapportage/rapporten/definitief.html", {
        "rapport": rapport, "periode": services.periode_tekst(rapport.van, rapport.tot),
        "leeg": services.lege_secties(rapport)})


@require_POST
def rapport_nieuwe_versie(request, pk):
    rapport = _rapport(request, pk)
    if not mag(request.user, "rapportage.maak_rapport"):
        raise PermissionDenied
    try:
        nieuw = services.nieuwe_versie(request.user, rapport.pk)
    except Weigering as fout:
        messages.error(request, fout.message)
        return redirect("rapport_detail", pk=rapport.pk)
    messages.success(request, _("Versie %(v)s is gemaakt als concept, met de teksten van versie %(o)s en de cijfers "
                                "van nu. Versie %(o)s blijft bewaard.") % {"v": nieuw.versie, "o": rapport.versie})
    return redirect("rapport_detail", pk=nieuw.pk)


def rapport_pdf(request, pk, variant):
    rapport = _rapport(request, pk)
    if variant not in RapportBestand.Variant.values:
        raise Http404
    vereis_pagina(request, "rapportage.download_rapport", rapport)
    bestand = next((b for b in rapport.bestanden.all() if b.variant == variant), None)
    if bestand is None:
        raise Http404
    log_access(request, bestand)
    return FileResponse(bestand.bestand.open("rb"), as_attachment=True, content_type="application/pdf",
                        filename=services.bestandsnaam(rapport, variant))


urlpatterns = [
    path("rapportages/", rapport_lijst, name="rapport_lijst"),
    path("rapportages/nieuw/", rapport_nieuw, name="rapport_nieuw"),
    path("rapportages/<int:pk>/", rapport_detail, name="rapport_detail"),
    path("rapportages/<int:pk>/sectie/<slug:sectie>/", rapport_sectie, name="rapport_sectie"),
    path("rapportages/<int:pk>/cijfers/", rapport_cijfers, name="rapport_cijfers"),
    path("rapportages/<int:pk>/definitief/", rapport_definitief, name="rapport_definitief"),
    path("rapportages/<int:pk>/nieuwe-versie/", rapport_nieuwe_versie, name="rapport_nieuwe_versie"),
    path("rapportages/<int:pk>/pdf/<slug:variant>/", rapport_pdf, name="rapport_pdf"),
]
