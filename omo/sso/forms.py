"""The local login form, with single sign-on's break-glass rule in its message."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Set on the request by `omo.backends.RoleModelBackend` when the password was right but the rule
# `omo.lokaal_inloggen` refuses a local login (single sign-on is on, no break-glass account).
ALLEEN_SSO = "omo_alleen_sso"


class InlogForm(AuthenticationForm):
    alleen_sso_melding = _(
        "Log in met je organisatie-account. Alleen noodaccounts loggen hier in met een wachtwoord."
    )

    def get_invalid_login_error(self):
        if getattr(self.request, ALLEEN_SSO, False):
            return ValidationError(self.alleen_sso_melding, code="alleen_sso")
        return super().get_invalid_login_error()
