"""Doorbraakplan, actions, evaluations with self-sufficiency scores, the daily evaluation
notification, and knelpunten."""

import datetime
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from casussen.models import (
    Actie,
    Doorbraakplan,
    Evaluatie,
    Knelpunt,
    Scenario,
    Status,
    TijdlijnEvent,
    Zelfredzaamheid,
)
from casussen.services import casus as casus_services
from casussen.services import plan as services
from casussen.tasks import evaluaties_melden
from omo.eenmalig import nieuw_token
from omo.models import Notificatie
from omo.weigering import Weigering

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 31)


@pytest.fixture
def omo_user(make_user):
    return make_user("omo")


def _naar_besloten(casus, consulent, omo_user, uitkomst="akkoord"):
    casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    scenario = Scenario.objects.create(casus=casus, titel="Huurschuld overnemen", beschrijving="De gemeente neemt de schuld over")
    casus_services.leg_besluit_vast(
        casus.pk, omo_user, uitkomst, "Goed onderbouwd",
        scenario_id=scenario.pk if uitkomst == "akkoord" else None,
    )
    casus.refresh_from_db()
    return casus


@pytest.fixture
def besloten(casus, consulent, omo_user):
    return _naar_besloten(casus, consulent, omo_user)


def _velden(**extra):
    velden = {
        "doel": "Huisuitzetting voorkomen en de huur weer zelf betalen",
        "regisseur": "Sanne de Vries, wijkteam Noord",
        "besproken_met_inwoner": True,
        "niet_besproken_waarom": "",
        "betrekken_hoe": "",
        "startdatum": START,
        "monitoring_maanden": 12,
    }
    velden.update(extra)
    return velden


def _plan(casus, consulent, **extra):
    return services.stel_plan_op(casus.pk, consulent, _velden(**extra))


def _post_data(**extra):
    data = {
        "doel": "Huisuitzetting voorkomen",
        "regisseur": "Sanne, wijkteam Noord",
        "besproken_met_inwoner": "True",
        "niet_besproken_waarom": "",
        "betrekken_hoe": "",
        "startdatum": "2026-01-31",
        "monitoring_maanden": "12",
        "acties-TOTAL_FORMS": "5",
        "acties-INITIAL_FORMS": "0",
        "acties-MIN_NUM_FORMS": "0",
        "acties-MAX_NUM_FORMS": "5",
    }
    for i in range(5):
        for veld in ("omschrijving", "eigenaar", "deadline"):
            data[f"acties-{i}-{veld}"] = ""
    data.update(extra)
    return data


def _login(client, user):
    client.force_login(user)
    return client


# --- Making the plan -------------------------------------------------------------------------


def test_no_plan_before_a_decision(casus, consulent, client):
    casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, consulent)
    with pytest.raises(Weigering, match="besloten"):
        _plan(casus, consulent)
    assert not Doorbraakplan.objects.exists() and not Evaluatie.objects.exists()
    _login(client, consulent)
    html = client.get(reverse("plan", args=[casus.pk])).content.decode()
    assert "kan pas worden opgesteld als de casus besloten is" in html
    assert reverse("plan_nieuw", args=[casus.pk]) not in html
    response = client.post(reverse("plan_nieuw", args=[casus.pk]), _post_data())
    assert response.status_code == 200
    assert "besloten is met akkoord" in response.content.decode()
    assert not Doorbraakplan.objects.exists()
    casus.refresh_from_db()
    assert casus.status == Status.IN_VOORBEREIDING


def test_no_plan_after_afgewezen(casus, consulent, omo_user):
    _naar_besloten(casus, consulent, omo_user, uitkomst="afgewezen")
    with pytest.raises(Weigering, match="geen akkoord"):
        _plan(casus, consulent)
    assert not Doorbraakplan.objects.exists()


def test_plan_creates_evaluations_and_starts_uitvoering(besloten, consulent, client):
    _login(client, consulent)
    html = client.get(reverse("plan", args=[besloten.pk])).content.decode()
    assert reverse("plan_nieuw", args=[besloten.pk]) in html
    response = client.post(
        reverse("plan_nieuw", args=[besloten.pk]),
        _post_data(**{
            "acties-0-omschrijving": "Betalingsregeling met de corporatie",
            "acties-0-eigenaar": "Sanne",
            "acties-0-deadline": "2026-02-15",
            "acties-1-omschrijving": "Budgetcoach inzetten",
            "acties-1-eigenaar": "Schuldhulp",
            "acties-1-deadline": "2026-03-01",
        }),
    )
    assert response.status_code == 302
    plan = Doorbraakplan.objects.get(casus=besloten)
    assert plan.scenario.gekozen
    assert sorted(Actie.objects.filter(plan=plan).values_list("eigenaar", flat=True)) == ["Sanne", "Schuldhulp"]
    evaluaties = list(plan.evaluaties.order_by("maand").values_list("maand", "gepland_op"))
    assert evaluaties == [
        (3, datetime.date(2026, 4, 30)),
        (6, datetime.date(2026, 7, 31)),
        (12, datetime.date(2027, 1, 31)),
    ]
    besloten.refresh_from_db()
    assert besloten.status == Status.IN_UITVOERING
    soorten = list(besloten.tijdlijn.order_by("pk").values_list("soort", "naar_status"))[-2:]
    assert soorten == [(TijdlijnEvent.Soort.PLAN, ""), (TijdlijnEvent.Soort.STATUS, Status.IN_UITVOERING)]
    html = client.get(reverse("plan", args=[besloten.pk])).content.decode()
    assert "Betalingsregeling met de corporatie" in html
    assert "Evaluatie na 12 maanden" in html


def test_six_month_period_has_evaluations_at_3_and_6(besloten, consulent):
    plan = _plan(besloten, consulent, monitoring_maanden=6)
    assert list(plan.evaluaties.order_by("maand").values_list("maand", flat=True)) == [3, 6]


def test_period_end_is_always_evaluated(besloten, consulent, settings):
    settings.OMO_EVALUATIEMOMENTEN = [2, 4, 12]
    plan = _plan(besloten, consulent, monitoring_maanden=9)
    assert list(plan.evaluaties.order_by("maand").values_list("maand", flat=True)) == [2, 4, 9]


def test_not_discussed_needs_a_reason_and_keeps_input(besloten, consulent, client):
    _login(client, consulent)
    response = client.post(
        reverse("plan_nieuw", args=[besloten.pk]),
        _post_data(besproken_met_inwoner="False", doel="Mijn zorgvuldig getypte doel"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "leg uit waarom niet" in html
    assert "Mijn zorgvuldig getypte doel" in html
    assert 'aria-invalid="true"' in html or "is-invalid" in html
    assert not Doorbraakplan.objects.exists()
    with pytest.raises(Weigering) as fout:
        _plan(besloten, consulent, besproken_met_inwoner=False, betrekken_hoe="Na opname")
    assert fout.value.field == "niet_besproken_waarom"
    besloten.refresh_from_db()
    assert besloten.status == Status.BESLOTEN


def test_monitoring_period_of_13_months_is_refused(besloten, consulent, client):
    _login(client, consulent)
    response = client.post(reverse("plan_nieuw", args=[besloten.pk]), _post_data(monitoring_maanden="13"))
    assert response.status_code == 200
    assert "6 tot en met 12 maanden" in response.content.decode()
    assert not Doorbraakplan.objects.exists()
    with pytest.raises(Weigering) as fout:
        _plan(besloten, consulent, monitoring_maanden=13)
    assert fout.value.field == "monitoring_maanden"
    assert not Evaluatie.objects.exists()


def test_half_filled_action_row_is_refused(besloten, consulent, client):
    _login(client, consulent)
    response = client.post(
        reverse("plan_nieuw", args=[besloten.pk]),
        _post_data(**{"acties-2-omschrijving": "Gesprek met de corporatie"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Noem wie de actie uitvoert." in html and "Gesprek met de corporatie" in html
    assert not Doorbraakplan.objects.exists()


def test_second_plan_is_refused(besloten, consulent):
    _plan(besloten, consulent)
    with pytest.raises(Weigering, match="al een doorbraakplan"):
        _plan(besloten, consulent)
    assert Doorbraakplan.objects.count() == 1


def test_change_replans_only_open_evaluations(besloten, consulent, leefgebied, client):
    plan = _plan(besloten, consulent)
    drie = plan.evaluaties.get(maand=3)
    services.leg_evaluatie_vast(drie.pk, consulent, "doorgaan", "Loopt goed", {leefgebied.pk: 3})
    _login(client, consulent)
    form = client.get(reverse("plan_wijzigen", args=[besloten.pk])).content.decode()
    versie = re.search(r'name="versie" value="([^"]+)"', form).group(1)
    response = client.post(
        reverse("plan_wijzigen", args=[besloten.pk]),
        _post_data(startdatum="2026-03-01", monitoring_maanden="6", versie=versie),
    )
    assert response.status_code == 302
    rows = list(plan.evaluaties.order_by("maand").values_list("maand", "gepland_op", "uitkomst"))
    assert rows == [
        (3, datetime.date(2026, 4, 30), "doorgaan"),  # recorded: unchanged
        (6, datetime.date(2026, 9, 1), ""),
    ]
    # Someone else's change in between: the stale form is refused.
    response = client.post(
        reverse("plan_wijzigen", args=[besloten.pk]), _post_data(doel="Oud", versie=versie)
    )
    assert "Iemand anders heeft het plan intussen gewijzigd" in response.content.decode()
    plan.refresh_from_db()
    assert plan.doel == "Huisuitzetting voorkomen"


# --- Actions ---------------------------------------------------------------------------------


def test_add_and_toggle_an_action(besloten, consulent, client):
    _plan(besloten, consulent)
    _login(client, consulent)
    response = client.post(
        reverse("actie_nieuw", args=[besloten.pk]),
        {"omschrijving": "Aanvraag bijzondere bijstand", "eigenaar": "Sanne", "deadline": "", "eenmalig": nieuw_token()},
    )
    assert "Vul de datum in waarop de actie uiterlijk klaar is." in response.content.decode()
    client.post(
        reverse("actie_nieuw", args=[besloten.pk]),
        {"omschrijving": "Aanvraag bijzondere bijstand", "eigenaar": "Sanne", "deadline": "2026-02-01",
         "eenmalig": nieuw_token()},
    )
    actie = Actie.objects.get(omschrijving="Aanvraag bijzondere bijstand")
    url = reverse("actie_gereed", args=[besloten.pk, actie.pk])
    assert client.post(url, {"gereed": "1"}).status_code == 302
    actie.refresh_from_db()
    assert actie.gereed and actie.gereed_op is not None
    response = client.post(url, {"gereed": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="actie-{actie.pk}"' in response.content.decode()
    actie.refresh_from_db()
    assert not actie.gereed and actie.gereed_op is None
    omschrijvingen = list(besloten.tijdlijn.filter(soort="plan").values_list("omschrijving", flat=True))
    assert "Actie gereed: Aanvraag bijzondere bijstand" in omschrijvingen
    assert "Actie weer open: Aanvraag bijzondere bijstand" in omschrijvingen


# --- Evaluations and scores ------------------------------------------------------------------


def _eval_post(leefgebieden, uitkomst="doorgaan", toelichting="Huur wordt weer betaald", score="4"):
    data = {"uitkomst": uitkomst, "toelichting": toelichting}
    for lg in leefgebieden:
        data[f"score_{lg.pk}"] = score
    return data


def test_record_an_evaluation_with_scores(make_casus, consulent, omo_user, leefgebied, leefgebied2, client):
    casus = _naar_besloten(make_casus(consulent, leefgebieden=[leefgebied, leefgebied2]), consulent, omo_user)
    plan = _plan(casus, consulent)
    evaluatie = plan.evaluaties.get(maand=3)
    _login(client, consulent)
    url = reverse("evaluatie", args=[casus.pk, evaluatie.pk])
    html = client.get(url).content.decode()
    assert "<legend" in html and "Financiën en schulden" in html
    for label in ("1 – acute problematiek", "2 – niet zelfredzaam", "3 – beperkt zelfredzaam",
                  "4 – voldoende zelfredzaam", "5 – volledig zelfredzaam"):
        assert label in html
    # A score of 6 is refused, the typed explanation stays.
    data = _eval_post([leefgebied, leefgebied2])
    data[f"score_{leefgebied2.pk}"] = "6"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "De score is 1 tot en met 5." in response.content.decode()
    assert "Huur wordt weer betaald" in response.content.decode()
    evaluatie.refresh_from_db()
    assert evaluatie.uitkomst == "" and not Zelfredzaamheid.objects.exists()
    # Missing explanation.
    response = client.post(url, _eval_post([leefgebied, leefgebied2], toelichting=""))
    assert "Licht de uitkomst van de evaluatie toe." in response.content.decode()
    # Valid.
    assert client.post(url, _eval_post([leefgebied, leefgebied2])).status_code == 302
    evaluatie.refresh_from_db()
    assert evaluatie.uitkomst == "doorgaan" and evaluatie.uitgevoerd_door == consulent
    assert sorted(evaluatie.scores.values_list("leefgebied__code", "score")) == [("financien", 4), ("wonen", 4)]
    assert casus.tijdlijn.filter(soort="evaluatie", omschrijving="Evaluatie na 3 maanden: Doorgaan").exists()
    # Twice: refused, with who and when.
    with pytest.raises(Weigering, match=f"al vastgelegd door {consulent}"):
        services.leg_evaluatie_vast(evaluatie.pk, consulent, "afronden", "Nog eens", {leefgebied.pk: 5, leefgebied2.pk: 5})
    response = client.post(url, _eval_post([leefgebied, leefgebied2], uitkomst="afronden"), follow=True)
    assert "al vastgelegd" in response.content.decode()
    evaluatie.refresh_from_db()
    assert evaluatie.uitkomst == "doorgaan" and evaluatie.scores.count() == 2


def test_service_refuses_score_6_and_missing_leefgebied(make_casus, consulent, omo_user, leefgebied, leefgebied2):
    casus = _naar_besloten(make_casus(consulent, leefgebieden=[leefgebied, leefgebied2]), consulent, omo_user)
    evaluatie = _plan(casus, consulent).evaluaties.get(maand=3)
    with pytest.raises(Weigering, match="1 tot en met 5"):
        services.leg_evaluatie_vast(evaluatie.pk, consulent, "doorgaan", "x", {leefgebied.pk: 6, leefgebied2.pk: 3})
    with pytest.raises(Weigering, match="Financiën"):
        services.leg_evaluatie_vast(evaluatie.pk, consulent, "doorgaan", "x", {leefgebied.pk: 3})
    evaluatie.refresh_from_db()
    assert evaluatie.uitkomst == "" and not Zelfredzaamheid.objects.exists()


def test_aanpassen_during_monitoring_goes_back_to_uitvoering(besloten, consulent, leefgebied):
    plan = _plan(besloten, consulent)
    casus_services.overgang(besloten.pk, Status.MONITORING, consulent, verwacht_van=Status.IN_UITVOERING)
    services.leg_evaluatie_vast(
        plan.evaluaties.get(maand=3).pk, consulent, "aanpassen", "Budgetcoach past niet", {leefgebied.pk: 2}
    )
    besloten.refresh_from_db()
    assert besloten.status == Status.IN_UITVOERING
    laatste = besloten.tijdlijn.order_by("-pk").first()
    assert (laatste.van_status, laatste.naar_status, laatste.toelichting) == (
        Status.MONITORING, Status.IN_UITVOERING, "Budgetcoach past niet"
    )


def test_doorgaan_during_monitoring_keeps_monitoring(besloten, consulent, leefgebied):
    plan = _plan(besloten, consulent)
    casus_services.overgang(besloten.pk, Status.MONITORING, consulent)
    services.leg_evaluatie_vast(plan.evaluaties.get(maand=3).pk, consulent, "doorgaan", "Goed", {leefgebied.pk: 4})
    besloten.refresh_from_db()
    assert besloten.status == Status.MONITORING


def test_afronden_offers_closing_but_does_not_close(besloten, consulent, leefgebied, client):
    plan = _plan(besloten, consulent)
    evaluatie = plan.evaluaties.get(maand=12)
    services.leg_evaluatie_vast(evaluatie.pk, consulent, "afronden", "Doel bereikt", {leefgebied.pk: 5})
    besloten.refresh_from_db()
    assert besloten.status == Status.IN_UITVOERING
    _login(client, consulent)
    html = client.get(reverse("evaluatie", args=[besloten.pk, evaluatie.pk])).content.decode()
    assert "Sluit de casus af" in html
    assert reverse("casus_afsluiten", args=[besloten.pk]) in html


def test_intake_scores_and_change_over_time(besloten, consulent, leefgebied, client):
    plan = _plan(besloten, consulent)
    _login(client, consulent)
    url = reverse("zelfredzaamheid", args=[besloten.pk])
    response = client.post(url, {f"score_{leefgebied.pk}": "9"})
    assert response.status_code == 200 and not Zelfredzaamheid.objects.exists()
    assert client.post(url, {f"score_{leefgebied.pk}": "1"}).status_code == 302
    assert client.post(url, {f"score_{leefgebied.pk}": "2"}).status_code == 302  # corrected
    assert list(Zelfredzaamheid.objects.values_list("evaluatie", "score")) == [(None, 2)]
    assert re.search(r'value="2"[^>]*checked', client.get(url).content.decode())
    services.leg_evaluatie_vast(plan.evaluaties.get(maand=3).pk, consulent, "doorgaan", "x", {leefgebied.pk: 4})
    services.leg_evaluatie_vast(plan.evaluaties.get(maand=6).pk, consulent, "doorgaan", "x", {leefgebied.pk: 3})
    html = client.get(reverse("plan", args=[besloten.pk])).content.decode()
    tabel = html[html.index("omo-scores"):]
    tabel = tabel[: tabel.index("</table>")]
    assert ">Intake<" in tabel and ">Na 3 maanden<" in tabel and ">Na 6 maanden<" in tabel
    assert "+2" in tabel and "2 hoger dan de vorige score" in tabel
    assert "1 lager dan de vorige score" in tabel


def test_evaluation_states_on_the_plan_page(besloten, consulent, leefgebied, make_casus, omo_user, client):
    vandaag = timezone.localdate()
    plan = _plan(besloten, consulent, startdatum=vandaag - relativedelta(months=6, days=5))
    # 3 months: recorded; 6 months: five days late; 12 months: later.
    services.leg_evaluatie_vast(plan.evaluaties.get(maand=3).pk, consulent, "doorgaan", "x", {leefgebied.pk: 3})
    _login(client, consulent)
    html = client.get(reverse("plan", args=[besloten.pk])).content.decode()
    assert "Vastgelegd: Doorgaan" in html and "Te laat" in html and "Gepland" in html
    assert "Binnenkort" not in html
    tweede = _naar_besloten(make_casus(consulent), consulent, omo_user)
    _plan(tweede, consulent, startdatum=vandaag - relativedelta(months=3) + datetime.timedelta(days=7))
    html = client.get(reverse("plan", args=[tweede.pk])).content.decode()
    assert "Binnenkort" in html and "Te laat" not in html


# --- The daily notification ------------------------------------------------------------------


def test_due_evaluation_is_notified_exactly_once(besloten, consulent):
    plan = _plan(besloten, consulent)
    drie = plan.evaluaties.get(maand=3)
    assert services.meld_evaluaties(vandaag=drie.gepland_op - datetime.timedelta(days=1)) == 0
    assert not Notificatie.objects.exists()
    services.meld_evaluaties(vandaag=drie.gepland_op)
    services.meld_evaluaties(vandaag=drie.gepland_op + datetime.timedelta(days=1))
    melding = Notificatie.objects.get()
    assert melding.gebruiker == consulent
    assert besloten.code in melding.tekst and "evaluatie na 3 maanden" in melding.tekst
    assert melding.link == reverse("evaluatie", args=[besloten.pk, drie.pk])
    assert melding.sleutel == f"evaluatie:{drie.pk}"


def test_recorded_and_closed_cases_are_not_notified(besloten, consulent, leefgebied, make_casus, omo_user):
    plan = _plan(besloten, consulent)
    services.leg_evaluatie_vast(plan.evaluaties.get(maand=3).pk, consulent, "doorgaan", "x", {leefgebied.pk: 3})
    gesloten = _naar_besloten(make_casus(consulent), consulent, omo_user)
    _plan(gesloten, consulent)
    casus_services.sluit_af(gesloten.pk, consulent, "Opgelost", "Huurschuld overgenomen")
    services.meld_evaluaties(vandaag=START + relativedelta(months=4))
    assert not Notificatie.objects.exists()
    services.meld_evaluaties(vandaag=START + relativedelta(months=7))
    assert list(Notificatie.objects.values_list("sleutel", flat=True)) == [
        f"evaluatie:{plan.evaluaties.get(maand=6).pk}"
    ]


@pytest.mark.django_db(transaction=True)
def test_daily_task_runs_on_a_real_worker(make_user, make_casus, team_a, celery_worker):
    consulent = make_user("consulent", team=team_a)
    casus = _naar_besloten(make_casus(consulent), consulent, make_user("omo"))
    _plan(casus, consulent, startdatum=timezone.localdate() - relativedelta(months=4))
    assert evaluaties_melden.delay().get(timeout=20) == 1
    assert evaluaties_melden.delay().get(timeout=20) == 1
    assert Notificatie.objects.filter(gebruiker=consulent).count() == 1


def test_task_is_in_the_beat_schedule():
    from celery.schedules import crontab

    from omo.celery import app

    entry = next(e for e in app.conf.beat_schedule.values() if e["task"] == "casussen.tasks.evaluaties_melden")
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert app.conf.timezone == "Europe/Amsterdam"


# --- Knelpunten ------------------------------------------------------------------------------


def test_knelpunten_crud(casus, consulent, organisatie, grondslag, client):
    _login(client, consulent)
    nieuw = reverse("knelpunt_nieuw", args=[casus.pk])
    response = client.post(nieuw, {"soort": "wet_regel", "beschrijving": "Kostendelersnorm", "eenmalig": nieuw_token()})
    assert response.status_code == 200
    assert "Noem bij een knelpunt in wet of regel" in response.content.decode()
    assert "Kostendelersnorm" in response.content.decode()
    response = client.post(nieuw, {"soort": "proces", "beschrijving": "", "eenmalig": nieuw_token()})
    assert "Beschrijf het knelpunt." in response.content.decode()
    assert not Knelpunt.objects.exists()
    assert client.post(nieuw, {"soort": "wet_regel", "beschrijving": "Kostendelersnorm", "grondslag": grondslag.pk, "eenmalig": nieuw_token()}).status_code == 302
    assert client.post(nieuw, {"soort": "aanbod", "beschrijving": "Geen plek in de opvang", "eenmalig": nieuw_token()}).status_code == 302
    knelpunt = Knelpunt.objects.get(soort="wet_regel")
    html = client.get(reverse("knelpunten", args=[casus.pk])).content.decode()
    assert "Kostendelersnorm" in html and str(grondslag) in html and "Geen plek in de opvang" in html
    wijzig = reverse("knelpunt_wijzigen", args=[casus.pk, knelpunt.pk])
    assert client.post(wijzig, {"soort": "wet_regel", "beschrijving": "Kostendelersnorm", "organisatie": organisatie.pk}).status_code == 302
    knelpunt.refresh_from_db()
    assert knelpunt.organisatie == organisatie and knelpunt.grondslag is None
    assert client.post(reverse("knelpunt_verwijderen", args=[casus.pk, knelpunt.pk])).status_code == 302
    assert list(Knelpunt.objects.values_list("beschrijving", flat=True)) == ["Geen plek in de opvang"]
    assert casus.tijdlijn.filter(soort="knelpunt").count() == 4


def test_knelpunt_rule_in_the_service(casus, consulent):
    with pytest.raises(Weigering) as fout:
        services.voeg_knelpunt_toe(casus.pk, consulent, {"soort": "wet_regel", "beschrijving": "x", "regel": "  "})
    assert fout.value.field == "grondslag"
    knelpunt = services.voeg_knelpunt_toe(
        casus.pk, consulent, {"soort": "wet_regel", "beschrijving": "x", "regel": "Huurtoeslaggrens"}
    )
    assert knelpunt.regel == "Huurtoeslaggrens"


# --- Access ----------------------------------------------------------------------------------


def test_foreign_case_is_404(besloten, consulent, make_user, team_a, leefgebied, client):
    plan = _plan(besloten, consulent)
    actie = services.voeg_actie_toe(besloten.pk, consulent, "Bellen", "Sanne", START)
    knelpunt = services.voeg_knelpunt_toe(besloten.pk, consulent, {"soort": "proces", "beschrijving": "x"})
    evaluatie = plan.evaluaties.first()
    _login(client, make_user("consulent", team=team_a))
    pk = besloten.pk
    for url in (
        reverse("plan", args=[pk]), reverse("plan_nieuw", args=[pk]), reverse("plan_wijzigen", args=[pk]),
        reverse("actie_nieuw", args=[pk]), reverse("evaluatie", args=[pk, evaluatie.pk]),
        reverse("zelfredzaamheid", args=[pk]), reverse("knelpunten", args=[pk]),
        reverse("knelpunt_nieuw", args=[pk]), reverse("knelpunt_wijzigen", args=[pk, knelpunt.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("actie_gereed", args=[pk, actie.pk]), reverse("knelpunt_verwijderen", args=[pk, knelpunt.pk]),
        reverse("evaluatie", args=[pk, evaluatie.pk]),
    ):
        assert client.post(url, {"gereed": "1"}).status_code == 404, url
    actie.refresh_from_db()
    assert not actie.gereed and Knelpunt.objects.exists()


def test_child_of_another_case_is_404(besloten, consulent, make_casus, client):
    plan = _plan(besloten, consulent)
    ander = make_casus(consulent)
    knelpunt = services.voeg_knelpunt_toe(besloten.pk, consulent, {"soort": "proces", "beschrijving": "x"})
    _login(client, consulent)
    assert client.get(reverse("evaluatie", args=[ander.pk, plan.evaluaties.first().pk])).status_code == 404
    assert client.post(reverse("knelpunt_verwijderen", args=[ander.pk, knelpunt.pk])).status_code == 404
    assert Knelpunt.objects.filter(pk=knelpunt.pk).exists()


def test_team_coach_views_but_does_not_change(besloten, consulent, make_user, team_a, leefgebied, client):
    plan = _plan(besloten, consulent)
    actie = services.voeg_actie_toe(besloten.pk, consulent, "Bellen", "Sanne", START)
    knelpunt = services.voeg_knelpunt_toe(besloten.pk, consulent, {"soort": "proces", "beschrijving": "x"})
    evaluatie = plan.evaluaties.first()
    _login(client, make_user("maatwerkcoach", team=team_a))
    pk = besloten.pk
    for url in (reverse("plan", args=[pk]), reverse("knelpunten", args=[pk]), reverse("evaluatie", args=[pk, evaluatie.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Gereed melden" not in response.content.decode()
        assert "Evaluatie vastleggen" not in response.content.decode()
    for url in (
        reverse("plan_nieuw", args=[pk]), reverse("plan_wijzigen", args=[pk]), reverse("actie_nieuw", args=[pk]),
        reverse("zelfredzaamheid", args=[pk]), reverse("knelpunt_nieuw", args=[pk]),
        reverse("knelpunt_wijzigen", args=[pk, knelpunt.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("actie_gereed", args=[pk, actie.pk]), {"gereed": "1"}).status_code == 403
    assert client.post(reverse("evaluatie", args=[pk, evaluatie.pk]), _eval_post([leefgebied])).status_code == 403
    assert client.post(reverse("knelpunt_verwijderen", args=[pk, knelpunt.pk])).status_code == 403
    actie.refresh_from_db()
    evaluatie.refresh_from_db()
    assert not actie.gereed and not evaluatie.uitkomst and Knelpunt.objects.exists()
    with pytest.raises(Weigering):
        services.markeer_actie(actie.pk, make_user("maatwerkcoach", team=team_a), True)


def test_medebehandelaar_may_record(make_casus, consulent, make_user, team_a, omo_user, leefgebied):
    collega = make_user("consulent", team=team_a)
    casus = _naar_besloten(make_casus(consulent, medebehandelaars=[collega]), consulent, omo_user)
    plan = services.stel_plan_op(casus.pk, collega, _velden())
    services.leg_evaluatie_vast(plan.evaluaties.first().pk, collega, "doorgaan", "x", {leefgebied.pk: 3})
    with pytest.raises(Weigering):
        services.voeg_knelpunt_toe(casus.pk, omo_user, {"soort": "proces", "beschrijving": "x"})


# --- Speed -----------------------------------------------------------------------------------


def test_query_budgets_with_many_rows(
    make_casus, consulent, omo_user, leefgebied, leefgebied2, organisatie, grondslag, settings, client,
    django_assert_max_num_queries,
):
    settings.OMO_EVALUATIEMOMENTEN = list(range(1, 13))
    casus = _naar_besloten(make_casus(consulent, leefgebieden=[leefgebied, leefgebied2]), consulent, omo_user)
    plan = _plan(casus, consulent)
    for i in range(50):
        services.voeg_actie_toe(casus.pk, consulent, f"Actie {i}", "Sanne", START)
        services.voeg_knelpunt_toe(
            casus.pk, consulent,
            {"soort": "wet_regel", "beschrijving": f"Knelpunt {i}", "organisatie": organisatie, "grondslag": grondslag},
        )
    services.leg_intake_vast(casus.pk, consulent, {leefgebied.pk: 1, leefgebied2.pk: 2})
    evaluaties = list(plan.evaluaties.order_by("maand"))
    for evaluatie in evaluaties[:8]:
        services.leg_evaluatie_vast(evaluatie.pk, consulent, "doorgaan", "x", {leefgebied.pk: 3, leefgebied2.pk: 4})
    _login(client, consulent)
    urls = [
        reverse("plan", args=[casus.pk]),
        reverse("knelpunten", args=[casus.pk]),
        reverse("evaluatie", args=[casus.pk, evaluaties[0].pk]),
        reverse("evaluatie", args=[casus.pk, evaluaties[-1].pk]),
        reverse("zelfredzaamheid", args=[casus.pk]),
        reverse("plan_wijzigen", args=[casus.pk]),
        reverse("knelpunt_nieuw", args=[casus.pk]),
    ]
    for url in urls:
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200, url
    html = client.get(urls[0]).content.decode()
    assert html.count('id="actie-') == 50 and "Knelpunt 49" in client.get(urls[1]).content.decode()
