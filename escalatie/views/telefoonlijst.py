"""The telefoonlijst: contact persons with mandate, searchable by organisation and leefgebied."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from escalatie.forms.verzoek import ContactpersoonForm, TelefoonlijstFilter
from escalatie.models import Contactpersoon
from escalatie.queries import verzoek as queries
from escalatie.services import verzoek as services
from omo.csvexport import csv_stroom
from omo.forms import fout_in_form
from omo.paginering import BegrensdePaginator
from omo.toegang import mag, vereis_pagina
from omo.weigering import Weigering


def _gefilterd(request):
    basis = queries.telefoonlijst()
    # The maintainers may also list the inactive contacts (to reactivate one); others see the active.
    if not (request.GET.get("inactief") and mag(request.user, "escalatie.beheer_telefoonlijst")):
        basis = basis.filter(actief=True)
    filterset = TelefoonlijstFilter(request.GET, queryset=basis)
    rows = filterset.qs if filterset.is_valid() else queries.telefoonlijst().none()
    return filterset, rows.order_by("organisatie__naam", "naam").distinct()


def telefoonlijst(request):
    vereis_pagina(request, "escalatie.raadpleeg_telefoonlijst")
    filterset, rows = _gefilterd(request)
    page = BegrensdePaginator(rows.prefetch_related("leefgebieden"), 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "escalatie/telefoonlijst/lijst.html",
                  {"filter": filterset, "page": page, "querystring": query.urlencode()})


TELEFOONLIJST_KOP = [_l("Organisatie"), _l("Naam"), _l("Rol"), _l("Mandaat"), _l("Telefoon"), _l("E-mail"),
                     _l("Escalatiecontact")]


def telefoonlijst_export(request):
    vereis_pagina(request, "escalatie.raadpleeg_telefoonlijst")
    _filterset, rows = _gefilterd(request)
    return csv_stroom(
        "telefoonlijst.csv",
        TELEFOONLIJST_KOP,
        (
            [c.organisatie.naam, c.naam, c.rol, c.mandaat, c.telefoon, c.email,
             c.escalatiecontact.naam if c.escalatiecontact else ""]
            for c in rows.iterator(chunk_size=1000)
        ),
    )


def contactpersoon(request, cid=None):
    vereis_pagina(request, "escalatie.beheer_telefoonlijst")
    instance = get_object_or_404(Contactpersoon, pk=cid) if cid else None
    form = ContactpersoonForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        velden = {k: v for k, v in form.cleaned_data.items() if k != "leefgebieden"}
        try:
            services.bewaar_contactpersoon(request.user, velden, form.cleaned_data["leefgebieden"], pk=cid)
        except Weigering as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, _("De contactpersoon is opgeslagen."))
            return redirect("telefoonlijst")
    return render(request, "escalatie/telefoonlijst/form.html", {"form": form, "contact": instance})


@require_POST
def contactpersoon_actief(request, cid):
    vereis_pagina(request, "escalatie.beheer_telefoonlijst")
    get_object_or_404(Contactpersoon, pk=cid)
    actief = request.POST.get("actief") == "1"
    try:
        contact = services.zet_actief(request.user, cid, actief)
    except Weigering as fout:
        messages.error(request, fout.message)
    else:
        messages.success(request, (_("%(naam)s staat weer in de telefoonlijst.") if actief else
                                   _("%(naam)s is gedeactiveerd: niet meer te kiezen voor een nieuw verzoek."))
                         % {"naam": contact.naam})
    return redirect("contactpersoon_wijzigen", cid=cid)


urlpatterns = [
    path("telefoonlijst/", telefoonlijst, name="telefoonlijst"),
    path("telefoonlijst/export/", telefoonlijst_export, name="telefoonlijst_export"),
    path("telefoonlijst/nieuw/", contactpersoon, name="contactpersoon_nieuw"),
    path("telefoonlijst/<int:cid>/", contactpersoon, name="contactpersoon_wijzigen"),
    path("telefoonlijst/<int:cid>/actief/", contactpersoon_actief, name="contactpersoon_actief"),
]
