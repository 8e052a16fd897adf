"""Scenarios of a case (DESIGN §4): the waardendriehoek, the cost lines and the choice.

Every function locks the case row, checks who may change the scenarios and whether the case is
still in a status where they may change, writes a timeline event (soort scenario) and raises
`Weigering` with a Dutch message otherwise. The first scenario work on an *aangemeld* case moves
it to *in voorbereiding*.
"""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from casussen.models import (
    Betaler,
    Casus,
    Eenheid,
    Kostenregel,
    Scenario,
    ScenarioGrondslag,
    Situatie,
    Status,
    TijdlijnEvent,
)
from casussen.services import casus as casus_services
from omo.templatetags.omo_format import format_euro
from omo.toegang import mag, vereis
from omo.weigering import Weigering

BEWERKBARE_STATUSSEN = (Status.AANGEMELD, Status.IN_VOORBEREIDING, Status.GEAGENDEERD)
SCENARIO_VELDEN = ("titel", "beschrijving", "perspectief_inwoner", "eigen_bijdrage", "netwerk", "past_in_kaders")
KOSTENREGEL_VELDEN = (
    "situatie",
    "prijslijstitem",
    "omschrijving",
    "prijs",
    "aantal",
    "frequentie",
    "startmaand",
    "duur_maanden",
    "geldstroom",
    "betaler",
    "kans",
)
MAX_MAANDEN = 120


def reden_vast(casus) -> str | None:
    """Why the scenarios of `casus` cannot change now, or None when they can."""
    if casus.status in BEWERKBARE_STATUSSEN:
        return None
    if casus.status in (Status.BESPROKEN, Status.GEESCALEERD):
        return _(
            "De scenario's liggen vast zolang de casus de status ‘%(status)s’ heeft. Ze kunnen weer "
            "worden gewijzigd als de casus terug is in voorbereiding."
        ) % {"status": casus.get_status_display()}
    if not casus.is_open:
        return _("De casus is afgesloten; de scenario's liggen vast.")
    return _(
        "De scenario's liggen vast sinds het besluit. Wil je een ander scenario, zet de casus dan "
        "eerst terug naar voorbereiding."
    )


def mag_bewerken(gebruiker, casus) -> bool:
    """For the pages: show the buttons that change scenarios."""
    return reden_vast(casus) is None and mag(gebruiker, "casussen.bewerk_casus", casus)


def _open_casus(casus_id, gebruiker) -> Casus:
    """Lock the case and check that `gebruiker` may change its scenarios now."""
    casus = Casus.objects.select_for_update().get(pk=casus_id)
    vereis(gebruiker, "casussen.bewerk_casus", casus, melding=_("Alleen de casushouder of een medebehandelaar kan de scenario's wijzigen."))
    reden = reden_vast(casus)
    if reden:
        raise Weigering(reden)
    if casus.status == Status.AANGEMELD:
        casus_services.overgang(casus.pk, Status.IN_VOORBEREIDING, gebruiker, verwacht_van=Status.AANGEMELD)
        casus.status = Status.IN_VOORBEREIDING
    return casus


def _open_scenario(scenario_id, gebruiker) -> tuple[Casus, Scenario]:
    casus_id = Scenario.objects.filter(pk=scenario_id).values_list("casus_id", flat=True).first()
    if casus_id is None:
        raise Weigering(_("Dit scenario bestaat niet meer."))
    casus = _open_casus(casus_id, gebruiker)
    scenario = Scenario.objects.select_for_update().get(pk=scenario_id, casus=casus)
    return casus, scenario


def _tijdlijn(casus, gebruiker, omschrijving, toelichting=""):
    casus_services.schrijf_tijdlijn(casus, TijdlijnEvent.Soort.SCENARIO, gebruiker, omschrijving, toelichting)


def _scenario_velden(velden: dict) -> dict:
    schoon = {k: velden[k] for k in SCENARIO_VELDEN if k in velden}
    for naam in ("titel", "beschrijving", "perspectief_inwoner", "eigen_bijdrage", "netwerk"):
        if naam in schoon:
            schoon[naam] = (schoon[naam] or "").strip()
    if "titel" in schoon and not schoon["titel"]:
        raise Weigering(_("Geef het scenario een titel."), "titel")
    if "beschrijving" in schoon and not schoon["beschrijving"]:
        raise Weigering(_("Beschrijf de oplossing van dit scenario."), "beschrijving")
    if "past_in_kaders" in schoon:
        schoon["past_in_kaders"] = bool(schoon["past_in_kaders"])
    return schoon


# --- Scenario --------------------------------------------------------------------------------


@transaction.atomic
def maak_scenario(casus_id, gebruiker, velden: dict, partners=()) -> Scenario:
    """A new scenario for the case (titel and beschrijving required)."""
    casus = _open_casus(casus_id, gebruiker)
    schoon = _scenario_velden(velden)
    if "titel" not in schoon:
        raise Weigering(_("Geef het scenario een titel."), "titel")
    if "beschrijving" not in schoon:
        raise Weigering(_("Beschrijf de oplossing van dit scenario."), "beschrijving")
    scenario = Scenario.objects.create(casus=casus, **schoon)
    scenario.partners.set(partners)
    _tijdlijn(casus, gebruiker, _("Scenario ‘%(titel)s’ toegevoegd") % {"titel": scenario.titel})
    return scenario


@transaction.atomic
def wijzig_scenario(scenario_id, gebruiker, velden: dict, partners=None) -> Scenario:
    """Change the text of a scenario; `partners` None leaves the partners as they are."""
    casus, scenario = _open_scenario(scenario_id, gebruiker)
    for naam, waarde in _scenario_velden(velden).items():
        setattr(scenario, naam, waarde)
    scenario.save()
    if partners is not None:
        scenario.partners.set(partners)
    _tijdlijn(casus, gebruiker, _("Scenario ‘%(titel)s’ gewijzigd") % {"titel": scenario.titel})
    return scenario


@transaction.atomic
def kies(scenario_id, gebruiker) -> Scenario:
    """Mark this scenario as the chosen one. At most one per case: a second is refused."""
    casus, scenario = _open_scenario(scenario_id, gebruiker)
    if scenario.gekozen:
        return scenario
    ander = Scenario.objects.filter(casus=casus, gekozen=True).exclude(pk=scenario.pk).first()
    if ander is not None:
        raise Weigering(
            _("Scenario ‘%(titel)s’ is al gekozen. Maak die keuze eerst ongedaan als je een ander "
              "scenario wilt kiezen.") % {"titel": ander.titel}
        )
    scenario.gekozen = True
    try:
        with transaction.atomic():
            scenario.save(update_fields=["gekozen", "gewijzigd_op"])
    except IntegrityError:
        raise Weigering(_("Er is intussen al een ander scenario gekozen. Er is niets veranderd.")) from None
    _tijdlijn(casus, gebruiker, _("Scenario ‘%(titel)s’ gekozen") % {"titel": scenario.titel})
    return scenario


@transaction.atomic
def kies_niet(scenario_id, gebruiker) -> Scenario:
    """Undo the choice of this scenario."""
    casus, scenario = _open_scenario(scenario_id, gebruiker)
    if not scenario.gekozen:
        return scenario
    scenario.gekozen = False
    scenario.save(update_fields=["gekozen", "gewijzigd_op"])
    _tijdlijn(casus, gebruiker, _("Keuze voor scenario ‘%(titel)s’ ongedaan gemaakt") % {"titel": scenario.titel})
    return scenario


# --- Legitimiteit ----------------------------------------------------------------------------


def _motivatie(motivatie) -> str:
    motivatie = (motivatie or "").strip()
    if not motivatie:
        raise Weigering(
            _("Geef een motivatie: waarom biedt deze grondslag hier ruimte voor de oplossing?"), "motivatie"
        )
    return motivatie


@transaction.atomic
def voeg_grondslag_toe(scenario_id, gebruiker, grondslag, motivatie) -> ScenarioGrondslag:
    """Add a legal basis with its motivation (required); the same basis twice is refused."""
    casus, scenario = _open_scenario(scenario_id, gebruiker)
    if grondslag is None:
        raise Weigering(_("Kies een wettelijke grondslag."), "grondslag")
    motivatie = _motivatie(motivatie)
    if ScenarioGrondslag.objects.filter(scenario=scenario, grondslag=grondslag).exists():
        raise Weigering(
            _("%(grondslag)s staat al bij dit scenario. Pas daar de motivatie aan.") % {"grondslag": grondslag},
            "grondslag",
        )
    regel = ScenarioGrondslag.objects.create(scenario=scenario, grondslag=grondslag, motivatie=motivatie)
    _tijdlijn(
        casus, gebruiker,
        _("Grondslag %(grondslag)s toegevoegd aan scenario ‘%(titel)s’") % {"grondslag": grondslag, "titel": scenario.titel},
        motivatie,
    )
    return regel


def _open_grondslag(scenario_grondslag_id, gebruiker):
    scenario_id = (
        ScenarioGrondslag.objects.filter(pk=scenario_grondslag_id).values_list("scenario_id", flat=True).first()
    )
    if scenario_id is None:
        raise Weigering(_("Deze grondslag staat niet (meer) bij het scenario."))
    casus, scenario = _open_scenario(scenario_id, gebruiker)
    regel = ScenarioGrondslag.objects.select_related("grondslag").get(pk=scenario_grondslag_id, scenario=scenario)
    return casus, scenario, regel


@transaction.atomic
def wijzig_grondslag(scenario_grondslag_id, gebruiker, motivatie) -> ScenarioGrondslag:
    casus, scenario, regel = _open_grondslag(scenario_grondslag_id, gebruiker)
    regel.motivatie = _motivatie(motivatie)
    regel.save(update_fields=["motivatie"])
    _tijdlijn(
        casus, gebruiker,
        _("Motivatie bij %(grondslag)s gewijzigd (scenario ‘%(titel)s’)") % {"grondslag": regel.grondslag, "titel": scenario.titel},
        regel.motivatie,
    )
    return regel


@transaction.atomic
def verwijder_grondslag(scenario_grondslag_id, gebruiker) -> None:
    casus, scenario, regel = _open_grondslag(scenario_grondslag_id, gebruiker)
    grondslag = regel.grondslag
    regel.delete()
    _tijdlijn(
        casus, gebruiker,
        _("Grondslag %(grondslag)s verwijderd uit scenario ‘%(titel)s’") % {"grondslag": grondslag, "titel": scenario.titel},
    )


# --- Rendement: cost lines -------------------------------------------------------------------


def _getal(waarde, veld, bericht):
    if waarde is None or waarde == "":
        return None
    try:
        return Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        raise Weigering(bericht, veld) from None


def _kostenregel_velden(velden: dict) -> dict:
    """Check and complete the fields of a cost line; raises Weigering on the first problem."""
    v = {k: velden.get(k) for k in KOSTENREGEL_VELDEN}
    if v["situatie"] not in Situatie.values:
        raise Weigering(_("Kies de situatie: huidig, dreigend of met doorbraak."), "situatie")
    item = v["prijslijstitem"]
    if item is not None:
        # A line from the price list counts in the item's unit: a yearly price stays yearly.
        v["frequentie"] = item.rekeneenheid
    if v["frequentie"] not in Eenheid.values:
        raise Weigering(
            _("Kies de eenheid van de prijs: eenmalig, per dag, week, maand of jaar, per uur of per stuk."),
            "frequentie",
        )
    v["omschrijving"] = (v["omschrijving"] or "").strip()
    prijs = _getal(v["prijs"], "prijs", _("Vul een prijs in euro's in, bijvoorbeeld 1250,00."))
    if item is not None:
        if prijs is None:
            prijs = item.prijs
        elif prijs == 0 and item.prijs > 0:
            raise Weigering(
                _("Dit item kost volgens de prijslijst %(prijs)s %(eenheid)s. Een prijs van € 0 kan "
                  "hier niet; laat het veld leeg om de prijs uit de prijslijst over te nemen.")
                % {"prijs": format_euro(item.prijs), "eenheid": item.eenheid_tekst},
                "prijs",
            )
        v["omschrijving"] = v["omschrijving"] or item.item
        v["geldstroom"] = v["geldstroom"] or item.geldstroom
        v["betaler"] = v["betaler"] or item.betaler
    else:
        if not v["omschrijving"]:
            raise Weigering(_("Geef een omschrijving of kies een item uit de prijslijst."), "omschrijving")
        if prijs is None:
            raise Weigering(_("Vul de prijs per eenheid in."), "prijs")
        if v["geldstroom"] is None:
            raise Weigering(_("Kies de geldstroom waarin deze kosten vallen."), "geldstroom")
        if not v["betaler"]:
            raise Weigering(_("Kies wie deze kosten betaalt."), "betaler")
    if prijs < 0:
        raise Weigering(_("De prijs kan niet negatief zijn."), "prijs")
    if prijs >= Decimal("1e10"):
        raise Weigering(_("Deze prijs is te hoog."), "prijs")
    v["prijs"] = prijs
    if v["betaler"] not in Betaler.values:
        raise Weigering(_("Kies wie deze kosten betaalt."), "betaler")

    aantal = _getal(v["aantal"], "aantal", _("Vul een aantal in, bijvoorbeeld 1 of 2,5."))
    aantal = Decimal("1") if aantal is None else aantal
    if aantal < 0:
        raise Weigering(_("Het aantal kan niet negatief zijn."), "aantal")
    if aantal >= Decimal("1e8"):
        raise Weigering(_("Dit aantal is te groot."), "aantal")
    v["aantal"] = aantal

    startmaand = v["startmaand"] if v["startmaand"] not in (None, "") else 1
    if int(startmaand) < 1 or int(startmaand) > MAX_MAANDEN:
        raise Weigering(_("De startmaand ligt tussen 1 en %(max)s.") % {"max": MAX_MAANDEN}, "startmaand")
    v["startmaand"] = int(startmaand)

    if v["frequentie"] in (Eenheid.EENMALIG, Eenheid.PER_UUR, Eenheid.PER_STUK):
        v["duur_maanden"] = None
    elif v["duur_maanden"] not in (None, ""):
        duur = int(v["duur_maanden"])
        if duur < 1 or duur > MAX_MAANDEN:
            raise Weigering(
                _("De duur ligt tussen 1 en %(max)s maanden; laat het veld leeg als de kosten tot het "
                  "einde van de horizon doorlopen.") % {"max": MAX_MAANDEN},
                "duur_maanden",
            )
        v["duur_maanden"] = duur
    else:
        v["duur_maanden"] = None

    if v["situatie"] == Situatie.DREIGEND:
        kans = _getal(v["kans"], "kans", _("Vul de kans in als percentage, bijvoorbeeld 40."))
        kans = Decimal("100") if kans is None else kans
        if kans < 0 or kans > 100:
            raise Weigering(_("De kans is een percentage tussen 0 en 100."), "kans")
        v["kans"] = kans
    else:
        v["kans"] = Decimal("100")
    return v


def _regel_label(regel) -> str:
    return f"{regel.omschrijving} ({regel.get_situatie_display().lower()})"


@transaction.atomic
def voeg_kostenregel_toe(scenario_id, gebruiker, velden: dict) -> Kostenregel:
    """Add a cost line. With a price-list item (`prijslijstitem`, a Prijs) the price, description,
    geldstroom and payer are taken from the item where left empty; a free line needs them all."""
    casus, scenario = _open_scenario(scenario_id, gebruiker)
    regel = Kostenregel.objects.create(scenario=scenario, **_kostenregel_velden(velden))
    _tijdlijn(
        casus, gebruiker,
        _("Kostenregel %(regel)s toegevoegd aan scenario ‘%(titel)s’") % {"regel": _regel_label(regel), "titel": scenario.titel},
    )
    return regel


def _open_kostenregel(kostenregel_id, gebruiker):
    scenario_id = Kostenregel.objects.filter(pk=kostenregel_id).values_list("scenario_id", flat=True).first()
    if scenario_id is None:
        raise Weigering(_("Deze kostenregel bestaat niet meer."))
    casus, scenario = _open_scenario(scenario_id, gebruiker)
    regel = Kostenregel.objects.select_for_update().get(pk=kostenregel_id, scenario=scenario)
    return casus, scenario, regel


@transaction.atomic
def wijzig_kostenregel(kostenregel_id, gebruiker, velden: dict) -> Kostenregel:
    casus, scenario, regel = _open_kostenregel(kostenregel_id, gebruiker)
    for naam, waarde in _kostenregel_velden(velden).items():
        setattr(regel, naam, waarde)
    regel.save()
    _tijdlijn(
        casus, gebruiker,
        _("Kostenregel %(regel)s gewijzigd (scenario ‘%(titel)s’)") % {"regel": _regel_label(regel), "titel": scenario.titel},
    )
    return regel


@transaction.atomic
def verwijder_kostenregel(kostenregel_id, gebruiker) -> None:
    casus, scenario, regel = _open_kostenregel(kostenregel_id, gebruiker)
    label = _regel_label(regel)
    regel.delete()
    _tijdlijn(
        casus, gebruiker,
        _("Kostenregel %(regel)s verwijderd uit scenario ‘%(titel)s’") % {"regel": label, "titel": scenario.titel},
    )
