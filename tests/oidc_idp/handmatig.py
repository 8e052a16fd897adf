"""The test provider by hand: `make idp` and `make idp-groepen`, to try single sign-on on this machine.

    python -m tests.oidc_idp.handmatig start                         # make idp
    python -m tests.oidc_idp.handmatig groepen                       # every demo user's groups
    python -m tests.oidc_idp.handmatig groepen sso-consulent --groepen omo-consulenten,omo-functionarissen

`start` runs the provider of the test suite (`tests/oidc_idp`, django-oidc-provider) in the
foreground with gunicorn on 127.0.0.1:8090 (IDP_PORT), Ctrl-C stops it. Its database is `omo_idp`
(IDP_DATABASE):
on the server of DATABASE_URL when that is set, otherwise on the embedded PostgreSQL of `make run`
(`.data/postgres`; both commands may run at once, the server stops when the last one does). Every
start migrates that database, makes the signing key once, sets OMO's client (fixed id and
development secret, redirect URIs for OMO on port 8000 and PORT), and puts the demo users back as
they are listed here, password `demo`. Then it prints the variables that make `make run` log in
through it, and writes them to `.data/idp.env` (`. .data/idp.env && make run`).

`groepen` changes a user's groups in the provider's database (no HTTP, no secret): the next login
to OMO carries them. The provider's test-control endpoint is not used by hand; it gets a random
secret per start that is never printed.

This module imports nothing of Django: the provider runs in its own processes, with its own settings.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import warnings
from urllib.parse import urlsplit

from omo.devservices import (
    BASE_DIR,
    DATA_DIR,
    EmbeddedServices,
    Supervisor,
    database_op_server,
    fail,
    masked,
    wacht_op_webserver,
)

DATABASE = "omo_idp"  # IDP_DATABASE for another
CLIENT_ID = "omo-demo"
# Development only: the provider listens on loopback and knows nothing but demo users.
CLIENT_SECRET = "omo-demo-geheim-alleen-voor-ontwikkeling"  # noqa: S105
WACHTWOORD = "demo"
SCOPES = "openid email profile groups"
OMO_POORT = "8000"
IDP_POORT = "8090"

# The provider's groups and what OMO makes of them (OIDC_ROLLEN, OIDC_TEAMS): every role, and
# the wijkteams of the demo data (omo/management/commands/demo_data.py).
ROLLEN = {
    "omo-consulenten": "consulent",
    "omo-coaches": "maatwerkcoach",
    "omo-functionarissen": "omo",
    "omo-budgethouders": "budgethouder",
    "omo-wethouders": "portefeuillehouder",
    "omo-college": "college",
    "omo-beleid": "beleid",
    "omo-beheer": "beheerder",
    "omo-privacy": "privacy",
}
TEAMS = {
    "wijkteam-centrum": "Wijkteam Centrum",
    "wijkteam-noord": "Wijkteam Noord",
    "wijkteam-zuid": "Wijkteam Zuid",
}

# username, first name, last name, groups. E-mail: <username>@gemeente.example (verified), never
# the address of a local demo account, so no local account is linked by e-mail.
DEMO_GEBRUIKERS = [
    ("sso-consulent", "Fleur", "Janssen", ["omo-consulenten", "wijkteam-noord"]),
    ("sso-omo", "Bram", "Hendriks", ["omo-functionarissen"]),
    ("sso-budgethouder", "Lotte", "Peeters", ["omo-budgethouders", "wijkteam-centrum"]),
    ("sso-beheerder", "Joost", "Willems", ["omo-beheer"]),
    ("sso-geen-rol", "Iris", "Coenen", ["afdeling-burgerzaken"]),
]


def say(message: str) -> None:
    print(f"[idp] {message}", flush=True)


def email(username: str) -> str:
    return f"{username}@gemeente.example"


def _tekst(mapping: dict[str, str]) -> str:
    return ",".join(f"{groep}={waarde}" for groep, waarde in mapping.items())


def in_omo(groepen) -> str:
    """What OMO makes of these groups at the next login, in one line."""
    rollen = sorted({ROLLEN[g] for g in groepen if g in ROLLEN})
    team = next((TEAMS[g] for g in TEAMS if g in groepen), None)
    if not rollen:
        return "geen gekoppelde groep: OMO weigert de login"
    return f"rollen {', '.join(rollen)}; team {team or '(geen)'}"


def idp_url(poort: str) -> str:
    return f"http://127.0.0.1:{poort}"


def omo_adressen(poort: str = OMO_POORT) -> list[str]:
    """Where OMO may run on this machine: port 8000 and PORT, on 127.0.0.1 and localhost."""
    poorten = dict.fromkeys([OMO_POORT, poort])
    return [f"http://{host}:{p}" for p in poorten for host in ("127.0.0.1", "localhost")]


def variabelen(url: str) -> list[str]:
    """The lines that make OMO log in through the provider at `url`: for `.env`, or the shell
    (django-environ reads `export` and double quotes in `.env` too)."""
    return [
        f"export OIDC_DISCOVERY_URL={url}/.well-known/openid-configuration",
        f"export OIDC_RP_CLIENT_ID={CLIENT_ID}",
        f"export OIDC_RP_CLIENT_SECRET={CLIENT_SECRET}",
        f'export OIDC_RP_SCOPES="{SCOPES}"',
        f'export OIDC_ROLLEN="{_tekst(ROLLEN)}"',
        f'export OIDC_TEAMS="{_tekst(TEAMS)}"',
    ]


def omgeving(database_url: str, url: str) -> dict[str, str]:
    """The environment of the provider's processes (tests/oidc_idp/settings.py)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_idp.settings",
        "OIDC_IDP_DATABASE_URL": database_url,
        "OIDC_IDP_SITE_URL": url,
        "OIDC_IDP_CLIENT_ID": CLIENT_ID,
        "OIDC_IDP_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_IDP_CONTROL_SECRET": secrets.token_urlsafe(32),
        "PYTHONPATH": str(BASE_DIR),
    }


def _django(env: dict[str, str], *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "django", *args], cwd=BASE_DIR, env=env, check=True, **kwargs)


def voorbereiden(database_url: str, url: str, adressen: list[str]) -> None:
    """Migrate the provider's database, make its key and OMO's client with these OMO addresses,
    and put the demo users back. Idempotent."""
    env = omgeving(database_url, url)
    _django(env, "migrate", "--noinput", "-v", "0")
    uris = []
    for adres in adressen:
        uris += ["--redirect-uri", f"{adres}/oidc/callback/", "--post-logout-uri", f"{adres}/inloggen/"]
    _django(env, "demo_idp", *uris)


def database_naam() -> str:
    return os.environ.get("IDP_DATABASE") or DATABASE


def env_bestand():
    """Where `start` writes the printed variables: `.data/idp.env` (another file per IDP_DATABASE)."""
    naam = database_naam()
    return DATA_DIR / ("idp.env" if naam == DATABASE else f"{naam}.env")


def _database(*, maken: bool) -> tuple[str, EmbeddedServices]:
    """The URL of the provider's database: on DATABASE_URL's server, or on the embedded
    PostgreSQL (then stop the returned services when done)."""
    naam = database_naam()
    services = EmbeddedServices(database_name=naam)
    if os.environ.get("DATABASE_URL"):
        url = os.environ["DATABASE_URL"]
        if maken:
            return database_op_server(url, naam, variabele="IDP_DATABASE"), services
        return urlsplit(url)._replace(path=f"/{naam}").geturl(), services
    services.start(redis=False)
    return os.environ["DATABASE_URL"], services


def _bestaat(database_url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(database_url, connect_timeout=5):
            return True
    except psycopg.OperationalError:
        return False


def _poort_vrij(poort: int) -> bool:
    """Nobody listens on `poort`. With SO_REUSEADDR, as gunicorn binds: connections of a provider
    that just stopped (TIME_WAIT) do not count, a listening socket still does."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", poort))
        except OSError:
            return False
    return True


class Provider(Supervisor):
    """The provider's gunicorn in a process group of its own. Ctrl-C reaches only this process,
    which stops gunicorn with one signal (the terminal's SIGINT and a second signal at once can
    leave its worker hanging), and then kills what is left of the group, the worker included."""

    def spawn(self, name: str, args: list[str]) -> None:
        say(f"{name} starten: {' '.join(args)}")
        self.children.append((name, subprocess.Popen(args, cwd=BASE_DIR, start_new_session=True)))

    def stop(self) -> None:
        self.stopping = True
        for name, proc in self.children:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    say(f"{name} reageert niet; wordt afgebroken.")
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            proc.wait()


def start() -> int:
    poort = os.environ.get("IDP_PORT", IDP_POORT)
    if not poort.isdigit() or not _poort_vrij(int(poort)):
        fail(f"IDP_PORT: poort {poort} is bezet of ongeldig; kies een andere, bijv. IDP_PORT=8091 make idp.")
    url = idp_url(poort)
    services = None
    supervisor = Provider()

    def on_signal(signum, frame):
        supervisor.stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    code = 0
    try:
        database_url, services = _database(maken=True)
        say(f"Testprovider voorbereiden in {masked(database_url)} ...")
        voorbereiden(database_url, url, omo_adressen(os.environ.get("PORT", OMO_POORT)))
        if supervisor.stopping:
            return 0
        os.environ.update(omgeving(database_url, url))
        supervisor.spawn(
            "testprovider",
            [
                sys.executable, "-m", "gunicorn", "tests.oidc_idp.wsgi:application",
                "--bind", f"127.0.0.1:{poort}", "--workers", "1", "--threads", "8",
                "--access-logfile", "-", "--no-control-socket",
            ],
        )
        if wacht_op_webserver(f"{url}/.well-known/openid-configuration", supervisor, timeout=60):
            regels = variabelen(url)
            bestand = env_bestand()
            DATA_DIR.mkdir(exist_ok=True)
            bestand.write_text("\n".join(regels) + "\n")
            bestand = bestand.relative_to(BASE_DIR)
            print(flush=True)
            say(f"Testprovider draait op {url}/  (Ctrl-C stopt hem)")
            say(f"Voor `make run` in een tweede terminal: . {bestand} && make run")
            say(f"of zet deze regels (ook in {bestand}) in .env of export ze:")
            print("\n".join(regels), flush=True)
            say(f"Gebruikers bij de provider, wachtwoord '{WACHTWOORD}':")
            for username, _voornaam, _achternaam, groepen in DEMO_GEBRUIKERS:
                say(f"  {username:<18} {', '.join(groepen):<40} → {in_omo(groepen)}")
            say("Groepen wijzigen (telt bij de volgende login): "
                "make idp-groepen GEBRUIKER=sso-consulent GROEPEN=omo-consulenten,omo-functionarissen")
            say("Zonder deze variabelen logt `make run` weer lokaal in (demo-accounts).")
            print(flush=True)
        code = supervisor.wait()
    except subprocess.CalledProcessError as exc:
        code = exc.returncode or 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        supervisor.stop()
        if services is not None:
            services.stop()
    return code


def groepen(gebruiker: str | None, nieuw: str | None) -> int:
    database_url, services = _database(maken=False)
    try:
        if not _bestaat(database_url):
            fail(f"De database {database_naam()} bestaat nog niet: start eerst `make idp`.")
        args = ["idp_groepen"]
        if gebruiker:
            args.append(gebruiker)
        if nieuw is not None:
            args += ["--groepen", nieuw]
        try:
            _django(omgeving(database_url, idp_url(os.environ.get("IDP_PORT", IDP_POORT))), *args)
        except subprocess.CalledProcessError as exc:
            return exc.returncode or 1
        return 0
    finally:
        services.stop()


def main(argv: list[str]) -> int:
    os.chdir(BASE_DIR)
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    parser = argparse.ArgumentParser(prog="python -m tests.oidc_idp.handmatig", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="opdracht", required=True)
    sub.add_parser("start", help="de testprovider in de voorgrond (make idp)")
    p = sub.add_parser("groepen", help="groepen van een gebruiker tonen of wijzigen (make idp-groepen)")
    p.add_argument("gebruiker", nargs="?", help="zonder: alle gebruikers")
    p.add_argument("--groepen", help="de nieuwe groepen, komma-gescheiden; leeg: geen")
    args = parser.parse_args(argv)
    if args.opdracht == "start":
        return start()
    return groepen(args.gebruiker or None, args.groepen)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
