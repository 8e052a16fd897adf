"""Authorisation matrix of the escalation URLs (DESIGN §6, §10): role × the escalation's level
and the user's relation to the case. Each request runs in a rolled-back savepoint, so a POST by
one actor does not change what the next one sees.

Actors: the casushouder of the escalated cases ("eigen"), a consulent and a coach of another
team, the OMO-functionaris, and one user of every other role. A portefeuillehouder sees only
the escalations to level 2, the College only those to level 3 (404 for any other: an
escalation does not reveal that it exists); the LET dossier is the OMO-functionaris' work.

OK = 200, or a redirect that is not to the login page (a refusal with a message included).
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from casussen.services import casus as casus_services
from escalatie.services import escalatie as services
from tests.escalatie.autorisatie import fouten

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime.datetime(2026, 12, 1, 12, tzinfo=AMS)
OK = "ok"
ANONIEM = "anoniem"
ACTOREN = [ANONIEM, "eigen", "consulent_vreemd", "coach_vreemd", "omo", "budgethouder", "portefeuillehouder",
           "college", "beleid", "beheerder", "privacy"]
GEEN = {a: 404 for a in ACTOREN if a != ANONIEM}
NIET_CASUS = {"budgethouder": 403, "portefeuillehouder": 403, "college": 403, "beleid": 403, "privacy": 403, "beheerder": 403}

INBOX = {a: 403 for a in ACTOREN if a != ANONIEM} | {"omo": OK, "portefeuillehouder": OK, "college": OK}
NIVEAU_2 = GEEN | {"eigen": OK, "omo": OK, "portefeuillehouder": OK}
NIVEAU_3 = GEEN | {"eigen": OK, "omo": OK, "college": OK}
NIVEAU_4 = GEEN | {"eigen": OK, "omo": OK}
LET = GEEN | {"eigen": 403, "omo": OK}
CASUS_LEZEN = {"eigen": OK, "consulent_vreemd": 404, "coach_vreemd": 404, "omo": OK, **NIET_CASUS}
ESCALEREN = {**CASUS_LEZEN, "eigen": 403}

# name → (method, kwargs names, expectations)
MATRIX = {
    "escalatie_inbox": ("get", (), INBOX),
    "escalatie_detail": ("get", ("niveau2",), NIVEAU_2),
    "escalatie_beslissen": ("post", ("niveau2",), NIVEAU_2),
    "escalatie_let": ("get", ("niveau4",), LET),
    "escalatie_let_pdf": ("get", ("niveau4",), LET),
    "escalatie_nieuw": ("get", ("besproken",), ESCALEREN),
    "casus_escalaties": ("get", ("besproken",), CASUS_LEZEN),
}
# The same pages for escalations at the other levels.
EXTRA = {
    "escalatie_detail@3": ("escalatie_detail", "get", ("niveau3",), NIVEAU_3),
    "escalatie_beslissen@3": ("escalatie_beslissen", "post", ("niveau3",), NIVEAU_3),
    "escalatie_detail@4": ("escalatie_detail", "get", ("niveau4",), NIVEAU_4),
    "escalatie_beslissen@4": ("escalatie_beslissen", "post", ("niveau4",), NIVEAU_4),
}
GEVALLEN = {**{n: (n, *v) for n, v in MATRIX.items()}, **EXTRA}


@pytest.fixture
def wereld(make_user, klare_casus, team_a, team_b, omo_user):
    actoren = {
        "eigen": make_user("consulent", team=team_a),
        "consulent_vreemd": make_user("consulent", team=team_b),
        "coach_vreemd": make_user("maatwerkcoach", team=team_b),
        "omo": omo_user,
        **{rol: make_user(rol) for rol in NIET_CASUS},
    }
    eigen = actoren["eigen"]

    def besproken(titel):
        casus = klare_casus(casushouder=eigen, titel=titel)
        casus_services.agendeer(casus.pk, eigen)
        casus_services.markeer_besproken(casus.pk, omo_user)
        return casus

    waarden = {"besproken": besproken("Nog te escaleren").pk}
    for n in (2, 3, 4):
        casus = besproken(f"Naar niveau {n}")
        e = services.escaleer(casus.pk, omo_user, n, "buiten_kaders", "Mag dit?", scenario_id=casus.scenarios.get().pk,
                              now=NU, geanonimiseerde_samenvatting="Een huishouden met schulden.")
        waarden[f"niveau{n}"] = e.pk
    return actoren, waarden


@pytest.mark.django_db
@pytest.mark.parametrize("geval", sorted(GEVALLEN))
def test_escalatie_url_authorisation(client, wereld, geval, time_machine):
    time_machine.move_to(NU)
    actoren, waarden = wereld
    name, method, names, expected = GEVALLEN[geval]
    url = reverse(name, kwargs={"pk": waarden[names[0]]} if names else {})
    failures = fouten(client, url, method, expected, {a: actoren[a] for a in ACTOREN if a != ANONIEM})
    assert not failures, f"{geval}: " + "; ".join(failures)
