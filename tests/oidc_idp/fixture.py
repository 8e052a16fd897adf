"""The `oidc_provider` fixture: a real OpenID Connect provider on a loopback port.

Per test session (per xdist worker) it creates a PostgreSQL database next to OMO's, migrates the
provider project (`tests/oidc_idp`), makes its RS256 key and OMO's confidential client, and starts
it with gunicorn in a subprocess; at the end the process stops and the database is dropped. Per
test the provider is emptied (users, groups, sessions, tokens, the pending fault, the client's
redirect URIs). OMO talks to it over real HTTP (discovery, token, JWKS, userinfo, end_session);
the test drives it through the test-control endpoint (loopback only, shared secret).

    def test_x(oidc_provider, oidc_aan, client):
        oidc_provider.gebruiker("jan", "geheim", ["omo-consulenten"])
        ...

`oidc_aan` switches OMO's single sign-on on for the test (pytest-django's `settings`) with the
callback on the test client's host; for a live server call `oidc_provider.zet_omo_aan(settings,
live_server.url)` yourself.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import psycopg
import pytest
import requests
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "omo-test"

# The provider's groups and what OMO makes of them in the tests (OIDC_ROLLEN, OIDC_TEAMS).
ROLLEN = {
    "omo-consulenten": "consulent",
    "omo-coaches": "maatwerkcoach",
    "omo-functionarissen": "omo",
    "omo-budgethouders": "budgethouder",
    "omo-beheer": "beheerder",
    "omo-privacy": "privacy",
}
TEAMS = {"wijkteam-noord": "Wijkteam Noord", "wijkteam-zuid": "Wijkteam Zuid"}


def _tekst(mapping):
    return ",".join(f"{groep}={waarde}" for groep, waarde in mapping.items())


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_url(database_url):
    """The maintenance connection (database `postgres`) on OMO's PostgreSQL server."""
    parts = urlsplit(database_url)
    return parts._replace(path="/postgres").geturl(), parts


class Provider:
    """The running provider, as the tests see it."""

    def __init__(self, base_url, client_secret, control_secret):
        self.base_url = base_url
        self.issuer = base_url
        self.discovery_url = f"{base_url}/.well-known/openid-configuration"
        self.client_id = CLIENT_ID
        self.client_secret = client_secret
        self._control_secret = control_secret

    # -- control -------------------------------------------------------------------------------

    def _control(self, action, **data):
        response = requests.post(
            f"{self.base_url}/test-control/",
            json={"action": action, **data},
            headers={"X-Idp-Control": self._control_secret},
            timeout=10,
        )
        if response.status_code != 200:
            raise AssertionError(
                f"test-control {action}: {response.status_code} {response.text[:500]}{self._log_tail()}"
            )
        return response.json()

    def _log_tail(self):
        log = getattr(self, "log", None)
        return f"\n--- idp.log ---\n{log.read_text()[-4000:]}" if log and log.exists() else ""

    def reset(self):
        self._control("reset")

    def gebruiker(self, username, password, groepen=(), email=None, naam=None, actief=True):
        """Creates or updates a user at the provider, in exactly these groups."""
        self._control(
            "user",
            username=username,
            password=password,
            groups=list(groepen),
            email=email if email is not None else f"{username}@gemeente.example",
            name=naam if naam is not None else username.capitalize(),
            active=actief,
        )

    def zet_groepen(self, username, groepen):
        self._control("groups", username=username, groups=list(groepen))

    def volgende_token(self, modus):
        """The next token response carries this fault: verlopen, verkeerde-audience,
        verkeerde-nonce, verkeerde-issuer, andere-sleutel, vervalst; or `weigeren`: the next
        authorization request of a logged-in user is answered with error=access_denied."""
        self._control("fault", mode=modus)

    def heeft_sessie(self, username):
        return self._control("session", username=username)["session"]

    def registreer(self, omo_url):
        """Allows OMO at `omo_url` as redirect target (callback; after logout)."""
        omo_url = omo_url.rstrip("/")
        self._control(
            "client",
            redirect_uris=[f"{omo_url}/oidc/callback/"],
            post_logout_redirect_uris=[f"{omo_url}/", f"{omo_url}/inloggen/"],
        )

    def zet_omo_aan(self, settings, omo_url="http://testserver", rollen=None, teams=None):
        """Switches OMO's single sign-on on through pytest-django's `settings` fixture."""
        self.registreer(omo_url)
        settings.OIDC_DISCOVERY_URL = self.discovery_url
        settings.OIDC_RP_CLIENT_ID = self.client_id
        settings.OIDC_RP_CLIENT_SECRET = self.client_secret
        settings.OIDC_RP_SCOPES = "openid email profile groups"
        settings.OIDC_GROEPEN_CLAIM = "groups"
        settings.OIDC_ROLLEN = _tekst(ROLLEN if rollen is None else rollen)
        settings.OIDC_TEAMS = _tekst(TEAMS if teams is None else teams)
        return settings

    # -- a browser without a browser -----------------------------------------------------------

    def browser(self):
        """A cookie jar for the provider's pages (the user's browser, as far as the idp goes)."""
        return requests.Session()

    def inloggen(self, browser, authorize_url, username, password):
        """Follows OMO's authorization request at the provider: the login page, the password,
        back to the redirect. Returns the provider's final redirect (to OMO's callback)."""
        response = browser.get(authorize_url, allow_redirects=False, timeout=10)
        while response.status_code in (301, 302, 303) and response.headers["Location"].startswith(
            ("/", self.base_url)
        ):
            location = urljoin(response.url, response.headers["Location"])
            if urlsplit(location).path == "/login/":
                page = browser.get(location, timeout=10)
                response = browser.post(
                    location,
                    data={
                        "username": username,
                        "password": password,
                        "csrfmiddlewaretoken": browser.cookies["idp_csrftoken"],
                        "next": parse_qs(urlsplit(location).query).get("next", [""])[0],
                    },
                    headers={"Referer": page.url},
                    allow_redirects=False,
                    timeout=10,
                )
                if response.status_code == 200:
                    raise AssertionError(f"inloggen bij de provider mislukt voor {username}")
                continue
            response = browser.get(location, allow_redirects=False, timeout=10)
        assert response.status_code in (301, 302, 303), (response.status_code, response.text[:500])
        return response.headers["Location"]

    def volg(self, browser, url):
        """GETs `url` at the provider and follows its own redirects; returns the first redirect
        that leaves the provider (or the last response's URL when it stays)."""
        response = browser.get(url, allow_redirects=False, timeout=10)
        while response.status_code in (301, 302, 303):
            location = urljoin(response.url, response.headers["Location"])
            if not location.startswith(self.base_url):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
        return response


def _wait_until_up(process, url, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"de testprovider stopte meteen (code {process.returncode})")
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"de testprovider antwoordde niet binnen {deadline} s op {url}")


@pytest.fixture(scope="session")
def oidc_idp_server(tmp_path_factory):
    """The provider process and its database, once per session (per xdist worker)."""
    omo_url = os.environ.get("DATABASE_URL", "")
    maintenance, parts = _server_url(omo_url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    database = f"{(parts.path.lstrip('/') or 'omo')}_idp_{worker}"[:63]
    idp_database_url = parts._replace(path=f"/{database}").geturl()

    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))

    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    client_secret = secrets.token_urlsafe(24)
    control_secret = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_idp.settings",
        "OIDC_IDP_DATABASE_URL": idp_database_url,
        "OIDC_IDP_SITE_URL": base_url,
        "OIDC_IDP_CLIENT_ID": CLIENT_ID,
        "OIDC_IDP_CLIENT_SECRET": client_secret,
        "OIDC_IDP_CONTROL_SECRET": control_secret,
        "PYTHONPATH": str(ROOT),
    }
    log = tmp_path_factory.mktemp("oidc_idp") / "idp.log"
    process = None
    try:
        with open(log, "ab") as out:
            for command in (["migrate", "--noinput"], ["setup_idp"]):
                subprocess.run(
                    [sys.executable, "-m", "django", *command],
                    cwd=ROOT, env=env, check=True, stdout=out, stderr=subprocess.STDOUT,
                )
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "gunicorn", "tests.oidc_idp.wsgi:application",
                    "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "8",
                    "--timeout", "60", "--access-logfile", "-", "--no-control-socket",
                ],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        try:
            _wait_until_up(process, f"{base_url}/.well-known/openid-configuration")
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n{log.read_text()[-3000:]}") from exc
        provider = Provider(base_url, client_secret, control_secret)
        provider.log = log
        yield provider
    finally:
        if process is not None:
            process.send_signal(signal.SIGINT)  # quick shutdown
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))


@pytest.fixture
def oidc_provider(oidc_idp_server):
    """The provider, emptied for this test."""
    oidc_idp_server.reset()
    return oidc_idp_server


@pytest.fixture
def oidc_aan(oidc_provider, settings):
    """OMO with single sign-on on (callback on the test client's host), and the provider."""
    oidc_provider.zet_omo_aan(settings)
    return oidc_provider
