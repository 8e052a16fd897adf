"""The quarterly report and reports over any period (DESIGN §9): the concept with its frozen
figures, the narrative sections with autosave, finalising, the PDFs and corrections.

Every function that changes a report locks its row first. A definitief report is refused here
with a Dutch message before the database trigger (`rapport_definitief_onveranderlijk`) would
refuse it with an error.

Decisions:
- The figures are frozen when a report is made: `cijfers(van, tot)` plus the patronen as they
  stand at the end of the period. `ververs_cijfers` re-freezes them for a concept (late
  registrations); a new version (correction) freezes them anew too, so a correction shows the
  data as they are at the moment of the correction; the old version keeps its own figures and
  its PDFs.
- A report over a period may not end after today: its figures are frozen now, so a period that
  has not ended yet would be reported as if it had.
- A section's `basis` is the sha256 of the text the editor started from (line endings as
  `\\n`). Saving over a text that changed in between is refused, so nobody silently overwrites
  someone else's words.
"""

import hashlib
import logging
from datetime import date, datetime, time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omo.services import handel_af, notify, onderwerp_van
from omo.toegang import vereis, wie_mag
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM, eerste_werkdag_vanaf
from rapportage.models import SECTIES, Rapport, RapportBestand
from rapportage.perioden import kwartaal, vorig_kwartaal

logger = logging.getLogger(__name__)

SECTIE_NAMEN = dict(SECTIES)
# The hour (Europe/Amsterdam) from which the first werkdag of a quarter brings the concept.
KWARTAAL_UUR = 6
VARIANTEN = (RapportBestand.Variant.VOLLEDIG, RapportBestand.Variant.PUBLIEK)


# --- Periods -----------------------------------------------------------------------------------


def kwartaal_titel(van: date) -> str:
    return _("Kwartaalrapportage Q%(q)s %(jaar)s") % {"q": (van.month - 1) // 3 + 1, "jaar": van.year}


def periode_tekst(van: date, tot: date) -> str:
    return _("%(van)s t/m %(tot)s") % {"van": date_format(van, "j F Y"), "tot": date_format(tot, "j F Y")}


def moment_kwartaalconcept(dag: date) -> datetime:
    """When the concept of the quarter before `dag`'s quarter is due: 06:00 (Amsterdam) on the
    first werkdag of `dag`'s quarter (a feestdag, weekend or sluitingsdag moves it on)."""
    van, _tot = kwartaal(dag)
    return datetime.combine(eerste_werkdag_vanaf(van), time(KWARTAAL_UUR), tzinfo=AMSTERDAM)


# --- Figures -----------------------------------------------------------------------------------


def bevroren_cijfers(van: date, tot: date) -> dict:
    """The figures a report freezes: the dashboard figures of the period with the comparison to
    earlier periods, the patronen as they stood at its end, and the weergave (what is shown,
    `rapportage.weergave`) made by today's registry, from which the report is rendered ever
    after. Only aggregates and texts of beleid; no personal data."""
    from rapportage import weergave
    from rapportage.queries.cijfers import cijfers, momentopname
    from rapportage.queries.patronen import voor_rapport
    from rapportage.queries.vergelijking import vergelijking

    with momentopname():  # every figure of the report from the same moment
        c = cijfers(van, tot)
        c["vergelijking"] = vergelijking(van, tot, c)
        c["patronen"] = voor_rapport(tot)
    c["weergave"] = weergave.maak(c)
    return c


def weergave_van(rapport: Rapport) -> dict:
    """The stored weergave of a report. A report without one (frozen before the registry, not
    yet converted) is given one from its own figures."""
    from rapportage import weergave

    c = rapport.cijfers or {}
    if c.get("weergave"):
        return c["weergave"]
    return weergave.maak(c) if c.get("casussen") else {"figuren": [], "geheim": []}


def _sha(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def normaliseer(tekst) -> str:
    return (tekst or "").replace("\r\n", "\n").replace("\r", "\n")


def basis_van(tekst: str) -> str:
    """The `basis` of a section text: what the editor sends back with its next save."""
    return _sha(normaliseer(tekst))


# --- Users -------------------------------------------------------------------------------------


def _vereis(user, perm: str, obj=None, melding=None):
    vereis(user, perm, obj, melding=melding or _("Dit mag alleen de OMO-functionaris."))


def _lock(rapport) -> Rapport:
    pk = rapport.pk if isinstance(rapport, Rapport) else rapport
    return Rapport.objects.select_for_update().get(pk=pk)


def _vereis_concept(rapport: Rapport):
    if rapport.is_definitief:
        raise Weigering(_("Een definitieve rapportage kan niet meer worden gewijzigd; maak een nieuwe versie."))


# --- Creating ----------------------------------------------------------------------------------


def _voeg_toe(rapport: Rapport) -> bool:
    """Insert `rapport` in a savepoint; False when its period (and version) is already there."""
    try:
        with transaction.atomic():
            rapport.save(force_insert=True)
    except IntegrityError:
        return False
    return True


def maak_kwartaalconcept(vandaag: date | None = None) -> Rapport | None:
    """Create the concept of the quarter before `vandaag`'s quarter, once.

    Returns the new concept, or None when that quarter already has a report (in any version or
    status): also when another run inserted it at the same moment (the unique constraints decide,
    the loser treats its violation as "already there"). The OMO-functionarissen are notified.
    """
    vandaag = vandaag or timezone.localdate()
    van, tot = vorig_kwartaal(vandaag)
    bestaat = Rapport.objects.filter(soort=Rapport.Soort.KWARTAAL, van=van, tot=tot)
    if bestaat.exists():
        return None
    c = bevroren_cijfers(van, tot)
    with transaction.atomic():
        rapport = Rapport(
            soort=Rapport.Soort.KWARTAAL, titel=kwartaal_titel(van), van=van, tot=tot,
            cijfers=c, cijfers_op=timezone.now(),
        )
        if not _voeg_toe(rapport):
            return None
        link = reverse("rapport_detail", kwargs={"pk": rapport.pk})
        for user in wie_mag("rapportage.bewerk_rapport", rapport):
            notify(
                user,
                _("Het concept van de %(titel)s staat klaar:") % {"titel": rapport.titel},
                link, f"rapport-concept-{rapport.pk}", doel=("rapportage.bekijk_rapport", rapport),
                onderwerp=onderwerp_van(rapport), vraag=_("schrijf de bevindingen en maak het definitief."),
            )
    logger.info("Concept %s gemaakt", rapport)
    return rapport


def kwartaalconcept_als_het_tijd_is(nu: datetime | None = None) -> Rapport | None:
    """What the daily 06:00 task does: from 06:00 on the first werkdag of a quarter on, make the
    concept of the previous quarter (once). A worker that was down catches up on its next run."""
    nu = timezone.localtime(nu or timezone.now(), AMSTERDAM)
    if nu < moment_kwartaalconcept(nu.date()):
        return None
    return maak_kwartaalconcept(nu.date())


def maak_rapport(user, van: date, tot: date, titel: str = "") -> Rapport:
    """A report over any period (the pilot's end report), with its figures frozen now."""
    _vereis(user, "rapportage.maak_rapport")
    if van is None:
        raise Weigering(_("Vul de eerste dag van de periode in."), "van")
    if tot is None:
        raise Weigering(_("Vul de laatste dag van de periode in."), "tot")
    if tot < van:
        raise Weigering(_("De periode eindigt vóór ze begint: kies een einddatum op of na de begindatum."), "tot")
    if tot > timezone.localdate():
        raise Weigering(
            _("De periode mag niet na vandaag eindigen: de cijfers worden nu vastgelegd."), "tot"
        )
    titel = (titel or "").strip() or _("Rapportage %(periode)s") % {"periode": periode_tekst(van, tot)}
    bestaand = Rapport.objects.filter(soort=Rapport.Soort.PERIODE, van=van, tot=tot).order_by("-versie").first()
    if bestaand is not None:
        raise Weigering(_bestaat_al(bestaand))
    with transaction.atomic():
        rapport = Rapport(
            soort=Rapport.Soort.PERIODE, titel=titel[:160], van=van, tot=tot, cijfers=bevroren_cijfers(van, tot),
            cijfers_op=timezone.now(), aangemaakt_door=user, gewijzigd_door=user,
        )
        if not _voeg_toe(rapport):
            bestaand = Rapport.objects.filter(soort=Rapport.Soort.PERIODE, van=van, tot=tot).order_by("-versie").first()
            raise Weigering(_bestaat_al(bestaand))
    return rapport


def _bestaat_al(bestaand) -> str:
    if bestaand is None or not bestaand.is_definitief:
        return _("Er is al een concept over deze periode; werk dat bij in plaats van een tweede te maken.")
    return _("Er is al een definitieve rapportage over deze periode (%(titel)s); maak daar een nieuwe versie van.") % {
        "titel": bestaand.titel}


# --- Writing -----------------------------------------------------------------------------------


@transaction.atomic
def bewaar_sectie(user, rapport, sectie: str, tekst: str, basis: str) -> str:
    """Save one narrative section (autosave). Returns the new basis.

    Refused, with nothing changed, when the report is definitief, when `sectie` is not one of
    SECTIES, or when the stored text is no longer the text the editor started from (`basis`).
    """
    if sectie not in SECTIE_NAMEN:
        raise Weigering(_("Deze rapportage heeft geen onderdeel met die naam."))
    rapport = _lock(rapport)
    _vereis_concept(rapport)
    _vereis(user, "rapportage.bewerk_rapport", rapport)
    tekst = normaliseer(tekst)
    huidig = normaliseer(getattr(rapport, sectie))
    if tekst == huidig:
        return _sha(huidig)
    if basis != _sha(huidig):
        door = rapport.gewijzigd_door
        raise Weigering(
            _("Niet opgeslagen: %(sectie)s is intussen door %(wie)s gewijzigd (om %(tijd)s). Je tekst staat er nog; "
              "kopieer hem en laad de pagina opnieuw om de nieuwe versie te zien.")
            % {"sectie": SECTIE_NAMEN[sectie], "wie": (door.get_full_name() or door.username) if door else _("iemand anders"),
               "tijd": date_format(timezone.localtime(rapport.gewijzigd_op), "H:i")},
            sectie,
        )
    setattr(rapport, sectie, tekst)
    rapport.gewijzigd_door = user
    rapport.save(update_fields=[sectie, "gewijzigd_door", "gewijzigd_op"])
    return _sha(tekst)


@transaction.atomic
def ververs_cijfers(user, rapport) -> Rapport:
    """Freeze the figures of a concept again (registrations made after it was created)."""
    rapport = _lock(rapport)
    _vereis_concept(rapport)
    _vereis(user, "rapportage.bewerk_rapport", rapport)
    rapport.cijfers = bevroren_cijfers(rapport.van, rapport.tot)
    rapport.cijfers_op = timezone.now()
    rapport.gewijzigd_door = user
    rapport.save(update_fields=["cijfers", "cijfers_op", "gewijzigd_door", "gewijzigd_op"])
    return rapport


def lege_secties(rapport: Rapport) -> list[str]:
    return [str(naam) for code, naam in SECTIES if not (getattr(rapport, code) or "").strip()]


@transaction.atomic
def maak_definitief(user, rapport) -> Rapport:
    """Finalise a concept: every section written; then the PDFs are rendered by a task."""
    rapport = _lock(rapport)
    if rapport.is_definitief:
        raise Weigering(_("Deze rapportage is al definitief."))
    _vereis(user, "rapportage.bewerk_rapport", rapport)
    leeg = lege_secties(rapport)
    if leeg:
        raise Weigering(
            _("Nog niet definitief: vul eerst %(secties)s in.")
            % {"secties": _opsomming([s.lower() for s in leeg])}
        )
    rapport.status = Rapport.Status.DEFINITIEF
    rapport.definitief_op = timezone.now()
    rapport.definitief_door = user
    rapport.gewijzigd_door = user
    rapport.save(update_fields=["status", "definitief_op", "definitief_door", "gewijzigd_door", "gewijzigd_op"])
    handel_af(onderwerp_van(rapport))
    from rapportage.tasks import rapport_renderen

    rapport_renderen.delay_on_commit(rapport.pk)
    return rapport


def _opsomming(woorden: list[str]) -> str:
    if len(woorden) == 1:
        return woorden[0]
    return _("%(a)s en %(b)s") % {"a": ", ".join(woorden[:-1]), "b": woorden[-1]}


@transaction.atomic
def nieuwe_versie(user, rapport) -> Rapport:
    """A correction of a definitief report: a concept with the next version number, the same
    period and title, the sections copied and the figures frozen anew. The old version stays
    (and stays downloadable)."""
    oud = _lock(rapport)
    if not oud.is_definitief:
        raise Weigering(_("Alleen van een definitieve rapportage maak je een nieuwe versie; dit concept kun je zelf nog wijzigen."))
    _vereis(user, "rapportage.corrigeer_rapport", oud)
    volgende = Rapport.objects.filter(vorige=oud).first()
    if volgende is not None:
        raise Weigering(
            _("Van deze versie is al een nieuwe versie gemaakt (versie %(v)s); werk die bij.") % {"v": volgende.versie}
        )
    nieuw = Rapport(
        soort=oud.soort, titel=oud.titel, van=oud.van, tot=oud.tot, versie=oud.versie + 1, vorige=oud,
        cijfers=bevroren_cijfers(oud.van, oud.tot), cijfers_op=timezone.now(),
        aangemaakt_door=user, gewijzigd_door=user,
        **{code: getattr(oud, code) for code, _naam in SECTIES},
    )
    if not _voeg_toe(nieuw):
        raise Weigering(_("Er is al een nieuwe versie of een concept over deze periode."))
    return nieuw


# --- PDF ---------------------------------------------------------------------------------------


def pdf_context(rapport: Rapport, publiek: bool) -> dict:
    from rapportage import weergave

    c = rapport.cijfers or {}
    return {
        "rapport": rapport,
        "blokken": weergave.blokken(weergave_van(rapport), publiek),
        "publiek": publiek,
        "pdf": True,
        "links": False,
        "gemeente": settings.OMO_GEMEENTE,
        "periode": periode_tekst(rapport.van, rapport.tot),
        "secties": [{"code": code, "naam": naam, "tekst": getattr(rapport, code)} for code, naam in SECTIES],
        "patronen": c.get("patronen") or [],
        "signalen": c.get("signalen") or [],
        "datum": timezone.localtime(rapport.definitief_op or timezone.now()),
    }


def render_pdf(rapport: Rapport, publiek: bool) -> tuple[bytes, int]:
    """The PDF (PDF/A + PDF/UA, see `omo.pdf`) of `rapport` (publieksversie when `publiek`) and its
    number of pages."""
    from omo.pdf import schrijf_pdf_met_paginas  # WeasyPrint loads only where PDFs are made

    html = render_to_string("rapportage/pdf/rapport.html", pdf_context(rapport, publiek))
    return schrijf_pdf_met_paginas(html)


def bestandsnaam(rapport: Rapport, variant: str) -> str:
    """A filename without personal data: kind, period, version, variant."""
    soort = "kwartaalrapportage" if rapport.soort == Rapport.Soort.KWARTAAL else "rapportage"
    if rapport.soort == Rapport.Soort.KWARTAAL:
        periode = f"{rapport.van.year}-q{(rapport.van.month - 1) // 3 + 1}"
    else:
        periode = f"{rapport.van:%Y-%m-%d}-tot-{rapport.tot:%Y-%m-%d}"
    deel = "-publiek" if variant == RapportBestand.Variant.PUBLIEK else ""
    return f"omo-{soort}-{periode}-v{rapport.versie}{deel}.pdf"


def render_pdfs(rapport_id: int) -> list[int]:
    """Render and store the two PDFs of a definitief report, then notify College and beleid.

    Idempotent: the report row is locked while rendering, so a retried task or a second worker
    finds the stored files and renders nothing again; the notifications are keyed per report.
    """
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().get(pk=rapport_id)
        if not rapport.is_definitief:
            raise Weigering(_("Alleen van een definitieve rapportage wordt een PDF gemaakt."))
        bestaand = {b.variant: b for b in RapportBestand.objects.filter(rapport=rapport)}
        for variant in VARIANTEN:
            if variant in bestaand:
                continue
            pdf, paginas = render_pdf(rapport, publiek=variant == RapportBestand.Variant.PUBLIEK)
            bestand = RapportBestand(
                rapport=rapport, variant=variant, sha256=hashlib.sha256(pdf).hexdigest(), grootte=len(pdf),
                paginas=paginas,
            )
            bestand.bestand.save(bestandsnaam(rapport, variant), ContentFile(pdf), save=False)
            bestand.save(force_insert=True)
            bestaand[variant] = bestand
        link = reverse("rapport_detail", kwargs={"pk": rapport.pk})
        if rapport.versie > 1:
            tekst = _("Versie %(v)s van de %(titel)s is definitief en staat klaar in OMO.") % {
                "v": rapport.versie, "titel": rapport.titel}
        else:
            tekst = _("De %(titel)s is definitief en staat klaar in OMO.") % {"titel": rapport.titel}
        for user in wie_mag("rapportage.ontvang_rapport", rapport):
            notify(user, tekst, link, f"rapport-definitief-{rapport.pk}", doel=("rapportage.bekijk_rapport", rapport))
    return [bestaand[v].pk for v in VARIANTEN]
