"""Authorisation matrix of the telefoonlijst URLs (DESIGN §10): every case role and the beheerder
read it; the OMO-functionaris and the beheerder maintain it. Each request runs in a rolled-back
savepoint."""

import pytest
from django.urls import reverse

from escalatie.models import Contactpersoon
from tests.escalatie.autorisatie import fouten

OK = "ok"
ANONIEM = "anoniem"
ROLLEN = ["consulent", "maatwerkcoach", "omo", "budgethouder", "portefeuillehouder", "college", "beleid", "beheerder", "privacy"]
LEZEN = {"consulent": OK, "maatwerkcoach": OK, "omo": OK, "beheerder": OK,
         "budgethouder": 403, "portefeuillehouder": 403, "college": 403, "beleid": 403, "privacy": 403}
BEHEREN = {rol: 403 for rol in ROLLEN} | {"omo": OK, "beheerder": OK}

MATRIX = {
    "telefoonlijst": ("get", False, LEZEN),
    "telefoonlijst_export": ("get", False, LEZEN),
    "contactpersoon_nieuw": ("get", False, BEHEREN),
    "contactpersoon_wijzigen": ("get", True, BEHEREN),
    "contactpersoon_actief": ("post", True, BEHEREN),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_telefoonlijst_url_authorisation(client, make_user, organisatie, name):
    contact = Contactpersoon.objects.create(organisatie=organisatie, naam="Petra", rol="R", mandaat="M", email="p@example.org")
    method, met_contact, expected = MATRIX[name]
    url = reverse(name, kwargs={"cid": contact.pk} if met_contact else {})
    failures = fouten(client, url, method, expected, {rol: make_user(rol) for rol in ROLLEN})
    assert not failures, f"{name}: " + "; ".join(failures)
