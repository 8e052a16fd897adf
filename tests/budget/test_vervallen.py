"""A case declared vervallen withdraws its requests not yet decided; approved money is settled
first (the declaration is refused and nothing changes)."""

import pytest

from budget.models import Aanvraag
from budget.services import aanvraag as services
from casussen.models import Casus, Status
from casussen.services import casus as casus_services
from omo.weigering import Weigering

pytestmark = pytest.mark.django_db
S = Aanvraag.Status


def test_open_requests_are_withdrawn_with_the_reason(make_aanvraag, consulent, casus_met_scenario):
    casus, _s = casus_met_scenario
    ingediend = make_aanvraag()
    concept = make_aanvraag(indienen=False)
    casus_services.verklaar_vervallen(casus.pk, consulent, "Dubbel aangemeld")
    assert {a.status for a in Aanvraag.objects.filter(pk__in=[ingediend.pk, concept.pk])} == {S.INGETROKKEN}
    assert casus.tijdlijn.filter(soort="geld", omschrijving__contains="casus vervallen",
                                 toelichting="Dubbel aangemeld").count() == 2


def test_approved_money_is_settled_first(make_aanvraag, consulent, budgethouder, casus_met_scenario):
    casus, _s = casus_met_scenario
    aanvraag = make_aanvraag()
    services.keur_goed(aanvraag.pk, budgethouder, "Akkoord")
    with pytest.raises(Weigering, match="Geef het gereserveerde geld eerst vrij"):
        casus_services.verklaar_vervallen(casus.pk, consulent, "Dubbel aangemeld")
    assert Casus.objects.get(pk=casus.pk).status != Status.VERVALLEN
    assert Aanvraag.objects.get(pk=aanvraag.pk).status == S.GOEDGEKEURD
