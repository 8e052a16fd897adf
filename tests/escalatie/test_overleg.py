"""The weekly overleg: meetings planned ahead on werkdagen, the agenda with its stukken
deadline, late submissions, cancelling, and the agenda page."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse

from casussen.models import Status, TijdlijnEvent
from casussen.services.fouten import Weigering
from escalatie.models import Agendapunt, Overleg, Overlegreeks
from escalatie.services import overleg as services
from omo.models import Notificatie, Sluitingsdag

AMS = ZoneInfo("Europe/Amsterdam")


def at(y, m, d, h=12, mi=0):
    return datetime.datetime(y, m, d, h, mi, tzinfo=AMS)


@pytest.mark.django_db
def test_planning_creates_four_weeks_once(reeks):
    datums = list(Overleg.objects.filter(reeks=reeks).order_by("datum").values_list("datum", flat=True))
    assert datums == [datetime.date(2026, 12, 8), datetime.date(2026, 12, 15), datetime.date(2026, 12, 22), datetime.date(2026, 12, 29)]
    assert services.plan_overleggen(vandaag=datetime.date(2026, 12, 7)) == 0
    assert services.plan_overleggen(vandaag=datetime.date(2026, 12, 14)) == 1  # one new week
    assert Overleg.objects.filter(reeks=reeks).count() == 5


@pytest.mark.django_db
def test_meeting_on_a_feestdag_moves_to_the_next_werkdag_and_says_why(omo_user):
    reeks = Overlegreeks.objects.create(
        naam="Maandagoverleg", weekdag=Overlegreeks.Weekdag.MAANDAG, begintijd=datetime.time(9, 0),
        locatie="Teams", voorzitter=omo_user,
    )
    Sluitingsdag.objects.create(datum=datetime.date(2026, 5, 4), omschrijving="Dag voor Bevrijdingsdag")
    services.plan_overleggen(vandaag=datetime.date(2026, 4, 1), weken=5)
    per_plan = {o.gepland_op: o for o in Overleg.objects.filter(reeks=reeks)}
    paas = per_plan[datetime.date(2026, 4, 6)]
    assert paas.datum == datetime.date(2026, 4, 7)
    assert "Tweede paasdag" in paas.verplaatst_reden
    koning = per_plan[datetime.date(2026, 4, 27)]
    assert koning.datum == datetime.date(2026, 4, 28) and "Koningsdag" in koning.verplaatst_reden
    sluiting = per_plan[datetime.date(2026, 5, 4)]
    assert sluiting.datum == datetime.date(2026, 5, 6)  # 5 mei is a feestdag too
    assert "Dag voor Bevrijdingsdag" in sluiting.verplaatst_reden
    gewoon = per_plan[datetime.date(2026, 4, 13)]
    assert gewoon.datum == gewoon.gepland_op and gewoon.verplaatst_reden == ""


@pytest.mark.django_db(transaction=True)
def test_two_planning_runs_at_once_create_each_meeting_once(make_user):
    omo = make_user("omo")
    Overlegreeks.objects.create(naam="R", weekdag=1, begintijd=datetime.time(10), locatie="X", voorzitter=omo)
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            services.plan_overleggen(vandaag=datetime.date(2026, 12, 7))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Overleg.objects.count() == 4


@pytest.mark.django_db
def test_stukken_deadline_of_a_tuesday_meeting_is_friday_end_of_day(overleg):
    assert overleg.stukken_deadline == datetime.datetime(2026, 12, 4, 23, 59, 59, 999999, tzinfo=AMS)


@pytest.mark.django_db
def test_submit_before_the_deadline_puts_the_case_on_the_meeting(overleg, klare_casus, consulent):
    casus = klare_casus()
    punt = services.dien_in(casus.pk, consulent, "Akkoord met de lening?", overleg.pk, now=at(2026, 12, 4, 23, 30))
    assert punt.overleg == overleg and punt.aangevraagd_voor is None
    casus.refresh_from_db()
    assert casus.status == Status.GEAGENDEERD
    assert Notificatie.objects.filter(gebruiker=overleg.voorzitter, sleutel=f"agendapunt-{punt.pk}").exists()


@pytest.mark.django_db
def test_late_submission_goes_to_the_next_meeting_until_admitted(overleg, klare_casus, consulent, omo_user):
    casus = klare_casus()
    punt = services.dien_in(casus.pk, consulent, "Akkoord?", overleg.pk, now=at(2026, 12, 7, 9, 0))
    assert punt.aangevraagd_voor == overleg
    assert punt.overleg.datum == datetime.date(2026, 12, 15)
    with pytest.raises(Weigering):
        services.laat_toe(punt.pk, consulent)
    services.laat_toe(punt.pk, omo_user)
    punt.refresh_from_db()
    assert punt.overleg == overleg and punt.toegelaten_door == omo_user
    with pytest.raises(Weigering):
        services.laat_toe(punt.pk, omo_user)


@pytest.mark.django_db
def test_an_incomplete_case_lists_what_is_missing_and_changes_nothing(overleg, make_casus, consulent):
    casus = make_casus(consulent)
    with pytest.raises(Weigering, match="voorbereiding"):
        services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    from casussen.services import casus as casus_services

    casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    with pytest.raises(Weigering) as fout:
        services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    assert "maatwerkcanvas" in fout.value.message and "oplossingsscenario" in fout.value.message
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING
    assert not Agendapunt.objects.exists()


@pytest.mark.django_db
def test_a_foreign_consulent_cannot_agenda_a_case(overleg, klare_casus, make_user, team_b):
    casus = klare_casus()
    vreemd = make_user("consulent", team=team_b)
    with pytest.raises(Weigering):
        services.dien_in(casus.pk, vreemd, "Vraag", overleg.pk, now=at(2026, 12, 1))


@pytest.mark.django_db
def test_withdraw_returns_the_case_to_preparation(overleg, klare_casus, consulent):
    casus = klare_casus()
    punt = services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    with pytest.raises(Weigering):
        services.trek_in(punt.pk, consulent, "")
    services.trek_in(punt.pk, consulent, "Inwoner wil eerst zelf bellen")
    punt.refresh_from_db()
    casus.refresh_from_db()
    assert punt.status == Agendapunt.Status.INGETROKKEN and casus.status == Status.IN_VOORBEREIDING


@pytest.mark.django_db
def test_cancel_moves_items_to_the_next_meeting_and_notifies(overleg, klare_casus, consulent, omo_user):
    casus = klare_casus()
    punt = services.dien_in(casus.pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    with pytest.raises(Weigering):
        services.annuleer(overleg.pk, omo_user, "  ")
    services.annuleer(overleg.pk, omo_user, "Voorzitter ziek")
    punt.refresh_from_db()
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEANNULEERD and overleg.geannuleerd_reden == "Voorzitter ziek"
    assert punt.overleg.datum == datetime.date(2026, 12, 15)
    assert Notificatie.objects.filter(gebruiker=consulent, tekst__contains="geannuleerd").count() == 1
    assert TijdlijnEvent.objects.filter(casus=casus, toelichting="Voorzitter ziek").exists()
    with pytest.raises(Weigering):
        services.dien_in(klare_casus(titel="Ander").pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))


@pytest.mark.django_db
def test_agenda_page_shows_summaries_to_participants_within_the_query_budget(
    client, overleg, klare_casus, consulent, omo_user, django_assert_max_num_queries, time_machine
):
    time_machine.move_to(at(2026, 12, 1))
    for i in range(15):
        services.dien_in(klare_casus(titel=f"Casus {i}").pk, consulent, f"Vraag {i}", overleg.pk, now=at(2026, 12, 1))
    client.force_login(omo_user)
    url = reverse("overleg_detail", kwargs={"pk": overleg.pk})
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("Huurachterstand na ziekenhuisopname") == 15
    from omo.models import Toegangslog

    assert Toegangslog.objects.filter(gebruiker=omo_user, pad=url).count() == 30  # every case, each view
    assert body.count("€\xa02.400,00") >= 15  # the doorbraak total of each kassabon


@pytest.mark.django_db
def test_a_consulent_who_is_not_a_participant_sees_only_own_items(
    client, overleg, klare_casus, consulent, make_user, team_b
):
    eigen = klare_casus(titel="Mijn casus")
    andere_consulent = make_user("consulent", team=team_b)
    vreemd = klare_casus(casushouder=andere_consulent, titel="Vreemde casus")
    services.dien_in(eigen.pk, consulent, "Vraag 1", overleg.pk, now=at(2026, 12, 1))
    services.dien_in(vreemd.pk, andere_consulent, "Vraag 2", overleg.pk, now=at(2026, 12, 1))
    client.force_login(consulent)
    body = client.get(reverse("overleg_detail", kwargs={"pk": overleg.pk})).content.decode()
    assert "Mijn casus" in body and "Vreemde casus" not in body
    assert "Huurachterstand na ziekenhuisopname" not in body


@pytest.mark.django_db
def test_agenderen_form_keeps_input_and_shows_what_is_missing(client, overleg, make_casus, consulent, time_machine):
    time_machine.move_to(at(2026, 12, 1))
    casus = make_casus(consulent)
    from casussen.services import casus as casus_services

    casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    client.force_login(consulent)
    url = reverse("overleg_agenderen", kwargs={"pk": casus.pk})
    assert "ten minste één oplossingsscenario" in client.get(url).content.decode()
    response = client.post(url, {"overleg": str(overleg.pk), "vraag": "Mag de huur worden overgenomen?"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mag de huur worden overgenomen?" in body and "Nog nodig" in body
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING


@pytest.mark.django_db
def test_meeting_list_within_the_query_budget(client, reeks, omo_user, django_assert_max_num_queries, time_machine):
    time_machine.move_to(at(2026, 12, 7))
    client.force_login(omo_user)
    url = reverse("overleg_lijst")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.content.decode().count("Wekelijks OMO-overleg") >= 4
