"""The local login form, with single sign-on's break-glass rule in its message."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omo.sso import instellingen

# Set on the request by `omo.backends.RoleModelBackend` when the password was right but the rule
# `omo.lokaal_inloggen` refuses a local login (single sign-on is on, no break-glass account).
ALLEEN_SSO = "omo_alleen_sso"


class InlogForm(AuthenticationForm):
    alleen_sso_melding = _(
        "Log in met je organisatie-account. Alleen noodaccounts loggen hier in met een wachtwoord. "
        "Met een noodaccount: controleer je gebruikersnaam en wachtwoord (hoofdletters tellen)."
    )

    def get_invalid_login_error(self):
        # With single sign-on on, every refusal reads the same, whether the password was right
        # (an ordinary account) or wrong: otherwise the form would tell anyone who guesses, or
        # holds a leaked list, which passwords are right, for accounts that cannot log in here.
        if getattr(self.request, ALLEEN_SSO, False) or instellingen.aan():
            return ValidationError(self.alleen_sso_melding, code="alleen_sso")
        return super().get_invalid_login_error()
