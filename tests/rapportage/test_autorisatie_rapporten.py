"""Authorisation matrix of the report URLs (DESIGN §2, §9, §10): every role × a concept and a
definitief report. The OMO-functionaris sees and writes everything; beleid and college see and
download only definitieve reports (a concept does not exist for them: 404); nobody else has
report pages (403). Each request runs in a rolled-back savepoint.

OK = 200, or a redirect that is not to the login page (a refusal with a message included)."""

import pytest
from django.urls import reverse

from rapportage.services import rapporten as services
from tests.escalatie.autorisatie import fouten

OK = "ok"
ACTOREN = ["consulent", "maatwerkcoach", "omo", "budgethouder", "portefeuillehouder", "college", "beleid", "beheerder"]
ALLEN_403 = {a: 403 for a in ACTOREN}

LEZERS = ALLEN_403 | {"omo": OK, "beleid": OK, "college": OK}
ALLEEN_OMO = ALLEN_403 | {"omo": OK}
# A concept: beleid and college do not see that it exists.
CONCEPT_LEZEN = LEZERS | {"beleid": 404, "college": 404}
CONCEPT_OMO = ALLEEN_OMO | {"beleid": 404, "college": 404}
# A definitief report: beleid and college read it but change nothing.
DEFINITIEF_OMO = ALLEEN_OMO
# Downloading: only a definitief report has files; the OMO-functionaris is refused on a concept.
CONCEPT_PDF = CONCEPT_LEZEN | {"omo": 403}

# name → (method, report: "concept" / "definitief" / None, extra kwargs, expectations)
MATRIX = {
    "rapport_lijst": ("get", None, {}, LEZERS),
    "rapport_nieuw": ("get", None, {}, ALLEEN_OMO),
    "rapport_detail": ("get", "concept", {}, CONCEPT_LEZEN),
    "rapport_sectie": ("post", "concept", {"sectie": "samenvatting"}, CONCEPT_OMO),
    "rapport_cijfers": ("post", "concept", {}, CONCEPT_OMO),
    "rapport_definitief": ("get", "concept", {}, CONCEPT_OMO),
    "rapport_nieuwe_versie": ("post", "definitief", {}, DEFINITIEF_OMO),
    "rapport_pdf": ("get", "definitief", {"variant": "publiek"}, LEZERS),
}
# The same URLs on the other kind of report.
ANDERE = [
    ("rapport_detail", "get", "definitief", {}, LEZERS),
    ("rapport_detail", "post", "concept", {}, CONCEPT_OMO),
    ("rapport_detail", "post", "definitief", {}, DEFINITIEF_OMO),
    ("rapport_sectie", "post", "definitief", {"sectie": "samenvatting"}, DEFINITIEF_OMO),
    ("rapport_cijfers", "post", "definitief", {}, DEFINITIEF_OMO),
    ("rapport_definitief", "get", "definitief", {}, DEFINITIEF_OMO),
    ("rapport_definitief", "post", "concept", {}, CONCEPT_OMO),
    ("rapport_nieuwe_versie", "post", "concept", {}, CONCEPT_OMO),
    ("rapport_pdf", "get", "definitief", {"variant": "volledig"}, LEZERS),
    ("rapport_pdf", "get", "concept", {"variant": "volledig"}, CONCEPT_PDF),
]
GEVALLEN = [(name, m, r, kw, exp) for name, (m, r, kw, exp) in MATRIX.items()] + ANDERE


@pytest.fixture
def wereld(make_user, django_capture_on_commit_callbacks):
    import datetime

    actoren = {rol: make_user(rol) for rol in ACTOREN}
    definitief = services.maak_kwartaalconcept(datetime.date(2026, 7, 1))
    for code, _naam in services.SECTIES:
        services.bewaar_sectie(actoren["omo"], definitief, code, f"Tekst {code}", services.basis_van(""))
    with django_capture_on_commit_callbacks(execute=False):
        services.maak_definitief(actoren["omo"], definitief)
    services.render_pdfs(definitief.pk)
    concept = services.maak_kwartaalconcept(datetime.date(2026, 10, 1))
    return actoren, {"concept": concept.pk, "definitief": definitief.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("name, method, rapport, extra, expected", GEVALLEN,
                         ids=[f"{g[0]}-{g[1]}-{g[2] or 'lijst'}-{'-'.join(g[3].values())}" for g in GEVALLEN])
def test_rapport_url_authorisation(client, wereld, name, method, rapport, extra, expected):
    actoren, rapporten = wereld
    kwargs = ({"pk": rapporten[rapport]} if rapport else {}) | extra
    assert fouten(client, reverse(name, kwargs=kwargs), method, expected, actoren) == []


@pytest.mark.django_db
def test_unknown_section_variant_or_report_is_404(client, wereld):
    actoren, rapporten = wereld
    client.force_login(actoren["omo"])
    assert client.post(reverse("rapport_sectie", kwargs={"pk": rapporten["concept"], "sectie": "onzin"})).status_code == 404
    assert client.get(reverse("rapport_pdf", kwargs={"pk": rapporten["definitief"], "variant": "onzin"})).status_code == 404
    assert client.get(reverse("rapport_detail", kwargs={"pk": 999999})).status_code == 404
