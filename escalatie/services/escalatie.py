"""The escalation ladder (DESIGN §6): escalate a case, decide, and watch the due dates."""

from datetime import datetime, time

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casussen.models import Besluit, Casus, Scenario, Status, TijdlijnEvent
from casussen.services import casus as casus_services
from escalatie.models import Escalatie, Niveau
from omo.services import handel_af, notify, onderwerp_van
from omo.tekst import controleer
from omo.toegang import mag, vereis, wie_mag
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM, add_werkdagen, deadline

BESLUIT_NIVEAU = {
    Niveau.PORTEFEUILLEHOUDER: Besluit.Niveau.PORTEFEUILLEHOUDER,
    Niveau.COLLEGE: Besluit.Niveau.COLLEGE,
    Niveau.LANDELIJK: Besluit.Niveau.LANDELIJK,
}
LET_VELDEN = ("geprobeerd", "blokkerende_regel", "gevraagde_oplossing", "grondslag_delen", "geanonimiseerde_samenvatting")


def ontvangers(escalatie: Escalatie) -> list:
    """Who is asked for the decision: the rule `escalatie.ontvang_escalatie`."""
    return wie_mag("escalatie.ontvang_escalatie", escalatie)


def omo_functionarissen() -> list:
    return wie_mag("escalatie.zie_alle_escalaties")


def mag_beslissen(user, escalatie: Escalatie) -> bool:
    return mag(user, "escalatie.beslis_escalatie", escalatie)


def _link(escalatie):
    return reverse("escalatie_detail", kwargs={"pk": escalatie.pk})


def _meld(ontvanger, tekst, escalatie, sleutel, vraagt_besluit=False):
    """Notify with a link to the dossier; `vraagt_besluit`: it asks for the decision, and is
    finished when the escalation is decided."""
    notify(ontvanger, tekst, _link(escalatie), sleutel, doel=("escalatie.bekijk_escalatie", escalatie),
           onderwerp=onderwerp_van(escalatie) if vraagt_besluit else "")


@transaction.atomic
def escaleer(casus_id, user, naar_niveau, reden, vraag, scenario_id=None, agendapunt_id=None, now=None, **let_velden) -> Escalatie:
    """Escalate a case to level `naar_niveau` (2 portefeuillehouder, 3 College, 4 LET).

    Only the OMO-functionaris escalates; a reason (`Escalatie.Reden`) and the question are
    required. The due date is `OMO_ESCALATIE_WERKDAGEN[naar_niveau]` werkdagen after `now`.

    - A BESPROKEN case becomes GEESCALEERD (through `casussen.services.casus.escaleer`) and
      `van_niveau` is 1 (the OMO-overleg).
    - A case that is already GEESCALEERD stays so and goes one step further up: only when it
      has no open escalation (a case has at most one open escalation; the earlier one must
      have been decided, and on a GEESCALEERD case that can only be ‘advies’, because the other
      decisions move the case on), and only to a level above the highest one so far, which is
      `van_niveau`. A GEESCALEERD case without any escalation row (escalated before this
      ladder existed) starts at level 1.
    - Any other status is refused: the case is discussed in the OMO-overleg first.

    The recipients (portefeuillehouders for 2, the College for 3, the OMO-functionarissen for
    4, who then send the LET dossier) get one notification with a link to the dossier."""
    now = now or timezone.now()
    vereis(user, "escalatie.escaleer", melding=_("Alleen de OMO-functionaris kan een casus escaleren."))
    casus = Casus.objects.select_for_update().get(pk=casus_id)
    try:
        naar_niveau = int(naar_niveau)
    except (TypeError, ValueError):
        raise Weigering(_("Kies naar welk niveau de casus gaat."), "naar_niveau") from None
    if naar_niveau not in (2, 3, 4):
        raise Weigering(_("Kies naar welk niveau de casus gaat: portefeuillehouder, College of Landelijk Escalatie Team."), "naar_niveau")
    if reden not in Escalatie.Reden.values:
        raise Weigering(_("Kies de reden van de escalatie."), "reden")
    vraag = (vraag or "").strip()
    if not vraag:
        raise Weigering(_("Schrijf de vraag aan het hogere niveau."), "vraag")
    if Escalatie.objects.filter(casus=casus, beslissing="", onderwerp=Escalatie.Onderwerp.CASUS).exists():
        raise Weigering(_("Deze casus heeft al een openstaande escalatie; wacht op die beslissing."))
    hoogste = (
        Escalatie.objects.filter(casus=casus, onderwerp=Escalatie.Onderwerp.CASUS).order_by("-naar_niveau").values_list("naar_niveau", flat=True).first()
    )
    van_niveau = hoogste if hoogste and casus.status == Status.GEESCALEERD else Niveau.OMO
    if naar_niveau <= van_niveau:
        raise Weigering(
            _("De casus ligt al op niveau %(n)s; escaleer naar een hoger niveau.") % {"n": van_niveau}, "naar_niveau"
        )
    scenario = None
    if scenario_id:
        scenario = Scenario.objects.filter(pk=scenario_id, casus=casus).first()
        if scenario is None:
            raise Weigering(_("Dit scenario hoort niet bij deze casus."), "scenario")
    if casus.status == Status.BESPROKEN:
        casus_services.escaleer(
            casus.pk, user, _("Naar %(niveau)s: %(vraag)s") % {"niveau": Niveau(naar_niveau).label, "vraag": vraag}
        )
    elif casus.status != Status.GEESCALEERD:
        raise Weigering(
            _("Een casus met status ‘%(status)s’ kan niet worden geëscaleerd: bespreek hem eerst in het OMO-overleg.")
            % {"status": casus.get_status_display()}
        )
    else:
        casus_services.schrijf_tijdlijn(
            casus, TijdlijnEvent.Soort.STATUS, user,
            _("Verder geëscaleerd naar %(niveau)s") % {"niveau": Niveau(naar_niveau).label}, vraag,
        )
    escalatie = Escalatie.objects.create(
        casus=casus, scenario=scenario, agendapunt_id=agendapunt_id, van_niveau=van_niveau, naar_niveau=naar_niveau,
        reden=reden, vraag=vraag, aangevraagd_door=user, aangevraagd_op=now,
        uiterlijk_op=deadline(now, settings.OMO_ESCALATIE_WERKDAGEN.get(naar_niveau, 5)),
        **{k: (let_velden.get(k) or "").strip() for k in LET_VELDEN},
    )
    tekst = _("Escalatie %(code)s: besluit gevraagd uiterlijk %(dag)s") % {
        "code": casus.code, "dag": date_format(timezone.localtime(escalatie.uiterlijk_op, AMSTERDAM), "j F Y")
    }
    for ontvanger in ontvangers(escalatie):
        _meld(ontvanger, tekst, escalatie, f"escalatie-{escalatie.pk}-nieuw", vraagt_besluit=True)
    return escalatie


@transaction.atomic
def escaleer_aanvraag(casus_id, user, vraag, scenario_id=None, now=None) -> Escalatie:
    """A fund request above a budget holder's mandate or above what the fund has left, to the
    College (level 3, reason budget), from the team level: the budget app calls this when a
    budget holder puts a request before the College, tells the College and records the
    College's decision on the request (`budget.services.aanvraag`), which closes this
    escalation through `sluit_aanvraag`. The case's status does not change and this escalation
    does not count as the case's one open escalation."""
    now = now or timezone.now()
    casus = Casus.objects.get(pk=casus_id)
    vraag = (vraag or "").strip()
    if not vraag:
        raise Weigering(_("Schrijf de vraag aan het College."), "vraag")
    return Escalatie.objects.create(
        casus=casus, onderwerp=Escalatie.Onderwerp.AANVRAAG, scenario_id=scenario_id, van_niveau=Niveau.TEAM,
        naar_niveau=Niveau.COLLEGE, reden=Escalatie.Reden.BUDGET, vraag=vraag, aangevraagd_door=user,
        aangevraagd_op=now, uiterlijk_op=deadline(now, settings.OMO_ESCALATIE_WERKDAGEN.get(Niveau.COLLEGE, 10)),
    )


def sluit_aanvraag(escalatie_id, user, beslissing, motivatie, now=None) -> Escalatie:
    """Record on a fund request's escalation the decision the College took on the request, in
    the caller's transaction (the budget app's, which books the decision on the request): a
    refusal here undoes both. Decided twice is refused; nothing changes then."""
    now = now or timezone.now()
    escalatie = Escalatie.objects.select_for_update().get(pk=escalatie_id)
    if escalatie.onderwerp != Escalatie.Onderwerp.AANVRAAG:
        raise Weigering(_("Deze escalatie gaat niet over een aanvraag."))
    if escalatie.beslissing:
        raise Weigering(_("Over deze aanvraag is al beslist. Er is niets veranderd."))
    vereis(user, "escalatie.beslis_aanvraag_escalatie", escalatie,
           melding=_("Over deze aanvraag beslist het College. Er is niets veranderd."))
    if beslissing not in Escalatie.Beslissing.values:
        raise Weigering(_("Kies een beslissing."), "beslissing")
    controleer(Escalatie, motivatie=motivatie)
    if not Escalatie.objects.filter(pk=escalatie.pk, beslissing="").update(
        beslissing=beslissing, motivatie=motivatie, besloten_door=user, besloten_op=now
    ):
        raise Weigering(_("Over deze aanvraag is al beslist. Er is niets veranderd."))
    handel_af(onderwerp_van(escalatie))
    escalatie.refresh_from_db()
    return escalatie


@transaction.atomic
def beslis(escalatie_id, user, beslissing, motivatie, now=None) -> Escalatie:
    """Record the decision of the level the case was escalated to.

    Who: the portefeuillehouder at level 2, the College at level 3; the OMO-functionaris
    records the LET's answer at level 4 and may record any level's decision on its behalf.
    A motivation is always required. Deciding twice or one that is not yours is refused and
    changes nothing (the row is locked, and written only while `beslissing` is still empty).

    - akkoord / afgewezen: the case's Besluit at the matching level (akkoord needs the
      escalation's scenario), the case becomes BESLOTEN;
    - teruggelegd: the case goes back to IN_VOORBEREIDING;
    - advies: the case stays GEESCALEERD; the OMO-functionarissen and the casushouder are told
      the advice is in, and the OMO-functionaris records the decision on the case page (or
      escalates one step further up)."""
    now = now or timezone.now()
    escalatie = Escalatie.objects.select_for_update().select_related("casus", "casus__casushouder").get(pk=escalatie_id)
    if escalatie.onderwerp == Escalatie.Onderwerp.AANVRAAG:
        raise Weigering(_("Over een aanvraag uit een fonds beslist het College op de pagina van de aanvraag. "
                          "Er is niets veranderd."))
    if escalatie.beslissing:
        raise Weigering(
            _("Over deze escalatie is al beslist (%(b)s door %(wie)s). Er is niets veranderd.")
            % {"b": escalatie.get_beslissing_display().lower(), "wie": escalatie.besloten_door}
        )
    vereis(user, "escalatie.beslis_escalatie", escalatie,
           melding=_("Deze escalatie ligt niet bij jou; je kunt er niet over beslissen. Er is niets veranderd."))
    if beslissing not in Escalatie.Beslissing.values:
        raise Weigering(_("Kies een beslissing."), "beslissing")
    motivatie = (motivatie or "").strip()
    if not motivatie:
        raise Weigering(_("Een beslissing heeft altijd een motivering."), "motivatie")
    controleer(Escalatie, motivatie=motivatie)
    B = Escalatie.Beslissing
    casus_id = escalatie.casus_id
    if beslissing in (B.AKKOORD, B.AFGEWEZEN):
        if beslissing == B.AKKOORD and escalatie.scenario_id is None:
            raise Weigering(
                _("Bij akkoord hoort een scenario; deze escalatie noemt er geen. Kies ‘advies’ of ‘teruggelegd’."),
                "beslissing",
            )
        casus_services.leg_besluit_vast(
            casus_id, user, Besluit.Uitkomst.AKKOORD if beslissing == B.AKKOORD else Besluit.Uitkomst.AFGEWEZEN,
            motivatie, scenario_id=escalatie.scenario_id, niveau=BESLUIT_NIVEAU[escalatie.naar_niveau],
            verwacht_van=Status.GEESCALEERD,
        )
    elif beslissing == B.TERUGGELEGD:
        casus_services.leg_terug(casus_id, user, _("Teruggelegd door %(niveau)s: %(m)s") % {
            "niveau": escalatie.get_naar_niveau_display(), "m": motivatie})
    else:
        casus_services.schrijf_tijdlijn(
            escalatie.casus, TijdlijnEvent.Soort.BESLUIT, user,
            _("Advies van %(niveau)s") % {"niveau": escalatie.get_naar_niveau_display()}, motivatie,
        )
    # Conditional on the decision still being empty: a second writer can never overwrite it.
    geschreven = Escalatie.objects.filter(pk=escalatie.pk, beslissing="").update(
        beslissing=beslissing, motivatie=motivatie, besloten_door=user, besloten_op=now
    )
    if not geschreven:  # pragma: no cover - the row lock above makes this unreachable
        raise Weigering(_("Over deze escalatie is al beslist. Er is niets veranderd."))
    handel_af(onderwerp_van(escalatie))  # decided, by whoever: nobody else is asked any more
    escalatie.refresh_from_db()
    if beslissing == B.ADVIES:
        tekst = _("%(code)s: het advies van %(niveau)s is binnen; leg het besluit vast op de casuspagina") % {
            "code": escalatie.casus.code, "niveau": escalatie.get_naar_niveau_display()}
    else:
        tekst = _("%(code)s: %(niveau)s besliste ‘%(b)s’") % {
            "code": escalatie.casus.code, "niveau": escalatie.get_naar_niveau_display(),
            "b": escalatie.get_beslissing_display()}
    for ontvanger in {*omo_functionarissen(), escalatie.casus.casushouder, escalatie.aangevraagd_door}:
        if ontvanger.pk != user.pk:
            _meld(ontvanger, tekst, escalatie, f"escalatie-{escalatie.pk}-besloten")
    return escalatie


@transaction.atomic
def bewaar_let_gegevens(escalatie_id, user, velden: dict) -> Escalatie:
    vereis(user, "escalatie.escaleer",
           melding=_("Alleen de OMO-functionaris stelt het dossier voor het Landelijk Escalatie Team op."))
    escalatie = Escalatie.objects.select_for_update().select_related("casus").get(pk=escalatie_id)
    vereis(user, "escalatie.stel_let_dossier_op", escalatie,
           melding=_("Een LET-dossier hoort bij een escalatie naar het Landelijk Escalatie Team."))
    schoon = {k: (velden.get(k) or "").strip() for k in LET_VELDEN}
    if escalatie.casus.toestemming != escalatie.casus.Toestemming.JA and not schoon["geanonimiseerde_samenvatting"]:
        raise Weigering(
            _("Het huishouden gaf geen toestemming om gegevens te delen: schrijf een geanonimiseerde samenvatting."),
            "geanonimiseerde_samenvatting",
        )
    for k, v in schoon.items():
        setattr(escalatie, k, v)
    escalatie.save(update_fields=list(LET_VELDEN))
    return escalatie


def bewaak_termijnen(now=None) -> int:
    """A reminder to the recipients OMO_ESCALATIE_HERINNERING_WERKDAGEN werkdagen before the due
    date, and a notice to the recipients and the OMO-functionaris once it passed. Each once: the
    row is claimed with a conditional UPDATE and the notifications have unique keys."""
    now = now or timezone.now()
    vandaag = timezone.localtime(now, AMSTERDAM).date()
    n = settings.OMO_ESCALATIE_HERINNERING_WERKDAGEN
    grens = datetime.combine(add_werkdagen(vandaag, n), time.max, tzinfo=AMSTERDAM) if n > 0 else now
    effecten = 0
    te_herinneren = Escalatie.objects.filter(
        beslissing="", herinnerd_op__isnull=True, uiterlijk_op__lte=grens, uiterlijk_op__gt=now
    ).values_list("pk", flat=True)[:500]
    for pk in list(te_herinneren):
        with transaction.atomic():
            if not Escalatie.objects.filter(pk=pk, beslissing="", herinnerd_op__isnull=True).update(herinnerd_op=now):
                continue
            e = Escalatie.objects.select_related("casus").get(pk=pk)
            tekst = _("Herinnering: besluit over %(code)s uiterlijk %(dag)s") % {
                "code": e.casus.code, "dag": date_format(timezone.localtime(e.uiterlijk_op, AMSTERDAM), "j F Y")}
            for ontvanger in ontvangers(e):
                _meld(ontvanger, tekst, e, f"escalatie-{e.pk}-herinnering", vraagt_besluit=True)
            effecten += 1
    verlopen = Escalatie.objects.filter(
        beslissing="", verlopen_gemeld_op__isnull=True, uiterlijk_op__lt=now
    ).values_list("pk", flat=True)[:500]
    for pk in list(verlopen):
        with transaction.atomic():
            if not Escalatie.objects.filter(pk=pk, beslissing="", verlopen_gemeld_op__isnull=True).update(verlopen_gemeld_op=now):
                continue
            e = Escalatie.objects.select_related("casus").get(pk=pk)
            tekst = _("Termijn verstreken: nog geen besluit over %(code)s (%(niveau)s)") % {
                "code": e.casus.code, "niveau": e.get_naar_niveau_display()}
            for ontvanger in {*ontvangers(e), *omo_functionarissen()}:
                _meld(ontvanger, tekst, e, f"escalatie-{e.pk}-verlopen", vraagt_besluit=True)
            effecten += 1
    return effecten
