"""Registering a case, its code, its status transitions and its timeline."""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casussen import uitbreidingen, workflow
from casussen.models import Besluit, Casus, Scenario, Status, TijdlijnEvent
from omo.toegang import vereis
from omo.weigering import Weigering

# A fixed key for pg_advisory_xact_lock: serialises code numbering per year.
_CODE_LOCK = 0x0C45_0000


def schrijf_tijdlijn(casus, soort, gebruiker, omschrijving, toelichting="", van="", naar=""):
    return TijdlijnEvent.objects.create(
        casus=casus,
        soort=soort,
        tijdstip=timezone.now(),
        gebruiker=gebruiker,
        omschrijving=str(omschrijving)[:300],
        toelichting=toelichting or "",
        van_status=van,
        naar_status=naar,
    )


def _volgende_nummer(jaar: int) -> int:
    """The next number of `jaar`, without gaps or races: an advisory lock held to commit."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_CODE_LOCK, jaar])
    last = (
        Casus.objects.filter(jaar=jaar).order_by("-volgnummer").values_list("volgnummer", flat=True).first()
    )
    return (last or 0) + 1


def maak_code(jaar: int, nummer: int) -> str:
    return f"OMO-{jaar}-{nummer:04d}"


@transaction.atomic
def registreer(gebruiker, velden: dict, leefgebieden, organisaties=(), medebehandelaars=()) -> Casus:
    """Register a case with `gebruiker` as casushouder (unless `velden` names another)."""
    vereis(gebruiker, "casussen.meld_casus_aan", melding=_("Alleen een consulent kan een casus aanmelden."))
    now = timezone.now()
    jaar = timezone.localdate(now).year
    nummer = _volgende_nummer(jaar)
    velden = dict(velden)
    velden.setdefault("casushouder", gebruiker)
    if velden.get("team") is None:
        velden["team"] = velden["casushouder"].team
    if velden.get("team") is None:
        raise Weigering(_("Kies een team: je account hoort nog niet bij een team."), field="team")
    casus = Casus.objects.create(
        jaar=jaar,
        volgnummer=nummer,
        code=maak_code(jaar, nummer),
        status=Status.AANGEMELD,
        status_sinds=now,
        **velden,
    )
    casus.leefgebieden.set(leefgebieden)
    casus.organisaties.set(organisaties)
    casus.medebehandelaars.set([u for u in medebehandelaars if u.pk != casus.casushouder_id])
    schrijf_tijdlijn(
        casus, TijdlijnEvent.Soort.STATUS, gebruiker, _("Casus aangemeld"), naar=Status.AANGEMELD
    )
    werk_zoekvector_bij(casus.pk)
    return casus


@transaction.atomic
def wijzig(casus_id, gebruiker, velden: dict, leefgebieden, organisaties=(), medebehandelaars=()):
    casus = Casus.objects.select_for_update().get(pk=casus_id)
    vereis(gebruiker, "casussen.bewerk_casus", casus,
           melding=_("Alleen de casushouder of een medebehandelaar kan de casus wijzigen."))
    if not casus.is_open:
        raise Weigering(_("Een afgesloten casus kan niet meer worden gewijzigd."))
    for name, value in velden.items():
        setattr(casus, name, value)
    casus.save()
    casus.leefgebieden.set(leefgebieden)
    casus.organisaties.set(organisaties)
    casus.medebehandelaars.set([u for u in medebehandelaars if u.pk != casus.casushouder_id])
    schrijf_tijdlijn(casus, TijdlijnEvent.Soort.OVERIG, gebruiker, _("Gegevens van de casus gewijzigd"))
    werk_zoekvector_bij(casus.pk)
    return casus


def _lock(casus_id) -> Casus:
    return Casus.objects.select_for_update().get(pk=casus_id)


def _stap(casus: Casus, naar: str, gebruiker, toelichting: str, verwacht_van: str | None):
    """Check and perform one step on a locked case; write the timeline. Raises Weigering."""
    if verwacht_van is not None and casus.status != verwacht_van:
        raise Weigering(
            _("De status van deze casus is intussen gewijzigd in ‘%(status)s’. Er is niets veranderd; "
              "bekijk de casus opnieuw.") % {"status": casus.get_status_display()}
        )
    overgang = workflow.vind(casus.status, naar)
    if overgang is None:
        raise Weigering(
            _("Van ‘%(van)s’ kan een casus niet naar ‘%(naar)s’. Er is niets veranderd.")
            % {"van": casus.get_status_display(), "naar": Status(naar).label}
        )
    if not workflow.mag(gebruiker, casus, overgang):
        raise Weigering(_("Je mag de stap ‘%(stap)s’ bij deze casus niet zetten.") % {"stap": overgang.label})
    toelichting = (toelichting or "").strip()
    if overgang.toelichting_verplicht and not toelichting:
        raise Weigering(_("Geef een toelichting bij de stap ‘%(stap)s’.") % {"stap": overgang.label}, "toelichting")
    van = casus.status
    now = timezone.now()
    casus.status = naar
    casus.status_sinds = now
    if naar == Status.AFGESLOTEN:
        casus.afgesloten_op = now
    casus.save(update_fields=["status", "status_sinds", "afgesloten_op", "gewijzigd_op"])
    schrijf_tijdlijn(
        casus, TijdlijnEvent.Soort.STATUS, gebruiker, overgang.label, toelichting, van=van, naar=naar
    )
    return casus


@transaction.atomic
def overgang(casus_id, naar: str, gebruiker, toelichting: str = "", verwacht_van: str | None = None):
    """Move a case to `naar` if the workflow allows it for this user. The generic step used by
    the buttons on the case page and by the overleg and escalation services."""
    if naar == Status.VERVALLEN:
        raise Weigering(_("Een casus vervalt via ‘Vervallen verklaren’, met een reden. Er is niets veranderd."))
    return _stap(_lock(casus_id), naar, gebruiker, toelichting, verwacht_van)


# Named steps for the overleg and escalation issue (escalatie app calls these).
def agendeer(casus_id, gebruiker, toelichting="", verwacht_van=Status.IN_VOORBEREIDING):
    return overgang(casus_id, Status.GEAGENDEERD, gebruiker, toelichting, verwacht_van)


def markeer_besproken(casus_id, gebruiker, toelichting="", verwacht_van=Status.GEAGENDEERD):
    return overgang(casus_id, Status.BESPROKEN, gebruiker, toelichting, verwacht_van)


def escaleer(casus_id, gebruiker, toelichting, verwacht_van=Status.BESPROKEN):
    return overgang(casus_id, Status.GEESCALEERD, gebruiker, toelichting, verwacht_van)


def bezinning(casus_id, gebruiker, toelichting, verwacht_van=Status.BESPROKEN):
    """Bezinningsperiode: the case goes straight back on the agenda of the next meeting."""
    return overgang(casus_id, Status.GEAGENDEERD, gebruiker, toelichting, verwacht_van)


def leg_terug(casus_id, gebruiker, toelichting, verwacht_van=Status.GEESCALEERD):
    """An escalation laid back: the case returns to preparation."""
    return overgang(casus_id, Status.IN_VOORBEREIDING, gebruiker, toelichting, verwacht_van)


@transaction.atomic
def leg_besluit_vast(
    casus_id, gebruiker, uitkomst, motivatie, scenario_id=None, niveau=Besluit.Niveau.OMO,
    verwacht_van=None,
) -> Besluit:
    """Record akkoord or afgewezen with a motivation; akkoord chooses the scenario."""
    casus = _lock(casus_id)
    # Who may record a decision of which level: the rules `casussen.besluit_<niveau>`.
    if niveau not in Besluit.Niveau.values:
        raise Weigering(_("Je mag geen besluit op dit niveau vastleggen."))
    vereis(
        gebruiker, f"casussen.besluit_{Besluit.Niveau(niveau).name.lower()}", casus,
        melding=_("Alleen de OMO-functionaris legt een besluit van het OMO-overleg vast.")
        if niveau == Besluit.Niveau.OMO else _("Je mag geen besluit op dit niveau vastleggen."),
    )
    motivatie = (motivatie or "").strip()
    if not motivatie:
        raise Weigering(_("Een besluit heeft altijd een motivering."), "motivatie")
    scenario = None
    if uitkomst == Besluit.Uitkomst.AKKOORD:
        if scenario_id is None:
            raise Weigering(_("Kies bij akkoord het scenario waarmee wordt ingestemd."), "scenario")
        scenario = Scenario.objects.filter(pk=scenario_id, casus=casus).first()
        if scenario is None:
            raise Weigering(_("Dit scenario hoort niet bij deze casus."), "scenario")
        ander = Scenario.objects.filter(casus=casus, gekozen=True).exclude(pk=scenario.pk).first()
        if ander is not None:
            raise Weigering(
                _("Scenario ‘%(titel)s’ is al gekozen. Maak die keuze eerst ongedaan of kies dat scenario.")
                % {"titel": ander.titel},
                "scenario",
            )
    _stap(casus, Status.BESLOTEN, gebruiker, motivatie, verwacht_van)
    if scenario is not None:
        if not scenario.gekozen:
            scenario.gekozen = True
            scenario.save(update_fields=["gekozen", "gewijzigd_op"])
    besluit = Besluit.objects.create(
        casus=casus, uitkomst=uitkomst, scenario=scenario, motivatie=motivatie, niveau=niveau,
        besloten_door=gebruiker,
    )
    omschrijving = _("Besluit: %(uitkomst)s") % {"uitkomst": besluit.get_uitkomst_display()}
    if scenario is not None:
        omschrijving += f" ({scenario.titel})"
    schrijf_tijdlijn(casus, TijdlijnEvent.Soort.BESLUIT, gebruiker, omschrijving, motivatie)
    return besluit


@transaction.atomic
def sluit_af(casus_id, gebruiker, uitkomst, samenvatting_oplossing, verwacht_van=None) -> Casus:
    """Close a case with its outcome and the anonymised summary the inspiratie search shows."""
    casus = _lock(casus_id)
    uitkomst = (uitkomst or "").strip()
    samenvatting_oplossing = (samenvatting_oplossing or "").strip()
    if not uitkomst:
        raise Weigering(_("Beschrijf de uitkomst van de casus."), "uitkomst")
    casus.uitkomst = uitkomst
    casus.samenvatting_oplossing = samenvatting_oplossing
    _stap(casus, Status.AFGESLOTEN, gebruiker, uitkomst, verwacht_van)
    casus.save(update_fields=["uitkomst", "samenvatting_oplossing", "gewijzigd_op"])
    werk_zoekvector_bij(casus.pk)
    return casus


@transaction.atomic
def verklaar_vervallen(casus_id, gebruiker, reden, verwacht_van=None) -> Casus:
    """Declare a case registered by mistake vervallen (a duplicate, not an OMO case): by its
    casushouder before its first overleg, by the OMO-functionaris at any time (the rule
    `casussen.verklaar_vervallen`). The reason is required. The case keeps its timeline and
    leaves every count; what the other apps still have open on it (agenda items, requests for
    money) they close through their own services, or they refuse and nothing changes."""
    casus = _lock(casus_id)
    vereis(gebruiker, "casussen.verklaar_vervallen", casus, melding=_(
        "Je mag deze casus niet vervallen verklaren: dat kan de casushouder zolang de casus nog niet in het "
        "OMO-overleg is besproken, en de OMO-functionaris."))
    reden = (reden or "").strip()
    if not reden:
        raise Weigering(_("Geef de reden waarom de casus vervalt."), "reden")
    _stap(casus, Status.VERVALLEN, gebruiker, reden, verwacht_van)
    uitbreidingen.bij_vervallen(casus, gebruiker, reden)
    return casus


ZOEKVECTOR_SQL = """
UPDATE casussen_casus c SET zoekvector =
    setweight(to_tsvector('dutch', coalesce(c.code, '') || ' ' || coalesce(c.titel, '')), 'A') ||
    setweight(to_tsvector('dutch', coalesce(c.pseudoniem, '') || ' ' || coalesce(c.dossiernummer, '')), 'A') ||
    setweight(to_tsvector('dutch', coalesce(c.urgentie_toelichting, '') || ' ' ||
        coalesce(c.reguliere_routes_toelichting, '') || ' ' || coalesce(c.uitkomst, '') || ' ' ||
        coalesce(c.samenvatting_oplossing, '')), 'C') ||
    setweight(to_tsvector('dutch', coalesce((
        SELECT concat_ws(' ', v.aan_de_hand, v.wil_inwoner, v.eerst_oplossen, v.helpt_nu, v.knelpunt,
                         v.niets_doen_kort, v.niets_doen_lang, v.vraag_bereiken, v.vraag_grondwaarde,
                         v.vraag_ethisch, v.vraag_juridisch)
        FROM casussen_canvas v WHERE v.casus_id = c.id), '')), 'B')
"""


def werk_zoekvector_bij(casus_id=None):
    """Recompute the full-text vector (Dutch) of one case, or of all cases when None."""
    with connection.cursor() as cursor:
        if casus_id is None:
            cursor.execute(ZOEKVECTOR_SQL)
        else:
            cursor.execute(ZOEKVECTOR_SQL + " WHERE c.id = %s", [casus_id])
