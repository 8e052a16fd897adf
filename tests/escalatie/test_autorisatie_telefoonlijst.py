"""Authorisation matrix of the telefoonlijst URLs (DESIGN §10): every case role and the beheerder
read it; the OMO-functionaris and the beheerder maintain it. Each request runs in a rolled-back
savepoint."""

import pytest
from django.db import transaction
from django.urls import reverse

from escalatie.models import Contactpersoon

OK = "ok"
ANONIEM = "anoniem"
ROLLEN = ["consulent", "maatwerkcoach", "omo", "budgethouder", "portefeuillehouder", "college", "beleid", "beheerder"]
LEZEN = {"consulent": OK, "maatwerkcoach": OK, "omo": OK, "beheerder": OK,
         "budgethouder": 403, "portefeuillehouder": 403, "college": 403, "beleid": 403}
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
    failures = []
    for rol in [ANONIEM, *ROLLEN]:
        client.logout()
        if rol != ANONIEM:
            client.force_login(make_user(rol))
        with transaction.atomic():
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
        status = response.status_code
        naar_login = status == 302 and response["Location"].startswith(reverse("login"))
        if rol == ANONIEM:
            ok = naar_login
        elif expected[rol] == OK:
            ok = status in (200, 302) and not naar_login
        else:
            ok = status == expected[rol]
        if not ok:
            failures.append(f"{rol}: {status} (verwacht {expected.get(rol, 'login')})")
    assert not failures, f"{name}: " + "; ".join(failures)
