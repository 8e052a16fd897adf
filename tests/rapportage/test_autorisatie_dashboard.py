"""Authorisation matrix of the dashboard URLs (DESIGN §2, §10): the dashboard and every CSV
export are for omo, beleid and college; every other role gets 403, an anonymous visitor the
login page. The figures are aggregates over all cases, so there is no own or foreign object:
the relation axis is the table of the export (a known one, and one that does not exist)."""

import pytest
from django.urls import reverse

from omo.roles import ROLLEN
from rapportage.exports import SLUGS
from tests.escalatie.autorisatie import OK, fouten

ACTOREN = sorted(ROLLEN)
DASHBOARD = {a: 403 for a in ACTOREN} | {"omo": OK, "beleid": OK, "college": OK}
# An unknown table: 404 for who may see the dashboard, still 403 for the others.
ONBEKEND = DASHBOARD | {"omo": 404, "beleid": 404, "college": 404}

PERIODE = "?van=2026-07-01&tot=2026-09-30"

# name → (method, kwargs, expectations)
MATRIX = {
    "rapportage_dashboard": ("get", {}, DASHBOARD),
    "rapportage_export": ("get", {"tabel": "status"}, DASHBOARD),
}
EXTRA = [
    ("rapportage_export", {"tabel": "bestaat-niet"}, ONBEKEND),
    *[("rapportage_export", {"tabel": slug}, DASHBOARD) for slug in SLUGS],
]


@pytest.fixture
def actoren(make_user):
    return {rol: make_user(rol) for rol in ACTOREN}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_dashboard_url_authorisation(client, actoren, name):
    method, kwargs, expected = MATRIX[name]
    assert fouten(client, reverse(name, kwargs=kwargs) + PERIODE, method, expected, actoren) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name, kwargs, expected", EXTRA, ids=[e[1]["tabel"] for e in EXTRA])
def test_every_export_has_the_same_rule(client, actoren, name, kwargs, expected):
    assert fouten(client, reverse(name, kwargs=kwargs) + PERIODE, "get", expected, actoren) == []
