"""Verzoeken with the clock under control (time_machine): the Dutch calendar, the reminder on the
deadline day and not before, pick-up recorded once, the Landelijk Maatwerkregister, the list
filters, the public page's layout, and the demo data."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from escalatie import demo_verzoek
from escalatie.models import Contactpersoon, Verzoek
from escalatie.services import verzoek as services
from omo.eenmalig import nieuw_token
from omo.models import Bericht
from omo.weigering import Weigering

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def at(y, m, d, h=12, mi=0):
    return datetime.datetime(y, m, d, h, mi, tzinfo=AMS)


@pytest.fixture
def contact(organisatie):
    baas = Contactpersoon.objects.create(organisatie=organisatie, naam="Henk Baas", rol="Directeur", mandaat="Alles",
                                         email="henk@example.org")
    return Contactpersoon.objects.create(organisatie=organisatie, naam="Petra Wonen", rol="Teamleider", mandaat="Uitstel",
                                         email="petra@example.org", escalatiecontact=baas)


def test_christmas_deadline_reminder_on_the_day_and_escalation_after_with_the_real_clock(
        klare_casus, consulent, contact, omo_user, time_machine):
    time_machine.move_to(at(2026, 12, 24, 10), tick=False)  # Thursday; 25 and 26 December are feestdagen
    v = services.stuur_verzoek(klare_casus().pk, consulent, contact.pk, "Ontruiming", "Kan het wachten?")
    assert v.ontvangen_op == timezone.now()
    assert v.deadline == datetime.datetime(2026, 12, 29, 23, 59, 59, 999999, tzinfo=AMS)  # Tuesday
    for moment in (at(2026, 12, 25, 9), at(2026, 12, 28, 23, 59)):  # before the deadline day: nothing
        time_machine.move_to(moment, tick=False)
        assert services.bewaak_termijnen() == 0
    time_machine.move_to(at(2026, 12, 29, 0, 1), tick=False)
    assert services.bewaak_termijnen() == 1
    assert services.bewaak_termijnen() == 0
    time_machine.move_to(at(2026, 12, 29, 23, 59), tick=False)
    assert services.bewaak_termijnen() == 0  # still the deadline day, already reminded
    time_machine.move_to(at(2026, 12, 30, 0, 0), tick=False)
    assert services.bewaak_termijnen() == 1
    assert services.bewaak_termijnen() == 0
    v.refresh_from_db()
    assert v.status == Verzoek.Status.VERLOPEN and v.geescaleerd_op == at(2026, 12, 30, 0, 0)
    assert Bericht.objects.filter(sleutel=f"verzoek-{v.pk}-herinnering").get().aan == ["petra@example.org"]
    assert Bericht.objects.filter(sleutel=f"verzoek-{v.pk}-escalatie").get().aan == ["henk@example.org"]


def test_picking_up_twice_records_the_first_moment_and_answered_is_refused(klare_casus, consulent, contact):
    v = services.stuur_verzoek(klare_casus().pk, consulent, contact.pk, "Ontruiming", "Kan het wachten?", now=at(2026, 12, 1, 9))
    services.pak_op(v.pk, "Petra", now=at(2026, 12, 2, 9))
    services.pak_op(v.pk, "Iemand anders", now=at(2026, 12, 2, 9, 1))
    v.refresh_from_db()
    assert (v.opgepakt_op, v.opgepakt_door) == (at(2026, 12, 2, 9), "Petra")
    with pytest.raises(Weigering) as fout:
        services.beantwoord(v.pk, "Petra", "  ", now=at(2026, 12, 2, 10))
    assert fout.value.field == "antwoord"
    services.beantwoord(v.pk, "Petra", "Ja.", now=at(2026, 12, 2, 10))
    with pytest.raises(Weigering, match="al beantwoord"):
        services.pak_op(v.pk, "Petra", now=at(2026, 12, 3, 9))
    v.refresh_from_db()
    assert v.status == Verzoek.Status.BEANTWOORD and v.opgepakt_door == "Petra"


def test_an_escalated_verzoek_can_still_be_picked_up_late(klare_casus, consulent, contact):
    v = services.stuur_verzoek(klare_casus().pk, consulent, contact.pk, "Ontruiming", "Kan het wachten?", now=at(2026, 12, 1, 9))
    assert services.bewaak_termijnen(now=at(2026, 12, 4, 9)) == 1
    services.pak_op(v.pk, "Petra", now=at(2026, 12, 4, 10))
    v.refresh_from_db()
    assert v.status == Verzoek.Status.OPGEPAKT and v.binnen_termijn is False


def test_only_those_involved_send_and_not_to_an_inactive_contact(klare_casus, consulent, contact, make_user, team_b):
    casus = klare_casus()
    with pytest.raises(Weigering):
        services.stuur_verzoek(casus.pk, make_user("consulent", team=team_b), contact.pk, "O", "V", now=at(2026, 12, 1))
    services.deactiveer_contactpersoon(make_user("omo"), contact.pk)
    with pytest.raises(Weigering) as fout:
        services.stuur_verzoek(casus.pk, consulent, contact.pk, "O", "V", now=at(2026, 12, 1))
    assert fout.value.field == "contactpersoon" and not Verzoek.objects.exists()


def test_landelijk_registered_by_omo_only_with_the_same_term(omo_user, consulent, contact):
    velden = {"kenmerk": "LMR-1", "afzender": "Landelijk Maatwerkregister", "onderwerp": "Verhuizing",
              "vraag": "Wie is het contact?", "contactpersoon": contact}
    with pytest.raises(Weigering):
        services.registreer_landelijk(consulent, velden, now=at(2026, 12, 24, 10))
    v = services.registreer_landelijk(omo_user, velden, now=at(2026, 12, 24, 10))
    assert v.soort == Verzoek.Soort.LANDELIJK and v.casus is None
    assert v.deadline == datetime.datetime(2026, 12, 29, 23, 59, 59, 999999, tzinfo=AMS)
    assert Bericht.objects.filter(sleutel=f"verzoek-{v.pk}-uitnodiging", aan=["petra@example.org"]).exists()


def test_landelijk_form_keeps_input_on_a_missing_question(client, omo_user, contact):
    client.force_login(omo_user)
    response = client.post(reverse("verzoek_landelijk_nieuw"), {"kenmerk": "LMR-7", "afzender": "LMR", "onderwerp": "Verhuizing", "vraag": "", "eenmalig": nieuw_token()})
    body = response.content.decode()
    assert response.status_code == 200 and "Schrijf de vraag" in body and 'value="LMR-7"' in body
    assert not Verzoek.objects.exists()


def test_list_filters_by_period_and_status(client, klare_casus, consulent, contact):
    casus = klare_casus()
    oud = services.stuur_verzoek(casus.pk, consulent, contact.pk, "Oktoberverzoek", "V", now=at(2026, 10, 5))
    services.stuur_verzoek(casus.pk, consulent, contact.pk, "Novemberverzoek", "V", now=at(2026, 11, 5))
    services.pak_op(oud.pk, "Petra", now=at(2026, 10, 6))
    client.force_login(consulent)
    body = client.get(reverse("verzoek_lijst"), {"van": "2026-11-01", "tot": "2026-11-30"}).content.decode()
    assert "Novemberverzoek" in body and "Oktoberverzoek" not in body
    body = client.get(reverse("verzoek_lijst"), {"status": "opgepakt"}).content.decode()
    assert "Oktoberverzoek" in body and "Novemberverzoek" not in body
    response = client.get(reverse("verzoek_lijst"), {"van": "geen-datum"})
    assert response.status_code == 200 and "geldige datum" in response.content.decode()


def test_the_public_page_has_no_menu_and_no_case_data(client, klare_casus, consulent, contact, time_machine):
    time_machine.move_to(at(2026, 12, 1, 9))
    casus = klare_casus()
    v = services.stuur_verzoek(casus.pk, consulent, contact.pk, "Ontruiming", "Kan het wachten?", now=at(2026, 12, 1, 9))
    token = services.maak_link(v).rstrip("/").rsplit("/", 1)[-1]
    client.force_login(consulent)  # even a logged-in user sees the page without the app's menu
    body = client.get(reverse("verzoek_extern", kwargs={"token": token})).content.decode()
    assert "Kan het wachten?" in body and "donderdag 3 december 2026" in body
    assert "Uitloggen" not in body and "Hoofdmenu" not in body
    for verboden in (casus.code, casus.pseudoniem, casus.titel, casus.dossiernummer, "ziekenhuisopname", "In het huis blijven"):
        assert verboden not in body


def test_demo_data_has_every_state_and_is_idempotent(make_casus, consulent, make_user):
    make_user("omo")
    for i in range(5):
        make_casus(consulent, titel=f"Demo {i}")
    demo_verzoek.load()
    assert Contactpersoon.objects.count() == 10
    assert Contactpersoon.objects.filter(escalatiecontact__isnull=False).count() == 3
    assert all(c.email.endswith("@example.org") and c.telefoon.startswith("06-") for c in Contactpersoon.objects.all())
    assert not Contactpersoon.objects.filter(leefgebieden__isnull=True).exists()
    statussen = set(Verzoek.objects.values_list("status", flat=True))
    assert statussen == {"open", "opgepakt", "beantwoord", "verlopen"}
    overdue = Verzoek.objects.filter(status="open", deadline__lt=timezone.now())
    assert overdue.count() == 1
    assert Verzoek.objects.filter(soort="landelijk", kenmerk="LMR-2026-0917").count() == 1
    aantal = (Contactpersoon.objects.count(), Verzoek.objects.count())
    demo_verzoek.load()
    assert (Contactpersoon.objects.count(), Verzoek.objects.count()) == aantal
    assert not Bericht.objects.filter(verzonden_op__isnull=True).exists()


def test_an_internal_contact_picks_up_and_answers_in_the_app(client, klare_casus, consulent, contact, make_user):
    from omo.models import Notificatie

    collega = make_user("budgethouder", first_name="Petra", last_name="Wonen")
    Contactpersoon.objects.filter(pk=contact.pk).update(gebruiker=collega)
    v = services.stuur_verzoek(klare_casus().pk, consulent, contact.pk, "Ontruiming", "Kan het wachten?", now=timezone.now())
    client.force_login(collega)
    detail = reverse("verzoek_detail", kwargs={"vid": v.pk})
    assert "Opgepakt" in client.get(detail).content.decode()
    client.post(reverse("verzoek_oppakken", kwargs={"vid": v.pk}))
    response = client.post(reverse("verzoek_beantwoorden", kwargs={"vid": v.pk}), {"door": "Petra Wonen", "antwoord": ""})
    assert response.status_code == 200 and "Schrijf het antwoord" in response.content.decode()
    client.post(reverse("verzoek_beantwoorden", kwargs={"vid": v.pk}), {"door": "Petra Wonen", "antwoord": "Ja, tot 1 februari."})
    v.refresh_from_db()
    assert v.status == Verzoek.Status.BEANTWOORD and v.opgepakt_door == "Petra Wonen" and v.antwoord == "Ja, tot 1 februari."
    assert Notificatie.objects.filter(gebruiker=consulent, sleutel=f"verzoek-{v.pk}-beantwoord").count() == 1
    # The sender reads it but does not handle it.
    client.force_login(consulent)
    assert "Ja, tot 1 februari." in client.get(detail).content.decode()
    assert client.post(reverse("verzoek_oppakken", kwargs={"vid": v.pk})).status_code == 403
