"""`make idp` and `make idp-groepen` (tests/oidc_idp/handmatig.py), as a developer runs them.

The command itself runs in a subprocess on a free port with its own database on the test server
(IDP_DATABASE); the test reads the variables it prints, has OMO's settings accept them, logs in to
OMO through the provider as the demo users (OMO on 127.0.0.1:8000, the address the provider knows
by default), changes a user's groups with the groups command and logs in again; Ctrl-C stops it.
"""

import io
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import environ
import psycopg
import pytest
from django.test import Client
from django.urls import reverse
from psycopg import sql

from omo.management.commands.demo_data import TEAMS as DEMO_TEAMS
from omo.models import Rolwijziging, Team, User
from omo.roles import ROLLEN
from omo.sso import instellingen
from tests.oidc_idp import handmatig
from tests.oidc_idp.fixture import Provider, _free_port, _server_url

pytestmark = pytest.mark.django_db

ROOT = handmatig.BASE_DIR
OMO_HOST = "127.0.0.1:8000"
KLAAR = "Zonder deze variabelen"


class Opdracht:
    """`python -m tests.oidc_idp.handmatig start` in its own process group, its output read as it comes."""

    def __init__(self, env):
        self.regels: list[str] = []
        self._rij: queue.Queue = queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_idp.handmatig", "start"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._lees, daemon=True).start()

    def _lees(self):
        for regel in self.process.stdout:
            self._rij.put(regel.rstrip("\n"))
        self._rij.put(None)

    def wacht_op(self, tekst, timeout=60):
        einde = time.monotonic() + timeout
        while time.monotonic() < einde:
            try:
                regel = self._rij.get(timeout=max(0.1, einde - time.monotonic()))
            except queue.Empty:
                break
            if regel is None:
                break
            self.regels.append(regel)
            if tekst in regel:
                return
        raise AssertionError(f"'{tekst}' niet gezien; uitvoer:\n" + "\n".join(self.regels[-60:]))

    def ctrl_c(self):
        """What Ctrl-C in the terminal does: SIGINT to the whole process group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise


@pytest.fixture(scope="module")
def omgeving():
    """The environment of the commands: the test server's DATABASE_URL, a database of its own."""
    maintenance, parts = _server_url(os.environ["DATABASE_URL"])
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    database = f"{(parts.path.lstrip('/') or 'omo')}_idp_hand_{worker}"[:63]
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(drop)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "PORT", "DJANGO_SETTINGS"))}
    env.update(IDP_DATABASE=database, IDP_PORT=str(_free_port()), PYTHONPATH=str(ROOT))
    yield env, parts._replace(path=f"/{database}").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(drop)
    (handmatig.DATA_DIR / f"{database}.env").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def gestart(omgeving):
    env, _ = omgeving
    opdracht = Opdracht(env)
    try:
        opdracht.wacht_op(KLAAR)
        yield opdracht
    finally:
        opdracht.ctrl_c()


def geprinte_variabelen(opdracht) -> dict[str, str]:
    """The printed `export` lines, read as `.env` is read (django-environ, as omo/settings.py)."""
    regels = [r for r in opdracht.regels if r.startswith("export OIDC_")]

    class Env(environ.Env):
        ENVIRON: dict = {}

    Env.read_env(io.StringIO("\n".join(regels)))
    return dict(Env.ENVIRON)


def groepen_bij_provider(database_url):
    with psycopg.connect(database_url) as conn:
        rijen = conn.execute(
            """SELECT u.username, u.email, u.first_name, u.last_name, u.is_active,
                      coalesce(array_agg(g.name ORDER BY g.name) FILTER (WHERE g.name IS NOT NULL), '{}')
               FROM auth_user u
               LEFT JOIN auth_user_groups ug ON ug.user_id = u.id
               LEFT JOIN auth_group g ON g.id = ug.group_id
               GROUP BY u.id"""
        ).fetchall()
    return {r[0]: r[1:] for r in rijen}


def groepen_opdracht(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "tests.oidc_idp.handmatig", "groepen", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )


def test_the_printed_variables_are_what_omo_accepts(gestart, omgeving):
    env, _ = omgeving
    variabelen = geprinte_variabelen(gestart)
    poort = env["IDP_PORT"]
    assert variabelen == {
        "OIDC_DISCOVERY_URL": f"http://127.0.0.1:{poort}/.well-known/openid-configuration",
        "OIDC_RP_CLIENT_ID": "omo-demo",
        "OIDC_RP_CLIENT_SECRET": handmatig.CLIENT_SECRET,
        "OIDC_RP_SCOPES": "openid email profile groups",
        "OIDC_ROLLEN": variabelen["OIDC_ROLLEN"],
        "OIDC_TEAMS": variabelen["OIDC_TEAMS"],
    }
    rollen = instellingen.parseer_rollen(variabelen["OIDC_ROLLEN"])
    assert {rol for paar in rollen.values() for rol in paar} == set(ROLLEN)
    teams = instellingen.parseer_teams(variabelen["OIDC_TEAMS"])
    assert set(teams.values()) <= {naam for naam, _soort in DEMO_TEAMS}
    instellingen.controleer_discovery_url(variabelen["OIDC_DISCOVERY_URL"])
    instellingen.controleer_scopes(variabelen["OIDC_RP_SCOPES"])
    # The same lines in a shell and in OMO's own settings (which refuse to start on a bad value).
    gelezen = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s; "
         "print(s.OIDC_DISCOVERY_URL, s.OIDC_RP_SCOPES, sorted(s.OIDC_ROLLEN), sorted(s.OIDC_TEAMS.values()), sep='|')"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "omo.settings", "DEBUG": "true", **variabelen},
        capture_output=True, text=True, timeout=60,
    )
    assert gelezen.returncode == 0, gelezen.stderr
    assert gelezen.stdout.strip().split("|") == [
        variabelen["OIDC_DISCOVERY_URL"], "openid email profile groups", str(sorted(rollen)), str(sorted(teams.values())),
    ]
    # The file next to the output holds the same lines, for `. .data/idp.env && make run`.
    bestand = handmatig.DATA_DIR / f"{env['IDP_DATABASE']}.env"
    assert bestand.read_text().splitlines() == [r for r in gestart.regels if r.startswith("export OIDC_")]


def test_the_demo_users_exist_with_their_groups(gestart, omgeving):
    _, database_url = omgeving
    gebruikers = groepen_bij_provider(database_url)
    for username, voornaam, achternaam, groepen in handmatig.DEMO_GEBRUIKERS:
        assert gebruikers[username] == (f"{username}@gemeente.example", voornaam, achternaam, True, sorted(groepen))
    assert any("sso-geen-rol" in r and "weigert" in r for r in gestart.regels)
    with psycopg.connect(database_url) as conn:
        uris = conn.execute("SELECT _redirect_uris, _post_logout_redirect_uris FROM oidc_provider_client "
                            "WHERE client_id = 'omo-demo'").fetchone()
    assert uris[0].split() == [
        "http://127.0.0.1:8000/oidc/callback/", "http://localhost:8000/oidc/callback/",
    ]
    assert uris[1].split() == ["http://127.0.0.1:8000/inloggen/", "http://localhost:8000/inloggen/"]


def _inloggen(provider, username):
    """OMO on 127.0.0.1:8000 → the provider's login page (password demo) → OMO's callback."""
    client = Client(HTTP_HOST=OMO_HOST)
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    callback = provider.inloggen(provider.browser(), start["Location"], username, handmatig.WACHTWOORD)
    delen = urlsplit(callback)
    assert delen.netloc == OMO_HOST, callback
    return client, client.get(f"{delen.path}?{delen.query}")


def test_login_and_a_group_change_between_logins(gestart, omgeving, settings):
    env, _ = omgeving
    for naam in ("Wijkteam Noord", "Wijkteam Zuid"):
        Team.objects.get_or_create(naam=naam, defaults={"soort": Team.Soort.WIJKTEAM})
    for naam, waarde in geprinte_variabelen(gestart).items():
        setattr(settings, naam, waarde)
    provider = Provider(f"http://127.0.0.1:{env['IDP_PORT']}", handmatig.CLIENT_SECRET, control_secret=None)

    client, antwoord = _inloggen(provider, "sso-consulent")
    assert antwoord.status_code == 302
    user = User.objects.get(username="sso-consulent")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert set(user.groups.values_list("name", flat=True)) == {"consulent"}
    assert user.team.naam == "Wijkteam Noord"

    gewijzigd = groepen_opdracht(env, "sso-consulent", "--groepen", "omo-consulenten,omo-functionarissen,wijkteam-zuid")
    assert gewijzigd.returncode == 0, gewijzigd.stdout + gewijzigd.stderr
    assert "rollen consulent, omo; team Wijkteam Zuid" in gewijzigd.stdout

    _inloggen(provider, "sso-consulent")
    user.refresh_from_db()
    assert set(user.groups.values_list("name", flat=True)) == {"consulent", "omo"}
    assert user.team.naam == "Wijkteam Zuid"
    assert Rolwijziging.objects.filter(gebruiker=user, via_provider=True, rol="omo").exists()

    client, antwoord = _inloggen(provider, "sso-geen-rol")
    assert antwoord.status_code == 403
    assert "geen rol in OMO" in antwoord.content.decode()
    assert "_auth_user_id" not in client.session


def test_groups_command_lists_refuses_unknown_and_needs_the_database(gestart, omgeving):
    env, _ = omgeving
    lijst = groepen_opdracht(env)
    assert lijst.returncode == 0, lijst.stderr
    assert [r.split()[0] for r in lijst.stdout.splitlines()] == sorted(u[0] for u in handmatig.DEMO_GEBRUIKERS)
    onbekend = groepen_opdracht(env, "niemand", "--groepen", "omo-beheer")
    assert onbekend.returncode != 0
    assert "bestaat niet bij de testprovider" in onbekend.stderr
    geen = groepen_opdracht({**env, "IDP_DATABASE": f"{env['IDP_DATABASE']}_x"})
    assert geen.returncode == 1
    assert "start eerst `make idp`" in geen.stderr


def test_a_second_start_puts_the_demo_users_back_and_ctrl_c_stops_it(gestart, omgeving):
    env, database_url = omgeving
    assert groepen_opdracht(env, "sso-omo", "--groepen", "").returncode == 0
    assert groepen_bij_provider(database_url)["sso-omo"][-1] == []
    # The port is taken by the running one: a clear refusal, nothing started.
    bezet = subprocess.run(
        [sys.executable, "-m", "tests.oidc_idp.handmatig", "start"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert bezet.returncode == 1 and "IDP_PORT" in bezet.stderr
    assert gestart.ctrl_c() == 0
    tweede = Opdracht(env)
    try:
        tweede.wacht_op(KLAAR)
        assert groepen_bij_provider(database_url)["sso-omo"][-1] == ["omo-functionarissen"]
    finally:
        assert tweede.ctrl_c() == 0
