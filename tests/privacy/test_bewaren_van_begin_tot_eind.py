"""Retention end to end, as it runs in production: the monthly task proposes a case closed long
ago, the privacy officer adopts the list on its page, and a real Celery worker destroys it."""

import datetime
import html
import re
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from casussen.models import Casus
from casussen.services import casus as casus_services
from privacy import tasks
from privacy.models import Vernietigingslijst
from tests.casussen.conftest import consulent, leefgebied, make_casus, team_a  # noqa: F401  (fixtures)
from tests.privacy.test_vernietigen import vindplaatsen

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db(transaction=True)
def test_a_case_closed_long_ago_is_proposed_adopted_and_destroyed_by_the_worker(
        make_casus, consulent, make_user, client, celery_worker):  # noqa: F811
    with time_machine.travel(datetime.datetime(2024, 6, 3, 10, tzinfo=AMS), tick=False):
        casus = make_casus(consulent, titel="Qxv dreigende uitzetting", pseudoniem="Familie Qxvberg",
                           dossiernummer="QXV-77", urgentie_toelichting="Qxv vonnis")
        casus_services.sluit_af(casus.pk, consulent, "Qxv woning behouden", "Qxv betalingsregeling")
    nog_open = make_casus(consulent, titel="Qxv nog in behandeling")
    assert "casussen_casus.titel" in vindplaatsen("qxv")

    lijst = Vernietigingslijst.objects.get(pk=tasks.vernietigingslijst_opstellen.delay().get(timeout=30))
    item = lijst.items.get(soort="casus")
    assert (item.object_id, item.code) == (casus.pk, casus.code)

    officer = make_user("privacy")
    client.force_login(officer)
    url = reverse("vernietigingslijst_vaststellen", args=[lijst.pk])
    token = re.search(r'name="eenmalig" value="([^"]+)"', client.get(url).content.decode()).group(1)
    assert client.post(url, {"eenmalig": token}).status_code == 302

    for _ in range(300):
        lijst.refresh_from_db()
        if lijst.status == Vernietigingslijst.Status.UITGEVOERD:
            break
        time.sleep(0.2)
    assert lijst.status == Vernietigingslijst.Status.UITGEVOERD
    item.refresh_from_db()
    assert item.uitgevoerd_op and item.resultaat["casussen_casus"] == 1

    # Only the open case still holds the word; the closed one keeps its code, status and dates.
    assert vindplaatsen("qxv dreigende") == [] and vindplaatsen("qxvberg") == []
    assert vindplaatsen("qxv woning") == [] and vindplaatsen("QXV-77") == []
    gesloten = Casus.objects.get(pk=casus.pk)
    assert (gesloten.code, gesloten.status, gesloten.afgesloten_op is not None) == (casus.code, "afgesloten", True)
    assert Casus.objects.get(pk=nog_open.pk).titel == "Qxv nog in behandeling"
    # The officer reads what was destroyed on the list's page.
    pagina = html.unescape(client.get(reverse("vernietigingslijst", args=[lijst.pk])).content.decode())
    assert casus.code in pagina and "Uitgevoerd" in pagina
