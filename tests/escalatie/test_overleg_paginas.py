"""The overleg pages: the meeting list, the agenda with case summaries and kassabons (within the
query budget for 1 and for 15 items), agenda a case (deadline per meeting, input kept), the
series form, cancel, admit, reorder and withdraw. Time is controlled with time_machine."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from casussen.models import Canvas, Kostenregel, Scenario, Status
from casussen.services import casus as casus_services
from escalatie.models import Agendapunt, Overleg, Overlegreeks
from escalatie.services import overleg as services
from omo.eenmalig import nieuw_token
from omo.models import Notificatie, Toegangslog

AMS = ZoneInfo("Europe/Amsterdam")


def at(y, m, d, h=12, mi=0):
    return datetime.datetime(y, m, d, h, mi, tzinfo=AMS)


def detail_url(overleg):
    return reverse("overleg_detail", kwargs={"pk": overleg.pk})


@pytest.fixture
def deelnemer(reeks):
    return reeks.vaste_deelnemers.get()


# --- Agenda --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 15])
def test_agenda_shows_summaries_and_kassabons_within_the_query_budget(
    client, overleg, klare_casus, consulent, omo_user, geldstroom, django_assert_max_num_queries, time_machine, aantal
):
    time_machine.move_to(at(2026, 12, 1))
    for i in range(aantal):
        casus = klare_casus(titel=f"Casus {i}")
        # A second scenario with its own cost lines: all kassabons are computed from one query.
        tweede = Scenario.objects.create(casus=casus, titel=f"Beschermingsbewind {i}", beschrijving="B")
        Kostenregel.objects.create(
            scenario=tweede, situatie="doorbraak", omschrijving="Bewindvoering", prijs=Decimal("120.00"),
            aantal=Decimal("1"), frequentie="per_maand", geldstroom=geldstroom, betaler="gemeente", kans=Decimal("100"),
        )
        services.dien_in(casus.pk, consulent, f"Vraag {i}", overleg.pk, now=at(2026, 12, 1))
    client.force_login(omo_user)
    url = detail_url(overleg)
    client.get(url)
    voor = Toegangslog.objects.filter(gebruiker=omo_user, pad=url).count()
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Huurachterstand na ziekenhuisopname") == aantal  # aan_de_hand
    assert body.count("In het huis blijven") == aantal  # wil_inwoner
    assert body.count("Kassabon: Lening voor de huurachterstand") == aantal
    assert body.count("Kassabon: Beschermingsbewind") == aantal
    assert "€\xa02.400,00" in body and "€\xa01.440,00" in body  # 120 × 12 months
    assert f"Vraag {aantal - 1}" in body
    assert "vrijdag 4 december 2026 23:59" in body  # the stukken deadline
    assert voor == aantal
    assert Toegangslog.objects.filter(gebruiker=omo_user, pad=url).count() == 2 * aantal  # one per case, per view


@pytest.mark.django_db
def test_a_consulent_who_is_not_a_participant_sees_only_own_items(
    client, overleg, klare_casus, consulent, make_user, team_b, django_assert_max_num_queries
):
    eigen = klare_casus(titel="Mijn casus")
    andere_consulent = make_user("consulent", team=team_b)
    vreemd = klare_casus(casushouder=andere_consulent, titel="Vreemde casus")
    Canvas.objects.filter(casus=vreemd).update(aan_de_hand="Geheime situatie van een ander huishouden")
    services.dien_in(eigen.pk, consulent, "Vraag 1", overleg.pk, now=at(2026, 12, 1))
    services.dien_in(vreemd.pk, andere_consulent, "Vraag 2", overleg.pk, now=at(2026, 12, 1))
    client.force_login(consulent)
    client.get(detail_url(overleg))
    with django_assert_max_num_queries(12):
        body = client.get(detail_url(overleg)).content.decode()
    assert "Mijn casus" in body and "Huurachterstand na ziekenhuisopname" in body
    assert "Vreemde casus" not in body and "Geheime situatie" not in body and vreemd.code not in body
    assert "Vraag 2" not in body
    assert "Omhoog" not in body and "Overleg annuleren" not in body
    assert set(Toegangslog.objects.filter(gebruiker=consulent, pad=detail_url(overleg)).values_list("object_id", flat=True)) == {
        str(eigen.pk)}


@pytest.mark.django_db
def test_a_standing_participant_sees_the_whole_agenda_without_case_content_or_the_chairs_buttons(
    client, overleg, klare_casus, consulent, deelnemer, django_assert_max_num_queries
):
    for i in range(5):
        services.dien_in(klare_casus(titel=f"Gedeelde casus {i}").pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 1))
    client.force_login(deelnemer)
    client.get(detail_url(overleg))
    with django_assert_max_num_queries(12):
        body = client.get(detail_url(overleg)).content.decode()
    # Need-to-know: code, title, question and requested decision; the canvas only for viewers
    # whom the case rule allows (the participant is no betrokkene of these cases).
    assert "Gedeelde casus 4" in body and body.count("Vraag") >= 5
    assert "Huurachterstand na ziekenhuisopname" not in body
    assert "Omhoog" not in body and "Van de agenda halen" not in body and "Vergadermodus" not in body


@pytest.mark.django_db
def test_agenda_marks_late_items_shows_the_move_and_offers_the_chair_admit_and_meeting_mode(
    client, reeks, overleg, klare_casus, consulent, omo_user, time_machine
):
    time_machine.move_to(at(2026, 12, 7, 9))
    punt = services.dien_in(klare_casus(titel="Laat").pk, consulent, "Vraag", overleg.pk, now=at(2026, 12, 7, 9))
    volgende = punt.overleg
    Overleg.objects.filter(pk=volgende.pk).update(verplaatst_reden="Verplaatst van dinsdag 15 december 2026 (sluitingsdag: Test)")
    client.force_login(omo_user)
    body = client.get(detail_url(volgende)).content.decode()
    assert "na de deadline" in body
    assert "Verplaatst van dinsdag 15 december 2026" in body
    assert reverse("overleg_toelaten", kwargs={"pk": volgende.pk, "aid": punt.pk}) in body
    assert f"/overleg/{volgende.pk}/bespreking/" in body
    client.force_login(consulent)
    body = client.get(detail_url(volgende)).content.decode()
    assert "na de deadline" in body and "Toelaten" not in body
    assert reverse("overleg_intrekken", kwargs={"pk": volgende.pk, "aid": punt.pk}) in body


@pytest.mark.django_db
def test_admit_reorder_and_withdraw_through_the_agenda(client, overleg, klare_casus, consulent, omo_user, time_machine):
    time_machine.move_to(at(2026, 12, 7, 9))
    laat = services.dien_in(klare_casus(titel="Laat").pk, consulent, "V", overleg.pk, now=at(2026, 12, 7, 9))
    client.force_login(consulent)
    response = client.post(reverse("overleg_toelaten", kwargs={"pk": laat.overleg_id, "aid": laat.pk}))
    assert response.status_code == 403
    client.force_login(omo_user)
    response = client.post(reverse("overleg_toelaten", kwargs={"pk": laat.overleg_id, "aid": laat.pk}), follow=True)
    laat.refresh_from_db()
    assert laat.overleg == overleg and laat.toegelaten_door == omo_user
    assert "toegelaten" in response.content.decode()
    response = client.post(reverse("overleg_toelaten", kwargs={"pk": overleg.pk, "aid": laat.pk}), follow=True)
    assert response.status_code == 200 and "al toegelaten" in response.content.decode()

    andere = services.dien_in(klare_casus(titel="Tweede").pk, omo_user, "V", overleg.pk, now=at(2026, 12, 1))
    volgorde = lambda: list(  # noqa: E731
        Agendapunt.objects.filter(overleg=overleg).order_by("volgorde", "pk").values_list("pk", flat=True))
    assert volgorde() == [laat.pk, andere.pk]
    client.post(reverse("overleg_volgorde", kwargs={"pk": overleg.pk, "aid": andere.pk}), {"richting": "omhoog"})
    assert volgorde() == [andere.pk, laat.pk]

    client.force_login(consulent)
    url = reverse("overleg_intrekken", kwargs={"pk": overleg.pk, "aid": laat.pk})
    response = client.post(url, {"toelichting": ""})
    assert response.status_code == 200 and "Geef aan waarom" in response.content.decode()
    laat.refresh_from_db()
    assert laat.status == Agendapunt.Status.INGEDIEND
    response = client.post(url, {"toelichting": "Opgelost via de corporatie"})
    assert response.status_code == 302
    laat.refresh_from_db()
    laat.casus.refresh_from_db()
    assert laat.status == Agendapunt.Status.INGETROKKEN and laat.casus.status == Status.IN_VOORBEREIDING


@pytest.mark.django_db
def test_cancel_page_requires_a_reason_and_moves_the_items(client, overleg, klare_casus, consulent, omo_user):
    punt = services.dien_in(klare_casus().pk, consulent, "V", overleg.pk, now=at(2026, 12, 1))
    client.force_login(omo_user)
    url = reverse("overleg_annuleren", kwargs={"pk": overleg.pk})
    response = client.post(url, {"reden": ""})
    assert response.status_code == 200 and "Geef de reden" in response.content.decode()
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEPLAND
    response = client.post(url, {"reden": "Stadhuis gesloten"}, follow=True)
    overleg.refresh_from_db()
    punt.refresh_from_db()
    assert overleg.status == Overleg.Status.GEANNULEERD and punt.overleg.datum == datetime.date(2026, 12, 15)
    assert "Stadhuis gesloten" in response.content.decode()
    assert Notificatie.objects.filter(gebruiker=consulent, tekst__contains="geannuleerd").count() == 1
    response = client.post(url, {"reden": "Nog eens"})
    assert response.status_code == 200 and "Alleen een gepland overleg" in response.content.decode()


# --- Agenderen -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_agenderen_form_shows_the_deadline_per_meeting_and_keeps_input_when_the_case_is_incomplete(
    client, overleg, make_casus, consulent, time_machine
):
    time_machine.move_to(at(2026, 12, 1))
    casus = make_casus(consulent)
    casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    client.force_login(consulent)
    url = reverse("overleg_agenderen", kwargs={"pk": casus.pk})
    body = client.get(url).content.decode()
    assert "ten minste één oplossingsscenario" in body and "maatwerkcanvas" in body
    assert "stukken uiterlijk vrijdag 4 december 23:59" in body
    assert "stukken uiterlijk vrijdag 11 december 23:59" in body
    response = client.post(url, {"overleg": str(overleg.pk), "vraag": "Mag de huur worden overgenomen?", "eenmalig": nieuw_token()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mag de huur worden overgenomen?" in body and "Nog nodig" in body and "oplossingsscenario" in body
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING and not Agendapunt.objects.exists()
    response = client.post(url, {"overleg": str(overleg.pk), "vraag": "", "eenmalig": nieuw_token()})
    assert "Schrijf op welke vraag" in response.content.decode()


@pytest.mark.django_db
def test_agenderen_before_the_deadline(client, overleg, klare_casus, consulent, time_machine):
    time_machine.move_to(at(2026, 12, 4, 16))
    casus = klare_casus()
    client.force_login(consulent)
    response = client.post(reverse("overleg_agenderen", kwargs={"pk": casus.pk}),
                           {"overleg": str(overleg.pk), "vraag": "Akkoord?", "eenmalig": nieuw_token()}, follow=True)
    assert "staat op de agenda van het overleg van 08-12-2026" in response.content.decode()
    assert Agendapunt.objects.get().overleg == overleg


@pytest.mark.django_db
def test_agenderen_after_the_deadline_says_the_case_went_to_the_next_meeting(
    client, overleg, klare_casus, consulent, time_machine
):
    time_machine.move_to(at(2026, 12, 5, 10))
    casus = klare_casus()
    client.force_login(consulent)
    url = reverse("overleg_agenderen", kwargs={"pk": casus.pk})
    assert "deadline verstreken" in client.get(url).content.decode()
    response = client.post(url, {"overleg": str(overleg.pk), "vraag": "Akkoord?", "eenmalig": nieuw_token()}, follow=True)
    body = response.content.decode()
    assert "De casus staat nu op het overleg van 15-12-2026" in body
    punt = Agendapunt.objects.get()
    assert punt.aangevraagd_voor == overleg and punt.overleg.datum == datetime.date(2026, 12, 15)


# --- Meeting list and series ---------------------------------------------------------------


@pytest.mark.django_db
def test_meeting_list_upcoming_and_past_with_item_counts_within_the_query_budget(
    client, reeks, omo_user, consulent, klare_casus, make_user, django_assert_max_num_queries, time_machine
):
    for i in range(6):
        Overlegreeks.objects.create(naam=f"Reeks {i}", weekdag=i % 5, begintijd=datetime.time(9), locatie="Zaal",
                                    voorzitter=omo_user)
    services.plan_overleggen(vandaag=datetime.date(2026, 11, 2), weken=9)
    eerste = Overleg.objects.get(reeks=reeks, datum=datetime.date(2026, 12, 8))
    for i in range(3):
        services.dien_in(klare_casus(titel=f"C{i}").pk, consulent, "V", eerste.pk, now=at(2026, 12, 1))
    time_machine.move_to(at(2026, 12, 7))
    client.force_login(omo_user)
    url = reverse("overleg_lijst")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("Wekelijks OMO-overleg") >= 4
    assert "di 8 december 2026" in body and "ma 30 november 2026" not in body
    assert '<td class="text-end">3</td>' in body
    assert "Nieuwe overlegreeks" in body
    with django_assert_max_num_queries(12):
        response = client.get(url, {"periode": "voorbij"})
    body = response.content.decode()
    assert "ma 30 november 2026" in body and "di 8 december 2026" not in body
    assert body.index("vr 4 december 2026") < body.index("ma 30 november 2026")  # latest first
    response = client.get(url, {"periode": "alle", "status": "geannuleerd"})
    assert "Geen overleggen gevonden" in response.content.decode()
    client.force_login(consulent)
    assert "Nieuwe overlegreeks" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_omo_functionaris_creates_a_series_and_its_meetings_are_planned(client, omo_user, make_user, time_machine):
    time_machine.move_to(at(2026, 12, 7, 9))
    deelnemer = make_user("maatwerkcoach")
    client.force_login(omo_user)
    url = reverse("overleg_reeks_nieuw")
    data = {"naam": "Woensdagoverleg", "weekdag": "2", "begintijd": "", "duur_minuten": "90", "locatie": "Teams",
            "voorzitter": str(omo_user.pk), "vaste_deelnemers": [str(deelnemer.pk)], "actief": "on"}
    response = client.post(url, data)
    assert response.status_code == 200 and "Woensdagoverleg" in response.content.decode()
    assert not Overlegreeks.objects.exists()
    response = client.post(url, {**data, "begintijd": "13:30"})
    assert response.status_code == 302
    reeks = Overlegreeks.objects.get(naam="Woensdagoverleg")
    assert list(reeks.vaste_deelnemers.all()) == [deelnemer]
    assert list(Overleg.objects.filter(reeks=reeks).values_list("datum", flat=True).order_by("datum")) == [
        datetime.date(2026, 12, 9), datetime.date(2026, 12, 16), datetime.date(2026, 12, 23), datetime.date(2026, 12, 30)]
    response = client.post(reverse("overleg_reeks_wijzigen", kwargs={"rid": reeks.pk}), {**data, "begintijd": "14:00", "locatie": "Zaal 3"})
    assert response.status_code == 302
    reeks.refresh_from_db()
    assert reeks.locatie == "Zaal 3"


@pytest.mark.django_db
def test_agenda_with_several_kassabons_has_unique_ids(client, overleg, klare_casus, consulent, omo_user):
    """Each scenario's kassabon tables get their own ids (duplicate ids break assistive tech)."""
    import re
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from escalatie.services import overleg as overleg_services

    for i in range(3):
        overleg_services.dien_in(klare_casus(titel=f"K{i}").pk, consulent, "Vraag", overleg.pk,
                                 now=datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam")))
    client.force_login(omo_user)
    body = client.get(reverse("overleg_detail", kwargs={"pk": overleg.pk})).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert len([i for i in ids if "kassabon-" in i]) >= 9
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
def test_a_standing_participant_finds_the_meetings_of_their_series_and_only_those(client, reeks, overleg, make_user):
    """A budget holder on the series (no case role): the list shows their series' meetings."""
    houder = make_user("budgethouder")
    reeks.vaste_deelnemers.add(houder)
    andere_reeks = Overlegreeks.objects.create(
        naam="Regionaal overleg", weekdag=Overlegreeks.Weekdag.DONDERDAG, begintijd=datetime.time(14, 0),
        duur_minuten=60, voorzitter=make_user("omo"),
    )
    services.plan_overleggen(vandaag=datetime.date(2026, 12, 7))
    ander = Overleg.objects.filter(reeks=andere_reeks).first()
    client.force_login(houder)
    lijst = client.get(reverse("overleg_lijst"))
    assert lijst.status_code == 200
    html = lijst.content.decode()
    assert detail_url(overleg) in html and detail_url(ander) not in html
    # The way back from a meeting opens too.
    assert reverse("overleg_lijst") in client.get(detail_url(overleg)).content.decode()
    assert client.get(detail_url(ander)).status_code == 403
