"""More of the escalation ladder: each decision's effect on the case, deciding on behalf of a
level, the pages (inbox, dossier, escalate form) within the query budget and access-logged,
and the deadline scan with time controlled by time_machine."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse

from casussen.models import Besluit, Kostenregel, Organisatie, Scenario, Status
from escalatie.models import Escalatie
from escalatie.services import escalatie as services
from omo.eenmalig import nieuw_token
from omo.models import Notificatie, Toegangslog
from omo.weigering import Weigering
from tests.escalatie import test_escalatie as basis

# The fixtures and helpers of test_escalatie (a case discussed in the overleg, the wethouder
# and the College), shared without a conftest of their own.
AMS, escaleer = basis.AMS, basis.escaleer
besproken, wethouder, college = basis.besproken, basis.wethouder, basis.college


def logs(user, obj):
    soort = ContentType.objects.get_for_model(obj)
    return Toegangslog.objects.filter(gebruiker=user, object_type=soort, object_id=str(obj.pk)).count()


@pytest.mark.django_db
def test_afgewezen_closes_the_case_with_a_decision_at_that_level(besproken, omo_user, college):
    casus = besproken()
    e = escaleer(casus, omo_user, niveau=3, reden="budget")
    services.beslis(e.pk, college, "afgewezen", "Niet te verantwoorden binnen de begroting")
    casus.refresh_from_db()
    besluit = Besluit.objects.get(casus=casus)
    assert casus.status == Status.BESLOTEN
    assert (besluit.uitkomst, besluit.niveau, besluit.besloten_door) == ("afgewezen", Besluit.Niveau.COLLEGE, college)


@pytest.mark.django_db
def test_college_cannot_decide_a_level_2_escalation_and_nothing_changes(besproken, omo_user, college):
    casus = besproken()
    e = escaleer(casus, omo_user)
    with pytest.raises(Weigering, match="niet bij jou"):
        services.beslis(e.pk, college, "afgewezen", "Nee")
    e.refresh_from_db()
    casus.refresh_from_db()
    assert e.beslissing == "" and e.besloten_door is None and casus.status == Status.GEESCALEERD
    assert not Besluit.objects.filter(casus=casus).exists()


@pytest.mark.django_db
def test_portefeuillehouder_cannot_decide_for_the_let(besproken, omo_user, wethouder):
    e = escaleer(besproken(), omo_user, niveau=4, reden="landelijk")
    with pytest.raises(Weigering):
        services.beslis(e.pk, wethouder, "advies", "Doe maar")


@pytest.mark.django_db
def test_omo_records_the_let_answer_and_decides_on_behalf_of_a_level(besproken, omo_user):
    e4 = escaleer(besproken(titel="Landelijk"), omo_user, niveau=4, reden="landelijk")
    services.beslis(e4.pk, omo_user, "akkoord", "Het LET stemt in: de terugvordering wordt opgeschort")
    assert Besluit.objects.get(casus=e4.casus).niveau == Besluit.Niveau.LANDELIJK
    e2 = escaleer(besproken(titel="Namens"), omo_user)
    services.beslis(e2.pk, omo_user, "akkoord", "Telefonisch akkoord van de wethouder")
    besluit = Besluit.objects.get(casus=e2.casus)
    assert besluit.niveau == Besluit.Niveau.PORTEFEUILLEHOUDER and besluit.besloten_door == omo_user


@pytest.mark.django_db
def test_advice_tells_omo_and_the_casushouder(besproken, omo_user, wethouder, consulent):
    casus = besproken()
    e = escaleer(casus, omo_user)
    services.beslis(e.pk, wethouder, "advies", "Ga eerst in gesprek met de corporatie")
    for ontvanger in (omo_user, consulent):
        n = Notificatie.objects.get(gebruiker=ontvanger, sleutel=f"escalatie-{e.pk}-besloten")
        assert "advies" in n.tekst and n.link == reverse("escalatie_detail", kwargs={"pk": e.pk})
    casus.refresh_from_db()
    assert casus.status == Status.GEESCALEERD


@pytest.mark.django_db
def test_after_advice_the_next_step_must_be_higher(besproken, omo_user, wethouder):
    casus = besproken()
    e = escaleer(casus, omo_user)
    services.beslis(e.pk, wethouder, "advies", "Naar het College")
    with pytest.raises(Weigering) as fout:
        escaleer(casus, omo_user, niveau=2)
    assert fout.value.field == "naar_niveau"
    assert Escalatie.objects.filter(casus=casus).count() == 1


@pytest.mark.django_db
def test_a_case_not_yet_discussed_cannot_be_escalated(klare_casus, omo_user):
    casus = klare_casus()
    with pytest.raises(Weigering, match="bespreek"):
        escaleer(casus, omo_user)
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING and not Escalatie.objects.exists()


@pytest.mark.django_db
def test_every_active_recipient_is_notified_once_with_a_link(besproken, omo_user, make_user):
    w1, w2 = make_user("portefeuillehouder"), make_user("portefeuillehouder")
    weg = make_user("portefeuillehouder", is_active=False)
    e = escaleer(besproken(), omo_user)
    link = reverse("escalatie_detail", kwargs={"pk": e.pk})
    for w in (w1, w2):
        assert list(Notificatie.objects.filter(gebruiker=w).values_list("link", flat=True)) == [link]
    assert not Notificatie.objects.filter(gebruiker=weg).exists()


@pytest.mark.django_db
def test_due_dates_per_level_follow_the_setting(besproken, omo_user, settings):
    settings.OMO_ESCALATIE_WERKDAGEN = {2: 5, 3: 10, 4: 20}
    e = escaleer(besproken(), omo_user, niveau=3)
    # 10 werkdagen after Tuesday 1 December 2026: Tuesday 15 December.
    assert e.uiterlijk_op.astimezone(AMS).date() == datetime.date(2026, 12, 15)


# --- the deadline scan ----------------------------------------------------------------------


@pytest.mark.django_db
def test_scan_with_the_clock_moving(besproken, omo_user, wethouder, time_machine):
    e = escaleer(besproken(), omo_user)  # due Tuesday 8 December 2026
    time_machine.move_to(datetime.datetime(2026, 12, 4, 16, tzinfo=AMS))  # Friday: 2 werkdagen before
    assert services.bewaak_termijnen() == 0
    time_machine.move_to(datetime.datetime(2026, 12, 7, 8, tzinfo=AMS))  # Monday: 1 werkdag before
    assert services.bewaak_termijnen() == 1
    time_machine.move_to(datetime.datetime(2026, 12, 8, 20, tzinfo=AMS))  # due day, not yet passed
    assert services.bewaak_termijnen() == 0
    time_machine.move_to(datetime.datetime(2026, 12, 9, 0, 5, tzinfo=AMS))  # passed
    assert services.bewaak_termijnen() == 1
    assert services.bewaak_termijnen() == 0
    e.refresh_from_db()
    assert e.herinnerd_op is not None and e.verlopen_gemeld_op is not None
    sleutels = list(Notificatie.objects.filter(gebruiker=wethouder).order_by("pk").values_list("sleutel", flat=True))
    assert sleutels == [f"escalatie-{e.pk}-nieuw", f"escalatie-{e.pk}-herinnering", f"escalatie-{e.pk}-verlopen"]
    assert Notificatie.objects.filter(gebruiker=omo_user, sleutel=f"escalatie-{e.pk}-verlopen").count() == 1


@pytest.mark.django_db
def test_a_decided_escalation_gets_no_reminder(besproken, omo_user, wethouder):
    e = escaleer(besproken(), omo_user)
    services.beslis(e.pk, wethouder, "akkoord", "Ja")
    assert services.bewaak_termijnen(now=datetime.datetime(2026, 12, 9, 9, tzinfo=AMS)) == 0
    assert not Notificatie.objects.filter(sleutel__endswith="-verlopen").exists()


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_remind_once(make_user, klare_casus, team_a):
    from casussen.services import casus as casus_services

    omo = make_user("omo")
    wethouder = make_user("portefeuillehouder")
    consulent = make_user("consulent", team=team_a)
    for i in range(3):
        casus = klare_casus(casushouder=consulent, titel=f"Casus {i}")
        casus_services.agendeer(casus.pk, consulent)
        casus_services.markeer_besproken(casus.pk, omo)
        escaleer(casus, omo)
    barrier = threading.Barrier(2)
    resultaten = []

    def scan():
        try:
            barrier.wait()
            resultaten.append(services.bewaak_termijnen(now=datetime.datetime(2026, 12, 7, 9, tzinfo=AMS)))
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(resultaten) == 3
    assert Notificatie.objects.filter(gebruiker=wethouder, sleutel__endswith="-herinnering").count() == 3


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture
def rijk_dossier(besproken, omo_user, wethouder, leefgebied, organisatie):
    """A level-2 escalation after two earlier steps, with knelpunten, a partner and leefgebied."""
    from casussen.models import Knelpunt

    casus = besproken()
    casus.leefgebieden.add(leefgebied)
    casus.organisaties.add(organisatie)
    scenario = casus.scenarios.get()
    woonstede, _ = Organisatie.objects.get_or_create(naam="Woonstede", defaults={"soort": "lokaal"})
    scenario.partners.add(woonstede)
    for i in range(5):
        Knelpunt.objects.create(casus=casus, soort="wet_regel", organisatie=organisatie, beschrijving=f"Knelpunt {i}")
    return escaleer(casus, omo_user, reden="partners")


@pytest.mark.django_db
def test_dossier_shows_the_case_the_suggestion_and_kassabon(client, rijk_dossier, wethouder, leefgebied, organisatie,
                                                            django_assert_max_num_queries):
    client.force_login(wethouder)
    url = reverse("escalatie_detail", kwargs={"pk": rijk_dossier.pk})
    client.get(url)
    with django_assert_max_num_queries(15):  # as test_escalatie: case rule, earlier escalations, menu
        response = client.get(url)
    html = response.content.decode()
    casus = rijk_dossier.casus
    for verwacht in (casus.code, casus.titel, leefgebied.naam, organisatie.naam, "Hoog", "Mag dit?",
                     "Voorgesteld niveau: 3", "Woonstede", "Knelpunt 4", "Lening voor de huurachterstand",
                     "Huurachterstand na ziekenhuisopname", "Beslissing vastleggen"):
        assert verwacht in html, verwacht
    assert logs(wethouder, rijk_dossier) == 2 and logs(wethouder, casus) == 2


@pytest.mark.django_db
def test_dossier_lists_earlier_escalations_and_their_decisions(client, besproken, omo_user, wethouder):
    casus = besproken()
    e2 = escaleer(casus, omo_user)
    services.beslis(e2.pk, wethouder, "advies", "Leg het aan het College voor")
    e3 = escaleer(casus, omo_user, niveau=3, reden="budget")
    client.force_login(omo_user)
    html = client.get(reverse("escalatie_detail", kwargs={"pk": e3.pk})).content.decode()
    assert "Eerdere escalaties" in html and "Leg het aan het College voor" in html
    client.force_login(wethouder)  # the wethouder still sees their own level-2 step, not the College's
    assert client.get(reverse("escalatie_detail", kwargs={"pk": e2.pk})).status_code == 200
    assert client.get(reverse("escalatie_detail", kwargs={"pk": e3.pk})).status_code == 404


@pytest.mark.django_db
def test_college_posting_a_decision_on_level_2_gets_404_and_nothing_changes(client, besproken, omo_user, college):
    e = escaleer(besproken(), omo_user)
    client.force_login(college)
    response = client.post(reverse("escalatie_beslissen", kwargs={"pk": e.pk}), {"beslissing": "akkoord", "motivatie": "Ja"})
    assert response.status_code == 404
    e.refresh_from_db()
    assert e.beslissing == ""


@pytest.mark.django_db
def test_a_refused_decision_keeps_the_input(client, besproken, omo_user, wethouder):
    casus = besproken()
    e = escaleer(casus, omo_user)
    Scenario.objects.filter(pk=e.scenario_id).update(gekozen=False)
    ander = Scenario.objects.create(casus=casus, titel="Ander scenario", beschrijving="b", gekozen=True)
    client.force_login(wethouder)
    response = client.post(reverse("escalatie_beslissen", kwargs={"pk": e.pk}),
                           {"beslissing": "akkoord", "motivatie": "Mijn zorgvuldige motivering"})
    html = response.content.decode()
    assert response.status_code == 200 and "Ander scenario" in html and "Mijn zorgvuldige motivering" in html
    e.refresh_from_db()
    assert e.beslissing == "" and ander.gekozen


@pytest.mark.django_db
def test_inbox_with_50_rows_within_budget_overdue_highlighted_and_filtered(client, besproken, omo_user, wethouder,
                                                                           time_machine, django_assert_max_num_queries):
    for i in range(50):
        escaleer(besproken(titel=f"Inboxcasus {i:02d}"), omo_user, niveau=2 if i % 2 else 3)
    time_machine.move_to(datetime.datetime(2026, 12, 10, 9, tzinfo=AMS))  # level 2 (5 werkdagen) overdue
    client.force_login(omo_user)
    url = reverse("escalatie_inbox")
    with django_assert_max_num_queries(12):
        html = client.get(url, {"pagina": 1}).content.decode()
    assert html.count("Inboxcasus") == 25 and "text-bg-danger" in html
    with django_assert_max_num_queries(12):
        html = client.get(url, {"naar_niveau": 3, "status": "open"}).content.decode()
    assert "Inboxcasus 00" in html and "Inboxcasus 01" not in html and "text-bg-danger" not in html
    client.force_login(wethouder)
    html = client.get(url, {"status": ""}).content.decode()
    assert "Inboxcasus 01" in html and "Inboxcasus 00" not in html


@pytest.mark.django_db
def test_inbox_shows_decided_ones_with_the_filter(client, besproken, omo_user, wethouder):
    e = escaleer(besproken(titel="Al besloten"), omo_user)
    services.beslis(e.pk, wethouder, "akkoord", "Ja")
    client.force_login(wethouder)
    url = reverse("escalatie_inbox")
    assert "Al besloten" not in client.get(url).content.decode()  # open ones by default
    assert "Al besloten" in client.get(url, {"status": "besloten"}).content.decode()


@pytest.mark.django_db
def test_escalate_page_prefills_the_suggestion_and_lets_omo_pick_a_scenario(client, besproken, omo_user, geldstroom):
    casus = besproken()
    duur = Scenario.objects.create(casus=casus, titel="Duur scenario", beschrijving="b", past_in_kaders=True)
    Kostenregel.objects.create(scenario=duur, situatie="doorbraak", omschrijving="Veel", prijs=Decimal("90000"),
                               aantal=1, frequentie="eenmalig", geldstroom=geldstroom, betaler="gemeente", kans=100)
    client.force_login(omo_user)
    url = reverse("escalatie_nieuw", kwargs={"pk": casus.pk})
    response = client.get(url)
    assert response.context["form"].initial["naar_niveau"] == 2
    response = client.get(url, {"scenario": duur.pk})
    html = response.content.decode()
    assert response.context["form"].initial == {"scenario": str(duur.pk), "naar_niveau": 3, "reden": "budget"}
    assert "mandaat" in html and "fonds" in html
    assert logs(omo_user, casus) == 2
    response = client.post(url, {"scenario": duur.pk, "naar_niveau": 3, "reden": "budget", "vraag": "", "eenmalig": nieuw_token()})
    assert response.status_code == 200 and not Escalatie.objects.exists()
    response = client.post(url, {"scenario": duur.pk, "naar_niveau": 3, "reden": "budget", "vraag": "Mag dit?", "eenmalig": nieuw_token()})
    e = Escalatie.objects.get()
    assert response.status_code == 302 and (e.naar_niveau, e.scenario) == (3, duur)


@pytest.mark.django_db
def test_case_escalations_tab_is_logged(client, besproken, omo_user, consulent):
    casus = besproken()
    escaleer(casus, omo_user)
    client.force_login(consulent)
    html = client.get(reverse("casus_escalaties", kwargs={"pk": casus.pk})).content.decode()
    assert "Portefeuillehouder" in html and logs(consulent, casus) == 1


@pytest.mark.django_db
def test_let_pages_are_logged(client, besproken, omo_user):
    e = escaleer(besproken(toestemming="ja"), omo_user, niveau=4, reden="landelijk")
    client.force_login(omo_user)
    assert client.get(reverse("escalatie_let", kwargs={"pk": e.pk})).status_code == 200
    response = client.get(reverse("escalatie_let_pdf", kwargs={"pk": e.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert logs(omo_user, e) == 2 and logs(omo_user, e.casus) == 2


@pytest.mark.django_db
def test_let_pdf_without_summary_sends_back_to_the_form(client, besproken, omo_user):
    e = escaleer(besproken(toestemming="nee"), omo_user, niveau=4, reden="landelijk")
    client.force_login(omo_user)
    response = client.get(reverse("escalatie_let_pdf", kwargs={"pk": e.pk}))
    assert response.status_code == 302 and response["Location"] == reverse("escalatie_let", kwargs={"pk": e.pk})
