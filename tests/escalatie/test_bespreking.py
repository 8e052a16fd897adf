"""Meeting mode: every outcome moves the case through the case services; closing makes the
verslag once and mails it once; a closed meeting never changes again."""

import datetime
import hashlib
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from pypdf import PdfReader

from casussen.models import Besluit, Status, TijdlijnEvent
from escalatie.models import Actiepunt, Agendapunt, Escalatie, Overleg, Verslag
from escalatie.services import bespreking as services
from escalatie.services import overleg as overleg_services
from omo import berichten
from omo.weigering import Weigering

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=AMS)
VERGADERING = datetime.datetime(2026, 12, 8, 10, 30, tzinfo=AMS)


@pytest.fixture
def punt(overleg, klare_casus, consulent, time_machine):
    """An item submitted on 1 December for the meeting of 8 December; the clock stands at that
    meeting."""
    casus = klare_casus()
    punt = overleg_services.dien_in(casus.pk, consulent, "Akkoord met de lening?", overleg.pk, now=NU)
    time_machine.move_to(VERGADERING)
    return punt


def tijdlijn(punt):
    return list(TijdlijnEvent.objects.filter(casus=punt.casus, soort="status").order_by("tijdstip", "pk")
                .values_list("naar_status", flat=True))


def status(punt):
    punt.casus.refresh_from_db()
    return punt.casus.status


@pytest.mark.django_db
def test_akkoord_records_a_level_1_decision_with_the_chosen_scenario(punt, omo_user):
    scenario = punt.casus.scenarios.get()
    services.leg_uitkomst_vast(
        punt.pk, omo_user, "akkoord", motivatie="Goedkoper dan uitzetting", scenario_id=scenario.pk,
        actiepunten=[{"omschrijving": "Lening regelen", "eigenaar": "Sanne", "deadline": datetime.date(2027, 1, 8)}],
    )
    assert status(punt) == Status.BESLOTEN
    besluit = Besluit.objects.get(casus=punt.casus)
    assert (besluit.uitkomst, besluit.niveau, besluit.scenario) == ("akkoord", 1, scenario)
    punt.refresh_from_db()
    assert punt.status == Agendapunt.Status.BESPROKEN and punt.uitkomst == "akkoord"
    assert Actiepunt.objects.get(agendapunt=punt).eigenaar == "Sanne"
    assert tijdlijn(punt)[-2:] == [Status.BESPROKEN, Status.BESLOTEN]
    scenario.refresh_from_db()
    assert scenario.gekozen


@pytest.mark.django_db
def test_afgewezen_records_a_level_1_decision_with_the_motivation(punt, omo_user):
    services.leg_uitkomst_vast(punt.pk, omo_user, "afgewezen", motivatie="Past niet binnen de Participatiewet")
    assert status(punt) == Status.BESLOTEN
    besluit = Besluit.objects.get(casus=punt.casus)
    assert (besluit.uitkomst, besluit.niveau, besluit.scenario) == ("afgewezen", 1, None)
    assert besluit.motivatie == "Past niet binnen de Participatiewet"
    assert tijdlijn(punt)[-2:] == [Status.BESPROKEN, Status.BESLOTEN]


@pytest.mark.django_db
@pytest.mark.parametrize("velden, veld", [
    ({"scenario": True}, "motivatie"),  # no motivation and no advice
    ({"motivatie": "Goed plan"}, "scenario"),  # no scenario chosen
])
def test_akkoord_needs_a_motivation_or_advice_and_a_scenario(punt, omo_user, velden, veld):
    scenario_id = punt.casus.scenarios.get().pk if velden.pop("scenario", False) else None
    with pytest.raises(Weigering) as fout:
        services.leg_uitkomst_vast(punt.pk, omo_user, "akkoord", scenario_id=scenario_id, **velden)
    assert fout.value.field == veld
    assert status(punt) == Status.GEAGENDEERD and not Besluit.objects.exists()


@pytest.mark.django_db
def test_akkoord_with_only_advice_uses_the_advice_as_motivation(punt, omo_user):
    services.leg_uitkomst_vast(punt.pk, omo_user, "akkoord", advies="Doen: het voorkomt een uitzetting",
                               scenario_id=punt.casus.scenarios.get().pk)
    assert Besluit.objects.get(casus=punt.casus).motivatie == "Doen: het voorkomt een uitzetting"


@pytest.mark.django_db
def test_bezinning_needs_the_alternatives(punt, omo_user):
    with pytest.raises(Weigering) as fout:
        services.leg_uitkomst_vast(punt.pk, omo_user, "bezinning", motivatie="Eerst verkennen")
    assert fout.value.field == "alternatieven"
    assert status(punt) == Status.GEAGENDEERD and not Agendapunt.objects.filter(vervolg_op=punt).exists()


@pytest.mark.django_db
def test_an_action_item_without_owner_or_in_the_past_changes_nothing(punt, omo_user):
    for actie in ({"omschrijving": "Bellen", "eigenaar": "", "deadline": datetime.date(2026, 12, 20)},
                  {"omschrijving": "Bellen", "eigenaar": "Sanne", "deadline": datetime.date(2026, 12, 7)}):
        with pytest.raises(Weigering) as fout:
            services.leg_uitkomst_vast(punt.pk, omo_user, "niets_doen", motivatie="Loopt weer", actiepunten=[actie])
        assert fout.value.field == "actiepunten"
    assert status(punt) == Status.GEAGENDEERD and not Actiepunt.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("uitkomst", ["afgewezen", "bezinning", "niets_doen"])
def test_outcomes_that_need_a_motivation_refuse_without_and_change_nothing(punt, omo_user, uitkomst):
    with pytest.raises(Weigering) as fout:
        services.leg_uitkomst_vast(punt.pk, omo_user, uitkomst, motivatie="  ", alternatieven="Iets anders")
    assert fout.value.field == "motivatie" and "inwoner" in fout.value.message
    assert status(punt) == Status.GEAGENDEERD
    punt.refresh_from_db()
    assert punt.status == Agendapunt.Status.INGEDIEND and punt.uitkomst == ""


@pytest.mark.django_db
def test_bezinning_puts_the_case_on_the_next_meeting_with_the_alternatives(punt, omo_user):
    services.leg_uitkomst_vast(punt.pk, omo_user, "bezinning", motivatie="Eerst met de verhuurder praten",
                               alternatieven="Betalingsregeling met de verhuurder")
    assert status(punt) == Status.GEAGENDEERD
    assert tijdlijn(punt)[-2:] == [Status.BESPROKEN, Status.GEAGENDEERD]
    vervolg = Agendapunt.objects.get(vervolg_op=punt)
    assert vervolg.overleg.datum == datetime.date(2026, 12, 15)
    assert vervolg.alternatieven == "Betalingsregeling met de verhuurder" and vervolg.status == "ingediend"
    assert vervolg.vraag == punt.vraag and vervolg.ingediend_door == omo_user
    punt.refresh_from_db()
    assert punt.status == "besproken" and punt.uitkomst == "bezinning"


@pytest.mark.django_db
def test_escaleren_creates_the_escalation(punt, omo_user):
    scenario = punt.casus.scenarios.get()
    services.leg_uitkomst_vast(punt.pk, omo_user, "escaleren", scenario_id=scenario.pk,
                               escalatie={"naar_niveau": 2, "reden": "buiten_kaders", "vraag": "Mag dit buiten de regels?"})
    assert status(punt) == Status.GEESCALEERD
    assert tijdlijn(punt)[-2:] == [Status.BESPROKEN, Status.GEESCALEERD]
    escalatie = Escalatie.objects.get(casus=punt.casus)
    assert (escalatie.naar_niveau, escalatie.agendapunt, escalatie.scenario) == (2, punt, scenario)


@pytest.mark.django_db
def test_escaleren_without_a_question_changes_nothing(punt, omo_user):
    with pytest.raises(Weigering) as fout:
        services.leg_uitkomst_vast(punt.pk, omo_user, "escaleren", escalatie={"naar_niveau": 2, "reden": "buiten_kaders", "vraag": ""})
    assert fout.value.field == "vraag"
    assert status(punt) == Status.GEAGENDEERD and not Escalatie.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("uitkomst, begin", [("regulier", "Terug naar de reguliere route"), ("niets_doen", "Niets doen")])
def test_regulier_and_niets_doen_close_the_case_with_the_reason(punt, omo_user, uitkomst, begin):
    services.leg_uitkomst_vast(punt.pk, omo_user, uitkomst, motivatie="De Wmo-route is weer open")
    assert status(punt) == Status.AFGESLOTEN
    assert punt.casus.uitkomst.startswith(begin) and "De Wmo-route is weer open" in punt.casus.uitkomst
    assert tijdlijn(punt)[-2:] == [Status.BESPROKEN, Status.AFGESLOTEN]


@pytest.mark.django_db
def test_deciding_twice_is_refused(punt, omo_user):
    services.leg_uitkomst_vast(punt.pk, omo_user, "afgewezen", motivatie="Past niet")
    with pytest.raises(Weigering, match="al besproken"):
        services.leg_uitkomst_vast(punt.pk, omo_user, "niets_doen", motivatie="Toch niet")
    assert Besluit.objects.filter(casus=punt.casus).count() == 1


@pytest.mark.django_db
def test_only_the_omo_functionaris_records_outcomes(punt, consulent):
    with pytest.raises(Weigering):
        services.leg_uitkomst_vast(punt.pk, consulent, "afgewezen", motivatie="x")


@pytest.mark.django_db
def test_closing_moves_open_items_and_a_closed_meeting_never_changes(punt, overleg, omo_user, klare_casus, consulent,
                                                                     django_capture_on_commit_callbacks):
    from escalatie import tasks

    tweede = overleg_services.dien_in(klare_casus(titel="Tweede").pk, consulent, "Vraag", overleg.pk, now=NU)
    services.leg_uitkomst_vast(punt.pk, omo_user, "afgewezen", motivatie="Past niet binnen de Participatiewet")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.sluit(overleg.pk, omo_user, aanwezigen=[omo_user.pk], aanwezigen_extern="Jan (Woonstede)")
    assert len(callbacks) == 1  # the verslag task, queued after commit
    tweede.refresh_from_db()
    assert tweede.overleg.datum == datetime.date(2026, 12, 15) and tweede.status == "ingediend"
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GESLOTEN and "Tweede" in overleg.niet_besproken
    assert TijdlijnEvent.objects.filter(casus=tweede.casus, omschrijving__contains="doorgeschoven").exists()
    assert set(overleg.aanwezigen.all()) == {omo_user} and overleg.aanwezigen_extern == "Jan (Woonstede)"
    for poging in (lambda: services.start(overleg.pk, omo_user), lambda: services.sluit(overleg.pk, omo_user),
                   lambda: services.leg_uitkomst_vast(punt.pk, omo_user, "akkoord", motivatie="x")):
        with pytest.raises(Weigering):
            poging()
    tasks.maak_verslag.run(overleg.pk)
    assert Verslag.objects.filter(overleg=overleg).count() == 1


@pytest.mark.django_db(transaction=True)
def test_verslag_through_a_real_worker_even_when_the_task_runs_twice(make_user, celery_worker):
    """Closing queues the task after commit; a real worker renders the verslag and the outbox
    mails it; a second delivery of the task (a retry) changes nothing and mails nothing."""
    from escalatie import tasks
    from escalatie.models import Overlegreeks

    omo = make_user("omo")
    reeks = Overlegreeks.objects.create(naam="R", weekdag=1, begintijd=datetime.time(10), locatie="X", voorzitter=omo)
    overleg_services.plan_overleggen(vandaag=datetime.date(2026, 12, 7))
    overleg = Overleg.objects.filter(reeks=reeks).order_by("datum").first()
    services.sluit(overleg.pk, omo, aanwezigen=[omo.pk], voor_de_datum=True)
    import time

    for _ in range(100):
        if mail.outbox:
            break
        time.sleep(0.2)
    assert tasks.maak_verslag.delay(overleg.pk).get(timeout=30) == Verslag.objects.get(overleg=overleg).pk
    time.sleep(1)
    assert Verslag.objects.filter(overleg=overleg).count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][2] == "application/pdf"


@pytest.mark.django_db
def test_verslag_is_made_once_mailed_once_and_holds_no_household_details(punt, overleg, omo_user, klare_casus,
                                                                         consulent):
    afgewezen = overleg_services.dien_in(klare_casus(titel="Verhuiskosten").pk, consulent, "Verhuizing betalen?",
                                         overleg.pk, now=NU)
    open_punt = overleg_services.dien_in(klare_casus(titel="Schoolvervoer").pk, consulent, "Vervoer?", overleg.pk, now=NU)
    scenario = punt.casus.scenarios.get()
    services.leg_uitkomst_vast(
        punt.pk, omo_user, "akkoord", motivatie="Goedkoper dan uitzetting", scenario_id=scenario.pk,
        advies="Regel het deze week",
        actiepunten=[{"omschrijving": "Lening regelen", "eigenaar": "Sanne", "deadline": datetime.date(2027, 1, 8)}],
    )
    services.leg_uitkomst_vast(afgewezen.pk, omo_user, "afgewezen", motivatie="Valt onder de nieuwe gemeente")
    services.sluit(overleg.pk, omo_user, aanwezigen=[omo_user.pk], aanwezigen_extern="Jan de Wit (Woonstede)")
    eerste = services.maak_verslag(overleg.pk)
    assert services.maak_verslag(overleg.pk) == eerste  # a retried task
    assert Verslag.objects.filter(overleg=overleg).count() == 1
    assert berichten.verstuur_wachtende() == 1
    assert berichten.verstuur_wachtende() == 0
    (bericht,) = mail.outbox
    # the participants present, the standing participants and the chair
    assert set(bericht.to) == {omo_user.email, "deelnemer@example.nl"}
    naam, inhoud, soort = bericht.attachments[0]
    assert soort == "application/pdf" and naam.startswith("verslag-") and naam.endswith(".pdf")
    verslag = Verslag.objects.get(overleg=overleg)
    assert hashlib.sha256(inhoud).hexdigest() == verslag.sha256
    tekst = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())
    for verwacht in (punt.casus.code, "Huurachterstand gezin", "Akkoord met de lening?", "Besluit akkoord",
                     "Lening voor de huurachterstand", "Goedkoper dan uitzetting", "Regel het deze week",
                     "Lening regelen", "Sanne", "08-01-2027", afgewezen.casus.code, "Besluit afgewezen",
                     "Valt onder de nieuwe gemeente", open_punt.casus.code, "doorgeschoven", "Schoolvervoer",
                     "Ilse Vossen", "Jan de Wit (Woonstede)", "Stadhuis, kamer 2.14", "Gemeente Teststad"):
        assert verwacht in tekst, verwacht
    # The configured name already says "Gemeente": it is never prefixed a second time.
    assert "Gemeente Gemeente" not in tekst
    for verboden in ("Familie Linde", "WIZ-12345", "ziekenhuisopname", "In het huis blijven", "Post huidig"):
        assert verboden not in tekst, verboden


@pytest.mark.django_db
def test_addendum_only_after_closing_and_mailed(overleg, omo_user):
    with pytest.raises(Weigering):
        services.voeg_addendum_toe(overleg.pk, omo_user, "Correctie")
    services.sluit(overleg.pk, omo_user, voor_de_datum=True)
    with pytest.raises(Weigering):
        services.voeg_addendum_toe(overleg.pk, omo_user, " ")
    services.voeg_addendum_toe(overleg.pk, omo_user, "Actiepunt 2 ligt bij Woonstede, niet bij de gemeente.")
    berichten.verstuur_wachtende()
    assert any("Woonstede" in m.body for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_two_verslag_tasks_at_the_same_time_make_one_verslag_and_one_email(make_user):
    """Two workers run `maak_verslag` at the same moment (each with its own connection): the row
    lock on the meeting lets one render; the other finds the verslag and places nothing."""
    import threading

    from django.db import connection

    from escalatie.models import Overlegreeks
    from omo.models import Bericht

    omo = make_user("omo")
    reeks = Overlegreeks.objects.create(naam="R", weekdag=1, begintijd=datetime.time(10), locatie="X", voorzitter=omo)
    overleg_services.plan_overleggen(vandaag=datetime.date(2026, 12, 7))
    overleg = Overleg.objects.filter(reeks=reeks).order_by("datum").first()
    Overleg.objects.filter(pk=overleg.pk).update(status=Overleg.Status.GESLOTEN)
    start = threading.Barrier(2)
    uitkomsten, fouten = [], []

    def taak():
        try:
            start.wait()
            uitkomsten.append(services.maak_verslag(overleg.pk))
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=taak) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not fouten
    assert len(uitkomsten) == 2 and len(set(uitkomsten)) == 1
    assert Verslag.objects.filter(overleg=overleg).count() == 1
    assert Bericht.objects.filter(sleutel=f"verslag-{overleg.pk}").count() == 1


@pytest.mark.django_db
def test_a_meeting_is_only_closed_before_its_date_when_that_is_confirmed(overleg, omo_user, time_machine):
    # Monday 7 December: the meeting of Tuesday 8 December is tomorrow.
    time_machine.move_to(datetime.datetime(2026, 12, 7, 16, 0, tzinfo=AMS))
    with pytest.raises(Weigering, match="gepland op dinsdag 8 december 2026") as fout:
        services.sluit(overleg.pk, omo_user)
    assert fout.value.field == "voor_de_datum"
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEPLAND and overleg.gesloten_op is None
    services.sluit(overleg.pk, omo_user, voor_de_datum=True)
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GESLOTEN


@pytest.mark.django_db
def test_a_meeting_of_today_closes_without_the_question(overleg, omo_user, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 8, 12, 0, tzinfo=AMS))
    services.sluit(overleg.pk, omo_user)
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GESLOTEN
