"""Pages of the beheerder: a user's roles (propose a change, or a reset of their second factor),
the role changes waiting for a second beheerder, and the password views that end a forced
password change.

Thin: they ask the rules (`omo.rules`) and change through `omo.rolbeheer`.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omo import eenmalig, queries, rolbeheer
from omo.forms import fout_in_form
from omo.forms_beheer import (
    BeoordelingForm,
    FactorherstelForm,
    IntrekkenForm,
    RolwijzigingForm,
    WachtwoordHerstellenForm,
)
from omo.models import Rolwijziging, User
from omo.paginering import BegrensdePaginator
from omo.roles import ROLLEN, roles_of
from omo.toegang import vereis_pagina
from omo.weigering import Weigering

PAGE_SIZE = 50
S = Rolwijziging.Status


def _wijzigingen():
    return Rolwijziging.objects.select_related("gebruiker", "voorgesteld_door", "beoordeeld_door")


def _eerder(wijzigingen, request):
    return BegrensdePaginator(
        wijzigingen.exclude(status=S.VOORGESTELD).order_by("-voorgesteld_op", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))


def _vier_ogen_rollen() -> list:
    return [ROLLEN[code].naam for code in ROLLEN if code in rolbeheer.GEPRIVILEGIEERD]


SOORTEN_TWEEDE_FACTOR = {
    "otp_totp.totpdevice": gettext_lazy("app met inlogcodes"),
    "otp_static.staticdevice": gettext_lazy("herstelcodes"),
    "django_otp_webauthn.webauthncredential": gettext_lazy("passkey"),
}


def _tweede_factor(gebruiker) -> dict:
    """What the beheerder sees of a user's second factor: which kinds, never a secret."""
    soorten = {str(SOORTEN_TWEEDE_FACTOR.get(label, label)): aantal
               for label, aantal in rolbeheer.soorten_tweede_factor(gebruiker).items()}
    return {"ingesteld": bool(soorten), "soorten": sorted(soorten.items())}


def _rollenpagina(request, gebruiker, form, bewaard=None, status=200, herstel_form=None):
    wijzigingen = _wijzigingen().filter(gebruiker=gebruiker)
    return render(request, "omo/beheer/gebruiker_rollen.html", {
        "gebruiker": gebruiker,
        "tweede_factor": _tweede_factor(gebruiker),
        "herstel_form": herstel_form or FactorherstelForm(prefix=FactorherstelForm.PREFIX),
        "rollen": [ROLLEN[code] for code in roles_of(gebruiker)],
        "open": list(wijzigingen.filter(status=S.VOORGESTELD).order_by("voorgesteld_op", "pk")),
        "page": _eerder(wijzigingen, request),
        "form": form,
        "bewaard": bewaard,
        "vier_ogen_rollen": _vier_ogen_rollen(),
    }, status=status)


def _lijstpagina(request, bewaard=None, status=200):
    return render(request, "omo/beheer/rolwijzigingen.html", {
        "open": list(queries.open_rolwijzigingen()),
        "page": _eerder(_wijzigingen(), request),
        "bewaard": bewaard,
        "vier_ogen_rollen": _vier_ogen_rollen(),
    }, status=status)


def gebruiker_rollen(request, pk):
    vereis_pagina(request, "omo.bekijk_rolwijzigingen")
    gebruiker = get_object_or_404(User.objects.select_related("team"), pk=pk)
    form = RolwijzigingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            wijziging = rolbeheer.wijzig_rol(gebruiker.pk, request.user, rol=d["rol"], actie=d["actie"],
                                              reden=d["reden"])
        except Weigering as fout:
            # On its field, or as a message (the form is not offered for one's own roles); the
            # page is shown again with what was typed.
            if fout.field in form.fields:
                fout_in_form(form, fout)
            else:
                messages.error(request, fout.message)
        else:
            _meld_resultaat(request, wijziging)
            return redirect("gebruiker_rollen", pk=gebruiker.pk)
    return _rollenpagina(request, gebruiker, form)


@require_POST
def tweede_factor_herstellen(request, pk):
    """Propose to reset the second factor of user `pk` (a second beheerder approves it)."""
    vereis_pagina(request, "omo.bekijk_rolwijzigingen")
    gebruiker = get_object_or_404(User.objects.select_related("team"), pk=pk)
    form = FactorherstelForm(request.POST, prefix=FactorherstelForm.PREFIX)
    if form.is_valid():
        try:
            with eenmalig.eenmaal(request, f"tweede factor herstellen {gebruiker.pk}") as sleutel:
                wijziging = rolbeheer.stel_factorherstel_voor(gebruiker.pk, request.user,
                                                              reden=form.cleaned_data["reden"])
                sleutel.onthoud(reverse("gebruiker_rollen", kwargs={"pk": gebruiker.pk}))
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(
                request, al, _("Dit voorstel was al gedaan; er is geen tweede voorstel gemaakt."),
                reverse("gebruiker_rollen", kwargs={"pk": gebruiker.pk}))
        except Weigering as fout:
            if fout.field in form.fields:
                fout_in_form(form, fout)
            else:
                messages.error(request, fout.message)
                return redirect("gebruiker_rollen", pk=gebruiker.pk)
        else:
            _meld_resultaat(request, wijziging)
            return redirect("gebruiker_rollen", pk=gebruiker.pk)
    return _rollenpagina(request, gebruiker, RolwijzigingForm(), herstel_form=form)


def _meld_resultaat(request, wijziging):
    if wijziging.status == S.VOORGESTELD:
        messages.success(request, _("Voorstel gedaan: %(wat)s. Het gaat in zodra een tweede beheerder het goedkeurt.")
                         % {"wat": rolbeheer.omschrijving(wijziging)})
        if not rolbeheer.beoordelaars(wijziging):
            messages.warning(request, _(
                "Er is geen andere beheerder die dit kan goedkeuren. Op een installatie met één beheerder keurt "
                "iemand met toegang tot de server het goed met: manage.py rol_goedkeuren %(id)s"
            ) % {"id": wijziging.pk})
    else:
        messages.success(request, _("Gedaan: %(wat)s.") % {"wat": rolbeheer.omschrijving(wijziging)})


def rolwijzigingen(request):
    vereis_pagina(request, "omo.bekijk_rolwijzigingen")
    return _lijstpagina(request)


def _terug(request, wijziging):
    if request.POST.get("terug") == "gebruiker":
        return redirect("gebruiker_rollen", pk=wijziging.gebruiker_id)
    return redirect("rolwijzigingen")


def _opnieuw(request, wijziging, melding):
    """The page the decision came from again, with the message at the proposal and what was
    typed in its text field (a reason with a BSN, a rejection without one)."""
    bewaard = {"pk": wijziging.pk, "toelichting": request.POST.get("toelichting", ""), "fout": melding}
    if request.POST.get("terug") == "gebruiker":
        gebruiker = get_object_or_404(User.objects.select_related("team"), pk=wijziging.gebruiker_id)
        return _rollenpagina(request, gebruiker, RolwijzigingForm(), bewaard, status=400)
    return _lijstpagina(request, bewaard, status=400)


@require_POST
def rolwijziging_beoordelen(request, pk):
    vereis_pagina(request, "omo.bekijk_rolwijzigingen")
    wijziging = get_object_or_404(Rolwijziging, pk=pk)
    form = BeoordelingForm(request.POST)
    if not form.is_valid():
        return _opnieuw(request, wijziging, " ".join(m for fouten in form.errors.values() for m in fouten))
    besluit, toelichting = form.cleaned_data["besluit"], form.cleaned_data["toelichting"]
    try:
        if besluit == "goedkeuren":
            wijziging = rolbeheer.keur_goed(wijziging.pk, request.user, toelichting=toelichting)
        else:
            wijziging = rolbeheer.wijs_af(wijziging.pk, request.user, toelichting=toelichting)
    except Weigering as fout:
        if fout.field == "toelichting":
            return _opnieuw(request, wijziging, fout.message)
        messages.error(request, fout.message)  # decided already, or not theirs: nothing to keep
    else:
        if besluit == "goedkeuren":
            messages.success(request, _("Goedgekeurd: %(wat)s.") % {"wat": rolbeheer.omschrijving(wijziging)})
        else:
            messages.success(request, _("Afgewezen: %(wat)s.") % {"wat": rolbeheer.omschrijving(wijziging)})
    return _terug(request, wijziging)


@require_POST
def rolwijziging_intrekken(request, pk):
    vereis_pagina(request, "omo.bekijk_rolwijzigingen")
    wijziging = get_object_or_404(Rolwijziging, pk=pk)
    form = IntrekkenForm(request.POST)
    toelichting = form.cleaned_data["toelichting"] if form.is_valid() else ""
    try:
        wijziging = rolbeheer.trek_in(wijziging.pk, request.user, toelichting=toelichting)
    except Weigering as fout:
        messages.error(request, fout.message)
    else:
        messages.success(request, _("Ingetrokken: %(wat)s.") % {"wat": rolbeheer.omschrijving(wijziging)})
    return _terug(request, wijziging)


# --- Passwords: the user chooses them ----------------------------------------------------------


class WachtwoordWijzigenView(auth_views.PasswordChangeView):
    """Django's password change; a forced change ends with it. With single sign-on on, only for
    a break-glass account: the others have no local password (`omo.lokaal_inloggen`)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            vereis_pagina(request, "omo.lokaal_inloggen")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        rolbeheer.wachtwoord_gekozen(form.user)
        return response


class WachtwoordHerstellenView(auth_views.PasswordResetView):
    """Django's password reset by e-mail, with the link to OMO_BASE_URL (not the request's host)."""

    form_class = WachtwoordHerstellenForm

    def form_valid(self, form):
        self.extra_email_context = rolbeheer.herstelmail_context()
        return super().form_valid(form)


class WachtwoordKiezenView(auth_views.PasswordResetConfirmView):
    """The page behind the reset link; a forced change ends with it too."""

    reset_url_token = "nieuw-wachtwoord"

    def form_valid(self, form):
        response = super().form_valid(form)
        rolbeheer.wachtwoord_gekozen(form.user)
        return response


urlpatterns = [
    path("beheer/gebruikers/<int:pk>/rollen/", gebruiker_rollen, name="gebruiker_rollen"),
    path("beheer/gebruikers/<int:pk>/tweede-factor-herstellen/", tweede_factor_herstellen,
         name="tweede_factor_herstellen"),
    path("beheer/rolwijzigingen/", rolwijzigingen, name="rolwijzigingen"),
    path("beheer/rolwijzigingen/<int:pk>/beoordelen/", rolwijziging_beoordelen, name="rolwijziging_beoordelen"),
    path("beheer/rolwijzigingen/<int:pk>/intrekken/", rolwijziging_intrekken, name="rolwijziging_intrekken"),
]
