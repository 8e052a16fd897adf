"""A double click, a resubmit or the back button puts a case on the agenda once, sends one
verzoek, registers one landelijke vraag and makes one escalation (omo.eenmalig)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from escalatie.models import Agendapunt, Contactpersoon, Escalatie, Verzoek
from tests.eenmalig import controleer_fout_dan_goed, controleer_tweemaal
from tests.escalatie.test_escalatie import besproken  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def contact(organisatie):
    return Contactpersoon.objects.create(organisatie=organisatie, naam="Petra Wonen", rol="Teamleider",
                                         mandaat="Uitstel", email="petra@example.org")


def test_agenderen_twice_puts_the_case_on_the_agenda_once(client, overleg, klare_casus, consulent, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 4, 16, tzinfo=AMS))
    casus = klare_casus()
    client.force_login(consulent)
    url = reverse("overleg_agenderen", args=[casus.pk])
    goed = {"overleg": str(overleg.pk), "vraag": "Akkoord?"}
    controleer_fout_dan_goed(client, url, {**goed, "vraag": ""}, goed, Agendapunt.objects.count)
    andere = klare_casus(titel="Tweede gezin")
    controleer_tweemaal(client, reverse("overleg_agenderen", args=[andere.pk]), goed, Agendapunt.objects.count,
                        "Dit agendapunt was al ingediend")


def test_verzoek_twice_sends_one(client, klare_casus, consulent, contact):
    casus = klare_casus()
    client.force_login(consulent)
    url = reverse("verzoek_nieuw", args=[casus.pk])
    goed = {"contactpersoon": contact.pk, "onderwerp": "Huur bevriezen", "vraag": "Kan de huur drie maanden wachten?"}
    controleer_tweemaal(client, url, goed, Verzoek.objects.count, "Dit verzoek was al verstuurd")
    controleer_fout_dan_goed(client, url, {**goed, "vraag": ""}, goed, Verzoek.objects.count)


def test_landelijke_vraag_twice_registers_one(client, omo_user):
    client.force_login(omo_user)
    url = reverse("verzoek_landelijk_nieuw")
    goed = {"kenmerk": "LMR-8", "afzender": "LMR", "onderwerp": "Verhuizing", "vraag": "Wie pakt dit op?"}
    controleer_tweemaal(client, url, goed, Verzoek.objects.count, "Deze vraag was al geregistreerd")
    controleer_fout_dan_goed(client, url, {**goed, "vraag": ""}, goed, Verzoek.objects.count)


def test_escalatie_twice_makes_one(client, besproken, omo_user):  # noqa: F811
    casus = besproken()
    client.force_login(omo_user)
    url = reverse("escalatie_nieuw", args=[casus.pk])
    goed = {"scenario": casus.scenario.pk, "naar_niveau": 2, "reden": "buiten_kaders", "vraag": "Mag dit?"}
    controleer_fout_dan_goed(client, url, {**goed, "vraag": ""}, goed, Escalatie.objects.count)
    andere = besproken(titel="Tweede gezin")
    goed = {**goed, "scenario": andere.scenario.pk}
    controleer_tweemaal(client, reverse("escalatie_nieuw", args=[andere.pk]), goed, Escalatie.objects.count,
                        "Deze escalatie was al aangemaakt")
