"""Every URL is covered by an authorisation test (DESIGN §10).

`EXPECTATIONS` names every URL of the project with who may use it. A new URL without an entry
here fails `test_every_url_has_an_expectation`, so no page can be added without deciding who
may see it. URLs about objects (a case and its parts) have their own matrix with own / shared /
team / foreign objects: tests/casussen/test_autorisatie.py.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from omo.roles import ROLLEN

ALL_ROLES = frozenset(ROLLEN)
PUBLIC = "public"

# name → (method, kwargs, who may: PUBLIC or a set of role codes, statuses when allowed)
EXPECTATIONS = {
    "login": ("get", {}, PUBLIC, (200, 302)),  # logged in: straight on to the home page
    "gezondheid": ("get", {}, PUBLIC, (200, 503)),  # depends on the services
    "home": ("get", {}, ALL_ROLES, (200,)),
    "logout": ("post", {}, ALL_ROLES, (302,)),
    "password_change": ("get", {}, ALL_ROLES, (200,)),
    "password_change_done": ("get", {}, ALL_ROLES, (200,)),
    "notificaties": ("get", {}, ALL_ROLES, (200,)),
    "notificaties_gelezen": ("post", {}, ALL_ROLES, (302,)),
    "audit": ("get", {}, frozenset({"beheerder"}), (200,)),
    "favicon": ("get", {}, PUBLIC, (301,)),
    # Only while DEBUG (make run); tests run as production, where it answers 404 to everyone.
    # With DEBUG: tests/omo/test_maildev.py.
    "verzonden_mails": ("get", {}, ALL_ROLES, (404,)),
    # Password reset by e-mail: public. A link that does not verify shows "werkt niet (meer)".
    "password_reset": ("get", {}, PUBLIC, (200,)),
    "password_reset_done": ("get", {}, PUBLIC, (200,)),
    "password_reset_confirm": ("get", {"uidb64": "MA", "token": "ongeldig"}, PUBLIC, (200,)),
    "password_reset_complete": ("get", {}, PUBLIC, (200,)),
    # Single sign-on (omo.sso): open without a session, 404 while OIDC_DISCOVERY_URL is not set
    # (as here). With a provider: tests/omo/test_oidc_flow.py; without: tests/omo/test_oidc_lokaal.py.
    "oidc_authentication_init": ("get", {}, PUBLIC, (404,)),
    "oidc_authentication_callback": ("get", {}, PUBLIC, (404,)),
    "oidc_logout": ("post", {}, ALL_ROLES, (404,)),
    # Role changes with four eyes. The object URLs with a pk that exists nowhere: only the
    # beheerder gets past the rule (then 404); with real objects: tests/omo/test_rolwijziging.py.
    "rolwijzigingen": ("get", {}, frozenset({"beheerder"}), (200,)),
    "gebruiker_rollen": ("get", {"pk": 0}, frozenset({"beheerder"}), (404,)),
    "rolwijziging_beoordelen": ("post", {"pk": 0}, frozenset({"beheerder"}), (404,)),
    "rolwijziging_intrekken": ("post", {"pk": 0}, frozenset({"beheerder"}), (404,)),
    # A reset of a user's second factor (four eyes); with real users: tests/omo/test_factorherstel.py.
    "tweede_factor_herstellen": ("post", {"pk": 0}, frozenset({"beheerder"}), (404,)),
    # Passkeys (django-otp-webauthn's endpoints with OMO's rules; tests/omo/test_passkeys.py and
    # tests/e2e/test_passkeys.py). Here OMO_BASE_URL is an IP address, where passkeys cannot work:
    # every ceremony is refused (403, as JSON) for every logged-in user; anonymous: the login page.
    # Removing a passkey that exists nowhere: the message and back (302).
    "otp_webauthn:credential-registration-begin": ("post", {}, ALL_ROLES, (403,)),
    "otp_webauthn:credential-registration-complete": ("post", {}, ALL_ROLES, (403,)),
    "otp_webauthn:credential-authentication-begin": ("post", {}, ALL_ROLES, (403,)),
    "otp_webauthn:credential-authentication-complete": ("post", {}, ALL_ROLES, (403,)),
    "otp_webauthn:js-i18n-catalog": ("get", {}, ALL_ROLES, (200,)),
    "passkey_verwijderen": ("post", {"pk": 0}, ALL_ROLES, (302,)),
    # The vernietigingslijsten: the privacy officer alone. Object URLs with a pk that exists
    # nowhere (then 404); with real lists: tests/privacy/test_vernietigingslijst.py.
    "vernietigingslijsten": ("get", {}, frozenset({"privacy"}), (200,)),
    "vernietigingslijst": ("get", {"pk": 0}, frozenset({"privacy"}), (404,)),
    "vernietigingslijst_export": ("get", {"pk": 0}, frozenset({"privacy"}), (404,)),
    "vernietigingslijst_vaststellen": ("get", {"pk": 0}, frozenset({"privacy"}), (404,)),
    "vernietigingsitem_aanhouden": ("get", {"pk": 0}, frozenset({"privacy"}), (404,)),
    "vernietigingsitem_vrijgeven": ("post", {"pk": 0}, frozenset({"privacy"}), (404,)),
    # The inzageverzoek (AVG art. 15): the privacy officer only. The downloads with a case that
    # exists nowhere: the privacy officer gets past the rule (then 404); with a real case and
    # every kind of record: tests/privacy/test_inzage.py.
    "privacy_inzage": ("get", {}, frozenset({"privacy"}), (200,)),
    "privacy_inzage_pdf": ("get", {"pk": 0}, frozenset({"privacy"}), (404,)),
    "privacy_inzage_json": ("get", {"pk": 0}, frozenset({"privacy"}), (404,)),
    # The privacy officer's logboek; every other role 403. A case that exists nowhere: 404 for
    # the officer; with real cases, views and changes: tests/privacy/test_logboek.py.
    "logboek": ("get", {}, frozenset({"privacy"}), (200,)),
    "logboek_periode": ("get", {}, frozenset({"privacy"}), (200,)),
    "logboek_periode_csv": ("get", {}, frozenset({"privacy"}), (200,)),
    "logboek_casus": ("get", {"pk": 0}, frozenset({"privacy"}), (404,)),
    "logboek_casus_csv": ("get", {"pk": 0}, frozenset({"privacy"}), (404,)),
    # The second factor at login: only a session that owes it stays on these pages; any other
    # logged-in session is sent on (tests/omo/test_tweede_factor.py).
    "tweede_factor_code": ("get", {}, ALL_ROLES, (302,)),
    "tweede_factor_instellen": ("get", {}, ALL_ROLES, (302,)),
    # One's own second factor: everyone. Without a factor the app's page starts an enrolment;
    # the recovery codes page shows codes only right after they are made; making new ones needs
    # a session that passed the factor, removing it a role that does not require it (both
    # answer with a message on the account page; tests/omo/test_tweede_factor.py).
    "tweede_factor": ("get", {}, ALL_ROLES, (200,)),
    "tweede_factor_app": ("get", {}, ALL_ROLES, (200,)),
    "tweede_factor_herstelcodes": ("get", {}, ALL_ROLES, (200,)),
    "tweede_factor_herstelcodes_nieuw": ("post", {}, ALL_ROLES, (302,)),
    "tweede_factor_verwijderen": ("post", {}, ALL_ROLES, (302,)),
}


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                yield "admin:*"
                continue
            yield from _names(p.url_patterns, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern):
            yield f"{prefix}{p.name}" if p.name else f"<unnamed {p.pattern}>"


def _matrices() -> set[str]:
    """The URL names of every `MATRIX` in tests/<app>/test_autorisatie*.py."""
    import importlib
    from pathlib import Path

    names = set()
    tests_dir = Path(__file__).resolve().parent.parent
    for path in sorted(tests_dir.glob("*/test_autorisatie*.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        names |= set(getattr(module, "MATRIX", {}))
    return names


def test_every_url_has_an_expectation():
    names = set(_names(get_resolver().url_patterns)) - {"admin:*"}
    missing = names - set(EXPECTATIONS) - _matrices()
    assert not missing, f"URL's zonder autorisatietest: {sorted(missing)}"


CASES = [
    (name, role)
    for name in EXPECTATIONS
    for role in [None, *sorted(ALL_ROLES)]
]


@pytest.mark.django_db
@pytest.mark.parametrize("name, role", CASES, ids=[f"{n}-{r or 'anoniem'}" for n, r in CASES])
def test_url_authorisation(client, make_user, name, role):
    method, kwargs, allowed, ok_statuses = EXPECTATIONS[name]
    url = reverse(name, kwargs=kwargs)
    if role is not None:
        client.force_login(make_user(role))
    response = getattr(client, method)(url)
    if allowed == PUBLIC:
        assert response.status_code in ok_statuses
        if name == "login" and role is None:
            assert response.status_code == 200
    elif role is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code in ok_statuses
    else:
        assert response.status_code == 403


@pytest.mark.django_db
def test_admin_only_for_the_beheer_rule(client, make_user):
    # The rule `omo.beheer` opens the admin, not is_staff.
    client.force_login(make_user("consulent", is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(response["Location"]).status_code == 403
    client.force_login(make_user("beheerder"))
    assert client.get("/admin/").status_code == 200
    # A beheerder manages sluitingsdagen but cannot change the audit log.
    assert client.get("/admin/omo/sluitingsdag/add/").status_code == 200
    assert client.get("/admin/omo/toegangslog/").status_code == 200
    assert client.get("/admin/omo/toegangslog/add/").status_code == 403


@pytest.mark.django_db
def test_user_without_role_sees_no_role_pages(client, make_user):
    client.force_login(make_user())
    html = client.get(reverse("home")).content.decode()
    assert "nog geen rol" in html
    assert client.get(reverse("audit")).status_code == 403
