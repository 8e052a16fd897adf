"""Reads for the budget pages. Balances always come from the balance rows (`Saldo`, and
`Jaarsaldo` per year), never from summing postings; every list is one query per page plus a
fixed number of lookups."""

from decimal import Decimal

from django.db.models import Case, DecimalField, F, IntegerField, Q, Subquery, Sum, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear, Least

from budget import rules
from budget.models import Aanvraag, Boeking, Fonds, Jaarsaldo, Rekening, Saldo, Transactie

R = Rekening.Soort
S = Aanvraag.Status
NUL = Decimal("0")
CENT = Decimal("0.01")


def _beste_fonds():
    """The available balances of the active funds, the fund that can carry the largest request
    first: the highest lesser of its mandate and what it has left."""
    return (
        Saldo.objects.filter(rekening__soort=R.BESCHIKBAAR, rekening__fonds__actief=True)
        .annotate(grens=Least(F("rekening__fonds__mandaat"), F("saldo")))
        .order_by("-grens", "rekening_id")
    )


def budgetgrenzen() -> tuple[Decimal, Decimal]:
    """(mandaat, beschikbaar) of that fund, for the level suggestion (one query)."""
    return _beste_fonds().values_list("rekening__fonds__mandaat", "saldo").first() or (NUL, NUL)


def budget_annotaties() -> dict:
    """The same two figures as subqueries, for a page that annotates them on its main query."""
    beste = _beste_fonds()
    return {
        "budget_mandaat": Subquery(beste.values("rekening__fonds__mandaat")[:1]),
        "budget_beschikbaar": Subquery(beste.values("saldo")[:1]),
    }


def zichtbare_fondsen(user):
    """The funds `user` may see: the rule `budget.bekijk_fonds` as a filter (its twin)."""
    return Fonds.objects.filter(rules.zichtbare_fondsen(user))


class Stand:
    """A fund's four internal balances (and the external ones), from balance rows."""

    def __init__(self, rijen):
        self.per_soort = {s: NUL for s in R.values}
        self.per_soort.update(rijen)

    def __getattr__(self, naam):
        if naam in R.values:
            return self.per_soort[naam]
        raise AttributeError(naam)

    @property
    def totaal_ontvangen(self):
        return -(self.per_soort[R.TOEWIJZING] + self.per_soort[R.PARTNER])


def fondsen_met_stand(fondsen, jaar=None) -> list:
    """The funds with `.stand`: the current balances, or with `jaar` the debit/credit of that year
    per account (`.jaar_mutaties`) and the balance at its end (`.stand`). Two queries."""
    fondsen = list(fondsen)
    ids = [f.pk for f in fondsen]
    per_fonds = {pk: {} for pk in ids}
    if jaar is None:
        for fonds_id, soort, saldo in Saldo.objects.filter(rekening__fonds_id__in=ids).values_list(
            "rekening__fonds_id", "rekening__soort", "saldo"
        ):
            per_fonds[fonds_id][soort] = saldo
        for f in fondsen:
            f.stand = Stand(per_fonds[f.pk])
        return fondsen
    mutaties = {pk: {} for pk in ids}
    for fonds_id, soort, j, debet, credit in Jaarsaldo.objects.filter(
        rekening__fonds_id__in=ids, jaar__lte=jaar
    ).values_list("rekening__fonds_id", "rekening__soort", "jaar", "debet", "credit"):
        per_fonds[fonds_id][soort] = per_fonds[fonds_id].get(soort, NUL) + debet - credit
        if j == jaar:
            mutaties[fonds_id][soort] = (debet, credit)
    for f in fondsen:
        f.stand = Stand(per_fonds[f.pk])
        f.jaar_mutaties = mutaties[f.pk]
    return fondsen


def jaren() -> list[int]:
    return sorted(set(Jaarsaldo.objects.values_list("jaar", flat=True).distinct()), reverse=True)


def transacties(fondsen_qs):
    return (
        Transactie.objects.filter(fonds__in=fondsen_qs)
        .select_related("fonds", "aanvraag__casus", "geboekt_door")
        .order_by("-geboekt_op", "-id")
    )


def met_boekingen(transacties_lijst) -> list:
    """Attach the postings (with their account) to a page of transactions: one query."""
    transacties_lijst = list(transacties_lijst)
    per = {t.pk: [] for t in transacties_lijst}
    for b in Boeking.objects.filter(transactie_id__in=per).select_related("rekening").order_by("transactie_id", "id"):
        per[b.transactie_id].append(b)
    for t in transacties_lijst:
        t.regels = per[t.pk]
        t.bedrag = max((b.bedrag for b in t.regels), default=NUL)
    return transacties_lijst


def boekingen(fonds):
    return (
        Boeking.objects.filter(rekening__fonds=fonds)
        .select_related("rekening", "transactie", "transactie__aanvraag__casus")
        .order_by("-transactie_id", "-id")
    )


def export_rijen(qs):
    """Rows for the financial administration: one per posting, with cost centre and ledger
    number. Streams through the database (iterator), never a list of everything."""
    return (
        Boeking.objects.filter(transactie__in=qs.values("pk"))
        .select_related("rekening__fonds", "transactie", "transactie__aanvraag__casus")
        .order_by("transactie__geboekt_op", "transactie_id", "id")
        .iterator(chunk_size=2000)
    )


def aanvragen_van_casus(casus):
    return list(
        Aanvraag.objects.filter(casus=casus).select_related("fonds", "scenario", "aangevraagd_door", "besloten_door")
        .order_by("-aangemaakt_op", "-id")
    )


def inbox(user):
    """The requests waiting for `user`'s decision: submitted, and the rule
    `budget.beslis_over_aanvraag` holds (a fund they hold, or within the coach limit of their
    team as maatwerkcoach; never their own)."""
    return (
        Aanvraag.objects.filter(rules.beslisbare_aanvragen(user), status=S.INGEDIEND)
        .select_related("fonds", "casus", "scenario", "aangevraagd_door")
        .order_by("ingediend_op", "pk")
    )


def achteraf(user):
    """The small spends `user` may review afterwards (the rule `budget.beoordeel_achteraf`)."""
    return Aanvraag.objects.filter(rules.achteraf_te_beoordelen(user)).select_related(
        "fonds", "casus", "aangevraagd_door", "achteraf_beoordeeld_door"
    ).order_by("achteraf_beoordeeld_op", "-ingediend_op", "-pk")


def te_beoordelen(user):
    """The small spends `user` may still review afterwards (the page's default view)."""
    return achteraf(user).filter(achteraf_beoordeeld_op__isnull=True)


def te_betalen(user):
    """Approved requests with money still reserved, of the funds whose payments `user` books
    (`budget.voer_aanvraag_uit`), the longest approved first."""
    return (
        Aanvraag.objects.filter(rules.uitvoerbare_aanvragen(user), status=S.GOEDGEKEURD, gereserveerd__gt=0)
        .select_related("fonds", "casus")
        .order_by("besloten_op", "pk")
    )


def leningen(user):
    """Loans and pre-financing of the funds `user` may see (`budget.bekijk_fonds`); the page
    shows a loan's case and purpose only to who may see the request."""
    return (
        Aanvraag.objects.filter(
            soort__in=Aanvraag.TERUG_TE_BETALEN,
            status__in=[S.UITSTAAND, S.AFGELOST, S.KWIJTGESCHOLDEN, S.GOEDGEKEURD],
            fonds__in=zichtbare_fondsen(user),
        )
        .select_related("fonds", "casus")
        .order_by("status", "eerste_termijn", "pk")
    )


def in_achterstand(user, dag):
    """The loans of `leningen(user)` that are behind their plan on `dag`: what should have come
    back (`met_aflosstand`'s `verwacht`, in SQL) is more than what did. The longest-running
    first. The leningen page filtered on ‘in achterstand’ shows these."""
    termijnen = Case(
        When(eerste_termijn__gt=dag, then=Value(0)),
        default=(Value(dag.year) - ExtractYear("eerste_termijn")) * 12
        + (Value(dag.month) - ExtractMonth("eerste_termijn"))
        + Case(When(Q(eerste_termijn__day__lte=dag.day), then=Value(1)), default=Value(0)),
        output_field=IntegerField(),
    )
    verwacht = Least(F("betaald") - F("kwijtgescholden"), F("termijnbedrag") * termijnen,
                     output_field=DecimalField(max_digits=14, decimal_places=2))
    return (
        leningen(user)
        .filter(soort=Aanvraag.Soort.LENING, status=S.UITSTAAND, termijnbedrag__gt=0, eerste_termijn__isnull=False)
        .alias(_verwacht=verwacht).filter(_verwacht__gt=F("afgelost"))
        .order_by("eerste_termijn", "pk")
    )


def voorgestelde_bedragen(casus) -> list[tuple]:
    """The scenarios of `casus` as (pk, titel, proposed amount or None), the chosen one first,
    in one query. The amount a request proposes is the one-off costs of the doorbraak that the
    gemeente pays (cost lines eenmalig, per uur or per stuk: prijs × aantal, whatever their start
    month). Running costs (per dag … per jaar) are not asked from a fund at once, and other payers
    pay their own part."""
    from casussen.models import Betaler, Scenario, Situatie
    from casussen.rendement import HOEVEELHEDEN

    telt = Q(kostenregels__situatie=Situatie.DOORBRAAK, kostenregels__betaler=Betaler.GEMEENTE,
             kostenregels__frequentie__in=HOEVEELHEDEN)
    rijen = (
        Scenario.objects.filter(casus=casus)
        .annotate(voorstel=Sum(F("kostenregels__prijs") * F("kostenregels__aantal"), filter=telt))
        .order_by("-gekozen", "pk")
        .values_list("pk", "titel", "voorstel")
    )
    return [(pk, titel, b.quantize(CENT) if b and b > 0 else None) for pk, titel, b in rijen]


def fondsen_voor_aanvraag():
    """Active funds with their available balance, for the request form (one query)."""
    fondsen = list(Fonds.objects.filter(actief=True).order_by("naam"))
    return fondsen_met_stand(fondsen)


def met_beslisfeiten(aanvragen) -> list:
    """Attach to each request `.rendement` (the scenario's kassabon over 12 months) and
    `.fonds.stand` (the fund's balances): two queries for any number of requests."""
    from casussen.models import Kostenregel
    from casussen.rendement import bereken
    from escalatie.niveau import HORIZON

    regels = {}
    for r in Kostenregel.objects.filter(scenario_id__in={a.scenario_id for a in aanvragen}).select_related(
        "geldstroom"
    ).order_by("situatie", "pk"):
        regels.setdefault(r.scenario_id, []).append(r)
    fondsen = {f.pk: f for f in fondsen_met_stand({a.fonds_id: a.fonds for a in aanvragen}.values())}
    for a in aanvragen:
        a.rendement = bereken(regels.get(a.scenario_id, []), HORIZON)
        a.fonds = fondsen[a.fonds_id]
    return aanvragen


def maanden_sinds(start, dag) -> int:
    """Monthly terms due on `dag` when the first one is on `start` (0 before it)."""
    if start is None or dag < start:
        return 0
    return (dag.year - start.year) * 12 + dag.month - start.month + (1 if dag.day >= start.day else 0)


def met_aflosstand(leningen_lijst, dag) -> list:
    """Per loan what should have come back by `dag` under its plan, and the arrears."""
    for a in leningen_lijst:
        terug_te_betalen = a.betaald - a.kwijtgescholden
        if a.soort == Aanvraag.Soort.LENING and a.termijnbedrag:
            a.verwacht = min(terug_te_betalen, a.termijnbedrag * maanden_sinds(a.eerste_termijn, dag))
        else:
            a.verwacht = None
        a.achterstand = max(NUL, (a.verwacht or NUL) - a.afgelost) if a.status == S.UITSTAAND else NUL
    return leningen_lijst
