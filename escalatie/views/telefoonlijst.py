"""The telefoonlijst: contact persons with mandate, searchable by organisation and leefgebied."""

import csv

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casussen.services.fouten import Weigering
from casussen.views.common import mag, vereis
from escalatie.forms.overleg import fout_in_form
from escalatie.forms.verzoek import ContactpersoonForm, TelefoonlijstFilter
from escalatie.models import Contactpersoon
from escalatie.queries import verzoek as queries
from escalatie.services import verzoek as services
from omo.paginering import BegrensdePaginator


def _gefilterd(request):
    basis = queries.telefoonlijst()
    # The maintainers may also list the inactive contacts (to reactivate one); others see the active.
    if not (request.GET.get("inactief") and mag(request.user, "escalatie.beheer_telefoonlijst")):
        basis = basis.filter(actief=True)
    filterset = TelefoonlijstFilter(request.GET, queryset=basis)
    rows = filterset.qs if filterset.is_valid() else queries.telefoonlijst().none()
    return filterset, rows.order_by("organisatie__naam", "naam").distinct()


def telefoonlijst(request):
    vereis(request, "escalatie.raadpleeg_telefoonlijst")
    filterset, rows = _gefilterd(request)
    page = BegrensdePaginator(rows.prefetch_related("leefgebieden"), 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "escalatie/telefoonlijst/lijst.html",
                  {"filter": filterset, "page": page, "querystring": query.urlencode()})


class _Echo:
    def write(self, value):
        return value


def telefoonlijst_export(request):
    vereis(request, "escalatie.raadpleeg_telefoonlijst")
    _filterset, rows = _gefilterd(request)

    def lines():
        writer = csv.writer(_Echo(), delimiter=";")
        yield "\ufeff" + writer.writerow([_("Organisatie"), _("Naam"), _("Rol"), _("Mandaat"), _("Telefoon"), _("E-mail"), _("Escalatiecontact")])
        for c in rows.iterator(chunk_size=1000):
            yield writer.writerow([c.organisatie.naam, c.naam, c.rol, c.mandaat, c.telefoon, c.email,
                                   c.escalatiecontact.naam if c.escalatiecontact else ""])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="telefoonlijst.csv"'
    return response


def contactpersoon(request, cid=None):
    vereis(request, "escalatie.beheer_telefoonlijst")
    instance = get_object_or_404(Contactpersoon, pk=cid) if cid else None
    form = ContactpersoonForm(request.POST or None, instance=instance)
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
    vereis(request, "escalatie.beheer_telefoonlijst")
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
