"""Destroying an approved item of an adopted vernietigingslijst (issue 15 item 2).

One household goes through the whole maatwerkreis in December 2026 with a distinctive word
("Qzw…") in every text it gets; two years after it was closed the item on the list is executed.
Then the word is searched in every text column of every table (the audit event tables and the
audit context included) and in the stored verslagen; the report figures of its periods, the
ledger and the append-only guards are checked."""

import datetime
import hashlib
import io
import json
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from pypdf import PdfReader

from budget.models import Aanvraag, Fonds, Transactie
from budget.services import aanvraag as aanvraag_services
from budget.services import grootboek
from casussen.models import (
    Canvas,
    CanvasConcept,
    Casus,
    Evaluatie,
    Knelpunt,
    Kostenregel,
    Scenario,
    ScenarioGrondslag,
    Status,
    TijdlijnEvent,
)
from casussen.services import casus as casus_services
from casussen.services import plan as plan_services
from escalatie.models import Contactpersoon, Escalatie, Overleg, Verslag
from escalatie.services import bespreking
from escalatie.services import overleg as overleg_services
from escalatie.services import verzoek as verzoek_services
from omo.models import Bericht, Notificatie, Toegangslog
from omo.weigering import Weigering
from privacy.inhoud import event_model
from privacy.models import Vernietigingsitem, Vernietigingslijst
from privacy.services.vernietigen import vernietig
from rapportage.queries.cijfers import cijfers

AMS = ZoneInfo("Europe/Amsterdam")
TOKEN = "qzw"  # in every text of the household, nowhere else
PERIODEN = [(datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
            (datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))]


def at(*args):
    return datetime.datetime(*args, tzinfo=AMS)


def tekstkolommen():
    with connection.cursor() as cur:
        cur.execute("""
            SELECT c.table_name, c.column_name FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'tsvector')
        """)
        return cur.fetchall()


def vindplaatsen(woord=TOKEN) -> list[str]:
    """Every table.column in the database that holds `woord` (any case)."""
    gevonden = []
    with connection.cursor() as cur:
        for tabel, kolom in tekstkolommen():
            cur.execute(f'SELECT count(*) FROM "{tabel}" WHERE "{kolom}"::text ILIKE %s', [f"%{woord}%"])
            if cur.fetchone()[0]:
                gevonden.append(f"{tabel}.{kolom}")
    return gevonden


def pdf_tekst(naam) -> str:
    with default_storage.open(naam, "rb") as f:
        return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages).split())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def fonds(make_user):
    houder = make_user("budgethouder", first_name="Bram", last_name="Budget")
    fonds = Fonds.objects.create(naam="Armoedefonds", soort="omo_fonds", mandaat=Decimal("5000"), jaareinde="vervalt",
                                 kostenplaats="KP-1", grootboeknummer="4430101")
    fonds.budgethouders.set([houder])
    grootboek.toewijzen(fonds.pk, Decimal("10000"), None, "Begroting")
    fonds.houder = houder
    return fonds


@pytest.fixture
def huishouden(overleg, klare_casus, consulent, omo_user, organisatie, grondslag, fonds, leefgebied, time_machine):
    """A case with a distinctive word in every text, discussed in two closed meetings with
    verslagen, decided, planned, evaluated, escalated, with a verzoek and a paid request; closed
    on 20 December 2026. Next to it a second case in the same meeting that stays."""
    time_machine.move_to(at(2026, 12, 1, 12))
    casus = klare_casus(
        titel="Qzw huisuitzetting Linde", pseudoniem="Familie Qzwlinde", dossiernummer="QZW-4711",
        urgentie_toelichting="Qzw vonnis binnen vier weken", reguliere_routes_toelichting="Qzw wijkteam geprobeerd",
    )
    casus_services.wijzig(casus.pk, consulent, {
        "titel": "Qzw dreigende huisuitzetting", "bron": "wijkteam", "datum_signaal": datetime.date(2026, 11, 2),
        "urgentie": "hoog", "urgentie_toelichting": "Qzw vonnis binnen drie weken",
        "reguliere_routes": ["eigen_team"], "reguliere_routes_toelichting": "Qzw wijkteam geprobeerd",
        "toestemming": "ja", "pseudoniem": "Familie Qzwlinde", "volwassenen": 2, "leeftijden_kinderen": [4, 9],
        "dossiernummer": "QZW-4711",
    }, leefgebieden=[leefgebied])
    Canvas.objects.filter(casus=casus).update(
        aan_de_hand="Qzw huurachterstand na ziekenhuisopname", wil_inwoner="Qzw in het huis blijven",
        eerst_oplossen="Qzw de huur", helpt_nu="Qzw de buurvrouw", knelpunt="Qzw de corporatie",
        niets_doen_kort="Qzw ontruiming", niets_doen_lang="Qzw opvang", vraag_bereiken="Qzw rust",
        vraag_grondwaarde="Qzw ja", vraag_ethisch="Qzw ja", vraag_juridisch="Qzw hardheid",
        huishouden_betrokken="nee", niet_betrokken_waarom="Qzw opgenomen", later_betrekken="Qzw na ontslag",
    )
    CanvasConcept.objects.create(casus=casus, sectie="situatie", gebruiker=consulent,
                                 data={"aan_de_hand": "Qzw concept"}, opgeslagen_op=at(2026, 12, 1, 12))
    scenario = casus.scenario
    Scenario.objects.filter(pk=scenario.pk).update(
        titel="Qzw lening huurachterstand", beschrijving="Qzw overbruggen", perspectief_inwoner="Qzw wil werken",
        eigen_bijdrage="Qzw 50 per maand", netwerk="Qzw zus")
    Kostenregel.objects.filter(scenario=scenario).update(omschrijving="Qzw post")
    weg = Kostenregel.objects.create(
        scenario=scenario, situatie="huidig", omschrijving="Qzw verwijderde post", prijs=Decimal("10"),
        aantal=Decimal("1"), frequentie="eenmalig", geldstroom=Kostenregel.objects.first().geldstroom,
        betaler="gemeente")
    weg.delete()  # only the audit history remembers it
    ScenarioGrondslag.objects.create(scenario=scenario, grondslag=grondslag, motivatie="Qzw hardheidsclausule past")

    ander = klare_casus(titel="Schoolvervoer Berk", pseudoniem="Familie Berk")
    punt = overleg_services.dien_in(casus.pk, consulent, "Qzw akkoord met de lening?", overleg.pk,
                                    now=at(2026, 12, 1, 12))
    ander_punt = overleg_services.dien_in(ander.pk, consulent, "Vervoer naar school betalen?", overleg.pk,
                                          now=at(2026, 12, 1, 12))
    # 8 December: only the other case is discussed; this one moves to the next meeting.
    time_machine.move_to(at(2026, 12, 8, 10, 30))
    bespreking.start(overleg.pk, omo_user)
    bespreking.leg_uitkomst_vast(ander_punt.pk, omo_user, "afgewezen", motivatie="Valt onder leerlingenvervoer")
    bespreking.sluit(overleg.pk, omo_user, aanwezigen=[omo_user.pk])
    bespreking.maak_verslag(overleg.pk)
    volgende = Overleg.objects.get(reeks=overleg.reeks, datum=datetime.date(2026, 12, 15))
    punt = volgende.agendapunten.get(casus=casus)
    # 15 December: decided, with an action item.
    time_machine.move_to(at(2026, 12, 15, 10, 30))
    bespreking.start(volgende.pk, omo_user)
    bespreking.leg_uitkomst_vast(
        punt.pk, omo_user, "akkoord", motivatie="Qzw goedkoper dan uitzetting", advies="Qzw regel het snel",
        scenario_id=scenario.pk,
        actiepunten=[{"omschrijving": "Qzw lening regelen", "eigenaar": "Qzw Sanne", "deadline": datetime.date(2027, 1, 8)}],
    )
    bespreking.sluit(volgende.pk, omo_user, aanwezigen=[omo_user.pk], aanwezigen_extern="Jan de Wit (Woonstede)")
    bespreking.maak_verslag(volgende.pk)

    plan_services.stel_plan_op(casus.pk, consulent, {
        "doel": "Qzw huis behouden", "regisseur": "Qzw Sanne (wijkteam)", "besproken_met_inwoner": False,
        "niet_besproken_waarom": "Qzw nog opgenomen", "betrekken_hoe": "Qzw na ontslag", "startdatum": datetime.date(2026, 12, 15),
        "monitoring_maanden": 6,
    }, acties=[{"omschrijving": "Qzw huur betalen", "eigenaar": "Qzw corporatie", "deadline": datetime.date(2027, 1, 15)}])
    evaluatie = Evaluatie.objects.filter(casus=casus).first()
    Evaluatie.objects.filter(pk=evaluatie.pk).update(uitkomst="doorgaan", toelichting="Qzw gaat goed",
                                                    uitgevoerd_op=at(2026, 12, 16, 9))
    Knelpunt.objects.create(casus=casus, soort="wet_regel", grondslag=grondslag, regel="Participatiewet art. 12",
                            beschrijving="Qzw schuld te oud voor bijzondere bijstand")
    Escalatie.objects.create(
        casus=casus, scenario=scenario, van_niveau=1, naar_niveau=2, reden="budget", vraag="Qzw extra geld?",
        aangevraagd_door=omo_user, aangevraagd_op=at(2026, 12, 15, 12), uiterlijk_op=at(2026, 12, 22, 17),
        beslissing="akkoord", motivatie="Qzw akkoord wethouder", besloten_door=omo_user,
        besloten_op=at(2026, 12, 16, 12), geprobeerd="Qzw alles", blokkerende_regel="Qzw regel",
        gevraagde_oplossing="Qzw geld", grondslag_delen="Qzw toestemming", geanonimiseerde_samenvatting="Qzw kort",
    )
    contact = Contactpersoon.objects.create(organisatie=organisatie, naam="Petra Wonen", rol="Teamleider",
                                            mandaat="Huurachterstanden", email="petra@example.org")
    verzoek = verzoek_services.stuur_verzoek(casus.pk, consulent, contact.pk, "Qzw huur bevriezen",
                                             "Qzw kan de ontruiming uitgesteld worden?", now=at(2026, 12, 15, 13))
    verzoek_services.beantwoord(verzoek.pk, "Qzw Petra", "Qzw ja, drie maanden", now=at(2026, 12, 16, 10))
    aanvraag = aanvraag_services.maak(casus.pk, consulent, {
        "scenario": scenario, "fonds": fonds, "soort": Aanvraag.Soort.GIFT, "bedrag": "1200.00",
        "doel": "Qzw huurachterstand", "noodzaak": "Qzw anders ontruimd", "gevolgen": "Qzw opvang duurder",
        "regulier_onmogelijk": "Qzw schuld te oud", "reguliere_routes": "Qzw bijstand afgewezen",
    }, indienen=True)
    aanvraag_services.keur_goed(aanvraag.pk, fonds.houder, motivatie="Qzw past in het fonds")
    aanvraag_services.betaal(aanvraag.pk, fonds.houder, Decimal("1200.00"))
    time_machine.move_to(at(2026, 12, 20, 12))
    casus_services.overgang(casus.pk, Status.MONITORING, consulent)
    casus_services.sluit_af(casus.pk, consulent, "Qzw huis behouden, schuld weg", "Qzw lening plus bevriezing werkte")
    casus.refresh_from_db()
    assert casus.status == Status.AFGESLOTEN
    return {"casus": casus, "ander": ander, "overleggen": [overleg, volgende], "verzoek": verzoek,
            "aanvraag": aanvraag}


def maak_lijst(*posten, peildatum=datetime.date(2029, 1, 1), status="vastgesteld"):
    lijst = Vernietigingslijst.objects.create(peildatum=peildatum, opgesteld_op=at(2029, 1, 1, 6), status=status)
    return [Vernietigingsitem.objects.create(lijst=lijst, **p) for p in posten]


@pytest.mark.django_db
def test_a_destroyed_household_is_gone_from_every_table_and_file_and_the_figures_stay(
        huishouden, time_machine, client, omo_user, make_user, django_capture_on_commit_callbacks):
    casus, ander = huishouden["casus"], huishouden["ander"]
    assert "casussen_casusevent.titel" in vindplaatsen() and "escalatie_agendapuntevent.vraag" in vindplaatsen()
    verslagen = {v.overleg_id: v for v in Verslag.objects.filter(overleg__in=huishouden["overleggen"])}
    assert len(verslagen) == 2 and all(TOKEN in pdf_tekst(v.bestand.name).lower() for v in verslagen.values())

    time_machine.move_to(at(2029, 1, 5, 3))
    voor = [cijfers(van, tot) for van, tot in PERIODEN]
    item, aanhouden, meldingen = maak_lijst(
        {"soort": "casus", "object_id": casus.pk, "code": casus.code, "einde_termijn": datetime.date(2028, 12, 20)},
        {"soort": "casus", "object_id": ander.pk, "code": ander.code, "einde_termijn": datetime.date(2028, 12, 20),
         "besluit": "aanhouden", "reden_aanhouden": "Bezwaarprocedure loopt"},
        {"soort": "notificatie", "code": "tot 2028-07", "einde_termijn": datetime.date(2028, 7, 1), "aantal": 0},
    )
    Notificatie.objects.create(gebruiker=omo_user, tekst="Nieuwer dan de termijn", sleutel="nieuw")

    begin = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        resultaat = vernietig(item.pk)
    duur = time.perf_counter() - begin
    print(f"vernietig: {duur:.2f} s voor één casus")  # noqa: T201
    vernietig(meldingen.pk)

    assert vindplaatsen() == []
    item.refresh_from_db()
    assert item.uitgevoerd_op is not None and item.resultaat == resultaat
    assert resultaat["codes"] == [casus.code]
    assert resultaat["casussen_casus"] == 1 and resultaat["casussen_canvasconcept"] == 1
    assert resultaat["casussen_kostenregelevent"] >= 4  # the deleted line's events too
    # The verslagen: rendered again without the household, the old files gone.
    for verslag_voor in verslagen.values():
        verslag = Verslag.objects.get(pk=verslag_voor.pk)
        assert verslag.bestand.name != verslag_voor.bestand.name
        assert not default_storage.exists(verslag_voor.bestand.name)
        tekst = pdf_tekst(verslag.bestand.name)
        assert TOKEN not in tekst.lower() and casus.code in tekst and "[vernietigd]" in tekst
        with default_storage.open(verslag.bestand.name, "rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == verslag.sha256
        assert {"overleg": verslag.overleg_id, "oud_sha256": verslag_voor.sha256,
                "nieuw_sha256": verslag.sha256} in resultaat["verslagen"]
    eerste = pdf_tekst(Verslag.objects.get(overleg=huishouden["overleggen"][0]).bestand.name)
    assert "Valt onder leerlingenvervoer" in eerste and "Schoolvervoer Berk" in eerste
    # What the reports and the ledger need stays.
    assert [cijfers(van, tot) for van, tot in PERIODEN] == voor
    call_command("ledger_check", verbosity=0)
    casus.refresh_from_db()
    assert (casus.status, casus.titel, casus.pseudoniem, casus.dossiernummer, casus.volwassenen,
            casus.leeftijden_kinderen) == (Status.AFGESLOTEN, "[vernietigd]", "[vernietigd]", "", 0, [])
    assert list(casus.leefgebieden.all()) and casus.afgesloten_op is not None
    assert Transactie.objects.filter(aanvraag=huishouden["aanvraag"]).count() == 2
    assert Knelpunt.objects.get(casus=casus).regel == "Participatiewet art. 12"
    assert TijdlijnEvent.objects.filter(casus=casus, soort="status", omschrijving="Afsluiten").exists()
    # The held-back case keeps its texts; the newer notification stays.
    ander.refresh_from_db()
    assert ander.titel == "Schoolvervoer Berk" and ander.pseudoniem == "Familie Berk"
    with pytest.raises(Weigering):
        vernietig(aanhouden.pk)
    ander.refresh_from_db()
    assert ander.titel == "Schoolvervoer Berk"
    assert list(Notificatie.objects.values_list("sleutel", flat=True)) == ["nieuw"]
    # A second run changes nothing and returns what was recorded.
    events = connection.cursor()
    events.execute("SELECT count(*) FROM casussen_casusevent")
    aantal = events.fetchone()[0]
    assert vernietig(item.pk) == resultaat
    events.execute("SELECT count(*) FROM casussen_casusevent")
    assert events.fetchone()[0] == aantal
    # The purge is in the audit log with the list and the item that made it.
    laatste = event_model(Casus).objects.filter(pgh_obj_id=casus.pk).order_by("-pgh_id").first()
    assert laatste.pgh_context.metadata["item"] == item.pk
    assert laatste.pgh_context.metadata["vernietigingslijst"] == item.lijst_id
    # Pages of the destroyed case still open.
    client.force_login(make_user("omo"))
    scenario = Scenario.objects.get(casus=casus)
    for naam, kwargs in (("casus_detail", {"pk": casus.pk}), ("canvas", {"pk": casus.pk}),
                         ("scenario_lijst", {"pk": casus.pk}), ("scenario_detail", {"pk": casus.pk, "sid": scenario.pk}),
                         ("plan", {"pk": casus.pk})):
        pagina = client.get(reverse(naam, kwargs=kwargs))
        assert pagina.status_code == 200, naam
        assert casus.code in pagina.content.decode() and TOKEN not in pagina.content.decode().lower(), naam
    assert "[vernietigd]" in client.get(reverse("casus_detail", kwargs={"pk": casus.pk})).content.decode()


@pytest.mark.django_db
def test_the_guards_stay_on_after_a_purge_and_the_function_refuses_what_is_not_approved(huishouden, time_machine):
    casus = huishouden["casus"]
    time_machine.move_to(at(2029, 1, 5, 3))
    item, aanhouden = maak_lijst(
        {"soort": "casus", "object_id": casus.pk, "code": casus.code, "einde_termijn": datetime.date(2028, 12, 20)},
        {"soort": "casus", "object_id": huishouden["ander"].pk, "code": huishouden["ander"].code,
         "einde_termijn": datetime.date(2028, 12, 20), "besluit": "aanhouden", "reden_aanhouden": "Bezwaar"},
    )
    (voorgesteld,) = maak_lijst(
        {"soort": "verzoek", "object_id": huishouden["verzoek"].pk, "code": "Verzoek",
         "einde_termijn": datetime.date(2028, 1, 1)}, peildatum=datetime.date(2029, 2, 1), status="voorgesteld")
    from django.contrib.contenttypes.models import ContentType

    Toegangslog.objects.create(gebruiker=casus.casushouder, object_type=ContentType.objects.get_for_model(Casus),
                               object_id=str(casus.pk), object_omschrijving=casus.code, pad="/", methode="GET")
    with transaction.atomic():
        vernietig(item.pk)
        for sql in ("UPDATE casussen_casusevent SET titel = 'x'", "DELETE FROM casussen_casusevent",
                    "UPDATE omo_toegangslog SET pad = 'x'", "DELETE FROM omo_toegangslog",
                    "UPDATE casussen_tijdlijnevent SET toelichting = 'x'", "DELETE FROM escalatie_verslag"):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql)
    def leeg(casus_id):
        return json.dumps([{"soort": "zet", "tabel": "casussen_casus", "sleutel": "id", "ids": [casus_id],
                            "kolommen": {"titel": ""}}])

    for post in (aanhouden, voorgesteld):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute("SELECT omo_vernietig(%s, %s::jsonb)", [post.pk, leeg(huishouden["ander"].pk)])
    with pytest.raises(Weigering):
        vernietig(voorgesteld.pk)
    # An executed item is not executed twice, and the ledger and the reports are never touched.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT omo_vernietig(%s, %s::jsonb)", [item.pk, leeg(casus.pk)])
    (nog_een,) = maak_lijst({"soort": "casus", "object_id": huishouden["ander"].pk, "code": "x",
                             "einde_termijn": datetime.date(2028, 12, 20)}, peildatum=datetime.date(2029, 3, 1))
    for tabel in ("budget_transactie", "budget_boeking", "rapportage_rapport", "privacy_vernietigingsitem"):
        plan = json.dumps([{"soort": "verwijder", "tabel": tabel, "sleutel": "id", "ids": [1]}])
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute("SELECT omo_vernietig(%s, %s::jsonb)", [nog_een.pk, plan])
    for kolom in ("id", "casus_id", "pgh_obj_id"):
        plan = json.dumps([{"soort": "zet", "tabel": "casussen_canvas", "sleutel": "id", "ids": [1],
                            "kolommen": {kolom: "2"}}])
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute("SELECT omo_vernietig(%s, %s::jsonb)", [nog_een.pk, plan])
    plan = '[{"soort": "verwijder_voor", "tabel": "omo_toegangslog", "kolom": "tijdstip", "voor": "2030-01-01"}]'
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT omo_vernietig(%s, %s::jsonb)", [nog_een.pk, plan])
    nog_een.refresh_from_db()
    assert nog_een.uitgevoerd_op is None


@pytest.mark.django_db
def test_a_verzoek_loses_its_texts_and_keeps_its_dates(huishouden, time_machine):
    verzoek = huishouden["verzoek"]
    time_machine.move_to(at(2028, 1, 5, 3))
    voor = cijfers(*PERIODEN[0])
    (item,) = maak_lijst({"soort": "verzoek", "object_id": verzoek.pk, "code": f"Verzoek {verzoek.pk}",
                          "einde_termijn": datetime.date(2027, 12, 16)}, peildatum=datetime.date(2028, 1, 1))
    resultaat = vernietig(item.pk)
    verzoek.refresh_from_db()
    assert (verzoek.onderwerp, verzoek.vraag, verzoek.antwoord, verzoek.opgepakt_door) == (
        "[vernietigd]", "[vernietigd]", "", "")
    assert verzoek.status == "beantwoord" and verzoek.opgepakt_op and verzoek.beantwoord_op
    assert resultaat["escalatie_verzoek"] == 1 and resultaat["escalatie_verzoekevent"] >= 3
    for tabel, kolom in (("escalatie_verzoekevent", "vraag"), ("omo_bericht", "tekst")):
        with connection.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {tabel} WHERE {kolom} ILIKE '%%ontruiming uitgesteld%%'")
            assert cur.fetchone()[0] == 0
    assert not TijdlijnEvent.objects.filter(casus=verzoek.casus, omschrijving__icontains="huur bevriezen").exists()
    assert not TijdlijnEvent.objects.filter(casus=verzoek.casus, toelichting__icontains="drie maanden").exists()
    # The case itself is not destroyed by it.
    assert Casus.objects.get(pk=verzoek.casus_id).pseudoniem == "Familie Qzwlinde"
    assert cijfers(*PERIODEN[0]) == voor


@pytest.mark.django_db
def test_batches_delete_what_is_older_than_the_term_and_nothing_newer(make_user, time_machine):
    from django.contrib.contenttypes.models import ContentType

    gebruiker = make_user("consulent")
    soort = ContentType.objects.get_for_model(Casus)

    def rijen(moment, n):
        time_machine.move_to(moment)
        for i in range(n):
            Notificatie.objects.create(gebruiker=gebruiker, tekst=f"Melding {moment:%Y%m%d}-{i}",
                                       sleutel=f"m-{moment:%Y%m%d}-{i}")
            Toegangslog.objects.create(gebruiker=gebruiker, object_type=soort, object_id="1",
                                       object_omschrijving="2026-0001", pad="/casussen/1/", methode="GET")
            Bericht.objects.create(sleutel=f"b-{moment:%Y%m%d}-{i}", aan=["x@example.nl"], onderwerp="O", tekst="T")

    rijen(at(2026, 3, 1, 12), 3)
    rijen(at(2026, 6, 30, 23, 30), 1)  # the evening before the term ends, Amsterdam time
    rijen(at(2026, 7, 1, 0, 30), 2)
    time_machine.move_to(at(2027, 1, 2, 3))
    meldingen, log = maak_lijst(
        {"soort": "notificatie", "code": "t/m 30-06-2026", "einde_termijn": datetime.date(2026, 6, 30), "aantal": 4},
        {"soort": "toegangslog", "code": "t/m 30-06-2026", "einde_termijn": datetime.date(2026, 6, 30), "aantal": 4},
        peildatum=datetime.date(2027, 1, 1),
    )
    assert vernietig(meldingen.pk)["omo_notificatie"] == 4
    assert Notificatie.objects.count() == 2 and Bericht.objects.count() == 2
    with connection.cursor() as cur:
        cur.execute("SELECT count(*), min(aangemaakt_op) FROM omo_notificatieevent")
        aantal, oudste = cur.fetchone()
    assert aantal == 2 and oudste >= at(2026, 7, 1, 0, 0)
    assert vernietig(log.pk) == {"omo_toegangslog": 4, "codes": ["t/m 30-06-2026"]}
    assert Toegangslog.objects.count() == 2
    assert not Toegangslog.objects.filter(tijdstip__lt=at(2026, 7, 1, 0, 0)).exists()
    with pytest.raises(DatabaseError), transaction.atomic():
        Toegangslog.objects.all().delete()


@pytest.mark.django_db
def test_a_vervallen_case_is_destroyed_the_same_way(make_casus, consulent, time_machine):
    time_machine.move_to(at(2026, 11, 3, 9))
    casus = make_casus(consulent, titel="Qzw dubbel aangemeld", pseudoniem="Familie Qzwberk", dossiernummer="QZW-1",
                       urgentie_toelichting="Qzw dubbel")
    casus_services.verklaar_vervallen(casus.pk, consulent, "Qzw staat al als OMO-2026-0001 in OMO")
    time_machine.move_to(at(2027, 6, 2, 3))
    voor = cijfers(*PERIODEN[1])
    (item,) = maak_lijst({"soort": "vervallen", "object_id": casus.pk, "code": casus.code,
                          "einde_termijn": datetime.date(2027, 5, 3)}, peildatum=datetime.date(2027, 6, 1))
    resultaat = vernietig(item.pk)
    assert vindplaatsen() == []
    assert resultaat["casussen_casus"] == 1 and resultaat["casussen_tijdlijnevent"] >= 2
    casus.refresh_from_db()
    assert casus.status == Status.VERVALLEN and casus.pseudoniem == "[vernietigd]"
    assert cijfers(*PERIODEN[1]) == voor
