"""Meeting mode pages: the agenda with the current item, its timer, summary, kassabons and the
suggested level; the outcome form (errors keep the input); starting, closing, the verslag
download and the addendum — within the query budget for 1 and 15 items."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from casussen.models import Besluit, Status
from escalatie.models import Agendapunt, Overleg, Verslag
from escalatie.services import bespreking as services
from escalatie.services import overleg as overleg_services
from omo import berichten
from omo.models import Toegangslog

NU = datetime.datetime(2026, 12, 8, 10, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))
INGEDIEND = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def _tijd(time_machine):
    time_machine.move_to(NU)


def agendeer(overleg, klare_casus, consulent, n):
    return [
        overleg_services.dien_in(klare_casus(titel=f"Casus {i}").pk, consulent, f"Vraag {i}", overleg.pk, now=INGEDIEND)
        for i in range(n)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 15])
def test_meeting_mode_shows_the_current_item_within_the_query_budget(
    client, overleg, klare_casus, consulent, omo_user, aantal, django_assert_max_num_queries
):
    punten = agendeer(overleg, klare_casus, consulent, aantal)
    client.force_login(omo_user)
    url = reverse("bespreking", kwargs={"pk": overleg.pk})
    client.get(url)
    # 13: the case rule of every item (canvas only for who may see the case) reads the
    # medebehandelaars of all items in one query.
    with django_assert_max_num_queries(13):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    # the agenda in order, the first open item current, with its question and timebox
    assert aantal == 1 or body.index("Casus 0") < body.index(f"Casus {aantal - 1}")
    assert 'aria-current="true"' in body and "Vraag 0" in body
    assert 'role="timer"' in body and 'aria-live="polite"' in body and "js/timer.js" in body
    assert 'data-vragen="15"' in body and 'data-oplossing="15"' in body
    # the canvas, the kassabon of the scenario and the suggested level
    assert "Huurachterstand na ziekenhuisopname" in body
    assert "Lening voor de huurachterstand" in body and "Kassabon" in body
    assert "Voorgesteld niveau" in body
    assert Toegangslog.objects.filter(object_id=str(punten[0].casus.pk), pad=url).exists()


@pytest.mark.django_db
def test_another_item_can_be_chosen(client, overleg, klare_casus, consulent, omo_user):
    punten = agendeer(overleg, klare_casus, consulent, 3)
    client.force_login(omo_user)
    body = client.get(reverse("bespreking", kwargs={"pk": overleg.pk}) + f"?punt={punten[2].pk}").content.decode()
    assert "Vraag 2" in body and "Vraag 0" not in body


@pytest.mark.django_db
def test_an_outcome_without_motivation_keeps_the_input_and_changes_nothing(
    client, overleg, klare_casus, consulent, omo_user
):
    (punt,) = agendeer(overleg, klare_casus, consulent, 1)
    client.force_login(omo_user)
    response = client.post(
        reverse("bespreking_uitkomst", kwargs={"pk": overleg.pk, "aid": punt.pk}),
        {f"p{punt.pk}-uitkomst": "afgewezen", f"p{punt.pk}-advies": "Goed gesprek gevoerd",
         f"p{punt.pk}-actie_1": "Bel de verhuurder", f"p{punt.pk}-eigenaar_1": "Sanne"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Goed gesprek gevoerd" in body and "Bel de verhuurder" in body
    assert "inwoner uit te leggen" in body and "is-invalid" in body
    punt.refresh_from_db()
    punt.casus.refresh_from_db()
    assert punt.status == "ingediend" and punt.casus.status == Status.GEAGENDEERD
    assert not Besluit.objects.exists()


@pytest.mark.django_db
def test_an_action_item_in_the_past_is_refused_with_the_input_kept(client, overleg, klare_casus, consulent, omo_user):
    (punt,) = agendeer(overleg, klare_casus, consulent, 1)
    client.force_login(omo_user)
    response = client.post(
        reverse("bespreking_uitkomst", kwargs={"pk": overleg.pk, "aid": punt.pk}),
        {f"p{punt.pk}-uitkomst": "niets_doen", f"p{punt.pk}-motivatie": "Het loopt weer",
         f"p{punt.pk}-actie_1": "Bel de verhuurder", f"p{punt.pk}-eigenaar_1": "Sanne",
         f"p{punt.pk}-deadline_1": "2026-12-01"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "in het verleden" in body and "Het loopt weer" in body
    punt.refresh_from_db()
    assert punt.status == "ingediend"


@pytest.mark.django_db
def test_recording_akkoord_through_the_form_and_deciding_twice(client, overleg, klare_casus, consulent, omo_user):
    (punt,) = agendeer(overleg, klare_casus, consulent, 1)
    scenario = punt.casus.scenarios.get()
    client.force_login(omo_user)
    url = reverse("bespreking_uitkomst", kwargs={"pk": overleg.pk, "aid": punt.pk})
    data = {f"p{punt.pk}-uitkomst": "akkoord", f"p{punt.pk}-scenario": str(scenario.pk),
            f"p{punt.pk}-advies": "Regel de lening deze week", f"p{punt.pk}-actie_1": "Lening regelen",
            f"p{punt.pk}-eigenaar_1": "Sanne", f"p{punt.pk}-deadline_1": "2026-12-18"}
    response = client.post(url, data, follow=True)
    assert "Uitkomst vastgelegd" in response.content.decode()
    punt.refresh_from_db()
    punt.casus.refresh_from_db()
    assert punt.casus.status == Status.BESLOTEN and punt.uitkomst == "akkoord"
    assert punt.motivatie == "Regel de lening deze week"  # the advice is the motivation
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.BEZIG  # started implicitly
    response = client.post(url, {**data, f"p{punt.pk}-uitkomst": "niets_doen", f"p{punt.pk}-motivatie": "x"},
                           follow=True)
    assert "al een uitkomst" in response.content.decode()
    punt.refresh_from_db()
    assert punt.uitkomst == "akkoord" and Besluit.objects.filter(casus=punt.casus).count() == 1


@pytest.mark.django_db
def test_start_close_download_and_addendum(client, overleg, reeks, klare_casus, consulent, omo_user,
                                          django_capture_on_commit_callbacks, django_assert_max_num_queries):
    punten = agendeer(overleg, klare_casus, consulent, 2)
    client.force_login(omo_user)
    client.post(reverse("bespreking_starten", kwargs={"pk": overleg.pk}))
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.BEZIG and overleg.geopend_op is not None
    services.leg_uitkomst_vast(punten[0].pk, omo_user, "afgewezen", motivatie="Past niet in de Participatiewet")

    sluiten = reverse("bespreking_sluiten", kwargs={"pk": overleg.pk})
    with django_assert_max_num_queries(12):
        body = client.get(sluiten).content.decode()
    deelnemer = reeks.vaste_deelnemers.get()
    assert f'value="{deelnemer.pk}"' in body and "checked" in body and "Casus 1" in body
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(sluiten, {"aanwezigen": [str(omo_user.pk), str(deelnemer.pk)],
                                         "aanwezigen_extern": "Jan de Wit (Woonstede)"}, follow=True)
    body = response.content.decode()
    assert "verslag wordt gemaakt" in body
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GESLOTEN
    assert set(overleg.aanwezigen.all()) == {omo_user, deelnemer}
    assert len(callbacks) == 1  # the verslag task, queued after commit; here its body runs directly
    verslag = Verslag.objects.get(pk=services.maak_verslag(overleg.pk))
    detail = client.get(reverse("overleg_detail", kwargs={"pk": overleg.pk})).content.decode()
    assert reverse("verslag_download", kwargs={"pk": overleg.pk}) in detail

    # a closed meeting: the meeting mode, outcomes and closing refuse with a message
    response = client.get(reverse("bespreking", kwargs={"pk": overleg.pk}), follow=True)
    assert "gesloten" in response.content.decode()
    response = client.post(sluiten, {"aanwezigen": []}, follow=True)
    assert "heropenen kan niet" in response.content.decode()

    # the download: participants (also without a case role) and the OMO-functionaris, logged
    client.force_login(deelnemer)
    response = client.get(reverse("verslag_download", kwargs={"pk": overleg.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert "Past niet in de Participatiewet" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert Toegangslog.objects.filter(gebruiker=deelnemer, object_id=str(verslag.pk)).exists()

    client.force_login(omo_user)
    url = reverse("verslag_addendum", kwargs={"pk": overleg.pk})
    response = client.post(url, {"tekst": "  "})
    assert response.status_code == 200 and "Schrijf de aanvulling" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"tekst": "Het actiepunt ligt bij Woonstede."})
    berichten.verstuur_wachtende()
    addendum_mails = [m for m in mail.outbox if "Woonstede" in m.body]
    assert len(addendum_mails) == 1 and deelnemer.email in addendum_mails[0].to
    assert Agendapunt.objects.get(pk=punten[1].pk).overleg != overleg


@pytest.mark.django_db
def test_closing_before_the_date_asks_for_confirmation_on_the_page(client, overleg, omo_user, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 7, 16, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
    client.force_login(omo_user)
    sluiten = reverse("bespreking_sluiten", kwargs={"pk": overleg.pk})
    body = client.get(sluiten).content.decode()
    assert "gepland op dinsdag 8 december 2026" in body and 'name="voor_de_datum"' in body
    response = client.post(sluiten, {"aanwezigen": [str(omo_user.pk)], "aanwezigen_extern": "Jan de Wit"})
    body = response.content.decode()
    assert response.status_code == 200 and "Bevestig dat je het nu al sluit" in body
    assert "Jan de Wit" in body  # what was typed stays
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GEPLAND
    response = client.post(sluiten, {"aanwezigen": [str(omo_user.pk)], "voor_de_datum": "on"})
    assert response.status_code == 302
    overleg.refresh_from_db()
    assert overleg.status == Overleg.Status.GESLOTEN
