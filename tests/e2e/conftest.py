"""Fixtures for the end-to-end tests: a real Chromium (Debian package) driven by Playwright.

The browser is the system Chromium (`apt-get install chromium`), never one downloaded by
Playwright. Its path comes from OMO_CHROMIUM, else `chromium` on PATH, else /usr/bin/chromium.
Without it the e2e tests fail (they are not skipped): CI installs the package.

Each test gets a fresh browser context (no shared cookies), a page whose relative URLs go to
pytest-django's `live_server`, and the list of console errors of that page.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from the test ("SynchronousOnlyOperation").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Fail fast: the live server answers in milliseconds, a missing element should not cost 30 s.
DEFAULT_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is an e2e test (`pytest -m "not e2e"` leaves them out)."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str:
    """The Chromium executable, or a test failure that says how to install it."""
    configured = os.environ.get("OMO_CHROMIUM")
    candidate = configured or shutil.which("chromium") or "/usr/bin/chromium"
    if not (os.path.isfile(candidate) and os.access(candidate, os.X_OK)):
        where = (
            f"OMO_CHROMIUM={configured!r}" if configured else "'chromium' op PATH of /usr/bin/chromium"
        )
        pytest.fail(
            f"Chromium niet gevonden ({where}). De e2e-tests hebben een echte browser nodig: "
            "installeer die met `apt-get install -y chromium` (Debian) of zet OMO_CHROMIUM op "
            "het pad van een Chromium/Chrome. `playwright install` wordt bewust niet gebruikt.",
            pytrace=False,
        )
    return candidate


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_context_args():
    """Extra arguments for `browser.new_context()`; override in a test module when needed."""
    return {}


@pytest.fixture
def console_errors():
    """Console messages of type "error" (and uncaught page errors) of the test's page."""
    return []


@pytest.fixture
def page(browser, live_server, browser_context_args, console_errors):
    """A page in a fresh browser context; `page.goto("/inloggen/")` goes to the live server."""
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", **browser_context_args
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    page.on(
        "console",
        lambda msg: console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: console_errors.append(f"pageerror: {exc}"))
    try:
        yield page
    finally:
        context.close()
