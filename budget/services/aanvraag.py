"""A fund request's life (DESIGN §8):

concept → ingediend → goedgekeurd / afgewezen / voorgelegd aan het College → betaald (in part or
whole) → afgerond; a loan or pre-financing that is paid out is uitstaand → afgelost /
kwijtgescholden. A small spend under the fund's direct limit is booked at once and reviewed
afterwards. Every change is a timeline event on the case; every money change books a balanced
transaction (`grootboek`) in the same database transaction, under the request's row lock.

Who decides: a budget holder of the fund (up to the fund's mandate), or the team's maatwerkcoach
up to the fund's coach limit; never the requester (4-eyes, always). Above the mandate or above
what the fund has left, the budget holder puts the request before the College (an escalation to
level 3); the College decides on the request's page (`beslis_als_college`), which records the
decision here and closes the escalation. Every "who may" is a rule of `budget.rules`.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budget.models import Aanvraag, Rekening, Transactie
from budget.services import grootboek
from budget.services.grootboek import C, D, bedrag_van
from casussen.models import Scenario, TijdlijnEvent
from casussen.services.casus import schrijf_tijdlijn
from escalatie.services import escalatie as escalaties
from omo.services import handel_af, notify, onderwerp_van
from omo.templatetags.omo_format import format_euro
from omo.toegang import mag, vereis, vergeet, wie_mag
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM

S = Aanvraag.Status
R = Rekening.Soort
T = Transactie.Soort

VELDEN = (
    "scenario", "fonds", "soort", "bedrag", "doel", "noodzaak", "gevolgen", "regulier_onmogelijk",
    "reguliere_routes", "termijnbedrag", "eerste_termijn", "kwijtschelding_voorwaarde", "verhalen_op",
)
BEOORDELING = ("noodzaak", "gevolgen", "regulier_onmogelijk", "reguliere_routes")


def link(aanvraag) -> str:
    return reverse("aanvraag_detail", kwargs={"pk": aanvraag.pk})


def _meld(ontvanger, tekst, aanvraag, sleutel, pagina=None, **actie):
    """Notify with a link to the request's page (or `pagina`, a URL name of the budget pages
    with its rule), kept only for who may open it. `actie` (`onderwerp`, `vraag`): what it asks."""
    if pagina is None:
        notify(ontvanger, tekst, link(aanvraag), sleutel, doel=("budget.bekijk_aanvraag", aanvraag), **actie)
    else:
        url_naam, regel = pagina
        notify(ontvanger, tekst, reverse(url_naam), sleutel, doel=(regel, None), **actie)


def _tijdlijn(aanvraag, user, tekst, toelichting=""):
    schrijf_tijdlijn(aanvraag.casus, TijdlijnEvent.Soort.GELD, user, tekst, toelichting)


def _vergrendel(aanvraag_id) -> Aanvraag:
    aanvraag = (
        Aanvraag.objects.select_for_update(of=("self",))
        .select_related("fonds", "casus", "aangevraagd_door")
        .filter(pk=aanvraag_id)
        .first()
    )
    if aanvraag is None:
        raise Weigering(_("Deze aanvraag bestaat niet."))
    return aanvraag


def beslisser_rol(user, aanvraag) -> str:
    """'budgethouder', 'coach' or '' : in which capacity `user` may decide on `aanvraag`
    (ignoring the request's state). Never the requester."""
    if mag(user, "budget.beslis_als_budgethouder", aanvraag):
        return "budgethouder"
    return "coach" if mag(user, "budget.beslis_als_coach", aanvraag) else ""


def _controleer(aanvraag: Aanvraag, indienen: bool):
    """The fund's rules and the request's own consistency; the first problem as a Weigering."""
    fonds = aanvraag.fonds
    if not fonds.actief:
        raise Weigering(_("Het fonds ‘%(f)s’ is niet meer actief; kies een ander fonds.") % {"f": fonds.naam}, "fonds")
    aanvraag.bedrag = bedrag_van(aanvraag.bedrag)
    if aanvraag.bedrag is None or aanvraag.bedrag <= 0:
        raise Weigering(_("Het bedrag moet groter zijn dan nul."), "bedrag")
    if aanvraag.bedrag > fonds.hoogste_aanvraag:
        if fonds.maximum_per_aanvraag is not None:
            raise Weigering(_("Het fonds ‘%(f)s’ geeft hoogstens %(m)s per aanvraag.") % {
                "f": fonds.naam, "m": format_euro(fonds.maximum_per_aanvraag)}, "bedrag")
        raise Weigering(_("Een aanvraag is hoogstens %(m)s; het fonds ‘%(f)s’ heeft geen eigen maximum.") % {
            "f": fonds.naam, "m": format_euro(fonds.hoogste_aanvraag)}, "bedrag")
    if aanvraag.scenario.casus_id != aanvraag.casus_id:
        raise Weigering(_("Dit scenario hoort niet bij deze casus."), "scenario")
    if aanvraag.soort == Aanvraag.Soort.LENING:
        if not fonds.leningen_toegestaan:
            raise Weigering(_("Uit het fonds ‘%(f)s’ kan geen lening worden verstrekt.") % {"f": fonds.naam}, "soort")
        if aanvraag.termijnbedrag is None or aanvraag.termijnbedrag <= 0:
            raise Weigering(_("Een lening heeft een aflosplan: vul het bedrag per maand in."), "termijnbedrag")
        if aanvraag.termijnbedrag > aanvraag.bedrag:
            raise Weigering(_("De aflossing per maand is hoger dan de lening."), "termijnbedrag")
        if aanvraag.eerste_termijn is None:
            raise Weigering(_("Een lening heeft een aflosplan: vul de datum van de eerste aflossing in."), "eerste_termijn")
    if aanvraag.soort == Aanvraag.Soort.VOORFINANCIERING:
        if not fonds.voorfinanciering_toegestaan:
            raise Weigering(_("Uit het fonds ‘%(f)s’ kan niet worden voorgefinancierd.") % {"f": fonds.naam}, "soort")
        if not aanvraag.verhalen_op.strip():
            raise Weigering(_("Vul in op welke partij de voorfinanciering wordt verhaald."), "verhalen_op")
    if indienen:
        for veld in ("doel", *BEOORDELING):
            if not (getattr(aanvraag, veld) or "").strip():
                raise Weigering(_("Beantwoord deze vraag voordat je indient."), veld)


def _vul(aanvraag, velden):
    for k in VELDEN:
        if k in velden:
            waarde = velden[k]
            if isinstance(waarde, str):
                waarde = waarde.strip()
            setattr(aanvraag, k, waarde)
    if aanvraag.soort != Aanvraag.Soort.LENING:
        aanvraag.termijnbedrag, aanvraag.eerste_termijn, aanvraag.kwijtschelding_voorwaarde = None, None, ""
    if aanvraag.soort != Aanvraag.Soort.VOORFINANCIERING:
        aanvraag.verhalen_op = ""
    for veld in ("doel", *BEOORDELING):
        setattr(aanvraag, veld, getattr(aanvraag, veld) or "")


@transaction.atomic
def maak(casus_id, user, velden: dict, indienen=False) -> Aanvraag:
    """A new request of the case's casushouder or medebehandelaar, as concept or submitted."""
    from casussen.models import Casus

    casus = Casus.objects.select_for_update().filter(pk=casus_id).prefetch_related("medebehandelaars").first()
    if casus is None:
        raise Weigering(_("Deze casus bestaat niet (meer)."))
    vereis(user, "budget.vraag_geld_aan_voor", casus,
           melding=_("Alleen de casushouder of een medebehandelaar vraagt geld aan voor deze casus."))
    if not casus.is_open:
        raise Weigering(_("Deze casus is afgesloten; er kan geen geld meer worden aangevraagd."))
    scenario = velden.get("scenario")
    if isinstance(scenario, int | str):
        scenario = Scenario.objects.filter(pk=scenario).first()
    if scenario is None or scenario.casus_id != casus.pk:
        raise Weigering(_("Kies een scenario van deze casus."), "scenario")
    aanvraag = Aanvraag(casus=casus, aangevraagd_door=user, aangemaakt_op=timezone.now())
    _vul(aanvraag, {**velden, "scenario": scenario})
    _controleer(aanvraag, indienen=False)
    aanvraag.save()
    _tijdlijn(aanvraag, user, _("Aanvraag van %(b)s uit %(f)s opgesteld") % {"b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam},
              aanvraag.doel)
    if indienen:
        return dien_in(aanvraag.pk, user)
    return aanvraag


@transaction.atomic
def wijzig(aanvraag_id, user, velden: dict) -> Aanvraag:
    aanvraag = _vergrendel(aanvraag_id)
    if aanvraag.status != S.CONCEPT:
        raise Weigering(_("Alleen een concept kan worden gewijzigd; deze aanvraag is %(s)s.") % {
            "s": aanvraag.get_status_display().lower()})
    vereis(user, "budget.werk_aan_aanvraag", aanvraag,
           melding=_("Alleen de casushouder of een medebehandelaar wijzigt deze aanvraag."))
    _vul(aanvraag, velden)
    _controleer(aanvraag, indienen=False)
    aanvraag.save()
    _tijdlijn(aanvraag, user, _("Concept-aanvraag gewijzigd: %(b)s uit %(f)s") % {
        "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam})
    return aanvraag


def _is_direct(aanvraag) -> bool:
    fonds = aanvraag.fonds
    return (
        fonds.direct_grens is not None and aanvraag.bedrag < fonds.direct_grens
        and aanvraag.soort in (Aanvraag.Soort.GIFT, Aanvraag.Soort.VOORSCHOT)
    )


@transaction.atomic
def dien_in(aanvraag_id, user) -> Aanvraag:
    """Submit. A small gift or advance under the fund's direct limit is reserved and paid at
    once (when the fund has it) and goes on the budget holders' review list; everything else
    waits for a decision, and the budget holders (and, within the coach limit, the team's
    maatwerkcoaches) are told."""
    aanvraag = _vergrendel(aanvraag_id)
    if aanvraag.status != S.CONCEPT:
        raise Weigering(_("Deze aanvraag is al ingediend. Er is niets veranderd."))
    vereis(user, "budget.werk_aan_aanvraag", aanvraag,
           melding=_("Alleen de casushouder of een medebehandelaar dient deze aanvraag in."))
    _controleer(aanvraag, indienen=True)
    now = timezone.now()
    aanvraag.status, aanvraag.ingediend_op = S.INGEDIEND, now
    if _is_direct(aanvraag):
        beschikbaar = grootboek.vergrendel(aanvraag.fonds_id, R.BESCHIKBAAR)[R.BESCHIKBAAR]
        if beschikbaar >= aanvraag.bedrag:
            _reserveer(aanvraag, user, _("Direct besteed (onder %(g)s)") % {"g": format_euro(aanvraag.fonds.direct_grens)})
            _betaal(aanvraag, user, aanvraag.bedrag)
            aanvraag.direct_geboekt = True
            aanvraag.status = S.BETAALD
            aanvraag.save()
            _tijdlijn(aanvraag, user, _("%(b)s direct besteed uit %(f)s; wordt achteraf beoordeeld") % {
                "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam}, aanvraag.doel)
            for houder in wie_mag("budget.voer_aanvraag_uit", aanvraag):
                if houder.pk != user.pk:
                    _meld(houder, _("Achteraf beoordelen: %(b)s uit %(f)s voor %(c)s") % {
                        "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam, "c": aanvraag.casus.code},
                        aanvraag, f"aanvraag-{aanvraag.pk}-achteraf", pagina=("budget_achteraf", "budget.zie_achteraf"),
                        onderwerp=onderwerp_van(aanvraag, "achteraf"))
            return aanvraag
    aanvraag.save()
    _tijdlijn(aanvraag, user, _("Aanvraag van %(b)s uit %(f)s ingediend") % {
        "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam})
    tekst = _("Aanvraag %(c)s: %(b)s uit %(f)s") % {
        "c": aanvraag.casus.code, "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam}
    for ontvanger in wie_mag("budget.beslis_over_aanvraag", aanvraag):
        # Per submission: a request sent back and submitted again asks its deciders anew.
        _meld(ontvanger, tekst, aanvraag, f"aanvraag-{aanvraag.pk}-ingediend-{now:%Y%m%d%H%M%S%f}",
              onderwerp=onderwerp_van(aanvraag), vraag=_("wacht op je besluit"))
    return aanvraag


@transaction.atomic
def trek_in(aanvraag_id, user, reden="") -> Aanvraag:
    aanvraag = _vergrendel(aanvraag_id)
    vereis(user, "budget.werk_aan_aanvraag", aanvraag,
           melding=_("Alleen de casushouder of een medebehandelaar trekt deze aanvraag in."))
    if aanvraag.status not in (S.CONCEPT, S.INGEDIEND):
        raise Weigering(_("Een aanvraag met status ‘%(s)s’ kan niet meer worden ingetrokken.") % {
            "s": aanvraag.get_status_display()})
    aanvraag.status = S.INGETROKKEN
    aanvraag.save()
    handel_af(onderwerp_van(aanvraag))  # nothing left to decide
    _tijdlijn(aanvraag, user, _("Aanvraag van %(b)s ingetrokken") % {"b": format_euro(aanvraag.bedrag)}, reden)
    return aanvraag


def _reserveer(aanvraag, user, omschrijving):
    grootboek.boek(aanvraag.fonds_id, T.RESERVERING,
                   [(R.GERESERVEERD, D, aanvraag.bedrag), (R.BESCHIKBAAR, C, aanvraag.bedrag)],
                   omschrijving, user, aanvraag=aanvraag)
    grootboek.pas_aanvraag_aan(aanvraag, T.RESERVERING, aanvraag.bedrag)


def _betaal(aanvraag, user, bedrag):
    if aanvraag.terug_te_betalen:
        soort, naar = T.UITLENING, R.UITSTAAND
    else:
        soort, naar = T.BETALING, R.BESTEED
    grootboek.boek(aanvraag.fonds_id, soort, [(naar, D, bedrag), (R.GERESERVEERD, C, bedrag)],
                   _("Betaling voor %(c)s (aanvraag %(n)s)") % {"c": aanvraag.casus.code, "n": aanvraag.pk},
                   user, aanvraag=aanvraag)
    grootboek.pas_aanvraag_aan(aanvraag, soort, bedrag)


def _boven_grenzen(aanvraag, beschikbaar) -> list[str]:
    """Why this request is not the budget holder's to approve (empty: it is)."""
    redenen = []
    if aanvraag.bedrag > aanvraag.fonds.mandaat:
        redenen.append(_("het bedrag (%(b)s) is hoger dan het mandaat van de budgethouder (%(m)s)") % {
            "b": format_euro(aanvraag.bedrag), "m": format_euro(aanvraag.fonds.mandaat)})
    if aanvraag.bedrag > beschikbaar:
        redenen.append(_("er is nog %(s)s beschikbaar in het fonds") % {"s": format_euro(beschikbaar)})
    return redenen


def _beslisser(aanvraag, user):
    if user.pk == aanvraag.aangevraagd_door_id:
        raise Weigering(_("Je kunt niet beslissen over je eigen aanvraag (vier ogen). Er is niets veranderd."))
    vergeet(user)  # decide on the funds held now
    rol = beslisser_rol(user, aanvraag)
    if not rol:
        raise Weigering(_("Deze aanvraag hoort niet bij een fonds waarover jij beslist. Er is niets veranderd."))
    return rol


def _open_voor_besluit(aanvraag):
    if aanvraag.status == S.COLLEGE:
        raise Weigering(_("Deze aanvraag ligt bij het College; het besluit komt van daar. Er is niets veranderd."))
    if aanvraag.status != S.INGEDIEND:
        wie = aanvraag.besloten_door.get_full_name() if aanvraag.besloten_door_id else ""
        raise Weigering(_("Over deze aanvraag is al beslist (%(s)s%(wie)s). Er is niets veranderd.") % {
            "s": aanvraag.get_status_display().lower(), "wie": f", {wie}" if wie else ""})


@transaction.atomic
def keur_goed(aanvraag_id, user, motivatie="") -> Aanvraag:
    """Approve: reserve the amount. Refused (nothing booked) when it is not yours to decide,
    already decided, above the mandate or above what the fund has left."""
    aanvraag = _vergrendel(aanvraag_id)
    _beslisser(aanvraag, user)
    _open_voor_besluit(aanvraag)
    beschikbaar = grootboek.vergrendel(aanvraag.fonds_id, R.BESCHIKBAAR, R.GERESERVEERD)[R.BESCHIKBAAR]
    redenen = _boven_grenzen(aanvraag, beschikbaar)
    if redenen:
        raise Weigering(_("Goedkeuren kan niet: %(r)s. Leg de aanvraag voor aan het College. Er is niets geboekt.") % {
            "r": "; ".join(redenen)})
    _reserveer(aanvraag, user, _("Goedgekeurd voor %(c)s") % {"c": aanvraag.casus.code})
    _besluit(aanvraag, user, S.GOEDGEKEURD, motivatie)
    return aanvraag


def _besluit(aanvraag, user, status, motivatie, door_college=False):
    """Record a decision (goedgekeurd, afgewezen; or concept: sent back to the consulent, who
    may submit again, so nothing is decided yet), write the timeline and tell the requester."""
    aanvraag.status, aanvraag.motivatie = status, motivatie
    if status == S.CONCEPT:
        aanvraag.besloten_door, aanvraag.besloten_op, aanvraag.ingediend_op = None, None, None
    else:
        aanvraag.besloten_door, aanvraag.besloten_op = user, timezone.now()
    aanvraag.save()
    handel_af(onderwerp_van(aanvraag))  # decided (or sent back): no decider is waited for any more
    wie = _("het College") if door_college else (user.get_full_name() or user.username)
    if status == S.GOEDGEKEURD:
        tekst = _("Aanvraag van %(b)s uit %(f)s goedgekeurd door %(wie)s") % {
            "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam, "wie": wie}
    elif status == S.AFGEWEZEN:
        tekst = _("Aanvraag van %(b)s uit %(f)s afgewezen door %(wie)s") % {
            "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam, "wie": wie}
    else:
        tekst = _("Aanvraag van %(b)s uit %(f)s teruggelegd door %(wie)s") % {
            "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam, "wie": wie}
    _tijdlijn(aanvraag, user, tekst, motivatie)
    if aanvraag.aangevraagd_door_id != user.pk:
        _meld(aanvraag.aangevraagd_door, f"{aanvraag.casus.code}: {tekst}", aanvraag,
              f"aanvraag-{aanvraag.pk}-besluit-{status}-{timezone.now():%Y%m%d%H%M%S%f}")


@transaction.atomic
def wijs_af(aanvraag_id, user, reden) -> Aanvraag:
    aanvraag = _vergrendel(aanvraag_id)
    _beslisser(aanvraag, user)
    _open_voor_besluit(aanvraag)
    reden = (reden or "").strip()
    if not reden:
        raise Weigering(_("Een afwijzing heeft altijd een reden."), "motivatie")
    _besluit(aanvraag, user, S.AFGEWEZEN, reden)
    return aanvraag


@transaction.atomic
def leg_voor_aan_college(aanvraag_id, user, toelichting) -> Aanvraag:
    """Above the mandate or above what the fund has left: to the College (escalation level 3),
    without moving the case. Only a budget holder of the fund, never on their own request."""
    aanvraag = _vergrendel(aanvraag_id)
    if user.pk == aanvraag.aangevraagd_door_id:
        raise Weigering(_("Je kunt niet beslissen over je eigen aanvraag (vier ogen). Er is niets veranderd."))
    vereis(user, "budget.beslis_als_budgethouder", aanvraag,
           melding=_("Alleen een budgethouder van het fonds legt een aanvraag voor aan het College."))
    _open_voor_besluit(aanvraag)
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise Weigering(_("Schrijf je advies of vraag aan het College."), "motivatie")
    beschikbaar = grootboek.vergrendel(aanvraag.fonds_id, R.BESCHIKBAAR)[R.BESCHIKBAAR]
    redenen = _boven_grenzen(aanvraag, beschikbaar)
    if not redenen:
        raise Weigering(_("Deze aanvraag past binnen je mandaat en binnen het fonds: beslis er zelf over."))
    vraag = _("Aanvraag van %(b)s uit %(f)s voor ‘%(d)s’: %(r)s.\n\nAdvies van de budgethouder: %(t)s") % {
        "b": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam, "d": aanvraag.doel, "r": "; ".join(redenen),
        "t": toelichting}
    aanvraag.escalatie = escalaties.escaleer_aanvraag(aanvraag.casus_id, user, vraag, scenario_id=aanvraag.scenario_id)
    aanvraag.status = S.COLLEGE
    aanvraag.save()
    handel_af(onderwerp_van(aanvraag))  # the College decides now, not the budget holders
    _tijdlijn(aanvraag, user, _("Aanvraag van %(b)s voorgelegd aan het College") % {"b": format_euro(aanvraag.bedrag)},
              "; ".join(redenen))
    escalatie = aanvraag.escalatie
    tekst = _("Aanvraag uit een fonds voor %(code)s: besluit van het College gevraagd uiterlijk %(dag)s") % {
        "code": aanvraag.casus.code,
        "dag": date_format(timezone.localtime(escalatie.uiterlijk_op, AMSTERDAM), "j F Y")}
    for ontvanger in escalaties.ontvangers(escalatie):
        if ontvanger.pk != user.pk:
            _meld(ontvanger, tekst, aanvraag, f"escalatie-{escalatie.pk}-nieuw", onderwerp=onderwerp_van(escalatie))
    return aanvraag


@transaction.atomic
def beslis_als_college(aanvraag_id, user, beslissing, motivatie, toewijzing=None) -> Aanvraag:
    """The College's decision on a request put before it (or the OMO-functionaris recording it
    on its behalf): akkoord reserves the amount (after an allocation to the fund, when one is
    given), afgewezen ends the request, teruggelegd sends it back to the consulent as a concept.
    The request's escalation is closed with the same decision, in the same transaction; the
    budget holder who put it before the College and the requester are told. A refusal (not
    yours, decided already, too little in the fund) changes nothing."""
    from escalatie.models import Escalatie

    aanvraag = _vergrendel(aanvraag_id)
    if aanvraag.status != S.COLLEGE:
        raise Weigering(_("Deze aanvraag ligt niet (meer) bij het College. Er is niets veranderd."))
    vereis(user, "budget.beslis_als_college", aanvraag,
           melding=_("Over deze aanvraag beslist het College. Er is niets veranderd."))
    motivatie = (motivatie or "").strip()
    if not motivatie:
        raise Weigering(_("Een beslissing heeft altijd een motivering."), "motivatie")
    B = Escalatie.Beslissing
    if beslissing == B.AKKOORD:
        if toewijzing:
            grootboek.toewijzen(aanvraag.fonds_id, toewijzing, user,
                                _("Toewijzing door het College voor %(c)s") % {"c": aanvraag.casus.code})
        beschikbaar = grootboek.vergrendel(aanvraag.fonds_id, R.BESCHIKBAAR)[R.BESCHIKBAAR]
        if beschikbaar < aanvraag.bedrag:
            raise Weigering(_("Er is %(s)s beschikbaar in het fonds, de aanvraag is %(b)s: wijs eerst extra budget toe. "
                              "Er is niets veranderd.") % {"s": format_euro(beschikbaar), "b": format_euro(aanvraag.bedrag)}, "toewijzing")
        _reserveer(aanvraag, user, _("Goedgekeurd door het College voor %(c)s") % {"c": aanvraag.casus.code})
        _besluit(aanvraag, user, S.GOEDGEKEURD, motivatie, door_college=True)
    elif beslissing == B.AFGEWEZEN:
        if toewijzing:
            raise Weigering(_("Een toewijzing hoort bij akkoord."), "toewijzing")
        _besluit(aanvraag, user, S.AFGEWEZEN, motivatie, door_college=True)
    elif beslissing == B.TERUGGELEGD:
        if toewijzing:
            raise Weigering(_("Een toewijzing hoort bij akkoord."), "toewijzing")
        # Back to the consulent, who may ask less or from another fund and submit again.
        _besluit(aanvraag, user, S.CONCEPT, motivatie, door_college=True)
    else:
        raise Weigering(_("Over een aanvraag besluit het College: akkoord, afgewezen of teruggelegd."), "beslissing")
    escalatie = escalaties.sluit_aanvraag(aanvraag.escalatie_id, user, beslissing, motivatie)
    houder = escalatie.aangevraagd_door
    if houder.pk not in (user.pk, aanvraag.aangevraagd_door_id):
        tekst = _("%(code)s: het College besliste ‘%(b)s’ over de aanvraag van %(bedrag)s uit %(f)s") % {
            "code": aanvraag.casus.code, "b": escalatie.get_beslissing_display(),
            "bedrag": format_euro(aanvraag.bedrag), "f": aanvraag.fonds.naam}
        _meld(houder, tekst, aanvraag, f"escalatie-{escalatie.pk}-besloten")
    return aanvraag


def _mag_uitvoeren(aanvraag, user):
    vereis(user, "budget.voer_aanvraag_uit", aanvraag,
           melding=_("Alleen een budgethouder van het fonds boekt betalingen en aflossingen. Er is niets veranderd."))


@transaction.atomic
def betaal(aanvraag_id, user, bedrag) -> Aanvraag:
    """Pay (in part or whole) from the reservation: a gift or advance becomes besteed, a loan or
    pre-financing uitstaand."""
    aanvraag = _vergrendel(aanvraag_id)
    _mag_uitvoeren(aanvraag, user)
    bedrag = bedrag_van(bedrag)
    if aanvraag.status not in (S.GOEDGEKEURD, S.BETAALD, S.UITSTAAND):
        raise Weigering(_("Een aanvraag met status ‘%(s)s’ kan niet worden betaald.") % {"s": aanvraag.get_status_display()})
    if bedrag > aanvraag.gereserveerd:
        raise Weigering(_("Er is voor deze aanvraag nog %(r)s gereserveerd; %(b)s betalen kan niet.") % {
            "r": format_euro(aanvraag.gereserveerd), "b": format_euro(bedrag)}, "bedrag")
    _betaal(aanvraag, user, bedrag)
    aanvraag.status = S.UITSTAAND if aanvraag.terug_te_betalen else S.BETAALD
    aanvraag.save()
    _tijdlijn(aanvraag, user, _("%(b)s betaald uit %(f)s%(rest)s") % {
        "b": format_euro(bedrag), "f": aanvraag.fonds.naam,
        "rest": _(" (nog %(r)s gereserveerd)") % {"r": format_euro(aanvraag.gereserveerd)} if aanvraag.gereserveerd else ""})
    return aanvraag


@transaction.atomic
def geef_vrij(aanvraag_id, user, bedrag=None, reden="") -> Aanvraag:
    """Release (part of) the reservation back to beschikbaar."""
    aanvraag = _vergrendel(aanvraag_id)
    _mag_uitvoeren(aanvraag, user)
    bedrag = aanvraag.gereserveerd if bedrag in (None, "") else bedrag_van(bedrag)
    if bedrag <= 0:
        raise Weigering(_("Er is voor deze aanvraag niets meer gereserveerd."), "bedrag")
    if bedrag > aanvraag.gereserveerd:
        raise Weigering(_("Er is voor deze aanvraag nog %(r)s gereserveerd; %(b)s vrijgeven kan niet.") % {
            "r": format_euro(aanvraag.gereserveerd), "b": format_euro(bedrag)}, "bedrag")
    _vrijgeven(aanvraag, user, bedrag, reden)
    aanvraag.save()
    return aanvraag


def _vrijgeven(aanvraag, user, bedrag, reden=""):
    grootboek.boek(aanvraag.fonds_id, T.VRIJGAVE, [(R.BESCHIKBAAR, D, bedrag), (R.GERESERVEERD, C, bedrag)],
                   _("Vrijgegeven voor %(c)s") % {"c": aanvraag.casus.code}, user, aanvraag=aanvraag)
    grootboek.pas_aanvraag_aan(aanvraag, T.VRIJGAVE, bedrag)
    _tijdlijn(aanvraag, user, _("%(b)s vrijgegeven: terug naar het fonds") % {"b": format_euro(bedrag)}, reden)


@transaction.atomic
def rond_af(aanvraag_id, user) -> Aanvraag:
    """Close: what is still reserved goes back to the fund. A loan with money outstanding stays
    uitstaand until it is repaid or forgiven."""
    aanvraag = _vergrendel(aanvraag_id)
    vereis(user, "budget.rond_aanvraag_af", aanvraag,
           melding=_("Alleen de casushouder of een budgethouder van het fonds rondt deze aanvraag af."))
    if aanvraag.status not in (S.GOEDGEKEURD, S.BETAALD, S.UITSTAAND):
        raise Weigering(_("Een aanvraag met status ‘%(s)s’ kan niet worden afgerond.") % {"s": aanvraag.get_status_display()})
    if aanvraag.gereserveerd > 0:
        _vrijgeven(aanvraag, user, aanvraag.gereserveerd, _("Aanvraag afgerond"))
    if aanvraag.uitstaand > 0:
        aanvraag.status = S.UITSTAAND
    elif aanvraag.terug_te_betalen and aanvraag.betaald > 0:
        aanvraag.status = _eindstatus_lening(aanvraag)
    else:
        aanvraag.status = S.AFGEROND
        _tijdlijn(aanvraag, user, _("Aanvraag afgerond: %(b)s besteed") % {"b": format_euro(aanvraag.betaald)})
    aanvraag.save()
    return aanvraag


def _eindstatus_lening(aanvraag):
    return S.KWIJTGESCHOLDEN if aanvraag.afgelost == 0 and aanvraag.kwijtgescholden > 0 else S.AFGELOST


NA_BESLUIT = (S.GOEDGEKEURD, S.BETAALD, S.AFGEROND, S.UITSTAAND, S.AFGELOST, S.KWIJTGESCHOLDEN)


def status_na_correctie(aanvraag) -> str:
    """The status that fits a request's figures after a reversal (grootboek.keer_om): money
    outstanding again is uitstaand; money back in reserve reopens the request; a loan with
    nothing left to repay is afgelost or kwijtgescholden. Otherwise the status stays."""
    if aanvraag.status not in NA_BESLUIT:
        return aanvraag.status
    if aanvraag.uitstaand > 0:
        return S.UITSTAAND
    if aanvraag.gereserveerd > 0:
        if aanvraag.betaald == 0:
            return S.GOEDGEKEURD
        return S.UITSTAAND if aanvraag.terug_te_betalen else S.BETAALD
    if aanvraag.terug_te_betalen and aanvraag.betaald > 0 and aanvraag.afgelost + aanvraag.kwijtgescholden > 0:
        return _eindstatus_lening(aanvraag)
    return aanvraag.status


def _na_terugbetaling(aanvraag):
    if aanvraag.uitstaand == 0 and aanvraag.gereserveerd == 0:
        aanvraag.status = _eindstatus_lening(aanvraag)


@transaction.atomic
def los_af(aanvraag_id, user, bedrag, boekdatum=None) -> Aanvraag:
    """A repayment of a loan, or the recovery of a pre-financing from the responsible party:
    the money returns to beschikbaar (the fund is revolving)."""
    aanvraag = _vergrendel(aanvraag_id)
    _mag_uitvoeren(aanvraag, user)
    bedrag = bedrag_van(bedrag)
    if not aanvraag.terug_te_betalen:
        raise Weigering(_("Een gift of voorschot wordt niet afgelost."))
    if bedrag > aanvraag.uitstaand:
        raise Weigering(_("Er staat nog %(u)s uit; een aflossing van %(b)s kan niet.") % {
            "u": format_euro(aanvraag.uitstaand), "b": format_euro(bedrag)}, "bedrag")
    if aanvraag.soort == Aanvraag.Soort.VOORFINANCIERING:
        soort, tekst = T.VERHAAL, _("%(b)s verhaald op %(p)s") % {"b": format_euro(bedrag), "p": aanvraag.verhalen_op}
    else:
        soort, tekst = T.AFLOSSING, _("%(b)s afgelost") % {"b": format_euro(bedrag)}
    grootboek.boek(aanvraag.fonds_id, soort, [(R.BESCHIKBAAR, D, bedrag), (R.UITSTAAND, C, bedrag)],
                   f"{aanvraag.casus.code}: {tekst}", user, aanvraag=aanvraag, tegenpartij=aanvraag.verhalen_op,
                   boekdatum=boekdatum)
    grootboek.pas_aanvraag_aan(aanvraag, soort, bedrag)
    _na_terugbetaling(aanvraag)
    aanvraag.save()
    _tijdlijn(aanvraag, user, tekst + _(" (nog %(u)s uitstaand)") % {"u": format_euro(aanvraag.uitstaand)})
    return aanvraag


@transaction.atomic
def scheld_kwijt(aanvraag_id, user, bedrag, reden) -> Aanvraag:
    """Forgive (part of) a loan, e.g. half when the diploma is obtained: it becomes spent money."""
    aanvraag = _vergrendel(aanvraag_id)
    _mag_uitvoeren(aanvraag, user)
    if aanvraag.soort != Aanvraag.Soort.LENING:
        raise Weigering(_("Alleen een lening kan worden kwijtgescholden."))
    bedrag = bedrag_van(bedrag)
    reden = (reden or "").strip()
    if not reden:
        raise Weigering(_("Schrijf waarom (welke voorwaarde is vervuld)."), "reden")
    if bedrag > aanvraag.uitstaand:
        raise Weigering(_("Er staat nog %(u)s uit; %(b)s kwijtschelden kan niet.") % {
            "u": format_euro(aanvraag.uitstaand), "b": format_euro(bedrag)}, "bedrag")
    grootboek.boek(aanvraag.fonds_id, T.KWIJTSCHELDING, [(R.BESTEED, D, bedrag), (R.UITSTAAND, C, bedrag)],
                   _("%(c)s: %(b)s kwijtgescholden") % {"c": aanvraag.casus.code, "b": format_euro(bedrag)}, user,
                   aanvraag=aanvraag)
    grootboek.pas_aanvraag_aan(aanvraag, T.KWIJTSCHELDING, bedrag)
    _na_terugbetaling(aanvraag)
    aanvraag.save()
    _tijdlijn(aanvraag, user, _("%(b)s van de lening kwijtgescholden") % {"b": format_euro(bedrag)}, reden)
    return aanvraag


@transaction.atomic
def beoordeel_achteraf(aanvraag_id, user, oordeel) -> Aanvraag:
    aanvraag = _vergrendel(aanvraag_id)
    if not aanvraag.direct_geboekt:
        raise Weigering(_("Deze aanvraag is niet direct geboekt; er valt niets achteraf te beoordelen."))
    if aanvraag.achteraf_beoordeeld_op:
        raise Weigering(_("Deze uitgave is al beoordeeld. Er is niets veranderd."))
    if user.pk == aanvraag.aangevraagd_door_id:
        raise Weigering(_("Je kunt je eigen uitgave niet beoordelen (vier ogen). Er is niets veranderd."))
    vereis(user, "budget.beoordeel_achteraf", aanvraag,
           melding=_("Alleen een budgethouder van het fonds beoordeelt deze uitgave."))
    oordeel = (oordeel or "").strip()
    if not oordeel:
        raise Weigering(_("Schrijf je oordeel."), "oordeel")
    aanvraag.achteraf_beoordeeld_door, aanvraag.achteraf_beoordeeld_op = user, timezone.now()
    aanvraag.achteraf_oordeel = oordeel
    aanvraag.save()
    handel_af(onderwerp_van(aanvraag, "achteraf"))
    _tijdlijn(aanvraag, user, _("Uitgave van %(b)s achteraf beoordeeld") % {"b": format_euro(aanvraag.bedrag)}, oordeel)
    return aanvraag




def bij_vervallen(casus, user, reden) -> None:
    """A case declared vervallen (casussen.services.casus.verklaar_vervallen, in its
    transaction): its requests not yet decided (concept, ingediend) are withdrawn with the reason
    as note. A request with money reserved, or waiting for the College, is settled first (release
    the reservation, or wait for the decision): money is never moved as a side effect. Paid money
    and loans stay as booked."""
    aanvragen = list(Aanvraag.objects.select_for_update(of=("self",)).select_related("fonds", "casus")
                     .filter(casus_id=casus.pk).order_by("pk"))
    lopend = next((a for a in aanvragen if a.status in (S.GOEDGEKEURD, S.COLLEGE)), None)
    if lopend is not None:
        raise Weigering(_(
            "De aanvraag van %(b)s uit %(f)s staat op ‘%(s)s’. Geef het gereserveerde geld eerst vrij of wacht "
            "op het besluit; daarna kan de casus vervallen."
        ) % {"b": format_euro(lopend.bedrag), "f": lopend.fonds.naam, "s": lopend.get_status_display()})
    for aanvraag in aanvragen:
        if aanvraag.status in (S.CONCEPT, S.INGEDIEND):
            aanvraag.status = S.INGETROKKEN
            aanvraag.save()
            _tijdlijn(aanvraag, user, _("Aanvraag van %(b)s ingetrokken: casus vervallen") % {
                "b": format_euro(aanvraag.bedrag)}, reden)
