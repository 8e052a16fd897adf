"""The weekly overleg, services: meetings planned ahead on werkdagen (idempotent, also when two
runs happen at once), the stukken deadline against the Dutch calendar, submitting, admitting,
withdrawing, reordering and cancelling. Time is passed explicitly (`now=`, `vandaag=`)."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from casussen.models import Canvas, Status, TijdlijnEvent
from casussen.services import casus as casus_services
from escalatie.models import Agendapunt, Overleg, Overlegreeks
from escalatie.services import overleg as services
from omo.models import Notificatie, Sluitingsdag
from omo.weigering import Weigering

AMS = ZoneInfo("Europe/Amsterdam")


def at(y, m, d, h=12, mi=0, s=0):
    return datetime.datetime(y, m, d, h, mi, s, tzinfo=AMS)


def einde_dag(y, m, d):
    return datetime.datetime(y, m, d, 23, 59, 59, 999999, tzinfo=AMS)


def maak_reeks(voorzitter, weekdag, naam="Reeks"):
    return Overlegreeks.objects.create(
        naam=naam, weekdag=weekdag, begintijd=datetime.time(10, 0), locatie="Stadhuis", voorzitter=voorzitter
    )


# --- Planning ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_planning_creates_four_weeks_once_and_adds_only_the_new_week(reeks):
    datums = list(Overleg.objects.filter(reeks=reeks).order_by("datum").values_list("datum", flat=True))
    assert datums == [datetime.date(2026, 12, 8), datetime.date(2026, 12, 15), datetime.date(2026, 12, 22),
                      datetime.date(2026, 12, 29)]
    assert services.plan_overleggen(vandaag=datetime.date(2026, 12, 7)) == 0
    assert services.plan_overleggen(vandaag=datetime.date(2026, 12, 14)) == 1
    assert Overleg.objects.filter(reeks=reeks).count() == 5
    eerste = Overleg.objects.get(reeks=reeks, datum=datetime.date(2026, 12, 8))
    assert (eerste.begintijd, eerste.duur_minuten, eerste.locatie, eerste.voorzitter) == (
        reeks.begintijd, 120, "Stadhuis, kamer 2.14", reeks.voorzitter)


@pytest.mark.django_db
def test_an_inactive_series_gets_no_meetings(omo_user):
    reeks = maak_reeks(omo_user, Overlegreeks.Weekdag.WOENSDAG)
    reeks.actief = False
    reeks.save()
    assert services.plan_overleggen(vandaag=datetime.date(2026, 12, 7)) == 0
    assert not Overleg.objects.filter(reeks=reeks).exists()


@pytest.mark.django_db
def test_meetings_on_feestdagen_and_sluitingsdagen_move_to_the_next_werkdag_and_say_why(omo_user):
    maandag = maak_reeks(omo_user, Overlegreeks.Weekdag.MAANDAG, "Maandagoverleg")
    donderdag = maak_reeks(omo_user, Overlegreeks.Weekdag.DONDERDAG, "Donderdagoverleg")
    Sluitingsdag.objects.create(datum=datetime.date(2026, 5, 4), omschrijving="Dag voor Bevrijdingsdag")
    services.plan_overleggen(vandaag=datetime.date(2026, 4, 1), weken=9)
    per_plan = {o.gepland_op: o for o in Overleg.objects.filter(reeks=maandag)}
    paas = per_plan[datetime.date(2026, 4, 6)]
    assert paas.datum == datetime.date(2026, 4, 7)
    assert paas.verplaatst_reden == "Verplaatst van maandag 6 april 2026 (Tweede paasdag)"
    koning = per_plan[datetime.date(2026, 4, 27)]
    assert koning.datum == datetime.date(2026, 4, 28)
    assert koning.verplaatst_reden == "Verplaatst van maandag 27 april 2026 (Koningsdag)"
    sluiting = per_plan[datetime.date(2026, 5, 4)]
    assert sluiting.datum == datetime.date(2026, 5, 6)  # 5 mei is a feestdag as well
    assert sluiting.verplaatst_reden == "Verplaatst van maandag 4 mei 2026 (sluitingsdag: Dag voor Bevrijdingsdag)"
    pinksteren = per_plan[datetime.date(2026, 5, 25)]
    assert pinksteren.datum == datetime.date(2026, 5, 26) and "Tweede pinksterdag" in pinksteren.verplaatst_reden
    gewoon = per_plan[datetime.date(2026, 4, 13)]
    assert gewoon.datum == gewoon.gepland_op and gewoon.verplaatst_reden == ""
    hemelvaart = Overleg.objects.get(reeks=donderdag, gepland_op=datetime.date(2026, 5, 14))
    assert hemelvaart.datum == datetime.date(2026, 5, 15) and "Hemelvaartsdag" in hemelvaart.verplaatst_reden


@pytest.mark.django_db(transaction=True)
def test_two_planning_runs_at_once_create_each_meeting_once(make_user):
    omo = make_user("omo")
    maak_reeks(omo, Overlegreeks.Weekdag.DINSDAG, "R1")
    maak_reeks(omo, Overlegreeks.Weekdag.MAANDAG, "R2")
    barrier = threading.Barrier(2)
    gemaakt, fouten = [], []

    def run():
        try:
            barrier.wait()
            gemaakt.append(services.plan_overleggen(vandaag=datetime.date(2026, 12, 7)))
        except Exception as exc:  # noqa: BLE001 — reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert Overleg.objects.count() == 8
    assert sum(gemaakt) == 8  # every meeting counted by exactly one of the runs
    assert services.plan_overleggen(vandaag=datetime.date(2026, 12, 7)) == 0


@pytest.mark.django_db
def test_volgende_overleg_plans_ahead_when_the_series_has_no_next_meeting_yet(reeks):
    laatste = Overleg.objects.filter(reeks=reeks).order_by("-datum").first()
    assert laatste.datum == datetime.date(2026, 12, 29)
    volgende = services.volgende_overleg(laatste)
    assert volgende.datum == datetime.date(2027, 1, 5) and volgende.reeks == reeks


@pytest.mark.django_db
def test_eerstvolgende_overleg_is_the_first_whose_deadline_has_not_passed(reeks):
    assert services.eerstvolgende_overleg(at(2026, 12, 4, 23, 59)).datum == datetime.date(2026, 12, 8)
    assert services.eerstvolgende_overleg(at(2026, 12, 5, 0, 0)).datum == datetime.date(2026, 12, 15)


# --- Stukken deadline ----------------------------------------------------------------------


@pytest.mark.django_db
def test_stukken_deadline_of_a_tuesday_meeting_is_friday_end_of_day(overleg):
    assert overleg.datum.weekday() == 1
    assert overleg.stukken_deadline == einde_dag(2026, 12, 4)


@pytest.mark.django_db
def test_stukken_deadline_skips_feestdagen(reeks, omo_user):
    # Tuesday 29 December: Monday 28 counts, Christmas (25, 26) and the weekend do not → Thursday 24.
    kerst = Overleg.objects.get(reeks=reeks, datum=datetime.date(2026, 12, 29))
    assert kerst.stukken_deadline == einde_dag(2026, 12, 24)
    # Tuesday 28 April 2026: Monday 27 is Koningsdag → Thursday 23 April.
    dinsdag = maak_reeks(omo_user, Overlegreeks.Weekdag.DINSDAG, "Dinsdag")
    services.plan_overleggen(vandaag=datetime.date(2026, 4, 27), weken=1)
    na_koningsdag = Overleg.objects.get(reeks=dinsdag, datum=datetime.date(2026, 4, 28))
    assert na_koningsdag.stukken_deadline == einde_dag(2026, 4, 23)


# --- Dien in --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_submit_before_the_deadline_puts_the_case_on_the_meeting_and_tells_the_chair_once(
    overleg, klare_casus, consulent
):
    casus = klare_casus()
    punt = services.dien_in(casus.pk, consulent, "Akkoord met de lening?", overleg.pk, now=at(2026, 12, 4, 23, 59, 59))
    assert punt.overleg == overleg and punt.aangevraagd_voor is None and punt.status == Agendapunt.Status.INGEDIEND
    assert punt.vraag == "Akkoord met de lening?" and punt.ingediend_door == consulent
    casus.refresh_from_db()
    assert casus.status == Status.GEAGENDEERD
    assert TijdlijnEvent.objects.filter(casus=casus, naar_status=Status.GEAGENDEERD, toelichting__contains="Akkoord met de lening?").exists()
    assert Notificatie.objects.filter(gebruiker=overleg.voorzitter).count() == 1


@pytest.mark.django_db
def test_without_a_choice_the_case_goes_on_the_first_meeting_whose_deadline_is_open(reeks, klare_casus, consulent):
    punt = services.dien_in(klare_casus().pk, consulent, "Vraag", now=at(2026, 12, 2))
    assert punt.overleg.datum == datetime.date(2026, 12, 8) and punt.aangevraagd_voor is None
    later = services.dien_in(klare_casus(titel="Tweede").pk, consulent, "Vraag", now=at(2026, 12, 5, 9))
    assert later.overleg.datum == datetime.date(2026, 12, 15) and later.aangevraagd_voor is None


@pytest.mark.django_db
def test_late_submission_goes_to_the_next_meeting_until_the_omo_functionaris_admits_it(
    overleg, klare_casus, consulent, omo_user
):
    casus = klare_casus()
    punt = services.dien_in(casus.pk, consulent, "Akkoord?", overleg.pk, now=at(2026, 12, 5, 0, 0, 1))
    assert punt.aangevraagd_voor == overleg
    assert punt.overleg.datum == datetime.date(2026, 12, 15)
    assert Notificatie.objects.filter(gebruiker=omo_user, tekst__contains="te laat").count() == 1
    with pytest.raises(Weigering):
        services.laat_toe(punt.pk, consulent)
    punt.refresh_from_db()
    assert punt.overleg.datum == datetime.date(2026, 12, 15)
    services.laat_toe(punt.pk, omo_user)
    punt.refresh_from_db()
    assert punt.overleg == overleg and punt.toegelaten_door == omo_user
    assert TijdlijnEvent.objects.filter(casus=casus, omschrijving__contains="Toegelaten").count() == 1
    with pytest.raises(Weigering):
        services.laat_toe(punt.pk, omo_user)


@pytest.mark.django_db
def test_a_late_item_cannot_be_admitted_to_a_cancelled_meeting(overleg, klare_casus, consulent, omo_user):
    punt = services.dien_in(klare_casus().pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 7, 9))
    services.annuleer(overleg.pk, omo_user, "Voorzitter ziek")
    with pytest.raises(Weigering, match="niet meer gepland"):
        services.laat_toe(punt.pk, omo_user)
    punt.refresh_from_db()
    assert punt.overleg.datum == datetime.date(2026, 12, 15) and punt.toegelaten_door is None


@pytest.mark.django_db
def test_an_aangemelde_case_must_start_preparation_first(overleg, make_casus, consulent):
    casus = make_casus(consulent)
    with pytest.raises(Weigering, match="Start eerst de voorbereiding"):
        services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    casus.refresh_from_db()
    assert casus.status == Status.AANGEMELD and not Agendapunt.objects.exists()


@pytest.mark.django_db
def test_an_incomplete_case_lists_everything_missing_in_one_message_and_changes_nothing(
    overleg, make_casus, consulent
):
    casus = make_casus(consulent)
    casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    Canvas.objects.create(casus=casus)  # saved, but empty
    tijdlijn = TijdlijnEvent.objects.filter(casus=casus).count()
    with pytest.raises(Weigering) as fout:
        services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    assert "maatwerkcanvas" in fout.value.message and "oplossingsscenario" in fout.value.message
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING
    assert not Agendapunt.objects.exists()
    assert TijdlijnEvent.objects.filter(casus=casus).count() == tijdlijn
    assert not Notificatie.objects.exists()


@pytest.mark.django_db
def test_only_the_cases_own_professionals_or_the_omo_functionaris_may_submit(
    overleg, klare_casus, make_user, team_b, omo_user
):
    casus = klare_casus()
    for vreemd in (make_user("consulent", team=team_b), make_user("budgethouder")):
        with pytest.raises(Weigering):
            services.dien_in(casus.pk, vreemd, "Vraag", overleg.pk, now=at(2026, 12, 1))
    assert not Agendapunt.objects.exists()
    punt = services.dien_in(casus.pk, omo_user, "Vraag", overleg.pk, now=at(2026, 12, 1))
    assert punt.overleg == overleg


@pytest.mark.django_db
def test_a_case_goes_on_one_agenda_at_a_time(overleg, klare_casus, consulent):
    casus = klare_casus()
    services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    with pytest.raises(Weigering):
        services.dien_in(casus.pk, consulent, "Nog eens", overleg.pk, now=at(2026, 12, 1))
    assert Agendapunt.objects.count() == 1


@pytest.mark.django_db
def test_cancelled_and_closed_meetings_accept_no_submissions(reeks, overleg, klare_casus, consulent, omo_user):
    services.annuleer(overleg.pk, omo_user, "Geen voorzitter")
    with pytest.raises(Weigering, match="geannuleerd"):
        services.dien_in(klare_casus().pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    gesloten = Overleg.objects.get(reeks=reeks, datum=datetime.date(2026, 12, 15))
    Overleg.objects.filter(pk=gesloten.pk).update(status=Overleg.Status.GESLOTEN)
    with pytest.raises(Weigering, match="gesloten"):
        services.dien_in(klare_casus(titel="Andere").pk, consulent, "Vraag", gesloten.pk, now=at(2026, 12, 1))
    assert not Agendapunt.objects.exists()


# --- Trek in, volgorde, annuleer -----------------------------------------------------------


@pytest.mark.django_db
def test_withdraw_returns_the_case_to_preparation_and_it_can_come_back(overleg, klare_casus, consulent, make_user, team_b):
    casus = klare_casus()
    punt = services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    with pytest.raises(Weigering):
        services.trek_in(punt.pk, consulent, "  ")
    with pytest.raises(Weigering):
        services.trek_in(punt.pk, make_user("consulent", team=team_b), "Niet van mij")
    services.trek_in(punt.pk, consulent, "Inwoner wil eerst zelf bellen")
    punt.refresh_from_db()
    casus.refresh_from_db()
    assert punt.status == Agendapunt.Status.INGETROKKEN and casus.status == Status.IN_VOORBEREIDING
    assert TijdlijnEvent.objects.filter(casus=casus, naar_status=Status.IN_VOORBEREIDING,
                                        toelichting="Inwoner wil eerst zelf bellen").exists()
    with pytest.raises(Weigering):
        services.trek_in(punt.pk, consulent, "Nog eens")
    opnieuw = services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 2))
    assert opnieuw.pk != punt.pk


@pytest.mark.django_db
def test_the_omo_functionaris_sets_the_order_of_the_agenda(overleg, klare_casus, consulent, omo_user):
    punten = [services.dien_in(klare_casus(titel=f"C{i}").pk, consulent, "V", overleg.pk, now=at(2026, 12, 1))
              for i in range(3)]
    nieuw = [punten[2].pk, punten[0].pk, punten[1].pk]
    with pytest.raises(Weigering):
        services.zet_volgorde(overleg.pk, consulent, nieuw)
    services.zet_volgorde(overleg.pk, omo_user, nieuw)
    assert list(Agendapunt.objects.filter(overleg=overleg).order_by("volgorde").values_list("pk", flat=True)) == nieuw
    services.verschuif(overleg.pk, omo_user, punten[1].pk, -1)  # up one
    assert list(Agendapunt.objects.filter(overleg=overleg).order_by("volgorde").values_list("pk", flat=True)) == [
        punten[2].pk, punten[1].pk, punten[0].pk]


@pytest.mark.django_db
def test_cancel_moves_open_items_to_the_next_meeting_and_notifies_each_submitter_once(
    overleg, klare_casus, consulent, omo_user, make_user, team_a
):
    collega = make_user("consulent", team=team_a)
    eerste = klare_casus()
    tweede = klare_casus(casushouder=collega, titel="Tweede")
    p1 = services.dien_in(eerste.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    p2 = services.dien_in(tweede.pk, collega, "Vraag", overleg.pk, now=at(2026, 12, 1))
    for wie, reden in ((consulent, "Ziek"), (omo_user, "  ")):
        with pytest.raises(Weigering):
            services.annuleer(overleg.pk, wie, reden)
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEPLAND
    services.annuleer(overleg.pk, omo_user, "Voorzitter ziek")
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEANNULEERD and overleg.geannuleerd_reden == "Voorzitter ziek"
    assert overleg.geannuleerd_door == omo_user
    for punt, casus, wie in ((p1, eerste, consulent), (p2, tweede, collega)):
        punt.refresh_from_db()
        assert punt.overleg.datum == datetime.date(2026, 12, 15) and punt.status == Agendapunt.Status.INGEDIEND
        assert Notificatie.objects.filter(gebruiker=wie, tekst__contains="geannuleerd").count() == 1
        assert TijdlijnEvent.objects.filter(casus=casus, toelichting="Voorzitter ziek").count() == 1
    with pytest.raises(Weigering):
        services.annuleer(overleg.pk, omo_user, "Nog eens")
    assert Notificatie.objects.filter(tekst__contains="geannuleerd").count() == 2
