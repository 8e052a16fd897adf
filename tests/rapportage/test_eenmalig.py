"""A double click, a resubmit or the back button makes one patroon and one rapportage."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from rapportage.models import Patroon, Rapport
from tests.eenmalig import controleer_fout_dan_goed, controleer_tweemaal

pytestmark = pytest.mark.django_db


@pytest.fixture
def eigenaar(make_user):
    return make_user("beleid", first_name="Bea", last_name="Beleid")


def test_patroon_twice_makes_one(client, beleid_user, eigenaar):
    client.force_login(beleid_user)
    url = reverse("patroon_nieuw")
    goed = {"titel": "Kostendelersnorm", "beschrijving": "Terugkerend", "eigenaar": eigenaar.pk}
    controleer_tweemaal(client, url, goed, Patroon.objects.count, "Dit patroon was al aangemaakt")
    controleer_fout_dan_goed(client, url, {**goed, "titel": ""}, {**goed, "titel": "Woonlasten"}, Patroon.objects.count)


@time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False)
def test_rapportage_twice_makes_one(client, omo_user):
    client.force_login(omo_user)
    url = reverse("rapport_nieuw")
    goed = {"titel": "Eindrapportage pilot", "van": "2025-01-01", "tot": "2026-11-30"}
    controleer_tweemaal(client, url, goed, Rapport.objects.count, "Deze rapportage was al gemaakt")
    controleer_fout_dan_goed(client, url, {**goed, "tot": "2024-01-01"}, {**goed, "van": "2025-02-01"},
                             Rapport.objects.count)
