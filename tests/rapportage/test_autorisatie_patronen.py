"""Authorisation matrix of the signal and pattern URLs (DESIGN §2, §10; rapportage.rules): role ×
relation to the pattern (beleid as its owner and another beleidsmedewerker: both manage it, by
the rules). omo and beleid see the signals, only omo links knelpunten; omo, beleid and the
College read patronen, omo and beleid change them. Each request runs in a rolled-back savepoint."""

import pytest
from django.urls import reverse

from rapportage.services import patronen as patroon_services
from tests.escalatie.autorisatie import fouten
from tests.rapportage import test_signalen as signaal_tests

# The fixtures of the signal tests, shared here.
casussen_van = signaal_tests.casussen_van
knelpunt = signaal_tests.knelpunt
signaal = signaal_tests.signaal

OK = "ok"
ACTOREN = ["consulent", "maatwerkcoach", "omo", "budgethouder", "portefeuillehouder", "college", "beleid_eigenaar",
           "beleid_ander", "beheerder"]
ALLEN_403 = {a: 403 for a in ACTOREN}
SIGNALEN = ALLEN_403 | {"omo": OK, "beleid_eigenaar": OK, "beleid_ander": OK}
KOPPELEN = ALLEN_403 | {"omo": OK}
PATRONEN_LEZEN = SIGNALEN | {"college": OK}
PATRONEN_BEHEREN = SIGNALEN

# name → (method, object, expectations)
MATRIX = {
    "signaal_lijst": ("get", None, SIGNALEN),
    "signaal_export": ("get", None, SIGNALEN),
    "signaal_detail": ("get", "groep", SIGNALEN),
    "signaal_koppelen": ("post", "groep", KOPPELEN),
    "signaal_ontkoppelen": ("post", "groep", KOPPELEN),
    "patroon_lijst": ("get", None, PATRONEN_LEZEN),
    "patroon_export": ("get", None, PATRONEN_LEZEN),
    "patroon_nieuw": ("get", None, PATRONEN_BEHEREN),
    "patroon_detail": ("get", "patroon", PATRONEN_LEZEN),
    "patroon_bewerken": ("get", "patroon", PATRONEN_BEHEREN),
    "patroon_fase": ("post", "patroon", PATRONEN_BEHEREN),
    "patroon_knelpunten": ("post", "patroon", PATRONEN_BEHEREN),
}


@pytest.fixture
def wereld(make_user, signaal):
    groep, _knelpunten = signaal
    actoren = {
        a: make_user(a.split("_")[0]) for a in ACTOREN
    }
    patroon = patroon_services.maak(
        actoren["beleid_eigenaar"],
        {"titel": "Patroon", "beschrijving": "B", "eigenaar": actoren["beleid_eigenaar"]},
        groep=groep,
    )
    return actoren, {"groep": groep.pk, "patroon": patroon.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_signaal_en_patroon_url_authorisation(client, wereld, name):
    actoren, waarden = wereld
    method, obj, expected = MATRIX[name]
    url = reverse(name, kwargs={"pk": waarden[obj]} if obj else {})
    failures = fouten(client, url, method, expected, actoren)
    assert not failures, f"{name}: " + "; ".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, (_m, obj, _e) in MATRIX.items() if obj))
def test_een_onbekend_object_geeft_404_en_verraadt_niets_aan_anderen(client, wereld, name):
    actoren, _waarden = wereld
    method, _obj, expected = MATRIX[name]
    url = reverse(name, kwargs={"pk": 999999})
    verwacht = {a: (404 if e == OK else e) for a, e in expected.items()}
    failures = fouten(client, url, method, verwacht, actoren)
    assert not failures, f"{name}: " + "; ".join(failures)
