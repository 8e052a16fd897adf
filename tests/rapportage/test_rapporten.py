"""The quarterly report and reports over any period: the concept at 06:00 on the first werkdag of
a quarter (once), the narrative with autosave and its conflict, finalising (and what a definitief
report refuses), a new version, the notifications to College and beleid, the download log and
the query budget of every page."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import InternalError, ProgrammingError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from omo import services as omo_services
from omo.eenmalig import nieuw_token
from omo.models import Notificatie, Sluitingsdag, Toegangslog
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM
from rapportage.models import SECTIES, Rapport, RapportBestand
from rapportage.perioden import kwartaal, vorig_kwartaal
from rapportage.services import rapporten as services
from rapportage.tasks import kwartaalrapportage_maken

pytestmark = pytest.mark.django_db

TEKSTEN = {code: f"{naam}: wat de OMO-functionaris zag in dit kwartaal." for code, naam in SECTIES}


def om(y, m, d, h=6, mi=0):
    return datetime.datetime(y, m, d, h, mi, tzinfo=AMSTERDAM)


def concept(vandaag=datetime.date(2026, 10, 2)) -> Rapport:
    return services.maak_kwartaalconcept(vandaag)


def vul(rapport, user, **teksten):
    for code, tekst in {**TEKSTEN, **teksten}.items():
        rapport.refresh_from_db()
        services.bewaar_sectie(user, rapport, code, tekst, services.basis_van(getattr(rapport, code)))
    rapport.refresh_from_db()
    return rapport


def definitief(rapport, user, django_capture_on_commit_callbacks):
    vul(rapport, user)
    with django_capture_on_commit_callbacks(execute=False):
        services.maak_definitief(user, rapport)
    rapport.refresh_from_db()
    return rapport


# --- The concept at the start of a quarter -----------------------------------------------------


def test_concept_of_the_previous_quarter_is_made_once_with_frozen_figures(omo_user, make_user, consulent, make_casus):
    make_casus(consulent, datum_signaal=datetime.date(2026, 8, 3))
    make_casus(consulent, datum_signaal=datetime.date(2026, 10, 1))  # the next quarter: not counted
    tweede_omo = make_user("omo")
    rapport = concept()
    assert (rapport.soort, rapport.van, rapport.tot, rapport.versie, rapport.status) == (
        "kwartaal", datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), 1, "concept")
    assert rapport.titel == "Kwartaalrapportage Q3 2026"
    assert rapport.cijfers["casussen"]["nieuw"] == 1
    assert rapport.cijfers["patronen"] == []
    # A second run (or the next day's) makes nothing and notifies nobody again.
    assert concept() is None
    assert concept(datetime.date(2026, 11, 20)) is None
    assert Rapport.objects.count() == 1
    for user in (omo_user, tweede_omo):
        (n,) = Notificatie.objects.filter(gebruiker=user)
        assert "Kwartaalrapportage Q3 2026" in n.tekst and n.link == reverse("rapport_detail", args=[rapport.pk])
    # Later registrations do not change the frozen figures until the OMO-functionaris asks.
    make_casus(consulent, datum_signaal=datetime.date(2026, 9, 30))
    rapport.refresh_from_db()
    assert rapport.cijfers["casussen"]["nieuw"] == 1
    services.ververs_cijfers(omo_user, rapport)
    rapport.refresh_from_db()
    assert rapport.cijfers["casussen"]["nieuw"] == 2


def test_quarter_boundaries():
    assert vorig_kwartaal(datetime.date(2026, 1, 2)) == (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))
    assert vorig_kwartaal(datetime.date(2026, 5, 31)) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert vorig_kwartaal(datetime.date(2026, 9, 30)) == (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    assert services.kwartaal_titel(datetime.date(2025, 10, 1)) == "Kwartaalrapportage Q4 2025"


@pytest.mark.parametrize("te_vroeg, op_tijd, kwartaal", [
    # 1 January 2026 is Nieuwjaarsdag (a Thursday): the concept of Q4 2025 comes on Friday 2 January.
    ([om(2026, 1, 1, 6), om(2026, 1, 1, 23), om(2026, 1, 2, 5, 59)], om(2026, 1, 2, 6), (2025, 10)),
    # 1 April 2028 is a Saturday: Monday 3 April.
    ([om(2028, 4, 1, 6), om(2028, 4, 2, 12), om(2028, 4, 3, 5, 30)], om(2028, 4, 3, 6), (2028, 1)),
])
def test_the_concept_comes_at_0600_on_the_first_werkdag(omo_user, te_vroeg, op_tijd, kwartaal):
    for moment in te_vroeg:
        with time_machine.travel(moment, tick=False):
            assert kwartaalrapportage_maken() is None
    assert not Rapport.objects.exists()
    with time_machine.travel(op_tijd, tick=False):
        pk = kwartaalrapportage_maken()
    rapport = Rapport.objects.get(pk=pk)
    assert (rapport.van.year, rapport.van.month) == kwartaal
    with time_machine.travel(op_tijd + datetime.timedelta(days=1), tick=False):
        assert kwartaalrapportage_maken() is None  # once


def test_a_sluitingsdag_moves_the_concept_and_a_worker_that_was_down_catches_up(omo_user):
    Sluitingsdag.objects.create(datum=datetime.date(2026, 10, 1), omschrijving="Verhuizing stadhuis")
    with time_machine.travel(om(2026, 10, 1, 6), tick=False):
        assert kwartaalrapportage_maken() is None
    # The worker was down on Friday 2 October; its run on Monday catches up.
    with time_machine.travel(om(2026, 10, 5, 6), tick=False):
        assert kwartaalrapportage_maken() is not None
    assert Rapport.objects.get().titel == "Kwartaalrapportage Q3 2026"


def test_the_task_is_scheduled_daily_at_0600():
    from omo.celery import app

    (entry,) = [e for e in app.conf.beat_schedule.values() if e["task"] == "rapportage.tasks.kwartaalrapportage_maken"]
    assert entry["schedule"].hour == {6} and entry["schedule"].minute == {0}
    assert app.conf.timezone == "Europe/Amsterdam"


# --- A report over any period ------------------------------------------------------------------


def test_a_period_that_ends_before_it_starts_is_refused_and_nothing_is_made(omo_user):
    with pytest.raises(Weigering) as fout:
        services.maak_rapport(omo_user, datetime.date(2026, 6, 1), datetime.date(2026, 5, 31), "Eind pilot")
    assert fout.value.field == "tot" and "eindigt vóór ze begint" in fout.value.message
    assert not Rapport.objects.exists()


def test_the_form_keeps_the_input_and_shows_the_message_at_the_field(client, omo_user):
    client.force_login(omo_user)
    response = client.post(reverse("rapport_nieuw"), {"titel": "Eindrapportage pilot", "van": "2026-06-01",
                                                      "tot": "2026-05-31", "eenmalig": nieuw_token()})
    html = response.content.decode()
    assert response.status_code == 200 and not Rapport.objects.exists()
    assert "eindigt vóór ze begint" in html
    assert 'value="Eindrapportage pilot"' in html and 'value="2026-06-01"' in html and 'value="2026-05-31"' in html
    assert re.search(r'id="id_tot"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="id_tot"', html)


@time_machine.travel(om(2026, 12, 1, 10), tick=False)
def test_an_end_report_over_any_period_and_no_second_one(client, omo_user, consulent, make_casus):
    make_casus(consulent, datum_signaal=datetime.date(2025, 3, 1))
    make_casus(consulent, datum_signaal=datetime.date(2026, 11, 30))
    client.force_login(omo_user)
    response = client.post(reverse("rapport_nieuw"), {"titel": "Eindrapportage pilot", "van": "2025-01-01",
                                                      "tot": "2026-11-30", "eenmalig": nieuw_token()})
    rapport = Rapport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("rapport_detail", args=[rapport.pk])
    assert (rapport.soort, rapport.titel, rapport.cijfers["casussen"]["nieuw"]) == ("periode", "Eindrapportage pilot", 2)
    with pytest.raises(Weigering, match="al een concept over deze periode"):
        services.maak_rapport(omo_user, datetime.date(2025, 1, 1), datetime.date(2026, 11, 30), "Nog een")
    with pytest.raises(Weigering, match="niet na vandaag") as fout:
        services.maak_rapport(omo_user, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), "Te vroeg")
    assert fout.value.field == "tot" and Rapport.objects.count() == 1


# --- Writing with autosave ---------------------------------------------------------------------


def test_autosave_saves_and_answers_with_the_time_and_the_new_basis(client, omo_user):
    rapport = concept()
    client.force_login(omo_user)
    url = reverse("rapport_sectie", args=[rapport.pk, "samenvatting"])
    with time_machine.travel(om(2026, 10, 5, 10, 42), tick=False):
        response = client.post(url, {"samenvatting": "Eerste zin.\r\nTweede zin.",
                                     "basis_samenvatting": services.basis_van("")}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    rapport.refresh_from_db()
    assert rapport.samenvatting == "Eerste zin.\nTweede zin." and rapport.gewijzigd_door == omo_user
    assert "Opgeslagen om 10:42" in html
    nieuwe_basis = services.basis_van(rapport.samenvatting)
    assert f'id="basis-samenvatting" value="{nieuwe_basis}" hx-swap-oob="true"' in html
    # The next save starts from that basis.
    client.post(url, {"samenvatting": "Eerste zin. Tweede zin.", "basis_samenvatting": nieuwe_basis},
                HTTP_HX_REQUEST="true")
    rapport.refresh_from_db()
    assert rapport.samenvatting == "Eerste zin. Tweede zin."


def test_autosave_over_someone_elses_change_is_refused_and_changes_nothing(client, omo_user, make_user):
    collega = make_user("omo", first_name="Karin", last_name="Dekker")
    rapport = concept()
    begin = services.basis_van("")
    services.bewaar_sectie(collega, rapport, "bevindingen", "De tekst van Karin.", begin)
    client.force_login(omo_user)
    response = client.post(reverse("rapport_sectie", args=[rapport.pk, "bevindingen"]),
                           {"bevindingen": "Mijn tekst.", "basis_bevindingen": begin}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "intussen door Karin Dekker gewijzigd" in html and "Je tekst staat er nog" in html
    assert "hx-swap-oob" not in html  # the editor keeps its basis and its text
    rapport.refresh_from_db()
    assert rapport.bevindingen == "De tekst van Karin." and rapport.gewijzigd_door == collega


def test_the_submit_fallback_saves_all_sections_and_shows_a_conflict_with_both_texts(client, omo_user, make_user):
    rapport = concept()
    client.force_login(omo_user)
    leeg = services.basis_van("")
    data = {code: f"Tekst {code}" for code, _n in SECTIES} | {f"basis_{code}": leeg for code, _n in SECTIES}
    response = client.post(reverse("rapport_detail", args=[rapport.pk]), data)
    assert response.status_code == 302
    rapport.refresh_from_db()
    assert all(getattr(rapport, code) == f"Tekst {code}" for code, _n in SECTIES)

    services.bewaar_sectie(make_user("omo"), rapport, "leerpunten", "Andere leerpunten.", services.basis_van("Tekst leerpunten"))
    data = {"leerpunten": "Mijn leerpunten.", "basis_leerpunten": services.basis_van("Tekst leerpunten")}
    response = client.post(reverse("rapport_detail", args=[rapport.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200 and "intussen door" in html
    assert "Mijn leerpunten." in html and "Andere leerpunten." in html
    rapport.refresh_from_db()
    assert rapport.leerpunten == "Andere leerpunten."
    # Submitting again, with the basis of the text now stored, saves it deliberately.
    nieuw = services.basis_van("Andere leerpunten.")
    assert f'value="{nieuw}"' in html
    client.post(reverse("rapport_detail", args=[rapport.pk]), {"leerpunten": "Mijn leerpunten.", "basis_leerpunten": nieuw})
    rapport.refresh_from_db()
    assert rapport.leerpunten == "Mijn leerpunten."


# --- Finalising --------------------------------------------------------------------------------


def test_finalising_with_an_empty_section_names_it_and_changes_nothing(client, omo_user):
    rapport = vul(concept(), omo_user, leerpunten="", aanbevelingen="   ")
    with pytest.raises(Weigering) as fout:
        services.maak_definitief(omo_user, rapport)
    assert fout.value.message == "Nog niet definitief: vul eerst leerpunten en aanbevelingen in."
    client.force_login(omo_user)
    response = client.post(reverse("rapport_definitief", args=[rapport.pk]), follow=True)
    assert "vul eerst leerpunten en aanbevelingen in" in response.content.decode()
    rapport.refresh_from_db()
    assert rapport.status == "concept" and rapport.definitief_op is None and rapport.definitief_door is None
    # The confirmation page lists what is missing instead of offering the button.
    html = client.get(reverse("rapport_definitief", args=[rapport.pk])).content.decode()
    assert "Leerpunten" in html and "Ja, definitief maken" not in html


def test_finalising_queues_the_rendering_after_commit(omo_user, django_capture_on_commit_callbacks):
    rapport = vul(concept(), omo_user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.maak_definitief(omo_user, rapport)
    rapport.refresh_from_db()
    assert rapport.status == "definitief" and rapport.definitief_door == omo_user and rapport.definitief_op
    assert len(callbacks) == 1
    with pytest.raises(Weigering, match="al definitief"):
        services.maak_definitief(omo_user, rapport)


def test_a_definitief_report_cannot_be_changed(client, omo_user, django_capture_on_commit_callbacks):
    rapport = definitief(concept(), omo_user, django_capture_on_commit_callbacks)
    voor = Rapport.objects.filter(pk=rapport.pk).values().get()
    for poging in (
        lambda: services.bewaar_sectie(omo_user, rapport, "samenvatting", "Anders", services.basis_van(rapport.samenvatting)),
        lambda: services.ververs_cijfers(omo_user, rapport),
    ):
        with pytest.raises(Weigering) as fout:
            poging()
        assert fout.value.message == "Een definitieve rapportage kan niet meer worden gewijzigd; maak een nieuwe versie."
    client.force_login(omo_user)
    response = client.post(reverse("rapport_sectie", args=[rapport.pk, "samenvatting"]),
                           {"samenvatting": "Anders", "basis_samenvatting": services.basis_van(rapport.samenvatting)},
                           HTTP_HX_REQUEST="true")
    assert "maak een nieuwe versie" in response.content.decode()
    response = client.post(reverse("rapport_detail", args=[rapport.pk]), {"samenvatting": "Anders"}, follow=True)
    assert "maak een nieuwe versie" in response.content.decode()
    # Not even past the services: the database refuses.
    for sql in (f"UPDATE rapportage_rapport SET samenvatting = 'x' WHERE id = {rapport.pk}",
                f"DELETE FROM rapportage_rapport WHERE id = {rapport.pk}"):
        with pytest.raises((InternalError, ProgrammingError)), transaction.atomic(), connection.cursor() as c:
            c.execute(sql)
    assert Rapport.objects.filter(pk=rapport.pk).values().get() == voor


def test_a_new_version_keeps_the_old_one(client, omo_user, consulent, make_casus, django_capture_on_commit_callbacks):
    rapport = definitief(concept(), omo_user, django_capture_on_commit_callbacks)
    make_casus(consulent, datum_signaal=datetime.date(2026, 9, 1))  # registered late
    services.render_pdfs(rapport.pk)
    client.force_login(omo_user)
    response = client.post(reverse("rapport_nieuwe_versie", args=[rapport.pk]))
    nieuw = Rapport.objects.get(vorige=rapport)
    assert response["Location"] == reverse("rapport_detail", args=[nieuw.pk])
    assert (nieuw.versie, nieuw.status, nieuw.titel, nieuw.van, nieuw.tot) == (2, "concept", rapport.titel, rapport.van, rapport.tot)
    assert all(getattr(nieuw, code) == TEKSTEN[code] for code in TEKSTEN)
    assert nieuw.cijfers["casussen"]["nieuw"] == 1 and rapport.cijfers["casussen"]["nieuw"] == 0
    with pytest.raises(Weigering, match="al een nieuwe versie"):
        services.nieuwe_versie(omo_user, rapport)
    with pytest.raises(Weigering, match="Alleen van een definitieve"):
        services.nieuwe_versie(omo_user, nieuw)
    # The old version stays, with its files; the page shows the chain.
    assert client.get(reverse("rapport_pdf", args=[rapport.pk, "volledig"])).status_code == 200
    html = client.get(reverse("rapport_detail", args=[nieuw.pk])).content.decode()
    assert reverse("rapport_detail", args=[rapport.pk]) in html and "Versie 1" in html
    nieuw = definitief(nieuw, omo_user, django_capture_on_commit_callbacks)
    services.render_pdfs(nieuw.pk)
    assert RapportBestand.objects.filter(rapport=rapport).count() == 2
    assert RapportBestand.objects.filter(rapport=nieuw).count() == 2


# --- PDFs, notifications, downloads ------------------------------------------------------------


def test_college_and_beleid_are_notified_once_in_the_app_and_by_email(
    omo_user, beleid_user, college_user, make_user, django_capture_on_commit_callbacks,
):
    make_user("college", is_active=False)
    consulent = make_user("consulent")
    rapport = definitief(concept(), omo_user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):
        ids = services.render_pdfs(rapport.pk)
        assert services.render_pdfs(rapport.pk) == ids  # a retried task renders nothing again
    assert RapportBestand.objects.filter(rapport=rapport).count() == 2
    meldingen = Notificatie.objects.filter(sleutel=f"rapport-definitief-{rapport.pk}")
    assert sorted(n.gebruiker_id for n in meldingen) == sorted([beleid_user.pk, college_user.pk])
    assert not Notificatie.objects.filter(gebruiker=consulent).exists()
    for n in meldingen:
        assert n.link == reverse("rapport_detail", args=[rapport.pk]) and "Kwartaalrapportage Q3 2026" in n.tekst
        omo_services.send_notificatie_mail(n.pk)  # what the queued task does
    assert sorted(m.to[0] for m in mail.outbox) == sorted([beleid_user.email, college_user.email])
    assert all(f"/rapportages/{rapport.pk}/" in m.body for m in mail.outbox)


def test_download_is_an_access_logged_attachment_without_personal_data(
    client, omo_user, college_user, django_capture_on_commit_callbacks,
):
    rapport = definitief(concept(), omo_user, django_capture_on_commit_callbacks)
    services.render_pdfs(rapport.pk)
    client.force_login(college_user)
    for variant, naam in (("volledig", "omo-kwartaalrapportage-2026-q3-v1.pdf"),
                          ("publiek", "omo-kwartaalrapportage-2026-q3-v1-publiek.pdf")):
        response = client.get(reverse("rapport_pdf", args=[rapport.pk, variant]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{naam}"'
        inhoud = b"".join(response.streaming_content)
        assert inhoud.startswith(b"%PDF")
        bestand = RapportBestand.objects.get(rapport=rapport, variant=variant)
        import hashlib

        assert hashlib.sha256(inhoud).hexdigest() == bestand.sha256 and len(inhoud) == bestand.grootte
    logs = Toegangslog.objects.filter(gebruiker=college_user, object_type__model="rapportbestand")
    assert sorted(log.object_id for log in logs) == sorted(
        str(b.pk) for b in RapportBestand.objects.filter(rapport=rapport))
    assert all(log.pad.startswith(f"/rapportages/{rapport.pk}/pdf/") for log in logs)


def test_a_concept_has_no_download(client, omo_user):
    rapport = concept()
    client.force_login(omo_user)
    assert client.get(reverse("rapport_pdf", args=[rapport.pk, "volledig"])).status_code == 403
    assert not Toegangslog.objects.filter(object_type__model="rapportbestand").exists()


# --- Pages -------------------------------------------------------------------------------------


def test_list_shows_beleid_only_definitieve_and_filters(client, omo_user, beleid_user, django_capture_on_commit_callbacks):
    q3 = definitief(concept(), omo_user, django_capture_on_commit_callbacks)
    q1 = concept(datetime.date(2027, 4, 1))
    client.force_login(beleid_user)
    html = client.get(reverse("rapport_lijst")).content.decode()
    assert q3.titel in html and q1.titel not in html
    client.force_login(omo_user)
    html = client.get(reverse("rapport_lijst")).content.decode()
    assert q3.titel in html and q1.titel in html
    html = client.get(reverse("rapport_lijst"), {"jaar": "2026"}).content.decode()
    assert q3.titel in html and q1.titel not in html
    html = client.get(reverse("rapport_lijst"), {"soort": "periode"}).content.decode()
    assert q3.titel not in html and "geen rapportages" in html


def test_the_detail_page_of_a_concept_offers_autosave_to_omo_only(client, omo_user, beleid_user,
                                                                  django_capture_on_commit_callbacks):
    rapport = concept()
    client.force_login(omo_user)
    html = client.get(reverse("rapport_detail", args=[rapport.pk])).content.decode()
    assert html.count('hx-trigger="input changed delay:1500ms"') == len(SECTIES)
    assert 'role="status" aria-live="polite"' in html and 'name="basis_samenvatting"' in html
    client.force_login(beleid_user)
    assert client.get(reverse("rapport_detail", args=[rapport.pk])).status_code == 404
    definitief(rapport, omo_user, django_capture_on_commit_callbacks)
    html = client.get(reverse("rapport_detail", args=[rapport.pk])).content.decode()
    assert "<textarea" not in html and TEKSTEN["bevindingen"] in html


def _veel_rapporten(omo_user, n):
    nu = timezone.now()
    rapporten = []
    for i in range(n):
        van = datetime.date(2000 + i // 4, 1 + (i % 4) * 3, 1)
        tot = kwartaal(van)[1]
        rapporten.append(Rapport(soort="kwartaal", titel=services.kwartaal_titel(van), van=van, tot=tot,
                                 cijfers={}, cijfers_op=nu, **TEKSTEN))
    Rapport.objects.bulk_create(rapporten)
    return rapporten


@pytest.mark.parametrize("aantal", [1, 60])
def test_query_budget_of_every_page(client, omo_user, college_user, aantal, django_assert_max_num_queries,
                                    django_capture_on_commit_callbacks):
    _veel_rapporten(omo_user, aantal - 1)
    rapport = definitief(concept(), omo_user, django_capture_on_commit_callbacks)
    services.render_pdfs(rapport.pk)
    tweede = services.nieuwe_versie(omo_user, rapport)
    client.force_login(omo_user)
    paginas = [
        reverse("rapport_lijst"), reverse("rapport_lijst") + "?jaar=2026&soort=kwartaal",
        reverse("rapport_nieuw"), reverse("rapport_detail", args=[rapport.pk]),
        reverse("rapport_detail", args=[tweede.pk]), reverse("rapport_definitief", args=[tweede.pk]),
        reverse("rapport_pdf", args=[rapport.pk, "volledig"]),
    ]
    for url in paginas:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200, url
    with django_assert_max_num_queries(12):
        client.post(reverse("rapport_sectie", args=[tweede.pk, "samenvatting"]),
                    {"samenvatting": "Nieuw", "basis_samenvatting": services.basis_van(tweede.samenvatting)},
                    HTTP_HX_REQUEST="true")
    client.force_login(college_user)
    for url in (reverse("rapport_lijst"), reverse("rapport_detail", args=[rapport.pk])):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
