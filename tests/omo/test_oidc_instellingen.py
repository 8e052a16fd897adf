"""The single sign-on settings: the mappings are parsed, a bad value stops the start with one
Dutch line (the settings run in a subprocess, as in test_settings.py)."""

import json

import pytest

from omo.sso import instellingen
from tests.omo.test_settings import PRODUCTION, run

AAN = {
    "OIDC_DISCOVERY_URL": "https://login.gemeente.nl/realms/omo/.well-known/openid-configuration",
    "OIDC_RP_CLIENT_ID": "omo",
    "OIDC_RP_CLIENT_SECRET": "geheim-van-de-client",
    "OIDC_ROLLEN": "omo-consulenten=consulent,omo-functionarissen=omo",
}

TOON = (
    "from django.conf import settings as s; import json; print(json.dumps({"
    "'rollen': s.OIDC_ROLLEN, 'teams': s.OIDC_TEAMS, 'scopes': s.OIDC_RP_SCOPES, 'claim': s.OIDC_GROEPEN_CLAIM, "
    "'algo': s.OIDC_RP_SIGN_ALGO, 'timeout': s.OIDC_TIMEOUT, 'naam': s.OIDC_NAAM, 'url': s.OIDC_DISCOVERY_URL, "
    "'backends': s.AUTHENTICATION_BACKENDS}))"
)


def instellingen_van(**env):
    result = run(["-c", f"import django; django.setup(); {TOON}"], **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def geweigerd(**env) -> str:
    result = run(["manage.py", "check"], **PRODUCTION, **env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    regels = result.stderr.strip().splitlines()
    assert len(regels) == 1, result.stderr
    assert regels[0].startswith("OMO start niet: ")
    return regels[0]


# --- Parsing, without a subprocess ------------------------------------------------------------


def test_roles_mapping_with_a_group_for_several_roles():
    assert instellingen.parseer_rollen(
        " omo-consulenten = consulent , omo-leiding=budgethouder,omo-leiding=maatwerkcoach,omo-leiding=budgethouder,"
    ) == {"omo-consulenten": ("consulent",), "omo-leiding": ("budgethouder", "maatwerkcoach")}
    assert instellingen.parseer_rollen("") == {}


def test_group_names_may_hold_an_equals_sign_and_slashes():
    assert instellingen.parseer_rollen("/omo/cn=beheer=beheerder") == {"/omo/cn=beheer": ("beheerder",)}


@pytest.mark.parametrize("tekst", ["omo-consulenten", "=consulent", "omo-consulenten=", "groep=koning"])
def test_bad_roles_mapping(tekst):
    with pytest.raises(ValueError, match="OIDC_ROLLEN"):
        instellingen.parseer_rollen(tekst)


def test_teams_mapping_keeps_its_order():
    teams = instellingen.parseer_teams("wijk-zuid=Wijkteam Zuid,wijk-noord=Wijkteam Noord")
    assert list(teams.items()) == [("wijk-zuid", "Wijkteam Zuid"), ("wijk-noord", "Wijkteam Noord")]
    with pytest.raises(ValueError, match="meer dan één team"):
        instellingen.parseer_teams("wijk=Wijkteam Zuid,wijk=Wijkteam Noord")


def test_mappings_given_as_dicts_are_taken_as_they_are():
    # A test's override_settings may give the parsed form or the text: both are read.
    assert instellingen.parseer_rollen({"g": "omo", "h": ["consulent", "beleid"]}) == {
        "g": ("omo",), "h": ("consulent", "beleid")}
    assert instellingen.parseer_teams({"g": "Team"}) == {"g": "Team"}


def test_settings_are_read_at_request_time(settings):
    settings.OIDC_DISCOVERY_URL = ""
    assert not instellingen.aan()
    settings.OIDC_DISCOVERY_URL = AAN["OIDC_DISCOVERY_URL"]
    settings.OIDC_ROLLEN = "a=consulent"
    settings.OIDC_TIMEOUT = "7"
    assert instellingen.aan()
    assert instellingen.rollen_mapping() == {"a": ("consulent",)}
    assert instellingen.timeout() == 7


# --- The settings module, in a subprocess -----------------------------------------------------


def test_off_by_default_with_the_documented_defaults():
    waarden = instellingen_van()
    assert waarden["url"] == ""
    assert waarden["scopes"] == "openid email profile"
    assert waarden["claim"] == "groups"
    assert waarden["algo"] == "RS256"
    assert waarden["timeout"] == 10
    assert waarden["naam"] == "organisatie-account"
    assert waarden["rollen"] == {} and waarden["teams"] == {}
    assert "omo.sso.backend.OIDCBackend" in waarden["backends"]


def test_on_with_mappings():
    waarden = instellingen_van(
        **AAN,
        OIDC_TEAMS="wijk-noord=Wijkteam Noord",
        OIDC_GROEPEN_CLAIM="roles",
        OIDC_NAAM="Gemeente-account",
        OIDC_TIMEOUT="5",
    )
    assert waarden["rollen"] == {"omo-consulenten": ["consulent"], "omo-functionarissen": ["omo"]}
    assert waarden["teams"] == {"wijk-noord": "Wijkteam Noord"}
    assert waarden["claim"] == "roles"
    assert waarden["naam"] == "Gemeente-account"
    assert waarden["timeout"] == 5


@pytest.mark.parametrize(
    "variabele, waarde, melding",
    [
        ("OIDC_ROLLEN", "omo-consulenten=koning", "OIDC_ROLLEN noemt de onbekende rol"),
        ("OIDC_ROLLEN", "omo-consulenten", "OIDC_ROLLEN moet de vorm"),
        ("OIDC_ROLLEN", "", "OIDC_ROLLEN is verplicht"),
        ("OIDC_TEAMS", "wijk-noord", "OIDC_TEAMS moet de vorm"),
        ("OIDC_RP_SIGN_ALGO", "none", "OIDC_RP_SIGN_ALGO moet een van"),
        ("OIDC_TIMEOUT", "tien", "OIDC_TIMEOUT moet een heel aantal seconden"),
        ("OIDC_TIMEOUT", "0", "OIDC_TIMEOUT moet een heel aantal seconden"),
        ("OIDC_RP_SCOPES", "email profile", "OIDC_RP_SCOPES moet 'openid' bevatten"),
        ("OIDC_DISCOVERY_URL", "login.gemeente.nl", "OIDC_DISCOVERY_URL moet een volledig adres"),
        ("OIDC_DISCOVERY_URL", "http://login.gemeente.nl/.well-known/openid-configuration", "https://"),
        ("OIDC_RP_CLIENT_ID", "", "OIDC_RP_CLIENT_ID en OIDC_RP_CLIENT_SECRET zijn verplicht"),
        ("OIDC_RP_CLIENT_SECRET", "", "OIDC_RP_CLIENT_ID en OIDC_RP_CLIENT_SECRET zijn verplicht"),
    ],
)
def test_a_bad_value_stops_the_start_with_one_line(variabele, waarde, melding):
    assert melding in geweigerd(**{**AAN, variabele: waarde})


def test_a_mapping_is_checked_even_with_single_sign_on_off():
    assert "OIDC_ROLLEN noemt de onbekende rol" in geweigerd(OIDC_ROLLEN="groep=koning")


def test_http_is_allowed_on_this_machine_only():
    waarden = instellingen_van(**{**AAN, "OIDC_DISCOVERY_URL": "http://127.0.0.1:8765/.well-known/openid-configuration"})
    assert waarden["url"].startswith("http://127.0.0.1:8765/")
