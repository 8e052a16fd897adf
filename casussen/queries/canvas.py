"""Reads for the canvas pages: the canvas of a case, per section, with the reader's concepts."""

from dataclasses import dataclass, field

from casussen.forms.canvas import SECTIES, Sectie
from casussen.models import Canvas, CanvasConcept, Casus


@dataclass
class SectieWeergave:
    sectie: Sectie
    velden: list = field(default_factory=list)  # (label, text) pairs
    concept: CanvasConcept | None = None

    @property
    def leeg(self) -> bool:
        return not any(waarde for _label, waarde in self.velden)


def canvas_van(casus: Casus) -> Canvas | None:
    return Canvas.objects.filter(casus=casus).select_related("gewijzigd_door").first()


def sectie_waarden(canvas: Canvas | None, sectie: Sectie) -> dict:
    return {
        veld: (getattr(canvas, veld) if canvas is not None else "") or "" for veld in sectie.velden
    }


def is_openstaand(concept: CanvasConcept | None, canvas: Canvas | None, sectie: Sectie) -> bool:
    """A concept that holds something else than the saved section: text not saved yet.

    Saving a section deletes the saver's concept of it, so an existing concept is newer than that
    user's last save of the section. A later save by someone else, or of another section, does
    not hide it: that text was never saved.
    """
    if concept is None:
        return False
    bewaard = sectie_waarden(canvas, sectie)
    return any((concept.data.get(veld) or "") != bewaard[veld] for veld in sectie.velden)


def concepten_van(casus: Casus, gebruiker) -> dict[str, CanvasConcept]:
    return {c.sectie: c for c in CanvasConcept.objects.filter(casus=casus, gebruiker=gebruiker)}


def concept_van(casus: Casus, sectie: Sectie, gebruiker) -> CanvasConcept | None:
    return CanvasConcept.objects.filter(
        casus=casus, sectie=sectie.slug, gebruiker=gebruiker
    ).first()


def _weergave(canvas: Canvas | None, sectie: Sectie) -> list:
    velden = []
    for veld in sectie.velden:
        label = Canvas._meta.get_field(veld).verbose_name
        if canvas is None:
            waarde = ""
        elif veld == "huishouden_betrokken":
            waarde = (
                canvas.get_huishouden_betrokken_display() if canvas.huishouden_betrokken else ""
            )
        else:
            waarde = getattr(canvas, veld) or ""
        velden.append((label, waarde))
    return velden


def sectie_weergave(canvas, sectie: Sectie, concept=None) -> SectieWeergave:
    return SectieWeergave(
        sectie=sectie,
        velden=_weergave(canvas, sectie),
        concept=concept if is_openstaand(concept, canvas, sectie) else None,
    )


def secties_weergave(canvas, concepten: dict) -> list[SectieWeergave]:
    return [sectie_weergave(canvas, s, concepten.get(s.slug)) for s in SECTIES.values()]
