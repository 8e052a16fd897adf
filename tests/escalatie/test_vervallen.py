"""A case declared vervallen leaves the agenda; an escalation still waiting for a decision is
decided or laid back first."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from casussen.models import Casus, Status
from casussen.services import casus as casus_services
from escalatie.models import Agendapunt
from escalatie.services import escalatie as escalatie_services
from escalatie.services import overleg as overleg_services
from omo.weigering import Weigering
from tests.escalatie.test_escalatie import besproken  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
NU = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def test_a_case_on_the_agenda_is_taken_off_it(overleg, klare_casus, consulent):
    casus = klare_casus()
    punt = overleg_services.dien_in(casus.pk, consulent, "Akkoord?", overleg.pk, now=NU)
    casus_services.verklaar_vervallen(casus.pk, consulent, "Dubbel aangemeld")
    punt.refresh_from_db()
    assert punt.status == Agendapunt.Status.INGETROKKEN
    assert Casus.objects.get(pk=casus.pk).status == Status.VERVALLEN
    assert casus.tijdlijn.filter(omschrijving__contains="casus vervallen").exists()


def test_an_open_escalation_is_decided_first(besproken, omo_user):  # noqa: F811
    casus = besproken()
    escalatie_services.escaleer(casus.pk, omo_user, 2, "buiten_kaders", "Mag dit?", now=NU)
    with pytest.raises(Weigering, match="nog op een besluit wacht"):
        casus_services.verklaar_vervallen(casus.pk, omo_user, "Dubbel aangemeld")
    assert Casus.objects.get(pk=casus.pk).status == Status.GEESCALEERD
