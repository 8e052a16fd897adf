"""The weekly OMO-overleg: series, meetings planned ahead, and the agenda (DESIGN §5)."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casussen.models import Canvas, Casus, Scenario, Status, TijdlijnEvent
from casussen.services import casus as casus_services
from escalatie.models import Agendapunt, Overleg, Overlegreeks
from omo.services import handel_af, notify, onderwerp_van
from omo.toegang import vereis
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM, eerste_werkdag_vanaf, reden_vrij

PLAN_WEKEN = 4


def _vereis_omo(user, wat):
    vereis(user, "escalatie.leid_overleg", melding=_("Alleen de OMO-functionaris kan %(wat)s.") % {"wat": wat})


def _lang(d: date) -> str:
    return date_format(d, "l j F Y")


@transaction.atomic
def maak_reeks(user, velden: dict, vaste_deelnemers=(), pk=None) -> Overlegreeks:
    """Create or change a series. Future planned meetings are not moved: they keep their date."""
    _vereis_omo(user, _("een overlegreeks beheren"))
    if pk is None:
        reeks = Overlegreeks.objects.create(**velden)
    else:
        reeks = Overlegreeks.objects.select_for_update().get(pk=pk)
        for k, v in velden.items():
            setattr(reeks, k, v)
        reeks.save()
    reeks.vaste_deelnemers.set(vaste_deelnemers)
    if pk is None and reeks.actief:
        plan_overleggen(reeks_ids=[reeks.pk])
    return reeks


def _geplande_dagen(reeks: Overlegreeks, vandaag: date, weken: int):
    eerste = vandaag + timedelta(days=(reeks.weekdag - vandaag.weekday()) % 7)
    return [eerste + timedelta(weeks=i) for i in range(weken)]


def plan_overleggen(vandaag: date | None = None, weken: int = PLAN_WEKEN, reeks_ids=None) -> int:
    """Create the meetings of every active series for the next `weken` weeks; returns how many
    were created. Idempotent: a meeting is unique per series and planned date, and each one is
    made with get_or_create on that constraint, so two runs at the same time (each with its own
    connection) create every meeting once. A planned day that is not a werkdag moves to the next
    werkdag and `verplaatst_reden` says why."""
    vandaag = vandaag or timezone.localdate()
    reeksen = Overlegreeks.objects.filter(actief=True)
    if reeks_ids is not None:
        reeksen = reeksen.filter(pk__in=reeks_ids)
    gemaakt = 0
    for reeks in reeksen:
        dagen = _geplande_dagen(reeks, vandaag, weken)
        bestaand = set(
            Overleg.objects.filter(reeks=reeks, gepland_op__in=dagen).values_list("gepland_op", flat=True)
        )
        for gepland in dagen:
            if gepland in bestaand:
                continue
            datum = eerste_werkdag_vanaf(gepland)
            reden = ""
            if datum != gepland:
                reden = _("Verplaatst van %(dag)s (%(reden)s)") % {
                    "dag": _lang(gepland), "reden": reden_vrij(gepland)
                }
            _overleg, nieuw = Overleg.objects.get_or_create(
                reeks=reeks, gepland_op=gepland,
                defaults={
                    "datum": datum, "begintijd": reeks.begintijd, "duur_minuten": reeks.duur_minuten,
                    "locatie": reeks.locatie, "voorzitter_id": reeks.voorzitter_id, "verplaatst_reden": reden,
                },
            )
            gemaakt += nieuw
    return gemaakt


def volgende_overleg(overleg: Overleg) -> Overleg:
    """The next planned meeting of the same series after `overleg` (planned first if needed)."""
    def zoek():
        return (
            Overleg.objects.filter(reeks_id=overleg.reeks_id, datum__gt=overleg.datum, status=Overleg.Status.GEPLAND)
            .order_by("datum", "pk")
            .first()
        )

    volgende = zoek()
    if volgende is None:
        plan_overleggen(vandaag=overleg.datum + timedelta(days=1), weken=2, reeks_ids=[overleg.reeks_id])
        volgende = zoek()
    if volgende is None:
        raise Weigering(_("Er is geen volgend overleg in deze reeks gepland (is de reeks nog actief?)."))
    return volgende


def eerstvolgende_overleg(now: datetime | None = None) -> Overleg | None:
    """The first planned meeting whose stukken deadline has not passed."""
    now = now or timezone.now()
    vandaag = timezone.localtime(now, AMSTERDAM).date()
    for overleg in (
        Overleg.objects.filter(status=Overleg.Status.GEPLAND, datum__gte=vandaag)
        .select_related("reeks")
        .order_by("datum", "begintijd", "pk")[:10]
    ):
        if now <= overleg.stukken_deadline:
            return overleg
    return None


def ontbrekend(casus: Casus) -> list[str]:
    """What a case still needs before it can go on the agenda."""
    missing = []
    canvas = Canvas.objects.filter(casus=casus).first()
    if canvas is None or not (canvas.aan_de_hand.strip() or canvas.wil_inwoner.strip()):
        missing.append(_("een ingevuld maatwerkcanvas (ten minste ‘Wat is er aan de hand?’)"))
    if not Scenario.objects.filter(casus=casus).exists():
        missing.append(_("ten minste één oplossingsscenario"))
    return missing


@transaction.atomic
def dien_in(casus_id, user, vraag, overleg_id=None, now=None) -> Agendapunt:
    """Put a case on a meeting with the question for the meeting.

    After the stukken deadline of the chosen meeting the item goes on the next meeting of the
    series, with `aangevraagd_voor` set so the OMO-functionaris can still admit it.
    """
    now = now or timezone.now()
    casus = Casus.objects.select_for_update().get(pk=casus_id)
    vereis(user, "escalatie.agendeer_casus", casus,
           melding=_("Alleen de casushouder, een medebehandelaar of de OMO-functionaris kan deze casus agenderen."))
    vraag = (vraag or "").strip()
    if not vraag:
        raise Weigering(_("Schrijf op welke vraag het overleg moet beantwoorden."), "vraag")
    if casus.status == Status.AANGEMELD:
        raise Weigering(_("Start eerst de voorbereiding: vul het canvas en een scenario in."))
    if casus.status != Status.IN_VOORBEREIDING:
        raise Weigering(
            _("Een casus met status ‘%(status)s’ kan niet op de agenda. Er is niets veranderd.")
            % {"status": casus.get_status_display()}
        )
    missing = ontbrekend(casus)
    if missing:
        raise Weigering(
            _("Deze casus kan nog niet op de agenda. Nog nodig: %(wat)s.") % {"wat": "; ".join(missing)}
        )
    if overleg_id:
        overleg = Overleg.objects.select_related("reeks").filter(pk=overleg_id).first()
        if overleg is None:
            raise Weigering(_("Kies een overleg."), "overleg")
    else:
        overleg = eerstvolgende_overleg(now)
        if overleg is None:
            raise Weigering(_("Er is geen overleg gepland. Vraag de OMO-functionaris een overlegreeks te maken."), "overleg")
    if overleg.status != Overleg.Status.GEPLAND:
        raise Weigering(
            _("Het overleg van %(dag)s is %(status)s: kies een ander overleg.")
            % {"dag": _lang(overleg.datum), "status": overleg.get_status_display().lower()},
            "overleg",
        )
    aangevraagd_voor = None
    if now > overleg.stukken_deadline:
        aangevraagd_voor = overleg
        overleg = volgende_overleg(overleg)
    punt = Agendapunt.objects.create(
        overleg=overleg, casus=casus, vraag=vraag, ingediend_door=user, ingediend_op=now,
        aangevraagd_voor=aangevraagd_voor,
        volgorde=(Agendapunt.objects.filter(overleg=overleg).count() + 1),
    )
    toelichting = _("Op de agenda van het overleg van %(dag)s. Vraag: %(vraag)s") % {
        "dag": _lang(overleg.datum), "vraag": vraag
    }
    if aangevraagd_voor is not None:
        toelichting += " " + _(
            "Ingediend na de deadline voor het overleg van %(dag)s; de OMO-functionaris kan de casus "
            "daar nog toelaten."
        ) % {"dag": _lang(aangevraagd_voor.datum)}
    casus_services.agendeer(casus.pk, user, toelichting)
    link = reverse("overleg_detail", kwargs={"pk": overleg.pk})
    if overleg.voorzitter_id != user.pk:
        tekst = _("%(code)s staat op de agenda van %(dag)s") % {"code": casus.code, "dag": _lang(overleg.datum)}
        if aangevraagd_voor is not None:
            tekst = _("%(code)s is te laat ingediend voor %(dag)s: toelaten?") % {
                "code": casus.code, "dag": _lang(aangevraagd_voor.datum)
            }
        notify(overleg.voorzitter, tekst, link, f"agendapunt-{punt.pk}", doel=("escalatie.bekijk_overleg", overleg),
               onderwerp=onderwerp_van(punt) if aangevraagd_voor is not None else "")
    return punt


@transaction.atomic
def laat_toe(agendapunt_id, user) -> Agendapunt:
    """Admit a late submission to the meeting it was submitted for."""
    _vereis_omo(user, _("een te laat ingediende casus toelaten"))
    punt = Agendapunt.objects.select_for_update().select_related("casus").get(pk=agendapunt_id)
    if punt.aangevraagd_voor_id is None or punt.toegelaten_door_id is not None:
        raise Weigering(_("Dit agendapunt is niet te laat ingediend of is al toegelaten."))
    if punt.status != Agendapunt.Status.INGEDIEND:
        raise Weigering(_("Dit agendapunt is al besproken of ingetrokken."))
    doel = Overleg.objects.select_for_update().get(pk=punt.aangevraagd_voor_id)
    if doel.status != Overleg.Status.GEPLAND:
        raise Weigering(_("Het overleg van %(dag)s is niet meer gepland; het punt blijft staan.") % {"dag": _lang(doel.datum)})
    punt.overleg = doel
    punt.toegelaten_door = user
    punt.volgorde = Agendapunt.objects.filter(overleg=doel).count() + 1
    punt.save(update_fields=["overleg", "toegelaten_door", "volgorde"])
    handel_af(onderwerp_van(punt))
    casus_services.schrijf_tijdlijn(
        punt.casus, TijdlijnEvent.Soort.OVERIG, user,
        _("Toegelaten tot het overleg van %(dag)s") % {"dag": _lang(doel.datum)},
    )
    return punt


@transaction.atomic
def trek_in(agendapunt_id, user, toelichting) -> Agendapunt:
    punt = Agendapunt.objects.select_for_update().select_related("casus").get(pk=agendapunt_id)
    vereis(user, "escalatie.agendeer_casus", punt.casus, melding=_("Je mag dit agendapunt niet intrekken."))
    if punt.status != Agendapunt.Status.INGEDIEND:
        raise Weigering(_("Dit agendapunt is al besproken of ingetrokken."))
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise Weigering(_("Geef aan waarom de casus van de agenda gaat."), "toelichting")
    punt.status = Agendapunt.Status.INGETROKKEN
    punt.save(update_fields=["status"])
    handel_af(onderwerp_van(punt))  # withdrawn: nothing left to admit
    casus_services.overgang(punt.casus_id, Status.IN_VOORBEREIDING, user, toelichting, Status.GEAGENDEERD)
    return punt


@transaction.atomic
def zet_volgorde(overleg_id, user, agendapunt_ids) -> None:
    _vereis_omo(user, _("de volgorde van de agenda bepalen"))
    overleg = Overleg.objects.select_for_update().get(pk=overleg_id)
    if overleg.status in (Overleg.Status.GESLOTEN, Overleg.Status.GEANNULEERD):
        raise Weigering(_("De agenda van een gesloten of geannuleerd overleg ligt vast."))
    punten = {p.pk: p for p in Agendapunt.objects.filter(overleg=overleg, pk__in=agendapunt_ids)}
    for i, pk in enumerate(agendapunt_ids, start=1):
        if pk in punten:
            punten[pk].volgorde = i
    Agendapunt.objects.bulk_update(punten.values(), ["volgorde"])


def verschuif(overleg_id, user, agendapunt_id, richting: int) -> None:
    """Move one item up (-1) or down (+1) on the agenda."""
    ids = list(
        Agendapunt.objects.filter(overleg_id=overleg_id, status=Agendapunt.Status.INGEDIEND)
        .order_by("volgorde", "ingediend_op", "pk")
        .values_list("pk", flat=True)
    )
    if agendapunt_id not in ids:
        raise Weigering(_("Dit punt staat niet (meer) open op deze agenda."))
    i = ids.index(agendapunt_id)
    j = i + richting
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    zet_volgorde(overleg_id, user, ids)


@transaction.atomic
def annuleer(overleg_id, user, reden) -> Overleg:
    """Cancel a planned meeting; its open items move to the next meeting of the series."""
    _vereis_omo(user, _("een overleg annuleren"))
    reden = (reden or "").strip()
    if not reden:
        raise Weigering(_("Geef de reden van het annuleren."), "reden")
    overleg = Overleg.objects.select_for_update().get(pk=overleg_id)
    if overleg.status != Overleg.Status.GEPLAND:
        raise Weigering(_("Alleen een gepland overleg kan worden geannuleerd."))
    overleg.status = Overleg.Status.GEANNULEERD
    overleg.geannuleerd_reden = reden
    overleg.geannuleerd_door = user
    overleg.save(update_fields=["status", "geannuleerd_reden", "geannuleerd_door"])
    punten = list(
        Agendapunt.objects.select_for_update().select_related("casus", "ingediend_door")
        .filter(overleg=overleg, status=Agendapunt.Status.INGEDIEND)
    )
    if punten:
        volgende = volgende_overleg(overleg)
        start = Agendapunt.objects.filter(overleg=volgende).count()
        for i, punt in enumerate(punten, start=1):
            punt.overleg = volgende
            punt.volgorde = start + i
            punt.save(update_fields=["overleg", "volgorde"])
            tekst = _("Het overleg van %(oud)s is geannuleerd; %(code)s staat nu op %(nieuw)s") % {
                "oud": _lang(overleg.datum), "code": punt.casus.code, "nieuw": _lang(volgende.datum)
            }
            casus_services.schrijf_tijdlijn(punt.casus, TijdlijnEvent.Soort.OVERIG, user, tekst, reden)
            notify(punt.ingediend_door, tekst, reverse("overleg_detail", kwargs={"pk": volgende.pk}),
                   f"overleg-{overleg.pk}-geannuleerd-{punt.pk}", doel=("escalatie.zie_overleggen", None))
    return overleg


def bij_vervallen(casus, user, reden) -> None:
    """A case declared vervallen (casussen.services.casus.verklaar_vervallen, in its
    transaction): its agenda items not yet discussed are withdrawn, so no meeting discusses it.
    An escalation still waiting for a decision must be decided or laid back first: it is a
    question put to a wethouder or the College, not something OMO withdraws on its own."""
    from escalatie.models import Escalatie

    open_escalatie = Escalatie.objects.filter(casus_id=casus.pk, beslissing="").first()
    if open_escalatie is not None:
        raise Weigering(_(
            "Deze casus heeft een escalatie naar %(niveau)s die nog op een besluit wacht. Laat die eerst "
            "beslissen of terugleggen; daarna kan de casus vervallen."
        ) % {"niveau": open_escalatie.get_naar_niveau_display()})
    for punt in Agendapunt.objects.select_for_update().filter(casus_id=casus.pk, status=Agendapunt.Status.INGEDIEND):
        punt.status = Agendapunt.Status.INGETROKKEN
        punt.save(update_fields=["status"])
        casus_services.schrijf_tijdlijn(
            casus, TijdlijnEvent.Soort.OVERIG, user,
            _("Van de agenda van %(dag)s gehaald: casus vervallen") % {"dag": _lang(punt.overleg.datum)}, reden)
