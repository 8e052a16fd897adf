"""Authorisation matrix of every URL of the meeting mode, the verslag and the addendum (DESIGN
§10): only the OMO-functionaris runs the meeting; the verslag is for the OMO-functionaris and the
participants (chair, standing participants, those recorded present), whatever their role. Each
request runs in a rolled-back savepoint (tests/escalatie/autorisatie.py), so a POST by one actor
does not change what the next one sees; anonymous visitors are sent to the login page.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from escalatie.models import Overleg
from escalatie.services import bespreking
from escalatie.services import overleg as overleg_services
from tests.escalatie.autorisatie import ANONIEM, OK, fouten

NU = datetime.datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
ACTOREN = ["eigen", "consulent_vreemd", "coach_vreemd", "omo", "deelnemer_budgethouder", "aanwezig_consulent",
           "budgethouder", "portefeuillehouder", "college", "beleid", "beheerder", "privacy"]

ALLEEN_OMO = {a: 403 for a in ACTOREN} | {"omo": OK}
# The verslag: the OMO-functionaris and the participants of the meeting, whatever their role.
DEELNEMERS = {**ALLEEN_OMO, "deelnemer_budgethouder": OK, "aanwezig_consulent": OK}

# name → (methods, URL kwargs from the world, expectations)
MATRIX = {
    "bespreking": (("get",), ("pk",), ALLEEN_OMO),
    "bespreking_starten": (("post",), ("pk",), ALLEEN_OMO),
    "bespreking_uitkomst": (("post",), ("pk", "aid"), ALLEEN_OMO),
    "bespreking_sluiten": (("get", "post"), ("pk",), ALLEEN_OMO),
    "verslag_download": (("get",), ("gesloten",), DEELNEMERS),
    "verslag_addendum": (("get", "post"), ("gesloten",), ALLEEN_OMO),
}
URL_KWARG = {"gesloten": "pk"}


@pytest.fixture
def wereld(make_user, klare_casus, team_a, team_b, reeks, overleg):
    deelnemer = make_user("budgethouder")
    reeks.vaste_deelnemers.add(deelnemer)
    actoren = {
        "eigen": make_user("consulent", team=team_a),
        "consulent_vreemd": make_user("consulent", team=team_b),
        "coach_vreemd": make_user("maatwerkcoach", team=team_b),
        "omo": reeks.voorzitter,
        "deelnemer_budgethouder": deelnemer,
        "aanwezig_consulent": make_user("consulent", team=team_b),
        **{rol: make_user(rol) for rol in ("budgethouder", "portefeuillehouder", "college", "beleid", "beheerder", "privacy")},
    }
    eigen, omo = actoren["eigen"], actoren["omo"]
    punt = overleg_services.dien_in(klare_casus(casushouder=eigen).pk, eigen, "Vraag", overleg.pk, now=NU)
    gesloten = Overleg.objects.filter(reeks=reeks).order_by("-datum").first()
    bespreking.sluit(gesloten.pk, omo, aanwezigen=[omo.pk, actoren["aanwezig_consulent"].pk], voor_de_datum=True)
    bespreking.maak_verslag(gesloten.pk)
    return actoren, {"pk": overleg.pk, "aid": punt.pk, "gesloten": gesloten.pk}


def test_every_url_is_in_the_matrix():
    from escalatie.views.bespreking import urlpatterns

    assert {p.name for p in urlpatterns} == set(MATRIX)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_bespreking_url_authorisation(client, wereld, name, time_machine):
    time_machine.move_to(NU)
    actoren, waarden = wereld
    methods, names, expected = MATRIX[name]
    url = reverse(name, kwargs={URL_KWARG.get(n, n): waarden[n] for n in names})
    failures = []
    for method in methods:
        failures += [f"{method.upper()} {f}" for f in fouten(client, url, method, expected, actoren)]
    assert not failures, f"{name}: " + "; ".join(failures)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_everywhere(client, wereld):
    _actoren, waarden = wereld
    for name, (methods, names, _expected) in MATRIX.items():
        url = reverse(name, kwargs={URL_KWARG.get(n, n): waarden[n] for n in names})
        for method in methods:
            assert not fouten(client, url, method, {}, {}), f"{name} {method} ({ANONIEM})"
