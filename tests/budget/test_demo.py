"""The budget demo data: five funds with the rules of the gemeenten they come from, requests on the
demo cases in every state (booked through the services), the loans forgiven, repaid and recovered,
a partner's contribution, and a ledger that checks out. Idempotent."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.urls import reverse

from budget import demo as budget_demo
from budget import queries
from budget.models import Aanvraag, Boeking, Fonds, Rekening, Transactie
from budget.services import grootboek
from casussen import demo as casussen_demo
from casussen.models import Casus, Scenario, Status, TijdlijnEvent
from escalatie import demo as escalatie_demo
from escalatie.models import Escalatie, Niveau
from omo.management.commands.demo_data import Command as DemoData
from omo.models import Notificatie, User
from omo.roles import CONSULENT, roles_of
from omo.werkdagen import AMSTERDAM
from rapportage import demo as rapportage_demo

pytestmark = pytest.mark.django_db

S = Aanvraag.Status
R = Rekening.Soort
T = Transactie.Soort


@pytest.fixture
def geladen(db):
    """omo's, casussen's and escalatie's demo first (as `demo_data` does), then budget's:
    (number of new rows, what it printed)."""
    DemoData().load()
    casussen_demo.load()
    escalatie_demo.load()
    uitvoer = io.StringIO()
    aantal = budget_demo.load(stdout=uitvoer)
    return aantal, uitvoer.getvalue()


@pytest.fixture
def budgethouder(geladen):
    return User.objects.get(username="budgethouder")


def fonds(naam) -> Fonds:
    return Fonds.objects.get(naam=naam)


def stand(naam) -> dict:
    return grootboek.saldi(fonds(naam).pk)


def test_five_funds_with_their_rules_a_budget_holder_and_this_years_allocation(geladen, budgethouder):
    aantal, uitvoer = geladen
    assert aantal > 0
    for regel in ("fondsen: 5", "partnerbijdragen: 1", "aanvragen: "):
        assert regel in uitvoer
    assert Fonds.objects.count() == 5
    for f in Fonds.objects.all():
        assert list(f.budgethouders.all()) == [budgethouder], f.naam
        assert f.kostenplaats and f.grootboeknummer and f.omschrijving, f.naam
        toewijzing = Transactie.objects.get(fonds=f, soort=T.TOEWIJZING)
        assert toewijzing.boekjaar == grootboek.vandaag().year

    stelpost = fonds("Stelpost multiprobleem")
    assert stelpost.soort == Fonds.Soort.STELPOST and stelpost.jaareinde == Fonds.Jaareinde.VERVALT
    assert stand("Stelpost multiprobleem")[R.TOEWIJZING] == Decimal("-50000.00")

    omo = fonds("OMO-fonds")
    assert omo.soort == Fonds.Soort.OMO_FONDS and omo.jaareinde == Fonds.Jaareinde.OVERHEVELEN
    assert omo.leningen_toegestaan and omo.voorfinanciering_toegestaan
    assert omo.coach_grens == Decimal("500.00") and omo.mandaat == Decimal("25000.00")
    assert stand("OMO-fonds")[R.TOEWIJZING] == Decimal("-500000.00")

    voorkom = fonds("Voorkom-erger-potje")
    assert voorkom.soort == Fonds.Soort.VOORKOM_ERGER and voorkom.maximum_per_aanvraag == Decimal("500.00")

    doorpak = fonds("Doorpakbudget")
    assert doorpak.soort == Fonds.Soort.DOORPAK and doorpak.direct_grens == Decimal("100.00")

    samenloop = fonds("Samenloopbudget")
    assert samenloop.soort == Fonds.Soort.SAMENLOOP
    assert stand("Samenloopbudget")[R.TOEWIJZING] == Decimal("-50000.00")


def test_a_request_in_every_state(geladen, budgethouder):
    statussen = set(Aanvraag.objects.values_list("status", flat=True))
    assert {S.CONCEPT, S.INGEDIEND, S.GOEDGEKEURD, S.AFGEWEZEN, S.COLLEGE, S.BETAALD, S.AFGEROND, S.UITSTAAND,
            S.AFGELOST} <= statussen

    # Submitted: waiting in the budget holder's inbox.
    ingediend = set(Aanvraag.objects.filter(status=S.INGEDIEND).values_list("pk", flat=True))
    assert ingediend and ingediend <= set(queries.inbox(budgethouder).values_list("pk", flat=True))

    # Approved: the whole amount reserved, nothing paid yet.
    goedgekeurd = Aanvraag.objects.get(status=S.GOEDGEKEURD)
    assert goedgekeurd.gereserveerd == goedgekeurd.bedrag and goedgekeurd.betaald == 0

    # Rejected, always with a reason.
    afgewezen = Aanvraag.objects.get(status=S.AFGEWEZEN)
    assert afgewezen.motivatie.strip() and afgewezen.besloten_door == budgethouder
    assert afgewezen.gereserveerd == 0 and not afgewezen.transacties.exists()

    # Before the College: above the fund's mandate, an open escalation at level 3.
    college = Aanvraag.objects.get(status=S.COLLEGE)
    assert college.bedrag > college.fonds.mandaat
    assert college.escalatie.naar_niveau == Niveau.COLLEGE and college.escalatie.beslissing == ""
    assert college.escalatie.onderwerp == Escalatie.Onderwerp.AANVRAAG
    assert college.gereserveerd == 0

    # Paid in part: the rest still reserved.
    deels = Aanvraag.objects.get(status=S.BETAALD, direct_geboekt=False, betaald__lt=F("bedrag"))
    assert 0 < deels.betaald < deels.bedrag
    assert deels.gereserveerd == deels.bedrag - deels.betaald

    # Closed: paid, nothing left reserved.
    afgerond = Aanvraag.objects.filter(status=S.AFGEROND)
    assert afgerond.exists()
    for a in afgerond:
        assert a.betaald > 0 and a.gereserveerd == 0

    # A concept has booked nothing.
    concept = Aanvraag.objects.get(status=S.CONCEPT)
    assert concept.ingediend_op is None and not concept.transacties.exists()


def test_small_spends_booked_at_once_and_reviewed_afterwards(geladen, budgethouder):
    direct = Aanvraag.objects.filter(direct_geboekt=True)
    assert all(a.fonds.soort == Fonds.Soort.DOORPAK and a.bedrag < a.fonds.direct_grens for a in direct)
    assert all(a.status == S.BETAALD and a.betaald == a.bedrag for a in direct)
    te_beoordelen = direct.get(achteraf_beoordeeld_op__isnull=True)
    assert te_beoordelen.bedrag == Decimal("65.00")
    assert te_beoordelen in queries.achteraf(budgethouder)
    beoordeeld = direct.get(achteraf_beoordeeld_op__isnull=False)
    assert beoordeeld.achteraf_beoordeeld_door == budgethouder and beoordeeld.achteraf_oordeel


def test_loans_forgiven_repaid_and_recovered(geladen):
    # The childcare-debt loan: half forgiven on the diploma, the rest outstanding.
    kinderopvang = Aanvraag.objects.get(soort=Aanvraag.Soort.LENING, kwijtgescholden__gt=0)
    assert "kinderopvang" in kinderopvang.doel
    assert "diploma" in kinderopvang.kwijtschelding_voorwaarde
    assert kinderopvang.betaald == kinderopvang.bedrag
    assert kinderopvang.kwijtgescholden == kinderopvang.bedrag / 2
    assert kinderopvang.uitstaand == kinderopvang.bedrag / 2 and kinderopvang.status == S.UITSTAAND
    assert kinderopvang.transacties.filter(soort=T.KWIJTSCHELDING).count() == 1

    # The schuldhulp bridge loan: repaid in full, the money is back in the fund.
    overbrugging = Aanvraag.objects.get(soort=Aanvraag.Soort.LENING, status=S.AFGELOST)
    assert "schuldregeling" in overbrugging.doel
    assert overbrugging.afgelost == overbrugging.bedrag == overbrugging.betaald
    assert overbrugging.uitstaand == 0 and overbrugging.kwijtgescholden == 0
    assert overbrugging.transacties.filter(soort=T.AFLOSSING).count() >= 1

    # The pre-financing recovered from the zorgverzekeraar.
    voorfinanciering = Aanvraag.objects.get(soort=Aanvraag.Soort.VOORFINANCIERING)
    assert voorfinanciering.verhalen_op.startswith("Zorgverzekeraar")
    assert voorfinanciering.status == S.AFGELOST and voorfinanciering.afgelost == voorfinanciering.bedrag
    verhaal = Transactie.objects.get(soort=T.VERHAAL)
    assert verhaal.aanvraag == voorfinanciering and verhaal.tegenpartij == voorfinanciering.verhalen_op
    assert verhaal.fonds.voorfinanciering_toegestaan

    # Every loan has a repayment plan; an approved loan waits for payment.
    for lening in Aanvraag.objects.filter(soort=Aanvraag.Soort.LENING):
        assert lening.fonds.leningen_toegestaan
        assert lening.termijnbedrag and lening.eerste_termijn
    assert Aanvraag.objects.filter(soort=Aanvraag.Soort.LENING, status=S.GOEDGEKEURD).exists()


def test_a_woningcorporatie_contributes_to_the_omo_fonds(geladen):
    bijdrage = Transactie.objects.get(soort=T.PARTNERBIJDRAGE)
    assert bijdrage.fonds.naam == "OMO-fonds"
    assert bijdrage.tegenpartij.startswith("Woningcorporatie")
    assert stand("OMO-fonds")[R.PARTNER] == -sum(b.bedrag for b in bijdrage.boekingen.filter(kant="C"))


def test_requests_follow_the_rules_of_who_asks_and_who_decides(geladen, budgethouder):
    aanvragen = Aanvraag.objects.select_related("casus", "fonds", "aangevraagd_door")
    assert aanvragen.count() >= 12
    for a in aanvragen:
        assert a.casus.status != Status.AFGESLOTEN
        assert a.scenario.casus_id == a.casus_id
        assert a.casus.is_betrokkene(a.aangevraagd_door) and CONSULENT in roles_of(a.aangevraagd_door)
        assert a.aangevraagd_door != budgethouder
        if a.status != S.CONCEPT:
            assert all((getattr(a, v) or "").strip() for v in ("doel", "noodzaak", "gevolgen", "regulier_onmogelijk",
                                                               "reguliere_routes"))
        if a.besloten_door_id:
            assert a.fonds.budgethouders.filter(pk=a.besloten_door_id).exists()
            assert a.besloten_door_id != a.aangevraagd_door_id
        if a.fonds.maximum_per_aanvraag:
            assert a.bedrag <= a.fonds.maximum_per_aanvraag
    # Requests of both demo consulents; the case without a scenario got one.
    assert {"consulent", "consulent-noord"} <= set(aanvragen.values_list("aangevraagd_door__username", flat=True))
    assert Scenario.objects.filter(titel__startswith="Elektrische fiets", aanvragen__isnull=False).exists()
    # Every money step is on the case's timeline.
    assert TijdlijnEvent.objects.filter(soort=TijdlijnEvent.Soort.GELD).count() >= aanvragen.count()


def test_the_ledger_checks_out(geladen):
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred balance checks fire now
    uitvoer = io.StringIO()
    call_command("ledger_check", stdout=uitvoer)
    assert "klopt" in uitvoer.getvalue()
    # Every booked transaction of a request balances and belongs to the request's fund.
    for t in Transactie.objects.filter(aanvraag__isnull=False).select_related("aanvraag"):
        assert t.fonds_id == t.aanvraag.fonds_id


def test_a_second_load_creates_nothing(geladen, settings):
    def tellen():
        return (
            Fonds.objects.count(), Aanvraag.objects.count(), Transactie.objects.count(), Boeking.objects.count(),
            Escalatie.objects.count(), Notificatie.objects.count(), Scenario.objects.count(),
            TijdlijnEvent.objects.count(),
        )

    rapportage_demo.load()  # what `demo_data` loads after the budget (signals, patterns, reports)
    voor = tellen()
    uitvoer = io.StringIO()
    assert budget_demo.load(stdout=uitvoer) == 0
    assert uitvoer.getvalue() == ""
    settings.DEBUG = True
    uitvoer = io.StringIO()
    call_command("demo_data", stdout=uitvoer)
    assert "niets gewijzigd" in uitvoer.getvalue()
    assert tellen() == voor


def test_demo_data_loads_the_funds_after_the_cases(db, settings):
    settings.DEBUG = True
    uitvoer = io.StringIO()
    call_command("demo_data", stdout=uitvoer)
    assert "fondsen: 5" in uitvoer.getvalue()
    assert Fonds.objects.count() == 5
    assert Aanvraag.objects.filter(casus__in=Casus.objects.all()).count() >= 12


def test_without_the_budget_holder_nothing_is_made(db):
    assert budget_demo.load() == 0
    assert not Fonds.objects.exists()


def test_the_budget_pages_open_for_the_demo_accounts(geladen, budgethouder, client):
    client.force_login(budgethouder)
    urls = [reverse(n) for n in ("budget_fondsen", "budget_transacties", "budget_inbox", "budget_achteraf",
                                 "budget_leningen")]
    urls += [reverse("fonds_detail", args=[f.pk]) for f in Fonds.objects.all()]
    urls += [reverse("aanvraag_detail", args=[a.pk]) for a in Aanvraag.objects.all()]
    for url in urls:
        assert client.get(url).status_code == 200, url
    inbox = client.get(reverse("budget_inbox")).content.decode()
    for a in Aanvraag.objects.filter(status=S.INGEDIEND).select_related("casus"):
        assert a.casus.code in inbox

    consulent = User.objects.get(username="consulent")
    client.force_login(consulent)
    for a in Aanvraag.objects.filter(aangevraagd_door=consulent).select_related("casus"):
        assert client.get(reverse("casus_geld", args=[a.casus_id])).status_code == 200, a.casus.code
        assert client.get(reverse("aanvraag_detail", args=[a.pk])).status_code == 200, a.pk

    # The notifications the requests sent lead to a page their reader can open.
    meldingen = Notificatie.objects.filter(sleutel__startswith="aanvraag-").select_related("gebruiker")
    assert meldingen.filter(gebruiker=budgethouder).exists() and meldingen.filter(gebruiker=consulent).exists()
    for melding in meldingen:
        client.force_login(melding.gebruiker)
        assert client.get(melding.link).status_code == 200, (melding.gebruiker.username, melding.link)


def test_last_quarters_caseload_has_money_a_withdrawal_and_a_loan_in_arrears(geladen):
    """Besides the worked-out examples, requests on the rest of the caseload: decided when their
    case was (so the quarterly report has a fund table), one withdrawn, one loan in arrears."""
    from rapportage.perioden import kwartaal

    vandaag = grootboek.vandaag()
    van, _tot = kwartaal(kwartaal(vandaag)[0] - datetime.timedelta(days=1))
    begin = datetime.datetime.combine(van, datetime.time.min, tzinfo=AMSTERDAM)
    eind = datetime.datetime.combine(kwartaal(vandaag)[0], datetime.time.min, tzinfo=AMSTERDAM)
    besloten = Aanvraag.objects.filter(besloten_op__gte=begin, besloten_op__lt=eind, betaald__gt=0)
    assert besloten.count() >= 2
    ingetrokken = Aanvraag.objects.get(status=S.INGETROKKEN)
    assert ingetrokken.betaald == 0 and ingetrokken.gereserveerd == 0
    leningen = queries.met_aflosstand(list(Aanvraag.objects.filter(status=S.UITSTAAND)), vandaag)
    achter = [a for a in leningen if a.achterstand > 0]
    assert len(achter) == 1 and 0 < achter[0].afgelost < achter[0].betaald
