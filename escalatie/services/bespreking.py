"""Meeting mode: the outcome per agenda item, closing the meeting, the verslag and addenda
(DESIGN §3 step 4, §5). Every outcome moves the case through `casussen.services.casus`."""

import hashlib
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from casussen.models import Besluit, Scenario, Status, TijdlijnEvent
from casussen.services import casus as casus_services
from escalatie.models import Actiepunt, Addendum, Agendapunt, Overleg, Verslag
from omo import berichten
from omo.services import handel_af, onderwerp_van
from omo.toegang import vereis
from omo.weigering import Weigering

U = Agendapunt.Uitkomst


def _vereis_omo(user):
    vereis(user, "escalatie.leid_overleg",
           melding=_("Alleen de OMO-functionaris leidt het overleg en legt uitkomsten vast."))


def _lock_overleg(overleg_id) -> Overleg:
    return Overleg.objects.select_for_update().select_related("reeks").get(pk=overleg_id)


def _vereis_open(overleg: Overleg):
    if overleg.status == Overleg.Status.GESLOTEN:
        raise Weigering(_("Dit overleg is gesloten en kan niet meer worden gewijzigd. Een correctie is een addendum."))
    if overleg.status == Overleg.Status.GEANNULEERD:
        raise Weigering(_("Dit overleg is geannuleerd."))


@transaction.atomic
def start(overleg_id, user) -> Overleg:
    _vereis_omo(user)
    overleg = _lock_overleg(overleg_id)
    _vereis_open(overleg)
    if overleg.status == Overleg.Status.GEPLAND:
        overleg.status = Overleg.Status.BEZIG
        overleg.geopend_op = timezone.now()
        overleg.save(update_fields=["status", "geopend_op"])
    return overleg


def _schoon_actiepunten(actiepunten, vandaag: date):
    schoon = []
    for i, a in enumerate(actiepunten, start=1):
        omschrijving = (a.get("omschrijving") or "").strip()
        eigenaar = (a.get("eigenaar") or "").strip()
        deadline = a.get("deadline")
        if not (omschrijving or eigenaar or deadline):
            continue
        if not omschrijving or not eigenaar or not deadline:
            raise Weigering(
                _("Actiepunt %(n)s: vul de actie, de eigenaar en de datum in.") % {"n": i}, "actiepunten"
            )
        if deadline < vandaag:
            raise Weigering(_("Actiepunt %(n)s: de datum ligt in het verleden.") % {"n": i}, "actiepunten")
        schoon.append({"omschrijving": omschrijving[:300], "eigenaar": eigenaar[:120], "deadline": deadline})
    return schoon


@transaction.atomic
def leg_uitkomst_vast(
    agendapunt_id, user, uitkomst, motivatie="", advies="", scenario_id=None, actiepunten=(),
    alternatieven="", escalatie=None,
) -> Agendapunt:
    """Record the outcome of one item and move the case accordingly, all or nothing."""
    _vereis_omo(user)
    punt = Agendapunt.objects.select_for_update().select_related("casus").get(pk=agendapunt_id)
    overleg = _lock_overleg(punt.overleg_id)
    _vereis_open(overleg)
    if punt.status != Agendapunt.Status.INGEDIEND:
        raise Weigering(_("Dit agendapunt is al besproken: er is al een uitkomst vastgelegd. Er is niets veranderd."))
    if uitkomst not in U.values:
        raise Weigering(_("Kies een uitkomst."), "uitkomst")
    motivatie = (motivatie or "").strip()
    advies = (advies or "").strip()
    alternatieven = (alternatieven or "").strip()
    if uitkomst in Agendapunt.MOTIVATIE_VERPLICHT and not motivatie:
        raise Weigering(
            _("Bij ‘%(uitkomst)s’ is een motivering verplicht: die moet aan de inwoner uit te leggen zijn.")
            % {"uitkomst": U(uitkomst).label},
            "motivatie",
        )
    if uitkomst == U.AKKOORD:
        motivatie = motivatie or advies
        if not motivatie:
            raise Weigering(_("Geef bij akkoord een motivering of een advies."), "motivatie")
        if not scenario_id or not Scenario.objects.filter(pk=scenario_id, casus_id=punt.casus_id).exists():
            raise Weigering(_("Kies het scenario waarmee het overleg akkoord gaat."), "scenario")
    if uitkomst == U.BEZINNING and not alternatieven:
        raise Weigering(_("Beschrijf welke alternatieven in de bezinningsperiode worden verkend."), "alternatieven")
    acties = _schoon_actiepunten(actiepunten, timezone.localdate())
    if overleg.status == Overleg.Status.GEPLAND:
        overleg.status = Overleg.Status.BEZIG
        overleg.geopend_op = timezone.now()
        overleg.save(update_fields=["status", "geopend_op"])

    dag = date_format(overleg.datum, "j F Y")
    casus_id = punt.casus_id
    casus_services.markeer_besproken(
        casus_id, user, _("Besproken in het OMO-overleg van %(dag)s: %(uitkomst)s") % {"dag": dag, "uitkomst": U(uitkomst).label}
    )
    if uitkomst in (U.AKKOORD, U.AFGEWEZEN):
        casus_services.leg_besluit_vast(
            casus_id, user, Besluit.Uitkomst.AKKOORD if uitkomst == U.AKKOORD else Besluit.Uitkomst.AFGEWEZEN,
            motivatie, scenario_id=scenario_id if uitkomst == U.AKKOORD else None, niveau=Besluit.Niveau.OMO,
            verwacht_van=Status.BESPROKEN,
        )
    elif uitkomst == U.BEZINNING:
        from escalatie.services.overleg import volgende_overleg

        volgende = volgende_overleg(overleg)
        casus_services.bezinning(
            casus_id, user,
            _("Bezinningsperiode; terug op het overleg van %(dag)s. Te verkennen: %(alt)s. Motivering: %(mot)s")
            % {"dag": date_format(volgende.datum, "j F Y"), "alt": alternatieven, "mot": motivatie},
        )
        punt.status = Agendapunt.Status.BESPROKEN  # frees the one-open-item-per-case constraint
        punt.save(update_fields=["status"])
        Agendapunt.objects.create(
            overleg=volgende, casus_id=casus_id, vraag=punt.vraag, ingediend_door=user,
            ingediend_op=timezone.now(), vervolg_op=punt, alternatieven=alternatieven,
            volgorde=Agendapunt.objects.filter(overleg=volgende).count() + 1,
        )
    elif uitkomst == U.ESCALEREN:
        from escalatie.services.escalatie import escaleer

        gegevens = dict(escalatie or {})
        punt.status = Agendapunt.Status.BESPROKEN
        punt.save(update_fields=["status"])
        escaleer(
            casus_id, user, gegevens.get("naar_niveau"), gegevens.get("reden", ""), gegevens.get("vraag", ""),
            scenario_id=scenario_id or None, agendapunt_id=punt.pk,
        )
    elif uitkomst == U.REGULIER:
        casus_services.sluit_af(
            casus_id, user, _("Terug naar de reguliere route: %(m)s") % {"m": motivatie or advies or "-"}, "",
            verwacht_van=Status.BESPROKEN,
        )
    elif uitkomst == U.NIETS_DOEN:
        casus_services.sluit_af(
            casus_id, user, _("Niets doen: %(m)s") % {"m": motivatie}, "", verwacht_van=Status.BESPROKEN
        )

    punt.status = Agendapunt.Status.BESPROKEN
    punt.uitkomst = uitkomst
    punt.scenario_id = scenario_id or None
    punt.advies = advies
    punt.motivatie = motivatie
    punt.besproken_op = timezone.now()
    punt.vastgelegd_door = user
    punt.save()
    handel_af(onderwerp_van(punt))  # discussed: a question whether to admit it is moot
    Actiepunt.objects.bulk_create([Actiepunt(agendapunt=punt, **a) for a in acties])
    if advies:
        casus_services.schrijf_tijdlijn(punt.casus, TijdlijnEvent.Soort.OVERIG, user, _("Advies van het OMO-overleg"), advies)
    return punt


@transaction.atomic
def sluit(overleg_id, user, aanwezigen=(), aanwezigen_extern="", voor_de_datum=False) -> Overleg:
    """Close the meeting: items without an outcome move to the next meeting; the verslag is made
    and mailed by a task after commit. A closed meeting is never reopened. A meeting whose date
    has not come yet is only closed with `voor_de_datum` (the chair confirmed the date)."""
    _vereis_omo(user)
    overleg = _lock_overleg(overleg_id)
    _vereis_open(overleg)
    if overleg.datum > timezone.localdate() and not voor_de_datum:
        raise Weigering(
            _("Dit overleg staat gepland op %(dag)s, dat is nog niet geweest. Bevestig dat je het nu al sluit: "
              "de punten zonder uitkomst gaan dan naar het volgende overleg en het verslag wordt verstuurd.")
            % {"dag": date_format(overleg.datum, "l j F Y")},
            "voor_de_datum",
        )
    open_punten = list(
        Agendapunt.objects.select_for_update().select_related("casus")
        .filter(overleg=overleg, status=Agendapunt.Status.INGEDIEND)
    )
    if open_punten:
        from escalatie.services.overleg import volgende_overleg

        volgende = volgende_overleg(overleg)
        start_volgorde = Agendapunt.objects.filter(overleg=volgende).count()
        for i, punt in enumerate(open_punten, start=1):
            punt.overleg = volgende
            punt.volgorde = start_volgorde + i
            punt.save(update_fields=["overleg", "volgorde"])
            casus_services.schrijf_tijdlijn(
                punt.casus, TijdlijnEvent.Soort.OVERIG, user,
                _("Niet besproken; doorgeschoven naar het overleg van %(dag)s") % {"dag": date_format(volgende.datum, "j F Y")},
            )
        overleg.niet_besproken = "\n".join(f"{p.casus.code} {p.casus.titel}" for p in open_punten)
    overleg.status = Overleg.Status.GESLOTEN
    overleg.gesloten_op = timezone.now()
    overleg.gesloten_door = user
    overleg.aanwezigen_extern = (aanwezigen_extern or "").strip()
    overleg.save(update_fields=["status", "gesloten_op", "gesloten_door", "aanwezigen_extern", "niet_besproken"])
    overleg.aanwezigen.set(aanwezigen)
    from escalatie.tasks import maak_verslag as taak

    taak.delay_on_commit(overleg.pk)
    return overleg


def ontvangers(overleg: Overleg) -> list[str]:
    mensen = {overleg.voorzitter, *overleg.aanwezigen.all(), *overleg.reeks.vaste_deelnemers.all()}
    return sorted({u.email for u in mensen if u.email and u.is_active})


def verslag_context(overleg: Overleg) -> dict:
    punten = list(
        Agendapunt.objects.filter(overleg=overleg, status=Agendapunt.Status.BESPROKEN)
        .select_related("casus", "scenario").prefetch_related("actiepunten")
        .order_by("volgorde", "ingediend_op", "pk")
    )
    return {
        "overleg": overleg,
        "gemeente": settings.OMO_GEMEENTE,
        "punten": punten,
        "doorgeschoven": [r for r in overleg.niet_besproken.splitlines() if r.strip()],
        "aanwezigen": list(overleg.aanwezigen.all()),
        "extern": [r.strip() for r in overleg.aanwezigen_extern.splitlines() if r.strip()],
        "gemaakt_op": timezone.localtime(),
    }


def render_verslag(overleg: Overleg, context: dict | None = None) -> bytes:
    """The verslag as PDF/A + PDF/UA (see `omo.pdf`); `context` (from `verslag_context`) when
    the caller adjusted it."""
    from omo.pdf import schrijf_pdf  # WeasyPrint loads only where PDFs are made

    return schrijf_pdf(render_to_string("escalatie/pdf/verslag.html", context or verslag_context(overleg)))


def maak_verslag(overleg_id) -> int:
    """Render, store and mail the verslag of a closed meeting. Idempotent: a second call (a
    retried task, two workers) finds the Verslag and places no second e-mail."""
    with transaction.atomic():
        overleg = Overleg.objects.select_for_update().select_related("reeks", "voorzitter").get(pk=overleg_id)
        if overleg.status != Overleg.Status.GESLOTEN:
            raise Weigering(_("Alleen van een gesloten overleg wordt een verslag gemaakt."))
        verslag = Verslag.objects.filter(overleg=overleg).first()
        if verslag is None:
            pdf = render_verslag(overleg)
            verslag = Verslag(overleg=overleg, sha256=hashlib.sha256(pdf).hexdigest())
            verslag.bestand.save(f"verslag-{overleg.datum:%Y-%m-%d}-{overleg.pk}.pdf", ContentFile(pdf), save=False)
            verslag.save()
        dag = date_format(overleg.datum, "j F Y")
        berichten.plaats(
            f"verslag-{overleg.pk}", ontvangers(overleg),
            _("Verslag %(reeks)s van %(dag)s") % {"reeks": overleg.reeks.naam, "dag": dag},
            _("Beste deelnemers,\n\nIn de bijlage staat het verslag van het %(reeks)s van %(dag)s: de uitkomsten, "
              "motiveringen en actiepunten. Het verslag bevat geen gegevens van huishoudens; de casussen zelf "
              "staan in OMO.\n\nMet vriendelijke groet,\n%(voorzitter)s\nOMO-functionaris, %(gemeente)s")
            % {"reeks": overleg.reeks.naam, "dag": dag, "voorzitter": overleg.voorzitter, "gemeente": settings.OMO_GEMEENTE},
            bijlage=verslag.bestand.name, bijlage_naam=f"verslag-omo-overleg-{overleg.datum:%Y-%m-%d}.pdf",
        )
    return verslag.pk


@transaction.atomic
def voeg_addendum_toe(overleg_id, user, tekst) -> Addendum:
    _vereis_omo(user)
    overleg = _lock_overleg(overleg_id)
    if overleg.status != Overleg.Status.GESLOTEN:
        raise Weigering(_("Een addendum hoort bij een gesloten overleg; pas een open overleg gewoon aan."))
    tekst = (tekst or "").strip()
    if not tekst:
        raise Weigering(_("Schrijf de aanvulling of correctie."), "tekst")
    addendum = Addendum.objects.create(overleg=overleg, tekst=tekst, auteur=user)
    dag = date_format(overleg.datum, "j F Y")
    berichten.plaats(
        f"addendum-{addendum.pk}", ontvangers(overleg),
        _("Addendum bij het verslag van %(dag)s") % {"dag": dag},
        _("Aanvulling of correctie op het verslag van het overleg van %(dag)s, door %(wie)s:\n\n%(tekst)s")
        % {"dag": dag, "wie": user, "tekst": tekst},
    )
    return addendum
