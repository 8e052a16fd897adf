"""Signal receivers of single sign-on (connected in `omo.apps`)."""

from django.contrib.auth import BACKEND_SESSION_KEY

from omo.sso import instellingen

OIDC_BACKEND = "omo.sso.backend.OIDCBackend"


def lokaal_ingelogd(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: a break-glass account logged in with its password while single sign-on
    is on. Every active beheerder is told (omo.services_sso.meld_noodlogin)."""
    if request is None or not getattr(user, "noodaccount", False) or not instellingen.aan():
        return
    if request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND:
        return
    from omo.middleware import client_ip
    from omo.services_sso import meld_noodlogin

    meld_noodlogin(user, client_ip(request))
