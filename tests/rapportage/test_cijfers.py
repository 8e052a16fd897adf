"""The figures of the dashboard and the reports, checked against an independent count.

The demo data (every case status, escalations, verzoeken, plans with evaluations and scores,
funds with requests, loans and payments) is loaded through the services; every figure of
`cijfers()` is then counted again here with the ORM and plain Python — the cost comparison
with `casussen.rendement.bereken`, the percentiles with the same linear interpolation as
`percentile_cont` — and must be equal."""

import datetime
from collections import Counter
from decimal import Decimal
from itertools import combinations

import pytest
from django.db import connection
from django.utils import timezone

from budget.models import Aanvraag, Boeking, Fonds, Rekening
from casussen import rendement
from casussen.models import (
    Besluit,
    Casus,
    Evaluatie,
    Knelpunt,
    Scenario,
    ScenarioGrondslag,
    Status,
    Zelfredzaamheid,
)
from escalatie.models import Escalatie, Verzoek
from omo.werkdagen import AMSTERDAM
from rapportage.models import Knelpuntgroep
from rapportage.queries.cijfers import cijfers

pytestmark = pytest.mark.django_db

VAN = datetime.date(2020, 1, 1)
TOT = datetime.date(2027, 12, 31)


def percentiel(waarden, p):
    """percentile_cont: linear interpolation between the closest ranks."""
    w = sorted(waarden)
    if not w:
        return None
    k = (len(w) - 1) * p
    f = int(k)
    c = min(f + 1, len(w) - 1)
    return round(float(w[f] + (w[c] - w[f]) * (k - f)), 1)


def lokaal(dt):
    return timezone.localtime(dt, AMSTERDAM).date()


def test_every_figure_equals_an_independent_count(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        c = cijfers(VAN, TOT)

    # A case declared vervallen (the demo has one) counts nowhere.
    assert Casus.objects.filter(status=Status.VERVALLEN).exists()
    casussen = list(Casus.objects.exclude(status=Status.VERVALLEN))
    assert c["casussen"]["nieuw"] == len(casussen) > 10
    per_status = Counter(k.status for k in casussen)
    assert {r["status"]: r["aantal"] for r in c["casussen"]["per_status"]} == {
        s: per_status.get(s, 0) for s in Status.values if s != Status.VERVALLEN
    }
    per_maand = Counter(k.datum_signaal.strftime("%Y-%m") for k in casussen)
    assert {r["maand"]: r["aantal"] for r in c["casussen"]["per_maand"] if r["aantal"]} == dict(per_maand)
    assert len(c["casussen"]["per_maand"]) == 8 * 12
    assert c["casussen"]["afgesloten"] == sum(1 for k in casussen if k.afgesloten_op)
    assert c["casussen"]["open_aan_einde"] == sum(1 for k in casussen if not k.afgesloten_op)

    lg = {k.pk: sorted(k.leefgebieden.all(), key=lambda x: x.pk) for k in casussen}
    telling = Counter(x.code for lijst in lg.values() for x in lijst)
    assert {r["code"]: r["aantal"] for r in c["leefgebieden"]} == dict(telling)
    paren = Counter(tuple(x.code for x in p) for lijst in lg.values() for p in combinations(lijst, 2))
    verwacht = sorted(((n, p) for p, n in paren.items() if n >= 2), key=lambda t: -t[0])[:10]
    assert sorted(r["aantal"] for r in c["combinaties"]["twee"]) == sorted(n for n, _p in verwacht)
    for r in c["combinaties"]["twee"]:
        assert paren[tuple(r["codes"])] == r["aantal"]
    drietallen = Counter(tuple(x.code for x in p) for lijst in lg.values() for p in combinations(lijst, 3))
    for r in c["combinaties"]["drie"]:
        assert drietallen[tuple(r["codes"])] == r["aantal"] >= 2

    esc = Counter((e.naar_niveau, e.beslissing or "open") for e in Escalatie.objects.all())
    assert c["escalaties"]["totaal"] == Escalatie.objects.count() > 0
    for rij in c["escalaties"]["per_niveau"]:
        for uitkomst, n in rij["uitkomsten"].items():
            assert esc.get((rij["niveau"], uitkomst), 0) == n

    eerste = {}
    for b in Besluit.objects.filter(uitkomst="akkoord").order_by("besloten_op", "pk"):
        eerste.setdefault(b.casus_id, b)
    k_by_pk = {k.pk: k for k in casussen}
    dagen = [(lokaal(b.besloten_op) - k_by_pk[b.casus_id].datum_signaal).days for b in eerste.values()]
    ab = c["doorlooptijden"]["aanmelding_besluit"]
    assert ab == {"aantal": len(dagen), "mediaan": percentiel(dagen, 0.5), "p90": percentiel(dagen, 0.9)}
    assert ab["aantal"] > 0
    afgerond = [
        (lokaal(k.afgesloten_op) - lokaal(eerste[k.pk].besloten_op)).days
        for k in casussen if k.afgesloten_op and k.pk in eerste
    ]
    assert c["doorlooptijden"]["besluit_afgerond"]["mediaan"] == percentiel(afgerond, 0.5)

    now = timezone.now()
    telt = [v for v in Verzoek.objects.all() if v.opgepakt_op or v.deadline < now]
    assert c["verzoeken"]["aantal"] == len(telt)
    assert c["verzoeken"]["op_tijd"] == sum(1 for v in telt if v.opgepakt_op and v.opgepakt_op <= v.deadline)
    assert c["verzoeken"]["open"] == Verzoek.objects.count() - len(telt)

    goedgekeurd = [
        a for a in Aanvraag.objects.all()
        if a.status in ("goedgekeurd", "betaald", "afgerond", "uitstaand", "afgelost", "kwijtgescholden")
    ]
    fondsen = {r["fonds"]: r for r in c["geld"]["per_fonds"]}
    for f in Fonds.objects.all():
        mijn = [a for a in goedgekeurd if a.fonds_id == f.pk]
        uit = Boeking.objects.filter(rekening__fonds=f, rekening__soort=Rekening.Soort.UITSTAAND)
        saldo = sum((b.bedrag if b.kant == "D" else -b.bedrag for b in uit), Decimal("0"))
        if not mijn and not saldo:
            continue
        assert fondsen[f.naam]["aanvragen"] == len(mijn)
        assert Decimal(fondsen[f.naam]["goedgekeurd"]) == sum((a.bedrag for a in mijn), Decimal("0"))
        assert Decimal(fondsen[f.naam]["uitstaand"]) == saldo
        # Of the money approved in the period, what has been paid out (gifts and loans alike).
        betaald = sum((a.betaald for a in mijn), Decimal("0"))
        assert Decimal(fondsen[f.naam]["betaald"]) == betaald
    assert Decimal(c["geld"]["totaal"]["goedgekeurd"]) == sum((a.bedrag for a in goedgekeurd), Decimal("0")) > 0
    per_plan = Counter()
    for a in goedgekeurd:
        per_plan[a.casus_id] += a.bedrag
    assert c["geld"]["per_plan"]["plannen"] == len(per_plan)
    assert Decimal(c["geld"]["per_plan"]["hoogste"]) == max(per_plan.values())

    scenarios = [Scenario.objects.get(pk=b.scenario_id) for b in eerste.values()]
    assert c["kosten"]["scenarios"] == len(scenarios)
    regels = [r for s in scenarios for r in s.kostenregels.all()]
    uitkomst = rendement.bereken(regels, 12)
    assert Decimal(c["kosten"]["totaal"]["huidig"]) == uitkomst.huidig.quantize(Decimal("0.01"))
    assert Decimal(c["kosten"]["totaal"]["dreigend"]) == uitkomst.dreigend.quantize(Decimal("0.01"))
    assert Decimal(c["kosten"]["totaal"]["doorbraak"]) == uitkomst.doorbraak.quantize(Decimal("0.01"))
    betalers = {r["code"]: r for r in c["kosten"]["per_betaler"]}
    for s in ("huidig", "dreigend", "doorbraak"):
        som = sum((Decimal(r[s]) for r in betalers.values()), Decimal("0"))
        # Each row is rounded to cents on its own: the rows may differ from the total by a cent each.
        assert abs(som - Decimal(c["kosten"]["totaal"][s])) <= Decimal("0.01") * len(betalers)

    gebruikt = Counter(
        (sg.grondslag.wet, sg.grondslag.artikel)
        for sg in ScenarioGrondslag.objects.filter(scenario__in=scenarios).select_related("grondslag")
    )
    assert {(r["wet"], r["artikel"]): r["aantal"] for r in c["grondslagen"]} == dict(gebruikt.most_common(10))

    for rij in c["monitoring"]:
        evs = Evaluatie.objects.filter(maand=rij["maand"]).exclude(uitkomst="")
        assert rij["aantal"] == evs.count()
        paren = []
        for ev in evs:
            for z in Zelfredzaamheid.objects.filter(evaluatie=ev):
                intake = Zelfredzaamheid.objects.filter(
                    casus=ev.casus_id, leefgebied=z.leefgebied_id, evaluatie__isnull=True
                ).first()
                if intake:
                    paren.append(z.score - intake.score)
        assert rij["scores"] == len(paren)
        assert rij["beter"] == sum(1 for d in paren if d > 0)
        if paren:
            assert rij["verandering"] == round(sum(paren) / len(paren), 2)
    assert c["monitoring"][0]["aantal"] > 0


def test_period_boundaries_follow_amsterdam_dates(demo):
    """A case closed at 23:30 on 30 September (Amsterdam) belongs to the third quarter."""
    casus = Casus.objects.filter(status=Status.AFGESLOTEN).first()
    laat = datetime.datetime(2026, 9, 30, 23, 30, tzinfo=AMSTERDAM)
    Casus.objects.filter(pk=casus.pk).update(afgesloten_op=laat)
    q3 = cijfers(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    q4 = cijfers(datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    gesloten_q3 = Casus.objects.filter(
        afgesloten_op__gte=datetime.datetime(2026, 7, 1, tzinfo=AMSTERDAM),
        afgesloten_op__lt=datetime.datetime(2026, 10, 1, tzinfo=AMSTERDAM),
    ).count()
    assert q3["casussen"]["afgesloten"] == gesloten_q3 >= 1
    assert q4["casussen"]["afgesloten"] == Casus.objects.filter(
        afgesloten_op__gte=datetime.datetime(2026, 10, 1, tzinfo=AMSTERDAM)
    ).count()


def test_signals_come_from_groups_of_three_cases_and_hold_no_case_data(demo):
    groep = Knelpuntgroep.objects.create(
        sleutel="test", soort=Knelpunt.Soort.WET_REGEL, regel="kostendelersnorm", aantal_casussen=4,
        signaal_sinds=timezone.now(),
    )
    Knelpuntgroep.objects.create(sleutel="klein", soort=Knelpunt.Soort.AANBOD, aantal_casussen=2)
    c = cijfers(VAN, TOT)
    verwacht = list(
        Knelpuntgroep.objects.filter(aantal_casussen__gte=3).order_by("-aantal_casussen", "signaal_sinds", "pk")
        .values_list("regel", "aantal_casussen")
    )
    # The demo's Toeslagen knelpunt (three cases) is a signal too; the group of two is not.
    assert len(verwacht) == 2, verwacht
    assert [(s["regel"], s["casussen"]) for s in c["signalen"]] == verwacht
    assert c["signalen"][0]["regel"] == "kostendelersnorm" and c["signalen"][0]["soort_label"] == "Wet of regel"
    assert c["signalen_totaal"] == 2
    eerder = cijfers(VAN, lokaal(groep.signaal_sinds) - datetime.timedelta(days=1))["signalen"]
    assert "kostendelersnorm" not in [s["regel"] for s in eerder]
    tekst = repr(c)
    for k in Casus.objects.all():
        assert k.code not in tekst and k.pseudoniem not in tekst
        assert not k.dossiernummer or k.dossiernummer not in tekst


def test_connections_do_not_jit_compile(db):
    """The figures' statement would spend seconds compiling for milliseconds of work."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_an_empty_period_gives_zeros_not_errors(db):
    c = cijfers(datetime.date(2030, 1, 1), datetime.date(2030, 3, 31))
    assert c["casussen"]["nieuw"] == 0 and len(c["casussen"]["per_maand"]) == 3
    assert c["doorlooptijden"]["aanmelding_besluit"] == {"aantal": 0, "mediaan": None, "p90": None}
    assert c["geld"]["per_plan"]["gemiddeld"] is None and c["kosten"]["totaal"]["huidig"] == "0.00"
    with pytest.raises(ValueError):
        cijfers(datetime.date(2030, 3, 1), datetime.date(2030, 1, 1))


def test_only_the_largest_signals_are_listed_with_their_total(db):
    nu = timezone.now()
    Knelpuntgroep.objects.bulk_create(
        Knelpuntgroep(sleutel=f"g{i}", soort=Knelpunt.Soort.PROCES, regel=f"regel {i}", aantal_casussen=3 + i,
                      signaal_sinds=nu)
        for i in range(25)
    )
    c = cijfers(VAN, TOT)
    assert c["signalen_totaal"] == 25
    assert [s["casussen"] for s in c["signalen"]] == list(range(27, 7, -1))


def test_the_dashboard_counts_every_unit_like_the_kassabon(demo):
    """The SQL of the dashboard and casussen.rendement give the same totals for lines of every
    unit, at every horizon (a yearly price over 36 months, a daily price for one month, …)."""
    from casussen.models import Geldstroom, Kostenregel

    eerste = {}
    for b in Besluit.objects.filter(uitkomst="akkoord").order_by("besloten_op", "pk"):
        eerste.setdefault(b.casus_id, b)
    scenario = Scenario.objects.get(pk=next(iter(eerste.values())).scenario_id)
    geldstroom = Geldstroom.objects.first()
    lijnen = [
        ("dreigend", "per_jaar", "15000.00", "1", 4, None, "60"),
        ("dreigend", "per_dag", "85.00", "1", 3, 1, "33.33"),
        ("huidig", "per_week", "100.00", "2", 2, 30, "100"),
        ("huidig", "per_maand", "1100.00", "1", 13, None, "100"),
        ("doorbraak", "per_uur", "72.50", "40", 1, None, "100"),
        ("doorbraak", "per_stuk", "5000.00", "3", 25, None, "100"),
        ("doorbraak", "eenmalig", "2500.00", "2", 1, None, "100"),
        ("doorbraak", "per_jaar", "1320.00", "1", 1, 18, "100"),
    ]
    for situatie, eenheid, prijs, aantal, start, duur, kans in lijnen:
        Kostenregel.objects.create(
            scenario=scenario, situatie=situatie, omschrijving=eenheid, prijs=Decimal(prijs),
            aantal=Decimal(aantal), frequentie=eenheid, startmaand=start, duur_maanden=duur,
            geldstroom=geldstroom, betaler="gemeente", kans=Decimal(kans),
        )
    scenarios = [Scenario.objects.get(pk=b.scenario_id) for b in eerste.values()]
    regels = [r for s in scenarios for r in s.kostenregels.all()]
    assert {r.frequentie for r in regels} >= set(rendement.EENHEDEN)
    for horizon in (12, 24, 36):
        c = cijfers(VAN, TOT, horizon)
        uitkomst = rendement.bereken(regels, horizon)
        for situatie in ("huidig", "dreigend", "doorbraak"):
            verwacht = uitkomst.totaal_per_situatie[situatie].quantize(Decimal("0.01"))
            assert Decimal(c["kosten"]["totaal"][situatie]) == verwacht, (horizon, situatie)
