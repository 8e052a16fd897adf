"""The privacy officer's logboek: who looked at a household's file, when, from which page and
address, and what changed in it with the values; per case, per user and per period; as CSV with
formulas neutralised; every read of the officer logged itself; no case page for the officer."""

import datetime

import pghistory
import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from casussen.models import Casus, Kostenregel
from casussen.services import casus as casus_services
from omo.models import Toegangslog
from omo.roles import ROLLEN
from tests.escalatie.test_escalatie import besproken, escaleer, wethouder  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _tekst(response) -> str:
    return response.content.decode()


def _csv(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def _inzage(client, casus, **params):
    return client.get(reverse("logboek_casus", kwargs={"pk": casus.pk}), {"tab": "inzage", **params})


def _wijzigingen(client, casus, **params):
    return client.get(reverse("logboek_casus", kwargs={"pk": casus.pk}), {"tab": "wijzigingen", **params})


def test_who_looked_at_the_case_with_page_and_address(client, make_casus, consulent, privacy):
    casus = make_casus(consulent)
    client.force_login(consulent)
    assert client.get(reverse("casus_detail", kwargs={"pk": casus.pk}), REMOTE_ADDR="10.1.2.3").status_code == 200

    client.force_login(privacy)
    response = _inzage(client, casus)
    assert response.status_code == 200
    html = _tekst(response)
    assert consulent.username in html
    assert f"GET /casussen/{casus.pk}/" in html
    assert "10.1.2.3" in html
    assert str(ROLLEN["consulent"].naam) in html  # the viewer's role
    assert "no-store" in response["Cache-Control"]


def test_a_case_code_typed_loosely_opens_its_logboek(client, make_casus, consulent, privacy):
    casus = make_casus(consulent)
    client.force_login(privacy)
    jaar, nummer = casus.code.split("-")[1:]
    response = client.get(reverse("logboek"), {"code": f" omo {jaar} {int(nummer)} ".lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("logboek_casus", kwargs={"pk": casus.pk})
    response = client.get(reverse("logboek"), {"code": "OMO-1999-0001"})
    assert response.status_code == 200
    html = _tekst(response)
    assert "Geen casus met code" in html and 'value="OMO-1999-0001"' in html


def test_views_of_the_files_parts_belong_to_the_case(client, besproken, omo_user, wethouder, privacy, make_casus,  # noqa: F811
                                                      consulent):
    """An escalation (the dossier the wethouder reads) and a refused attempt count for its case;
    another case's views do not."""
    casus = besproken()
    e = escaleer(casus, omo_user)
    ander = make_casus(consulent, titel="Andere casus")
    client.force_login(wethouder)
    assert client.get(reverse("escalatie_detail", kwargs={"pk": e.pk}), REMOTE_ADDR="10.9.9.9").status_code == 200
    client.force_login(consulent)
    client.get(reverse("casus_detail", kwargs={"pk": ander.pk}), REMOTE_ADDR="10.7.7.7")

    client.force_login(privacy)
    html = _tekst(_inzage(client, casus))
    assert f"/escalaties/{e.pk}/" in html and "10.9.9.9" in html and wethouder.username in html
    assert "Escalatie" in html
    assert "10.7.7.7" not in html


def test_a_change_shows_its_values_before_and_after(client, make_casus, consulent, privacy, leefgebied):
    casus = make_casus(consulent, titel="Huurachterstand")
    with pghistory.context(user=consulent.pk, url=f"/casussen/{casus.pk}/wijzigen/", methode="POST", ip="10.4.4.4"):
        casus_services.wijzig(casus.pk, consulent, {"titel": "Dreigende ontruiming"}, leefgebieden=[leefgebied])
    client.force_login(privacy)
    html = _tekst(_wijzigingen(client, casus))
    assert "Huurachterstand → Dreigende ontruiming" in html
    assert consulent.username in html
    assert f"POST /casussen/{casus.pk}/wijzigen/" in html and "10.4.4.4" in html
    # The registration itself, with its values (the beheerder's audit log shows only field names).
    assert "aangemaakt" in html and "Familie Linde" in html


def test_changes_of_parts_further_down_belong_to_the_case(client, klare_casus, consulent, privacy):
    casus = klare_casus()
    regel = Kostenregel.objects.filter(scenario__casus=casus).first()
    regel.omschrijving = "Bewindvoering"
    regel.save()
    regel.delete()
    client.force_login(privacy)
    html = _tekst(_wijzigingen(client, casus))
    assert "Bewindvoering" in html  # the update and the deleted row
    assert "verwijderd" in html
    assert "Huurachterstand na ziekenhuisopname" in html  # the canvas


def test_the_officers_own_read_is_logged_and_shown(client, make_casus, consulent, privacy):
    casus = make_casus(consulent)
    client.force_login(privacy)
    html = _tekst(_inzage(client, casus))
    regel = Toegangslog.objects.get(gebruiker=privacy)
    assert regel.soort == Toegangslog.Soort.LOGBOEK
    assert regel.object_type == ContentType.objects.get_for_model(Casus) and regel.object_id == str(casus.pk)
    assert regel.object_omschrijving == casus.code
    assert "in het logboek (privacy)" in html and privacy.username in html


def test_the_officer_cannot_open_the_case_or_its_parts(client, besproken, omo_user, privacy):  # noqa: F811
    casus = besproken()
    e = escaleer(casus, omo_user)
    client.force_login(privacy)
    for naam, pk in [("casus_detail", casus.pk), ("tijdlijn", casus.pk), ("escalatie_detail", e.pk),
                     ("escalatie_let", e.pk), ("casus_geld", casus.pk)]:
        assert client.get(reverse(naam, kwargs={"pk": pk})).status_code in (403, 404), naam
    for naam in ["casus_lijst", "overleg_lijst", "escalatie_inbox", "budget_inbox", "verzoek_lijst"]:
        assert client.get(reverse(naam)).status_code == 403, naam
    # The refusals are in the log, for the next privacy officer to read.
    assert Toegangslog.objects.filter(gebruiker=privacy, soort=Toegangslog.Soort.GEWEIGERD).exists()


def test_the_menu_offers_the_logboeken_to_the_officer_only(client, privacy, make_user):
    client.force_login(privacy)
    html = _tekst(client.get(reverse("home")))
    assert "Privacy" in html and f'href="{reverse("logboek")}"' in html and "Logboeken" in html
    assert 'href="/casussen/"' not in html
    client.force_login(make_user("beheerder"))
    assert f'href="{reverse("logboek")}"' not in _tekst(client.get(reverse("home")))


@pytest.mark.parametrize("rol", sorted(set(ROLLEN) - {"privacy"}))
def test_other_roles_get_no_logboek(client, make_user, make_casus, consulent, rol):
    casus = make_casus(consulent)
    client.force_login(make_user(rol))
    for url in [reverse("logboek"), reverse("logboek_periode"), reverse("logboek_periode_csv"),
                reverse("logboek_casus", kwargs={"pk": casus.pk}),
                reverse("logboek_casus_csv", kwargs={"pk": casus.pk})]:
        assert client.get(url).status_code == 403, url
    assert not Toegangslog.objects.filter(soort=Toegangslog.Soort.LOGBOEK).exists()


def test_per_user_both_logs_and_the_read_names_the_user(client, make_casus, consulent, make_user, privacy, leefgebied,
                                                        team_a):
    collega = make_user("consulent", team=team_a)
    casus = make_casus(consulent, medebehandelaars=[collega])
    client.force_login(collega)
    client.get(reverse("casus_detail", kwargs={"pk": casus.pk}), REMOTE_ADDR="10.5.5.5")
    client.force_login(consulent)
    client.get(reverse("casus_detail", kwargs={"pk": casus.pk}), REMOTE_ADDR="10.6.6.6")
    with pghistory.context(user=collega.pk, url="/x/", methode="POST"):
        casus_services.wijzig(casus.pk, collega, {"titel": "Door de collega"}, leefgebieden=[leefgebied])

    client.force_login(privacy)
    html = _tekst(client.get(reverse("logboek_periode"), {"gebruiker": collega.pk, "tab": "inzage"}))
    assert "10.5.5.5" in html and "10.6.6.6" not in html
    html = _tekst(client.get(reverse("logboek_periode"), {"gebruiker": collega.pk, "tab": "wijzigingen"}))
    assert "Door de collega" in html
    assert "Dreigende huisuitzetting" in html  # the value before
    html = _tekst(client.get(reverse("logboek_periode"), {"gebruiker": consulent.pk, "tab": "wijzigingen"}))
    assert "Door de collega" not in html
    gelezen = Toegangslog.objects.filter(gebruiker=privacy, soort=Toegangslog.Soort.LOGBOEK)
    assert {(r.object_type.model, r.object_id) for r in gelezen} == {("user", str(collega.pk)), ("user", str(consulent.pk))}


def test_per_period(client, make_casus, consulent, privacy, leefgebied):
    """The access log by the moment of the view; the change log by the moment the database wrote
    the event (its own clock, which time_machine does not move: today against yesterday)."""
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        maart = make_casus(consulent, titel="Casus van maart")
        client.force_login(consulent)
        client.get(reverse("casus_detail", kwargs={"pk": maart.pk}), REMOTE_ADDR="10.3.3.3")
    mei = make_casus(consulent, titel="Casus van vandaag")
    with time_machine.travel(datetime.datetime(2026, 5, 20, 21, 30, tzinfo=datetime.UTC), tick=False):
        client.force_login(consulent)
        client.get(reverse("casus_detail", kwargs={"pk": mei.pk}), REMOTE_ADDR="10.5.5.5")  # 23:30 in Amsterdam

    client.force_login(privacy)
    periode = {"van": "2026-03-01", "tot": "2026-03-31"}
    html = _tekst(client.get(reverse("logboek_periode"), {**periode, "tab": "inzage"}))
    assert "10.3.3.3" in html and "10.5.5.5" not in html
    # The last day counts whole, in local time: "tot en met".
    html = _tekst(client.get(reverse("logboek_periode"), {"van": "2026-05-20", "tot": "2026-05-20", "tab": "inzage"}))
    assert "10.5.5.5" in html and "10.3.3.3" not in html
    vandaag = timezone.localdate()
    gisteren = vandaag - datetime.timedelta(days=1)
    html = _tekst(client.get(reverse("logboek_periode"), {"van": vandaag.isoformat(), "tab": "wijzigingen"}))
    assert "Casus van vandaag" in html
    html = _tekst(client.get(reverse("logboek_periode"), {"tot": gisteren.isoformat(), "tab": "wijzigingen"}))
    assert "Casus van vandaag" not in html
    # The officer's reads without a user filter name the objects the page showed.
    gelezen = Toegangslog.objects.filter(gebruiker=privacy, soort=Toegangslog.Soort.LOGBOEK)
    assert {("casus", str(maart.pk)), ("casus", str(mei.pk))} <= {(r.object_type.model, r.object_id) for r in gelezen}
    # A period that is no period: a message at the field, the typed value kept, no rows.
    response = client.get(reverse("logboek_periode"), {"van": "morgen", "tab": "inzage"})
    html = _tekst(response)
    assert response.status_code == 200 and "morgen" in html and "10.3.3.3" not in html


def test_csv_of_the_case_with_formulas_neutralised_and_each_chunk_logged(client, make_casus, consulent, privacy,
                                                                          leefgebied):
    casus = make_casus(consulent)
    with pghistory.context(user=consulent.pk, url="/x/", methode="POST"):
        casus_services.wijzig(casus.pk, consulent, {"titel": "=HYPERLINK(\"http://x\")"}, leefgebieden=[leefgebied])
    client.force_login(consulent)
    client.get(reverse("casus_detail", kwargs={"pk": casus.pk}), REMOTE_ADDR="10.8.8.8")

    client.force_login(privacy)
    response = client.get(reverse("logboek_casus_csv", kwargs={"pk": casus.pk}), {"tab": "wijzigingen"})
    assert response["Content-Type"].startswith("text/csv")
    tekst = _csv(response)
    kop, *rijen = tekst.splitlines()
    assert kop.split(";")[:3] == ["Tijdstip", "Gebruiker", "Naam"]
    titel = [r for r in rijen if ";korte titel;" in r]
    assert titel and "'=HYPERLINK" in titel[0] and ";Dreigende huisuitzetting;" in titel[0]
    assert not any(cel.startswith("=") for rij in rijen for cel in rij.split(";"))

    tekst = _csv(client.get(reverse("logboek_casus_csv", kwargs={"pk": casus.pk}), {"tab": "inzage"}))
    assert "10.8.8.8" in tekst and consulent.username in tekst
    gelezen = Toegangslog.objects.filter(gebruiker=privacy, soort=Toegangslog.Soort.LOGBOEK)
    assert gelezen.count() == 2 and {r.object_id for r in gelezen} == {str(casus.pk)}
    assert {r.pad.split("?")[0] for r in gelezen} == {reverse("logboek_casus_csv", kwargs={"pk": casus.pk})}


def test_csv_per_user_logs_the_user(client, make_casus, consulent, privacy):
    casus = make_casus(consulent)
    client.force_login(consulent)
    client.get(reverse("casus_detail", kwargs={"pk": casus.pk}), REMOTE_ADDR="10.8.8.8")
    client.force_login(privacy)
    tekst = _csv(client.get(reverse("logboek_periode_csv"), {"gebruiker": consulent.pk, "tab": "inzage"}))
    assert "10.8.8.8" in tekst and casus.code in tekst
    regel = Toegangslog.objects.get(gebruiker=privacy, soort=Toegangslog.Soort.LOGBOEK)
    assert (regel.object_type.model, regel.object_id) == ("user", str(consulent.pk))


def test_pages_within_the_query_budget(client, make_casus, consulent, make_user, privacy, leefgebied,
                                       django_assert_max_num_queries):
    """Many viewers, views and changes: every page runs the same few queries."""
    casus = make_casus(consulent)
    kijkers = [make_user("consulent") for _ in range(15)]
    ct = ContentType.objects.get_for_model(Casus)
    Toegangslog.objects.bulk_create([
        Toegangslog(gebruiker=kijkers[i % 15], object_type=ct, object_id=str(casus.pk), object_omschrijving=casus.code,
                    pad=f"/casussen/{casus.pk}/", methode="GET", ip_adres="10.0.0.1")
        for i in range(120)
    ])
    for i in range(60):
        with pghistory.context(user=kijkers[i % 15].pk, url="/x/", methode="POST"):
            Casus.objects.filter(pk=casus.pk).update(titel=f"Titel {i}")
    client.force_login(privacy)
    for url, params in [
        (reverse("logboek_casus", kwargs={"pk": casus.pk}), {"tab": "inzage"}),
        (reverse("logboek_casus", kwargs={"pk": casus.pk}), {"tab": "wijzigingen"}),
        (reverse("logboek_casus", kwargs={"pk": casus.pk}), {"tab": "wijzigingen", "pagina": 2}),
        (reverse("logboek_periode"), {"tab": "inzage"}),
        (reverse("logboek_periode"), {"tab": "wijzigingen"}),
        (reverse("logboek_periode"), {"tab": "wijzigingen", "gebruiker": kijkers[0].pk, "van": "2020-01-01"}),
    ]:
        client.get(url, params)
        with django_assert_max_num_queries(20):
            response = client.get(url, params)
        assert response.status_code == 200
        assert _tekst(response).count("<tr>") >= 5, (url, params)
    # 120 views and 61 changes of the case: pages of 50.
    assert "Pagina 1 van 3" in _tekst(client.get(reverse("logboek_casus", kwargs={"pk": casus.pk}), {"tab": "inzage"}))
    assert "Pagina 2 van 2" in _tekst(client.get(reverse("logboek_casus", kwargs={"pk": casus.pk}),
                                                  {"tab": "wijzigingen", "pagina": 2}))
