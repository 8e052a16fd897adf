"""Patronen: a structural problem taken up by beleid, moved through its phases
(vaststellen → diagnose → oplossingen → besluit → ingevoerd), with the knelpunten it is about.

Rules decided here:
- the owner is an active user with the role beleid;
- a phase move is one step forward or back, and names the phase the user saw: when the pattern
  has moved since (a stale or double submit), the move is refused and nothing changes, so a
  double click never skips a phase;
- "ingevoerd" needs the decision text, and an ingevoerd pattern keeps it (it cannot be emptied).
Every change is recorded by the pghistory triggers of `Patroon` (the phase history)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casussen.models import Knelpunt
from omo.models import User
from omo.toegang import mag, vereis
from omo.weigering import Weigering
from rapportage.models import Knelpuntgroep, Patroon

F = Patroon.Fase
FASEN = list(F.values)
VOORUIT = "vooruit"
TERUG = "terug"


def _mag_beheren(user, patroon=None):
    vereis(user, "rapportage.beheer_patronen", patroon, melding=_("Je mag patronen niet aanmaken of wijzigen."))


def _lock(patroon_id) -> Patroon:
    patroon = Patroon.objects.select_for_update().filter(pk=getattr(patroon_id, "pk", patroon_id)).first()
    if patroon is None:
        raise Weigering(_("Dit patroon bestaat niet (meer)."))
    return patroon


def _tekst(data, naam) -> str:
    return (data.get(naam) or "").strip()


def _schoon(data: dict) -> dict:
    titel = _tekst(data, "titel")
    beschrijving = _tekst(data, "beschrijving")
    if not titel:
        raise Weigering(_("Geef het patroon een titel."), "titel")
    if len(titel) > 160:
        raise Weigering(_("De titel is te lang (hoogstens 160 tekens)."), "titel")
    if not beschrijving:
        raise Weigering(_("Beschrijf het patroon."), "beschrijving")
    eigenaar = data.get("eigenaar")
    eigenaar_id = getattr(eigenaar, "pk", eigenaar)
    eigenaar = User.objects.filter(pk=eigenaar_id, is_active=True).first() if eigenaar_id else None
    if eigenaar is None or not mag(eigenaar, "rapportage.bezit_patronen"):
        raise Weigering(_("Kies als eigenaar een actieve beleidsmedewerker."), "eigenaar")
    return {"titel": titel, "beschrijving": beschrijving, "eigenaar_id": eigenaar_id, "besluit": _tekst(data, "besluit")}


@transaction.atomic
def maak(user, data: dict, groep=None) -> Patroon:
    """A new pattern in phase vaststellen. With `groep`: every knelpunt of that group is linked."""
    _mag_beheren(user)
    velden = _schoon(data)
    patroon = Patroon.objects.create(
        **velden, fase=F.VASTSTELLEN, fase_sinds=timezone.now(), aangemaakt_door=user
    )
    if groep is not None:
        patroon.knelpunten.add(*Knelpunt.objects.filter(indeling__groep_id=getattr(groep, "pk", groep)))
    return patroon


@transaction.atomic
def wijzig(user, patroon_id, data: dict) -> Patroon:
    patroon = _lock(patroon_id)
    _mag_beheren(user, patroon)
    velden = _schoon(data)
    if patroon.fase == F.INGEVOERD and not velden["besluit"]:
        raise Weigering(_("Een ingevoerd patroon houdt zijn besluit: vul het besluit in."), "besluit")
    for naam, waarde in velden.items():
        setattr(patroon, naam, waarde)
    patroon.save()
    return patroon


@transaction.atomic
def verplaats(user, patroon_id, richting: str, huidige_fase: str) -> Patroon:
    """Move the pattern one phase `richting` (vooruit/terug). `huidige_fase` is the phase the
    user saw; when it differs from the stored phase the move is refused."""
    patroon = _lock(patroon_id)
    _mag_beheren(user, patroon)
    if huidige_fase != patroon.fase:
        raise Weigering(
            _("Dit patroon staat intussen in de fase %(fase)s; er is niets veranderd. Bekijk de stand en probeer opnieuw.")
            % {"fase": patroon.get_fase_display().lower()}
        )
    index = FASEN.index(patroon.fase)
    if richting == VOORUIT:
        if index == len(FASEN) - 1:
            raise Weigering(_("Dit patroon is al ingevoerd: er is geen volgende fase."))
        nieuw = FASEN[index + 1]
    elif richting == TERUG:
        if index == 0:
            raise Weigering(_("Dit patroon staat in de eerste fase: er is geen vorige fase."))
        nieuw = FASEN[index - 1]
    else:
        raise Weigering(_("Kies vooruit of terug."))
    if nieuw == F.INGEVOERD and not patroon.besluit.strip():
        raise Weigering(_("Leg eerst het besluit vast voordat het patroon ingevoerd is."), "besluit")
    patroon.fase = nieuw
    patroon.fase_sinds = timezone.now()
    patroon.save(update_fields=["fase", "fase_sinds", "gewijzigd_op"])
    return patroon


@transaction.atomic
def koppel_groep(user, patroon_id, groep_id) -> int:
    """Link every knelpunt of the group to the pattern. Returns the number newly linked."""
    patroon = _lock(patroon_id)
    _mag_beheren(user, patroon)
    groep = Knelpuntgroep.objects.filter(pk=getattr(groep_id, "pk", groep_id)).first()
    if groep is None:
        raise Weigering(_("Deze groep bestaat niet (meer)."), "groep")
    alle = set(Knelpunt.objects.filter(indeling__groep=groep).values_list("pk", flat=True))
    al = set(patroon.knelpunten.filter(pk__in=alle).values_list("pk", flat=True))
    nieuw = alle - al
    if not nieuw:
        raise Weigering(_("Alle knelpunten van deze groep horen al bij dit patroon."), "groep")
    patroon.knelpunten.add(*nieuw)
    patroon.save(update_fields=["gewijzigd_op"])
    return len(nieuw)


@transaction.atomic
def ontkoppel_knelpunt(user, patroon_id, knelpunt_id) -> None:
    patroon = _lock(patroon_id)
    _mag_beheren(user, patroon)
    if not patroon.knelpunten.filter(pk=knelpunt_id).exists():
        raise Weigering(_("Dit knelpunt hoort niet (meer) bij dit patroon."), "knelpunt")
    patroon.knelpunten.remove(knelpunt_id)
    patroon.save(update_fields=["gewijzigd_op"])


@transaction.atomic
def ontkoppel_groep(user, patroon_id, groep_id) -> int:
    """Remove every knelpunt of the group from the pattern (how beleid, who sees groups and not
    single knelpunten, takes a group out). Returns the number removed."""
    patroon = _lock(patroon_id)
    _mag_beheren(user, patroon)
    ids = list(patroon.knelpunten.filter(indeling__groep_id=groep_id).values_list("pk", flat=True))
    if not ids:
        raise Weigering(_("Deze groep hoort niet (meer) bij dit patroon."), "groep")
    patroon.knelpunten.remove(*ids)
    patroon.save(update_fields=["gewijzigd_op"])
    return len(ids)
