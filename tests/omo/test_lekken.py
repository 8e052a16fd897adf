"""The leaks found on `make run`'s demo data, each repeated here as the attacker did it, and the
access log of every way a case is shown (DESIGN §9, §10)."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from budget.models import Aanvraag
from casussen.models import Canvas, Casus
from escalatie.models import Contactpersoon, Overleg, Verzoek
from escalatie.services import verzoek as verzoek_services
from omo.models import Notificatie, Toegangslog, User

S = Toegangslog.Soort


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def als(client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    return user


def _canvasteksten():
    teksten = []
    for canvas in Canvas.objects.all():
        teksten += [t for t in (canvas.aan_de_hand, canvas.wil_inwoner, canvas.eerst_oplossen) if len(t) > 25]
    assert teksten
    return teksten


@pytest.mark.django_db
def test_a_standing_participant_reads_no_canvas_on_the_agenda(client, demo):
    houder = als(client, "budgethouder")
    overleggen = Overleg.objects.filter(reeks__vaste_deelnemers=houder, agendapunten__isnull=False).distinct()
    assert overleggen.exists()
    teksten = _canvasteksten()
    for overleg in overleggen:
        html = client.get(reverse("overleg_detail", kwargs={"pk": overleg.pk})).content.decode()
        assert not [t for t in teksten if t in html], overleg
        for punt in overleg.agendapunten.select_related("casus"):
            assert punt.casus.code in html  # code, title and question stay


@pytest.mark.django_db
def test_the_audit_log_shows_which_case_fields_changed_never_their_values(client, demo):
    als(client, "beheerder")
    teksten = _canvasteksten()
    for pagina in (1, 2, 3):
        html = client.get(reverse("audit"), {"tab": "wijzigingen", "pagina": pagina}).content.decode()
        assert not [t for t in teksten if t in html]
    html = client.get(reverse("audit"), {"tab": "wijzigingen", "soort": "casussen.Canvas"}).content.decode()
    assert "aan_de_hand" in html  # which field changed, by whom and when
    assert not [t for t in teksten if t in html]


@pytest.mark.django_db
def test_a_beheerder_cannot_link_a_contact_to_itself_and_a_link_opens_nothing(client, demo):
    beheerder = als(client, "beheerder")
    contact = Contactpersoon.objects.filter(verzoeken__isnull=False).first()
    url = reverse("contactpersoon_wijzigen", kwargs={"cid": contact.pk})
    html = client.get(url).content.decode()
    keuzes = re.search(r'<select name="gebruiker".*?</select>', html, re.S).group(0)
    assert f'value="{beheerder.pk}"' not in keuzes  # not offered
    data = {
        "organisatie": contact.organisatie_id, "naam": contact.naam, "rol": contact.rol, "mandaat": contact.mandaat,
        "telefoon": contact.telefoon, "email": contact.email, "gebruiker": beheerder.pk,
        "leefgebieden": list(contact.leefgebieden.values_list("pk", flat=True)),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.gebruiker_id is None
    # Linked behind OMO's back (in the database): still no verzoek opens for a beheerder.
    Contactpersoon.objects.filter(pk=contact.pk).update(gebruiker=beheerder)
    verzoek = contact.verzoeken.first()
    assert client.get(reverse("verzoek_detail", kwargs={"vid": verzoek.pk})).status_code == 404
    assert client.get(reverse("verzoek_lijst")).status_code == 403


@pytest.mark.django_db
def test_the_loans_list_shows_college_and_beheerder_no_case_or_purpose(client, demo):
    leningen = Aanvraag.objects.filter(soort__in=Aanvraag.TERUG_TE_BETALEN).exclude(status="concept")
    assert leningen.exists()
    for username in ("college", "beheerder"):
        als(client, username)
        html = client.get(reverse("budget_leningen")).content.decode()
        for lening in leningen:
            assert lening.doel[:40] not in html, username
            assert reverse("aanvraag_detail", kwargs={"pk": lening.pk}) not in html
    als(client, "omo")
    html = client.get(reverse("budget_leningen")).content.decode()
    assert any(lening.doel[:40] in html for lening in leningen)


@pytest.mark.django_db
def test_every_notification_link_opens_for_its_reader(client, demo):
    meldingen = Notificatie.objects.exclude(link="").select_related("gebruiker")
    assert meldingen.count() >= 5
    for melding in meldingen:
        client.force_login(melding.gebruiker)
        status = client.get(melding.link).status_code
        assert status == 200, f"{melding.gebruiker.username}: {melding.link} → {status}"


@pytest.mark.django_db
def test_a_nul_byte_in_a_search_is_a_dutch_400(client, demo):
    als(client, "consulent")
    response = client.get("/inspiratie/?q=a%00b")
    assert response.status_code == 400 and "lang=\"nl\"" in response.content.decode()


# --- The access log ---------------------------------------------------------------------------


def _gelogd(user, soort):
    return set(Toegangslog.objects.filter(gebruiker=user, soort=soort).values_list("object_omschrijving", flat=True))


@pytest.mark.django_db
def test_lists_searches_exports_and_inspiratie_log_each_case_shown(client, demo):
    omo = als(client, "omo")
    html = client.get(reverse("casus_lijst")).content.decode()
    # The cases on the page, each logged; those on a later page are logged when it is shown.
    getoond = {code for code in Casus.objects.values_list("code", flat=True) if code in html}
    assert getoond and _gelogd(omo, S.LIJST) == getoond
    if len(getoond) < Casus.objects.count():
        html = client.get(reverse("casus_lijst"), {"pagina": 2}).content.decode()
        getoond |= {code for code in Casus.objects.values_list("code", flat=True) if code in html}
        assert _gelogd(omo, S.LIJST) == getoond
    eerste = Casus.objects.order_by("pk").first()
    client.get(reverse("casus_lijst"), {"q": eerste.code})
    assert eerste.code in _gelogd(omo, S.ZOEKRESULTAAT)
    response = client.get(reverse("casus_export"))
    b"".join(response.streaming_content)
    # The export follows the list: without vervallen cases unless the filter asks for them.
    assert _gelogd(omo, S.EXPORT) == set(Casus.objects.exclude(status="vervallen").values_list("code", flat=True))
    voor = Toegangslog.objects.filter(gebruiker=omo, pad__startswith="/inspiratie/").count()
    client.get(reverse("inspiratie"))
    assert Toegangslog.objects.filter(gebruiker=omo, pad__startswith="/inspiratie/").count() > voor
    voor = Toegangslog.objects.filter(gebruiker=omo, pad__startswith="/budget/leningen/").count()
    client.get(reverse("budget_leningen"))
    assert Toegangslog.objects.filter(gebruiker=omo, pad__startswith="/budget/leningen/").count() > voor
    # Labels are codes, never a title or other case text.
    assert not Toegangslog.objects.filter(object_omschrijving__in=Casus.objects.values("titel")).exists()


@pytest.mark.django_db
def test_a_refused_attempt_on_a_case_is_logged(client, demo):
    consulent = als(client, "consulent")
    vreemd = Casus.objects.exclude(casushouder=consulent).exclude(medebehandelaars=consulent).first()
    assert client.get(reverse("casus_detail", kwargs={"pk": vreemd.pk})).status_code == 404
    assert Toegangslog.objects.filter(gebruiker=consulent, soort=S.GEWEIGERD, object_id=str(vreemd.pk)).exists()


@pytest.mark.django_db
def test_a_view_through_the_external_link_is_logged(client, demo):
    verzoek = Verzoek.objects.filter(status="open").first()
    token = verzoek_services.maak_link(verzoek).rstrip("/").rsplit("/", 1)[-1]
    assert client.get(reverse("verzoek_extern", kwargs={"token": token})).status_code == 200
    assert Toegangslog.objects.filter(soort=S.EXTERN, object_id=str(verzoek.pk)).exists()


@pytest.mark.django_db
def test_every_authenticated_response_is_no_store(client, demo):
    als(client, "consulent")
    for url in (reverse("home"), reverse("casus_lijst"), reverse("casus_export"), "/bestaat-niet/"):
        assert client.get(url)["Cache-Control"] == "no-store, private", url
