"""The doorbraakplan, its actions, the evaluations with self-sufficiency scores, and the
knelpunten of a case (DESIGN §3 steps 7–9).

Every function runs in a transaction with the case locked, lets only a betrokkene (casushouder
or medebehandelaar with `casussen.bewerk_casus`) change anything, writes a timeline event and
raises `Weigering` with a Dutch message when the step is not allowed; nothing changes then.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casussen.models import (
    Actie,
    Casus,
    Doorbraakplan,
    Evaluatie,
    Knelpunt,
    Scenario,
    Status,
    TijdlijnEvent,
    Zelfredzaamheid,
)
from casussen.services import casus as casus_services
from casussen.services.casus import schrijf_tijdlijn
from omo.toegang import vereis
from omo.weigering import Weigering

MONITORING_MIN = 6
MONITORING_MAX = 12
UITVOERING = (Status.IN_UITVOERING, Status.MONITORING)
PLAN_VELDEN = (
    "doel",
    "regisseur",
    "besproken_met_inwoner",
    "niet_besproken_waarom",
    "betrekken_hoe",
    "startdatum",
    "monitoring_maanden",
)
KNELPUNT_VELDEN = ("soort", "organisatie", "grondslag", "regel", "beschrijving")


# --- Helpers ---------------------------------------------------------------------------------


def evaluatiemomenten(monitoring_maanden: int) -> list[int]:
    """The months with an evaluation: the configured ones within the period, plus its end."""
    momenten = {m for m in settings.OMO_EVALUATIEMOMENTEN if 0 < m <= monitoring_maanden}
    momenten.add(monitoring_maanden)
    return sorted(momenten)


def gepland_op(startdatum: datetime.date, maand: int) -> datetime.date:
    return startdatum + relativedelta(months=maand)


def _lock(casus_id) -> Casus:
    casus = Casus.objects.select_for_update().filter(pk=casus_id).first()
    if casus is None:
        raise Weigering(_("Deze casus bestaat niet (meer)."))
    return casus


def _mag_bewerken(gebruiker, casus):
    vereis(gebruiker, "casussen.bewerk_casus", casus, melding=_("Alleen de casushouder of een medebehandelaar kan dit bij de casus doen."))


def _in_uitvoering(casus):
    if casus.status not in UITVOERING:
        raise Weigering(
            _("Dit kan alleen zolang de casus in uitvoering of in monitoring is; de status is nu ‘%(status)s’.")
            % {"status": casus.get_status_display()}
        )


def _open(casus):
    if not casus.is_open:
        raise Weigering(_("Een afgesloten casus kan niet meer worden gewijzigd."))


def _tekst(velden, naam) -> str:
    return (velden.get(naam) or "").strip()


def _schoon_plan(velden: dict) -> dict:
    """Check the fields of a plan; returns them cleaned. Raises Weigering on the first problem."""
    data = {naam: velden.get(naam) for naam in PLAN_VELDEN}
    for naam in ("doel", "regisseur", "niet_besproken_waarom", "betrekken_hoe"):
        data[naam] = _tekst(velden, naam)
    if not data["doel"]:
        raise Weigering(_("Beschrijf het concrete doel van het plan."), "doel")
    if not data["regisseur"]:
        raise Weigering(_("Noem de regisseur: wie houdt de regie?"), "regisseur")
    data["besproken_met_inwoner"] = bool(data["besproken_met_inwoner"])
    if data["besproken_met_inwoner"]:
        data["niet_besproken_waarom"] = ""
        data["betrekken_hoe"] = ""
    else:
        if not data["niet_besproken_waarom"]:
            raise Weigering(
                _("Het plan is niet met de inwoner besproken: leg uit waarom niet."), "niet_besproken_waarom"
            )
        if not data["betrekken_hoe"]:
            raise Weigering(
                _("Beschrijf hoe de inwoner alsnog bij het plan wordt betrokken."), "betrekken_hoe"
            )
    if not isinstance(data["startdatum"], datetime.date):
        raise Weigering(_("Vul de startdatum van het plan in."), "startdatum")
    maanden = data["monitoring_maanden"]
    if not isinstance(maanden, int) or not MONITORING_MIN <= maanden <= MONITORING_MAX:
        raise Weigering(
            _("De monitoringperiode is %(min)s tot en met %(max)s maanden.")
            % {"min": MONITORING_MIN, "max": MONITORING_MAX},
            "monitoring_maanden",
        )
    return data


def _schoon_actie(omschrijving, eigenaar, deadline) -> dict:
    omschrijving = (omschrijving or "").strip()
    eigenaar = (eigenaar or "").strip()
    if not omschrijving:
        raise Weigering(_("Beschrijf de actie."), "omschrijving")
    if not eigenaar:
        raise Weigering(_("Noem wie de actie uitvoert."), "eigenaar")
    if not isinstance(deadline, datetime.date):
        raise Weigering(_("Vul de datum in waarop de actie uiterlijk klaar is."), "deadline")
    return {"omschrijving": omschrijving, "eigenaar": eigenaar, "deadline": deadline}


def _plan_evaluaties(plan: Doorbraakplan):
    """Create or re-plan the evaluations of `plan`; those with an outcome stay as they are."""
    momenten = evaluatiemomenten(plan.monitoring_maanden)
    bestaand = {e.maand: e for e in Evaluatie.objects.filter(plan=plan)}
    for maand, evaluatie in bestaand.items():
        if not evaluatie.uitkomst and maand not in momenten:
            evaluatie.delete()
    for maand in momenten:
        datum = gepland_op(plan.startdatum, maand)
        evaluatie = bestaand.get(maand)
        if evaluatie is None:
            Evaluatie.objects.create(casus_id=plan.casus_id, plan=plan, maand=maand, gepland_op=datum)
        elif not evaluatie.uitkomst and evaluatie.gepland_op != datum:
            evaluatie.gepland_op = datum
            evaluatie.save(update_fields=["gepland_op"])


def _schoon_scores(casus, scores) -> dict[int, int]:
    """Scores 1–5 for exactly the leefgebieden of the case. Raises Weigering otherwise."""
    leefgebieden = list(casus.leefgebieden.all())
    schoon = {}
    for leefgebied in leefgebieden:
        waarde = (scores or {}).get(leefgebied.pk, (scores or {}).get(str(leefgebied.pk)))
        try:
            waarde = int(waarde)
        except (TypeError, ValueError):
            raise Weigering(
                _("Geef een score van 1 tot en met 5 voor ‘%(leefgebied)s’.") % {"leefgebied": leefgebied},
                f"score_{leefgebied.pk}",
            ) from None
        if not 1 <= waarde <= 5:
            raise Weigering(
                _("De score voor ‘%(leefgebied)s’ is 1 tot en met 5.") % {"leefgebied": leefgebied},
                f"score_{leefgebied.pk}",
            )
        schoon[leefgebied.pk] = waarde
    bekend = {str(pk) for pk in schoon}
    onbekend = [k for k in (scores or {}) if str(k) not in bekend]
    if onbekend:
        raise Weigering(_("Er is een score gegeven voor een leefgebied dat niet bij deze casus hoort."))
    return schoon


# --- Plan and actions ------------------------------------------------------------------------


@transaction.atomic
def stel_plan_op(casus_id, gebruiker, velden: dict, acties=()) -> Doorbraakplan:
    """Turn the chosen scenario of a decided (akkoord) case into its doorbraakplan.

    `velden`: doel, regisseur, besproken_met_inwoner, niet_besproken_waarom, betrekken_hoe,
    startdatum, monitoring_maanden (6–12). `acties`: dicts with omschrijving, eigenaar, deadline.
    Creates the evaluation moments and moves the case from besloten to in uitvoering.
    """
    casus = _lock(casus_id)
    _mag_bewerken(gebruiker, casus)
    if Doorbraakplan.objects.filter(casus=casus).exists():
        raise Weigering(_("Deze casus heeft al een doorbraakplan; wijzig dat plan."))
    reden = reden_geen_plan(casus)
    if reden:
        raise Weigering(reden)
    scenario = Scenario.objects.get(casus=casus, gekozen=True)
    data = _schoon_plan(velden)
    schone_acties = [
        _schoon_actie(a.get("omschrijving"), a.get("eigenaar"), a.get("deadline")) for a in acties
    ]
    plan = Doorbraakplan.objects.create(casus=casus, scenario=scenario, **data)
    Actie.objects.bulk_create([Actie(plan=plan, **a) for a in schone_acties])
    _plan_evaluaties(plan)
    schrijf_tijdlijn(
        casus,
        TijdlijnEvent.Soort.PLAN,
        gebruiker,
        _("Doorbraakplan opgesteld vanuit scenario ‘%(titel)s’") % {"titel": scenario.titel},
        data["doel"],
    )
    casus_services.overgang(
        casus.pk, Status.IN_UITVOERING, gebruiker, data["doel"], verwacht_van=Status.BESLOTEN
    )
    return plan


def reden_geen_plan(casus) -> str:
    """Why this case cannot get a plan now, in Dutch; empty when it can."""
    if casus.status != Status.BESLOTEN:
        return _(
            "Een doorbraakplan kan pas worden opgesteld als de casus besloten is met akkoord; "
            "de status is nu ‘%(status)s’."
        ) % {"status": casus.get_status_display()}
    besluit = casus.besluiten.order_by("-besloten_op", "-pk").first()
    if besluit is None or besluit.uitkomst != besluit.Uitkomst.AKKOORD:
        return _(
            "Het laatste besluit over deze casus is geen akkoord. Er kan pas een doorbraakplan "
            "worden opgesteld na een akkoord op een scenario."
        )
    if not Scenario.objects.filter(casus=casus, gekozen=True).exists():
        return _("Er is nog geen scenario gekozen. Het doorbraakplan wordt gemaakt van het gekozen scenario.")
    return ""


@transaction.atomic
def wijzig_plan(casus_id, gebruiker, velden: dict, verwacht_gewijzigd_op=None) -> Doorbraakplan:
    """Change the plan while the case is in uitvoering or monitoring. A new start date or
    monitoring period re-plans only the evaluations that have no outcome yet.

    With `verwacht_gewijzigd_op` (the version the user edited) a change someone else made in
    the meantime is refused instead of overwritten.
    """
    casus = _lock(casus_id)
    _mag_bewerken(gebruiker, casus)
    _in_uitvoering(casus)
    plan = Doorbraakplan.objects.select_for_update().filter(casus=casus).first()
    if plan is None:
        raise Weigering(_("Deze casus heeft nog geen doorbraakplan."))
    if verwacht_gewijzigd_op is not None and plan.gewijzigd_op != verwacht_gewijzigd_op:
        raise Weigering(
            _("Iemand anders heeft het plan intussen gewijzigd. Er is niets veranderd; "
              "bekijk het plan opnieuw.")
        )
    data = _schoon_plan(velden)
    opnieuw_plannen = (
        data["startdatum"] != plan.startdatum or data["monitoring_maanden"] != plan.monitoring_maanden
    )
    for naam, waarde in data.items():
        setattr(plan, naam, waarde)
    plan.save()
    if opnieuw_plannen:
        _plan_evaluaties(plan)
    schrijf_tijdlijn(casus, TijdlijnEvent.Soort.PLAN, gebruiker, _("Doorbraakplan gewijzigd"))
    return plan


@transaction.atomic
def voeg_actie_toe(casus_id, gebruiker, omschrijving, eigenaar, deadline) -> Actie:
    casus = _lock(casus_id)
    _mag_bewerken(gebruiker, casus)
    _in_uitvoering(casus)
    plan = Doorbraakplan.objects.filter(casus=casus).first()
    if plan is None:
        raise Weigering(_("Deze casus heeft nog geen doorbraakplan."))
    actie = Actie.objects.create(plan=plan, **_schoon_actie(omschrijving, eigenaar, deadline))
    schrijf_tijdlijn(
        casus, TijdlijnEvent.Soort.PLAN, gebruiker,
        _("Actie toegevoegd: %(actie)s") % {"actie": actie.omschrijving},
    )
    return actie


@transaction.atomic
def markeer_actie(actie_id, gebruiker, gereed: bool) -> Actie:
    """Mark an action done or not done. Marking it as it already is changes nothing."""
    casus_id = Actie.objects.filter(pk=actie_id).values_list("plan__casus_id", flat=True).first()
    if casus_id is None:
        raise Weigering(_("Deze actie bestaat niet (meer)."))
    casus = _lock(casus_id)
    _mag_bewerken(gebruiker, casus)
    _in_uitvoering(casus)
    actie = Actie.objects.select_for_update().get(pk=actie_id)
    gereed = bool(gereed)
    if actie.gereed == gereed:
        return actie
    actie.gereed = gereed
    actie.gereed_op = timezone.now() if gereed else None
    actie.save(update_fields=["gereed", "gereed_op"])
    omschrijving = _("Actie gereed: %(actie)s") if gereed else _("Actie weer open: %(actie)s")
    schrijf_tijdlijn(casus, TijdlijnEvent.Soort.PLAN, gebruiker, omschrijving % {"actie": actie.omschrijving})
    return actie


# --- Self-sufficiency and evaluations --------------------------------------------------------


@transaction.atomic
def leg_intake_vast(casus_id, gebruiker, scores: dict) -> list[Zelfredzaamheid]:
    """Record (or correct) the intake scores 1–5 for every leefgebied of the case."""
    casus = _lock(casus_id)
    _mag_bewerken(gebruiker, casus)
    _open(casus)
    schoon = _schoon_scores(casus, scores)
    bestaand = {
        z.leefgebied_id: z for z in Zelfredzaamheid.objects.filter(casus=casus, evaluatie__isnull=True)
    }
    result = []
    for leefgebied_id, score in schoon.items():
        rij = bestaand.get(leefgebied_id)
        if rij is None:
            rij = Zelfredzaamheid.objects.create(casus=casus, leefgebied_id=leefgebied_id, score=score)
        elif rij.score != score:
            rij.score = score
            rij.save(update_fields=["score"])
        result.append(rij)
    omschrijving = (
        _("Zelfredzaamheid bij intake gewijzigd") if bestaand else _("Zelfredzaamheid bij intake vastgelegd")
    )
    schrijf_tijdlijn(casus, TijdlijnEvent.Soort.EVALUATIE, gebruiker, omschrijving)
    return result


@transaction.atomic
def leg_evaluatie_vast(evaluatie_id, gebruiker, uitkomst, toelichting, scores: dict) -> Evaluatie:
    """Record the outcome of an evaluation (doorgaan / aanpassen / afronden) with an explanation
    and a 1–5 score per leefgebied. `aanpassen` during monitoring takes the case back to
    in uitvoering; `afronden` leaves closing the case to the casushouder."""
    casus_id = Evaluatie.objects.filter(pk=evaluatie_id).values_list("casus_id", flat=True).first()
    if casus_id is None:
        raise Weigering(_("Deze evaluatie bestaat niet (meer)."))
    casus = _lock(casus_id)
    _mag_bewerken(gebruiker, casus)
    evaluatie = Evaluatie.objects.select_for_update(of=("self",)).select_related("uitgevoerd_door").get(
        pk=evaluatie_id
    )
    if evaluatie.uitkomst:
        raise Weigering(
            _("Deze evaluatie is al vastgelegd door %(wie)s op %(datum)s. Er is niets veranderd.")
            % {
                "wie": evaluatie.uitgevoerd_door or _("onbekend"),
                "datum": date_format(timezone.localtime(evaluatie.uitgevoerd_op), "j F Y H:i"),
            }
        )
    _in_uitvoering(casus)
    if uitkomst not in Evaluatie.Uitkomst.values:
        raise Weigering(_("Kies doorgaan, aanpassen of afronden."), "uitkomst")
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise Weigering(_("Licht de uitkomst van de evaluatie toe."), "toelichting")
    schoon = _schoon_scores(casus, scores)
    evaluatie.uitkomst = uitkomst
    evaluatie.toelichting = toelichting
    evaluatie.uitgevoerd_op = timezone.now()
    evaluatie.uitgevoerd_door = gebruiker
    evaluatie.save(update_fields=["uitkomst", "toelichting", "uitgevoerd_op", "uitgevoerd_door"])
    from omo.services import handel_af, onderwerp_van

    handel_af(onderwerp_van(evaluatie))
    Zelfredzaamheid.objects.bulk_create(
        [
            Zelfredzaamheid(casus=casus, evaluatie=evaluatie, leefgebied_id=pk, score=score)
            for pk, score in schoon.items()
        ]
    )
    schrijf_tijdlijn(
        casus,
        TijdlijnEvent.Soort.EVALUATIE,
        gebruiker,
        ngettext("Evaluatie na %(maand)s maand: %(uitkomst)s", "Evaluatie na %(maand)s maanden: %(uitkomst)s",
                 evaluatie.maand)
        % {"maand": evaluatie.maand, "uitkomst": evaluatie.get_uitkomst_display()},
        toelichting,
    )
    if uitkomst == Evaluatie.Uitkomst.AANPASSEN and casus.status == Status.MONITORING:
        casus_services.overgang(
            casus.pk, Status.IN_UITVOERING, gebruiker, toelichting, verwacht_van=Status.MONITORING
        )
    return evaluatie


def meld_evaluaties(vandaag: datetime.date | None = None) -> int:
    """Notify the casushouder of every due evaluation without an outcome, of cases in
    uitvoering or monitoring. Idempotent: one notification per evaluation, however often this
    runs. Returns the number of due evaluations."""
    from omo.services import notify, onderwerp_van

    vandaag = vandaag or timezone.localdate()
    due = (
        Evaluatie.objects.filter(
            gepland_op__lte=vandaag, uitkomst="", casus__status__in=UITVOERING
        )
        .select_related("casus__casushouder")
        .order_by("gepland_op", "pk")
    )
    aantal = 0
    for evaluatie in due:
        casus = evaluatie.casus
        tekst = ngettext(
            "%(code)s: evaluatie na %(maand)s maand (gepland op %(datum)s) kan worden vastgelegd.",
            "%(code)s: evaluatie na %(maand)s maanden (gepland op %(datum)s) kan worden vastgelegd.",
            evaluatie.maand,
        ) % {
            "code": casus.code,
            "maand": evaluatie.maand,
            "datum": date_format(evaluatie.gepland_op, "j F Y"),
        }
        link = reverse("evaluatie", args=[casus.pk, evaluatie.pk])
        notify(casus.casushouder, tekst, link, key=f"evaluatie:{evaluatie.pk}", doel=("casussen.bekijk_casus", casus),
               onderwerp=onderwerp_van(evaluatie))
        aantal += 1
    return aantal


# --- Knelpunten ------------------------------------------------------------------------------


def _schoon_knelpunt(velden: dict) -> dict:
    data = {naam: velden.get(naam) for naam in KNELPUNT_VELDEN}
    data["regel"] = _tekst(velden, "regel")
    data["beschrijving"] = _tekst(velden, "beschrijving")
    if data["soort"] not in Knelpunt.Soort.values:
        raise Weigering(_("Kies de soort knelpunt."), "soort")
    if not data["beschrijving"]:
        raise Weigering(_("Beschrijf het knelpunt."), "beschrijving")
    if data["soort"] == Knelpunt.Soort.WET_REGEL and not (
        data["grondslag"] or data["regel"] or data["organisatie"]
    ):
        raise Weigering(
            _("Noem bij een knelpunt in wet of regel de wettelijke grondslag, de regel of de organisatie."),
            "grondslag",
        )
    return data


def _knelpunt_omschrijving(knelpunt: Knelpunt) -> str:
    return f"{knelpunt.get_soort_display()}: {knelpunt.beschrijving[:120]}"


@transaction.atomic
def voeg_knelpunt_toe(casus_id, gebruiker, velden: dict) -> Knelpunt:
    """`velden`: soort, organisatie (or None), grondslag (or None), regel, beschrijving."""
    casus = _lock(casus_id)
    _mag_bewerken(gebruiker, casus)
    _open(casus)
    knelpunt = Knelpunt.objects.create(casus=casus, **_schoon_knelpunt(velden))
    schrijf_tijdlijn(
        casus, TijdlijnEvent.Soort.KNELPUNT, gebruiker,
        _("Knelpunt vastgelegd: %(knelpunt)s") % {"knelpunt": _knelpunt_omschrijving(knelpunt)},
    )
    return knelpunt


def _lock_knelpunt(knelpunt_id, gebruiker) -> tuple[Casus, Knelpunt]:
    casus_id = Knelpunt.objects.filter(pk=knelpunt_id).values_list("casus_id", flat=True).first()
    if casus_id is None:
        raise Weigering(_("Dit knelpunt bestaat niet (meer)."))
    casus = _lock(casus_id)
    _mag_bewerken(gebruiker, casus)
    _open(casus)
    return casus, Knelpunt.objects.select_for_update().get(pk=knelpunt_id)


@transaction.atomic
def wijzig_knelpunt(knelpunt_id, gebruiker, velden: dict) -> Knelpunt:
    casus, knelpunt = _lock_knelpunt(knelpunt_id, gebruiker)
    for naam, waarde in _schoon_knelpunt(velden).items():
        setattr(knelpunt, naam, waarde)
    knelpunt.save()
    schrijf_tijdlijn(
        casus, TijdlijnEvent.Soort.KNELPUNT, gebruiker,
        _("Knelpunt gewijzigd: %(knelpunt)s") % {"knelpunt": _knelpunt_omschrijving(knelpunt)},
    )
    return knelpunt


@transaction.atomic
def verwijder_knelpunt(knelpunt_id, gebruiker) -> None:
    casus, knelpunt = _lock_knelpunt(knelpunt_id, gebruiker)
    omschrijving = _knelpunt_omschrijving(knelpunt)
    knelpunt.delete()
    schrijf_tijdlijn(
        casus, TijdlijnEvent.Soort.KNELPUNT, gebruiker,
        _("Knelpunt verwijderd: %(knelpunt)s") % {"knelpunt": omschrijving},
    )
