"""The pages of a login through the identity provider, and OMO's logout.

All of them are open without a session (`login_not_required`) and answer 404 while single
sign-on is off (`/oidc/...` is always routed, so that switching it on needs no restart of the
URL configuration). Every failure of the callback ends on one Dutch page
(`registration/sso_mislukt.html`) that tells the user what to do; the technical reason is logged
at WARNING, without tokens.
"""

import logging
import time
from urllib.parse import urlencode

import jwt
import requests
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from omo.sso import discovery, instellingen
from omo.sso.backend import SsoGeweigerd

logger = logging.getLogger(__name__)


def onbereikbaar_tekst() -> str:
    return _(
        "De identiteitsprovider is niet bereikbaar. Probeer het over een paar minuten opnieuw. Lukt het dan "
        "nog niet, neem contact op met de functioneel beheerder."
    )


def _verlopen_tekst() -> str:
    return _(
        "Deze inlogpoging is verlopen of niet herkend, bijvoorbeeld omdat je op ‘terug’ drukte of in een ander "
        "venster opnieuw begon. Probeer opnieuw in te loggen."
    )


def _ongeldig_tekst() -> str:
    return _(
        "Het antwoord van de identiteitsprovider kon niet worden gecontroleerd. Probeer opnieuw in te loggen. "
        "Lukt het dan nog niet, neem contact op met de functioneel beheerder."
    )


def _geweigerd_tekst() -> str:
    return _(
        "De identiteitsprovider heeft het inloggen niet toegestaan. Probeer opnieuw in te loggen; lukt het "
        "niet, neem contact op met de functioneel beheerder."
    )


def mislukt(request, reden: str, status: int = 403):
    return render(request, "registration/sso_mislukt.html", {"reden": reden}, status=status)


def _vereis_aan() -> None:
    if not instellingen.aan():
        raise Http404


@method_decorator(login_not_required, name="dispatch")
class Start(OIDCAuthenticationRequestView):
    """To the provider's login page: authorization code flow with PKCE (S256), state and nonce."""

    get_settings = staticmethod(discovery.get_settings)

    def __init__(self, **kwargs):
        # mozilla-django-oidc reads the endpoint here; OMO does so in `get`, where a provider
        # that does not answer can be shown as such.
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        _vereis_aan()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except discovery.ProviderOnbereikbaar:
            return mislukt(request, onbereikbaar_tekst(), status=503)
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class Callback(OIDCAuthenticationCallbackView):
    """The provider sends the user back here with a code: exchanged, checked, and a session."""

    get_settings = staticmethod(discovery.get_settings)

    def get(self, request):
        _vereis_aan()
        states = request.session.get("oidc_states")
        state = request.GET.get("state")
        if not isinstance(states, dict):
            states = {}
        if request.GET.get("error"):
            if state in states:
                del states[state]
                request.session.modified = True
            if request.user.is_authenticated:
                auth.logout(request)
            logger.warning(
                "OIDC login refused by the provider: %s", request.GET.get("error")[:100],
            )
            return mislukt(request, _geweigerd_tekst(), status=403)
        code = request.GET.get("code")
        if not code or not state or state not in states:
            logger.warning("OIDC callback with %s state", "an unknown" if state else "no")
            return mislukt(request, _verlopen_tekst(), status=400)
        poging = states.pop(state)
        request.session.modified = True
        request.session.save()
        # Read the session anew after the (slow) token exchange, as mozilla-django-oidc does:
        # what another tab changed meanwhile is not overwritten.
        request.session = request.session.__class__(request.session.session_key)
        try:
            self.user = auth.authenticate(
                request=request, nonce=poging.get("nonce"), code_verifier=poging.get("code_verifier")
            )
        except SsoGeweigerd as fout:
            logger.warning("OIDC login refused by OMO: %s", fout)
            return mislukt(request, fout.reden, status=403)
        except requests.HTTPError as fout:
            status = getattr(fout.response, "status_code", "?")
            logger.warning("OIDC provider answered the token, keys or userinfo request with HTTP %s", status)
            if isinstance(status, int) and status >= 500:
                return mislukt(request, onbereikbaar_tekst(), status=503)
            return mislukt(request, _ongeldig_tekst(), status=403)
        except (discovery.ProviderOnbereikbaar, requests.RequestException) as fout:
            logger.warning("OIDC provider unreachable during the callback: %s", type(fout).__name__)
            return mislukt(request, onbereikbaar_tekst(), status=503)
        except (SuspiciousOperation, jwt.InvalidTokenError, KeyError, ValueError, TypeError) as fout:
            logger.warning("OIDC callback refused: %s: %s", type(fout).__name__, str(fout)[:300])
            return mislukt(request, _ongeldig_tekst(), status=403)
        if self.user is None:
            logger.warning("OIDC callback: no user (the token's claims were refused)")
            return mislukt(request, _ongeldig_tekst(), status=403)
        if not self.user.is_active:
            return mislukt(request, _ongeldig_tekst(), status=403)
        return self.login_success()

    def login_success(self):
        auth.login(self.request, self.user)
        self.request.session["oidc_id_token_expiration"] = time.time() + 15 * 60
        return HttpResponseRedirect(self.success_url)

    @property
    def success_url(self):
        return self.request.session.get("oidc_login_next") or resolve_url("home")


def provider_uitlog_url(request, id_token: str) -> str | None:
    """The provider's logout (RP-initiated logout) for a session that came from it, or None."""
    try:
        eindpunt = discovery.eindpunt("OIDC_OP_LOGOUT_ENDPOINT")
    except discovery.ProviderOnbereikbaar:
        return None
    if not eindpunt:
        return None
    params = {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        "client_id": instellingen.instelling("OIDC_RP_CLIENT_ID", ""),
    }
    scheiding = "&" if "?" in eindpunt else "?"
    return f"{eindpunt}{scheiding}{urlencode(params)}"


class Uitloggen(auth_views.LogoutView):
    """OMO's logout (POST): ends the OMO session and, for a session that came from the identity
    provider and a provider that offers it, the provider's session too."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token") if request.user.is_authenticated else None
        response = super().post(request, *args, **kwargs)
        if id_token and instellingen.aan():
            url = provider_uitlog_url(request, id_token)
            if url:
                return HttpResponseRedirect(url)
        return response


class ProviderUitloggen(Uitloggen):
    """mozilla-django-oidc's `oidc_logout`: the same as OMO's logout, while single sign-on is on."""

    def dispatch(self, request, *args, **kwargs):
        _vereis_aan()
        return super().dispatch(request, *args, **kwargs)
