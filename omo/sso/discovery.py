"""The provider's discovery document (`.well-known/openid-configuration`), cached.

The endpoints of mozilla-django-oidc's `OIDC_OP_*` settings come from here, so that OMO is
configured with one address. A document that was fetched is kept for an hour (its cache key
holds the discovery URL); a failure is not kept, so the next request asks again.
"""

import hashlib
import logging

import requests
from django.core.cache import cache

from omo.sso import instellingen

logger = logging.getLogger(__name__)

BEWAARTIJD = 60 * 60
VERPLICHT = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")

# mozilla-django-oidc's setting -> the discovery document's key.
OP_INSTELLINGEN = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
    "OIDC_OP_ISSUER": "issuer",
}


class ProviderOnbereikbaar(Exception):
    """The provider did not answer, or not with a usable discovery document."""


def cache_sleutel(url: str) -> str:
    return "oidc-discovery:" + hashlib.sha256(url.encode()).hexdigest()


def document(url: str | None = None) -> dict:
    """The discovery document of `url` (default: OIDC_DISCOVERY_URL). Raises ProviderOnbereikbaar."""
    url = url or instellingen.instelling("OIDC_DISCOVERY_URL", "")
    if not url:
        raise ProviderOnbereikbaar("OIDC_DISCOVERY_URL is not set")
    sleutel = cache_sleutel(url)
    try:
        bewaard = cache.get(sleutel)
    except Exception:  # noqa: BLE001 - a cache outage must not stop the login
        logger.warning("OIDC discovery: the cache cannot be read", exc_info=True)
        bewaard = None
    if bewaard:
        return bewaard
    try:
        antwoord = requests.get(url, timeout=instellingen.timeout(), headers={"Accept": "application/json"})
        antwoord.raise_for_status()
        gegevens = antwoord.json()
    except (requests.RequestException, ValueError) as fout:
        logger.warning("OIDC discovery failed for %s: %s", url, type(fout).__name__)
        raise ProviderOnbereikbaar(str(fout)) from fout
    if not isinstance(gegevens, dict) or any(not gegevens.get(k) for k in VERPLICHT):
        logger.warning("OIDC discovery document of %s lacks one of %s", url, ", ".join(VERPLICHT))
        raise ProviderOnbereikbaar("incomplete discovery document")
    try:
        cache.set(sleutel, gegevens, BEWAARTIJD)
    except Exception:  # noqa: BLE001
        logger.warning("OIDC discovery: the cache cannot be written", exc_info=True)
    return gegevens


def bewaard(url: str | None = None) -> dict:
    """The cached document, or {}: never asks the provider (for every page's response)."""
    url = url or instellingen.instelling("OIDC_DISCOVERY_URL", "")
    if not url:
        return {}
    try:
        return cache.get(cache_sleutel(url)) or {}
    except Exception:  # noqa: BLE001
        return {}


def vergeet(url: str | None = None) -> None:
    """Drop the cached document (after the provider's keys or endpoints changed)."""
    url = url or instellingen.instelling("OIDC_DISCOVERY_URL", "")
    if url:
        cache.delete(cache_sleutel(url))


def eindpunt(instelling_naam: str):
    """The value of one `OIDC_OP_*` setting, from the discovery document (None when absent)."""
    return document().get(OP_INSTELLINGEN[instelling_naam]) or None


# Fixed values of mozilla-django-oidc's settings: not taken from a (test's) settings object.
VAST = {
    "OIDC_USE_PKCE": True,
    "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
    "OIDC_USE_NONCE": True,
    "OIDC_STORE_ID_TOKEN": True,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_VERIFY_SSL": True,
    "OIDC_ALLOW_UNSECURED_JWT": False,
    "OIDC_VERIFY_KID": True,
    "OIDC_RP_IDP_SIGN_KEY": None,
    "OIDC_TOKEN_USE_BASIC_AUTH": False,
    "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_authentication_callback",
    "OIDC_REDIRECT_FIELD_NAME": "next",
}


def get_settings(attr, *args):
    """mozilla-django-oidc's `get_settings`, for OMO: endpoints from discovery, the rest read at
    request time with OMO's defaults."""
    if attr in OP_INSTELLINGEN:
        return eindpunt(attr)
    if attr in VAST:
        return VAST[attr]
    waarden = {
        "OIDC_RP_SCOPES": instellingen.scopes,
        "OIDC_RP_SIGN_ALGO": instellingen.algoritme,
        "OIDC_TIMEOUT": instellingen.timeout,
    }
    if attr in waarden:
        return waarden[attr]()
    return instellingen.instelling(attr, *(args or (None,)))
