"""Passkeys: django-otp-webauthn's ceremony endpoints with OMO's rules, and removing one's own.

The endpoints keep the library's URL names (namespace `otp_webauthn`, so its JavaScript and
template configuration find them) but add OMO's conditions (`omo.passkeys`):

- registering: only when passkeys can work here and the rule `omo.voeg_passkey_toe` allows it
  (a confirmed authenticator app and a session that passed the second factor). The library
  alone would let a user without any device register one in a password-only session.
- authenticating: only as the second factor of a logged-in user (no passwordless login: the
  login middleware sends an anonymous request to the login page, and
  OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is off); the library refuses a passkey of another user
  (`CredentialUserMismatch`). After success it goes to `next` when that is a safe address on
  this site, otherwise to the home page.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn

from omo import passkeys
from omo.middleware import tweede_stap_open
from omo.toegang import mag
from omo.weigering import Weigering


class PasskeyNietMogelijk(exceptions.OTPWebAuthnApiError):
    status_code = 403
    code = "passkey_niet_mogelijk"
    default_detail = gettext_lazy("Een passkey toevoegen kan hier niet.")


class _Registratie:
    def check_can_register(self):
        beschikbaar = passkeys.beschikbaar(self.request)
        if not beschikbaar.ja:
            raise PasskeyNietMogelijk(detail=beschikbaar.waarom_niet)
        if not mag(self.request.user, "omo.voeg_passkey_toe"):
            raise PasskeyNietMogelijk(detail=_(
                "Een passkey voeg je toe nadat je de app met inlogcodes hebt ingesteld en met je tweede factor "
                "bent ingelogd."
            ))


class RegistratieBeginnen(_Registratie, webauthn.BeginCredentialRegistrationView):
    pass


class RegistratieAfronden(_Registratie, webauthn.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            # The new passkey gets a name people recognise (the browser gives none).
            passkeys.passkeys_van(self.request.user).filter(name="").update(name=passkeys.standaardnaam())
        return response


class Geblokkeerd(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_code = "geblokkeerd"
    default_detail = gettext_lazy(
        "Er is te vaak geprobeerd in te loggen met een verkeerde gebruikersnaam, een verkeerd wachtwoord of een "
        "verkeerde code. Inloggen is 5 minuten geblokkeerd; probeer het daarna opnieuw."
    )


class _Verificatie:
    def check_can_authenticate(self):
        if not self.request.user.is_authenticated:
            raise exceptions.PasswordlessLoginDisabled()
        if tweede_stap_open(self.request):
            # The lockout holds for a passkey as for a code (omo.views_inloggen.code): a session
            # that owes its second factor while its username or address is locked ends here.
            credentials = {settings.AXES_USERNAME_FORM_FIELD: self.request.user.get_username()}
            if not AxesProxyHandler.is_allowed(self.request, credentials):
                logout(self.request)
                raise Geblokkeerd()
        beschikbaar = passkeys.beschikbaar(self.request)
        if not beschikbaar.ja:
            raise PasskeyNietMogelijk(detail=beschikbaar.waarom_niet)
        super().check_can_authenticate()


class VerificatieBeginnen(_Verificatie, webauthn.BeginCredentialAuthenticationView):
    pass


class VerificatieAfronden(_Verificatie, webauthn.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        """Only ever the second factor of the logged-in user (never a passwordless login): the
        session passes it the way every factor does (marker gone, failures forgotten)."""
        from omo.views_inloggen import tweede_stap_geslaagd

        if not self.request.user.is_authenticated or device.user_id != self.request.user.pk:
            raise exceptions.PasswordlessLoginDisabled()
        tweede_stap_geslaagd(self.request, device)

    def get_redirect_url(self):
        """`next` when it stays on this site (the library checks the host and scheme too)."""
        volgende = self.request.GET.get("next") or ""
        veilig = url_has_allowed_host_and_scheme(
            volgende, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return volgende if veilig and volgende.startswith("/") and not volgende.startswith("//") else ""


webauthn_urlpatterns = [
    path("registratie/begin/", RegistratieBeginnen.as_view(), name="credential-registration-begin"),
    path("registratie/afronden/", RegistratieAfronden.as_view(), name="credential-registration-complete"),
    path("verificatie/begin/", VerificatieBeginnen.as_view(), name="credential-authentication-begin"),
    path("verificatie/afronden/", VerificatieAfronden.as_view(), name="credential-authentication-complete"),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]


def _terug(request):
    """Back to the page the form was on (the account page), when that is on this site."""
    terug = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}) and terug.startswith("/"):
        return redirect(terug)
    return redirect("home")


@require_POST
def passkey_verwijderen(request, pk):
    try:
        naam = passkeys.verwijder_passkey(pk, request.user)
    except Weigering as fout:
        messages.error(request, fout.message)
    else:
        messages.success(request, _("Passkey verwijderd: %(naam)s.") % {"naam": naam or _("passkey")})
    return _terug(request)


urlpatterns = [
    path("account/passkeys/<int:pk>/verwijderen/", passkey_verwijderen, name="passkey_verwijderen"),
]
