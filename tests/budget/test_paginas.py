"""The budget pages as their users meet them: the consulent asks money and keeps what was typed
on an error; the budget holder decides from the inbox with only what a decision needs; a double
click books once; above the mandate the College decides on the escalation page and the decision
comes back to the request; small spends are booked at once and reviewed afterwards; the
financial administration exports postings with cost centre and ledger number. And every page
stays within 12 queries with 1 and with 50 rows."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import Aanvraag, Fonds, Rekening, Transactie
from budget.services import aanvraag as services
from budget.services import grootboek
from casussen.models import Canvas, Kostenregel
from escalatie.models import Escalatie
from omo.eenmalig import nieuw_token
from omo.models import Notificatie
from tests.budget.conftest import BEOORDELING

S = Aanvraag.Status
R = Rekening.Soort


def post(client, name, pk, data=None, token=None):
    return client.post(reverse(name, kwargs={"pk": pk}), {**(data or {}), "eenmalig": token or nieuw_token()})


@pytest.fixture
def aanvraag_data(casus_met_scenario, fonds):
    _casus, scenario = casus_met_scenario
    return {"scenario": scenario.pk, "fonds": fonds.pk, "soort": "gift", "bedrag": "450,00",
            "doel": "Huurachterstand bij de woningcorporatie", **BEOORDELING}


@pytest.mark.django_db
def test_consulent_vraagt_aan_en_houdt_wat_getypt_is_bij_een_fout(client, consulent, casus_met_scenario, aanvraag_data,
                                                                   budgethouder):
    casus, _s = casus_met_scenario
    client.force_login(consulent)
    url = reverse("aanvraag_nieuw", kwargs={"pk": casus.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {**aanvraag_data, "bedrag": "-10", "indienen": "1", "eenmalig": nieuw_token()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "niet negatief" in html and "Huurachterstand bij de woningcorporatie" in html
    assert not Aanvraag.objects.exists()
    # The first unanswered question at submission is named; nothing is stored.
    response = client.post(url, {**aanvraag_data, "noodzaak": "", "indienen": "1", "eenmalig": nieuw_token()})
    assert "Beantwoord deze vraag" in response.content.decode() and not Aanvraag.objects.exists()
    response = client.post(url, {**aanvraag_data, "indienen": "1", "eenmalig": nieuw_token()})
    aanvraag = Aanvraag.objects.get()
    assert response.status_code == 302 and aanvraag.status == S.INGEDIEND and aanvraag.bedrag == Decimal("450.00")
    assert Notificatie.objects.filter(gebruiker=budgethouder, link=reverse("aanvraag_detail", kwargs={"pk": aanvraag.pk})).exists()
    assert casus.tijdlijn.filter(soort="geld").count() == 2  # drawn up, submitted


@pytest.mark.django_db
def test_inbox_toont_alleen_wat_een_besluit_nodig_heeft(client, make_aanvraag, budgethouder, casus_met_scenario,
                                                        geldstroom):
    casus, scenario = casus_met_scenario
    Canvas.objects.create(casus=casus, aan_de_hand="Geheime details over het gezin")
    Kostenregel.objects.create(scenario=scenario, situatie="doorbraak", omschrijving="Betalingsregeling", prijs=Decimal("450"),
                               aantal=1, frequentie="eenmalig", startmaand=1, geldstroom=geldstroom, betaler="gemeente")
    make_aanvraag("450.00")
    client.force_login(budgethouder)
    html = client.get(reverse("budget_inbox")).content.decode()
    assert casus.code in html and casus.titel in html
    assert BEOORDELING["noodzaak"] in html and "Betalingsregeling" in html  # the answers and the kassabon
    assert "nog €\u00a010.000,00 beschikbaar" in html  # the fund's balance
    assert "Geheime details" not in html and casus.dossiernummer not in html and casus.pseudoniem not in html


@pytest.mark.django_db
def test_goedkeuren_dubbelklik_boekt_een_keer(client, make_aanvraag, budgethouder, fonds):
    aanvraag = make_aanvraag("450.00")
    client.force_login(budgethouder)
    token = nieuw_token()
    r1 = post(client, "aanvraag_beslissen", aanvraag.pk, {"besluit": "goedkeuren"}, token)
    r2 = post(client, "aanvraag_beslissen", aanvraag.pk, {"besluit": "goedkeuren"}, token)
    assert r1.status_code == r2.status_code == 302
    assert Transactie.objects.filter(aanvraag=aanvraag, soort=Transactie.Soort.RESERVERING).count() == 1
    assert grootboek.saldi(fonds.pk)[R.GERESERVEERD] == Decimal("450.00")
    berichten = [str(m) for m in client.get(reverse("budget_inbox")).context["messages"]]
    assert any("al verwerkt" in m for m in berichten)
    # A new click (new token) on the decided request: refused with a message, nothing booked.
    post(client, "aanvraag_beslissen", aanvraag.pk, {"besluit": "goedkeuren"})
    assert Transactie.objects.filter(aanvraag=aanvraag).count() == 1


@pytest.mark.django_db
def test_afwijzen_vraagt_een_reden_en_de_consulent_ziet_hem(client, make_aanvraag, budgethouder, consulent):
    aanvraag = make_aanvraag("450.00")
    client.force_login(budgethouder)
    response = post(client, "aanvraag_beslissen", aanvraag.pk, {"besluit": "afwijzen", "motivatie": ""})
    assert response.status_code == 200 and "altijd een reden" in response.content.decode()
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.INGEDIEND
    post(client, "aanvraag_beslissen", aanvraag.pk, {"besluit": "afwijzen", "motivatie": "Past in de bijzondere bijstand"})
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.AFGEWEZEN and not Transactie.objects.filter(aanvraag=aanvraag).exists()
    client.force_login(consulent)
    html = client.get(reverse("casus_geld", kwargs={"pk": aanvraag.casus_id})).content.decode()
    assert "Afgewezen" in html and "Past in de bijzondere bijstand" in html
    assert Notificatie.objects.filter(gebruiker=consulent, tekst__contains="afgewezen").exists()


@pytest.mark.django_db
def test_eigen_aanvraag_en_ander_fonds_geweigerd(make_user, make_casus, make_fonds, team_a, budgethouder):
    beide = make_user("consulent", "budgethouder", team=team_a)
    fonds = make_fonds(houders=[beide])
    ander = make_fonds("Stelpost", houders=[budgethouder])
    casus = make_casus(beide)
    from casussen.models import Scenario

    scenario = Scenario.objects.create(casus=casus, titel="S", beschrijving="B")
    eigen = services.maak(casus.pk, beide, {"scenario": scenario, "fonds": fonds, "bedrag": "100", "doel": "D", **BEOORDELING},
                          indienen=True)
    from omo.weigering import Weigering

    with pytest.raises(Weigering, match="eigen aanvraag"):
        services.keur_goed(eigen.pk, beide)
    elders = services.maak(casus.pk, beide, {"scenario": scenario, "fonds": ander, "bedrag": "100", "doel": "D", **BEOORDELING},
                           indienen=True)
    with pytest.raises(Weigering, match="eigen aanvraag"):
        services.wijs_af(elders.pk, beide, "nee")
    other = make_user("budgethouder")
    with pytest.raises(Weigering, match="niet bij een fonds waarover jij beslist"):
        services.keur_goed(elders.pk, other)
    assert not Transactie.objects.filter(aanvraag__isnull=False).exists()


@pytest.mark.django_db
def test_boven_mandaat_naar_het_college_en_het_besluit_komt_terug(client, make_fonds, make_aanvraag, budgethouder,
                                                                   make_user, consulent):
    fonds = make_fonds(toewijzing="3000.00", mandaat=Decimal("2500.00"))
    aanvraag = make_aanvraag("4000.00", fonds=fonds)
    status_voor = aanvraag.casus.status
    client.force_login(budgethouder)
    response = post(client, "aanvraag_beslissen", aanvraag.pk, {"besluit": "goedkeuren"})
    assert "hoger dan het mandaat" in response.content.decode()
    response = post(client, "aanvraag_beslissen", aanvraag.pk, {"besluit": "college", "motivatie": "Voorkomt ontruiming"})
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.COLLEGE
    escalatie = aanvraag.escalatie
    assert (escalatie.naar_niveau, escalatie.reden, escalatie.onderwerp) == (3, "budget", "aanvraag")
    assert aanvraag.casus.status == status_voor  # the case itself does not move
    college = make_user("college")
    client.force_login(college)
    # The College decides on the request's own page; the escalation page sends it there.
    escalatie_html = client.get(reverse("escalatie_detail", kwargs={"pk": escalatie.pk})).content.decode()
    assert reverse("aanvraag_detail", kwargs={"pk": aanvraag.pk}) in escalatie_html
    pagina = client.get(reverse("aanvraag_detail", kwargs={"pk": aanvraag.pk})).content.decode()
    assert reverse("aanvraag_college", kwargs={"pk": aanvraag.pk}) in pagina
    # Akkoord without enough money: refused on the form, what was typed stays, nothing changed.
    response = post(client, "aanvraag_college", aanvraag.pk, {"beslissing": "akkoord", "motivatie": "Akkoord zonder geld"})
    html = response.content.decode()
    assert response.status_code == 200 and "wijs eerst extra budget toe" in html and "Akkoord zonder geld" in html
    escalatie.refresh_from_db()
    assert escalatie.beslissing == "" and grootboek.saldi(fonds.pk)[R.GERESERVEERD] == 0
    post(client, "aanvraag_college", aanvraag.pk,
         {"beslissing": "akkoord", "motivatie": "Akkoord, met extra budget", "toewijzing": "1000,00"})
    aanvraag.refresh_from_db()
    escalatie.refresh_from_db()
    assert escalatie.beslissing == Escalatie.Beslissing.AKKOORD
    assert aanvraag.status == S.GOEDGEKEURD and aanvraag.gereserveerd == Decimal("4000.00")
    assert grootboek.saldi(fonds.pk)[R.BESCHIKBAAR] == 0
    # A second click changes nothing and says why.
    response = post(client, "aanvraag_college", aanvraag.pk, {"beslissing": "afgewezen", "motivatie": "Toch niet"})
    aanvraag.refresh_from_db()
    assert aanvraag.status == S.GOEDGEKEURD
    assert "niet (meer) bij het College" in client.get(response.url).content.decode()
    assert Notificatie.objects.filter(gebruiker=consulent, tekst__contains="het College").exists()


@pytest.mark.django_db
def test_kleine_uitgave_direct_geboekt_en_achteraf_beoordeeld(client, make_fonds, make_aanvraag, make_user, budgethouder):
    fonds = make_fonds("Doorpakbudget", toewijzing="1000.00", direct_grens=Decimal("100.00"), soort=Fonds.Soort.DOORPAK)
    aanvraag = make_aanvraag("65.00", fonds=fonds)
    assert aanvraag.status == S.BETAALD and aanvraag.direct_geboekt
    assert grootboek.saldi(fonds.pk)[R.BESTEED] == Decimal("65.00")
    client.force_login(budgethouder)
    html = client.get(reverse("budget_achteraf")).content.decode()
    assert aanvraag.doel in html
    post(client, "aanvraag_beoordelen", aanvraag.pk, {"oordeel": "Passend"})
    aanvraag.refresh_from_db()
    assert aanvraag.achteraf_oordeel == "Passend"
    assert aanvraag.doel not in client.get(reverse("budget_achteraf")).content.decode()
    # At the limit itself it is a normal request.
    assert make_aanvraag("100.00", fonds=fonds).status == S.INGEDIEND


@pytest.mark.django_db
def test_export_voor_de_financiele_administratie(client, make_aanvraag, budgethouder, fonds):
    aanvraag = make_aanvraag("450.00")
    services.keur_goed(aanvraag.pk, budgethouder)
    services.betaal(aanvraag.pk, budgethouder, Decimal("200.00"))
    client.force_login(budgethouder)
    response = client.get(reverse("budget_export"), {"fonds": fonds.pk})
    rijen = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    kop, data = rijen[0], rijen[1:]
    assert kop[:6] == ["transactie", "boekdatum", "boekjaar", "fonds", "kostenplaats", "grootboeknummer"]
    assert len(data) == 6  # allocation, reservation, payment: two postings each
    betaling = [r for r in data if r[7] == "Betaling"]
    assert {r[4] for r in data} == {"KP-6710"} and {r[5] for r in data} == {"4430100"}
    assert sorted((r[8], r[9]) for r in betaling) == [("", "200,00"), ("200,00", "")]
    assert {r[12] for r in betaling} == {aanvraag.casus.code}


@pytest.mark.django_db
def test_niveauvoorstel_leest_de_echte_fondsen(make_fonds, casus_met_scenario, geldstroom):
    from escalatie.niveau import feiten_van, stel_niveau_voor

    _casus, scenario = casus_met_scenario
    scenario.past_in_kaders = True
    scenario.save()
    Kostenregel.objects.create(scenario=scenario, situatie="doorbraak", omschrijving="Schuld", prijs=Decimal("6000"),
                               aantal=1, frequentie="eenmalig", startmaand=1, geldstroom=geldstroom, betaler="gemeente")
    make_fonds("Klein", toewijzing="2000.00", mandaat=Decimal("10000"))
    voorstel = stel_niveau_voor(feiten_van(scenario))
    assert voorstel.niveau == 3 and "over is (€\u00a02.000,00)" in voorstel.hoofdreden.uitleg
    make_fonds("Groot", toewijzing="50000.00", mandaat=Decimal("10000"))
    assert stel_niveau_voor(feiten_van(scenario)).niveau == 1
    make_fonds("Krap", toewijzing="90000.00", mandaat=Decimal("5000"))  # more money, lower mandate: not better
    assert stel_niveau_voor(feiten_van(scenario)).niveau == 1


PAGINAS = ["budget_fondsen", "budget_transacties", "fonds_detail", "budget_inbox", "budget_achteraf", "budget_leningen",
           "casus_geld"]


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 50])
@pytest.mark.parametrize("pagina", PAGINAS)
def test_paginas_binnen_het_querybudget(client, make_fonds, make_aanvraag, budgethouder, make_user, casus_met_scenario,
                                        django_assert_max_num_queries, pagina, aantal):
    casus, _s = casus_met_scenario
    fondsen = [make_fonds(f"Fonds {i}", toewijzing="100000.00", leningen_toegestaan=True, direct_grens=Decimal("100"))
               for i in range(3 if aantal > 1 else 1)]
    for i in range(aantal):
        fonds = fondsen[i % len(fondsen)]
        if pagina == "budget_achteraf":
            make_aanvraag("50.00", fonds=fonds)
        elif pagina == "budget_leningen":
            a = make_aanvraag("300.00", fonds=fonds, soort="lening", termijnbedrag=Decimal("25"),
                              eerste_termijn=grootboek.vandaag())
            services.keur_goed(a.pk, budgethouder)
            services.betaal(a.pk, budgethouder, Decimal("300"))
        else:
            a = make_aanvraag("300.00", fonds=fonds)
            if pagina != "budget_inbox":
                services.keur_goed(a.pk, budgethouder)
    gebruiker = make_user("omo", "budgethouder")
    for f in fondsen:
        f.budgethouders.add(budgethouder)
    client.force_login(budgethouder if pagina in ("budget_inbox", "budget_achteraf") else gebruiker)
    if pagina == "casus_geld":
        client.force_login(casus.casushouder)
    kwargs = {"pk": fondsen[0].pk} if pagina == "fonds_detail" else {"pk": casus.pk} if pagina == "casus_geld" else {}
    url = reverse(pagina, kwargs=kwargs)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_aanvraagpagina_binnen_het_querybudget(client, make_aanvraag, budgethouder, django_assert_max_num_queries):
    aanvraag = make_aanvraag("450.00")
    client.force_login(budgethouder)
    # 12, and once more the first time: opening the page reads the notification that links here.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("aanvraag_detail", kwargs={"pk": aanvraag.pk}))
    assert "Besluit vastleggen" in response.content.decode()
    with django_assert_max_num_queries(12):
        client.get(reverse("aanvraag_detail", kwargs={"pk": aanvraag.pk}))


@pytest.mark.django_db
def test_college_legt_terug_en_de_consulent_kan_opnieuw_indienen(make_fonds, make_aanvraag, budgethouder, make_user,
                                                                  consulent):
    fonds = make_fonds(toewijzing="3000.00", mandaat=Decimal("2500.00"))
    aanvraag = make_aanvraag("4000.00", fonds=fonds)
    aanvraag = services.leg_voor_aan_college(aanvraag.pk, budgethouder, "Boven mijn mandaat")
    services.beslis_als_college(aanvraag.pk, make_user("college"), "teruggelegd", "Vraag eerst 2.500 aan")
    aanvraag.refresh_from_db()
    assert (aanvraag.status, aanvraag.besloten_door, aanvraag.ingediend_op) == (S.CONCEPT, None, None)
    assert aanvraag.motivatie == "Vraag eerst 2.500 aan" and aanvraag.gereserveerd == 0
    assert Notificatie.objects.filter(gebruiker=consulent, tekst__contains="teruggelegd").exists()
    services.wijzig(aanvraag.pk, consulent, {"bedrag": "2500.00"})
    aanvraag = services.dien_in(aanvraag.pk, consulent)
    assert aanvraag.status == S.INGEDIEND
    assert services.keur_goed(aanvraag.pk, budgethouder).gereserveerd == Decimal("2500.00")


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 20])
def test_aanvraagformulier_binnen_het_querybudget(client, make_fonds, make_aanvraag, casus_met_scenario, consulent,
                                                   django_assert_max_num_queries, aantal):
    casus, _s = casus_met_scenario
    for i in range(aantal):
        make_fonds(f"Fonds {i}")
    concept = make_aanvraag("100.00", indienen=False, fonds=Fonds.objects.first())
    client.force_login(consulent)
    for url in (reverse("aanvraag_nieuw", kwargs={"pk": casus.pk}), reverse("aanvraag_wijzigen", kwargs={"pk": concept.pk})):
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200 and f"Fonds {aantal - 1}" in response.content.decode()


def test_aanvraag_dubbelklik_maakt_een_aanvraag_en_stuurt_naar_de_eerste(client, consulent, casus_met_scenario,
                                                                        aanvraag_data, budgethouder):
    from tests.eenmalig import controleer_fout_dan_goed, controleer_tweemaal

    casus, _s = casus_met_scenario
    client.force_login(consulent)
    url = reverse("aanvraag_nieuw", kwargs={"pk": casus.pk})
    goed = {**aanvraag_data, "indienen": "1"}
    controleer_tweemaal(client, url, goed, Aanvraag.objects.count, "Deze aanvraag was al aangemaakt")
    controleer_fout_dan_goed(client, url, {**goed, "bedrag": "-10"}, goed, Aanvraag.objects.count)


# --- One money field, its limits and the proposed amount --------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("getypt", ["1.450,00", "1450", "1450,5", "€ 1.450", "€1.450,00"])
def test_aanvraag_accepteert_bedragen_zoals_ze_in_nederland_getypt_worden(client, consulent, casus_met_scenario,
                                                                          aanvraag_data, getypt):
    casus, _s = casus_met_scenario
    client.force_login(consulent)
    url = reverse("aanvraag_nieuw", kwargs={"pk": casus.pk})
    response = client.post(url, {**aanvraag_data, "bedrag": getypt, "concept": "1", "eenmalig": nieuw_token()})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Aanvraag.objects.get().bedrag in (Decimal("1450.00"), Decimal("1450.50"))


@pytest.mark.django_db
def test_aanvraag_boven_het_plafond_wordt_geweigerd_in_formulier_en_service(client, consulent, casus_met_scenario,
                                                                            aanvraag_data, make_aanvraag, settings):
    # The issue: € 9.999.999.999 on a fund with € 505.650 was accepted. The fund has no maximum
    # per request, so OMO's ceiling holds.
    settings.OMO_AANVRAAG_PLAFOND = Decimal("250000")
    casus, _s = casus_met_scenario
    client.force_login(consulent)
    url = reverse("aanvraag_nieuw", kwargs={"pk": casus.pk})
    for getypt, melding in (("9.999.999.999", "hoogstens €\u00a010.000.000,00"),
                            ("250.000,01", "Een aanvraag is hoogstens €\u00a0250.000,00")):
        response = client.post(url, {**aanvraag_data, "bedrag": getypt, "concept": "1", "eenmalig": nieuw_token()})
        html = response.content.decode()
        assert response.status_code == 200 and melding in html and f'value="{getypt}"' in html
    assert not Aanvraag.objects.exists()
    # The service holds the same limit, whatever form calls it.
    with pytest.raises(Exception, match="hoogstens"):
        make_aanvraag("250000.01", indienen=False)
    assert make_aanvraag("250000.00", indienen=False).bedrag == Decimal("250000.00")


@pytest.mark.django_db
def test_aanvraag_niet_boven_het_maximum_van_het_fonds(client, consulent, casus_met_scenario, aanvraag_data,
                                                      make_fonds, make_aanvraag):
    klein = make_fonds("Voorkom-erger-potje", maximum_per_aanvraag=Decimal("500.00"))
    casus, _s = casus_met_scenario
    client.force_login(consulent)
    url = reverse("aanvraag_nieuw", kwargs={"pk": casus.pk})
    response = client.post(url, {**aanvraag_data, "fonds": klein.pk, "bedrag": "500,01", "concept": "1",
                                 "eenmalig": nieuw_token()})
    assert "geeft hoogstens €\u00a0500,00 per aanvraag" in response.content.decode()
    with pytest.raises(Exception, match="hoogstens"):
        make_aanvraag("500.01", indienen=False, fonds=klein)


@pytest.mark.django_db
def test_het_bedrag_wordt_voorgesteld_uit_het_gekozen_scenario(client, consulent, casus_met_scenario, fonds,
                                                               geldstroom):
    from casussen.models import Scenario

    casus, scenario = casus_met_scenario
    ander = Scenario.objects.create(casus=casus, titel="Lening", beschrijving="Lenen")
    regel = {"situatie": "doorbraak", "startmaand": 1, "geldstroom": geldstroom, "betaler": "gemeente"}
    # Schuld aflossen: € 1.200 eenmalig + 10 uur × € 72,50 = € 1.925; the monthly line and the
    # corporation's share do not count; neither does the threat.
    Kostenregel.objects.create(scenario=scenario, omschrijving="Achterstand", prijs=Decimal("1200"), aantal=1,
                               frequentie="eenmalig", **regel)
    Kostenregel.objects.create(scenario=scenario, omschrijving="Coach", prijs=Decimal("72.50"), aantal=10,
                               frequentie="per_uur", **regel)
    Kostenregel.objects.create(scenario=scenario, omschrijving="Begeleiding", prijs=Decimal("500"), aantal=1,
                               frequentie="per_maand", **regel)
    Kostenregel.objects.create(scenario=scenario, omschrijving="Kwijtschelding", prijs=Decimal("900"), aantal=1,
                               frequentie="eenmalig", **{**regel, "betaler": "woningcorporatie"})
    Kostenregel.objects.create(scenario=scenario, omschrijving="Uitzetting", prijs=Decimal("5000"), aantal=1,
                               frequentie="per_stuk", **{**regel, "situatie": "dreigend"})
    Kostenregel.objects.create(scenario=ander, omschrijving="Lening", prijs=Decimal("3400"), aantal=1,
                               frequentie="eenmalig", **regel)
    client.force_login(consulent)
    url = reverse("aanvraag_nieuw", kwargs={"pk": casus.pk})
    html = client.get(url).content.decode()
    assert 'name="bedrag" value="1.925,00"' in html
    assert "Ingevuld: €\u00a01.925,00 uit scenario ‘Schuld aflossen’" in html
    assert 'data-voorstel="3.400,00"' in html  # for the script that fills it in on a change
    # Without JavaScript: the link of the other scenario proposes its amount.
    assert f'href="?scenario={ander.pk}"' in html
    html = client.get(url, {"scenario": ander.pk}).content.decode()
    assert 'name="bedrag" value="3.400,00"' in html
    assert re.search(rf'<option value="{ander.pk}"[^>]*selected', html)
    # A scenario of another case is ignored: the first scenario of this case is proposed.
    html = client.get(url, {"scenario": 999999}).content.decode()
    assert 'name="bedrag" value="1.925,00"' in html
