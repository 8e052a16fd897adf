"""One authority for access (DESIGN §10, §11): the rules decide, and everything agrees with them.

- Every list rule's queryset twin selects exactly the objects its rule allows, for every demo
  user, on the demo data.
- A crawl as every demo role: every link, htmx request and form on every page reachable from
  the home page answers for that role (never 403, 404, 405 or 500, never the login page). Forms
  that change something are posted with the values the page filled in, each in a savepoint that
  is rolled back, so the crawl sees the site as the role does without changing it.
- The import graph: omo ← casussen ← escalatie ← budget ← rapportage ← privacy, nothing back up.
- No "may this user" outside the rules: no role or betrokkene checks in views or services.
"""

import ast
import io
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import rules
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from omo.models import User
from omo.rules import ONDERWERP_TWEELINGEN, TWEELINGEN

ROOT = Path(__file__).resolve().parents[2]
APPS = ["omo", "casussen", "escalatie", "budget", "rapportage"]


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def _demo_users():
    return list(User.objects.filter(is_active=True).prefetch_related("groups").order_by("username"))


# --- Twins -----------------------------------------------------------------------------------


def test_every_twin_selects_exactly_what_its_rule_allows_for_every_demo_user(demo):
    assert len(TWEELINGEN) >= 8 and len(ONDERWERP_TWEELINGEN) >= 3
    users = _demo_users()
    assert len(users) >= 8
    for perm, twin in TWEELINGEN.items():
        model = apps.get_model(twin.model)
        objects = list(model.objects.all())
        assert objects, f"{twin.model}: de demo heeft er geen, de vergelijking zegt niets"
        someone_sees, someone_not = False, False
        for user in users:
            via_rule = {o.pk for o in objects if rules.has_perm(perm, user, o)}
            via_twin = set(model.objects.filter(twin.q(user)).values_list("pk", flat=True))
            assert via_twin == via_rule, f"{perm} voor {user.username}: tweeling {via_twin ^ via_rule} wijkt af"
            someone_sees |= bool(via_rule)
            someone_not |= len(via_rule) < len(objects)
        assert someone_sees and someone_not, f"{perm}: op de demo ziet iedereen alles of niemand iets"
    for perm, q in ONDERWERP_TWEELINGEN.items():
        via_rule = {u.pk for u in users if rules.has_perm(perm, u)}
        via_twin = set(User.objects.filter(q(), is_active=True).values_list("pk", flat=True))
        assert via_twin == via_rule, f"{perm}: tweeling {via_twin ^ via_rule} wijkt af"
        assert via_rule, perm


# --- The crawl -------------------------------------------------------------------------------


class _Page(HTMLParser):
    """The links, htmx requests and forms of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.htmx: list[str] = []
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if a.get("hx-get"):
            self.htmx.append(a["hx-get"])
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "data": {}}
            self.forms.append(self._form)
        elif self._form is not None:
            name = a.get("name")
            if tag == "input" and name:
                soort = (a.get("type") or "text").lower()
                if soort in ("checkbox", "radio"):
                    if "checked" in a or (soort == "radio" and name not in self._form["data"]):
                        self._form["data"].setdefault(name, a.get("value", "on"))
                elif soort not in ("submit", "button", "file", "image", "reset"):
                    self._form["data"][name] = a.get("value", "")
            elif tag == "select" and name:
                self._select = name
                self._form["data"].setdefault(name, "")
            elif tag == "option" and self._select and ("selected" in a or not self._form["data"][self._select]):
                self._form["data"][self._select] = a.get("value", "")
            elif tag == "textarea" and name:
                self._textarea = name
                self._form["data"][name] = ""
            if tag in ("button", "input") and (a.get("type") or ("submit" if tag == "button" else "")) == "submit":
                self._form["verstuurbaar"] = True
                if name:
                    self._form.setdefault("knop", (name, a.get("value", "")))

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["data"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


SKIP_PREFIXES = ("/static/", "/media/", "/uitloggen/", "/admin/logout/")
MAX_PAGES = 1500  # distinct URLs opened per role


def _local(base, href):
    if href.startswith(("mailto:", "tel:", "#", "javascript:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != "testserver":
        return None
    path = parts.path
    if path.startswith(SKIP_PREFIXES) or (path.startswith("/admin/") and parts.query):
        # The admin's sorting and filter variants are Django's own: one of each page suffices.
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _kind(url):
    """Pages of one kind count once (`/casussen/12/` and `/casussen/13/`), pagination and
    filters of one list too: the crawl visits every kind of page for each role."""
    path = urlsplit(url).path
    return "/".join("#" if part.isdigit() else part for part in path.split("/")) + (
        "?" if "?" in url else ""
    )


def _fault(response, method, url):
    status = response.status_code
    if status in (200, 204):
        return None
    if status == 302:
        location = response["Location"]
        return f"{method} {url}: naar het inlogscherm" if location.startswith("/inloggen") else None
    return f"{method} {url}: {status}"


PER_SOORT = 5  # pages of one kind read for their links and forms (`/casussen/#/`), per role


def _crawl(client, user):
    """Every distinct link is opened; of each kind of page the first `PER_SOORT` are read for
    their own links, htmx requests and forms."""
    client.force_login(user)
    faults, kinds, posted = [], {}, set()
    status = {}  # url → fault or None
    queue = deque([("/", "")])
    gelezen = 0

    def open_(url, bron):
        if url not in status:
            response = client.get(url)
            fault = _fault(response, "GET", url)
            status[url] = fault
            if fault:
                faults.append(f"{fault} (van {bron})")
            return response
        return None

    while queue and len(status) < MAX_PAGES:
        url, bron = queue.popleft()
        response = open_(url, bron)
        if response is None or status[url] or response.status_code != 200:
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        kind = _kind(url)
        if kinds.get(kind, 0) >= PER_SOORT:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        gelezen += 1
        page = _Page()
        page.feed(response.content.decode())
        for href in page.links:
            target = _local(url, href)
            if target and target not in status:
                queue.append((target, url))
        for href in page.htmx:
            target = _local(url, href)
            if target and target not in status:
                status[target] = _fault(client.get(target, HTTP_HX_REQUEST="true"), "htmx GET", target)
                if status[target]:
                    faults.append(f"{status[target]} (van {url})")
        for form in page.forms:
            target = _local(url, form["action"] or url)
            if not target:
                continue
            if form["method"] == "get":
                query = "&".join(f"{k}={v}" for k, v in form["data"].items() if k and v and k != "csrfmiddlewaretoken")
                target = target.split("?")[0] + (f"?{query}" if query else "")
                if target not in status:
                    queue.append((target, url))
                continue
            if not form.get("verstuurbaar") or _kind(target) in posted:
                # A form without a submit button (the admin's view-only pages) offers nothing.
                continue
            posted.add(_kind(target))
            data = dict(form["data"])
            if "knop" in form:
                data[form["knop"][0]] = form["knop"][1]
            punt = transaction.savepoint()
            try:
                fault = _fault(client.post(target, data), "POST", f"{target} (van {url})")
            finally:
                transaction.savepoint_rollback(punt)
            client.force_login(user)  # a rolled-back session is a lost login
            if fault:
                faults.append(fault)
    return faults, gelezen


@pytest.mark.django_db
def test_every_link_and_form_a_demo_role_is_offered_answers_for_that_role(client, demo):
    total = 0
    faults = []
    for user in _demo_users():
        found, pages = _crawl(client, user)
        faults += [f"{user.username}: {f}" for f in found]
        assert pages >= 3, f"{user.username}: de crawl vond bijna niets"
        total += pages
    assert not faults, "\n".join(faults)
    assert total >= 60


# --- The import graph and the rules as the one authority ---------------------------------------

LAGEN = {"omo": 0, "casussen": 1, "escalatie": 2, "budget": 3, "rapportage": 4, "privacy": 5}


def _imports(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_the_import_graph_has_no_way_back_up():
    """omo ← casussen ← escalatie ← budget ← rapportage ← privacy: an app imports only lower layers
    (escalatie never imports budget: budget owns the College's decision on a request)."""
    wrong = []
    for app, laag in LAGEN.items():
        for path in (ROOT / app).rglob("*.py"):
            for module in _imports(path):
                top = module.split(".")[0]
                if top in LAGEN and top != app and LAGEN[top] > laag:
                    wrong.append(f"{path.relative_to(ROOT)} importeert {module}")
    assert not wrong, "\n".join(wrong)


FORBIDDEN = ("has_role(", "is_betrokkene(", "heeft_rol(", "heeft_casusrol(", "is_superuser", ".has_perm(")


def test_no_permission_is_decided_outside_the_rules():
    """Views, services, queries, tasks and templates ask a rule (`omo.toegang`, `{% has_perm %}`,
    a twin); role and betrokkene predicates live in the rules only."""
    wrong = []
    for app in LAGEN:
        for path in (ROOT / app).rglob("*.py"):
            if path.name in ("rules.py", "models.py", "backends.py", "toegang.py") or "migrations" in path.parts:
                continue
            for n, line in enumerate(path.read_text().splitlines(), 1):
                code = line.split("#")[0]
                if any(word in code for word in FORBIDDEN) and '"""' not in code:
                    wrong.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        for word in ("is_superuser", "is_staff", "mijn_rollen", "'omo' in", "|has_role"):
            if word in text and path.name != "home.html" and "base.html" not in path.name:
                wrong.append(f"{path.relative_to(ROOT)}: {word}")
    assert not wrong, "\n".join(wrong)
