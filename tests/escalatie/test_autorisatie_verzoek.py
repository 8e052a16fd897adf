"""Authorisation matrix of the verzoek URLs (DESIGN §10): role × the verzoek's relation to the
user. Actors: the casushouder who sent it, a medebehandelaar of the case, a coach of the case's
team, a consulent and a coach of another team, the OMO-functionaris, a budgethouder who is the
contact person (with an OMO account) it is addressed to, and one user for each other role.
Each request runs in a rolled-back savepoint. `verzoek_extern` is public: anyone with the link.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from escalatie.models import Contactpersoon
from escalatie.services import verzoek as services
from tests.escalatie.autorisatie import fouten

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime.datetime(2026, 12, 1, 12, tzinfo=AMS)
OK = "ok"
ANONIEM = "anoniem"
ACTOREN = [ANONIEM, "afzender", "gedeeld", "coach_team", "consulent_vreemd", "coach_vreemd", "omo", "ontvanger",
           "portefeuillehouder", "college", "beleid", "beheerder", "privacy"]
GEEN_CASUSROL = {"ontvanger": 403, "portefeuillehouder": 403, "college": 403, "beleid": 403, "privacy": 403, "beheerder": 403}

# The list: everyone with a case role, and a colleague with a working role whom a telefoonlijst
# contact names (the verzoeken addressed to them); a linked contact without one sees nothing.
LIJST = {"afzender": OK, "gedeeld": OK, "coach_team": OK, "consulent_vreemd": OK, "coach_vreemd": OK, "omo": OK,
         **GEEN_CASUSROL, "ontvanger": OK}
ALLEEN_OMO = {a: 403 for a in ACTOREN if a != ANONIEM} | {"omo": OK}
# Reading one: OMO, the sender, the case's betrokkenen (casushouder, medebehandelaars) and the
# contact it is addressed to; the team's coach reads the case, not its verzoeken.
LEZEN = {"afzender": OK, "gedeeld": OK, "coach_team": 404, "consulent_vreemd": 404, "coach_vreemd": 404, "omo": OK,
         "ontvanger": OK, "portefeuillehouder": 404, "college": 404, "beleid": 404, "privacy": 404, "beheerder": 404}
# Handling one (pick up, answer): OMO and the contact it is addressed to.
BEHANDELEN = {**LEZEN, "afzender": 403, "gedeeld": 403}
# Sending one from a case: the case's consulenten and the OMO-functionaris; a coach of the team
# reads the case but does not send for it; others do not see the case.
STUREN = {"afzender": OK, "gedeeld": OK, "coach_team": 403, "consulent_vreemd": 404, "coach_vreemd": 404, "omo": OK,
          **GEEN_CASUSROL}
PUBLIEK = {a: OK for a in ACTOREN}

# name → (method, kwargs names, expectations)
MATRIX = {
    "verzoek_lijst": ("get", (), LIJST),
    "verzoek_landelijk_nieuw": ("get", (), ALLEEN_OMO),
    "verzoek_detail": ("get", ("vid",), LEZEN),
    "verzoek_oppakken": ("post", ("vid",), BEHANDELEN),
    "verzoek_beantwoorden": ("post", ("vid",), BEHANDELEN),
    "verzoek_nieuw": ("get", ("casus",), STUREN),
    "verzoek_extern": ("get", ("token",), PUBLIEK),
}
URL_KWARG = {"casus": "pk"}


@pytest.fixture
def wereld(make_user, klare_casus, team_a, team_b, organisatie):
    actoren = {
        "afzender": make_user("consulent", team=team_a),
        "gedeeld": make_user("consulent", team=team_b),
        "coach_team": make_user("maatwerkcoach", team=team_a),
        "consulent_vreemd": make_user("consulent", team=team_b),
        "coach_vreemd": make_user("maatwerkcoach", team=team_b),
        "omo": make_user("omo"),
        "ontvanger": make_user("budgethouder"),
        **{rol: make_user(rol) for rol in ("portefeuillehouder", "college", "beleid", "beheerder", "privacy")},
    }
    casus = klare_casus(casushouder=actoren["afzender"])
    casus.medebehandelaars.add(actoren["gedeeld"])
    contact = Contactpersoon.objects.create(organisatie=organisatie, naam="Petra", rol="R", mandaat="M",
                                            email="p@example.org", gebruiker=actoren["ontvanger"])
    verzoek = services.stuur_verzoek(casus.pk, actoren["afzender"], contact.pk, "Onderwerp", "Vraag", now=NU)
    waarden = {"casus": casus.pk, "vid": verzoek.pk,
               "token": services.maak_link(verzoek).rstrip("/").rsplit("/", 1)[-1]}
    return actoren, waarden


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_verzoek_url_authorisation(client, wereld, name, time_machine):
    time_machine.move_to(NU)
    actoren, waarden = wereld
    method, names, expected = MATRIX[name]
    url = reverse(name, kwargs={URL_KWARG.get(n, n): waarden[n] for n in names})
    failures = fouten(client, url, method, expected, {a: actoren[a] for a in ACTOREN if a != ANONIEM}, publiek=expected is PUBLIEK)
    assert not failures, f"{name}: " + "; ".join(failures)


@pytest.mark.django_db
def test_the_list_shows_only_what_the_detail_page_allows(client, wereld):
    """A list never shows what the detail page would refuse (DESIGN §10)."""
    actoren, waarden = wereld
    for actor, verwacht in LEZEN.items():
        if actor in GEEN_CASUSROL:
            continue  # no list for them
        client.force_login(actoren[actor])
        body = client.get(reverse("verzoek_lijst")).content.decode()
        assert (reverse("verzoek_detail", kwargs={"vid": waarden["vid"]}) in body) is (verwacht == OK), actor
