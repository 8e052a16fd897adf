"""Scenarios: the waardendriehoek, cost lines, choosing, the kassabon and the comparison."""

import datetime
import html as htmllib
from decimal import Decimal as D

import pytest
from django.urls import reverse

from casussen.models import (
    Casus,
    Geldstroom,
    Kostenregel,
    Prijs,
    Scenario,
    ScenarioGrondslag,
    Status,
    TijdlijnEvent,
    WettelijkeGrondslag,
)
from casussen.services import casus as casus_services
from casussen.services import scenario as services
from omo.eenmalig import nieuw_token
from omo.weigering import Weigering

NBSP = "\u00a0"


def euro(tekst):
    return "€" + NBSP + tekst


@pytest.fixture
def omo_user(make_user):
    return make_user("omo")


@pytest.fixture
def scenario(casus, consulent):
    return services.maak_scenario(
        casus.pk, consulent, {"titel": "Lening voor de huurachterstand", "beschrijving": "Overbruggen."}
    )


@pytest.fixture
def ingelogd(client, consulent):
    client.force_login(consulent)
    return client


def tekst(response) -> str:
    return htmllib.unescape(response.content.decode())


def url(naam, *args, **query):
    u = reverse(naam, args=args)
    if query:
        u += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return u


def regel_data(**velden):
    data = {
        "situatie": "huidig",
        "prijslijstitem": "",
        "omschrijving": "Bijstand",
        "prijs": "1100,00",
        "aantal": "1",
        "frequentie": "per_maand",
        "startmaand": "1",
        "duur_maanden": "",
        "geldstroom": "",
        "betaler": "gemeente",
        "kans": "100",
        "eenmalig": nieuw_token(),
    }
    data.update(velden)
    return data


# --- Scenario and status ---------------------------------------------------------------------


def test_new_scenario_starts_the_preparation_and_writes_the_timeline(ingelogd, casus, organisatie):
    assert casus.status == Status.AANGEMELD
    response = ingelogd.post(
        url("scenario_nieuw", casus.pk),
        {"titel": "Huur overbruggen", "beschrijving": "De gemeente leent de achterstand voor.",
         "perspectief_inwoner": "Wil in het huis blijven", "past_in_kaders": "on", "partners": [organisatie.pk], "eenmalig": nieuw_token()},
    )
    scenario = Scenario.objects.get(casus=casus)
    assert response.status_code == 302
    assert response["Location"] == url("scenario_detail", casus.pk, scenario.pk)
    assert scenario.past_in_kaders is True
    assert list(scenario.partners.all()) == [organisatie]
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING
    soorten = list(TijdlijnEvent.objects.filter(casus=casus).values_list("soort", "omschrijving"))
    assert ("status", "Voorbereiding starten") in soorten
    assert ("scenario", "Scenario ‘Huur overbruggen’ toegevoegd") in soorten


def test_scenario_without_title_keeps_the_input(ingelogd, casus):
    response = ingelogd.post(url("scenario_nieuw", casus.pk), {"titel": "", "beschrijving": "Mijn getypte tekst", "eenmalig": nieuw_token()})
    assert response.status_code == 200
    assert "Geef het scenario een titel." in response.content.decode()
    assert "Mijn getypte tekst" in response.content.decode()
    assert not Scenario.objects.filter(casus=casus).exists()


def test_change_scenario(ingelogd, casus, scenario):
    response = ingelogd.post(
        url("scenario_wijzigen", casus.pk, scenario.pk),
        {"titel": "Nieuwe titel", "beschrijving": "Anders", "netwerk": "Zus helpt"},
    )
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert (scenario.titel, scenario.netwerk) == ("Nieuwe titel", "Zus helpt")


# --- Legitimiteit ----------------------------------------------------------------------------


def test_legal_basis_needs_a_motivation(ingelogd, casus, scenario, grondslag):
    pad = url("scenario_grondslag_toevoegen", casus.pk, scenario.pk)
    assert ingelogd.get(pad).status_code == 200
    response = ingelogd.post(pad, {"grondslag": grondslag.pk, "motivatie": "   "})
    assert response.status_code == 200
    assert "Geef een motivatie" in response.content.decode()
    assert not ScenarioGrondslag.objects.exists()

    response = ingelogd.post(pad, {"grondslag": grondslag.pk, "motivatie": "Onbillijkheid van overwegende aard."})
    assert response.status_code == 302
    sg = ScenarioGrondslag.objects.get()
    assert (sg.scenario, sg.grondslag, sg.motivatie) == (scenario, grondslag, "Onbillijkheid van overwegende aard.")

    # the same basis twice: a Dutch message, nothing added
    response = ingelogd.post(pad, {"grondslag": grondslag.pk, "motivatie": "Nog een keer"})
    assert "staat al bij dit scenario" in response.content.decode()
    assert ScenarioGrondslag.objects.count() == 1

    # change the motivation, then remove the basis
    ingelogd.post(url("scenario_grondslag_wijzigen", casus.pk, scenario.pk, sg.pk), {"motivatie": "Beter verwoord"})
    sg.refresh_from_db()
    assert sg.motivatie == "Beter verwoord"
    response = ingelogd.post(url("scenario_grondslag_verwijderen", casus.pk, scenario.pk, sg.pk))
    assert response.status_code == 302
    assert not ScenarioGrondslag.objects.exists()
    assert TijdlijnEvent.objects.filter(casus=casus, soort="scenario", omschrijving__startswith="Grondslag").count() == 2


# --- Cost lines ------------------------------------------------------------------------------


def test_price_list_item_fills_the_blanks(ingelogd, casus, scenario, prijs, geldstroom):
    response = ingelogd.post(
        url("kostenregel_nieuw", casus.pk, scenario.pk),
        regel_data(situatie="dreigend", prijslijstitem=str(prijs.pk), omschrijving="", prijs="", betaler="",
                   frequentie="eenmalig", kans="40"),
    )
    assert response.status_code == 302
    regel = Kostenregel.objects.get()
    assert regel.prijs == D("8000.00")
    assert regel.omschrijving == "Testitem huisuitzetting"
    assert (regel.geldstroom, regel.betaler, regel.prijslijstitem) == (geldstroom, "woningcorporatie", prijs)
    assert regel.kans == D("40")


def test_price_list_picker_offers_the_valid_price_with_its_data(ingelogd, casus, scenario, prijs, geldstroom):
    Prijs.objects.create(
        item=prijs.item, rekeneenheid=prijs.rekeneenheid, eenheid=prijs.eenheid, prijs=D("9999.00"), geldstroom=geldstroom, betaler="gemeente",
        bron="test", prijsjaar=2099, geldig_vanaf=datetime.date(2099, 1, 1),
    )
    html = ingelogd.get(url("kostenregel_nieuw", casus.pk, scenario.pk, situatie="dreigend")).content.decode()
    assert 'data-prijs="8000,00"' in html
    assert 'data-betaler="woningcorporatie"' in html
    assert 'data-prijs="9999,00"' not in html  # a future price is not offered yet
    assert f'<optgroup label="{geldstroom.naam}">' in html
    assert 'value="dreigend" selected' in html


def test_zero_price_is_refused_when_the_item_has_a_price(ingelogd, casus, scenario, prijs):
    response = ingelogd.post(
        url("kostenregel_nieuw", casus.pk, scenario.pk),
        regel_data(prijslijstitem=str(prijs.pk), prijs="0", omschrijving="Uitzetting"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Een prijs van € 0 kan hier niet" in html
    assert 'id="id_prijs"' in html and "is-invalid" in html
    assert not Kostenregel.objects.exists()


def test_a_different_non_zero_price_is_kept(ingelogd, casus, scenario, prijs):
    ingelogd.post(url("kostenregel_nieuw", casus.pk, scenario.pk), regel_data(prijslijstitem=str(prijs.pk), prijs="7.500,50"))
    assert Kostenregel.objects.get().prijs == D("7500.50")


def test_negative_quantity_is_refused_and_the_input_kept(ingelogd, casus, scenario, geldstroom):
    response = ingelogd.post(
        url("kostenregel_nieuw", casus.pk, scenario.pk),
        regel_data(aantal="-2", omschrijving="Mijn eigen regel", geldstroom=geldstroom.pk),
    )
    html = response.content.decode()
    assert "Het aantal kan niet negatief zijn." in html
    assert 'value="-2"' in html
    assert 'value="Mijn eigen regel"' in html
    assert not Kostenregel.objects.exists()


def test_probability_above_100_is_refused(ingelogd, casus, scenario, geldstroom):
    response = ingelogd.post(
        url("kostenregel_nieuw", casus.pk, scenario.pk),
        regel_data(situatie="dreigend", kans="150", geldstroom=geldstroom.pk),
    )
    assert "De kans is een percentage tussen 0 en 100." in response.content.decode()
    assert not Kostenregel.objects.exists()
    with pytest.raises(Weigering) as fout:
        services.voeg_kostenregel_toe(scenario.pk, casus.casushouder, {
            "situatie": "dreigend", "omschrijving": "x", "prijs": D("1"), "frequentie": "eenmalig",
            "geldstroom": geldstroom, "betaler": "gemeente", "kans": D("150"),
        })
    assert fout.value.field == "kans"


def test_free_line_needs_description_price_geldstroom_and_payer(ingelogd, casus, scenario):
    response = ingelogd.post(
        url("kostenregel_nieuw", casus.pk, scenario.pk),
        regel_data(omschrijving="", prijs="", betaler=""),
    )
    html = response.content.decode()
    for bericht in ("Geef een omschrijving", "Vul de prijs per eenheid in.", "Kies de geldstroom", "Kies wie deze kosten betaalt."):
        assert bericht in html
    assert not Kostenregel.objects.exists()


def test_kans_is_stored_as_100_outside_the_threat_and_lines_can_change(ingelogd, casus, scenario, geldstroom):
    ingelogd.post(url("kostenregel_nieuw", casus.pk, scenario.pk),
                  regel_data(kans="30", geldstroom=geldstroom.pk, duur_maanden="6"))
    regel = Kostenregel.objects.get()
    assert (regel.kans, regel.duur_maanden) == (D("100"), 6)
    pad = url("kostenregel_wijzigen", casus.pk, scenario.pk, regel.pk)
    assert 'value="1.100,00"' in ingelogd.get(pad).content.decode()
    ingelogd.post(pad, regel_data(frequentie="eenmalig", duur_maanden="6", geldstroom=geldstroom.pk, aantal="2,5"))
    regel.refresh_from_db()
    assert (regel.frequentie, regel.duur_maanden, regel.aantal) == ("eenmalig", None, D("2.5"))
    ingelogd.post(url("kostenregel_verwijderen", casus.pk, scenario.pk, regel.pk))
    assert not Kostenregel.objects.exists()
    omschrijvingen = TijdlijnEvent.objects.filter(casus=casus, soort="scenario").values_list("omschrijving", flat=True)
    assert sum("Kostenregel" in o for o in omschrijvingen) == 3


# --- Choosing --------------------------------------------------------------------------------


def test_choose_second_refused_unchoose(ingelogd, casus, scenario, consulent):
    tweede = services.maak_scenario(casus.pk, consulent, {"titel": "Verhuizen", "beschrijving": "Andere woning"})
    response = ingelogd.post(url("scenario_kiezen", casus.pk, scenario.pk), follow=True)
    assert "is gekozen" in response.content.decode()
    response = ingelogd.post(url("scenario_kiezen", casus.pk, tweede.pk), follow=True)
    assert "Scenario ‘Lening voor de huurachterstand’ is al gekozen." in response.content.decode()
    assert list(Scenario.objects.filter(gekozen=True)) == [scenario]

    ingelogd.post(url("scenario_ontkiezen", casus.pk, scenario.pk), {"terug": "lijst"})
    response = ingelogd.post(url("scenario_kiezen", casus.pk, tweede.pk), {"terug": "lijst"})
    assert response["Location"] == url("scenario_lijst", casus.pk)
    assert list(Scenario.objects.filter(gekozen=True)) == [tweede]
    assert TijdlijnEvent.objects.filter(casus=casus, omschrijving__contains="gekozen").count() == 2


def test_scenarios_are_fixed_after_the_decision(ingelogd, casus, scenario, consulent, omo_user, geldstroom):
    # the first scenario already moved the case to in_voorbereiding, where a decision can be taken
    assert Casus.objects.get(pk=casus.pk).status == Status.IN_VOORBEREIDING
    casus_services.leg_besluit_vast(casus.pk, omo_user, "akkoord", "Past binnen mandaat", scenario_id=scenario.pk)
    aantal_events = TijdlijnEvent.objects.filter(casus=casus).count()

    response = ingelogd.post(
        url("kostenregel_nieuw", casus.pk, scenario.pk), regel_data(geldstroom=geldstroom.pk)
    )
    assert "De scenario's liggen vast sinds het besluit." in tekst(response)
    response = ingelogd.post(url("scenario_ontkiezen", casus.pk, scenario.pk), follow=True)
    assert "liggen vast sinds het besluit" in response.content.decode()
    response = ingelogd.get(url("scenario_nieuw", casus.pk), follow=True)
    assert "liggen vast sinds het besluit" in response.content.decode()
    with pytest.raises(Weigering):
        services.wijzig_scenario(scenario.pk, consulent, {"titel": "Anders"})

    assert not Kostenregel.objects.exists()
    assert Scenario.objects.get().gekozen is True
    assert TijdlijnEvent.objects.filter(casus=casus).count() == aantal_events
    # the pages no longer offer changes
    html = ingelogd.get(url("scenario_detail", casus.pk, scenario.pk)).content.decode()
    assert "Regel toevoegen" not in html and "Dit scenario kiezen" not in html


def test_only_one_chosen_also_in_the_database(casus, scenario, consulent):
    from django.db import IntegrityError, transaction

    tweede = services.maak_scenario(casus.pk, consulent, {"titel": "B", "beschrijving": "b"})
    services.kies(scenario.pk, consulent)
    with pytest.raises(IntegrityError), transaction.atomic():
        Scenario.objects.filter(pk=tweede.pk).update(gekozen=True)


# --- The kassabon and the comparison ----------------------------------------------------------


@pytest.fixture
def berekend(casus, scenario, consulent, geldstroom):
    zvw = Geldstroom.objects.create(code="zvw-test", naam="Zvw test", volgorde=6)
    for velden in [
        # huidig: € 1.100,50 per maand for the whole horizon: 12 × 1.100,50 = € 13.206,00
        {"situatie": "huidig", "omschrijving": "Bijstand", "prijs": D("1100.50"), "frequentie": "per_maand",
         "geldstroom": geldstroom, "betaler": "gemeente"},
        # dreigend: uitzetting € 8.000 once, 40 % → € 3.200,00
        {"situatie": "dreigend", "omschrijving": "Huisuitzetting", "prijs": D("8000"), "frequentie": "eenmalig",
         "startmaand": 2, "geldstroom": geldstroom, "betaler": "woningcorporatie", "kans": D("40")},
        # dreigend: crisisopvang € 2.469,14 per maand from month 7, 50 % → months 7..12 = 6 × 2.469,14 × 0,5
        # = € 7.407,42
        {"situatie": "dreigend", "omschrijving": "Crisisopvang", "prijs": D("2469.14"), "frequentie": "per_maand",
         "startmaand": 7, "geldstroom": zvw, "betaler": "zorgverzekeraar", "kans": D("50")},
        # doorbraak: a one-off € 1.234,56
        {"situatie": "doorbraak", "omschrijving": "Lening", "prijs": D("1234.56"), "frequentie": "eenmalig",
         "geldstroom": geldstroom, "betaler": "gemeente"},
    ]:
        services.voeg_kostenregel_toe(scenario.pk, consulent, velden)
    return scenario


def test_kassabon_shows_the_hand_calculated_figures(ingelogd, casus, berekend):
    html = ingelogd.get(url("scenario_detail", casus.pk, berekend.pk)).content.decode()
    assert euro("13.206,00") in html  # huidig
    assert euro("3.200,00") in html and euro("7.407,42") in html
    assert euro("10.607,42") in html  # dreigend: 3.200,00 + 7.407,42
    assert euro("1.234,56") in html  # doorbraak
    assert euro("9.372,86") in html  # saving against the threat: 10.607,42 − 1.234,56
    assert euro("11.971,44") in html  # saving against today: 13.206,00 − 1.234,56
    # the woningcorporatie saves the expected eviction: € 3.200,00; the zorgverzekeraar € 7.407,42
    assert "Woningcorporatie" in html and "Zorgverzekeraar" in html
    assert '<caption>Dreigend scenario <span class="omo-kassabon-horizon">over 12 maanden</span></caption>' in html


def test_kassabon_over_24_months_and_invalid_horizon(ingelogd, casus, berekend):
    html = ingelogd.get(url("scenario_detail", casus.pk, berekend.pk, horizon=24)).content.decode()
    assert euro("26.412,00") in html  # 24 × 1.100,50
    # dreigend: 3.200 + months 7..24 = 18 × 2.469,14 × 0,5 = 22.222,26 → 25.422,26
    assert euro("25.422,26") in html
    assert '<option value="24" selected>' in html
    response = ingelogd.get(url("scenario_detail", casus.pk, berekend.pk, horizon="13"))
    assert response.status_code == 200
    assert euro("13.206,00") in response.content.decode()
    assert ingelogd.get(url("scenario_detail", casus.pk, berekend.pk, horizon="abc")).status_code == 200


def test_horizon_htmx_returns_only_the_kassabon(ingelogd, casus, berekend):
    response = ingelogd.get(url("scenario_detail", casus.pk, berekend.pk, horizon=36), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="kassabon"')
    assert euro("39.618,00") in html  # 36 × 1.100,50
    assert "nav-tabs" not in html


def test_list_and_comparison_show_both_scenarios(ingelogd, casus, berekend, consulent, grondslag):
    tweede = services.maak_scenario(casus.pk, consulent, {"titel": "Verhuizen naar een kleinere woning", "beschrijving": "b"})
    services.voeg_grondslag_toe(tweede.pk, consulent, grondslag, "Motivatie")
    html = ingelogd.get(url("scenario_lijst", casus.pk)).content.decode()
    assert "Lening voor de huurachterstand" in html and "Verhuizen naar een kleinere woning" in html
    assert euro("9.372,86") in html

    html = ingelogd.get(url("scenario_vergelijken", casus.pk, horizon=24)).content.decode()
    assert "Lening voor de huurachterstand" in html and "Verhuizen naar een kleinere woning" in html
    assert "<caption>Vergelijking van de scenario's over 24 maanden" in html
    assert 'scope="col"' in html and 'scope="row"' in html
    assert euro("25.422,26") in html
    assert "Aantal wettelijke grondslagen" in html


# --- Access ----------------------------------------------------------------------------------


def test_foreign_case_and_foreign_ids_give_404(ingelogd, casus, scenario, make_user, make_casus, team_b, geldstroom):
    ander = make_user("consulent", team=team_b)
    vreemde_casus = make_casus(ander)
    vreemd_scenario = services.maak_scenario(vreemde_casus.pk, ander, {"titel": "X", "beschrijving": "x"})
    vreemde_regel = services.voeg_kostenregel_toe(vreemd_scenario.pk, ander, {
        "situatie": "huidig", "omschrijving": "x", "prijs": D("1"), "frequentie": "eenmalig",
        "geldstroom": geldstroom, "betaler": "gemeente",
    })
    assert ingelogd.get(url("scenario_lijst", vreemde_casus.pk)).status_code == 404
    assert ingelogd.get(url("scenario_detail", vreemde_casus.pk, vreemd_scenario.pk)).status_code == 404
    assert ingelogd.post(url("scenario_kiezen", vreemde_casus.pk, vreemd_scenario.pk)).status_code == 404
    # a foreign scenario or line under the own case
    assert ingelogd.get(url("scenario_detail", casus.pk, vreemd_scenario.pk)).status_code == 404
    assert ingelogd.post(url("scenario_kiezen", casus.pk, vreemd_scenario.pk)).status_code == 404
    assert ingelogd.post(url("kostenregel_verwijderen", casus.pk, scenario.pk, vreemde_regel.pk)).status_code == 404
    assert ingelogd.post(url("kostenregel_verwijderen", casus.pk, vreemd_scenario.pk, vreemde_regel.pk)).status_code == 404
    assert Kostenregel.objects.filter(pk=vreemde_regel.pk).exists()
    assert not Scenario.objects.filter(gekozen=True).exists()


def test_maatwerkcoach_of_the_team_views_but_does_not_change(client, make_user, casus, scenario, team_a):
    coach = make_user("maatwerkcoach", team=team_a)
    client.force_login(coach)
    assert client.get(url("scenario_lijst", casus.pk)).status_code == 200
    html = client.get(url("scenario_detail", casus.pk, scenario.pk)).content.decode()
    assert "Scenario wijzigen" not in html
    assert client.get(url("scenario_vergelijken", casus.pk)).status_code == 200
    assert client.get(url("scenario_nieuw", casus.pk)).status_code == 403
    assert client.post(url("scenario_kiezen", casus.pk, scenario.pk)).status_code == 403
    assert client.get(url("kostenregel_nieuw", casus.pk, scenario.pk)).status_code == 403
    assert not Scenario.objects.filter(gekozen=True).exists()
    with pytest.raises(Weigering):
        services.kies(scenario.pk, coach)


def test_medebehandelaar_may_change(client, make_user, make_casus, consulent, team_a):
    collega = make_user("consulent", team=team_a)
    casus = make_casus(consulent, medebehandelaars=[collega])
    client.force_login(collega)
    response = client.post(url("scenario_nieuw", casus.pk), {"titel": "Samen", "beschrijving": "b", "eenmalig": nieuw_token()})
    assert response.status_code == 302
    assert Casus.objects.get(pk=casus.pk).status == Status.IN_VOORBEREIDING


# --- Query budgets ---------------------------------------------------------------------------


def _vul(casus, consulent, geldstroom, grondslag, scenarios, regels):
    andere = WettelijkeGrondslag.objects.create(wet="Andere wet", artikel="2", soort="bevoegdheid", toelichting="t")
    for i in range(scenarios):
        s = services.maak_scenario(casus.pk, consulent, {"titel": f"Scenario {i}", "beschrijving": "b"})
        ScenarioGrondslag.objects.create(scenario=s, grondslag=grondslag, motivatie="m")
        ScenarioGrondslag.objects.create(scenario=s, grondslag=andere, motivatie="m")
        Kostenregel.objects.bulk_create(
            Kostenregel(
                scenario=s, situatie=("huidig", "dreigend", "doorbraak")[j % 3], omschrijving=f"Regel {j}",
                prijs=D("100.00"), aantal=D("1"), frequentie=("eenmalig", "per_maand")[j % 2],
                startmaand=1 + j, geldstroom=geldstroom, betaler=("gemeente", "zorgverzekeraar")[j % 2],
                kans=D("50"),
            )
            for j in range(regels)
        )
    return Scenario.objects.filter(casus=casus).first()


@pytest.mark.parametrize("scenarios,regels", [(1, 1), (5, 20)])
def test_query_budgets(ingelogd, casus, consulent, geldstroom, grondslag, organisatie, prijs,
                       scenarios, regels, django_assert_max_num_queries):
    s = _vul(casus, consulent, geldstroom, grondslag, scenarios, regels)
    s.partners.add(organisatie)
    regel = s.kostenregels.first()
    paginas = [
        url("scenario_lijst", casus.pk),
        url("scenario_detail", casus.pk, s.pk, horizon=36),
        url("scenario_vergelijken", casus.pk),
        url("scenario_nieuw", casus.pk),
        url("scenario_wijzigen", casus.pk, s.pk),
        url("scenario_grondslag_toevoegen", casus.pk, s.pk),
        url("kostenregel_nieuw", casus.pk, s.pk),
        url("kostenregel_wijzigen", casus.pk, s.pk, regel.pk),
    ]
    for pad in paginas:
        with django_assert_max_num_queries(12):
            response = ingelogd.get(pad)
        assert response.status_code == 200, pad


# --- Units of the price list, the counting shown and the chart ----------------------------------


def test_a_line_from_the_price_list_takes_the_items_unit(ingelogd, casus, scenario, geldstroom):
    jaarprijs = Prijs.objects.create(
        item="Testitem opvang", rekeneenheid="per_jaar", eenheid="per persoon per jaar", prijs=D("12000.00"),
        geldstroom=geldstroom, betaler="gemeente", bron="test", prijsjaar=2025, geldig_vanaf=datetime.date(2025, 1, 1),
    )
    html = ingelogd.get(url("kostenregel_nieuw", casus.pk, scenario.pk)).content.decode()
    assert 'data-frequentie="per_jaar"' in html and "€\u00a012.000,00 per persoon per jaar" in html
    # Chosen as "per maand" (the issue's € 864.000): the item's unit wins.
    response = ingelogd.post(
        url("kostenregel_nieuw", casus.pk, scenario.pk),
        regel_data(situatie="dreigend", prijslijstitem=str(jaarprijs.pk), prijs="", omschrijving="", betaler="",
                   frequentie="per_maand", kans="60"),
    )
    assert response.status_code == 302
    assert Kostenregel.objects.get().frequentie == "per_jaar"
    # € 12.000 per jaar × 2 jaar × kans 60 % = € 14.400 over 24 months.
    html = ingelogd.get(url("scenario_detail", casus.pk, scenario.pk, horizon=24)).content.decode()
    assert "€\u00a012.000,00 per jaar × 2 jaar × kans 60 %" in html
    assert euro("14.400,00") in html


def test_a_free_line_needs_a_known_unit(ingelogd, casus, scenario, geldstroom):
    response = ingelogd.post(url("kostenregel_nieuw", casus.pk, scenario.pk),
                             regel_data(frequentie="", prijs="85,00", omschrijving="Opvang per nacht",
                                        geldstroom=str(geldstroom.pk)))
    assert "Kies de eenheid van de prijs" in response.content.decode()
    response = ingelogd.post(url("kostenregel_nieuw", casus.pk, scenario.pk),
                             regel_data(frequentie="per_dag", prijs="85,00", omschrijving="Opvang per nacht",
                                        duur_maanden="1", geldstroom=str(geldstroom.pk)))
    assert response.status_code == 302
    html = ingelogd.get(url("scenario_detail", casus.pk, scenario.pk)).content.decode()
    # One month is 365/12 = 30,42 days: € 85 × 30,416… = € 2.585,42
    assert "€\u00a085,00 per dag × 30,42 dagen" in html and euro("2.585,42") in html


def test_kassabon_and_comparison_show_the_chart_with_the_table_beside_it(ingelogd, casus, berekend, consulent):
    html = ingelogd.get(url("scenario_detail", casus.pk, berekend.pk)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="omo-grafiek" role="img"' in html
    assert '<title id="grafiek-situaties-titel">Kosten in drie situaties</title>' in html
    assert 'aria-describedby="grafiek-situaties-desc"' in html and "De tabel ernaast geeft dezelfde bedragen" in html
    assert 'id="tabel-situaties"' in html and "Totaal per situatie over 12 maanden" in html
    assert "Dit scenario, Dreigend scenario: €\u00a010.607" in html  # the bar's own label, whole euros

    services.maak_scenario(casus.pk, consulent, {"titel": "Verhuizen", "beschrijving": "b"})
    html = ingelogd.get(url("scenario_vergelijken", casus.pk, horizon=24)).content.decode()
    assert '<title id="grafiek-vergelijking-titel">Kosten in drie situaties per scenario</title>' in html
    assert 'id="tabel-vergelijking-situaties"' in html
    assert "Verhuizen, Met doorbraak: €\u00a00<" in html
    assert f"{berekend.titel}, Huidige situatie: €\u00a026.412<" in html
