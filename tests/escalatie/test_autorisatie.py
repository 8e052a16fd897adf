"""Authorisation matrix (DESIGN §10) of the escalation, telefoonlijst and verzoek URLs — the overleg
pages and the meeting mode are in test_autorisatie_overleg.py and test_autorisatie_bespreking.py: role × own /
foreign case. Each request runs in a rolled-back savepoint, so a POST by one actor does not
change what the next one sees.

OK = 200, or a redirect that is not to the login page (a refusal with a message included).
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from casussen.services import casus as casus_services
from escalatie.models import Contactpersoon, Overleg
from escalatie.services import bespreking
from escalatie.services import escalatie as escalatie_services
from escalatie.services import overleg as overleg_services
from escalatie.services import verzoek as verzoek_services
from tests.escalatie.autorisatie import fouten

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime.datetime(2026, 12, 1, 12, tzinfo=AMS)
OK = "ok"
ANONIEM = "anoniem"
ACTOREN = [ANONIEM, "eigen", "consulent_vreemd", "coach_vreemd", "omo", "budgethouder", "portefeuillehouder",
           "college", "beleid", "beheerder", "privacy"]
NIET_CASUS = {"budgethouder": 403, "portefeuillehouder": 403, "college": 403, "beleid": 403, "privacy": 403, "beheerder": 403}

CASUSROL = {"eigen": OK, "consulent_vreemd": OK, "coach_vreemd": OK, "omo": OK, **NIET_CASUS}
ALLEEN_OMO = {a: 403 for a in ACTOREN if a != ANONIEM} | {"omo": OK}
CASUS_LEZEN = {"eigen": OK, "consulent_vreemd": 404, "coach_vreemd": 404, "omo": OK, **NIET_CASUS}
CASUS_OMO = {**CASUS_LEZEN, "eigen": 403}
ESCALATIE_2 = {a: 404 for a in ACTOREN if a != ANONIEM} | {"eigen": OK, "omo": OK, "portefeuillehouder": OK}
LET = {a: 404 for a in ACTOREN if a != ANONIEM} | {"eigen": 403, "omo": OK}
INBOX = {a: 403 for a in ACTOREN if a != ANONIEM} | {"omo": OK, "portefeuillehouder": OK, "college": OK}
TELEFOON = {**CASUSROL, "beheerder": OK}
TELEFOON_BEHEER = {**ALLEEN_OMO, "beheerder": OK}
VERSLAG = {**ALLEEN_OMO, "budgethouder": 403}
VERZOEK_LEZEN = {a: 404 for a in ACTOREN if a != ANONIEM} | {"eigen": OK, "omo": OK}
VERZOEK_BEHANDELEN = {**VERZOEK_LEZEN, "eigen": 403}
PUBLIEK = {a: OK for a in ACTOREN}

# name → (method, kwargs names, expectations)
MATRIX = {
    "escalatie_inbox": ("get", (), INBOX),
    "escalatie_detail": ("get", ("esc",), ESCALATIE_2),
    "escalatie_beslissen": ("post", ("esc",), ESCALATIE_2),
    "escalatie_let": ("get", ("let",), LET),
    "escalatie_let_pdf": ("get", ("let",), LET),
    "escalatie_nieuw": ("get", ("casus",), CASUS_OMO),
    "casus_escalaties": ("get", ("casus",), CASUS_LEZEN),
    "telefoonlijst": ("get", (), TELEFOON),
    "telefoonlijst_export": ("get", (), TELEFOON),
    "contactpersoon_nieuw": ("get", (), TELEFOON_BEHEER),
    "contactpersoon_wijzigen": ("get", ("cid",), TELEFOON_BEHEER),
    "verzoek_lijst": ("get", (), CASUSROL),
    "verzoek_landelijk_nieuw": ("get", (), ALLEEN_OMO),
    "verzoek_detail": ("get", ("vid",), VERZOEK_LEZEN),
    "verzoek_oppakken": ("post", ("vid",), VERZOEK_BEHANDELEN),
    "verzoek_beantwoorden": ("post", ("vid",), VERZOEK_BEHANDELEN),
    "verzoek_nieuw": ("get", ("casus",), CASUS_LEZEN),
    "verzoek_extern": ("get", ("token",), PUBLIEK),
}

URL_KWARG = {"casus": "pk", "esc": "pk", "let": "pk", "gesloten": "pk"}


@pytest.fixture
def wereld(make_user, klare_casus, team_a, team_b, organisatie, reeks, overleg):
    actoren = {
        "eigen": make_user("consulent", team=team_a),
        "consulent_vreemd": make_user("consulent", team=team_b),
        "coach_vreemd": make_user("maatwerkcoach", team=team_b),
        "omo": reeks.voorzitter,
        **{rol: make_user(rol) for rol in NIET_CASUS},
    }
    eigen, omo = actoren["eigen"], actoren["omo"]
    voorbereiding = klare_casus(casushouder=eigen, titel="In voorbereiding")
    op_agenda = klare_casus(casushouder=eigen, titel="Op de agenda")
    punt = overleg_services.dien_in(op_agenda.pk, eigen, "Vraag", overleg.pk, now=NU)

    def besproken(titel):
        casus = klare_casus(casushouder=eigen, titel=titel)
        casus_services.agendeer(casus.pk, eigen)
        casus_services.markeer_besproken(casus.pk, omo)
        return casus

    e2 = besproken("Naar de wethouder")
    esc = escalatie_services.escaleer(e2.pk, omo, 2, "buiten_kaders", "Mag dit?", scenario_id=e2.scenarios.get().pk, now=NU)
    e4 = besproken("Naar het LET")
    let = escalatie_services.escaleer(e4.pk, omo, 4, "landelijk", "CJIB", now=NU)
    gesloten = Overleg.objects.filter(reeks=reeks).order_by("-datum").first()
    bespreking.sluit(gesloten.pk, omo, voor_de_datum=True)
    bespreking.maak_verslag(gesloten.pk)
    contact = Contactpersoon.objects.create(organisatie=organisatie, naam="Petra", rol="R", mandaat="M", email="p@example.org")
    verzoek = verzoek_services.stuur_verzoek(voorbereiding.pk, eigen, contact.pk, "Onderwerp", "Vraag", now=NU)
    waarden = {
        "pk": overleg.pk, "aid": punt.pk, "rid": reeks.pk, "casus": voorbereiding.pk, "esc": esc.pk, "let": let.pk,
        "gesloten": gesloten.pk, "cid": contact.pk, "vid": verzoek.pk,
        "token": verzoek_services.maak_link(verzoek).rstrip("/").rsplit("/", 1)[-1],
    }
    return actoren, waarden


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_escalatie_url_authorisation(client, wereld, name, time_machine):
    time_machine.move_to(NU)
    actoren, waarden = wereld
    method, names, expected = MATRIX[name]
    url = reverse(name, kwargs={URL_KWARG.get(n, n): waarden[n] for n in names})
    actoren_zonder_anoniem = {a: actoren[a] for a in ACTOREN if a != ANONIEM}
    failures = fouten(client, url, method, expected, actoren_zonder_anoniem, publiek=expected is PUBLIEK)
    assert not failures, f"{name}: " + "; ".join(failures)
