"""The Content Security Policy of a session that came from the identity provider.

OMO's logout is a form (POST /uitloggen/) whose answer redirects to the provider's
`end_session_endpoint`. A browser checks the whole redirect chain of a form against the page's
`form-action` directive, which is 'self': the provider's address must be in it, or the browser
stops the logout at the provider's door. So the pages of such a session allow that address as
well (the discovery URL's origin and, when known, the logout endpoint's); nothing else changes.
"""

from urllib.parse import urlsplit

from omo.sso import discovery, instellingen


def _oorsprong(url: str) -> str | None:
    delen = urlsplit(url or "")
    return f"{delen.scheme}://{delen.netloc}" if delen.scheme in ("https", "http") and delen.netloc else None


def provider_oorsprongen() -> list[str]:
    adressen = [instellingen.instelling("OIDC_DISCOVERY_URL", ""), discovery.bewaard().get("end_session_endpoint")]
    return sorted({o for o in map(_oorsprong, adressen) if o})


class ProviderUitloggenCSP:
    """Listed after csp.middleware.CSPMiddleware, so that it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and instellingen.aan()
            and request.session.get("oidc_id_token")
        ):
            oorsprongen = provider_oorsprongen()
            if oorsprongen:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["form-action"] = [*update.get("form-action", []), *oorsprongen]
                response._csp_update = update
        return response
