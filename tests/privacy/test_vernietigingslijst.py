"""The monthly vernietigingslijst (issue 15, retention): what is past its term is proposed once a
month, the privacy officer holds items back with a reason or adopts the list, and the adopted
list is executed item by item.

Today is Monday 7 December 2026 in these tests unless said otherwise: the December list has
peildatum 1 December 2026. Terms (settings): casus 24, vervallen 6, verzoek 12, notificatie 6,
toegangslog 24 months."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from casussen.models import Casus
from casussen.services import casus as casus_services
from escalatie.services import verzoek as verzoek_services
from omo import werkvoorraad
from omo.models import Notificatie, Toegangslog, User
from omo.services import notify
from omo.weigering import Weigering
from privacy import tasks
from privacy.models import Vernietigingsitem, Vernietigingslijst
from privacy.services import lijst as services
from tests.casussen.conftest import (  # noqa: F401  (fixtures)
    consulent,
    leefgebied,
    make_casus,
    team_a,
)
from tests.eenmalig import tweemaal
from tests.gelijktijdig import gelijktijdig

AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=AMS)
DECEMBER = datetime.date(2026, 12, 1)


def op(jaar, maand, dag, uur=10):
    return datetime.datetime(jaar, maand, dag, uur, tzinfo=AMS)


@pytest.fixture
def privacy_user(make_user):
    return make_user("privacy", first_name="Pien", last_name="Wouters")


@pytest.fixture
def omo_user(make_user):
    return make_user("omo")


@pytest.fixture
def afgesloten(make_casus, consulent):  # noqa: F811
    """afgesloten(moment) → a case registered and closed at `moment`, through the services."""

    def factory(moment, **velden):
        with time_machine.travel(moment, tick=False):
            casus = make_casus(consulent, datum_signaal=moment.date(), **velden)
            casus_services.sluit_af(casus.pk, consulent, "Terug naar het reguliere wijkteam", "")
        return Casus.objects.get(pk=casus.pk)

    return factory


@pytest.fixture
def vervallen(make_casus, consulent):  # noqa: F811
    def factory(moment, **velden):
        with time_machine.travel(moment, tick=False):
            casus = make_casus(consulent, datum_signaal=moment.date(), **velden)
            casus_services.verklaar_vervallen(casus.pk, consulent, "Dubbel aangemeld")
        return Casus.objects.get(pk=casus.pk)

    return factory


@pytest.fixture
def beantwoord(omo_user):
    """beantwoord(moment) → a question of the Landelijk Maatwerkregister answered at `moment`."""

    def factory(moment, antwoorden=True):
        with time_machine.travel(moment, tick=False):
            verzoek = verzoek_services.registreer_landelijk(
                omo_user, {"onderwerp": "Vraag over een huishouden", "vraag": "Is er een casus bekend?"})
            if antwoorden:
                verzoek_services.beantwoord(verzoek.pk, "Ilse", "Ja, in behandeling.", user=omo_user)
        return verzoek

    return factory


def stel_op(moment=VANDAAG, peildatum=None):
    with time_machine.travel(moment, tick=False):
        return services.stel_lijst_op(peildatum)


def posten(lijst, soort=None):
    qs = lijst.items.all()
    if soort:
        qs = qs.filter(soort=soort)
    return {i.code: i for i in qs}


def test_a_case_closed_25_months_ago_is_proposed_and_one_closed_23_months_ago_is_not(afgesloten):
    oud = afgesloten(op(2024, 11, 7))
    recent = afgesloten(op(2025, 1, 7))
    lijst = stel_op()
    assert lijst.peildatum == DECEMBER and lijst.status == Vernietigingslijst.Status.VOORGESTELD
    casussen = posten(lijst, "casus")
    assert set(casussen) == {oud.code}
    item = casussen[oud.code]
    assert (item.object_id, item.einde_termijn, item.aantal, item.besluit) == (
        oud.pk, datetime.date(2026, 11, 7), 1, "vernietigen")
    assert recent.code not in posten(lijst)
    # The term ends on the day: closed 1 December 2024 at 10:00 is not past it on 1 December
    # 2026 (00:00), and comes on the January list.
    grensgeval = afgesloten(op(2024, 12, 1))
    assert grensgeval.code not in posten(services.stel_lijst_op(DECEMBER))
    assert grensgeval.code in posten(stel_op(op(2027, 1, 4)), "casus")


def test_a_vervallen_case_is_proposed_six_months_after_it_was_declared_vervallen(vervallen):
    zeven_maanden = vervallen(op(2026, 5, 7))
    zes_maanden_vandaag = vervallen(op(2026, 6, 7))
    lijst = stel_op()
    assert set(posten(lijst, "vervallen")) == {zeven_maanden.code}
    assert posten(lijst, "vervallen")[zeven_maanden.code].einde_termijn == datetime.date(2026, 11, 7)
    assert not posten(lijst, "casus")  # a vervallen case is not a closed one
    januari = stel_op(op(2027, 1, 4))
    assert set(posten(januari, "vervallen")) == {zes_maanden_vandaag.code}


def test_an_answered_verzoek_is_proposed_twelve_months_after_the_answer(beantwoord):
    oud = beantwoord(op(2025, 11, 10))
    recent = beantwoord(op(2026, 1, 10))
    nooit_beantwoord = beantwoord(op(2024, 1, 10), antwoorden=False)
    lijst = stel_op()
    verzoeken = {i.object_id: i for i in lijst.items.filter(soort="verzoek")}
    assert set(verzoeken) == {oud.pk}
    assert verzoeken[oud.pk].code == f"Verzoek {oud.pk}"
    assert verzoeken[oud.pk].einde_termijn == datetime.date(2026, 11, 10)
    assert recent.pk not in verzoeken and nooit_beantwoord.pk not in verzoeken


def _inzage(user, moment):
    with time_machine.travel(moment, tick=False):
        Toegangslog.objects.create(
            gebruiker=user, object_type=ContentType.objects.get_for_model(User), object_id=str(user.pk),
            object_omschrijving=user.username, pad="/", methode="GET",
        )


def _melding(user, moment, sleutel):
    with time_machine.travel(moment, tick=False):
        notify(user, "Een melding", key=sleutel)


def test_notifications_and_access_log_rows_are_one_batch_each_with_their_count(make_user):
    user = make_user("consulent")
    for i, moment in enumerate([op(2026, 3, 1), op(2026, 5, 31, 23), op(2026, 5, 31, 23)]):
        _melding(user, moment, f"oud-{i}")
    _melding(user, op(2026, 6, 1, 0), "nieuw-1")  # 00:00 on the border: not yet
    _melding(user, op(2026, 6, 2), "nieuw-2")
    for moment in [op(2024, 1, 5), op(2024, 11, 30, 23)]:
        _inzage(user, moment)
    _inzage(user, op(2024, 12, 2))
    lijst = stel_op()
    (meldingen,) = lijst.items.filter(soort="notificatie")
    assert (meldingen.aantal, meldingen.object_id, meldingen.einde_termijn, meldingen.code) == (
        3, None, datetime.date(2026, 5, 31), "t/m 31-05-2026")
    (inzage,) = lijst.items.filter(soort="toegangslog")
    assert (inzage.aantal, inzage.einde_termijn) == (2, datetime.date(2024, 11, 30))


def test_no_batch_item_when_no_row_is_past_its_term(make_user):
    user = make_user("consulent")
    _melding(user, op(2026, 11, 1), "recent")
    lijst = stel_op()
    assert not lijst.items.filter(soort__in=["notificatie", "toegangslog"]).exists()


def test_running_twice_gives_one_list(afgesloten):
    oud = afgesloten(op(2024, 6, 3))
    eerste = stel_op()
    tweede = stel_op(op(2026, 12, 20))
    assert eerste.pk == tweede.pk and Vernietigingslijst.objects.count() == 1
    assert list(tweede.items.values_list("code", flat=True)) == [oud.code]
    # The beat task: the same list again.
    with time_machine.travel(op(2026, 12, 1, 2), tick=False):
        assert tasks.vernietigingslijst_opstellen.run() == eerste.pk
    assert Vernietigingsitem.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_make_one_list(make_user):
    gebruiker = make_user("consulent")
    # No case needed: a batch of old notifications is enough to show one set of items.
    for i in range(3):
        _melding(gebruiker, op(2026, 1, 5), f"oud-{i}")
    make_user("privacy")
    uitkomsten = gelijktijdig([lambda: services.stel_lijst_op(DECEMBER)] * 2)
    assert [u[0] for u in uitkomsten] == ["ok", "ok"], uitkomsten
    assert uitkomsten[0][1].pk == uitkomsten[1][1].pk
    assert Vernietigingslijst.objects.count() == 1
    (item,) = Vernietigingsitem.objects.all()
    assert item.aantal == 3
    # The privacy officer was told once.
    assert Notificatie.objects.filter(sleutel__startswith="vernietigingslijst-").count() == 1


def test_the_privacy_officers_are_told_and_the_notification_finishes_on_adoption(
        afgesloten, privacy_user, client, django_capture_on_commit_callbacks):
    afgesloten(op(2024, 6, 3))
    lijst = stel_op()
    (melding,) = Notificatie.objects.filter(gebruiker=privacy_user)
    assert melding.link == reverse("vernietigingslijst", args=[lijst.pk])
    assert melding.volledige_tekst == "Vernietigingslijst december 2026: 1 post wacht op je vaststelling"
    assert not Notificatie.objects.exclude(gebruiker=privacy_user).filter(sleutel=melding.sleutel).exists()
    # The werkvoorraad shows the list with its number of items, as the filtered list page counts it.
    (sectie,) = [u for u in werkvoorraad.voor(privacy_user) if u.sectie.code == "privacy.vernietigingslijsten"]
    assert sectie.aantal == 1 and sectie.items[0].toelichting == "1 post"
    client.force_login(privacy_user)
    assert client.get(sectie.inbox).context["page"].paginator.count == 1
    with django_capture_on_commit_callbacks(execute=False):
        services.stel_vast(lijst.pk, privacy_user)
    melding.refresh_from_db()
    assert melding.afgehandeld_op is not None and melding.volledige_tekst.endswith("1 post")
    (sectie,) = [u for u in werkvoorraad.voor(privacy_user) if u.sectie.code == "privacy.vernietigingslijsten"]
    assert sectie.aantal == 0


def test_a_held_back_item_stays_off_the_lists_while_its_date_runs_and_returns_after(
        afgesloten, privacy_user, client):
    bezwaar = afgesloten(op(2024, 6, 3))
    inzage = afgesloten(op(2024, 7, 3))
    december = stel_op()
    items = posten(december)
    services.besluit_item(items[bezwaar.code].pk, privacy_user, besluit="aanhouden",
                          reden="Lopende bezwaarprocedure", aanhouden_tot=datetime.date(2027, 2, 15))
    services.besluit_item(items[inzage.code].pk, privacy_user, besluit="aanhouden", reden="Inzageverzoek loopt")
    januari = stel_op(op(2027, 1, 4))
    assert set(posten(januari, "casus")) == {inzage.code}
    opnieuw = posten(januari)[inzage.code]
    assert opnieuw.vorig_item_id == items[inzage.code].pk and opnieuw.besluit == "vernietigen"
    client.force_login(privacy_user)
    pagina = html.unescape(client.get(reverse("vernietigingslijst", args=[januari.pk])).content.decode())
    assert "Eerder aangehouden" in pagina and "Inzageverzoek loopt" in pagina
    # February: the date (15 February) still runs; the case held without a date waits on the
    # January list, not yet adopted, so it is not proposed twice.
    februari = stel_op(op(2027, 2, 2))
    assert not posten(februari, "casus")
    maart = stel_op(op(2027, 3, 2))
    assert set(posten(maart, "casus")) == {bezwaar.code}
    assert posten(maart)[bezwaar.code].vorig_item.reden_aanhouden == "Lopende bezwaarprocedure"


def test_holding_back_needs_a_reason_and_a_date_after_the_peildatum(afgesloten, privacy_user, client):
    casus = afgesloten(op(2024, 6, 3))
    item = stel_op().items.get()
    with pytest.raises(Weigering, match="Geef de reden om deze post aan te houden."):
        services.besluit_item(item.pk, privacy_user, besluit="aanhouden", reden="  ")
    client.force_login(privacy_user)
    url = reverse("vernietigingsitem_aanhouden", args=[item.pk])
    response = client.post(url, {"reden": "Bezwaar loopt", "aanhouden_tot": "2026-11-30"})
    tekst = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Kies een datum na de peildatum van deze lijst (1 december 2026)" in tekst
    assert "Bezwaar loopt" in tekst  # what was typed stays
    item.refresh_from_db()
    assert item.besluit == "vernietigen"
    response = client.post(url, {"reden": "Bezwaar loopt", "aanhouden_tot": "2027-03-01"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.besluit, item.reden_aanhouden, item.aanhouden_tot, item.besloten_door) == (
        "aanhouden", "Bezwaar loopt", datetime.date(2027, 3, 1), privacy_user)
    pagina = html.unescape(client.get(reverse("vernietigingslijst", args=[item.lijst_id])).content.decode())
    assert "Bezwaar loopt" in pagina and "tot 01-03-2027" in pagina and casus.code in pagina
    # Undo the hold: destroyed with the list after all.
    assert client.post(reverse("vernietigingsitem_vrijgeven", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert (item.besluit, item.reden_aanhouden, item.aanhouden_tot) == ("vernietigen", "", None)


def _token(client, url) -> str:
    return re.search(r'name="eenmalig" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_adopting_shows_what_goes_and_a_second_adoption_changes_nothing(
        afgesloten, vervallen, privacy_user, make_user, client, django_capture_on_commit_callbacks):
    a, b = afgesloten(op(2024, 6, 3)), afgesloten(op(2024, 7, 3))
    vervallen(op(2026, 2, 3))
    lijst = stel_op()
    services.besluit_item(posten(lijst)[b.code].pk, privacy_user, besluit="aanhouden", reden="Bezwaar")
    client.force_login(privacy_user)
    url = reverse("vernietigingslijst_vaststellen", args=[lijst.pk])
    bevestiging = html.unescape(client.get(url).content.decode())
    # What will be destroyed, per kind: one closed case (the other is held back), one vervallen.
    assert re.search(r"Afgesloten casus</th><td class=\"text-end\">1</td>", bevestiging)
    assert re.search(r"Vervallen casus</th><td class=\"text-end\">1</td>", bevestiging)
    assert "1 post wordt aangehouden." in bevestiging
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        eerste, tweede = tweemaal(client, url, {})
    assert eerste.status_code == 302 and len(callbacks) == 1  # the destruction queued once
    assert "Deze lijst was al vastgesteld; er is niets veranderd." in html.unescape(tweede.content.decode())
    lijst.refresh_from_db()
    assert (lijst.status, lijst.vastgesteld_door) == ("vastgesteld", privacy_user)
    vastgesteld_op = lijst.vastgesteld_op
    # Every item not decided by hand is decided by who adopted the list.
    assert set(lijst.items.values_list("besloten_door", flat=True)) == {privacy_user.pk}
    # A second officer adopting again (a new form) is told and changes nothing.
    ander = make_user("privacy")
    with pytest.raises(Weigering, match="Deze lijst is al vastgesteld op .* door Pien Wouters"):
        services.stel_vast(lijst.pk, ander)
    lijst.refresh_from_db()
    assert (lijst.vastgesteld_door, lijst.vastgesteld_op) == (privacy_user, vastgesteld_op)
    # Decisions are fixed once the list is adopted.
    with pytest.raises(Weigering, match="al vastgesteld"):
        services.besluit_item(posten(lijst)[a.code].pk, privacy_user, besluit="aanhouden", reden="Te laat")
    assert client.get(url).status_code == 302  # no second confirmation page
    assert "Lijst vaststellen" not in client.get(reverse("vernietigingslijst", args=[lijst.pk])).content.decode()


def test_a_user_without_the_privacy_role_is_refused(afgesloten, omo_user, make_user, client):
    afgesloten(op(2024, 6, 3))
    lijst = stel_op()
    item = lijst.items.get()
    for user in (omo_user, make_user("beheerder")):
        client.force_login(user)
        for url in (reverse("vernietigingslijsten"), reverse("vernietigingslijst", args=[lijst.pk]),
                    reverse("vernietigingslijst_vaststellen", args=[lijst.pk]),
                    reverse("vernietigingslijst_export", args=[lijst.pk]),
                    reverse("vernietigingsitem_aanhouden", args=[item.pk])):
            assert client.get(url).status_code == 403, (user, url)
        assert client.post(reverse("vernietigingslijst_vaststellen", args=[lijst.pk])).status_code == 403
        assert client.post(reverse("vernietigingsitem_vrijgeven", args=[item.pk])).status_code == 403
        with pytest.raises(Weigering, match="Alleen de privacyfunctionaris stelt de vernietigingslijst vast."):
            services.stel_vast(lijst.pk, user)
        with pytest.raises(Weigering, match="Alleen de privacyfunctionaris beslist over de vernietigingslijst."):
            services.besluit_item(item.pk, user, besluit="aanhouden", reden="Liever niet")
    lijst.refresh_from_db()
    item.refresh_from_db()
    assert lijst.status == "voorgesteld" and item.besluit == "vernietigen"
    # Neither the menu nor the werkvoorraad offers it to them.
    assert "Vernietigingslijsten" not in client.get(reverse("home")).content.decode()


def test_the_pages_show_codes_and_no_case_content(afgesloten, privacy_user, client):
    casus = afgesloten(op(2024, 6, 3), titel="Schulden na scheiding", pseudoniem="Familie Berkenhout",
                       dossiernummer="WIZ-778899")
    lijst = stel_op()
    client.force_login(privacy_user)
    home = client.get(reverse("home")).content.decode()
    assert reverse("vernietigingslijsten") in home  # menu and werkvoorraad
    for url in (reverse("vernietigingslijsten"), reverse("vernietigingslijst", args=[lijst.pk]),
                reverse("vernietigingslijst_vaststellen", args=[lijst.pk]),
                reverse("vernietigingsitem_aanhouden", args=[lijst.items.get().pk])):
        pagina = html.unescape(client.get(url).content.decode())
        for inhoud in ("Schulden na scheiding", "Familie Berkenhout", "WIZ-778899"):
            assert inhoud not in pagina, (url, inhoud)
        assert reverse("casus_detail", args=[casus.pk]) not in pagina
    assert casus.code in html.unescape(client.get(reverse("vernietigingslijst", args=[lijst.pk])).content.decode())


def test_the_item_list_filters_by_kind_and_decision(afgesloten, vervallen, privacy_user, client):
    a = afgesloten(op(2024, 6, 3))
    b = afgesloten(op(2024, 7, 3))
    v = vervallen(op(2026, 2, 3))
    lijst = stel_op()
    services.besluit_item(posten(lijst)[b.code].pk, privacy_user, besluit="aanhouden", reden="Bezwaar")
    client.force_login(privacy_user)
    url = reverse("vernietigingslijst", args=[lijst.pk])

    def codes(**filters):
        return {i.code for i in client.get(url, filters).context["page"].object_list}

    assert codes(soort="casus") == {a.code, b.code}
    assert codes(soort="vervallen") == {v.code}
    assert codes(besluit="aanhouden") == {b.code}
    assert codes(soort="casus", besluit="vernietigen") == {a.code}


def test_the_list_exports_to_csv_with_its_decisions(afgesloten, privacy_user, client):
    a, b = afgesloten(op(2024, 6, 3)), afgesloten(op(2024, 7, 3))
    lijst = stel_op()
    services.besluit_item(posten(lijst)[b.code].pk, privacy_user, besluit="aanhouden",
                          reden="=Bezwaar loopt", aanhouden_tot=datetime.date(2027, 3, 1))
    client.force_login(privacy_user)
    response = client.get(reverse("vernietigingslijst_export", args=[lijst.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    regels = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert regels[0].startswith("soort;code;termijn verstreken op;aantal;besluit")
    assert f"Afgesloten casus;{a.code};2026-06-03;1;Vernietigen;;;;;" in regels
    # A reason that a spreadsheet would run as a formula stays text (the one CSV writer).
    assert f"Afgesloten casus;{b.code};2026-07-03;1;Aanhouden;'=Bezwaar loopt;2027-03-01;;;" in regels
    gefilterd = client.get(reverse("vernietigingslijst_export", args=[lijst.pk]), {"besluit": "aanhouden"})
    assert len(b"".join(gefilterd.streaming_content).decode("utf-8-sig").splitlines()) == 2


def _vervang_vernietig(monkeypatch, nep):
    """Put `nep` in the place of `privacy.services.vernietigen.vernietig`, the purge the task
    calls: a failure of one item and its retry, without building the records."""
    from privacy.services import vernietigen

    monkeypatch.setattr(vernietigen, "vernietig", nep)


def test_execution_destroys_each_approved_item_once_and_a_failed_one_is_retried(
        afgesloten, privacy_user, client, monkeypatch, django_capture_on_commit_callbacks):
    a, b, c = afgesloten(op(2024, 6, 3)), afgesloten(op(2024, 7, 3)), afgesloten(op(2024, 8, 3))
    lijst = stel_op()
    items = posten(lijst)
    services.besluit_item(items[c.code].pk, privacy_user, besluit="aanhouden", reden="Bezwaar")
    aangeroepen, storing = [], {items[b.code].pk}

    def nep(item_id):
        aangeroepen.append(item_id)
        if item_id in storing:
            storing.discard(item_id)
            raise RuntimeError("verbinding verbroken")
        resultaat = {"casussen_casus": 1, "casussen_tijdlijnevent": 2}
        Vernietigingsitem.objects.filter(pk=item_id, uitgevoerd_op__isnull=True).update(
            uitgevoerd_op=timezone.now(), resultaat=resultaat)
        return resultaat

    _vervang_vernietig(monkeypatch, nep)
    # Not adopted: nothing is destroyed.
    assert services.voer_uit(lijst.pk) == {"vernietigd": 0, "mislukt": 0} and not aangeroepen
    with django_capture_on_commit_callbacks(execute=False):
        services.stel_vast(lijst.pk, privacy_user)
    assert services.voer_uit(lijst.pk) == {"vernietigd": 1, "mislukt": 1}
    assert sorted(aangeroepen) == sorted([items[a.code].pk, items[b.code].pk])  # never the held-back one
    lijst.refresh_from_db()
    assert lijst.status == "vastgesteld" and lijst.uitgevoerd_op is None
    assert services.onvoltooide_lijsten() == [lijst.pk]
    # The next run does only what is left, then the list is done.
    aangeroepen.clear()
    assert tasks.vernietigingslijst_uitvoeren.run(lijst.pk) == {"vernietigd": 1, "mislukt": 0}
    assert aangeroepen == [items[b.code].pk]
    lijst.refresh_from_db()
    assert lijst.status == "uitgevoerd" and lijst.uitgevoerd_op is not None
    assert services.voer_uit(lijst.pk) == {"vernietigd": 0, "mislukt": 0}
    # The page shows the result per item, counts per table.
    client.force_login(privacy_user)
    pagina = html.unescape(client.get(reverse("vernietigingslijst", args=[lijst.pk])).content.decode())
    assert "casussen_tijdlijnevent: 2" in pagina and "Vernietigd op" in pagina
    assert "Vernietigd volgens deze lijst" in pagina
    # A record destroyed is never proposed again.
    assert set(posten(stel_op(op(2027, 1, 4)), "casus")) == {c.code}


def test_the_beat_schedule_draws_up_the_list_monthly_on_the_first_at_half_past_two():
    from omo.celery import app

    (entry,) = [e for e in app.conf.beat_schedule.values()
                if e["task"] == "privacy.tasks.vernietigingslijst_opstellen"]
    schedule = entry["schedule"]
    assert schedule.day_of_month == {1} and schedule.hour == {2} and schedule.minute == {30}


def _veel_posten(lijst, n, user):
    """`n` items on `lijst` each pointing to a held-back item on an earlier list: the page must
    read the earlier reasons and who decided without a query per item."""
    eerder = Vernietigingslijst.objects.create(peildatum=datetime.date(2026, 11, 1), opgesteld_op=timezone.now())
    vorige = Vernietigingsitem.objects.bulk_create([
        Vernietigingsitem(lijst=eerder, soort="casus", object_id=10_000 + i, code=f"OMO-2024-{i:04d}",
                          einde_termijn=datetime.date(2026, 10, 1), besluit="aanhouden",
                          reden_aanhouden=f"Reden {i}", besloten_door=user, besloten_op=timezone.now())
        for i in range(n)
    ])
    Vernietigingsitem.objects.bulk_create([
        Vernietigingsitem(lijst=lijst, soort="casus", object_id=v.object_id, code=v.code,
                          einde_termijn=datetime.date(2026, 11, 1), vorig_item=v, besloten_door=user,
                          besloten_op=timezone.now())
        for v in vorige
    ])


def test_the_list_pages_run_a_bounded_number_of_queries(privacy_user, client, django_assert_max_num_queries):
    client.force_login(privacy_user)
    lijst = Vernietigingslijst.objects.create(peildatum=DECEMBER, opgesteld_op=timezone.now())
    _veel_posten(lijst, 300, privacy_user)
    for i in range(30):
        Vernietigingslijst.objects.create(peildatum=datetime.date(2020 + i // 12, i % 12 + 1, 1),
                                          opgesteld_op=timezone.now())
    client.get(reverse("home"))  # session and menu warm
    for url, params in [
        (reverse("vernietigingslijsten"), {}),
        (reverse("vernietigingslijsten"), {"status": "voorgesteld"}),
        (reverse("vernietigingslijst", args=[lijst.pk]), {}),
        (reverse("vernietigingslijst", args=[lijst.pk]), {"soort": "casus", "besluit": "vernietigen", "pagina": 3}),
        (reverse("vernietigingslijst_vaststellen", args=[lijst.pk]), {}),
        (reverse("vernietigingsitem_aanhouden", args=[lijst.items.order_by("pk").first().pk]), {}),
    ]:
        with django_assert_max_num_queries(10):
            response = client.get(url, params)
        assert response.status_code == 200
    pagina = html.unescape(client.get(reverse("vernietigingslijst", args=[lijst.pk])).content.decode())
    assert "Reden 0" in pagina and "Pagina 1 van 12" in pagina


def test_the_proposal_is_one_statement_per_kind_however_many_cases(afgesloten, django_assert_max_num_queries):
    """100,000 closed cases are one INSERT … SELECT, not a loop: 250 here take as many queries as one."""
    voorbeeld = afgesloten(op(2024, 6, 3))
    kolommen = [f.column for f in Casus._meta.concrete_fields if f.column not in ("id", "code", "volgnummer")]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO casussen_casus (code, volgnummer, {", ".join(kolommen)})
                SELECT 'OMO-2024-' || lpad((100 + g)::text, 4, '0'), 100 + g, {", ".join(kolommen)}
                FROM casussen_casus, generate_series(1, 250) g WHERE id = %s""",
            [voorbeeld.pk],
        )
    with time_machine.travel(VANDAAG, tick=False), django_assert_max_num_queries(20):
        lijst = services.stel_lijst_op()
    assert lijst.items.filter(soort="casus").count() == 251
