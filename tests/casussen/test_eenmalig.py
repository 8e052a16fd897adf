"""A double click, a resubmit or the back button creates one case, scenario, cost line or
knelpunt (omo.eenmalig)."""

import pytest
from django.urls import reverse

from casussen.models import Casus, Knelpunt, Kostenregel, Scenario
from casussen.services import scenario as scenario_services
from tests.casussen.test_casus import _form_data
from tests.casussen.test_scenario import regel_data
from tests.eenmalig import controleer_fout_dan_goed, controleer_tweemaal, zonder_token_geweigerd

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client, consulent):
    client.force_login(consulent)
    return client


def _zonder_token(data):
    return {k: v for k, v in data.items() if k != "eenmalig"}


def test_aanmelden_twice_makes_one_case(ingelogd, leefgebied, consulent):
    data = _zonder_token(_form_data(leefgebied, team=consulent.team_id))
    controleer_tweemaal(ingelogd, reverse("casus_nieuw"), data, Casus.objects.count,
                        "Deze casus was al aangemeld; er is geen tweede casus aangemaakt.")
    casus = Casus.objects.get()
    assert ingelogd.post(reverse("casus_nieuw"), data).status_code == 200  # no token: refused
    assert Casus.objects.get() == casus


def test_aanmelden_after_a_refusal_with_the_same_token(ingelogd, leefgebied, consulent):
    data = _zonder_token(_form_data(leefgebied, team=consulent.team_id))
    controleer_fout_dan_goed(ingelogd, reverse("casus_nieuw"), {**data, "titel": ""}, data, Casus.objects.count)
    zonder_token_geweigerd(ingelogd, reverse("casus_nieuw"), data, Casus.objects.count)


def test_scenario_twice_makes_one(ingelogd, casus):
    url = reverse("scenario_nieuw", args=[casus.pk])
    goed = {"titel": "Huur overbruggen", "beschrijving": "b"}
    controleer_tweemaal(ingelogd, url, goed, Scenario.objects.count, "Dit scenario was al aangemaakt")
    controleer_fout_dan_goed(ingelogd, url, {**goed, "titel": ""}, goed, Scenario.objects.count)


def test_cost_line_twice_makes_one(ingelogd, casus, consulent, geldstroom):
    scenario = scenario_services.maak_scenario(casus.pk, consulent, {"titel": "S", "beschrijving": "b"})
    url = reverse("kostenregel_nieuw", args=[casus.pk, scenario.pk])
    goed = _zonder_token(regel_data(geldstroom=geldstroom.pk))
    controleer_tweemaal(ingelogd, url, goed, Kostenregel.objects.count, "Deze kostenregel was al toegevoegd")
    controleer_fout_dan_goed(ingelogd, url, {**goed, "prijs": "veel"}, goed, Kostenregel.objects.count)


def test_knelpunt_twice_makes_one(ingelogd, casus):
    url = reverse("knelpunt_nieuw", args=[casus.pk])
    goed = {"soort": "aanbod", "beschrijving": "Geen plek in de opvang"}
    controleer_tweemaal(ingelogd, url, goed, Knelpunt.objects.count, "Dit knelpunt was al vastgelegd")
    controleer_fout_dan_goed(ingelogd, url, {**goed, "beschrijving": ""}, goed, Knelpunt.objects.count)


def test_plan_action_twice_makes_one(ingelogd, casus, consulent, make_user):
    from casussen.models import Actie
    from tests.casussen.test_plan import _naar_besloten, _plan

    besloten = _naar_besloten(casus, consulent, make_user("omo"))
    _plan(besloten, consulent)
    url = reverse("actie_nieuw", args=[besloten.pk])
    goed = {"omschrijving": "Aanvraag bijzondere bijstand", "eigenaar": "Sanne", "deadline": "2026-02-01"}
    controleer_tweemaal(ingelogd, url, goed, Actie.objects.count, "Deze actie was al toegevoegd")
    controleer_fout_dan_goed(ingelogd, url, {**goed, "deadline": ""}, goed, Actie.objects.count)
