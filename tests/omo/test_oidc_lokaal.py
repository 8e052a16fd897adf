"""Single sign-on without a provider: the login page, the break-glass rule for local logins,
the password reset, the Dutch failure pages, the provider's logout and the ID-token checks.
(A real provider: tests/omo/test_oidc_flow.py.)"""

import io
import time

import jwt
import pytest
from axes.models import AccessAttempt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from omo import roles
from omo.models import Notificatie, User
from omo.sso import discovery
from omo.sso.backend import OIDCBackend
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "https://login.gemeente.nl/realms/omo/.well-known/openid-configuration"
ISSUER = "https://login.gemeente.nl/realms/omo"
DOCUMENT = {
    "issuer": ISSUER,
    "authorization_endpoint": f"{ISSUER}/auth",
    "token_endpoint": f"{ISSUER}/token",
    "userinfo_endpoint": f"{ISSUER}/userinfo",
    "jwks_uri": f"{ISSUER}/certs",
    "end_session_endpoint": f"{ISSUER}/logout",
}
ALLEEN_NOOD = "Log in met je organisatie-account. Alleen noodaccounts loggen hier in met een wachtwoord."


@pytest.fixture
def sso(settings):
    """Single sign-on on, with the discovery document in the cache (no network)."""
    roles.sync_roles()
    settings.OIDC_DISCOVERY_URL = URL
    settings.OIDC_RP_CLIENT_ID = "omo"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_ROLLEN = "omo-consulenten=consulent"
    settings.OIDC_NAAM = "gemeente-account"
    cache.set(discovery.cache_sleutel(URL), DOCUMENT, 60)
    yield settings
    cache.delete(discovery.cache_sleutel(URL))


def inloggen(username, password=PASSWORD, ip="10.0.0.1"):
    client = Client()
    return client, client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


# --- The login page ---------------------------------------------------------------------------


def test_login_page_without_single_sign_on_is_as_before(client):
    html = client.get(reverse("login")).content.decode()
    assert 'id="sso-knop"' not in html
    assert "<details" not in html
    assert 'id="lokaal-inloggen"' in html and 'name="password"' in html


def test_login_page_with_single_sign_on(sso, client):
    html = client.get(reverse("login") + "?next=/meldingen/").content.decode()
    assert 'id="sso-knop"' in html
    assert "Inloggen met je gemeente-account" in html
    assert f'href="{reverse("oidc_authentication_init")}?next=/meldingen/"' in html
    assert '<details id="lokaal-inloggen"' in html
    assert "Noodaccount (alleen bij storing)" in html
    assert html.index('id="sso-knop"') < html.index('id="lokaal-inloggen"')


# --- Local logins with single sign-on on -------------------------------------------------------


def test_local_login_refused_for_an_ordinary_account(sso, make_user):
    make_user("consulent", username="gewoon")
    client, response = inloggen("gewoon")
    assert response.status_code == 200
    assert ALLEEN_NOOD in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The refused login counts for the lockout like a wrong password.
    assert AccessAttempt.objects.filter(username="gewoon").exists()


def test_wrong_password_of_a_break_glass_account_counts_for_axes(sso, make_user):
    make_user("beheerder", username="nood", noodaccount=True)
    client, response = inloggen("nood", "verkeerd-wachtwoord")
    assert response.status_code == 200
    # The same words as for an ordinary account's right password: the form tells nobody which.
    assert ALLEEN_NOOD in response.content.decode()
    assert AccessAttempt.objects.get(username="nood").failures_since_start == 1


def test_break_glass_login_is_reported_to_every_beheerder(sso, make_user, caplog):
    beheerders = [make_user("beheerder"), make_user("beheerder")]
    make_user("beheerder", username="inactief", is_active=False)
    nood = make_user("beheerder", username="nood", noodaccount=True)
    with caplog.at_level("WARNING", logger="omo.services_sso"):
        client, response = inloggen("nood", ip="10.1.2.3")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == nood.pk
    for beheerder in [*beheerders, nood]:
        tekst = Notificatie.objects.get(gebruiker=beheerder).tekst
        assert tekst.startswith("Noodaccount nood heeft lokaal ingelogd om ")
        assert "vanaf IP 10.1.2.3" in tekst
    assert not Notificatie.objects.filter(gebruiker__username="inactief").exists()
    assert any("nood" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)


def test_without_single_sign_on_every_account_logs_in_locally_and_nobody_is_told(make_user):
    make_user("beheerder")
    make_user("consulent", username="gewoon")
    make_user("beheerder", username="nood", noodaccount=True)
    for username in ("gewoon", "nood"):
        _client, response = inloggen(username)
        assert response.status_code == 302
    assert not Notificatie.objects.exists()


def test_password_reset_only_for_break_glass_accounts(sso, make_user, client):
    make_user("consulent", username="gewoon", email="gewoon@gemeente.nl")
    make_user("beheerder", username="nood", email="nood@gemeente.nl", noodaccount=True)
    for email in ("gewoon@gemeente.nl", "nood@gemeente.nl"):
        response = client.post(reverse("password_reset"), {"email": email})
        assert response.status_code == 302  # the same answer either way
    assert [m.to for m in mail.outbox] == [["nood@gemeente.nl"]]


def test_password_change_only_for_accounts_with_a_local_password(sso, client, make_user):
    client.force_login(make_user("consulent"))
    assert reverse("password_change") not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("password_change")).status_code == 403
    client.force_login(make_user("beheerder", noodaccount=True))
    assert reverse("password_change") in client.get(reverse("home")).content.decode()
    assert client.get(reverse("password_change")).status_code == 200


# --- The provider's pages --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["oidc_authentication_init", "oidc_authentication_callback"])
def test_404_while_off(client, name):
    assert client.get(reverse(name)).status_code == 404


def test_start_redirects_with_pkce_state_and_nonce(sso, client):
    response = client.get(reverse("oidc_authentication_init") + "?next=/meldingen/")
    assert response.status_code == 302
    assert response["Location"].startswith(DOCUMENT["authorization_endpoint"] + "?")
    for deel in ("code_challenge_method=S256", "code_challenge=", "nonce=", "state=", "client_id=omo",
                 "scope=openid+email+profile"):
        assert deel in response["Location"]
    assert client.session["oidc_login_next"] == "/meldingen/"


def test_unreachable_provider_gives_a_dutch_page(sso, client):
    sso.OIDC_DISCOVERY_URL = "http://127.0.0.1:1/.well-known/openid-configuration"
    sso.OIDC_TIMEOUT = 2
    response = client.get(reverse("oidc_authentication_init"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "Inloggen is niet gelukt" in html
    assert "De identiteitsprovider is niet bereikbaar" in html
    assert "Traceback" not in html


@pytest.mark.parametrize(
    "query, status, tekst",
    [
        ("", 400, "Probeer opnieuw in te loggen"),
        ("?code=abc&state=onbekend", 400, "Probeer opnieuw in te loggen"),
        ("?error=access_denied&state=x", 403, "De identiteitsprovider heeft het inloggen niet toegestaan"),
    ],
)
def test_callback_failures_end_on_the_dutch_page(sso, client, query, status, tekst):
    response = client.get(reverse("oidc_authentication_callback") + query)
    assert response.status_code == status
    html = response.content.decode()
    assert "Inloggen is niet gelukt" in html and 'id="sso-reden"' in html and tekst in html
    assert "_auth_user_id" not in client.session


def test_token_endpoint_unreachable_gives_503_and_uses_the_state_once(sso, client):
    cache.set(discovery.cache_sleutel(URL), {**DOCUMENT, "token_endpoint": "http://127.0.0.1:1/token"}, 60)
    sso.OIDC_TIMEOUT = 2
    session = client.session
    session["oidc_states"] = {"s1": {"nonce": "n", "code_verifier": "v" * 64, "added_on": time.time()}}
    session.save()
    url = reverse("oidc_authentication_callback") + "?code=abc&state=s1"
    response = client.get(url)
    assert response.status_code == 503
    assert "De identiteitsprovider is niet bereikbaar" in response.content.decode()
    # The state was used: the same answer again is refused as unknown.
    assert client.get(url).status_code == 400


def test_provider_error_ends_an_existing_session(sso, client, make_user):
    client.force_login(make_user("consulent"))
    response = client.get(reverse("oidc_authentication_callback") + "?error=access_denied")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


# --- Logout ------------------------------------------------------------------------------------


def test_logout_of_a_provider_session_ends_the_providers_too(sso, client, make_user):
    client.force_login(make_user("consulent"))
    session = client.session
    session["oidc_id_token"] = "het.id.token"
    session.save()
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    locatie = response["Location"]
    assert locatie.startswith(DOCUMENT["end_session_endpoint"] + "?")
    assert "id_token_hint=het.id.token" in locatie
    assert "client_id=omo" in locatie
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Finloggen%2F" in locatie
    assert "_auth_user_id" not in client.session


def test_pages_of_a_provider_session_may_post_the_logout_on_to_the_provider(sso, client, make_user):
    # The browser checks the logout form's redirect to the provider against form-action.
    client.force_login(make_user("consulent"))
    assert "https://login.gemeente.nl" not in client.get(reverse("home"))["Content-Security-Policy"]
    session = client.session
    session["oidc_id_token"] = "het.id.token"
    session.save()
    csp = client.get(reverse("home"))["Content-Security-Policy"]
    form_action = next(d for d in csp.split(";") if d.strip().startswith("form-action"))
    assert form_action.split() == ["form-action", "'self'", "https://login.gemeente.nl"]
    assert "script-src 'self'" in csp


def test_logout_of_a_local_session_stays_local(sso, client, make_user):
    client.force_login(make_user("consulent"))
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def test_oidc_logout_is_the_same_logout(sso, client, make_user):
    client.force_login(make_user("consulent"))
    assert client.post(reverse("oidc_logout"))["Location"] == reverse("login")


# --- The ID token ------------------------------------------------------------------------------


@pytest.fixture
def sleutel():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def token(sleutel, **claims):
    nu = int(time.time())
    inhoud = {"iss": ISSUER, "aud": "omo", "sub": "abc", "iat": nu, "exp": nu + 300, "nonce": "n", **claims}
    inhoud = {k: v for k, v in inhoud.items() if v is not None}
    return jwt.encode(inhoud, sleutel, algorithm="RS256", headers={"kid": "k1"})


def test_a_good_id_token_passes(sso, sleutel):
    assert OIDCBackend()._verify_jws(token(sleutel), sleutel.public_key())["sub"] == "abc"


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "een-andere-client"},
        {"iss": "https://nep.example.nl"},
        {"exp": int(time.time()) - 60},
        {"exp": None},
        {"aud": ["omo", "ander"], "azp": "ander"},
    ],
    ids=["audience", "issuer", "verlopen", "zonder-exp", "azp"],
)
def test_id_token_refused(sso, sleutel, claims):
    with pytest.raises(SuspiciousOperation):
        OIDCBackend()._verify_jws(token(sleutel, **claims), sleutel.public_key())


def test_tampered_or_wrongly_signed_token_refused(sso, sleutel):
    goed = token(sleutel)
    kop, inhoud, handtekening = goed.split(".")
    ander = token(rsa.generate_private_key(public_exponent=65537, key_size=2048), sub="mallory").split(".")[1]
    with pytest.raises(SuspiciousOperation):
        OIDCBackend()._verify_jws(f"{kop}.{ander}.{handtekening}", sleutel.public_key())
    with pytest.raises(SuspiciousOperation):
        OIDCBackend()._verify_jws(jwt.encode({"sub": "x"}, "een-geheim-van-minstens-tweeendertig-tekens", algorithm="HS256"), sleutel.public_key())


def test_the_backend_ignores_password_logins_and_is_off_without_discovery(rf):
    backend = OIDCBackend()
    assert backend.authenticate(rf.get("/"), username="a", password="b") is None
    assert backend.authenticate(rf.get("/oidc/callback/?code=x&state=y"), nonce="n", code_verifier="v") is None


def test_backend_grants_no_model_permissions(make_user):
    user = make_user("beheerder")
    assert not OIDCBackend().has_perm(user, "omo.change_user")
    assert OIDCBackend().get_all_permissions(user) == set()


# --- manage.py noodaccount -----------------------------------------------------------------------


def test_noodaccount_command_sets_and_clears_the_flag(make_user):
    beheerder = make_user("beheerder")
    make_user("consulent", username="reserve")
    uit = io.StringIO()
    call_command("noodaccount", "reserve", stdout=uit)
    assert User.objects.get(username="reserve").noodaccount
    assert "noodaccount" in uit.getvalue()
    melding = Notificatie.objects.get(gebruiker=beheerder).tekst
    assert "reserve is nu een noodaccount" in melding and "op de server door" in melding
    call_command("noodaccount", stdout=io.StringIO())
    call_command("noodaccount", "reserve", "--uit", stdout=io.StringIO())
    assert not User.objects.get(username="reserve").noodaccount
    with pytest.raises(CommandError, match="geen gebruiker"):
        call_command("noodaccount", "niemand", stdout=io.StringIO())
