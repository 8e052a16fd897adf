"""A case registered by mistake is declared vervallen: by its casushouder before its first
overleg, by the OMO-functionaris at any time, with a reason. It keeps its timeline and counts
nowhere; the case list hides it unless asked."""

import datetime
import html

import pytest
from django.urls import reverse

from casussen.models import Casus, Status, TijdlijnEvent
from casussen.services import casus as services
from omo.weigering import Weigering
from rapportage.queries.cijfers import cijfers

pytestmark = pytest.mark.django_db


@pytest.fixture
def omo_user(make_user):
    return make_user("omo")


def _post(client, casus, **data):
    return client.post(reverse("casus_vervallen", args=[casus.pk]),
                       {"reden": "Dubbel aangemeld; OMO-2026-0013 blijft", "bevestigd": "on",
                        "verwacht_van": casus.status, **data})


def test_casushouder_declares_a_duplicate_vervallen_with_a_reason_and_the_timeline_keeps_it(
        client, consulent, make_casus):
    casus = make_casus(consulent)
    client.force_login(consulent)
    detail = client.get(reverse("casus_detail", args=[casus.pk])).content.decode()
    assert reverse("casus_vervallen", args=[casus.pk]) in detail
    # A page with the reason and a second confirmation, not a one-click button.
    response = _post(client, casus, reden="", bevestigd="")
    tekst = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Geef de reden waarom de casus vervalt." in tekst and "Bevestig dat de casus vervalt." in tekst
    # A BSN in the reason is refused, like in every free text.
    response = _post(client, casus, reden="Dubbel, BSN 111222333")
    assert response.status_code == 200 and Casus.objects.get(pk=casus.pk).status == Status.AANGEMELD
    response = _post(client, casus)
    assert response.status_code == 302
    casus.refresh_from_db()
    assert casus.status == Status.VERVALLEN and not casus.is_open
    events = list(TijdlijnEvent.objects.filter(casus=casus).order_by("tijdstip", "pk"))
    assert events[0].naar_status == Status.AANGEMELD  # the registration is still there
    assert (events[-1].naar_status, events[-1].toelichting) == (Status.VERVALLEN, "Dubbel aangemeld; OMO-2026-0013 blijft")
    tijdlijn = client.get(reverse("tijdlijn", args=[casus.pk])).content.decode()
    assert "Vervallen verklaren" in tijdlijn and "OMO-2026-0013 blijft" in tijdlijn
    # Nothing can be changed on it any more, and the link is gone.
    assert reverse("casus_vervallen", args=[casus.pk]) not in client.get(reverse("casus_detail", args=[casus.pk])).content.decode()
    assert client.get(reverse("casus_vervallen", args=[casus.pk])).status_code == 403


def test_casushouder_may_not_after_the_first_overleg_but_omo_may(client, consulent, make_casus, omo_user):
    casus = make_casus(consulent)
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    services.agendeer(casus.pk, consulent)
    services.markeer_besproken(casus.pk, omo_user)
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, omo_user, "Meer uitzoeken")
    client.force_login(consulent)
    assert client.get(reverse("casus_vervallen", args=[casus.pk])).status_code == 403
    with pytest.raises(Weigering, match="niet vervallen verklaren"):
        services.verklaar_vervallen(casus.pk, consulent, "Dubbel")
    services.verklaar_vervallen(casus.pk, omo_user, "Dubbel aangemeld")
    assert Casus.objects.get(pk=casus.pk).status == Status.VERVALLEN


def test_a_medebehandelaar_may_not_and_the_generic_step_never_makes_a_case_vervallen(
        client, consulent, make_user, make_casus, team_a):
    collega = make_user("consulent", team=team_a)
    casus = make_casus(consulent, medebehandelaars=[collega])
    with pytest.raises(Weigering):
        services.verklaar_vervallen(casus.pk, collega, "Dubbel")
    client.force_login(consulent)
    client.post(reverse("casus_status", args=[casus.pk]),
                {"naar": Status.VERVALLEN, "toelichting": "Dubbel", "verwacht_van": casus.status})
    assert Casus.objects.get(pk=casus.pk).status == Status.AANGEMELD


def test_a_vervallen_case_leaves_the_figures_and_the_dashboard(client, consulent, make_casus, omo_user):
    blijft = make_casus(consulent, titel="Blijft")
    dubbel = make_casus(consulent, titel="Dubbel")
    periode = (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert cijfers(*periode)["casussen"]["nieuw"] == 2
    services.verklaar_vervallen(dubbel.pk, consulent, "Dubbel aangemeld")
    figuren = cijfers(*periode)["casussen"]
    assert figuren["nieuw"] == 1 and figuren["open_aan_einde"] == 1
    assert Status.VERVALLEN not in {r["status"] for r in figuren["per_status"]}
    assert sum(r["aantal"] for r in figuren["per_status"]) == 1
    assert blijft.pk


def test_the_list_hides_vervallen_cases_unless_asked(client, consulent, make_casus):
    blijft = make_casus(consulent, titel="Blijft gewoon")
    dubbel = make_casus(consulent, titel="Per vergissing dubbel")
    services.verklaar_vervallen(dubbel.pk, consulent, "Dubbel aangemeld")
    client.force_login(consulent)
    lijst = reverse("casus_lijst")
    for query, zichtbaar in [("", False), ("?q=", False), ("?vervallen=on", True), ("?status=vervallen", True)]:
        tekst = client.get(lijst + query).content.decode()
        assert blijft.titel in tekst or query == "?status=vervallen"
        assert (dubbel.titel in tekst) is zichtbaar, query
    tekst = client.get(lijst + "?vervallen=on").content.decode()
    assert "omo-status-vervallen" in tekst
