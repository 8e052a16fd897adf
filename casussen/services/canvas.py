"""Saving the maatwerk canvas section by section, and the server-side concepts typed meanwhile.

A concept (`CanvasConcept`) is the text of one section as one user is typing it: it is kept on
the server, never in the browser, and overwritten by every autosave. Saving a section writes
the canvas, deletes that user's concept of the section and writes a timeline event whose
description names the section; that event is also how a save notices that someone else saved
the same section after the form was loaded (`gezien_op`).
"""

from datetime import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from casussen.forms.canvas import SECTIES, Sectie
from casussen.models import Canvas, CanvasConcept, Casus, Status, TijdlijnEvent
from casussen.queries.canvas import sectie_waarden
from casussen.services import casus as casus_services
from omo.tekst import controleer
from omo.toegang import vereis
from omo.weigering import Weigering


class Conflict(Weigering):
    """Someone else saved the same section after the form was loaded; nothing was written."""

    def __init__(self, message, canvas, door, op):
        super().__init__(message)
        self.canvas = canvas
        self.door = door
        self.op = op


def omschrijving(sectie: Sectie) -> str:
    return _("Canvas bijgewerkt: %(sectie)s") % {"sectie": sectie.titel}


def _sectie(slug: str) -> Sectie:
    sectie = SECTIES.get(slug)
    if sectie is None:
        raise Weigering(_("Deze sectie van het canvas bestaat niet."))
    return sectie


def _controleer(casus: Casus, gebruiker):
    vereis(gebruiker, "casussen.bewerk_casus", casus, melding=_("Alleen de casushouder of een medebehandelaar kan het canvas bewerken."))
    if not casus.is_open:
        raise Weigering(_("Deze casus is afgesloten; het canvas kan niet meer worden gewijzigd."))


def _concept_data(sectie: Sectie, data) -> dict:
    waarden = {}
    for veld in sectie.velden:
        waarde = data.get(veld, "") if hasattr(data, "get") else ""
        waarden[veld] = str(waarde or "")
    return waarden


@transaction.atomic
def bewaar_concept(casus_id, sectie, gebruiker, data) -> datetime:
    """Store what `gebruiker` typed in one section as their concept (no validation).

    Returns the time it was stored. The form's `gezien_op` is kept with it, so a form reopened
    from the concept still notices a save by someone else since the form was first loaded. A
    concept equal to the saved canvas is removed instead: it holds nothing that could be lost
    (an autosave that arrives just after a save).
    """
    sectie = _sectie(sectie)
    casus = Casus.objects.prefetch_related("medebehandelaars").get(pk=casus_id)
    _controleer(casus, gebruiker)
    waarden = _concept_data(sectie, data)
    try:
        controleer(Canvas, **waarden)
    except Weigering as fout:
        # Never stored, not even as a concept; the text stays on the page.
        raise Weigering(_("Niet tussentijds opgeslagen. %(melding)s") % {"melding": fout.message}, fout.field) from None
    nu = timezone.now()
    canvas = Canvas.objects.filter(casus_id=casus_id).first()
    if waarden == sectie_waarden(canvas, sectie):
        CanvasConcept.objects.filter(
            casus_id=casus_id, sectie=sectie.slug, gebruiker=gebruiker
        ).delete()
        return nu
    gezien_op = data.get("gezien_op") if hasattr(data, "get") else None
    if gezien_op:
        waarden["gezien_op"] = str(gezien_op)
    CanvasConcept.objects.bulk_create(
        [
            CanvasConcept(
                casus_id=casus_id,
                sectie=sectie.slug,
                gebruiker=gebruiker,
                data=waarden,
                opgeslagen_op=nu,
            )
        ],
        update_conflicts=True,
        unique_fields=["casus", "sectie", "gebruiker"],
        update_fields=["data", "opgeslagen_op"],
    )
    return nu


@transaction.atomic
def verwerp_concept(casus_id, sectie, gebruiker) -> int:
    """Delete the concept of `gebruiker` for one section; returns how many were deleted."""
    sectie = _sectie(sectie)
    casus = Casus.objects.prefetch_related("medebehandelaars").get(pk=casus_id)
    _controleer(casus, gebruiker)
    deleted, _rows = CanvasConcept.objects.filter(
        casus_id=casus_id, sectie=sectie.slug, gebruiker=gebruiker
    ).delete()
    return deleted


@transaction.atomic
def sla_sectie_op(casus_id, sectie, gebruiker, cleaned_data, gezien_op=None) -> Canvas:
    """Write one section of the canvas.

    `gezien_op` is the canvas's `gewijzigd_op` as the form was loaded. When someone else saved
    the same section after that moment, nothing is written and `Conflict` (a Weigering) is
    raised, carrying the current canvas so the page can show both versions.
    A case that is still `aangemeld` moves to `in_voorbereiding`.
    """
    sectie = _sectie(sectie)
    casus = Casus.objects.select_for_update().get(pk=casus_id)
    _controleer(casus, gebruiker)
    canvas = Canvas.objects.select_for_update().filter(casus=casus).first()

    if gezien_op is not None and canvas is not None and canvas.gewijzigd_op > gezien_op:
        ander = (
            TijdlijnEvent.objects.filter(
                casus=casus,
                soort=TijdlijnEvent.Soort.CANVAS,
                omschrijving=omschrijving(sectie)[:300],
                tijdstip__gt=gezien_op,
            )
            .exclude(gebruiker=gebruiker)
            .select_related("gebruiker")
            .order_by("-tijdstip")
            .first()
        )
        if ander is not None:
            raise Conflict(
                _(
                    "%(naam)s heeft deze sectie om %(tijd)s opgeslagen, nadat jij het formulier opende. "
                    "Jouw tekst is nog niet opgeslagen en staat hieronder; de versie van %(naam)s "
                    "staat ernaast. Voeg ze samen en klik opnieuw op Opslaan."
                )
                % {
                    "naam": ander.gebruiker or _("Iemand anders"),
                    "tijd": formats.time_format(timezone.localtime(ander.tijdstip), "H:i"),
                },
                canvas=canvas,
                door=ander.gebruiker,
                op=ander.tijdstip,
            )

    # The event is written before the canvas, so its time precedes the canvas's `gewijzigd_op`
    # that the next form will carry as `gezien_op`.
    casus_services.schrijf_tijdlijn(
        casus, TijdlijnEvent.Soort.CANVAS, gebruiker, omschrijving(sectie)
    )
    if canvas is None:
        canvas = Canvas(casus=casus)
    for veld in sectie.velden:
        setattr(canvas, veld, cleaned_data.get(veld) or "")
    canvas.gewijzigd_door = gebruiker
    canvas.save()
    CanvasConcept.objects.filter(casus=casus, sectie=sectie.slug, gebruiker=gebruiker).delete()
    casus_services.werk_zoekvector_bij(casus.pk)
    if casus.status == Status.AANGEMELD:
        casus_services.overgang(
            casus.pk,
            Status.IN_VOORBEREIDING,
            gebruiker,
            _("Het canvas is begonnen."),
            verwacht_van=Status.AANGEMELD,
        )
    return canvas
