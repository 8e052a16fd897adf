"""The telefoonlijst and the priority requests with the 2-werkdagen term (DESIGN §7).

Exactly once: the deadline scan claims rows with one conditional UPDATE … RETURNING in the
same transaction as the e-mails it places in the outbox (unique keys). Two scans at once:
the second finds nothing left to claim. A worker killed mid-scan: its transaction rolls back,
nothing is claimed, the next scan does it. A worker killed mid-send: the outbox row stays
unsent and `omo.berichten.verstuur_wachtende` sends it.
"""

from datetime import datetime, time

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casussen.models import Casus, TijdlijnEvent
from casussen.services import casus as casus_services
from escalatie.models import Contactpersoon, Verzoek
from omo import berichten
from omo.services import handel_af, notify, onderwerp_van
from omo.toegang import mag, vereis, wie_mag
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM, deadline

SALT = "omo.verzoek.link"
BATCH = 500
CONTACT_VELDEN = ("organisatie", "naam", "rol", "mandaat", "telefoon", "email", "escalatiecontact", "gebruiker", "actief")


def _geldig_email(adres) -> bool:
    try:
        validate_email(adres or "")
    except ValidationError:
        return False
    return True


@transaction.atomic
def bewaar_contactpersoon(user, velden: dict, leefgebieden=(), pk=None) -> Contactpersoon:
    vereis(user, "escalatie.beheer_telefoonlijst",
           melding=_("Alleen de OMO-functionaris of de beheerder houdt de telefoonlijst bij."))
    if not _geldig_email(velden.get("email")):
        raise Weigering(_("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl."), "email")
    for veld in ("naam", "rol", "mandaat"):
        if not (velden.get(veld) or "").strip():
            raise Weigering(_("Dit veld is verplicht."), veld)
    contact = Contactpersoon.objects.select_for_update().get(pk=pk) if pk else Contactpersoon()
    gekoppeld = velden.get("gebruiker")
    if gekoppeld is not None and gekoppeld.pk != contact.gebruiker_id:
        # A new link: never to the account of whoever makes it (a link would let them read the
        # verzoeken addressed to the contact).
        vereis(user, "escalatie.koppel_contact_aan", gekoppeld,
               melding=_("Je kunt een contactpersoon niet aan je eigen account koppelen."), veld="gebruiker")
    for k in CONTACT_VELDEN:
        if k in velden:
            setattr(contact, k, velden[k])
    if pk and contact.escalatiecontact_id == contact.pk:
        raise Weigering(_("Iemand kan niet zijn eigen escalatiecontact zijn."), "escalatiecontact")
    contact.save()
    contact.leefgebieden.set(leefgebieden)
    return contact


@transaction.atomic
def zet_actief(user, pk, actief: bool) -> Contactpersoon:
    """Deactivate (or reactivate) a contact: kept for the verzoeken sent to them, but no longer
    in the telefoonlijst nor choosable for a new verzoek."""
    vereis(user, "escalatie.beheer_telefoonlijst",
           melding=_("Alleen de OMO-functionaris of de beheerder houdt de telefoonlijst bij."))
    contact = Contactpersoon.objects.select_for_update().get(pk=pk)
    if contact.actief != actief:
        contact.actief = actief
        contact.save(update_fields=["actief"])
    return contact


def maak_link(verzoek: Verzoek) -> str:
    token = signing.dumps({"v": verzoek.pk, "s": verzoek.link_sleutel}, salt=SALT, compress=True)
    return settings.OMO_BASE_URL.rstrip("/") + reverse("verzoek_extern", kwargs={"token": token})


class LinkFout(Weigering):
    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


def lees_link(token: str) -> Verzoek:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.OMO_VERZOEK_LINK_DAGEN * 86400)
    except signing.SignatureExpired:
        raise LinkFout(
            ngettext("Deze link is verlopen: hij werkt %(n)s dag. Neem contact op met de OMO-functionaris.",
                     "Deze link is verlopen: hij werkt %(n)s dagen. Neem contact op met de OMO-functionaris.",
                     settings.OMO_VERZOEK_LINK_DAGEN)
            % {"n": settings.OMO_VERZOEK_LINK_DAGEN}, 410,
        ) from None
    except signing.BadSignature:
        raise LinkFout(_("Deze link is ongeldig. Controleer of je de hele link uit de e-mail hebt gebruikt."), 400) from None
    verzoek = Verzoek.objects.select_related("aangemaakt_door", "contactpersoon__organisatie").filter(
        pk=data.get("v"), link_sleutel=data.get("s")
    ).first()
    if verzoek is None:
        raise LinkFout(_("Deze link is ongeldig. Controleer of je de hele link uit de e-mail hebt gebruikt."), 400)
    if verzoek.status == Verzoek.Status.BEANTWOORD:
        raise LinkFout(_("Dit verzoek is al beantwoord; de link werkt niet meer. Dank je wel!"), 410)
    return verzoek


def _uitnodiging(verzoek: Verzoek) -> None:
    contact = verzoek.contactpersoon
    termijn = date_format(timezone.localtime(verzoek.deadline, AMSTERDAM), "l j F Y")
    berichten.plaats(
        f"verzoek-{verzoek.pk}-uitnodiging", [contact.email],
        _("Voorrangsverzoek: %(onderwerp)s (uiterlijk %(termijn)s oppakken)") % {"onderwerp": verzoek.onderwerp, "termijn": termijn},
        _("Beste %(naam)s,\n\nDe gemeente vraagt met voorrang je hulp bij een vastgelopen situatie.\n\n"
          "Onderwerp: %(onderwerp)s\nVraag: %(vraag)s\n\nWil je dit verzoek uiterlijk %(termijn)s oppakken? "
          "Via deze link meld je dat je het oppakt en kun je antwoorden:\n%(link)s\n\n%(geldig)s\n\n"
          "Met vriendelijke groet,\n%(afzender)s\n%(gemeente)s")
        % {"geldig": ngettext("De link werkt %(n)s dag.", "De link werkt %(n)s dagen.", settings.OMO_VERZOEK_LINK_DAGEN)
           % {"n": settings.OMO_VERZOEK_LINK_DAGEN},
           "naam": contact.naam, "onderwerp": verzoek.onderwerp, "vraag": verzoek.vraag, "termijn": termijn,
           "link": maak_link(verzoek),
           "afzender": verzoek.aangemaakt_door, "gemeente": settings.OMO_GEMEENTE},
    )


def _contact(contactpersoon_id) -> Contactpersoon:
    contact = Contactpersoon.objects.select_related("organisatie").filter(pk=contactpersoon_id).first()
    if contact is None or not contact.actief:
        raise Weigering(_("Kies een actieve contactpersoon uit de telefoonlijst."), "contactpersoon")
    if not _geldig_email(contact.email):
        raise Weigering(
            _("%(naam)s heeft geen geldig e-mailadres in de telefoonlijst; pas dat eerst aan.") % {"naam": contact.naam},
            "contactpersoon",
        )
    return contact


@transaction.atomic
def stuur_verzoek(casus_id, user, contactpersoon_id, onderwerp, vraag, now=None) -> Verzoek:
    now = now or timezone.now()
    casus = Casus.objects.select_for_update().get(pk=casus_id)
    vereis(user, "escalatie.stuur_verzoek", casus,
           melding=_("Alleen de casushouder, een medebehandelaar of de OMO-functionaris stuurt een verzoek."))
    if not casus.is_open:
        raise Weigering(_("Bij een afgesloten casus kan geen verzoek meer worden gestuurd."))
    onderwerp, vraag = (onderwerp or "").strip(), (vraag or "").strip()
    if not onderwerp:
        raise Weigering(_("Geef het verzoek een onderwerp."), "onderwerp")
    if not vraag:
        raise Weigering(_("Schrijf de vraag."), "vraag")
    contact = _contact(contactpersoon_id)
    n = settings.OMO_VERZOEK_TERMIJN[Verzoek.Soort.UITGAAND]
    verzoek = Verzoek.objects.create(
        soort=Verzoek.Soort.UITGAAND, casus=casus, contactpersoon=contact, onderwerp=onderwerp[:200], vraag=vraag,
        ontvangen_op=now, termijn_werkdagen=n, deadline=deadline(now, n), aangemaakt_door=user,
    )
    casus_services.schrijf_tijdlijn(
        casus, TijdlijnEvent.Soort.OVERIG, user,
        _("Voorrangsverzoek aan %(wie)s: %(onderwerp)s") % {"wie": contact, "onderwerp": onderwerp}, vraag,
    )
    _uitnodiging(verzoek)
    return verzoek


@transaction.atomic
def registreer_landelijk(user, velden: dict, now=None) -> Verzoek:
    """An incoming question from the Landelijk Maatwerkregister: the same pick-up term."""
    now = now or timezone.now()
    vereis(user, "escalatie.registreer_landelijk_verzoek",
           melding=_("Alleen de OMO-functionaris registreert vragen van het Landelijk Maatwerkregister."))
    onderwerp, vraag = (velden.get("onderwerp") or "").strip(), (velden.get("vraag") or "").strip()
    if not onderwerp:
        raise Weigering(_("Geef het verzoek een onderwerp."), "onderwerp")
    if not vraag:
        raise Weigering(_("Schrijf de vraag."), "vraag")
    contact = _contact(velden["contactpersoon"].pk if hasattr(velden.get("contactpersoon"), "pk") else velden.get("contactpersoon")) if velden.get("contactpersoon") else None
    n = settings.OMO_VERZOEK_TERMIJN[Verzoek.Soort.LANDELIJK]
    ontvangen = velden.get("ontvangen_op") or now
    verzoek = Verzoek.objects.create(
        soort=Verzoek.Soort.LANDELIJK, casus=velden.get("casus"), contactpersoon=contact,
        kenmerk=(velden.get("kenmerk") or "")[:60], afzender=(velden.get("afzender") or "Landelijk Maatwerkregister")[:200],
        onderwerp=onderwerp[:200], vraag=vraag, ontvangen_op=ontvangen, termijn_werkdagen=n, deadline=deadline(ontvangen, n),
        aangemaakt_door=user,
    )
    if contact is not None:
        _uitnodiging(verzoek)
    return verzoek


def _mag_behandelen(user, verzoek) -> bool:
    if user is None:
        return True  # through the signed link
    return mag(user, "escalatie.behandel_verzoek", verzoek)


@transaction.atomic
def pak_op(verzoek_id, door: str, user=None, now=None) -> Verzoek:
    """open or verlopen → opgepakt, once (a double click records the first moment)."""
    now = now or timezone.now()
    verzoek = Verzoek.objects.select_for_update(of=("self",)).select_related("contactpersoon", "casus").get(pk=verzoek_id)
    if not _mag_behandelen(user, verzoek):
        raise Weigering(_("Dit verzoek is niet aan jou gericht."))
    if verzoek.status == Verzoek.Status.BEANTWOORD:
        raise Weigering(_("Dit verzoek is al beantwoord."))
    if verzoek.status == Verzoek.Status.OPGEPAKT:
        return verzoek
    verzoek.status = Verzoek.Status.OPGEPAKT
    verzoek.opgepakt_op = now
    verzoek.opgepakt_door = (door or str(user or verzoek.contactpersoon or ""))[:200]
    verzoek.save(update_fields=["status", "opgepakt_op", "opgepakt_door"])
    handel_af(onderwerp_van(verzoek))  # picked up: nobody needs to chase it any more
    if verzoek.casus_id:
        casus_services.schrijf_tijdlijn(
            verzoek.casus, TijdlijnEvent.Soort.OVERIG, user,
            _("Verzoek opgepakt door %(wie)s%(laat)s") % {
                "wie": verzoek.opgepakt_door, "laat": "" if now <= verzoek.deadline else _(" (na de termijn)")},
        )
    return verzoek


@transaction.atomic
def beantwoord(verzoek_id, door: str, antwoord: str, user=None, now=None) -> Verzoek:
    now = now or timezone.now()
    antwoord = (antwoord or "").strip()
    if not antwoord:
        raise Weigering(_("Schrijf het antwoord."), "antwoord")
    verzoek = pak_op(verzoek_id, door, user=user, now=now)
    verzoek.status = Verzoek.Status.BEANTWOORD
    verzoek.antwoord = antwoord
    verzoek.beantwoord_op = now
    verzoek.save(update_fields=["status", "antwoord", "beantwoord_op"])  # the link refuses answered ones
    if verzoek.casus_id:
        casus_services.schrijf_tijdlijn(verzoek.casus, TijdlijnEvent.Soort.OVERIG, user,
                                        _("Verzoek beantwoord: %(o)s") % {"o": verzoek.onderwerp}, antwoord)
    notify(verzoek.aangemaakt_door, _("Antwoord op je verzoek ‘%(o)s’") % {"o": verzoek.onderwerp[:80]},
           reverse("verzoek_detail", kwargs={"vid": verzoek.pk}), f"verzoek-{verzoek.pk}-beantwoord",
           doel=("escalatie.bekijk_verzoek", verzoek))
    return verzoek


CLAIM_HERINNERING = """
UPDATE escalatie_verzoek SET herinnerd_op = %(nu)s
WHERE id IN (
    SELECT id FROM escalatie_verzoek
    WHERE status = 'open' AND herinnerd_op IS NULL AND deadline >= %(nu)s AND deadline <= %(eind_vandaag)s
    ORDER BY deadline LIMIT %(batch)s FOR UPDATE SKIP LOCKED
) AND status = 'open' AND herinnerd_op IS NULL
RETURNING id
"""

CLAIM_ESCALATIE = """
UPDATE escalatie_verzoek SET status = 'verlopen', geescaleerd_op = %(nu)s
WHERE id IN (
    SELECT id FROM escalatie_verzoek
    WHERE status = 'open' AND deadline < %(nu)s
    ORDER BY deadline LIMIT %(batch)s FOR UPDATE SKIP LOCKED
) AND status = 'open'
RETURNING id
"""


def _claim(sql, params) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [r[0] for r in cursor.fetchall()]


def scan_parameters(now) -> dict:
    """The parameters of the claim queries at `now`: the end of today in Amsterdam bounds the
    reminders (the deadline day), `now` the escalations."""
    vandaag = timezone.localtime(now, AMSTERDAM).date()
    return {"nu": now, "eind_vandaag": datetime.combine(vandaag, time.max, tzinfo=AMSTERDAM), "batch": BATCH}


def bewaak_termijnen(now=None) -> int:
    """Reminder on the deadline day; escalation when the deadline passed unopened. Returns the
    number of verzoeken handled. Each batch is one transaction: claim and outbox together."""
    now = now or timezone.now()
    params = scan_parameters(now)
    omo = wie_mag("escalatie.zie_alle_verzoeken")
    totaal = 0
    while True:
        with transaction.atomic():
            ids = _claim(CLAIM_HERINNERING, params)
            for v in Verzoek.objects.filter(pk__in=ids).select_related("contactpersoon"):
                if v.contactpersoon_id:
                    berichten.plaats(
                        f"verzoek-{v.pk}-herinnering", [v.contactpersoon.email],
                        _("Herinnering: vandaag oppakken — %(o)s") % {"o": v.onderwerp},
                        _("Beste %(naam)s,\n\nHet voorrangsverzoek ‘%(o)s’ moet vandaag worden opgepakt. Meld het via:\n%(link)s\n\n"
                          "Met vriendelijke groet,\n%(gemeente)s")
                        % {"naam": v.contactpersoon.naam, "o": v.onderwerp, "link": maak_link(v), "gemeente": settings.OMO_GEMEENTE},
                    )
        totaal += len(ids)
        if len(ids) < BATCH:
            break
    while True:
        with transaction.atomic():
            ids = _claim(CLAIM_ESCALATIE, params)
            for v in Verzoek.objects.filter(pk__in=ids).select_related("contactpersoon__escalatiecontact", "casus"):
                # The escalation contact by e-mail; the OMO-functionarissen in the app and by mail
                # through their notification.
                esc = v.contactpersoon.escalatiecontact if v.contactpersoon_id else None
                ontvangers = [esc.email] if esc is not None and esc.actief else []
                berichten.plaats(
                    f"verzoek-{v.pk}-escalatie", ontvangers,
                    _("Termijn verstreken: %(o)s") % {"o": v.onderwerp},
                    ngettext(
                        "Het voorrangsverzoek ‘%(o)s’ aan %(wie)s is niet binnen %(n)s werkdag opgepakt (uiterlijk "
                        "%(d)s). Wil je zorgen dat het vandaag wordt opgepakt?\n\nVraag: %(vraag)s\n\n%(gemeente)s",
                        "Het voorrangsverzoek ‘%(o)s’ aan %(wie)s is niet binnen %(n)s werkdagen opgepakt (uiterlijk "
                        "%(d)s). Wil je zorgen dat het vandaag wordt opgepakt?\n\nVraag: %(vraag)s\n\n%(gemeente)s",
                        v.termijn_werkdagen,
                    )
                    % {"o": v.onderwerp, "wie": v.contactpersoon or v.afzender, "n": v.termijn_werkdagen,
                       "d": date_format(timezone.localtime(v.deadline, AMSTERDAM), "j F Y"), "vraag": v.vraag,
                       "gemeente": settings.OMO_GEMEENTE},
                )
                for u in omo:
                    notify(u, _("Verzoek niet op tijd opgepakt: %(o)s") % {"o": v.onderwerp[:80]},
                           reverse("verzoek_detail", kwargs={"vid": v.pk}), f"verzoek-{v.pk}-verlopen",
                           doel=("escalatie.bekijk_verzoek", v), onderwerp=onderwerp_van(v))
        totaal += len(ids)
        if len(ids) < BATCH:
            break
    return totaal


def deactiveer_contactpersoon(user, pk) -> Contactpersoon:
    return zet_actief(user, pk, False)
