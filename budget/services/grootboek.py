"""The ledger operations. Every function here runs in one database transaction, locks the
balance rows it checks (in account order, so concurrent bookings queue instead of deadlock),
checks that the operation fits, and then books one balanced transaction. A refusal is a
`Weigering` with a Dutch message and books nothing.

The database enforces the same rules a second time (balanced transactions, append-only rows,
no negative internal balance): see budget/models.py.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budget.models import Boeking as B
from budget.models import Fonds, Jaarafsluiting, Jaarsaldo, Rekening, Saldo, Transactie
from omo.templatetags.omo_format import format_euro
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM

R = Rekening.Soort
T = Transactie.Soort
D, C = B.Kant.DEBET, B.Kant.CREDIT
CENT = Decimal("0.01")
MAXIMUM = Decimal("1000000000000")  # 14 digits with 2 decimals: the largest amount a balance holds


def bedrag_van(waarde, veld="bedrag") -> Decimal:
    """A positive amount in whole cents, or a Weigering."""
    try:
        bedrag = Decimal(str(waarde).replace(",", ".")) if not isinstance(waarde, Decimal) else waarde
    except (InvalidOperation, ValueError, TypeError):
        raise Weigering(_("Vul een geldig bedrag in, bijvoorbeeld 250,00."), veld) from None
    if not bedrag.is_finite():
        raise Weigering(_("Vul een geldig bedrag in, bijvoorbeeld 250,00."), veld)
    if bedrag != bedrag.quantize(CENT, rounding=ROUND_HALF_UP):
        raise Weigering(_("Een bedrag heeft hoogstens twee cijfers achter de komma."), veld)
    if bedrag <= 0:
        raise Weigering(_("Het bedrag moet groter zijn dan nul."), veld)
    if bedrag >= MAXIMUM:
        raise Weigering(_("Dit bedrag is te groot."), veld)
    return bedrag


def vandaag() -> date:
    return timezone.localtime(timezone.now(), AMSTERDAM).date()


def rekeningen(fonds_id) -> dict:
    """The fund's accounts by soort (created with their balance rows the first time)."""
    found = {r.soort: r for r in Rekening.objects.filter(fonds_id=fonds_id)}
    if len(found) < len(R.values):
        nieuw = [Rekening(fonds_id=fonds_id, soort=s) for s in R.values if s not in found]
        Rekening.objects.bulk_create(nieuw, ignore_conflicts=True)
        found = {r.soort: r for r in Rekening.objects.filter(fonds_id=fonds_id)}
        Saldo.objects.bulk_create(
            [Saldo(rekening=r, intern=r.intern, saldo=Decimal("0")) for r in found.values()], ignore_conflicts=True
        )
    return found


def vergrendel(fonds_id, *soorten) -> dict:
    """Lock the fund's balance rows of `soorten` (in account order) and return soort → saldo."""
    reks = rekeningen(fonds_id)
    ids = sorted(reks[s].pk for s in soorten)
    rows = Saldo.objects.select_for_update().filter(rekening_id__in=ids).order_by("rekening_id")
    per_id = {s.rekening_id: s.saldo for s in rows}
    return {s: per_id[reks[s].pk] for s in soorten}


def saldi(fonds_id) -> dict:
    """Current balances of a fund by soort (unlocked read)."""
    rekeningen(fonds_id)
    return dict(Saldo.objects.filter(rekening__fonds_id=fonds_id).values_list("rekening__soort", "saldo"))


_TEKORT = {
    R.BESCHIKBAAR: gettext_lazy("Er is niet genoeg beschikbaar in het fonds: nog %(saldo)s, nodig %(bedrag)s."),
    R.GERESERVEERD: gettext_lazy("Er is niet genoeg gereserveerd: nog %(saldo)s, nodig %(bedrag)s."),
    R.UITSTAAND: gettext_lazy("Er staat niet zoveel uit: nog %(saldo)s, gevraagd %(bedrag)s."),
    R.BESTEED: gettext_lazy("Er is niet zoveel besteed: %(saldo)s, gevraagd %(bedrag)s."),
}


def boek(fonds_id, soort, regels, omschrijving, user=None, aanvraag=None, tegenpartij="", boekdatum=None,
         tegenboeking_van=None) -> Transactie:
    """Book one transaction. `regels` are (rekeningsoort, kant, bedrag). Checks, under the locks
    of the balance rows involved, that no internal account goes below zero."""
    if transaction.get_autocommit():  # pragma: no cover - a programming error, not user input
        raise RuntimeError("boek() hoort binnen een databasetransactie")
    regels = [(s, k, bedrag_van(b)) for s, k, b in regels]
    if sum(b if k == D else -b for _s, k, b in regels) != 0 or len(regels) < 2:
        raise RuntimeError("een transactie moet in evenwicht zijn")  # pragma: no cover
    reks = rekeningen(fonds_id)
    soorten = sorted({s for s, _k, _b in regels})
    stand = vergrendel(fonds_id, *soorten)
    for s in soorten:
        na = stand[s] + sum(b if k == D else -b for s2, k, b in regels if s2 == s)
        if abs(na) >= MAXIMUM:
            raise Weigering(_("Dit bedrag is te groot: het saldo van het fonds kan dit niet bevatten."), "bedrag")
        if s in Rekening.INTERN:
            if na < 0:
                nodig = sum(b for s2, k, b in regels if s2 == s and k == C)
                raise Weigering(str(_TEKORT[s]) % {"saldo": format_euro(stand[s]), "bedrag": format_euro(nodig)}, "bedrag")
    boekdatum = boekdatum or vandaag()
    if boekdatum > vandaag():
        raise Weigering(_("Een boeking kan niet in de toekomst liggen."), "boekdatum")
    if soort not in (T.VERVAL, T.OVERHEVELING) and Jaarafsluiting.objects.filter(
        fonds_id=fonds_id, jaar=boekdatum.year
    ).exists():
        raise Weigering(_("Het jaar %(j)s van dit fonds is afgesloten; boek in het lopende jaar.") % {
            "j": boekdatum.year}, "boekdatum")
    t = Transactie.objects.create(
        fonds_id=fonds_id, soort=soort, aanvraag=aanvraag, boekdatum=boekdatum, boekjaar=boekdatum.year,
        omschrijving=str(omschrijving)[:300], tegenpartij=(tegenpartij or "")[:160], geboekt_door=user,
        geboekt_op=timezone.now(), tegenboeking_van=tegenboeking_van,
    )
    B.objects.bulk_create(
        [B(transactie=t, rekening=reks[s], kant=k, bedrag=b, boekjaar=boekdatum.year) for s, k, b in regels]
    )
    return t


def _fonds(fonds_id) -> Fonds:
    fonds = Fonds.objects.filter(pk=fonds_id).first()
    if fonds is None:
        raise Weigering(_("Dit fonds bestaat niet."))
    return fonds


@transaction.atomic
def toewijzen(fonds_id, bedrag, user, omschrijving="", boekdatum=None) -> Transactie:
    """Budget allocated to the fund (the gemeente's begroting, a College decision)."""
    fonds = _fonds(fonds_id)
    bedrag = bedrag_van(bedrag)
    return boek(fonds.pk, T.TOEWIJZING, [(R.BESCHIKBAAR, D, bedrag), (R.TOEWIJZING, C, bedrag)],
                omschrijving or _("Toewijzing aan %(fonds)s") % {"fonds": fonds.naam}, user, boekdatum=boekdatum)


@transaction.atomic
def partnerbijdrage(fonds_id, bedrag, partner, user, omschrijving="", boekdatum=None) -> Transactie:
    """A partner (a woningcorporatie, a zorgverzekeraar) adds money to the fund."""
    fonds = _fonds(fonds_id)
    bedrag = bedrag_van(bedrag)
    partner = (partner or "").strip()
    if not partner:
        raise Weigering(_("Vul in welke partner bijdraagt."), "tegenpartij")
    return boek(fonds.pk, T.PARTNERBIJDRAGE, [(R.BESCHIKBAAR, D, bedrag), (R.PARTNER, C, bedrag)],
                omschrijving or _("Bijdrage van %(p)s") % {"p": partner}, user, tegenpartij=partner,
                boekdatum=boekdatum)


def stand_eind_jaar(fonds_id, rekeningsoort, jaar) -> Decimal:
    """An account's balance at the end of `jaar`, from the year rows (never from postings)."""
    rij = Jaarsaldo.objects.filter(rekening__fonds_id=fonds_id, rekening__soort=rekeningsoort, jaar__lte=jaar).aggregate(
        d=Sum("debet"), c=Sum("credit"))
    return (rij["d"] or Decimal("0")) - (rij["c"] or Decimal("0"))


@transaction.atomic
def sluit_jaar_af(fonds_id, jaar, user=None) -> Jaarafsluiting:
    """Year end of `jaar`, once per fund: what was left in *beschikbaar* at the end of that year
    lapses (back to the general means) or is carried over to the next year, as the fund's rules
    say. Reservations and loans carry on. A second call returns the first result."""
    fonds = Fonds.objects.select_for_update().get(pk=fonds_id)
    bestaand = Jaarafsluiting.objects.filter(fonds=fonds, jaar=jaar).first()
    if bestaand:
        return bestaand
    if jaar >= vandaag().year:
        raise Weigering(_("Een jaar wordt pas na afloop afgesloten; %(j)s loopt nog.") % {"j": jaar}, "jaar")
    stand = vergrendel(fonds.pk, R.BESCHIKBAAR)[R.BESCHIKBAAR]
    # Money that came in after the year ended stays; never more than is there now.
    bedrag = min(stand_eind_jaar(fonds.pk, R.BESCHIKBAAR, jaar), stand)
    transactie = None
    if bedrag > 0:
        einde = date(jaar, 12, 31)
        if fonds.jaareinde == Fonds.Jaareinde.VERVALT:
            transactie = boek(fonds.pk, T.VERVAL, [(R.VERVALLEN, D, bedrag), (R.BESCHIKBAAR, C, bedrag)],
                              _("Jaareinde %(j)s: restant vervalt") % {"j": jaar}, user, boekdatum=einde)
        else:
            transactie = boek(fonds.pk, T.OVERHEVELING, [(R.OVERHEVELING, D, bedrag), (R.BESCHIKBAAR, C, bedrag)],
                              _("Jaareinde %(j)s: restant naar %(v)s") % {"j": jaar, "v": jaar + 1}, user,
                              boekdatum=einde)
            boek(fonds.pk, T.OVERHEVELING, [(R.BESCHIKBAAR, D, bedrag), (R.OVERHEVELING, C, bedrag)],
                 _("Overgeheveld uit %(j)s") % {"j": jaar}, user, boekdatum=date(jaar + 1, 1, 1))
    return Jaarafsluiting.objects.create(
        fonds=fonds, jaar=jaar, wijze=fonds.jaareinde, bedrag=max(bedrag, Decimal("0")), transactie=transactie,
        afgesloten_op=timezone.now(),
    )


def sluit_vorig_jaar_af() -> int:
    """For the scheduled task on 1 January: close last year for every fund (idempotent)."""
    jaar = vandaag().year - 1
    n = 0
    for fonds_id in Fonds.objects.values_list("pk", flat=True):
        if not Jaarafsluiting.objects.filter(fonds_id=fonds_id, jaar=jaar).exists():
            sluit_jaar_af(fonds_id, jaar)
            n += 1
    return n


# What a transaction of each soort does to a request's running figures (per euro).
EFFECT = {
    T.RESERVERING: {"gereserveerd": 1},
    T.VRIJGAVE: {"gereserveerd": -1},
    T.BETALING: {"gereserveerd": -1, "betaald": 1},
    T.UITLENING: {"gereserveerd": -1, "betaald": 1, "uitstaand": 1},
    T.AFLOSSING: {"uitstaand": -1, "afgelost": 1},
    T.VERHAAL: {"uitstaand": -1, "afgelost": 1},
    T.KWIJTSCHELDING: {"uitstaand": -1, "kwijtgescholden": 1},
}


def pas_aanvraag_aan(aanvraag, soort, bedrag, teken=1):
    """Apply a booking's effect to the (locked) request's figures; refuse what would go negative."""
    for veld, factor in EFFECT.get(soort, {}).items():
        nieuw = getattr(aanvraag, veld) + teken * factor * bedrag
        if nieuw < 0:
            raise Weigering(_("Dit kan niet: %(veld)s van deze aanvraag zou onder nul komen.") % {"veld": veld})
        setattr(aanvraag, veld, nieuw)


@transaction.atomic
def keer_om(transactie_id, user, reden) -> Transactie:
    """The only correction: a reversing transaction with every posting on the other side.
    A transaction is reversed once; a reversal is not reversed again (book anew instead)."""
    from budget.models import Aanvraag

    reden = (reden or "").strip()
    if not reden:
        raise Weigering(_("Schrijf waarom deze boeking wordt tegengeboekt."), "reden")
    orig = Transactie.objects.select_for_update().filter(pk=transactie_id).first()
    if orig is None:
        raise Weigering(_("Deze transactie bestaat niet."))
    if orig.soort == T.TEGENBOEKING:
        raise Weigering(_("Een tegenboeking wordt niet nog eens omgekeerd; boek zo nodig opnieuw."))
    if Transactie.objects.filter(tegenboeking_van=orig).exists():
        raise Weigering(_("Deze transactie is al tegengeboekt. Er is niets veranderd."))
    regels = [(b.rekening.soort, C if b.kant == D else D, b.bedrag) for b in orig.boekingen.select_related("rekening")]
    aanvraag = None
    if orig.aanvraag_id:
        aanvraag = Aanvraag.objects.select_for_update().get(pk=orig.aanvraag_id)
        bedrag = max(b for _s, _k, b in regels)
        pas_aanvraag_aan(aanvraag, orig.soort, bedrag, teken=-1)
    t = boek(orig.fonds_id, T.TEGENBOEKING, regels, _("Tegenboeking: %(r)s") % {"r": reden}, user,
             aanvraag=aanvraag, tegenpartij=orig.tegenpartij, tegenboeking_van=orig)
    if aanvraag is not None:
        from budget.services.aanvraag import status_na_correctie

        aanvraag.status = status_na_correctie(aanvraag)
        aanvraag.save(update_fields=[*EFFECT.get(orig.soort, {}).keys(), "status", "gewijzigd_op"])
        from casussen.models import TijdlijnEvent
        from casussen.services.casus import schrijf_tijdlijn

        schrijf_tijdlijn(aanvraag.casus, TijdlijnEvent.Soort.GELD, user,
                         _("Boeking tegengeboekt: %(s)s") % {"s": orig.get_soort_display().lower()}, reden)
    return t
