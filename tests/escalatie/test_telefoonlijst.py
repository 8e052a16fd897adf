"""The telefoonlijst: search by free text, organisation and leefgebied within the query budget,
CSV export of what the filter shows, maintenance with Dutch field errors, escalation contacts
from the list, deactivation."""

import pytest
from django.urls import reverse

from casussen.models import Leefgebied, Organisatie
from escalatie.models import Contactpersoon
from escalatie.services import verzoek as services
from omo.weigering import Weigering

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(organisatie):
    return organisatie, Organisatie.objects.create(naam="Zorgverzekeraar Test", soort="lokaal")


@pytest.fixture
def wonen(db):
    return Leefgebied.objects.get_or_create(code="wonen", defaults={"naam": "Wonen"})[0]


def maak(org, naam, **velden):
    velden.setdefault("email", f"{naam.split()[0].lower()}@example.org")
    return Contactpersoon.objects.create(organisatie=org, naam=naam, rol=velden.pop("rol", "Adviseur"),
                                         mandaat=velden.pop("mandaat", "Betalingsregelingen"), **velden)


def test_fifty_rows_and_one_row_within_the_same_query_budget(client_as, orgs, wonen, django_assert_max_num_queries):
    client = client_as("consulent")
    eerste = maak(orgs[0], "Anna Eerst")
    eerste.leefgebieden.add(wonen)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("telefoonlijst")).content.decode()
    assert "Anna Eerst" in body
    for i in range(60):
        c = maak(orgs[i % 2], f"Medewerker {i:02d}", escalatiecontact=eerste)
        c.leefgebieden.add(wonen)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("telefoonlijst")).content.decode()
    assert body.count("<tr>") == 51  # header + 50 rows, the rest on page 2
    assert "Pagina 1 van 2" in body


def test_search_by_text_organisation_and_leefgebied(client_as, orgs, wonen):
    client = client_as("maatwerkcoach")
    petra = maak(orgs[0], "Petra Wonen", rol="Teamleider incasso", mandaat="Huurachterstand bevriezen")
    petra.leefgebieden.add(wonen)
    maak(orgs[1], "Ruud Zorg", mandaat="Premieachterstand")
    maak(orgs[0], "Oud Contact", actief=False)
    url = reverse("telefoonlijst")
    assert "Ruud Zorg" not in client.get(url, {"organisatie": orgs[0].pk}).content.decode()
    body = client.get(url, {"leefgebied": wonen.pk}).content.decode()
    assert "Petra Wonen" in body and "Ruud Zorg" not in body
    body = client.get(url, {"q": "premie"}).content.decode()
    assert "Ruud Zorg" in body and "Petra Wonen" not in body
    body = client.get(url, {"q": orgs[1].naam[:8]}).content.decode()
    assert "Ruud Zorg" in body
    assert "Oud Contact" not in client.get(url, {"inactief": "1"}).content.decode()  # only maintainers see those


def test_csv_export_follows_the_filter(client_as, orgs):
    client = client_as("consulent")
    maak(orgs[0], "Petra Wonen")
    maak(orgs[1], "Ruud Zorg")
    response = client.get(reverse("telefoonlijst_export"), {"organisatie": orgs[1].pk})
    tekst = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Ruud Zorg" in tekst and "Petra Wonen" not in tekst
    assert tekst.splitlines()[0].startswith("Organisatie;Naam;Rol")


def test_new_contact_with_invalid_email_keeps_input_and_saves_nothing(client_as, orgs, wonen):
    client = client_as("beheerder")
    data = {"organisatie": orgs[0].pk, "naam": "Nieuwe Naam", "rol": "Adviseur", "mandaat": "Uitstel",
            "email": "geen-adres", "telefoon": "06-12345678", "leefgebieden": [wonen.pk], "actief": "on"}
    response = client.post(reverse("contactpersoon_nieuw"), data)
    body = response.content.decode()
    assert response.status_code == 200 and "Vul een geldig e-mailadres in" in body
    assert 'value="Nieuwe Naam"' in body and 'value="06-12345678"' in body
    assert not Contactpersoon.objects.filter(naam="Nieuwe Naam").exists()
    response = client.post(reverse("contactpersoon_nieuw"), {**data, "email": "nieuw@example.org"})
    assert response.status_code == 302
    nieuw = Contactpersoon.objects.get(naam="Nieuwe Naam")
    assert list(nieuw.leefgebieden.all()) == [wonen]


def test_escalation_contact_from_the_list_never_oneself(client_as, orgs, make_user):
    client = client_as("omo")
    baas = maak(orgs[0], "Henk Baas")
    petra = maak(orgs[0], "Petra Wonen")
    body = client.get(reverse("contactpersoon_wijzigen", kwargs={"cid": petra.pk})).content.decode()
    keuzes = body.split('name="escalatiecontact"')[1].split("</select>")[0]
    assert "Henk Baas" in keuzes and "Petra Wonen" not in keuzes
    data = {"organisatie": orgs[0].pk, "naam": "Petra Wonen", "rol": "R", "mandaat": "M", "email": "petra@example.org",
            "actief": "on", "escalatiecontact": petra.pk}
    response = client.post(reverse("contactpersoon_wijzigen", kwargs={"cid": petra.pk}), data)
    assert response.status_code == 200 and "niet de contactpersoon zelf" in response.content.decode()
    petra.refresh_from_db()
    assert petra.escalatiecontact is None
    velden = {"naam": "Petra Wonen", "rol": "R", "mandaat": "M", "email": "petra@example.org", "escalatiecontact": petra}
    with pytest.raises(Weigering) as fout:
        services.bewaar_contactpersoon(make_user("omo"), velden, (), pk=petra.pk)
    assert fout.value.field == "escalatiecontact"
    client.post(reverse("contactpersoon_wijzigen", kwargs={"cid": petra.pk}), {**data, "escalatiecontact": baas.pk})
    petra.refresh_from_db()
    assert petra.escalatiecontact == baas


def test_deactivated_contact_leaves_the_list_and_can_come_back(client_as, orgs, klare_casus):
    client = client_as("omo")
    petra = maak(orgs[0], "Petra Wonen")
    response = client.post(reverse("contactpersoon_actief", kwargs={"cid": petra.pk}), {"actief": "0"}, follow=True)
    assert "gedeactiveerd" in response.content.decode()
    assert "Petra Wonen" not in client.get(reverse("telefoonlijst")).content.decode()
    assert "Petra Wonen" in client.get(reverse("telefoonlijst"), {"inactief": "1"}).content.decode()
    casus = klare_casus()
    keuzes = client.get(reverse("verzoek_nieuw", kwargs={"pk": casus.pk})).content.decode()
    assert "Petra Wonen" not in keuzes
    client.post(reverse("contactpersoon_actief", kwargs={"cid": petra.pk}), {"actief": "1"})
    petra.refresh_from_db()
    assert petra.actief


def test_only_maintainers_change_the_list(make_user, orgs):
    with pytest.raises(Weigering):
        services.bewaar_contactpersoon(make_user("consulent"), {"organisatie": orgs[0], "naam": "X", "rol": "R",
                                                                "mandaat": "M", "email": "x@example.org"})
    petra = maak(orgs[0], "Petra Wonen")
    with pytest.raises(Weigering):
        services.deactiveer_contactpersoon(make_user("maatwerkcoach"), petra.pk)
    petra.refresh_from_db()
    assert petra.actief
