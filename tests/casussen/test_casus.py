"""Registering cases, the status workflow, the list with filters/search/export, the overview,
the timeline and the inspiratie search."""

import csv
import datetime
import io
import re
import threading

import pytest
from django.db import connection
from django.urls import reverse

from casussen.models import Besluit, Canvas, Casus, Scenario, Status
from casussen.services import casus as services
from omo.eenmalig import nieuw_token
from omo.models import Toegangslog
from omo.weigering import Weigering

pytestmark = pytest.mark.django_db


def _form_data(leefgebied, **extra):
    data = {
        "titel": "Dreigende huisuitzetting na psychose",
        "team": "",
        "bron": "wijkteam",
        "datum_signaal": "2026-11-02",
        "urgentie": "hoog",
        "urgentie_toelichting": "Vonnis over vier weken",
        "leefgebieden": [leefgebied.pk],
        "reguliere_routes": ["eigen_team"],
        "reguliere_routes_toelichting": "Twee keer besproken in het team",
        "toestemming": "ja",
        "pseudoniem": "Familie Beuk",
        "volwassenen": "1",
        "leeftijden_kinderen": "4, 9",
        "dossiernummer": "WIZ-2026-0412",
        "eenmalig": nieuw_token(),
    }
    data.update(extra)
    return data


# --- Code and registration -------------------------------------------------------------------


def test_codes_are_consecutive_per_year(make_casus, consulent):
    a, b = make_casus(consulent), make_casus(consulent)
    year = datetime.date.today().year
    assert a.code == f"OMO-{year}-0001"
    assert b.code == f"OMO-{year}-0002"


@pytest.mark.django_db(transaction=True)
def test_codes_have_no_gaps_or_duplicates_under_concurrency(make_user, team_a, leefgebied):
    user = make_user("consulent", team=team_a)
    errors = []

    def register():
        try:
            services.registreer(
                user,
                {"titel": "Gelijktijdig", "bron": "kcc", "datum_signaal": datetime.date(2026, 11, 2),
                 "toestemming": "ja", "pseudoniem": "Familie X", "volwassenen": 1},
                leefgebieden=[leefgebied],
            )
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(Casus.objects.values_list("volgnummer", flat=True))
    assert numbers == list(range(1, 9))


def test_register_through_the_form(client, consulent, leefgebied):
    client.force_login(consulent)
    response = client.post(reverse("casus_nieuw"), _form_data(leefgebied, team=consulent.team_id))
    assert response.status_code == 302, response.context["form"].errors
    casus = Casus.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("casus_detail", args=[casus.pk])
    assert casus.casushouder == consulent and casus.team == consulent.team
    assert casus.status == Status.AANGEMELD
    assert casus.leeftijden_kinderen == [4, 9]
    assert casus.reguliere_routes == ["eigen_team"]
    assert casus.tijdlijn.get().naar_status == Status.AANGEMELD


def test_bad_input_keeps_what_was_typed(client, consulent, leefgebied):
    client.force_login(consulent)
    data = _form_data(
        leefgebied, reguliere_routes=[], urgentie_toelichting="", leeftijden_kinderen="4, negen",
        titel="Casus van BSN 111222333",
    )
    response = client.post(reverse("casus_nieuw"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kies minstens één route die al is geprobeerd." in text
    assert "Leg uit waarom deze casus urgent is." in text
    assert "Geef de leeftijden als hele getallen" in text
    assert "Dit lijkt een BSN" in text
    assert "Familie Beuk" in text and "4, negen" in text  # input kept
    assert not Casus.objects.exists()


@pytest.mark.parametrize("role", ["maatwerkcoach", "omo", "beleid", "beheerder", "budgethouder"])
def test_only_a_consulent_registers(client_as, role):
    client = client_as(role)
    assert client.get(reverse("casus_nieuw")).status_code == 403


def test_there_is_no_field_for_bsn_name_or_address():
    names = {f.name for f in Casus._meta.get_fields()}
    assert not names & {"bsn", "naam", "voornaam", "achternaam", "adres", "postcode", "straat", "huisnummer"}


# --- Workflow --------------------------------------------------------------------------------


def test_step_out_of_order_changes_nothing(casus, consulent):
    with pytest.raises(Weigering, match="kan een casus niet naar"):
        services.overgang(casus.pk, Status.IN_UITVOERING, consulent)
    casus.refresh_from_db()
    assert casus.status == Status.AANGEMELD
    assert casus.tijdlijn.count() == 1


def test_step_someone_else_made_a_moment_earlier(client, casus, consulent):
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    client.force_login(consulent)
    # A second tab still shows 'aangemeld' and posts the same step.
    response = client.post(
        reverse("casus_status", args=[casus.pk]),
        {"naar": Status.IN_VOORBEREIDING, "verwacht_van": Status.AANGEMELD},
        follow=True,
    )
    assert "intussen gewijzigd" in response.content.decode()
    assert casus.tijdlijn.filter(naar_status=Status.IN_VOORBEREIDING).count() == 1


def test_status_button_moves_the_case_and_writes_the_timeline(client, casus, consulent):
    client.force_login(consulent)
    response = client.post(
        reverse("casus_status", args=[casus.pk]),
        {"naar": Status.IN_VOORBEREIDING, "verwacht_van": Status.AANGEMELD},
        follow=True,
    )
    assert "In voorbereiding" in response.content.decode()
    event = casus.tijdlijn.order_by("-tijdstip").first()
    assert (event.van_status, event.naar_status, event.gebruiker) == (
        Status.AANGEMELD, Status.IN_VOORBEREIDING, consulent
    )


def test_a_coach_of_the_team_cannot_make_steps(client, make_user, casus, team_a):
    coach = make_user("maatwerkcoach", team=team_a)
    client.force_login(coach)
    client.post(reverse("casus_status", args=[casus.pk]), {"naar": Status.IN_VOORBEREIDING, "verwacht_van": Status.AANGEMELD})
    casus.refresh_from_db()
    assert casus.status == Status.AANGEMELD


def test_omo_records_a_decision(client, make_user, casus, consulent):
    omo = make_user("omo")
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    scenario = Scenario.objects.create(casus=casus, titel="Huur overnemen", beschrijving="x")
    client.force_login(omo)
    url = reverse("casus_besluit", args=[casus.pk])
    response = client.post(url, {"uitkomst": "akkoord", "motivatie": "", "verwacht_van": "in_voorbereiding"})
    assert "Een besluit heeft altijd een motivering." in response.content.decode()
    response = client.post(url, {"uitkomst": "akkoord", "motivatie": "Goed onderbouwd", "verwacht_van": "in_voorbereiding"})
    assert "Kies bij akkoord het scenario" in response.content.decode()
    response = client.post(
        url, {"uitkomst": "akkoord", "scenario": scenario.pk, "motivatie": "Goed onderbouwd", "verwacht_van": "in_voorbereiding"}
    )
    assert response.status_code == 302
    casus.refresh_from_db()
    scenario.refresh_from_db()
    assert casus.status == Status.BESLOTEN and scenario.gekozen
    besluit = Besluit.objects.get()
    assert (besluit.besloten_door, besluit.niveau) == (omo, Besluit.Niveau.OMO)


def test_a_consulent_cannot_decide(client, casus, consulent):
    client.force_login(consulent)
    assert client.get(reverse("casus_besluit", args=[casus.pk])).status_code == 403


def test_a_second_chosen_scenario_is_refused(make_user, casus, consulent):
    omo = make_user("omo")
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    a = Scenario.objects.create(casus=casus, titel="A", beschrijving="x", gekozen=True)
    b = Scenario.objects.create(casus=casus, titel="B", beschrijving="y")
    with pytest.raises(Weigering, match="‘A’ is al gekozen"):
        services.leg_besluit_vast(casus.pk, omo, "akkoord", "m", scenario_id=b.pk)
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING and a.pk == Scenario.objects.get(gekozen=True).pk


def test_closing_requires_an_outcome_and_keeps_input(client, casus, consulent):
    client.force_login(consulent)
    url = reverse("casus_afsluiten", args=[casus.pk])
    response = client.post(url, {"uitkomst": "", "samenvatting_oplossing": "Iets geprobeerd", "verwacht_van": "aangemeld"})
    assert "Beschrijf de uitkomst van de casus." in response.content.decode()
    assert "Iets geprobeerd" in response.content.decode()
    response = client.post(url, {"uitkomst": "Terug naar regulier", "samenvatting_oplossing": "", "verwacht_van": "aangemeld"})
    casus.refresh_from_db()
    assert casus.status == Status.AFGESLOTEN and casus.afgesloten_op is not None
    assert client.get(reverse("casus_wijzigen", args=[casus.pk])).status_code == 302


def test_timeline_is_append_only(casus):
    from django.db import transaction
    from django.db.utils import InternalError, ProgrammingError

    event = casus.tijdlijn.get()
    for statement in ("UPDATE casussen_tijdlijnevent SET omschrijving='x' WHERE id=%s",
                      "DELETE FROM casussen_tijdlijnevent WHERE id=%s"):
        with pytest.raises((InternalError, ProgrammingError)), transaction.atomic(), connection.cursor() as c:
            c.execute(statement, [event.pk])
    event.refresh_from_db()
    assert event.omschrijving == "Casus aangemeld"


# --- Access, list, search and export ---------------------------------------------------------


@pytest.fixture
def wereld(make_user, make_casus, team_a, team_b, leefgebied, leefgebied2):
    eigen_consulent = make_user("consulent", team=team_a, username="sanne")
    collega = make_user("consulent", team=team_a, username="collega")
    ander_team = make_user("consulent", team=team_b, username="zuid")
    eigen = make_casus(eigen_consulent, titel="Eigen casus schulden", leefgebieden=[leefgebied2])
    gedeeld = make_casus(ander_team, titel="Gedeelde casus", medebehandelaars=[eigen_consulent])
    team = make_casus(collega, titel="Teamcasus", urgentie="normaal", urgentie_toelichting="")
    vreemd = make_casus(ander_team, titel="Vreemde casus")
    return {
        "consulent": eigen_consulent, "eigen": eigen, "gedeeld": gedeeld, "team": team, "vreemd": vreemd,
        "coach": make_user("maatwerkcoach", team=team_a), "omo": make_user("omo"),
    }


def _codes(response):
    return {c.code for c in response.context["page"].object_list}


def test_list_shows_exactly_what_the_detail_page_allows(client, wereld):
    cases = {k: wereld[k] for k in ("eigen", "gedeeld", "team", "vreemd")}
    for who, expected in [
        ("consulent", {"eigen", "gedeeld"}),
        ("coach", {"eigen", "team"}),
        ("omo", {"eigen", "gedeeld", "team", "vreemd"}),
    ]:
        client.force_login(wereld[who])
        listed = _codes(client.get(reverse("casus_lijst")))
        assert listed == {cases[k].code for k in expected}, who
        for name, casus in cases.items():
            status = client.get(reverse("casus_detail", args=[casus.pk])).status_code
            assert status == (200 if name in expected else 404), (who, name)


def test_detail_view_is_access_logged(client, wereld):
    client.force_login(wereld["consulent"])
    client.get(reverse("casus_detail", args=[wereld["eigen"].pk]))
    log = Toegangslog.objects.get()
    assert log.gebruiker == wereld["consulent"] and log.object_id == str(wereld["eigen"].pk)


def test_ga_naar_opens_a_visible_case_by_its_code_however_it_is_typed(client, wereld):
    client.force_login(wereld["consulent"])
    eigen = wereld["eigen"]
    jaar, nummer = eigen.code.split("-")[1:]
    detail = reverse("casus_detail", args=[eigen.pk])
    for typed in (eigen.code, eigen.code.lower(), f"  omo - {jaar} - {nummer} ", f"omo {jaar} {int(nummer)}"):
        response = client.get(reverse("casus_ga_naar"), {"code": typed})
        assert response.status_code == 302 and response["Location"] == detail, typed


def test_ga_naar_says_the_same_for_a_foreign_and_an_unknown_code_and_keeps_it(client, wereld):
    client.force_login(wereld["consulent"])
    vreemd = wereld["vreemd"].code
    onbekend = "OMO-1999-0042"
    pages = {}
    for typed in (vreemd, onbekend, "geen code"):
        response = client.get(reverse("casus_ga_naar"), {"code": typed})
        assert response.status_code == 200
        text = response.content.decode()
        assert "Geen casus met code" in text and f'value="{typed}"' in text
        pages[typed] = re.search(r'id="id_code_fout">(.*?)</div>', text, re.S)[1].replace(typed, "CODE")
    assert pages[vreemd] == pages[onbekend]
    assert Toegangslog.objects.filter(
        object_id=str(wereld["vreemd"].pk), soort=Toegangslog.Soort.GEWEIGERD
    ).exists()


def test_filters(client, wereld, leefgebied2, team_a):
    client.force_login(wereld["omo"])
    url = reverse("casus_lijst")
    assert _codes(client.get(url, {"leefgebied": leefgebied2.pk})) == {wereld["eigen"].code}
    assert _codes(client.get(url, {"urgentie": "normaal"})) == {wereld["team"].code}
    assert _codes(client.get(url, {"team": team_a.pk})) == {wereld["eigen"].code, wereld["team"].code}
    assert _codes(client.get(url, {"casushouder": wereld["consulent"].pk})) == {wereld["eigen"].code}
    services.overgang(wereld["eigen"].pk, Status.IN_VOORBEREIDING, wereld["consulent"])
    assert _codes(client.get(url, {"status": ["in_voorbereiding"]})) == {wereld["eigen"].code}
    assert _codes(client.get(url, {"van": "2026-11-03"})) == set()
    assert len(_codes(client.get(url, {"tot": "2026-11-02"}))) == 4
    response = client.get(url, {"van": "geen datum"})
    assert response.status_code == 200 and _codes(response) == set()
    text = response.content.decode()
    assert "Voer een geldige datum in." in text and 'value="geen datum"' in text


def test_full_text_search_uses_dutch_stemming_and_stays_within_access(client, wereld):
    Canvas.objects.create(casus=wereld["vreemd"], aan_de_hand="Hoge schulden bij de energieleverancier")
    services.werk_zoekvector_bij(wereld["vreemd"].pk)
    client.force_login(wereld["omo"])
    found = _codes(client.get(reverse("casus_lijst"), {"q": "schuld"}))
    assert found == {wereld["eigen"].code, wereld["vreemd"].code}  # "schulden" in title and canvas
    client.force_login(wereld["consulent"])
    assert _codes(client.get(reverse("casus_lijst"), {"q": "schuld"})) == {wereld["eigen"].code}
    assert _codes(client.get(reverse("casus_lijst"), {"q": wereld["eigen"].code})) == {wereld["eigen"].code}


def test_export_has_exactly_the_filtered_rows_and_no_household_details(client, wereld, leefgebied2):
    client.force_login(wereld["coach"])
    response = client.get(reverse("casus_export"), {"leefgebied": leefgebied2.pk})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][0] == "Code"
    assert [r[0] for r in rows[1:]] == [wereld["eigen"].code]
    assert "Familie Linde" not in body and "WIZ-12345" not in body
    response = client.get(reverse("casus_export"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert wereld["vreemd"].code not in body and wereld["gedeeld"].code not in body


def test_sorting(client, wereld):
    client.force_login(wereld["omo"])
    codes = [c.code for c in client.get(reverse("casus_lijst"), {"sorteer": "code"}).context["page"].object_list]
    assert codes == sorted(codes)
    codes = [c.code for c in client.get(reverse("casus_lijst"), {"sorteer": "-urgentie"}).context["page"].object_list]
    assert codes[-1] == wereld["team"].code  # the only 'normaal' case comes last


@pytest.mark.parametrize("aantal", [1, 50])
def test_list_query_budget_is_independent_of_rows(client, make_user, make_casus, team_a, aantal, django_assert_max_num_queries):
    consulent = make_user("consulent", team=team_a)
    for _ in range(aantal):
        make_casus(consulent)
    client.force_login(make_user("omo"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("casus_lijst"), {"q": "huisuitzetting", "sorteer": "-urgentie"})
    assert response.status_code == 200
    pk = Casus.objects.first().pk
    with django_assert_max_num_queries(12):
        assert client.get(reverse("casus_detail", args=[pk])).status_code == 200


def test_timeline_shows_time_in_each_status(client, casus, consulent):
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    client.force_login(consulent)
    response = client.get(reverse("tijdlijn", args=[casus.pk]))
    text = response.content.decode()
    assert "Casus aangemeld" in text and "Voorbereiding starten" in text
    assert "Tijd per status" in text and "in deze status" in text.lower()


def test_inspiratie_shows_only_the_anonymised_summary(client, make_user, make_casus, consulent, leefgebied):
    casus = make_casus(consulent, titel="Zichtbare titel", pseudoniem="Familie Eik", dossiernummer="WIZ-777")
    Canvas.objects.create(casus=casus, aan_de_hand="Geheime canvastekst")
    services.sluit_af(casus.pk, consulent, "Gelukt", "Woningcorporatie zag af van ontruiming na betalingsregeling.")
    zonder = make_casus(consulent, titel="Zonder samenvatting")
    services.sluit_af(zonder.pk, consulent, "Terug naar regulier", "")
    other = make_user("consulent")  # a colleague from elsewhere learns from it
    client.force_login(other)
    response = client.get(reverse("inspiratie"), {"q": "ontruimingen"})
    text = response.content.decode()
    assert "Woningcorporatie zag af van ontruiming" in text
    for secret in (casus.code, "Familie Eik", "WIZ-777", "Geheime canvastekst", "Zichtbare titel", "Zonder samenvatting"):
        assert secret not in text
    assert response.context["page"].paginator.count == 1


def test_inspiratie_filters_and_cost_range(client, make_casus, consulent, leefgebied, leefgebied2, grondslag, geldstroom):
    from decimal import Decimal

    from casussen.models import Kostenregel, ScenarioGrondslag

    met = make_casus(consulent, leefgebieden=[leefgebied2])
    scenario = Scenario.objects.create(casus=met, titel="Lening", beschrijving="x", gekozen=True)
    ScenarioGrondslag.objects.create(scenario=scenario, grondslag=grondslag, motivatie="m")
    Kostenregel.objects.create(
        scenario=scenario, situatie="doorbraak", omschrijving="Overbruggingslening", prijs=Decimal("2500"),
        aantal=1, frequentie="eenmalig", geldstroom=geldstroom, betaler="gemeente",
    )
    services.sluit_af(met.pk, consulent, "Gelukt", "Overbruggingslening zodat schuldhulp kon starten.")
    zonder = make_casus(consulent)
    services.sluit_af(zonder.pk, consulent, "Gelukt", "Bemiddeling met de energieleverancier.")
    client.force_login(consulent)
    url = reverse("inspiratie")
    response = client.get(url, {"grondslag": grondslag.pk})
    items = response.context["page"].object_list
    assert [i["samenvatting"] for i in items] == ["Overbruggingslening zodat schuldhulp kon starten."]
    assert items[0]["kostenklasse"] == "€ 1.000 – € 5.000"
    assert items[0]["grondslagen"] == [str(grondslag)]
    response = client.get(url, {"leefgebied": leefgebied.pk})
    assert [i["samenvatting"] for i in response.context["page"].object_list] == ["Bemiddeling met de energieleverancier."]


@pytest.mark.parametrize("aantal", [1, 30])
def test_other_case_pages_stay_within_the_query_budget(client, make_user, make_casus, consulent, aantal, django_assert_max_num_queries):
    omo = make_user("omo")
    casus = make_casus(consulent)
    services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    for i in range(aantal):
        Scenario.objects.create(casus=casus, titel=f"S{i}", beschrijving="x")
        services.overgang(casus.pk, Status.GEAGENDEERD, consulent)
        services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent, toelichting="terug")
        andere = make_casus(consulent)
        services.sluit_af(andere.pk, consulent, "Klaar", f"Oplossing {i} met een overbruggingslening")
    client.force_login(omo)
    for name in ("tijdlijn", "casus_besluit", "casus_afsluiten"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name, args=[casus.pk])).status_code == 200, name
    with django_assert_max_num_queries(12):
        assert client.get(reverse("inspiratie"), {"q": "overbruggingslening"}).status_code == 200


def test_the_consent_radio_has_no_empty_choice_and_asks_for_a_choice(client, consulent, leefgebied):
    client.force_login(consulent)
    html = client.get(reverse("casus_nieuw")).content.decode()
    radios = re.findall(r'<input[^>]*name="toestemming"[^>]*>', html)
    assert [re.search(r'value="([^"]*)"', r).group(1) for r in radios] == ["ja", "nee", "anoniem"]
    assert not any("checked" in r for r in radios)  # nothing chosen yet
    data = _form_data(leefgebied, team=consulent.team_id)
    del data["toestemming"]
    response = client.post(reverse("casus_nieuw"), data)
    assert response.status_code == 200 and not Casus.objects.exists()
    assert "Kies of het huishouden toestemming geeft om informatie te delen." in response.content.decode()
    assert 'value="Familie Beuk"' in response.content.decode()  # what was typed stays


def test_audit_log_names_a_case_by_its_code(client, make_user, casus):
    client.force_login(make_user("beheerder"))
    html = client.get(reverse("audit"), {"soort": "casussen.Casus"}).content.decode()
    assert f"Casus {casus.code}" in html and "casussen.Casus " not in html
