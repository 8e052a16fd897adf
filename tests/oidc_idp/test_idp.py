"""The test provider itself, with nothing but HTTP: the code flow with PKCE, the ID token checked
against the published keys, the groups claim, every fault mode, and the end of the session."""

import base64
import hashlib
import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests

REDIRECT = "http://rp.example/oidc/callback/"
AFTER_LOGOUT = "http://rp.example/"


@pytest.fixture
def idp(oidc_provider):
    oidc_provider._control("client", redirect_uris=[REDIRECT], post_logout_redirect_uris=[AFTER_LOGOUT])
    oidc_provider.gebruiker("anna", "anna-wachtwoord", ["omo-consulenten", "wijkteam-noord"], naam="Anna de Vries")
    return oidc_provider


def discovery(idp):
    return requests.get(idp.discovery_url, timeout=5).json()


def authorize(idp, browser, *, nonce="nonce-1", state="state-1", scope="openid email profile groups"):
    """Login + authorization with PKCE; returns (callback query, code_verifier)."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    url = discovery(idp)["authorization_endpoint"] + "?" + urlencode(
        {
            "response_type": "code",
            "client_id": idp.client_id,
            "redirect_uri": REDIRECT,
            "scope": scope,
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    location = idp.inloggen(browser, url, "anna", "anna-wachtwoord")
    assert location.startswith(REDIRECT), location
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}, verifier


def token(idp, code, verifier):
    return requests.post(
        discovery(idp)["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
            "client_id": idp.client_id,
            "client_secret": idp.client_secret,
        },
        timeout=10,
    )


def verify(idp, id_token, *, nonce="nonce-1"):
    """What a careful relying party checks; raises jwt.InvalidTokenError or AssertionError."""
    jwks = jwt.PyJWKClient(discovery(idp)["jwks_uri"])
    key = jwks.get_signing_key_from_jwt(id_token)
    claims = jwt.decode(id_token, key.key, algorithms=["RS256"], audience=idp.client_id, issuer=idp.issuer)
    assert claims["nonce"] == nonce, "nonce"
    return claims


def full_flow(idp, browser=None):
    browser = browser or idp.browser()
    query, verifier = authorize(idp, browser)
    response = token(idp, query["code"], verifier)
    assert response.status_code == 200, response.text
    return response.json(), browser


def test_discovery_names_the_issuer_in_its_tokens_and_offers_logout(idp):
    info = discovery(idp)
    assert info["issuer"] == idp.issuer
    assert info["end_session_endpoint"].startswith(idp.issuer)
    assert "code" in info["response_types_supported"]
    assert requests.get(info["jwks_uri"], timeout=5).json()["keys"][0]["alg"] == "RS256"


def test_code_flow_with_pkce_gives_a_valid_id_token_with_groups(idp):
    body, _ = full_flow(idp)
    claims = verify(idp, body["id_token"])
    assert jwt.get_unverified_header(body["id_token"])["alg"] == "RS256"
    assert claims["groups"] == ["omo-consulenten", "wijkteam-noord"]
    assert claims["email"] == "anna@gemeente.example"
    assert claims["given_name"] == "Anna"
    assert claims["exp"] > time.time()

    userinfo = requests.get(
        discovery(idp)["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {body['access_token']}"},
        timeout=5,
    ).json()
    assert userinfo["sub"] == claims["sub"]
    assert userinfo["groups"] == ["omo-consulenten", "wijkteam-noord"]
    assert userinfo["preferred_username"] == "anna"


def test_groups_follow_the_provider_and_may_be_empty(idp):
    idp.zet_groepen("anna", ["omo-beheer"])
    assert verify(idp, full_flow(idp)[0]["id_token"])["groups"] == ["omo-beheer"]
    idp.zet_groepen("anna", [])
    assert verify(idp, full_flow(idp)[0]["id_token"])["groups"] == []


def test_pkce_is_enforced(idp):
    query, _ = authorize(idp, idp.browser())
    response = token(idp, query["code"], "een-andere-verifier-" + "x" * 40)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_wrong_password_stays_at_the_login_page(idp):
    browser = idp.browser()
    with pytest.raises(AssertionError, match="inloggen bij de provider mislukt"):
        idp.inloggen(
            browser,
            discovery(idp)["authorization_endpoint"] + "?" + urlencode(
                {"response_type": "code", "client_id": idp.client_id, "redirect_uri": REDIRECT, "scope": "openid"}
            ),
            "anna",
            "fout",
        )
    assert not idp.heeft_sessie("anna")


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("verlopen", jwt.ExpiredSignatureError),
        ("verkeerde-audience", jwt.InvalidAudienceError),
        ("verkeerde-issuer", jwt.InvalidIssuerError),
        ("andere-sleutel", jwt.InvalidSignatureError),
        ("vervalst", jwt.InvalidSignatureError),
    ],
)
def test_faulty_next_token(idp, mode, error):
    idp.volgende_token(mode)
    body, _ = full_flow(idp)
    with pytest.raises(error):
        verify(idp, body["id_token"])
    # Only the next one: the token after it is sound again.
    verify(idp, full_flow(idp)[0]["id_token"])


def test_wrong_nonce(idp):
    idp.volgende_token("verkeerde-nonce")
    body, _ = full_flow(idp)
    with pytest.raises(AssertionError, match="nonce"):
        verify(idp, body["id_token"])


def test_tampered_token_claims_an_extra_group(idp):
    idp.volgende_token("vervalst")
    body, _ = full_flow(idp)
    assert "beheerders" in jwt.decode(body["id_token"], options={"verify_signature": False})["groups"]


def test_refusal_answers_access_denied(idp):
    browser = idp.browser()
    full_flow(idp, browser)  # logged in at the provider
    idp.volgende_token("weigeren")
    url = discovery(idp)["authorization_endpoint"] + "?" + urlencode(
        {"response_type": "code", "client_id": idp.client_id, "redirect_uri": REDIRECT,
         "scope": "openid", "state": "s-2"}
    )
    location = idp.volg(browser, url)
    query = parse_qs(urlsplit(location).query)
    assert location.startswith(REDIRECT)
    assert query["error"] == ["access_denied"] and query["state"] == ["s-2"]


def test_end_session_ends_the_provider_session(idp):
    body, browser = full_flow(idp)
    assert idp.heeft_sessie("anna")
    url = discovery(idp)["end_session_endpoint"] + "?" + urlencode(
        {"id_token_hint": body["id_token"], "post_logout_redirect_uri": AFTER_LOGOUT, "state": "uit"}
    )
    assert idp.volg(browser, url) == AFTER_LOGOUT + "?state=uit"
    assert not idp.heeft_sessie("anna")


def test_control_needs_the_secret(idp):
    response = requests.post(f"{idp.base_url}/test-control/", json={"action": "reset"}, timeout=5)
    assert response.status_code == 403


def test_reset_empties_the_provider(oidc_provider):
    oidc_provider.gebruiker("piet", "w", [])
    oidc_provider.reset()
    with pytest.raises(AssertionError, match="400"):
        oidc_provider.zet_groepen("piet", [])
