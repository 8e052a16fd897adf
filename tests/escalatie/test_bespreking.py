"""Meeting mode: every outcome moves the case through the case services; closing makes the
verslag once and mails it once; a closed meeting never changes again."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from casussen.models import Besluit, Status, TijdlijnEvent
from casussen.services.fouten import Weigering
from escalatie.models import Actiepunt, Agendapunt, Escalatie, Overleg, Verslag
from escalatie.services import bespreking as services
from escalatie.services import overleg as overleg_services
from omo import berichten

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=AMS)


@pytest.fixture
def punt(overleg, klare_casus, consulent):
    casus = klare_casus()
    return overleg_services.dien_in(casus.pk, consulent, "Akkoord met de lening?", overleg.pk, now=NU)


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
    stappen = list(TijdlijnEvent.objects.filter(casus=punt.casus, soort="status").values_list("naar_status", flat=True))
    assert stappen[-2:] == [Status.BESPROKEN, Status.BESLOTEN]


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
    vervolg = Agendapunt.objects.get(vervolg_op=punt)
    assert vervolg.overleg.datum == datetime.date(2026, 12, 15)
    assert vervolg.alternatieven == "Betalingsregeling met de verhuurder" and vervolg.status == "ingediend"


@pytest.mark.django_db
def test_escaleren_creates_the_escalation(punt, omo_user):
    scenario = punt.casus.scenarios.get()
    services.leg_uitkomst_vast(punt.pk, omo_user, "escaleren", scenario_id=scenario.pk,
                               escalatie={"naar_niveau": 2, "reden": "buiten_kaders", "vraag": "Mag dit buiten de regels?"})
    assert status(punt) == Status.GEESCALEERD
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
    assert punt.casus.uitkomst.startswith(begin)


@pytest.mark.django_db
def test_deciding_twice_is_refused(punt, omo_user):
    services.leg_uitkomst_vast(punt.pk, omo_user, "afgewezen", motivatie="Past niet")
    with pytest.raises(Weigering, match="al een uitkomst"):
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
    services.sluit(overleg.pk, omo, aanwezigen=[omo.pk])
    import time

    for _ in range(100):
        if mail.outbox:
            break
        time.sleep(0.2)
    assert tasks.maak_verslag.delay(overleg.pk).get(timeout=30) == Verslag.objects.get(overleg=overleg).pk
    time.sleep(1)
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments


@pytest.mark.django_db
def test_verslag_is_made_once_mailed_once_and_holds_no_household_details(punt, overleg, omo_user):
    scenario = punt.casus.scenarios.get()
    services.leg_uitkomst_vast(
        punt.pk, omo_user, "akkoord", motivatie="Goedkoper dan uitzetting", scenario_id=scenario.pk,
        actiepunten=[{"omschrijving": "Lening regelen", "eigenaar": "Sanne", "deadline": datetime.date(2027, 1, 8)}],
    )
    services.sluit(overleg.pk, omo_user, aanwezigen=[omo_user.pk])
    eerste = services.maak_verslag(overleg.pk)
    assert services.maak_verslag(overleg.pk) == eerste  # a retried task
    assert berichten.verstuur_wachtende() == 1
    assert berichten.verstuur_wachtende() == 0
    (bericht,) = mail.outbox
    assert set(bericht.to) == {omo_user.email, "deelnemer@example.nl"}
    naam, inhoud, soort = bericht.attachments[0]
    assert soort == "application/pdf"
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    for verwacht in (punt.casus.code, "Huurachterstand gezin", "Besluit akkoord", "Goedkoper dan uitzetting",
                     "Lening regelen", "Sanne", "Lening voor de huurachterstand"):
        assert verwacht in tekst, verwacht
    for verboden in ("Familie Linde", "WIZ-12345", "ziekenhuisopname"):
        assert verboden not in tekst, verboden


@pytest.mark.django_db
def test_addendum_only_after_closing_and_mailed(overleg, omo_user):
    with pytest.raises(Weigering):
        services.voeg_addendum_toe(overleg.pk, omo_user, "Correctie")
    services.sluit(overleg.pk, omo_user)
    with pytest.raises(Weigering):
        services.voeg_addendum_toe(overleg.pk, omo_user, " ")
    services.voeg_addendum_toe(overleg.pk, omo_user, "Actiepunt 2 ligt bij Woonstede, niet bij de gemeente.")
    berichten.verstuur_wachtende()
    assert any("Woonstede" in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_outcome_form_keeps_input_on_error_and_page_within_budget(client, overleg, klare_casus, consulent, omo_user,
                                                                 django_assert_max_num_queries):
    punten = [overleg_services.dien_in(klare_casus(titel=f"C{i}").pk, consulent, "Vraag", overleg.pk, now=NU) for i in range(15)]
    client.force_login(omo_user)
    url = reverse("bespreking", kwargs={"pk": overleg.pk})
    client.get(url)
    with django_assert_max_num_queries(14):  # the page's 12 plus the level suggestion's two
        response = client.get(url)
    assert "Vergadermodus" in response.content.decode() and "role=\"timer\"" in response.content.decode()
    p = punten[0]
    response = client.post(reverse("bespreking_uitkomst", kwargs={"pk": overleg.pk, "aid": p.pk}),
                           {f"p{p.pk}-uitkomst": "niets_doen", f"p{p.pk}-advies": "Goed gesprek gevoerd"})
    body = response.content.decode()
    assert response.status_code == 200 and "Goed gesprek gevoerd" in body and "inwoner uit te leggen" in body
    p.refresh_from_db()
    assert p.status == "ingediend"
