"""Patronen: made from a signal, edited, moved phase by phase (a stale submit refused), linked to
knelpunten; beleid and the College see them aggregated; the data for the quarterly report."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from omo.eenmalig import nieuw_token
from omo.weigering import Weigering
from rapportage.models import Patroon
from rapportage.queries.patronen import voor_rapport
from rapportage.services import patronen as services
from tests.rapportage import test_signalen as signaal_tests
from tests.rapportage.test_signalen import DOSSIER, GEHEIM, PSEUDONIEM

# The fixtures of the signal tests, shared here.
casussen_van = signaal_tests.casussen_van
knelpunt = signaal_tests.knelpunt
signaal = signaal_tests.signaal

F = Patroon.Fase
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def eigenaar(make_user):
    return make_user("beleid", first_name="Bea", last_name="Beleid")


@pytest.fixture
def maak_patroon(omo_user, eigenaar):
    def factory(titel="Kostendelersnorm blokkeert opvang", groep=None, door=None, **velden):
        data = {"titel": titel, "beschrijving": "Beschrijving", "eigenaar": eigenaar, **velden}
        return services.maak(door or omo_user, data, groep=groep)

    return factory


# --- Services ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_patroon_uit_een_signaal_koppelt_alle_knelpunten(signaal, maak_patroon):
    groep, knelpunten = signaal
    patroon = maak_patroon(groep=groep)
    assert patroon.fase == F.VASTSTELLEN and patroon.fase_sinds is not None
    assert set(patroon.knelpunten.all()) == set(knelpunten)


@pytest.mark.django_db
def test_eigenaar_moet_een_actieve_beleidsmedewerker_zijn(maak_patroon, omo_user, make_user, college_user):
    for verkeerd in (omo_user, make_user("beleid", is_active=False)):
        with pytest.raises(Weigering) as fout:
            maak_patroon(eigenaar=verkeerd)
        assert fout.value.field == "eigenaar"
    with pytest.raises(Weigering):
        maak_patroon(door=college_user)
    assert not Patroon.objects.exists()


@pytest.mark.django_db
def test_fasen_een_stap_vooruit_en_terug_en_ingevoerd_vraagt_een_besluit(maak_patroon, eigenaar):
    patroon = maak_patroon()
    with pytest.raises(Weigering):
        services.verplaats(eigenaar, patroon.pk, "terug", F.VASTSTELLEN)
    for huidig, volgend in [(F.VASTSTELLEN, F.DIAGNOSE), (F.DIAGNOSE, F.OPLOSSINGEN), (F.OPLOSSINGEN, F.BESLUIT)]:
        assert services.verplaats(eigenaar, patroon.pk, "vooruit", huidig).fase == volgend
    with pytest.raises(Weigering) as fout:
        services.verplaats(eigenaar, patroon.pk, "vooruit", F.BESLUIT)
    assert "besluit" in fout.value.message
    patroon.refresh_from_db()
    assert patroon.fase == F.BESLUIT
    services.wijzig(eigenaar, patroon.pk, {"titel": patroon.titel, "beschrijving": "B", "eigenaar": eigenaar,
                                          "besluit": "De kostendelersnorm wordt buiten toepassing gelaten."})
    assert services.verplaats(eigenaar, patroon.pk, "vooruit", F.BESLUIT).fase == F.INGEVOERD
    with pytest.raises(Weigering):
        services.verplaats(eigenaar, patroon.pk, "vooruit", F.INGEVOERD)
    with pytest.raises(Weigering) as fout:  # an ingevoerd pattern keeps its decision
        services.wijzig(eigenaar, patroon.pk, {"titel": "T", "beschrijving": "B", "eigenaar": eigenaar, "besluit": " "})
    assert fout.value.field == "besluit"
    assert services.verplaats(eigenaar, patroon.pk, "terug", F.INGEVOERD).fase == F.BESLUIT


@pytest.mark.django_db
def test_een_verouderde_dubbele_submit_slaat_geen_fase_over(client, maak_patroon, eigenaar):
    patroon = maak_patroon()
    client.force_login(eigenaar)
    url = reverse("patroon_fase", args=[patroon.pk])
    data = {"richting": "vooruit", "huidige_fase": F.VASTSTELLEN}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data, follow=True)  # the same form, sent a second time
    patroon.refresh_from_db()
    assert patroon.fase == F.DIAGNOSE
    assert "staat intussen in de fase diagnose" in response.content.decode()


@pytest.mark.django_db
def test_knelpunten_van_een_groep_koppelen_en_loskoppelen(signaal, maak_patroon, eigenaar, casussen_van, knelpunt):
    groep, knelpunten = signaal
    patroon = maak_patroon()
    assert services.koppel_groep(eigenaar, patroon.pk, groep.pk) == 3
    with pytest.raises(Weigering):
        services.koppel_groep(eigenaar, patroon.pk, groep.pk)
    [c] = casussen_van(1)
    knelpunt(c)  # the group grows: adding it again links only the new one
    assert services.koppel_groep(eigenaar, patroon.pk, groep.pk) == 1
    services.ontkoppel_knelpunt(eigenaar, patroon.pk, knelpunten[0].pk)
    assert patroon.knelpunten.count() == 3
    with pytest.raises(Weigering):
        services.ontkoppel_knelpunt(eigenaar, patroon.pk, knelpunten[0].pk)
    assert services.ontkoppel_groep(eigenaar, patroon.pk, groep.pk) == 3
    assert not patroon.knelpunten.exists()


# --- Pages -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_nieuw_patroon_vanuit_een_signaal(client, signaal, beleid_user, eigenaar):
    groep, knelpunten = signaal
    client.force_login(beleid_user)
    url = reverse("patroon_nieuw") + f"?groep={groep.pk}"
    html = client.get(url).content.decode()
    assert "Testwet art. 1" in html and "Woningcorporatie Test" in html  # the title, prefilled
    response = client.post(url, {"groep": groep.pk, "titel": "Huurschuld en woningcorporatie",
                                 "beschrijving": "Terugkerend", "eigenaar": eigenaar.pk, "eenmalig": nieuw_token()})
    patroon = Patroon.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("patroon_detail", args=[patroon.pk])
    assert patroon.knelpunten.count() == 3 and patroon.aangemaakt_door == beleid_user


@pytest.mark.django_db
def test_foute_invoer_houdt_wat_getypt_is(client, beleid_user, omo_user, eigenaar, maak_patroon):
    client.force_login(beleid_user)
    response = client.post(reverse("patroon_nieuw"), {"titel": "", "beschrijving": "Mijn getypte tekst",
                                                       "eigenaar": omo_user.pk, "besluit": "Concept besluit", "eenmalig": nieuw_token()})
    html = response.content.decode()
    assert response.status_code == 200 and not Patroon.objects.exists()
    assert "Geef het patroon een titel." in html and "Kies als eigenaar een actieve beleidsmedewerker." in html
    assert "Mijn getypte tekst" in html and "Concept besluit" in html
    patroon = maak_patroon()
    services.verplaats(eigenaar, patroon.pk, "vooruit", F.VASTSTELLEN)
    response = client.post(reverse("patroon_bewerken", args=[patroon.pk]), {
        "titel": "Nieuwe titel", "beschrijving": "Nieuwe tekst", "eigenaar": eigenaar.pk, "besluit": ""})
    assert response.status_code == 302
    patroon.refresh_from_db()
    assert patroon.titel == "Nieuwe titel" and patroon.fase == F.DIAGNOSE


@pytest.mark.django_db
def test_ingevoerd_zonder_besluit_via_de_pagina_zegt_waarom(client, maak_patroon, eigenaar):
    patroon = maak_patroon()
    for fase in (F.VASTSTELLEN, F.DIAGNOSE, F.OPLOSSINGEN):
        services.verplaats(eigenaar, patroon.pk, "vooruit", fase)
    client.force_login(eigenaar)
    response = client.post(reverse("patroon_fase", args=[patroon.pk]),
                           {"richting": "vooruit", "huidige_fase": F.BESLUIT}, follow=True)
    assert "Leg eerst het besluit vast" in response.content.decode()
    patroon.refresh_from_db()
    assert patroon.fase == F.BESLUIT


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["beleid", "college"])
def test_beleid_en_college_zien_patronen_alleen_geaggregeerd(client, make_user, signaal, maak_patroon, rol):
    groep, knelpunten = signaal
    patroon = maak_patroon(groep=groep, besluit="Besluit van het college")
    client.force_login(make_user(rol))
    paginas = [client.get(reverse("patroon_lijst")), client.get(reverse("patroon_detail", args=[patroon.pk])),
               client.get(reverse("patroon_export"))]
    assert all(p.status_code == 200 for p in paginas)
    lijst, detail, export = (p.content.decode() for p in paginas)
    assert patroon.titel in lijst and patroon.titel in export
    assert "Testwet art. 1" in detail and "Besluit van het college" in detail
    for tekst in (lijst, detail, export):
        for geheim in [GEHEIM, PSEUDONIEM, DOSSIER, *(k.casus.code for k in knelpunten)]:
            assert geheim not in tekst
    # Only beleid can reach the signal page from here.
    assert (reverse("signaal_detail", args=[groep.pk]) in detail) == (rol == "beleid")


@pytest.mark.django_db
def test_omo_ziet_de_knelpunten_met_casus_en_kan_er_een_loskoppelen(client, signaal, maak_patroon, omo_user):
    groep, knelpunten = signaal
    patroon = maak_patroon(groep=groep)
    client.force_login(omo_user)
    html = client.get(reverse("patroon_detail", args=[patroon.pk])).content.decode()
    for k in knelpunten:
        assert k.casus.code in html and reverse("casus_detail", args=[k.casus_id]) in html
    assert GEHEIM in html
    url = reverse("patroon_knelpunten", args=[patroon.pk])
    assert client.post(url, {"actie": "knelpunt_verwijderen", "knelpunt": knelpunten[0].pk}).status_code == 302
    assert patroon.knelpunten.count() == 2
    response = client.post(url, {"actie": "groep_toevoegen", "groep": ""})
    assert response.status_code == 400 and "Kies een groep." in response.content.decode()
    client.post(url, {"actie": "groep_toevoegen", "groep": groep.pk})
    assert patroon.knelpunten.count() == 3


@pytest.mark.django_db
def test_beleid_koppelt_per_groep_maar_niet_per_knelpunt(client, signaal, maak_patroon, beleid_user):
    groep, knelpunten = signaal
    patroon = maak_patroon(groep=groep)
    client.force_login(beleid_user)
    url = reverse("patroon_knelpunten", args=[patroon.pk])
    assert client.post(url, {"actie": "knelpunt_verwijderen", "knelpunt": knelpunten[0].pk}).status_code == 403
    assert client.post(url, {"actie": "groep_verwijderen", "groep": groep.pk}).status_code == 302
    assert not patroon.knelpunten.exists()


@pytest.mark.django_db
def test_detail_toont_stepper_en_verloop_van_de_fasen(client, maak_patroon, eigenaar):
    patroon = maak_patroon()
    client.force_login(eigenaar)
    client.post(reverse("patroon_fase", args=[patroon.pk]), {"richting": "vooruit", "huidige_fase": F.VASTSTELLEN})
    html = client.get(reverse("patroon_detail", args=[patroon.pk])).content.decode()
    assert 'aria-current="step"' in html and "huidige fase:" in html
    verloop = html.split("Verloop van de fasen")[-1]
    assert verloop.index("Vaststellen") < verloop.index("Diagnose")
    assert "Bea Beleid" in verloop  # who moved it


@pytest.mark.django_db
def test_patroonlijst_filtert_op_fase_eigenaar_en_titel(client, maak_patroon, eigenaar, make_user, college_user):
    ander = make_user("beleid", first_name="Anton", last_name="Ander")
    a = maak_patroon("Schulden en CJIB")
    maak_patroon("Wachtlijst beschermd wonen", eigenaar=ander)
    services.verplaats(eigenaar, a.pk, "vooruit", F.VASTSTELLEN)
    client.force_login(college_user)
    lijst = reverse("patroon_lijst")
    assert "Wachtlijst" not in client.get(lijst, {"fase": "diagnose"}).content.decode()
    html = client.get(lijst, {"eigenaar": ander.pk}).content.decode()
    assert "Wachtlijst" in html and "Schulden en CJIB" not in html
    html = client.get(lijst, {"q": "cjib"}).content.decode()
    assert "Schulden en CJIB" in html and "Wachtlijst" not in html
    assert "Nieuw patroon" not in html  # the College reads only
    csv = client.get(reverse("patroon_export"), {"fase": "diagnose"}).content.decode()
    assert "Schulden en CJIB" in csv and "Wachtlijst" not in csv


@pytest.mark.django_db
def test_export_keeps_a_typed_formula_as_text(client, omo_user, maak_patroon):
    maak_patroon("=HYPERLINK(\"https://example.org\")")
    client.force_login(omo_user)
    csv = client.get(reverse("patroon_export")).content.decode("utf-8-sig")
    regel = csv.splitlines()[1]
    assert regel.startswith("\"'=HYPERLINK(")  # Excel shows it, never runs it


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 30])
@pytest.mark.parametrize("rol", ["omo", "beleid", "college"])
def test_patroonpaginas_binnen_het_querybudget(client, make_user, casussen_van, knelpunt, maak_patroon, eigenaar,
                                               django_assert_max_num_queries, aantal, rol):
    casussen = casussen_van(aantal)
    for c in casussen:
        knelpunt(c)
        knelpunt(c, grondslag=None, regel=f"Regel {c.pk}")
    patronen = [maak_patroon(f"Patroon {i}") for i in range(aantal)]
    patroon = patronen[0]
    patroon.knelpunten.set(casussen[0].knelpunten.model.objects.all())
    for fase in (F.VASTSTELLEN, F.DIAGNOSE):
        services.verplaats(eigenaar, patroon.pk, "vooruit", fase)
    client.force_login(make_user(rol))
    urls = [reverse("patroon_lijst"), reverse("patroon_export"), reverse("patroon_detail", args=[patroon.pk])]
    if rol != "college":
        urls += [reverse("patroon_nieuw"), reverse("patroon_bewerken", args=[patroon.pk])]
    for url in urls:
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200, url
    if rol != "college":
        with django_assert_max_num_queries(12):
            response = client.post(reverse("patroon_knelpunten", args=[patroon.pk]), {"actie": "groep_toevoegen"})
        assert response.status_code == 400


# --- For the quarterly report ------------------------------------------------------------------


@pytest.mark.django_db
def test_voor_rapport_geeft_patronen_zoals_ze_op_de_einddatum_waren(signaal, maak_patroon, eigenaar):
    groep, knelpunten = signaal
    with time_machine.travel(datetime.datetime(2026, 9, 10, 12, tzinfo=AMS), tick=False):
        a = maak_patroon("Zeta kostendelersnorm", groep=groep)
        maak_patroon("Alfa wachtlijst")
    with time_machine.travel(datetime.datetime(2026, 9, 30, 23, 30, tzinfo=AMS), tick=False):
        services.verplaats(eigenaar, a.pk, "vooruit", F.VASTSTELLEN)
    with time_machine.travel(datetime.datetime(2026, 10, 1, 0, 30, tzinfo=AMS), tick=False):
        services.verplaats(eigenaar, a.pk, "vooruit", F.DIAGNOSE)
        maak_patroon("Na het kwartaal")
    assert voor_rapport(datetime.date(2026, 9, 9)) == []
    rijen = voor_rapport(datetime.date(2026, 9, 30))
    json.dumps(rijen)
    assert [r["titel"] for r in rijen] == ["Alfa wachtlijst", "Zeta kostendelersnorm"]
    assert rijen[1] == {
        "titel": "Zeta kostendelersnorm", "beschrijving": "Beschrijving", "fase": "diagnose",
        "fase_label": "Diagnose", "eigenaar": "Bea Beleid", "knelpunten": 3, "casussen": 3, "besluit": "",
    }
    assert [r["fase"] for r in voor_rapport(datetime.date(2026, 10, 1))] == ["vaststellen", "vaststellen", "oplossingen"]
    for r in rijen:
        assert set(r) == {"titel", "beschrijving", "fase", "fase_label", "eigenaar", "knelpunten", "casussen", "besluit"}


@pytest.mark.django_db
def test_aantallen_in_enkelvoud_en_meervoud(client, signaal, maak_patroon, omo_user, eigenaar):
    groep, knelpunten = signaal
    patroon = maak_patroon(groep=groep)
    client.force_login(omo_user)
    html = " ".join(client.get(reverse("patroon_detail", args=[patroon.pk])).content.decode().split())
    assert "3 knelpunten uit 3 casussen" in html
    for k in knelpunten[1:]:
        services.ontkoppel_knelpunt(eigenaar, patroon.pk, k.pk)
    html = " ".join(client.get(reverse("patroon_detail", args=[patroon.pk])).content.decode().split())
    assert "1 knelpunt uit 1 casus" in html and "1 casussen" not in html
    html = " ".join(client.get(reverse("patroon_nieuw") + f"?groep={groep.pk}").content.decode().split())
    assert "Alle knelpunten van dit signaal (3 casussen)" in html
