"""The maatwerk canvas: saving sections, validation, concepts, conflicts, expired sessions,
who may read and who may edit."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.urls import reverse

from casussen.models import Canvas, CanvasConcept, Casus, Status, TijdlijnEvent
from casussen.services import canvas as canvas_services
from casussen.services import casus as casus_services
from omo.weigering import Weigering

HX = {"HTTP_HX_REQUEST": "true"}

SITUATIE = {
    "aan_de_hand": "Moeder met twee kinderen heeft schulden bij de woningcorporatie.",
    "wil_inwoner": "In het huis blijven wonen.",
    "eerst_oplossen": "De huurachterstand.",
    "helpt_nu": "Het wijkteam komt wekelijks langs.",
}


def sectie_url(casus, sectie="situatie"):
    return reverse("canvas_sectie", args=[casus.pk, sectie])


def concept_url(casus, sectie="situatie"):
    return reverse("canvas_concept", args=[casus.pk, sectie])


def gezien_op(response) -> str:
    match = re.search(r'name="gezien_op" value="([^"]*)"', response.content.decode())
    assert match, "het formulier heeft geen gezien_op"
    return match.group(1)


def textarea(response, name) -> str:
    match = re.search(
        rf'<textarea name="{name}"[^>]*>\n(.*?)</textarea>', response.content.decode(), re.S
    )
    assert match, f"geen textarea {name}"
    return match.group(1)


@pytest.fixture
def medebehandelaar(make_user, team_a):
    return make_user("consulent", team=team_a)


@pytest.fixture
def gedeelde_casus(make_casus, consulent, medebehandelaar):
    return make_casus(consulent, medebehandelaars=[medebehandelaar])


def test_save_section_stores_fields_timeline_status_and_search(client, consulent, casus):
    client.force_login(consulent)

    response = client.post(sectie_url(casus), SITUATIE)

    assert response.status_code == 302
    assert response["Location"] == reverse("canvas", args=[casus.pk]) + "#sectie-situatie"
    canvas = Canvas.objects.get(casus=casus)
    for veld, tekst in SITUATIE.items():
        assert getattr(canvas, veld) == tekst
    assert canvas.gewijzigd_door == consulent
    assert TijdlijnEvent.objects.filter(
        casus=casus, soort="canvas", omschrijving="Canvas bijgewerkt: Situatie", gebruiker=consulent
    ).exists()
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING
    assert Casus.objects.filter(
        zoekvector=SearchQuery("schuld", config="dutch"), pk=casus.pk
    ).exists()

    page = client.get(reverse("canvas", args=[casus.pk]))
    assert page.status_code == 200
    assert "In het huis blijven wonen." in page.content.decode()
    assert "is opgeslagen om" in page.content.decode()


def test_save_with_htmx_returns_read_only_section(client, consulent, casus):
    client.force_login(consulent)

    response = client.post(
        sectie_url(casus, "knelpunt"), {"knelpunt": "De Belastingdienst verrekent."}, **HX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="sectie-knelpunt"' in html
    assert "De Belastingdienst verrekent." in html
    assert "<textarea" not in html
    assert "opgeslagen om" in html
    assert Canvas.objects.get(casus=casus).knelpunt == "De Belastingdienst verrekent."


def test_htmx_save_from_the_full_page_redirects_to_the_canvas(client, consulent, casus):
    client.force_login(consulent)

    response = client.post(
        sectie_url(casus, "knelpunt"), {"knelpunt": "Regel", "volledig": "1"}, **HX
    )

    assert response["HX-Redirect"] == reverse("canvas", args=[casus.pk]) + "#sectie-knelpunt"
    assert Canvas.objects.get(casus=casus).knelpunt == "Regel"


def test_canvas_page_says_which_sections_are_empty(client, consulent, casus):
    client.force_login(consulent)
    client.post(sectie_url(casus, "knelpunt"), {"knelpunt": "Geen passend aanbod."})

    html = client.get(reverse("canvas", args=[casus.pk])).content.decode()

    assert html.count("Deze sectie is nog niet ingevuld.") == 4
    assert "Geen passend aanbod." in html
    assert html.count("Bewerken") >= 5


def test_betrokkenheid_nee_requires_both_explanations_and_keeps_input(client, consulent, casus):
    client.force_login(consulent)

    response = client.post(
        sectie_url(casus, "betrokkenheid"),
        {
            "huishouden_betrokken": "nee",
            "niet_betrokken_waarom": "",
            "later_betrekken": "Na de opname.",
        },
        **HX,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Leg uit waarom het huishouden niet of maar deels betrokken is." in html
    assert "Beschrijf hoe en wanneer het huishouden later wordt betrokken." not in html
    assert 'aria-describedby="id_niet_betrokken_waarom-fout"' in html
    assert textarea(response, "later_betrekken") == "Na de opname."
    assert re.search(r'value="nee" checked', html)
    assert not Canvas.objects.filter(casus=casus).exists()
    casus.refresh_from_db()
    assert casus.status == Status.AANGEMELD

    response = client.post(
        sectie_url(casus, "betrokkenheid"),
        {"huishouden_betrokken": "deels", "niet_betrokken_waarom": "", "later_betrekken": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leg uit waarom het huishouden niet of maar deels betrokken is." in html
    assert "Beschrijf hoe en wanneer het huishouden later wordt betrokken." in html
    assert "<html" in html  # the full-page fallback


def test_betrokkenheid_shows_consent_read_only_with_link(client, consulent, casus):
    client.force_login(consulent)
    html = client.get(sectie_url(casus, "betrokkenheid"), **HX).content.decode()
    assert "Toestemming om informatie te delen:" in html
    assert reverse("casus_wijzigen", args=[casus.pk]) in html
    assert 'name="toestemming"' not in html


def test_text_longer_than_10000_characters_is_refused_with_dutch_message(client, consulent, casus):
    client.force_login(consulent)
    lang = "a" * 10_001

    response = client.post(sectie_url(casus, "knelpunt"), {"knelpunt": lang}, **HX)

    assert response.status_code == 200
    assert "Deze tekst is te lang: maximaal 10000 tekens" in response.content.decode()
    assert textarea(response, "knelpunt") == lang
    assert not Canvas.objects.filter(casus=casus).exists()


def test_autosave_stores_concept_and_says_when(client, consulent, casus):
    client.force_login(consulent)

    response = client.post(concept_url(casus), {**SITUATIE, "helpt_nu": "Half getypt"}, **HX)

    assert response.status_code == 200
    assert "Concept opgeslagen om" in response.content.decode()
    concept = CanvasConcept.objects.get(casus=casus, sectie="situatie", gebruiker=consulent)
    assert concept.data["helpt_nu"] == "Half getypt"
    assert not Canvas.objects.filter(casus=casus).exists()


def test_form_has_autosave_trigger_without_browser_storage(client, consulent, casus):
    client.force_login(consulent)
    html = client.get(sectie_url(casus), **HX).content.decode()
    assert f'hx-post="{concept_url(casus)}"' in html
    assert 'hx-trigger="input changed delay:1500ms"' in html
    assert 'role="status" aria-live="polite"' in html
    with open("static/js/canvas.js") as js:
        script = js.read()
    for storage in ("localStorage", "indexedDB", "setItem"):
        assert storage not in script
    assert 'hx-history="false"' in client.get(sectie_url(casus)).content.decode()


def test_concept_prefills_the_form_on_reopen(client, consulent, casus):
    client.force_login(consulent)
    client.post(sectie_url(casus), SITUATIE)
    client.post(
        concept_url(casus), {**SITUATIE, "aan_de_hand": "Nieuwe, nog niet opgeslagen tekst"}, **HX
    )

    response = client.get(sectie_url(casus), **HX)

    html = response.content.decode()
    assert "Je hebt nog niet-opgeslagen tekst van" in html
    assert textarea(response, "aan_de_hand") == "Nieuwe, nog niet opgeslagen tekst"
    assert reverse("canvas_concept_verwerpen", args=[casus.pk, "situatie"]) in html
    overview = client.get(reverse("canvas", args=[casus.pk])).content.decode()
    assert "Je hebt nog niet-opgeslagen tekst in deze sectie" in overview

    # Without htmx the same form comes as a full page.
    full = client.get(sectie_url(casus))
    assert "<html" in full.content.decode()
    assert textarea(full, "aan_de_hand") == "Nieuwe, nog niet opgeslagen tekst"


def test_concept_survives_saves_by_others_and_still_notices_their_save(
    client, consulent, medebehandelaar, gedeelde_casus
):
    casus = gedeelde_casus
    client.force_login(consulent)
    geladen = gezien_op(client.get(sectie_url(casus), **HX))
    client.post(
        concept_url(casus), {**SITUATIE, "aan_de_hand": "Mijn concept", "gezien_op": geladen}, **HX
    )

    canvas_services.sla_sectie_op(casus.pk, "knelpunt", medebehandelaar, {"knelpunt": "Ander deel"})
    canvas_services.sla_sectie_op(
        casus.pk, "situatie", medebehandelaar, {**SITUATIE, "aan_de_hand": "Tekst van de collega"}
    )

    response = client.get(sectie_url(casus), **HX)
    assert "Je hebt nog niet-opgeslagen tekst van" in response.content.decode()
    assert textarea(response, "aan_de_hand") == "Mijn concept"
    response = client.post(
        sectie_url(casus),
        {**SITUATIE, "aan_de_hand": "Mijn concept", "gezien_op": gezien_op(response)},
        **HX,
    )
    assert "heeft deze sectie om" in response.content.decode()
    assert Canvas.objects.get(casus=casus).aan_de_hand == "Tekst van de collega"


def test_saving_removes_the_concept(client, consulent, casus):
    client.force_login(consulent)
    client.post(concept_url(casus), {**SITUATIE, "aan_de_hand": "Concepttekst"}, **HX)

    client.post(sectie_url(casus), {**SITUATIE, "aan_de_hand": "Concepttekst"}, **HX)

    assert not CanvasConcept.objects.filter(casus=casus).exists()
    response = client.get(sectie_url(casus), **HX)
    assert "niet-opgeslagen tekst" not in response.content.decode()
    assert textarea(response, "aan_de_hand") == "Concepttekst"


def test_discard_concept(client, consulent, casus):
    client.force_login(consulent)
    client.post(sectie_url(casus), SITUATIE)
    client.post(concept_url(casus), {**SITUATIE, "aan_de_hand": "Weg ermee"}, **HX)

    response = client.post(reverse("canvas_concept_verwerpen", args=[casus.pk, "situatie"]), **HX)

    assert response.status_code == 200
    assert not CanvasConcept.objects.filter(casus=casus).exists()
    assert "niet-opgeslagen tekst" not in response.content.decode()
    assert textarea(response, "aan_de_hand") == SITUATIE["aan_de_hand"]

    client.post(concept_url(casus), {**SITUATIE, "aan_de_hand": "Nog eens weg"}, **HX)
    response = client.post(reverse("canvas_concept_verwerpen", args=[casus.pk, "situatie"]))
    assert response.status_code == 302
    assert not CanvasConcept.objects.filter(casus=casus).exists()


def test_conflict_when_someone_else_saved_the_section_meanwhile(
    client, consulent, medebehandelaar, gedeelde_casus
):
    casus = gedeelde_casus
    canvas_services.sla_sectie_op(casus.pk, "situatie", medebehandelaar, SITUATIE)
    client.force_login(consulent)
    geladen = gezien_op(client.get(sectie_url(casus), **HX))

    canvas_services.sla_sectie_op(
        casus.pk, "situatie", medebehandelaar, {**SITUATIE, "aan_de_hand": "Versie van de collega"}
    )
    response = client.post(
        sectie_url(casus),
        {**SITUATIE, "aan_de_hand": "Mijn eigen versie", "gezien_op": geladen},
        **HX,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f"{medebehandelaar} heeft deze sectie om" in html
    assert textarea(response, "aan_de_hand") == "Mijn eigen versie"
    assert "Versie van de collega" in html
    assert Canvas.objects.get(casus=casus).aan_de_hand == "Versie van de collega"
    assert (
        CanvasConcept.objects.get(casus=casus, gebruiker=consulent).data["aan_de_hand"]
        == "Mijn eigen versie"
    )

    # The form now carries the current version's time: saving the merged text goes through.
    response = client.post(
        sectie_url(casus),
        {**SITUATIE, "aan_de_hand": "Samengevoegd", "gezien_op": gezien_op(response)},
        **HX,
    )
    assert "heeft deze sectie om" not in response.content.decode()
    assert Canvas.objects.get(casus=casus).aan_de_hand == "Samengevoegd"


def test_no_conflict_when_someone_else_saved_another_section(
    client, consulent, medebehandelaar, gedeelde_casus
):
    casus = gedeelde_casus
    client.force_login(consulent)
    geladen = gezien_op(client.get(sectie_url(casus), **HX))

    canvas_services.sla_sectie_op(casus.pk, "knelpunt", medebehandelaar, {"knelpunt": "Regel X"})
    client.post(sectie_url(casus), {**SITUATIE, "gezien_op": geladen}, **HX)

    canvas = Canvas.objects.get(casus=casus)
    assert canvas.knelpunt == "Regel X"
    assert canvas.aan_de_hand == SITUATIE["aan_de_hand"]


def test_conflict_also_when_the_canvas_did_not_exist_when_loaded(
    consulent, medebehandelaar, gedeelde_casus
):
    casus = gedeelde_casus
    from casussen.forms.canvas import GEEN_CANVAS, parse_gezien_op

    canvas_services.sla_sectie_op(casus.pk, "knelpunt", medebehandelaar, {"knelpunt": "Eerst"})
    with pytest.raises(canvas_services.Conflict):
        canvas_services.sla_sectie_op(
            casus.pk,
            "knelpunt",
            consulent,
            {"knelpunt": "Tweede"},
            gezien_op=parse_gezien_op(GEEN_CANVAS),
        )
    assert Canvas.objects.get(casus=casus).knelpunt == "Eerst"


def test_htmx_request_without_session_gets_401_not_a_redirect(client, casus):
    response = client.post(sectie_url(casus), SITUATIE, **HX)
    assert response.status_code == 401
    assert "sessie is verlopen" in response.content.decode()

    response = client.post(concept_url(casus), SITUATIE, **HX)
    assert response.status_code == 401

    response = client.post(sectie_url(casus), SITUATIE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    assert not Canvas.objects.filter(casus=casus).exists()


def test_maatwerkcoach_of_the_team_may_read_but_not_edit(client, make_user, team_a, casus):
    coach = make_user("maatwerkcoach", team=team_a)
    client.force_login(coach)

    response = client.get(reverse("canvas", args=[casus.pk]))
    assert response.status_code == 200
    assert "Bewerken" not in response.content.decode()
    assert client.get(sectie_url(casus)).status_code == 403
    assert client.post(sectie_url(casus), SITUATIE).status_code == 403
    assert client.post(concept_url(casus), SITUATIE, **HX).status_code == 403
    assert (
        client.post(reverse("canvas_concept_verwerpen", args=[casus.pk, "situatie"])).status_code
        == 403
    )
    assert not Canvas.objects.filter(casus=casus).exists()
    assert not CanvasConcept.objects.exists()


def test_omo_may_read_but_not_edit(client, make_user, casus):
    client.force_login(make_user("omo"))
    assert client.get(reverse("canvas", args=[casus.pk])).status_code == 200
    assert client.get(sectie_url(casus)).status_code == 403


def test_foreign_consulent_gets_404(client, make_user, team_a, team_b, casus):
    for team in (team_a, team_b):
        client.force_login(make_user("consulent", team=team))
        assert client.get(reverse("canvas", args=[casus.pk])).status_code == 404
        assert client.get(sectie_url(casus)).status_code == 404
        assert client.post(sectie_url(casus), SITUATIE).status_code == 404
        assert client.post(concept_url(casus), SITUATIE, **HX).status_code == 404
    assert not Canvas.objects.filter(casus=casus).exists()


def test_other_roles_get_403(client, make_user, casus):
    client.force_login(make_user("budgethouder"))
    assert client.get(reverse("canvas", args=[casus.pk])).status_code == 403


def test_unknown_section_is_404(client, consulent, casus):
    client.force_login(consulent)
    assert client.get(sectie_url(casus, "bestaat_niet")).status_code == 404
    assert client.post(sectie_url(casus, "bestaat_niet"), {"knelpunt": "x"}).status_code == 404
    assert (
        client.post(concept_url(casus, "bestaat_niet"), {"knelpunt": "x"}, **HX).status_code == 404
    )


def test_closed_case_is_read_only(client, consulent, casus):
    canvas_services.sla_sectie_op(casus.pk, "knelpunt", consulent, {"knelpunt": "Oud"})
    casus_services.sluit_af(casus.pk, consulent, "Opgelost", "Samenvatting")
    client.force_login(consulent)

    page = client.get(reverse("canvas", args=[casus.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Oud" in html
    assert "afgesloten" in html
    assert 'hx-get="' + sectie_url(casus, "knelpunt") not in html

    response = client.get(sectie_url(casus, "knelpunt"))
    assert response.status_code == 302
    response = client.post(sectie_url(casus, "knelpunt"), {"knelpunt": "Nieuw"}, **HX)
    assert "afgesloten" in response.content.decode()
    response = client.post(concept_url(casus, "knelpunt"), {"knelpunt": "Nieuw"}, **HX)
    assert "afgesloten" in response.content.decode()
    assert Canvas.objects.get(casus=casus).knelpunt == "Oud"
    assert not CanvasConcept.objects.exists()
    with pytest.raises(Weigering):
        canvas_services.bewaar_concept(casus.pk, "knelpunt", consulent, {"knelpunt": "Nieuw"})


def test_query_budget(client, consulent, casus, django_assert_max_num_queries):
    client.force_login(consulent)
    from casussen.forms.canvas import SECTIES

    for sectie in SECTIES.values():
        data = {veld: f"Tekst voor {veld}" for veld in sectie.velden}
        if "huishouden_betrokken" in data:
            data["huishouden_betrokken"] = "deels"
        canvas_services.sla_sectie_op(casus.pk, sectie.slug, consulent, data)
        canvas_services.bewaar_concept(
            casus.pk, sectie.slug, consulent, {**data, sectie.velden[0]: "c"}
        )

    with django_assert_max_num_queries(12):
        assert client.get(reverse("canvas", args=[casus.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(sectie_url(casus), **HX).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(sectie_url(casus)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.post(concept_url(casus), SITUATIE, **HX).status_code == 200
