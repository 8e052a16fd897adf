"""Logging in through a real OpenID Connect provider (tests/oidc_idp), over real HTTP.

OMO is driven with Django's test client; the provider with `requests` (the user's browser as far
as the provider goes). The redirects between the two are followed by hand: OMO's start page sends
the browser to the provider's authorize endpoint, the provider's login page takes the password
and sends the browser back to OMO's callback, where OMO exchanges the code at the provider's
token endpoint and checks the ID token against the provider's published keys.
"""

import re
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from django.test import Client
from django.urls import reverse

from omo.models import Rolwijziging, Team, User

pytestmark = pytest.mark.django_db

WACHTWOORD = "wachtwoord-bij-de-provider"
MISLUKT = "Inloggen is niet gelukt"


@pytest.fixture
def teams(db):
    return {
        naam: Team.objects.get_or_create(naam=naam, defaults={"soort": Team.Soort.WIJKTEAM})[0]
        for naam in ("Wijkteam Noord", "Wijkteam Zuid")
    }


def pad(url):
    """The path and query of an absolute URL on OMO's test client host."""
    delen = urlsplit(url)
    assert delen.netloc in ("", "testserver"), url
    return urlunsplit(("", "", delen.path, delen.query, ""))


def start(client):
    """OMO's SSO start: a redirect to the provider's authorize endpoint (code flow, PKCE)."""
    response = client.get(reverse("oidc_authentication_init"))
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def naar_provider(client, idp, username, browser=None):
    """From OMO's start to the provider's redirect back to OMO's callback (not yet followed)."""
    browser = browser or idp.browser()
    authorize_url = start(client)
    return idp.inloggen(browser, authorize_url, username, WACHTWOORD), browser


def inloggen(client, idp, username, browser=None):
    """A whole login; returns OMO's answer at the callback and the provider-side browser."""
    callback, browser = naar_provider(client, idp, username, browser)
    return client.get(pad(callback)), browser


def ingelogd_als(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def rollen(user):
    return set(user.groups.values_list("name", flat=True))


# Words of the reason OMO gives (omo/sso/views.py, omo/sso/backend.py), per kind of refusal: the
# test checks that the refusal has the expected cause, not merely that something failed.
ONGELDIG = "kon niet worden gecontroleerd"
VERLOPEN = "verlopen of niet herkend"
NIET_TOEGESTAAN = "niet toegestaan"
GEEN_ROL = "geen rol in OMO"


def assert_geweigerd(response, client, reden):
    assert response.status_code in (400, 403), response.status_code
    tekst = response.content.decode()
    assert MISLUKT in tekst
    gegeven = re.search(r'<p id="sso-reden"[^>]*>(.*?)</p>', tekst, re.S)
    assert gegeven, "geen <p id=\"sso-reden\"> op de pagina"
    assert reden in gegeven.group(1), gegeven.group(1)
    assert ingelogd_als(client) is None


def test_start_uses_code_flow_with_pkce_state_and_nonce(oidc_aan, client):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["response_type"] == ["code"]
    assert query["client_id"] == [oidc_aan.client_id]
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0] and query["state"][0] and query["nonce"][0]
    assert "groups" in query["scope"][0].split()
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]


def test_first_login_creates_the_user_with_mapped_roles_and_team(oidc_aan, client, teams):
    oidc_aan.gebruiker(
        "fatima", WACHTWOORD, ["omo-consulenten", "omo-functionarissen", "wijkteam-zuid", "kantine"],
        email="f.elamrani@gemeente.example", naam="Fatima El Amrani",
    )
    assert not User.objects.filter(email="f.elamrani@gemeente.example").exists()

    response, _ = inloggen(client, oidc_aan, "fatima")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = ingelogd_als(client)
    assert user is not None and user.oidc_sub
    assert user.email == "f.elamrani@gemeente.example"
    assert (user.first_name, user.last_name) == ("Fatima", "El Amrani")
    assert rollen(user) == {"consulent", "omo"}
    assert user.team == teams["Wijkteam Zuid"]
    assert not user.has_usable_password()
    assert set(
        Rolwijziging.objects.filter(gebruiker=user, via_provider=True).values_list("rol", "actie")
    ) == {("consulent", Rolwijziging.Actie.TOEKENNEN), ("omo", Rolwijziging.Actie.TOEKENNEN)}
    assert client.get(reverse("home")).status_code == 200


def test_group_removed_at_the_provider_removes_the_role_at_the_next_login(oidc_aan, client, teams):
    oidc_aan.gebruiker("bram", WACHTWOORD, ["omo-consulenten", "omo-budgethouders", "wijkteam-noord"])
    inloggen(client, oidc_aan, "bram")
    user = ingelogd_als(client)
    assert rollen(user) == {"consulent", "budgethouder"}

    oidc_aan.zet_groepen("bram", ["omo-consulenten", "wijkteam-zuid"])
    volgende = Client()
    response, _ = inloggen(volgende, oidc_aan, "bram")

    assert response.status_code == 302
    assert ingelogd_als(volgende) == user
    user.refresh_from_db()
    assert rollen(user) == {"consulent"}
    assert user.team == teams["Wijkteam Zuid"]
    intrekking = Rolwijziging.objects.get(
        gebruiker=user, rol="budgethouder", actie=Rolwijziging.Actie.INTREKKEN
    )
    assert intrekking.via_provider
    assert intrekking.status == Rolwijziging.Status.GOEDGEKEURD
    assert intrekking.voorgesteld_door is None
    # Exactly one user for this person: matched by the provider's subject, not made anew.
    assert User.objects.filter(oidc_sub=user.oidc_sub).count() == 1


def test_a_role_added_at_the_provider_counts_at_the_next_login_too(oidc_aan, client):
    oidc_aan.gebruiker("carla", WACHTWOORD, ["omo-consulenten"])
    inloggen(client, oidc_aan, "carla")
    oidc_aan.zet_groepen("carla", ["omo-consulenten", "omo-beheer"])
    volgende = Client()
    inloggen(volgende, oidc_aan, "carla")
    assert rollen(ingelogd_als(volgende)) == {"consulent", "beheerder"}


def test_no_mapped_group_left_means_no_session(oidc_aan, client):
    oidc_aan.gebruiker("dirk", WACHTWOORD, ["omo-consulenten"])
    inloggen(client, oidc_aan, "dirk")
    user = ingelogd_als(client)

    oidc_aan.zet_groepen("dirk", ["kantine"])
    volgende = Client()
    response, _ = inloggen(volgende, oidc_aan, "dirk")

    assert_geweigerd(response, volgende, GEEN_ROL)
    user.refresh_from_db()
    assert rollen(user) == set()
    assert Rolwijziging.objects.filter(
        gebruiker=user, rol="consulent", actie=Rolwijziging.Actie.INTREKKEN, via_provider=True
    ).exists()


def test_first_login_without_a_mapped_group_makes_no_user(oidc_aan, client):
    oidc_aan.gebruiker("eva", WACHTWOORD, ["kantine"])
    response, _ = inloggen(client, oidc_aan, "eva")
    assert_geweigerd(response, client, GEEN_ROL)
    assert not User.objects.filter(oidc_sub__isnull=False).exists()


def met_andere_state(url):
    delen = urlsplit(url)
    query = parse_qs(delen.query)
    query["state"] = ["een-state-die-omo-nooit-uitgaf"]
    return urlunsplit(delen._replace(query=urlencode(query, doseq=True)))


def test_wrong_state_is_refused(oidc_aan, client):
    oidc_aan.gebruiker("femke", WACHTWOORD, ["omo-consulenten"])
    callback, _ = naar_provider(client, oidc_aan, "femke")
    response = client.get(pad(met_andere_state(callback)))
    assert_geweigerd(response, client, VERLOPEN)
    assert not User.objects.filter(oidc_sub__isnull=False).exists()


def test_a_callback_from_another_browser_is_refused(oidc_aan, client):
    """Login CSRF: a code and state meant for someone else's browser do not log this one in."""
    oidc_aan.gebruiker("gerrit", WACHTWOORD, ["omo-consulenten"])
    callback, _ = naar_provider(client, oidc_aan, "gerrit")
    ander = Client()
    response = ander.get(pad(callback))
    assert_geweigerd(response, ander, VERLOPEN)


@pytest.mark.parametrize(
    "modus",
    ["verkeerde-nonce", "verlopen", "andere-sleutel", "vervalst", "verkeerde-audience", "verkeerde-issuer"],
)
def test_faulty_id_token_is_refused(oidc_aan, client, modus):
    oidc_aan.gebruiker("hanna", WACHTWOORD, ["omo-consulenten", "omo-beheer"])
    oidc_aan.volgende_token(modus)
    response, _ = inloggen(client, oidc_aan, "hanna")
    assert_geweigerd(response, client, ONGELDIG)
    assert not User.objects.filter(oidc_sub__isnull=False).exists()
    assert not Rolwijziging.objects.exists()


def test_a_sound_token_after_a_faulty_one_logs_in(oidc_aan, client):
    """Control for the test above: the fault is the only reason for the refusal."""
    oidc_aan.gebruiker("hanna", WACHTWOORD, ["omo-consulenten"])
    oidc_aan.volgende_token("vervalst")
    browser = oidc_aan.browser()
    assert_geweigerd(inloggen(client, oidc_aan, "hanna", browser)[0], client, ONGELDIG)
    response, _ = inloggen(client, oidc_aan, "hanna", browser)
    assert response.status_code == 302
    assert ingelogd_als(client).username == "hanna"


def test_provider_refusal_gives_no_session(oidc_aan, client):
    oidc_aan.gebruiker("ivo", WACHTWOORD, ["omo-consulenten"])
    browser = oidc_aan.browser()
    oidc_aan.volgende_token("weigeren")
    callback, _ = naar_provider(client, oidc_aan, "ivo", browser)
    assert parse_qs(urlsplit(callback).query)["error"] == ["access_denied"]
    response = client.get(pad(callback))
    assert_geweigerd(response, client, NIET_TOEGESTAAN)


def test_logout_ends_the_omo_session_and_the_provider_session(oidc_aan, client):
    oidc_aan.gebruiker("joost", WACHTWOORD, ["omo-consulenten"])
    _, browser = inloggen(client, oidc_aan, "joost")
    assert ingelogd_als(client) is not None
    assert oidc_aan.heeft_sessie("joost")

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    end_session = response["Location"]
    assert end_session.startswith(oidc_aan.issuer)
    assert ingelogd_als(client) is None
    terug = oidc_aan.volg(browser, end_session)
    assert isinstance(terug, str), "de provider stuurde niet terug naar OMO"
    assert pad(terug).startswith(reverse("login"))
    assert not oidc_aan.heeft_sessie("joost")
    # Back at OMO without a session: the login page again, not the home page.
    assert client.get(reverse("home")).status_code == 302


def test_with_sso_on_a_local_account_cannot_use_its_password(oidc_aan, client, make_user):
    from tests.conftest import PASSWORD

    make_user("consulent", username="lokaal")
    response = client.post(reverse("login"), {"username": "lokaal", "password": PASSWORD})
    assert ingelogd_als(client) is None
    assert "Log in met je organisatie-account" in response.content.decode()


def test_with_sso_on_a_break_glass_account_can_use_its_password(oidc_aan, client, make_user):
    from tests.conftest import PASSWORD

    nood = make_user("beheerder", username="nood", noodaccount=True)
    response = client.post(reverse("login"), {"username": "nood", "password": PASSWORD})
    assert response.status_code == 302
    assert ingelogd_als(client) == nood


def test_login_page_offers_the_sso_button(oidc_aan, client):
    tekst = client.get(reverse("login")).content.decode()
    assert 'id="sso-knop"' in tekst


def test_logout_of_a_local_session_stays_in_omo(oidc_aan, client, make_user):
    """A break-glass session did not come from the provider: logging out asks nothing of it."""
    client.force_login(make_user("beheerder", username="nood2", noodaccount=True))
    response = client.post(reverse("logout"))
    assert not response.get("Location", "").startswith(oidc_aan.issuer)
    assert ingelogd_als(client) is None


def test_provider_session_is_reused_without_a_new_password(oidc_aan, client):
    """The provider's own session: a second login in the same browser asks no password, and
    still brings the groups of that moment."""
    oidc_aan.gebruiker("kees", WACHTWOORD, ["omo-consulenten"])
    _, browser = inloggen(client, oidc_aan, "kees")
    oidc_aan.zet_groepen("kees", ["omo-coaches"])
    tweede = Client()
    callback = oidc_aan.inloggen(browser, start(tweede), "kees", "fout-maar-niet-gevraagd")
    assert tweede.get(pad(callback)).status_code == 302
    assert rollen(ingelogd_als(tweede)) == {"maatwerkcoach"}
