"""Authorisation matrix of every URL of the overleg pages (DESIGN §10): role × own / foreign case,
and a standing participant without a case role. Each request runs in a rolled-back savepoint
(tests/escalatie/autorisatie.py), so a POST by one actor does not change what the next sees.

OK = 200, or a redirect that is not to the login page (a refusal with a message included);
anonymous visitors are sent to the login page.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from escalatie.services import overleg as overleg_services
from tests.escalatie.autorisatie import ANONIEM, OK, fouten

NU = datetime.datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
ACTOREN = ["eigen", "consulent_vreemd", "coach_vreemd", "omo", "deelnemer_budgethouder", "budgethouder",
           "portefeuillehouder", "college", "beleid", "beheerder", "privacy"]
GEEN_CASUSROL = {a: 403 for a in ("deelnemer_budgethouder", "budgethouder", "portefeuillehouder", "college", "beleid",
                                  "beheerder", "privacy")}

CASUSROL = {"eigen": OK, "consulent_vreemd": OK, "coach_vreemd": OK, "omo": OK, **GEEN_CASUSROL}
# The agenda: case roles see the page (a consulent only their own items), and so does a standing
# participant of the series whatever their role.
AGENDA = {**CASUSROL, "deelnemer_budgethouder": OK}
ALLEEN_OMO = {a: 403 for a in ACTOREN} | {"omo": OK}
# Pages of one case: its own professionals and the OMO-functionaris; a foreign case is not found.
EIGEN_CASUS = {"eigen": OK, "consulent_vreemd": 404, "coach_vreemd": 404, "omo": OK, **GEEN_CASUSROL}

# name → (methods, URL kwargs from the world, expectations)
MATRIX = {
    # A standing participant sees the list too, with only its own series' meetings.
    "overleg_lijst": (("get",), (), AGENDA),
    "overleg_reeks_nieuw": (("get", "post"), (), ALLEEN_OMO),
    "overleg_reeks_wijzigen": (("get", "post"), ("rid",), ALLEEN_OMO),
    "overleg_detail": (("get",), ("pk",), AGENDA),
    "overleg_annuleren": (("get", "post"), ("pk",), ALLEEN_OMO),
    "overleg_toelaten": (("post",), ("pk", "aid"), ALLEEN_OMO),
    "overleg_volgorde": (("post",), ("pk", "aid"), ALLEEN_OMO),
    "overleg_intrekken": (("get", "post"), ("pk", "aid"), EIGEN_CASUS),
    "overleg_agenderen": (("get", "post"), ("casus",), EIGEN_CASUS),
}


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
        **{rol: make_user(rol) for rol in ("budgethouder", "portefeuillehouder", "college", "beleid", "beheerder", "privacy")},
    }
    eigen = actoren["eigen"]
    voorbereiding = klare_casus(casushouder=eigen, titel="In voorbereiding")
    op_agenda = klare_casus(casushouder=eigen, titel="Op de agenda")
    punt = overleg_services.dien_in(op_agenda.pk, eigen, "Vraag", overleg.pk, now=NU)
    waarden = {"pk": overleg.pk, "aid": punt.pk, "rid": reeks.pk, "casus": voorbereiding.pk}
    return actoren, waarden


def test_every_url_is_in_the_matrix():
    from escalatie.views.overleg import urlpatterns

    assert {p.name for p in urlpatterns} == set(MATRIX)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_overleg_url_authorisation(client, wereld, name, time_machine):
    time_machine.move_to(NU)
    actoren, waarden = wereld
    methods, names, expected = MATRIX[name]
    url = reverse(name, kwargs={("pk" if n == "casus" else n): waarden[n] for n in names})
    failures = []
    for method in methods:
        failures += [f"{method.upper()} {f}" for f in fouten(client, url, method, expected, actoren)]
    assert not failures, f"{name}: " + "; ".join(failures)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_everywhere(client, wereld):
    _actoren, waarden = wereld
    for name, (methods, names, _expected) in MATRIX.items():
        url = reverse(name, kwargs={("pk" if n == "casus" else n): waarden[n] for n in names})
        assert not fouten(client, url, methods[0], {}, {}), f"{name} ({ANONIEM})"
