"""Logging in with a local account: the password, then the second factor; and the account page
of one's own second factor.

1. `InloggenView` (Django's LoginView) checks the password. When the user has a second factor,
   or needs one (rule `omo.tweede_factor_verplicht`), the session is marked as owing it
   (`omo.middleware.TWEEDE_STAP_KEY`) *before* `login()`, and the user goes on to the code step,
   or to enrolment when they have no factor yet. `omo.middleware.TweedeFactorMiddleware` keeps
   a marked session on those pages until a code is right.
2. The code step takes a code of the app or a recovery code (`omo.tweedefactor.verifieer`).
   Every wrong code is a failed login for django-axes (`user_login_failed` with the username),
   under the same limits as a wrong password (5 per username and address); at the limit the
   session ends and the lockout page shows. A right password does not clear those failures
   while the code is owed (`omo.inloggen.InlogHandler`); a right code does.
3. Enrolment at login shows the QR code and the secret, takes the first code, and then shows
   the recovery codes once.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from omo import eenmalig, tweedefactor
from omo.forms import OmoForm, fout_in_form
from omo.middleware import TWEEDE_STAP_KEY, tweede_stap_open
from omo.toegang import vereis_pagina
from omo.weigering import Weigering

# The recovery codes just made, until the page that shows them once has read them.
HERSTELCODES_KEY = "omo_herstelcodes"


class CodeForm(OmoForm):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=64,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
                "class": "omo-code",
            }
        ),
    )


def _veilig(request, url) -> str | None:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def _volgende(request) -> str:
    """Where to go after the second factor: a safe `next`, else the home page."""
    return _veilig(request, request.POST.get("next") or request.GET.get("next")) or resolve_url(
        settings.LOGIN_REDIRECT_URL
    )


def _met_volgende(url_name: str, volgende: str | None) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': volgende})}" if volgende else url


def _credentials(user) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


class InloggenView(auth_views.LoginView):
    """Django's login, followed by the second factor where the user has or needs one."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        stap = tweedefactor.stap_bij_inloggen(user)
        if stap is None:
            return super().form_valid(form)
        session = self.request.session
        if session.get(SESSION_KEY) not in (None, str(user.pk)):
            # login() would empty a session of someone else, marker included, after we set it.
            session.flush()
        # Before login(): its signal handlers (the lockout's reset) see the marker.
        session[TWEEDE_STAP_KEY] = True
        auth_login(self.request, user)
        session[TWEEDE_STAP_KEY] = True
        volgende = _veilig(self.request, self.get_redirect_url())
        naam = "tweede_factor_code" if stap == tweedefactor.CODE else "tweede_factor_instellen"
        return HttpResponseRedirect(_met_volgende(naam, volgende))


def _geblokkeerd(request, credentials):
    """The lockout: the session ends, the lockout page shows (django-axes's, status 429)."""
    request.axes_locked_out = True
    request.axes_credentials = credentials
    logout(request)
    return get_lockout_response(request, None, credentials)


def tweede_stap_geslaagd(request, device) -> None:
    """The session passed its second factor: verified, unmarked, the failures forgotten.
    Every way of passing it (app, recovery code, passkey) ends here."""
    otp_login(request, device)
    request.session.pop(TWEEDE_STAP_KEY, None)
    request.session.cycle_key()
    if settings.AXES_RESET_ON_SUCCESS:
        AxesProxyHandler.update_request(request)
        AxesProxyHandler.get_implementation().reset_user_attempts(request, _credentials(request.user))


def code(request):
    """The code step: a code of the app, or a recovery code."""
    if not tweede_stap_open(request):
        return redirect(_volgende(request))
    user = request.user
    volgende = _veilig(request, request.POST.get("next") or request.GET.get("next"))
    stap = tweedefactor.stap_bij_inloggen(user)
    if stap is None:
        # The factor went while the code was owed (a reset) and none is required: in.
        request.session.pop(TWEEDE_STAP_KEY, None)
        return redirect(_volgende(request))
    if stap == tweedefactor.INSTELLEN:
        return redirect(_met_volgende("tweede_factor_instellen", volgende))
    credentials = _credentials(user)
    if not AxesProxyHandler.is_allowed(request, credentials):
        return _geblokkeerd(request, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = tweedefactor.verifieer(user, code=form.cleaned_data["code"])
        except Weigering as fout:
            fout_in_form(form, fout)
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return _geblokkeerd(request, credentials)
            # Nothing typed is shown again: a code is used once.
            form.data = form.data.copy()
            form.data["code"] = ""
        else:
            tweede_stap_geslaagd(request, device)
            return redirect(_volgende(request))
    return render(request, "registration/tweede_factor_code.html", {"form": form, "next": volgende or ""})


def instellen(request):
    """Enrolment forced at login: a user who needs a second factor and has none sets up an app."""
    if not tweede_stap_open(request):
        return redirect(_volgende(request))
    volgende = _veilig(request, request.POST.get("next") or request.GET.get("next"))
    if tweedefactor.stap_bij_inloggen(request.user) != tweedefactor.INSTELLEN:
        return redirect(_met_volgende("tweede_factor_code", volgende))
    return _app_instellen(request, "registration/tweede_factor_instellen.html", volgende, bij_inloggen=True)


def _app_instellen(request, template, volgende, *, bij_inloggen: bool):
    user = request.user
    geverifieerd = user.is_verified()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Claimed before anything else: a double click on "Bevestigen" confirms once and must not
        # begin a second app (with another secret) after the first was confirmed.
        herstelcodes_url = _met_volgende("tweede_factor_herstelcodes", volgende or reverse("tweede_factor"))
        try:
            with eenmalig.eenmaal(request, "tweede factor instellen") as sleutel:
                device, codes = tweedefactor.bevestig_app(
                    user, code=form.cleaned_data["code"], geverifieerd=geverifieerd
                )
                sleutel.onthoud(herstelcodes_url)
        except eenmalig.AlVerwerkt as al:
            return eenmalig.al_gedaan(request, al, _("Je authenticator-app was al ingesteld."), herstelcodes_url)
        except Weigering as fout:
            fout_in_form(form, fout)
            form.data = form.data.copy()
            form.data["code"] = ""
        else:
            if bij_inloggen:
                tweede_stap_geslaagd(request, device)
            else:
                otp_login(request, device)
            request.session[HERSTELCODES_KEY] = codes
            messages.success(request, _("Je authenticator-app is ingesteld."))
            return redirect(herstelcodes_url)
    try:
        device = tweedefactor.begin_app(user, geverifieerd=geverifieerd)
    except Weigering as fout:
        messages.error(request, fout.message)
        return redirect("tweede_factor")
    context = {
        "form": form,
        "next": volgende or "",
        "qr": tweedefactor.qr_svg(device, _("QR-code om OMO aan je authenticator-app toe te voegen")),
        "geheim": tweedefactor.geheim_in_groepen(device),
        "verplicht": tweedefactor.is_verplicht(user),
    }
    return render(request, template, context)


# --- The account page ----------------------------------------------------------------------------


def account(request):
    """The user's own second factor: what they have, and what they can do about it."""
    vereis_pagina(request, "omo.beheer_eigen_tweede_factor")
    user = request.user
    context = {
        "verplicht": tweedefactor.is_verplicht(user),
        "app": tweedefactor.app(user),
        "herstelcodes_over": tweedefactor.herstelcodes_over(user),
        "heeft_tweede_factor": tweedefactor.heeft_tweede_factor(user),
        "geverifieerd": user.is_verified(),
    }
    return render(request, "omo/tweedefactor/account.html", context)


def app_instellen(request):
    """Set up (or replace) the authenticator app from the account page."""
    vereis_pagina(request, "omo.beheer_eigen_tweede_factor")
    return _app_instellen(request, "omo/tweedefactor/app_instellen.html", reverse("tweede_factor"), bij_inloggen=False)


def herstelcodes(request):
    """The recovery codes just made, shown this once."""
    vereis_pagina(request, "omo.beheer_eigen_tweede_factor")
    codes = request.session.pop(HERSTELCODES_KEY, None)
    context = {"codes": codes, "next": _volgende(request)}
    return render(request, "omo/tweedefactor/herstelcodes.html", context)


@require_POST
def herstelcodes_nieuw(request):
    vereis_pagina(request, "omo.beheer_eigen_tweede_factor")
    try:
        codes = tweedefactor.maak_herstelcodes(request.user, geverifieerd=request.user.is_verified())
    except Weigering as fout:
        messages.error(request, fout.message)
        return redirect("tweede_factor")
    request.session[HERSTELCODES_KEY] = codes
    return redirect(_met_volgende("tweede_factor_herstelcodes", reverse("tweede_factor")))


@require_POST
def verwijderen(request):
    vereis_pagina(request, "omo.beheer_eigen_tweede_factor")
    try:
        tweedefactor.verwijder(request.user, geverifieerd=request.user.is_verified())
    except Weigering as fout:
        messages.error(request, fout.message)
    else:
        messages.success(request, _("Je authenticator-app en herstelcodes zijn verwijderd."))
    return redirect("tweede_factor")
