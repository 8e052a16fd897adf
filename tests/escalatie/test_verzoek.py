"""Verzoeken with the 2-werkdagen term: the deadline on the Dutch calendar, the reminder on
the deadline day and the escalation after it, each exactly once; the signed link; the
telefoonlijst; the compliance figure."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core import mail, signing
from django.db import connection
from django.urls import reverse

from casussen.models import Leefgebied, Organisatie, TijdlijnEvent
from escalatie.models import Contactpersoon, Verzoek
from escalatie.queries.verzoek import nalevingsgraad
from escalatie.services import verzoek as services
from omo import berichten
from omo.models import Bericht, Notificatie
from omo.weigering import Weigering

AMS = ZoneInfo("Europe/Amsterdam")


def at(y, m, d, h=12, mi=0):
    return datetime.datetime(y, m, d, h, mi, tzinfo=AMS)


@pytest.fixture
def woonstede(db):
    return Organisatie.objects.get_or_create(naam="Woonstede", defaults={"soort": "lokaal"})[0]


@pytest.fixture
def contact(woonstede):
    baas = Contactpersoon.objects.create(organisatie=woonstede, naam="Henk Baas", rol="Directeur", mandaat="Alles",
                                         email="henk@example.org")
    return Contactpersoon.objects.create(organisatie=woonstede, naam="Petra Wonen", rol="Teamleider incasso",
                                         mandaat="Huurachterstanden bevriezen tot 3 maanden", email="petra@example.org",
                                         escalatiecontact=baas)


@pytest.fixture
def casus(klare_casus):
    return klare_casus()


def stuur(casus, user, contact, now):
    return services.stuur_verzoek(casus.pk, user, contact.pk, "Ontruiming uitstellen", "Kan de ontruiming 4 weken wachten?", now=now)


@pytest.mark.django_db
def test_deadline_over_christmas_and_invitation_without_household_data(casus, consulent, contact):
    v = stuur(casus, consulent, contact, at(2026, 12, 24, 10))
    assert v.deadline == datetime.datetime(2026, 12, 29, 23, 59, 59, 999999, tzinfo=AMS)
    assert TijdlijnEvent.objects.filter(casus=casus, omschrijving__startswith="Voorrangsverzoek").exists()
    berichten.verstuur_wachtende()
    (m,) = mail.outbox
    assert m.to == ["petra@example.org"] and "/v/" in m.body and "Kan de ontruiming" in m.body
    for verboden in (casus.code, casus.pseudoniem, casus.dossiernummer, "ziekenhuisopname"):
        assert verboden not in m.body and verboden not in m.subject


@pytest.mark.django_db
def test_contact_without_a_valid_email_is_refused(casus, consulent, contact):
    Contactpersoon.objects.filter(pk=contact.pk).update(email="geen-adres")
    with pytest.raises(Weigering) as fout:
        stuur(casus, consulent, contact, at(2026, 12, 1))
    assert fout.value.field == "contactpersoon" and not Verzoek.objects.exists()


@pytest.mark.django_db
def test_reminder_on_the_deadline_day_only_and_escalation_after_it_each_once(casus, consulent, contact, omo_user):
    v = stuur(casus, consulent, contact, at(2026, 12, 1, 9))  # Tuesday → deadline Thursday 3 December
    assert services.bewaak_termijnen(now=at(2026, 12, 2, 9)) == 0  # Wednesday: nothing yet
    assert services.bewaak_termijnen(now=at(2026, 12, 3, 8)) == 1  # the deadline day
    assert services.bewaak_termijnen(now=at(2026, 12, 3, 16)) == 0
    assert services.bewaak_termijnen(now=at(2026, 12, 4, 0, 5)) == 1  # passed
    assert services.bewaak_termijnen(now=at(2026, 12, 4, 9)) == 0
    v.refresh_from_db()
    assert v.status == Verzoek.Status.VERLOPEN and v.geescaleerd_op is not None
    sleutels = sorted(Bericht.objects.values_list("sleutel", flat=True))
    assert sleutels == sorted([f"verzoek-{v.pk}-uitnodiging", f"verzoek-{v.pk}-herinnering", f"verzoek-{v.pk}-escalatie"])
    assert Bericht.objects.get(sleutel=f"verzoek-{v.pk}-escalatie").aan == ["henk@example.org"]
    assert Notificatie.objects.filter(gebruiker=omo_user, sleutel=f"verzoek-{v.pk}-verlopen").count() == 1
    berichten.verstuur_wachtende()
    assert sorted(m.to[0] for m in mail.outbox) == ["henk@example.org", "petra@example.org", "petra@example.org"]


@pytest.mark.django_db
def test_picked_up_in_time_is_never_reminded_or_escalated(casus, consulent, contact):
    v = stuur(casus, consulent, contact, at(2026, 12, 1, 9))
    services.pak_op(v.pk, "Petra", now=at(2026, 12, 2, 10))
    assert services.bewaak_termijnen(now=at(2026, 12, 3, 8)) == 0
    assert services.bewaak_termijnen(now=at(2026, 12, 7)) == 0
    v.refresh_from_db()
    assert v.status == Verzoek.Status.OPGEPAKT and v.binnen_termijn


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_the_same_time_send_each_effect_once(make_user, team_a, klare_casus, woonstede):
    consulent = make_user("consulent", team=team_a)
    make_user("omo")
    c = Contactpersoon.objects.create(organisatie=woonstede, naam="P", rol="R", mandaat="M", email="p@example.org")
    ids = [stuur(klare_casus(casushouder=consulent, titel=f"C{i}"), consulent, c, at(2026, 12, 1, 9)).pk for i in range(10)]
    barrier = threading.Barrier(2)
    resultaten = []

    def scan(moment):
        try:
            barrier.wait()
            resultaten.append(services.bewaak_termijnen(now=moment))
        finally:
            connection.close()

    for moment in (at(2026, 12, 3, 8), at(2026, 12, 4, 8)):
        barrier.reset()
        threads = [threading.Thread(target=scan, args=(moment,)) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sum(resultaten) == 20  # 10 reminders and 10 escalations, whoever did them
    for soort in ("herinnering", "escalatie"):
        assert Bericht.objects.filter(sleutel__in=[f"verzoek-{i}-{soort}" for i in ids]).count() == (10 if soort == "herinnering" else 0) or soort == "escalatie"
    assert Bericht.objects.filter(sleutel__endswith="-herinnering").count() == 10
    assert Notificatie.objects.filter(sleutel__endswith="-verlopen").count() == 10
    assert Verzoek.objects.filter(status="verlopen").count() == 10


@pytest.mark.django_db
def test_a_scan_that_dies_before_commit_claims_nothing(casus, consulent, contact, monkeypatch):
    v = stuur(casus, consulent, contact, at(2026, 12, 1, 9))

    def kapot(*args, **kwargs):
        raise RuntimeError("worker stopt")

    monkeypatch.setattr(berichten, "plaats", kapot)
    with pytest.raises(RuntimeError):
        services.bewaak_termijnen(now=at(2026, 12, 3, 8))
    v.refresh_from_db()
    assert v.herinnerd_op is None
    monkeypatch.undo()
    assert services.bewaak_termijnen(now=at(2026, 12, 3, 8)) == 1


def token_van(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.django_db
def test_the_link_shows_only_the_question_and_records_pick_up_and_answer(client, casus, consulent, contact, time_machine):
    time_machine.move_to(at(2026, 12, 1, 9))
    v = stuur(casus, consulent, contact, at(2026, 12, 1, 9))
    url = reverse("verzoek_extern", kwargs={"token": token_van(services.maak_link(v))})
    body = client.get(url).content.decode()
    assert "Kan de ontruiming 4 weken wachten?" in body
    for verboden in (casus.code, casus.pseudoniem, casus.titel, casus.dossiernummer):
        assert verboden not in body
    response = client.post(url, {"actie": "antwoord", "door": "Petra", "antwoord": ""})
    assert response.status_code == 200 and "Schrijf het antwoord" in response.content.decode()
    client.post(url, {"actie": "oppakken", "door": "Petra Wonen"})
    v.refresh_from_db()
    assert v.status == "opgepakt" and v.opgepakt_door == "Petra Wonen"
    client.post(url, {"actie": "antwoord", "door": "Petra Wonen", "antwoord": "Ja, we wachten tot 1 februari."})
    v.refresh_from_db()
    assert v.status == "beantwoord"
    response = client.get(url)
    assert response.status_code == 410 and "al beantwoord" in response.content.decode()


@pytest.mark.django_db
def test_expired_and_forged_links_change_nothing(client, casus, consulent, contact, time_machine):
    time_machine.move_to(at(2026, 12, 1, 9))
    v = stuur(casus, consulent, contact, at(2026, 12, 1, 9))
    token = token_van(services.maak_link(v))
    vals = signing.dumps({"v": v.pk, "s": "geraden"}, salt=services.SALT, compress=True)
    for t in (token[:-3] + "abc", vals):
        response = client.post(reverse("verzoek_extern", kwargs={"token": t}), {"actie": "oppakken", "door": "X"})
        assert response.status_code == 400 and "ongeldig" in response.content.decode()
    time_machine.move_to(at(2026, 12, 16, 9))
    response = client.post(reverse("verzoek_extern", kwargs={"token": token}), {"actie": "oppakken", "door": "X"})
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    v.refresh_from_db()
    assert v.status == "open" and v.opgepakt_op is None


@pytest.mark.django_db
def test_nalevingsgraad_counts_picked_up_within_the_term(casus, consulent, contact):
    binnen = stuur(casus, consulent, contact, at(2026, 10, 5, 9))
    services.pak_op(binnen.pk, "P", now=at(2026, 10, 6))
    te_laat = stuur(casus, consulent, contact, at(2026, 10, 5, 9))
    services.pak_op(te_laat.pk, "P", now=at(2026, 10, 9))
    stuur(casus, consulent, contact, at(2026, 10, 5, 9))  # never picked up, deadline passed
    stuur(casus, consulent, contact, at(2026, 9, 1, 9))  # other period
    stuur(casus, consulent, contact, at(2026, 10, 30, 9))  # open, and its term has not passed yet
    r = nalevingsgraad(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31), now=at(2026, 11, 1))
    assert r == {"totaal": 3, "binnen_termijn": 1, "open": 1, "percentage": 33.3}


@pytest.mark.django_db
def test_telefoonlijst_search_invalid_email_and_query_budget(client, contact, omo_user, woonstede, django_assert_max_num_queries):
    wonen = Leefgebied.objects.get_or_create(code="wonen", defaults={"naam": "Wonen"})[0]
    contact.leefgebieden.add(wonen)
    for i in range(40):
        Contactpersoon.objects.create(organisatie=woonstede, naam=f"Medewerker {i}", rol="R", mandaat="M", email=f"m{i}@example.org")
    client.force_login(omo_user)
    url = reverse("telefoonlijst")
    with django_assert_max_num_queries(12):
        body = client.get(url, {"organisatie": woonstede.pk}).content.decode()
    assert "Medewerker 39" in body
    body = client.get(url, {"leefgebied": wonen.pk}).content.decode()
    assert "Petra Wonen" in body and "Medewerker 1" not in body
    body = client.get(url, {"q": "incasso"}).content.decode()
    assert "Petra Wonen" in body and "Directeur" not in body
    response = client.post(reverse("contactpersoon_nieuw"), {"organisatie": woonstede.pk, "naam": "Nieuw", "rol": "R",
                                                             "mandaat": "M", "email": "geen-adres", "actief": "on"})
    assert response.status_code == 200 and "geldig e-mailadres" in response.content.decode()
    assert 'value="Nieuw"' in response.content.decode()
    assert not Contactpersoon.objects.filter(naam="Nieuw").exists()


@pytest.mark.django_db
def test_verzoek_list_within_the_query_budget(client, casus, consulent, contact, omo_user, django_assert_max_num_queries):
    stuur(casus, consulent, contact, at(2026, 12, 1))
    client.force_login(consulent)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("verzoek_lijst")).content.decode()
    assert body.count("Ontruiming uitstellen") == 1
    for _ in range(55):
        stuur(casus, consulent, contact, at(2026, 12, 1))
    with django_assert_max_num_queries(12):
        body = client.get(reverse("verzoek_lijst")).content.decode()
    assert body.count("Ontruiming uitstellen") == 50 and "table-danger" in body  # overdue ones stand out


@pytest.mark.django_db
def test_the_case_code_links_to_the_case_only_for_who_may_open_it(client, casus, consulent, contact, make_user):
    verzoek = stuur(casus, consulent, contact, at(2026, 12, 1))
    # The addressee has an OMO account (a budget holder): the request is theirs, the case is not.
    ontvanger = make_user("budgethouder")
    contact.gebruiker = ontvanger
    contact.save()
    link = f'href="{reverse("casus_detail", args=[casus.pk])}"'
    for gebruiker, opent in ((consulent, True), (ontvanger, False)):
        client.force_login(gebruiker)
        for url in (reverse("verzoek_lijst"), reverse("verzoek_detail", args=[verzoek.pk])):
            body = client.get(url).content.decode()
            assert casus.code in body, (gebruiker, url)
            assert (link in body) is opent, (gebruiker, url)
