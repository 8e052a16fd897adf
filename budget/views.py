"""The budget pages: funds and their postings, the CSV export, the money of a case, the request
form, the budget holder's inbox and decision, execution (pay, release, repay, forgive), the
review list and the loans. Thin: reads from `queries`, changes through `services`; every money
POST claims its one-time token in the same transaction as the booking."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budget import queries
from budget import rules as budget_rules
from budget.forms import (
    AanvraagForm,
    BedragForm,
    BesluitForm,
    BoekingFilter,
    CollegeBesluitForm,
    KwijtscheldingForm,
    OordeelForm,
    TegenboekingForm,
    ToewijzingForm,
    TransactieFilter,
    VrijgaveForm,
)
from budget.models import Aanvraag, Fonds, Transactie
from budget.services import aanvraag as services
from budget.services import grootboek
from casussen.rendement import bereken
from casussen.views.common import casus_voor
from escalatie.niveau import HORIZON
from omo import eenmalig
from omo.audit import gelogd_per_stuk, log_access_many
from omo.csvexport import csv_stroom
from omo.forms import fout_in_form
from omo.models import Toegangslog
from omo.paginering import BegrensdePaginator
from omo.templatetags.omo_format import format_euro
from omo.toegang import laad, mag, toegestaan, vereis_pagina
from omo.weigering import Weigering

S = Aanvraag.Status


def _geld_post(request, doel, uitvoeren, form=None, url_van=None, al_gedaan=None):
    """Run a money operation once: claim the form's token and book in one transaction.
    Returns (gelukt, resultaat). A refusal lands on the form (or as a message); a repeated POST
    is told it was already done (`al_gedaan`) and books nothing: then `resultaat` is the url the
    first POST remembered (`url_van(resultaat)`), or empty."""
    try:
        with eenmalig.eenmaal(request, doel) as sleutel:
            resultaat = uitvoeren()
            if url_van is not None:
                sleutel.onthoud(url_van(resultaat))
            return True, resultaat
    except eenmalig.AlVerwerkt as al:
        messages.info(request, al_gedaan or _("Dit was al verwerkt; er is niets dubbel geboekt."))
        return None, al.url
    except Weigering as fout:
        if form is not None and (fout.field in form.fields or fout.field is None):
            fout_in_form(form, fout)
        else:
            messages.error(request, fout.message)
        return False, None


# --- Funds -----------------------------------------------------------------------------------


def fondsen(request):
    vereis_pagina(request, "budget.zie_fondsen")
    jaar = request.GET.get("jaar")
    jaar = int(jaar) if jaar and jaar.isdigit() and 2000 <= int(jaar) <= 2100 else None
    lijst = queries.fondsen_met_stand(queries.zichtbare_fondsen(request.user).order_by("naam"), jaar)
    return render(request, "budget/fondsen.html", {
        "fondsen": lijst, "jaar": jaar, "jaren": queries.jaren(), "houder_van": budget_rules.fondsen_van(request.user)})


def _fonds(request, pk) -> Fonds:
    return laad(request, Fonds.objects.all(), pk, "budget.bekijk_fonds", rol="budget.zie_fondsen", log=False)


def fonds_detail(request, pk, form=None):
    fonds = _fonds(request, pk)
    [fonds] = queries.fondsen_met_stand([fonds])
    filterset = BoekingFilter(request.GET, queryset=queries.boekingen(fonds))
    rows = filterset.qs if filterset.is_valid() else queries.boekingen(fonds).none()
    page = BegrensdePaginator(rows, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    boeken = mag(request.user, "budget.boek_op_fonds", fonds)
    page.object_list = list(page.object_list)
    return render(request, "budget/fonds.html", {
        "fonds": fonds, "filter": filterset, "page": page, "querystring": query.urlencode(),
        "open_aanvragen": toegestaan(request.user, "budget.bekijk_aanvraag",
                                     (b.transactie.aanvraag_id for b in page.object_list)),
        "boeken": boeken, "form": form or (ToewijzingForm() if boeken else None),
    })


@require_POST
def fonds_boeken(request, pk):
    fonds = _fonds(request, pk)
    vereis_pagina(request, "budget.boek_op_fonds", fonds)
    form = ToewijzingForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data

        def uitvoeren():
            if d["soort"] == "partner":
                return grootboek.partnerbijdrage(fonds.pk, d["bedrag"], d["tegenpartij"], request.user, d["omschrijving"])
            return grootboek.toewijzen(fonds.pk, d["bedrag"], request.user, d["omschrijving"])

        gelukt, _t = _geld_post(request, f"fonds {fonds.pk} {d['soort']}", uitvoeren, form)
        if gelukt is not False:
            if gelukt:
                messages.success(request, _("%(b)s is geboekt op %(f)s.") % {"b": format_euro(d["bedrag"]), "f": fonds.naam})
            return redirect("fonds_detail", pk=fonds.pk)
    return fonds_detail(request, pk, form=form)


def _transacties_filter(request):
    zichtbaar = queries.zichtbare_fondsen(request.user)
    filterset = TransactieFilter(request.GET, queryset=queries.transacties(zichtbaar), fondsen=zichtbaar.order_by("naam"))
    rows = filterset.qs if filterset.is_valid() else Transactie.objects.none()
    return filterset, rows


def transacties(request):
    vereis_pagina(request, "budget.zie_fondsen")
    filterset, rows = _transacties_filter(request)
    page = BegrensdePaginator(rows, 50).get_page(request.GET.get("pagina"))
    page.object_list = queries.met_boekingen(page.object_list)
    log_access_many(request, _casussen_van(page.object_list), Toegangslog.Soort.LIJST)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "budget/transacties.html", {
        "filter": filterset, "page": page, "querystring": query.urlencode(),
        "open_aanvragen": toegestaan(request.user, "budget.bekijk_aanvraag", (t.aanvraag_id for t in page.object_list)),
        "tegenboek_form": TegenboekingForm(),
    })


def _casussen_van(rijen) -> list:
    """The cases of transactions or postings (each once), for the access log."""
    gezien = {}
    for rij in rijen:
        transactie = getattr(rij, "transactie", rij)
        if transactie.aanvraag_id:
            gezien.setdefault(transactie.aanvraag.casus_id, transactie.aanvraag.casus)
    return list(gezien.values())


EXPORT_KOP = ["transactie", "boekdatum", "boekjaar", "fonds", "kostenplaats", "grootboeknummer", "rekening", "soort",
              "debet", "credit", "omschrijving", "tegenpartij", "casus", "tegenboeking_van"]


def transacties_export(request):
    """CSV for the financial administration: one row per posting, with cost centre and ledger
    number, streamed (a year of postings never sits in memory); the cases of the rows that go
    out are written to the access log."""
    vereis_pagina(request, "budget.zie_fondsen")
    _filterset, rows = _transacties_filter(request)
    boekingen = gelogd_per_stuk(request, queries.export_rijen(rows), Toegangslog.Soort.EXPORT, wat=_casussen_van)
    return csv_stroom(
        f"omo-boekingen-{timezone.localdate():%Y%m%d}.csv",
        EXPORT_KOP,
        (
            [b.transactie.pk, b.transactie.boekdatum, b.transactie.boekjaar, b.rekening.fonds.naam,
             b.rekening.fonds.kostenplaats, b.rekening.fonds.grootboeknummer, b.rekening.get_soort_display(),
             b.transactie.get_soort_display(), b.bedrag if b.kant == "D" else None,
             b.bedrag if b.kant == "C" else None, b.transactie.omschrijving, b.transactie.tegenpartij,
             b.transactie.aanvraag.casus.code if b.transactie.aanvraag_id else "",
             b.transactie.tegenboeking_van_id]
            for b in boekingen
        ),
    )


@require_POST
def transactie_tegenboeken(request, pk):
    transactie = laad(request, Transactie.objects.select_related("fonds"), pk, "budget.bekijk_transactie",
                      rol="budget.zie_fondsen", log=False)
    fonds = transactie.fonds
    vereis_pagina(request, "budget.boek_op_fonds", fonds)
    form = TegenboekingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf waarom deze boeking wordt tegengeboekt."))
    else:
        gelukt, _t = _geld_post(request, f"tegenboeking {pk}",
                                lambda: grootboek.keer_om(pk, request.user, form.cleaned_data["reden"]))
        if gelukt:
            messages.success(request, _("De transactie is tegengeboekt."))
    return redirect("fonds_detail", pk=fonds.pk)


# --- The money of a case and the request form ------------------------------------------------


def casus_geld(request, pk):
    casus = casus_voor(request, pk)
    aanvragen = queries.aanvragen_van_casus(casus)
    return render(request, "budget/casus_geld.html", {
        "casus": casus, "tab": "geld", "aanvragen": aanvragen,
        "mag_aanvragen": mag(request.user, "budget.vraag_geld_aan_voor", casus) and casus.is_open,
        "totaal": {veld: sum((getattr(a, veld) for a in aanvragen), start=Decimal("0"))
                   for veld in ("gereserveerd", "betaald", "uitstaand", "afgelost", "kwijtgescholden")},
    })


def aanvraag_nieuw(request, pk):
    casus = casus_voor(request, pk)
    vereis_pagina(request, "budget.vraag_geld_aan_voor", casus)
    fondsen_lijst = queries.fondsen_voor_aanvraag()
    initial = {"soort": Aanvraag.Soort.GIFT}
    # ?scenario=<pk> proposes the amount of that scenario (also without JavaScript).
    gekozen = request.GET.get("scenario", "")
    if gekozen.isdigit():
        initial["scenario"] = int(gekozen)
    form = AanvraagForm(request.POST or None, casus=casus, fondsen=fondsen_lijst, initial=initial,
                        voorstellen=queries.voorgestelde_bedragen(casus))
    if request.method == "POST" and form.is_valid():
        indienen = "indienen" in request.POST
        gelukt, aanvraag = _geld_post(
            request, f"aanvraag casus {casus.pk}",
            lambda: services.maak(casus.pk, request.user, form.cleaned_data, indienen=indienen), form,
            url_van=lambda a: reverse("aanvraag_detail", args=[a.pk]),
            al_gedaan=_("Deze aanvraag was al aangemaakt; er is geen tweede aanvraag bij gekomen."))
        if gelukt is None:
            return redirect(aanvraag or reverse("casus_geld", args=[casus.pk]))
        if gelukt:
            _melding_na_indienen(request, aanvraag, indienen)
            return redirect("aanvraag_detail", pk=aanvraag.pk)
    return render(request, "budget/aanvraag_form.html", {
        "casus": casus, "tab": "geld", "form": form, "fondsen": fondsen_lijst})


def _melding_na_indienen(request, aanvraag, indienen):
    if not indienen:
        messages.success(request, _("De aanvraag is als concept bewaard."))
    elif aanvraag.direct_geboekt:
        messages.success(request, _("%(b)s is direct geboekt; de budgethouder beoordeelt de uitgave achteraf.") % {
            "b": format_euro(aanvraag.bedrag)})
    else:
        messages.success(request, _("De aanvraag is ingediend; de budgethouder krijgt bericht."))


def _aanvraag(request, pk, log=False) -> Aanvraag:
    return laad(
        request,
        Aanvraag.objects.select_related(
            "fonds", "casus", "casus__team", "scenario", "aangevraagd_door", "besloten_door", "escalatie",
            "achteraf_beoordeeld_door",
        ).prefetch_related("casus__medebehandelaars"),
        pk,
        "budget.bekijk_aanvraag",
        log=log,
    )


def aanvraag_wijzigen(request, pk):
    aanvraag = _aanvraag(request, pk)
    if not mag(request.user, "budget.werk_aan_aanvraag", aanvraag) or aanvraag.status != S.CONCEPT:
        raise PermissionDenied
    fondsen_lijst = queries.fondsen_voor_aanvraag()
    form = AanvraagForm(request.POST or None, instance=aanvraag, casus=aanvraag.casus, fondsen=fondsen_lijst,
                        voorstellen=queries.voorgestelde_bedragen(aanvraag.casus))
    if request.method == "POST" and form.is_valid():
        indienen = "indienen" in request.POST

        def uitvoeren():
            a = services.wijzig(aanvraag.pk, request.user, form.cleaned_data)
            return services.dien_in(a.pk, request.user) if indienen else a

        gelukt, resultaat = _geld_post(request, f"aanvraag {pk} wijzigen", uitvoeren, form)
        if gelukt is not False:
            if gelukt:
                _melding_na_indienen(request, resultaat, indienen)
            return redirect("aanvraag_detail", pk=pk)
    return render(request, "budget/aanvraag_form.html", {
        "casus": aanvraag.casus, "tab": "geld", "form": form, "aanvraag": aanvraag, "fondsen": fondsen_lijst})


def _beslisfeiten(aanvraag):
    """What a decision needs besides the request: the scenario's kassabon and the fund's
    balances (two queries)."""
    rendement = bereken(aanvraag.scenario.kostenregels.select_related("geldstroom").order_by("situatie", "pk"), HORIZON)
    [fonds] = queries.fondsen_met_stand([aanvraag.fonds])
    return rendement, fonds.stand


def aanvraag_detail(request, pk, formulieren=None):
    aanvraag = _aanvraag(request, pk)
    user = request.user
    log_access_many(request, [aanvraag, aanvraag.casus])
    rendement, stand = _beslisfeiten(aanvraag)
    rol = services.beslisser_rol(user, aanvraag) if aanvraag.status == S.INGEDIEND else ""
    uitvoeren = mag(user, "budget.voer_aanvraag_uit", aanvraag)
    eigen = mag(user, "budget.werk_aan_aanvraag", aanvraag)
    college = mag(user, "budget.beslis_als_college", aanvraag)
    f = formulieren or {}
    return render(request, "budget/aanvraag.html", {
        "aanvraag": aanvraag, "casus": aanvraag.casus, "rendement": rendement, "stand": stand,
        "ziet_casus": mag(user, "casussen.bekijk_casus", aanvraag.casus),
        "beslissen": rol, "besluit_form": f.get("besluit") or BesluitForm(),
        "college": college, "college_form": (f.get("college") or CollegeBesluitForm()) if college else None,
        "uitvoeren": uitvoeren, "eigen": eigen,
        "betaal_form": f.get("betalen") or BedragForm(initial={"bedrag": aanvraag.gereserveerd or None}),
        "vrijgave_form": f.get("vrijgeven") or VrijgaveForm(),
        "aflos_form": f.get("aflossen") or BedragForm(initial={"bedrag": aanvraag.termijnbedrag}),
        "kwijt_form": f.get("kwijtschelden") or KwijtscheldingForm(),
        "oordeel_form": f.get("beoordelen") or OordeelForm(),
        "boven_mandaat": aanvraag.bedrag > aanvraag.fonds.mandaat,
        "boven_beschikbaar": aanvraag.bedrag > stand.beschikbaar,
    })


@require_POST
def aanvraag_beslissen(request, pk):
    aanvraag = _aanvraag(request, pk)
    vereis_pagina(request, "budget.beslis_aanvragen")
    form = BesluitForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        doen = {
            "goedkeuren": lambda: services.keur_goed(aanvraag.pk, request.user, d["motivatie"]),
            "afwijzen": lambda: services.wijs_af(aanvraag.pk, request.user, d["motivatie"]),
            "college": lambda: services.leg_voor_aan_college(aanvraag.pk, request.user, d["motivatie"]),
        }[d["besluit"]]
        gelukt, resultaat = _geld_post(request, f"aanvraag {pk} {d['besluit']}", doen, form)
        if gelukt is not False:
            if gelukt:
                messages.success(request, {
                    "goedkeuren": _("Goedgekeurd: %(b)s is gereserveerd. De aanvrager krijgt bericht."),
                    "afwijzen": _("Afgewezen. De aanvrager krijgt bericht met je reden."),
                    "college": _("De aanvraag ligt nu bij het College. Het besluit komt terug op deze aanvraag."),
                }[d["besluit"]] % {"b": format_euro(aanvraag.bedrag)})
            return redirect("budget_inbox")
    return aanvraag_detail(request, pk, formulieren={"besluit": form})


@require_POST
def aanvraag_college(request, pk):
    """The College's decision on a request put before it (DESIGN §6, §8): recorded on the
    request and on its escalation at once; a refusal keeps the input and changes nothing."""
    aanvraag = _aanvraag(request, pk)
    # The role decides who may use the form; whether the request still lies with the College
    # is the service's to say (a second click is told it was decided, not refused a page).
    vereis_pagina(request, "budget.beslis_namens_college")
    if not mag(request.user, "budget.beslis_als_college", aanvraag):
        # Decided already (a second click), or never put before the College: say why.
        messages.error(request, _("Deze aanvraag ligt niet (meer) bij het College. Er is niets veranderd."))
        return redirect("aanvraag_detail", pk=pk)
    form = CollegeBesluitForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        gelukt, _r = _geld_post(
            request, f"aanvraag {pk} college",
            lambda: services.beslis_als_college(aanvraag.pk, request.user, d["beslissing"], d["motivatie"],
                                                toewijzing=d["toewijzing"]),
            form,
        )
        if gelukt is not False:
            if gelukt:
                messages.success(request, _("Het besluit van het College is vastgelegd; de budgethouder en de "
                                            "aanvrager krijgen bericht."))
            return redirect("aanvraag_detail", pk=pk)
    return aanvraag_detail(request, pk, formulieren={"college": form})


def _uitvoering(actie, perm, form_class, doe):
    """A POST on one request: `perm` (budget.rules) decides who, the service does the rest."""

    @require_POST
    def view(request, pk):
        aanvraag = _aanvraag(request, pk)
        vereis_pagina(request, perm, aanvraag)
        form = form_class(request.POST) if form_class else None
        if form is None or form.is_valid():
            data = form.cleaned_data if form else {}
            gelukt, _r = _geld_post(request, f"aanvraag {pk} {actie}", lambda: doe(aanvraag, request.user, data), form)
            if gelukt is not False or form is None:
                if gelukt:
                    messages.success(request, BERICHTEN[actie])
                return redirect("aanvraag_detail", pk=pk)
        return aanvraag_detail(request, pk, formulieren={actie: form})

    view.__name__ = f"aanvraag_{actie}"
    return view


BERICHTEN = {
    "indienen": _("De aanvraag is ingediend."),
    "intrekken": _("De aanvraag is ingetrokken."),
    "betalen": _("De betaling is geboekt."),
    "vrijgeven": _("De reservering is vrijgegeven: het geld is terug in het fonds."),
    "afronden": _("De aanvraag is afgerond."),
    "aflossen": _("De aflossing is geboekt; het geld is terug in het fonds."),
    "kwijtschelden": _("De kwijtschelding is geboekt."),
    "beoordelen": _("Je oordeel is vastgelegd."),
}

aanvraag_indienen = _uitvoering("indienen", "budget.werk_aan_aanvraag", None, lambda a, u, d: services.dien_in(a.pk, u))
aanvraag_intrekken = _uitvoering("intrekken", "budget.werk_aan_aanvraag", None, lambda a, u, d: services.trek_in(a.pk, u))
aanvraag_betalen = _uitvoering("betalen", "budget.voer_aanvraag_uit", BedragForm, lambda a, u, d: services.betaal(a.pk, u, d["bedrag"]))
aanvraag_vrijgeven = _uitvoering("vrijgeven", "budget.voer_aanvraag_uit", VrijgaveForm, lambda a, u, d: services.geef_vrij(a.pk, u, d["bedrag"], d["reden"]))
aanvraag_afronden = _uitvoering("afronden", "budget.rond_aanvraag_af", None, lambda a, u, d: services.rond_af(a.pk, u))
aanvraag_aflossen = _uitvoering("aflossen", "budget.voer_aanvraag_uit", BedragForm, lambda a, u, d: services.los_af(a.pk, u, d["bedrag"]))
aanvraag_kwijtschelden = _uitvoering(
    "kwijtschelden", "budget.voer_aanvraag_uit", KwijtscheldingForm, lambda a, u, d: services.scheld_kwijt(a.pk, u, d["bedrag"], d["reden"]))
aanvraag_beoordelen = _uitvoering("beoordelen", "budget.beoordeel_achteraf", OordeelForm, lambda a, u, d: services.beoordeel_achteraf(a.pk, u, d["oordeel"]))


# --- Inbox, review list, loans ---------------------------------------------------------------


def inbox(request):
    vereis_pagina(request, "budget.beslis_aanvragen")
    page = BegrensdePaginator(queries.inbox(request.user), 25).get_page(request.GET.get("pagina"))
    aanvragen = list(page.object_list)
    queries.met_beslisfeiten(aanvragen)
    log_access_many(request, [a.casus for a in aanvragen])
    page.object_list = aanvragen
    open_casussen = toegestaan(request.user, "casussen.bekijk_casus", (a.casus_id for a in aanvragen))
    return render(request, "budget/inbox.html", {"page": page, "querystring": "", "open_casussen": open_casussen})


def achteraf(request):
    vereis_pagina(request, "budget.zie_achteraf")
    open_ = request.GET.get("toon") != "alle"
    qs = queries.te_beoordelen(request.user) if open_ else queries.achteraf(request.user)
    page = BegrensdePaginator(qs, 50).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)
    open_casussen = toegestaan(request.user, "casussen.bekijk_casus", (a.casus_id for a in page.object_list))
    return render(request, "budget/achteraf.html", {
        "page": page, "open": open_, "querystring": "" if open_ else "toon=alle", "oordeel_form": OordeelForm(),
        "open_casussen": open_casussen})


def leningen(request):
    vereis_pagina(request, "budget.zie_leningen")
    achterstand = request.GET.get("achterstand") == "1"
    dag = timezone.localdate()
    rijen = queries.in_achterstand(request.user, dag) if achterstand else queries.leningen(request.user)
    page = BegrensdePaginator(rijen, 50).get_page(request.GET.get("pagina"))
    page.object_list = queries.met_aflosstand(list(page.object_list), dag)
    # Case and purpose only for who may see the request; the others (College, beheerder, a
    # budget holder for another fund's loan) see the fund and the amounts their role needs.
    open_aanvragen = toegestaan(request.user, "budget.bekijk_aanvraag", (a.pk for a in page.object_list))
    log_access_many(request, [a.casus for a in page.object_list if a.pk in open_aanvragen], Toegangslog.Soort.LIJST)
    return render(request, "budget/leningen.html", {
        "page": page, "querystring": "achterstand=1" if achterstand else "", "open_aanvragen": open_aanvragen,
        "achterstand": achterstand})


urlpatterns = [
    path("budget/", fondsen, name="budget_fondsen"),
    path("budget/transacties/", transacties, name="budget_transacties"),
    path("budget/transacties/export/", transacties_export, name="budget_export"),
    path("budget/transacties/<int:pk>/tegenboeken/", transactie_tegenboeken, name="transactie_tegenboeken"),
    path("budget/fondsen/<int:pk>/", fonds_detail, name="fonds_detail"),
    path("budget/fondsen/<int:pk>/boeken/", fonds_boeken, name="fonds_boeken"),
    path("budget/beslissen/", inbox, name="budget_inbox"),
    path("budget/achteraf/", achteraf, name="budget_achteraf"),
    path("budget/leningen/", leningen, name="budget_leningen"),
    path("budget/aanvragen/<int:pk>/", aanvraag_detail, name="aanvraag_detail"),
    path("budget/aanvragen/<int:pk>/wijzigen/", aanvraag_wijzigen, name="aanvraag_wijzigen"),
    path("budget/aanvragen/<int:pk>/beslissen/", aanvraag_beslissen, name="aanvraag_beslissen"),
    path("budget/aanvragen/<int:pk>/college/", aanvraag_college, name="aanvraag_college"),
    path("budget/aanvragen/<int:pk>/indienen/", aanvraag_indienen, name="aanvraag_indienen"),
    path("budget/aanvragen/<int:pk>/intrekken/", aanvraag_intrekken, name="aanvraag_intrekken"),
    path("budget/aanvragen/<int:pk>/betalen/", aanvraag_betalen, name="aanvraag_betalen"),
    path("budget/aanvragen/<int:pk>/vrijgeven/", aanvraag_vrijgeven, name="aanvraag_vrijgeven"),
    path("budget/aanvragen/<int:pk>/afronden/", aanvraag_afronden, name="aanvraag_afronden"),
    path("budget/aanvragen/<int:pk>/aflossen/", aanvraag_aflossen, name="aanvraag_aflossen"),
    path("budget/aanvragen/<int:pk>/kwijtschelden/", aanvraag_kwijtschelden, name="aanvraag_kwijtschelden"),
    path("budget/aanvragen/<int:pk>/beoordelen/", aanvraag_beoordelen, name="aanvraag_beoordelen"),
    path("casus/<int:pk>/geld/", casus_geld, name="casus_geld"),
    path("casus/<int:pk>/geld/aanvragen/", aanvraag_nieuw, name="aanvraag_nieuw"),
]
