"""Reference data: the seed migration, the prijslijst and grondslagen pages (search, current
price, versions, CSV), who may use them, their query budget, and the beheerder's admin."""

import csv
import datetime
import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from casussen.models import (
    Geldstroom,
    Kostenregel,
    Leefgebied,
    Organisatie,
    Prijs,
    Scenario,
    WettelijkeGrondslag,
)
from casussen.queries.referentie import geldige_prijzen

pytestmark = pytest.mark.django_db

seed_migratie = importlib.import_module("casussen.migrations.0003_referentiedata")


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "Excel-NL needs the UTF-8 byte order mark"
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def _items(response):
    return [p.item for p in response.context["page"].object_list]


# --- The seed migration ----------------------------------------------------------------------


def test_seed_maakt_leefgebieden_geldstromen_en_organisaties():
    assert set(Leefgebied.objects.values_list("code", flat=True)) >= {
        "wonen",
        "financien",
        "inkomen",
        "gezondheid",
        "jeugd",
        "onderwijs",
        "werk",
        "veiligheid",
    }
    assert set(Geldstroom.objects.values_list("code", flat=True)) >= {
        "wmo",
        "jeugdwet",
        "participatiewet",
        "schuldhulp",
        "wlz",
        "zvw",
        "wonen",
        "veiligheid",
        "onderwijs",
        "overig",
    }
    assert Organisatie.objects.get(naam="UWV").soort == Organisatie.Soort.LANDELIJK
    assert Organisatie.objects.get(naam="Woningcorporatie").soort == Organisatie.Soort.LOKAAL
    assert Organisatie.objects.get(naam="Gemeente – Wmo").soort == Organisatie.Soort.GEMEENTELIJK
    for naam in [
        "Belastingdienst",
        "CAK",
        "CJIB",
        "DUO",
        "IND",
        "SVB",
        "Kredietbank",
        "Zorgverzekeraar",
    ]:
        assert Organisatie.objects.filter(naam__icontains=naam).exists(), naam


def test_seed_grondslagen_zijn_echte_artikelen_met_bron_op_wetten_overheid():
    art16 = WettelijkeGrondslag.objects.get(wet="Participatiewet", artikel="16")
    assert art16.soort == WettelijkeGrondslag.Soort.HARDHEIDSCLAUSULE
    assert art16.bron == "https://wetten.overheid.nl/BWBR0015703"
    assert "zeer dringende redenen" in art16.toelichting
    assert WettelijkeGrondslag.objects.get(
        wet="Algemene wet bestuursrecht", artikel="4:84"
    ).soort == (WettelijkeGrondslag.Soort.AFWIJKINGSBEVOEGDHEID)
    seeded = WettelijkeGrondslag.objects.filter(bron__contains="BWBR")
    assert 10 <= seeded.count() <= 16
    for g in seeded:
        assert g.bron.startswith("https://wetten.overheid.nl/BWBR"), g
        assert len(g.toelichting) > 80, g


def test_seed_prijzen_hebben_bron_prijsjaar_geldstroom_en_versies():
    prijzen = Prijs.objects.select_related("geldstroom")
    assert 12 <= prijzen.count() <= 20
    for p in prijzen:
        assert p.bron.strip(), p
        assert 2000 <= p.prijsjaar <= 2030, p
        assert p.geldstroom.code
        assert p.prijs > 0
    norm = prijzen.filter(item="Bijstand: norm alleenstaande, 21 jaar tot AOW-leeftijd")
    assert sorted(norm.values_list("geldig_vanaf", "prijs")) == [
        (datetime.date(2024, 7, 1), Decimal("1308.45")),
        (datetime.date(2025, 1, 1), Decimal("1345.45")),
    ]


def test_seed_is_idempotent():
    aantallen = [
        m.objects.count() for m in (Leefgebied, Geldstroom, Organisatie, WettelijkeGrondslag, Prijs)
    ]
    seed_migratie.seed(django_apps, None)
    assert aantallen == [
        m.objects.count() for m in (Leefgebied, Geldstroom, Organisatie, WettelijkeGrondslag, Prijs)
    ]


# --- Search ----------------------------------------------------------------------------------


def test_grondslagen_zoeken_op_nederlandse_stam(client_as):
    client = client_as("consulent")
    response = client.get(reverse("grondslagen"), {"q": "schulden"})
    assert response.status_code == 200
    gevonden = {(g.wet, g.artikel) for g in response.context["page"].object_list}
    assert ("Wet gemeentelijke schuldhulpverlening", "3") in gevonden
    assert ("Jeugdwet", "2.3") not in gevonden
    assert "Wet gemeentelijke schuldhulpverlening" in response.content.decode()


def test_grondslagen_zoeken_op_artikelnummer_en_filter_soort(client_as):
    client = client_as("omo")
    response = client.get(reverse("grondslagen"), {"q": "4:84"})
    assert [(g.wet, g.artikel) for g in response.context["page"].object_list] == [
        ("Algemene wet bestuursrecht", "4:84")
    ]
    response = client.get(reverse("grondslagen"), {"soort": "afwijkingsbevoegdheid"})
    assert {g.artikel for g in response.context["page"].object_list} == {"4:84", "49"}


def test_zoeken_met_vreemde_tekens_geeft_geen_fout(client_as):
    client = client_as("consulent")
    for q in ["'&|!:*()", "schuld & | ! (", "__"]:
        assert client.get(reverse("grondslagen"), {"q": q}).status_code == 200
        assert client.get(reverse("prijslijst"), {"q": q}).status_code == 200


def test_prijslijst_zoeken_en_filteren(client_as):
    client = client_as("consulent")
    response = client.get(reverse("prijslijst"), {"q": "huisuitzettingen"})
    assert set(_items(response)) == {
        "Huisuitzetting: kosten voor de verhuurder",
        "Huisuitzetting: maatschappelijke kosten over meerdere jaren (raming)",
    }
    response = client.get(reverse("prijslijst"), {"q": "eropaf"})
    assert _items(response) == ["Huisuitzetting: kosten voor de verhuurder"]
    jeugd = Geldstroom.objects.get(code="jeugdwet")
    response = client.get(reverse("prijslijst"), {"geldstroom": jeugd.pk, "betaler": "gemeente"})
    assert _items(response) and all(
        p.geldstroom_id == jeugd.pk and p.betaler == "gemeente" for p in response.context["page"]
    )
    assert "€\u00a050.000,00" in response.content.decode()


def test_ongeldige_filterwaarde_geeft_lege_lijst_met_melding(client_as):
    response = client_as("consulent").get(reverse("prijslijst"), {"geldstroom": "999999"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert response.context["filter"].form.errors


# --- Versions: the price valid today ---------------------------------------------------------


@pytest.fixture
def drie_versies(geldstroom):
    vandaag = timezone.localdate()
    velden = {
        "rekeneenheid": "per_maand",
        "eenheid": "",
        "geldstroom": geldstroom,
        "betaler": "gemeente",
        "bron": "test",
    }
    oud = Prijs.objects.create(
        item="Testitem versies",
        prijs=Decimal("100.00"),
        prijsjaar=2020,
        geldig_vanaf=datetime.date(2020, 1, 1),
        **velden,
    )
    huidig = Prijs.objects.create(
        item="Testitem versies",
        prijs=Decimal("111.00"),
        prijsjaar=vandaag.year,
        geldig_vanaf=vandaag - datetime.timedelta(days=10),
        **velden,
    )
    toekomst = Prijs.objects.create(
        item="Testitem versies",
        prijs=Decimal("122.00"),
        prijsjaar=vandaag.year + 1,
        geldig_vanaf=vandaag + datetime.timedelta(days=30),
        **velden,
    )
    return oud, huidig, toekomst


def test_geldige_prijzen_kiest_laatste_geldige_versie_niet_toekomstige(drie_versies):
    oud, huidig, toekomst = drie_versies
    versies = geldige_prijzen().filter(item="Testitem versies")
    assert list(versies) == [huidig]
    later = timezone.localdate() + datetime.timedelta(days=31)
    assert list(geldige_prijzen(later).filter(item="Testitem versies")) == [toekomst]
    assert list(geldige_prijzen(datetime.date(2021, 6, 1)).filter(item="Testitem versies")) == [oud]
    assert not geldige_prijzen(datetime.date(2019, 12, 31)).filter(item="Testitem versies").exists()
    items = list(geldige_prijzen().values_list("item", flat=True))
    assert len(items) == len(set(items)), "one price per item"


def test_prijslijst_toont_standaard_alleen_de_geldende_prijs(client_as, drie_versies):
    client = client_as("maatwerkcoach")
    response = client.get(reverse("prijslijst"), {"q": "Testitem versies"})
    assert [p.prijs for p in response.context["page"]] == [Decimal("111.00")]
    html = response.content.decode()
    assert "€\u00a0111,00" in html and "€\u00a0122,00" not in html and "€\u00a0100,00" not in html


def test_prijslijst_alle_versies_toont_ook_oude_en_toekomstige(client_as, drie_versies):
    client = client_as("maatwerkcoach")
    response = client.get(reverse("prijslijst"), {"q": "Testitem versies", "alle_versies": "on"})
    assert [p.prijs for p in response.context["page"]] == [
        Decimal("122.00"),
        Decimal("111.00"),
        Decimal("100.00"),
    ]
    html = response.content.decode()
    assert "toekomstig" in html and "vervangen" in html


# --- CSV exports -----------------------------------------------------------------------------


def test_prijslijst_export_bevat_precies_de_gefilterde_rijen(client_as, drie_versies):
    client = client_as("consulent")
    participatie = Geldstroom.objects.get(code="participatiewet")
    response = client.get(reverse("prijslijst_export"), {"geldstroom": participatie.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response)
    assert rows[0][:3] == ["Item", "Eenheid", "Prijs (€)"]
    verwacht = list(
        geldige_prijzen()
        .filter(geldstroom=participatie)
        .order_by("item")
        .values_list("item", "prijs")
    )
    assert [(r[0], r[2]) for r in rows[1:]] == [
        (item, f"{prijs:.2f}".replace(".", ",")) for item, prijs in verwacht
    ]
    assert ["Bijstand: norm alleenstaande, 21 jaar tot AOW-leeftijd", "1345,45"] in [
        [r[0], r[2]] for r in rows[1:]
    ]

    alle = _csv_rows(
        client.get(reverse("prijslijst_export"), {"q": "Testitem versies", "alle_versies": "on"})
    )
    assert [r[2] for r in alle[1:]] == ["122,00", "111,00", "100,00"]


def test_grondslagen_export_bevat_precies_de_gefilterde_rijen(client_as):
    client = client_as("beheerder")
    rows = _csv_rows(client.get(reverse("grondslagen_export"), {"soort": "afwijkingsbevoegdheid"}))
    assert rows[0] == ["Wet of regeling", "Artikel", "Soort", "Wanneer helpt het", "Bron"]
    assert sorted((r[0], r[1], r[2]) for r in rows[1:]) == [
        ("Algemene wet bestuursrecht", "4:84", "Afwijkingsbevoegdheid"),
        ("Participatiewet", "49", "Afwijkingsbevoegdheid"),
    ]
    rows = _csv_rows(client.get(reverse("grondslagen_export"), {"q": "schulden"}))
    assert "Wet gemeentelijke schuldhulpverlening" in {r[0] for r in rows[1:]}
    assert (
        len(rows) - 1
        == client.get(reverse("grondslagen"), {"q": "schulden"}).context["page"].paginator.count
    )


# --- Who may use the pages -------------------------------------------------------------------

URLS = ["prijslijst", "prijslijst_export", "grondslagen", "grondslagen_export"]


@pytest.mark.parametrize("naam", URLS)
@pytest.mark.parametrize(
    "rol,status",
    [
        ("consulent", 200),
        ("maatwerkcoach", 200),
        ("omo", 200),
        ("beheerder", 200),
        ("budgethouder", 403),
        ("portefeuillehouder", 403),
        ("college", 403),
        ("beleid", 403),
    ],
)
def test_toegang_per_rol(client_as, naam, rol, status):
    assert client_as(rol).get(reverse(naam)).status_code == status


def test_zonder_rol_geen_toegang(client_as):
    assert client_as().get(reverse("prijslijst")).status_code == 403


@pytest.mark.parametrize("naam", URLS)
def test_anoniem_naar_inloggen(client, naam):
    response = client.get(reverse(naam))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_menu_toont_links_alleen_voor_wie_mag(client_as, client):
    html = client_as("consulent").get(reverse("home")).content.decode()
    assert reverse("prijslijst") in html and reverse("grondslagen") in html
    client.logout()
    html = client_as("beleid").get(reverse("home")).content.decode()
    assert reverse("prijslijst") not in html


# --- Query budget ----------------------------------------------------------------------------


def test_querybudget_met_veel_rijen(client_as, geldstroom, django_assert_max_num_queries):
    for i in range(60):
        Prijs.objects.create(
            item=f"Budgetitem {i:02d}",
            rekeneenheid="per_jaar",
            prijs=Decimal(i + 1),
            geldstroom=geldstroom,
            betaler="gemeente",
            bron="test",
            prijsjaar=2025,
            geldig_vanaf=datetime.date(2025, 1, 1),
        )
        WettelijkeGrondslag.objects.create(
            wet="Budgetwet",
            artikel=str(i),
            soort="bevoegdheid",
            toelichting="Helpt bij schulden.",
        )
    client = client_as("consulent")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("prijslijst"), {"alle_versies": "on"})
    assert len(response.context["page"].object_list) == 25
    with django_assert_max_num_queries(12):
        response = client.get(reverse("prijslijst"), {"q": "budgetitem", "pagina": 2})
    assert len(response.context["page"].object_list) == 25
    with django_assert_max_num_queries(12):
        response = client.get(reverse("grondslagen"), {"q": "schulden"})
    assert response.context["page"].paginator.count >= 61
    with django_assert_max_num_queries(12):
        b"".join(client.get(reverse("prijslijst_export"), {"alle_versies": "on"}).streaming_content)
    with django_assert_max_num_queries(12):
        b"".join(client.get(reverse("grondslagen_export")).streaming_content)


# --- Admin for the beheerder -----------------------------------------------------------------


@pytest.fixture
def beheerder_admin(client, make_user):
    user = make_user("beheerder", is_staff=True)
    client.force_login(user)
    return client


def test_admin_gebruikte_prijs_is_alleen_lezen(beheerder_admin, casus):
    prijs = Prijs.objects.get(item="Huisuitzetting: kosten voor de verhuurder")
    scenario = Scenario.objects.create(
        casus=casus, titel="Niets doen", beschrijving="Uitzetting volgt"
    )
    Kostenregel.objects.create(
        scenario=scenario,
        situatie="dreigend",
        prijslijstitem=prijs,
        omschrijving=prijs.item,
        prijs=prijs.prijs,
        frequentie="eenmalig",
        geldstroom=prijs.geldstroom,
        betaler=prijs.betaler,
    )
    url = reverse("admin:casussen_prijs_change", args=[prijs.pk])
    response = beheerder_admin.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="prijs"' not in html and 'name="item"' not in html
    assert "Nieuwe versie van deze prijs maken" in html
    assert "kan daarom niet meer" in html

    data = {
        "item": prijs.item,
        "eenheid": prijs.eenheid,
        "prijs": "1,00",
        "geldstroom": prijs.geldstroom_id,
        "betaler": prijs.betaler,
        "bron": prijs.bron,
        "prijsjaar": prijs.prijsjaar,
        "geldig_vanaf": prijs.geldig_vanaf.isoformat(),
    }
    assert beheerder_admin.post(url, data).status_code == 403
    prijs.refresh_from_db()
    assert prijs.prijs == Decimal("5000.00")
    assert (
        beheerder_admin.post(
            reverse("admin:casussen_prijs_delete", args=[prijs.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Prijs.objects.filter(pk=prijs.pk).exists()


def test_admin_ongebruikte_prijs_nieuwe_versie_met_opslaan_als_nieuw(beheerder_admin):
    prijs = Prijs.objects.get(item="Kinderopvang: maximum uurprijs dagopvang (kinderopvangtoeslag)")
    url = reverse("admin:casussen_prijs_change", args=[prijs.pk])
    html = beheerder_admin.get(url).content.decode()
    assert 'name="prijs"' in html and 'name="_saveasnew"' in html
    data = {
        "item": prijs.item,
        "rekeneenheid": prijs.rekeneenheid,
        "eenheid": prijs.eenheid,
        "prijs": "11,23",
        "geldstroom": prijs.geldstroom_id,
        "betaler": prijs.betaler,
        "bron": "Ministerie van SZW, maximum uurprijzen 2026",
        "prijsjaar": 2026,
        "geldig_vanaf": "2026-01-01",
        "_saveasnew": "Opslaan als nieuw",
    }
    response = beheerder_admin.post(url, data)
    assert response.status_code == 302
    versies = Prijs.objects.filter(item=prijs.item).order_by("geldig_vanaf")
    assert list(versies.values_list("prijs", flat=True)) == [Decimal("10.71"), Decimal("11.23")]


def test_admin_toont_geen_casusinhoud(beheerder_admin):
    assert beheerder_admin.get(reverse("admin:casussen_prijs_changelist")).status_code == 200
    assert (
        beheerder_admin.get(
            reverse("admin:casussen_wettelijkegrondslag_changelist"), {"q": "schuld"}
        ).status_code
        == 200
    )
    assert beheerder_admin.get(reverse("admin:casussen_organisatie_changelist")).status_code == 200
    assert beheerder_admin.get("/admin/casussen/casus/").status_code == 404
    assert beheerder_admin.get("/admin/casussen/scenario/").status_code == 404


def test_the_price_list_has_structured_units_parsed_from_the_old_texts(client_as):
    # Migration 0008 parsed the free-text units; the text stays where it says more.
    eenheden = {p.item: (p.rekeneenheid, p.eenheid) for p in Prijs.objects.all()}
    assert eenheden["Maatschappelijke opvang: plek in de opvang"] == ("per_jaar", "per persoon per jaar")
    assert eenheden["OMO-functionaris (pilot Landgraaf)"] == ("per_jaar", "")
    assert eenheden["Huisuitzetting: kosten voor de verhuurder"] == ("per_stuk", "per uitzetting")
    assert eenheden["Projectleider integrale samenwerking (pilot Weert)"] == ("per_uur", "")
    assert eenheden["Bijstand: norm gehuwden, beiden 21 jaar tot AOW-leeftijd"][0] == "per_maand"
    assert {e for e, _t in eenheden.values()} >= {"per_jaar", "per_maand", "per_dag", "per_uur", "per_stuk"}
    # The list shows the unit and filters on it.
    html = client_as("consulent").get(reverse("prijslijst"), {"rekeneenheid": "per_uur"}).content.decode()
    assert "Projectleider integrale samenwerking" in html and "<td>per uur</td>" in html
    assert "Maatschappelijke opvang" not in html
