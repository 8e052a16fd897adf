"""Claims of the test provider: the user's groups as a `groups` claim, and the faulty-token modes."""

import time

from django.utils.translation import gettext_lazy as _
from oidc_provider.lib.claims import ScopeClaims

# The faults the next ID token can carry (set through the test-control endpoint).
EXPIRED = "verlopen"
WRONG_AUDIENCE = "verkeerde-audience"
WRONG_NONCE = "verkeerde-nonce"
WRONG_ISSUER = "verkeerde-issuer"
OTHER_KEY = "andere-sleutel"  # signed with a key that is not in the provider's JWKS
TAMPERED = "vervalst"  # payload changed after signing (the signature no longer matches)
REFUSED = "weigeren"  # the authorize endpoint answers error=access_denied

CLAIM_FAULTS = {EXPIRED, WRONG_AUDIENCE, WRONG_NONCE, WRONG_ISSUER}
SIGNATURE_FAULTS = {OTHER_KEY, TAMPERED}
TOKEN_FAULTS = CLAIM_FAULTS | SIGNATURE_FAULTS
FAULTS = TOKEN_FAULTS | {REFUSED}

OTHER_AUDIENCE = "een-andere-applicatie"
OTHER_NONCE = "een-nonce-van-een-ander-verzoek"
OTHER_ISSUER = "https://nep-provider.example"


def group_names(user):
    return sorted(user.groups.values_list("name", flat=True))


def userinfo(claims, user):
    """Standard claims from the idp's Django user."""
    claims["name"] = user.get_full_name() or user.username
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims


class GroupsScopeClaims(ScopeClaims):
    """Scope `groups` → claim `groups`: the names of the user's Django groups at the provider.

    The list is always present under this scope, also when empty (an empty list is a statement:
    the user is in no group any more)."""

    info_groups = (_("Groepen"), _("De groepen waar je lid van bent."))

    def scope_groups(self):
        return {"groups": group_names(self.user)}


def idtoken_processing_hook(id_token, user, token, request, **kwargs):
    """Puts a claim fault in the ID token when the token view took one for this request."""
    mode = getattr(request, "idp_token_fault", None)
    if mode == EXPIRED:
        now = int(time.time())
        id_token["iat"] = now - 3600
        id_token["exp"] = now - 1800
    elif mode == WRONG_AUDIENCE:
        id_token["aud"] = OTHER_AUDIENCE
    elif mode == WRONG_NONCE:
        id_token["nonce"] = OTHER_NONCE
    elif mode == WRONG_ISSUER:
        id_token["iss"] = OTHER_ISSUER
    return id_token
