"""Role changes with four eyes, and the account steps of the beheerder.

Roles are the only way to grant access (`omo.roles`), so changing them is separated:

- nobody changes their own roles;
- granting a privileged role (`GEPRIVILEGIEERD`: omo, budgethouder, college, beheerder, and the
  roles that read case content unassigned: maatwerkcoach, portefeuillehouder; privacy) is
  proposed by one beheerder and takes effect when a second beheerder approves it: never the
  proposer, never the user whose roles change;
- granting another role and revoking any role take effect at once, recorded the same way;
- on an installation with one beheerder, `manage.py rol_goedkeuren` approves a proposal, and
  the change records that the four-eyes rule was bypassed by a management command;
- the installation's first account is made by `manage.py maak_beheerder`;
- resetting another user's second factor (`stel_factorherstel_voor`, Actie.HERSTELLEN, no role)
  is always a proposal for a second beheerder; approved, it deletes every second-factor device
  of the user (authenticator app, recovery codes, passkeys), ends the user's sessions and tells
  them by e-mail: at the next login they enrol again. No other route deletes another user's
  devices (the admin has no pages for them: `omo.admin`).

`STAPPEN` is the table of the steps: from which status to which, who takes the step and whether
a reason is required. Every step runs in one transaction under row locks (first the user whose
roles change, then the change), asks the rules (`omo.rules`) and raises `Weigering` for a refusal:
nothing changes then. A double click finds the step taken and is told so.

Accounts: a beheerder never sets another user's password. A new user gets an unusable password
and a reset link by e-mail (`stuur_herstellink`); `verplicht_wachtwoordwijziging` makes a user
choose a new password at the next login (`omo.middleware.WachtwoordWijzigenMiddleware`).
"""

import getpass
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omo import berichten
from omo.models import Rolwijziging, User
from omo.roles import (
    BEHEERDER,
    BUDGETHOUDER,
    COLLEGE,
    MAATWERKCOACH,
    OMO,
    PORTEFEUILLEHOUDER,
    PRIVACY,
    ROLLEN,
)
from omo.services import handel_af, notify, onderwerp_van
from omo.toegang import vereis, vergeet, wie_mag
from omo.weigering import Weigering

# Granting one of these needs a second beheerder: the roles that decide on money or escalations,
# the beheerder itself, and the roles that read case content without being assigned to a case
# (a maatwerkcoach reads every case of its team, a portefeuillehouder the dossiers escalated to
# it). Otherwise one beheerder could make an account it controls and read households' files.
# The privacy officer reads every log with its values and destroys records.
# A consulent sees only the cases it is given; beleid only aggregates.
GEPRIVILEGIEERD = frozenset(
    {OMO, BUDGETHOUDER, COLLEGE, BEHEERDER, MAATWERKCOACH, PORTEFEUILLEHOUDER, PRIVACY}
)

A = Rolwijziging.Actie
S = Rolwijziging.Status

# Who takes a step.
VOORSTELLER = "voorsteller"  # a beheerder, for another user's roles
BEOORDELAAR = "beoordelaar"  # a second beheerder: not the proposer, not the user concerned
COMMANDO = "commando"  # a management command on the server, when there is no second beheerder

NIEUW = ""  # the step that makes the change


@dataclass(frozen=True)
class Stap:
    van: str
    naar: str
    wie: str
    reden_verplicht: bool = False


STAPPEN: tuple[Stap, ...] = (
    # Granting a privileged role: a proposal, waiting for a second beheerder.
    Stap(NIEUW, S.VOORGESTELD, VOORSTELLER, reden_verplicht=True),
    # Granting another role, or revoking any role: at once.
    Stap(NIEUW, S.GOEDGEKEURD, VOORSTELLER),
    Stap(S.VOORGESTELD, S.GOEDGEKEURD, BEOORDELAAR),
    Stap(S.VOORGESTELD, S.AFGEWEZEN, BEOORDELAAR, reden_verplicht=True),
    Stap(S.VOORGESTELD, S.INGETROKKEN, VOORSTELLER),
    # `manage.py rol_goedkeuren`: only when no other beheerder can approve.
    Stap(S.VOORGESTELD, S.GOEDGEKEURD, COMMANDO),
    # `manage.py maak_beheerder`: the installation's first account.
    Stap(NIEUW, S.GOEDGEKEURD, COMMANDO),
)


def vier_ogen_nodig(rol: str, actie: str) -> bool:
    return actie == A.HERSTELLEN or (actie == A.TOEKENNEN and rol in GEPRIVILEGIEERD)


def _stap(wijziging, naar: str, wie: str) -> Stap:
    van = wijziging.status if wijziging is not None else NIEUW
    for stap in STAPPEN:
        if (stap.van, stap.naar, stap.wie) == (van, naar, wie):
            return stap
    if wijziging is not None and wijziging.status != S.VOORGESTELD:
        raise Weigering(_al_afgehandeld(wijziging))
    raise Weigering(_("Deze stap is niet mogelijk. Er is niets veranderd."))


def _al_afgehandeld(wijziging) -> str:
    wie = wijziging.beoordeeld_door or (_("een beheercommando") if wijziging.via_commando else wijziging.voorgesteld_door)
    if wijziging.status == S.GOEDGEKEURD:
        if wijziging.beoordeeld_door_id is None and not wijziging.via_commando:
            return _("Deze rolwijziging is al doorgevoerd. Er is niets veranderd.")
        return _("Dit voorstel is al goedgekeurd door %(wie)s. Er is niets veranderd.") % {"wie": wie}
    if wijziging.status == S.AFGEWEZEN:
        return _("Dit voorstel is al afgewezen door %(wie)s. Er is niets veranderd.") % {"wie": wie}
    return _("Dit voorstel is al ingetrokken door %(wie)s. Er is niets veranderd.") % {"wie": wie}


def omschrijving(wijziging) -> str:
    """'de rol Beheerder toekennen aan Tom Wetzels' (for messages and notifications)."""
    if wijziging.actie == A.HERSTELLEN:
        return _("de tweede factor herstellen voor %(wie)s") % {"wie": wijziging.gebruiker}
    rol = ROLLEN[wijziging.rol].naam
    if wijziging.actie == A.TOEKENNEN:
        return _("de rol %(rol)s toekennen aan %(wie)s") % {"rol": rol, "wie": wijziging.gebruiker}
    return _("de rol %(rol)s intrekken bij %(wie)s") % {"rol": rol, "wie": wijziging.gebruiker}


def _vergrendel_gebruiker(gebruiker_id) -> User:
    gebruiker = User.objects.select_for_update().filter(pk=gebruiker_id).first()
    if gebruiker is None:
        raise Weigering(_("Deze gebruiker bestaat niet. Er is niets veranderd."))
    return gebruiker


def _vergrendel(wijziging_id) -> Rolwijziging:
    """The change, locked, after its user (the order every step locks in: no deadlock)."""
    gebruiker_id = Rolwijziging.objects.filter(pk=wijziging_id).values_list("gebruiker_id", flat=True).first()
    if gebruiker_id is None:
        raise Weigering(_("Deze rolwijziging bestaat niet. Er is niets veranderd."))
    gebruiker = _vergrendel_gebruiker(gebruiker_id)
    wijziging = (
        Rolwijziging.objects.select_for_update(of=("self",))
        .select_related("voorgesteld_door", "beoordeeld_door")
        .get(pk=wijziging_id)
    )
    wijziging.gebruiker = gebruiker
    return wijziging


def _is_lid(gebruiker, rol: str) -> bool:
    return gebruiker.groups.filter(name=rol).exists()


def _controleer_gebruiker(wijziging) -> None:
    if wijziging.actie == A.HERSTELLEN:
        return  # an inactive user's devices may be reset too; having none is checked at the proposal
    gebruiker, naam = wijziging.gebruiker, ROLLEN[wijziging.rol].naam
    if wijziging.actie == A.TOEKENNEN and not gebruiker.is_active:
        raise Weigering(
            _("%(wie)s is niet actief; een rol toekennen kan niet. Er is niets veranderd.") % {"wie": gebruiker}
        )
    if wijziging.actie == A.INTREKKEN and not _is_lid(gebruiker, wijziging.rol):
        raise Weigering(
            _("%(wie)s heeft de rol %(rol)s niet (meer). Er is niets veranderd.") % {"wie": gebruiker, "rol": naam}
        )


def _voer_uit(wijziging) -> None:
    """Add or remove the group membership (the role memberships are tracked too) and tell the
    user; or reset their second factor (`_herstel_tweede_factor`)."""
    if wijziging.actie == A.HERSTELLEN:
        _herstel_tweede_factor(wijziging)
        return
    gebruiker = wijziging.gebruiker
    groep, _nieuw = Group.objects.get_or_create(name=wijziging.rol)
    naam = ROLLEN[wijziging.rol].naam
    if wijziging.actie == A.TOEKENNEN:
        gebruiker.groups.add(groep)
        tekst = _("Je hebt nu de rol %(rol)s in OMO.") % {"rol": naam}
    else:
        gebruiker.groups.remove(groep)
        tekst = _("Je rol %(rol)s in OMO is ingetrokken.") % {"rol": naam}
    vergeet(gebruiker)
    notify(gebruiker, tekst, key=f"rolwijziging-{wijziging.pk}-uitgevoerd")


# --- The second factor ---------------------------------------------------------------------------


def tweede_factoren(gebruiker) -> list:
    """Every second-factor device of `gebruiker`, confirmed or not: authenticator apps (TOTP),
    recovery codes and passkeys (each a django-otp device)."""
    from django_otp import devices_for_user

    return list(devices_for_user(gebruiker, confirmed=None))


def soorten_tweede_factor(gebruiker) -> dict[str, int]:
    """{model label: how many} of the user's devices, in one query (a page shows it)."""
    from collections import Counter

    from django.db.models import CharField, Value
    from django_otp import device_classes

    delen = [
        model.objects.filter(user=gebruiker)
        .annotate(soort=Value(model._meta.label_lower, output_field=CharField()))
        .values_list("soort", flat=True)
        for model in device_classes()
    ]
    return dict(Counter(delen[0].union(*delen[1:], all=True))) if delen else {}


def heeft_tweede_factor(gebruiker) -> bool:
    from django_otp import user_has_device

    return user_has_device(gebruiker, confirmed=None)


def beeindig_sessies(gebruiker) -> int:
    """End every session of `gebruiker` (sessions live in the database: SESSION_ENGINE db).
    Returns how many. The session data is signed, not searchable: each live one is decoded."""
    eigen = []
    for sessie in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if sessie.get_decoded().get(SESSION_KEY) == str(gebruiker.pk):
            eigen.append(sessie.pk)
    return Session.objects.filter(pk__in=eigen).delete()[0]


def _herstel_tweede_factor(wijziging) -> None:
    """Approved: delete every device of the user (TOTP, recovery codes, passkeys), end their
    sessions, mail them and notify them. In the approval's transaction: all or nothing. The
    devices' secrets are not copied anywhere (nothing of them is in the audit log)."""
    from django_otp_webauthn.utils import get_credential_model

    gebruiker = wijziging.gebruiker
    for device in tweede_factoren(gebruiker):
        device.delete()
    # Passkeys are devices too; their model is named once more in case it is not a listed
    # device class (OTP_WEBAUTHN_CREDENTIAL_MODEL).
    get_credential_model().objects.filter(user=gebruiker).delete()
    beeindig_sessies(gebruiker)
    if wijziging.via_commando:
        door = _("een beheercommando op de server (er was geen tweede beheerder)")
    else:
        door = _("%(voorsteller)s (voorgesteld) en %(beoordelaar)s (goedgekeurd)") % {
            "voorsteller": wijziging.voorgesteld_door, "beoordelaar": wijziging.beoordeeld_door}
    wanneer = timezone.localtime(wijziging.beoordeeld_op).strftime("%d-%m-%Y %H:%M")
    berichten.plaats(
        f"tweede-factor-hersteld-{wijziging.pk}",
        [gebruiker.email],
        _("OMO: je tweede factor is hersteld"),
        _("Beste %(naam)s,\n\n"
          "De tweede factor van je OMO-account is op %(wanneer)s hersteld door %(door)s. Je app met "
          "inlogcodes, je herstelcodes en je passkeys werken niet meer voor OMO, en je bent overal "
          "uitgelogd.\n\n"
          "Wat moet je doen? Log opnieuw in op %(url)s met je gebruikersnaam en wachtwoord. OMO vraagt je "
          "dan een nieuwe tweede factor in te stellen: scan de QR-code met je app en bewaar de nieuwe "
          "herstelcodes op een veilige plek. Verwijder het oude OMO-account uit je app.\n\n"
          "Klopt dit niet, of heb je hier niet om gevraagd? Neem dan direct contact op met de functioneel "
          "beheerder van %(gemeente)s.\n")
        % {"naam": gebruiker, "wanneer": wanneer, "door": door, "url": settings.OMO_BASE_URL.rstrip("/"),
           "gemeente": settings.OMO_GEMEENTE},
    )
    vergeet(gebruiker)
    # In the app too; the e-mail above is the one mail (the notification sends none).
    notify(gebruiker, _("Je tweede factor is op %(wanneer)s hersteld door %(door)s. Stel bij het inloggen een "
                        "nieuwe in.") % {"wanneer": wanneer, "door": door},
           key=f"rolwijziging-{wijziging.pk}-uitgevoerd", mail=False)


def beoordelaars(wijziging) -> list[User]:
    """The active beheerders who may approve `wijziging`: not its proposer, not its user."""
    return wie_mag("omo.beoordeel_rolwijziging", wijziging)


# --- The steps --------------------------------------------------------------------------------


@transaction.atomic
def wijzig_rol(gebruiker_id, user, *, rol: str, actie: str, reden: str = "", now=None) -> Rolwijziging:
    """Grant or revoke `rol` for another user: a proposal (a privileged grant) or at once."""
    now = now or timezone.now()
    if rol not in ROLLEN:
        raise Weigering(_("Kies een rol."), "rol")
    if actie not in A.values:
        raise Weigering(_("Kies of je de rol toekent of intrekt."), "actie")
    gebruiker = _vergrendel_gebruiker(gebruiker_id)
    if gebruiker.pk == user.pk:
        raise Weigering(
            _("Je eigen rollen wijzig je niet zelf: dat doet een andere beheerder. Er is niets veranderd.")
        )
    vereis(user, "omo.stel_rolwijziging_voor", gebruiker,
           melding=_("Alleen een beheerder wijzigt rollen. Er is niets veranderd."))
    naam = ROLLEN[rol].naam
    if actie == A.TOEKENNEN and _is_lid(gebruiker, rol):
        raise Weigering(
            _("%(wie)s heeft de rol %(rol)s al. Er is niets veranderd.") % {"wie": gebruiker, "rol": naam}, "rol"
        )
    _weiger_bij_open_voorstel(gebruiker=gebruiker, rol=rol, veld="rol")
    vier_ogen = vier_ogen_nodig(rol, actie)
    stap = _stap(None, S.VOORGESTELD if vier_ogen else S.GOEDGEKEURD, VOORSTELLER)
    reden = (reden or "").strip()
    if stap.reden_verplicht and not reden:
        raise Weigering(
            _("Schrijf waarom %(wie)s deze rol nodig heeft: de tweede beheerder beoordeelt dat.") % {"wie": gebruiker},
            "reden",
        )
    wijziging = Rolwijziging(
        gebruiker=gebruiker, rol=rol, actie=actie, status=stap.naar, voorgesteld_door=user,
        voorgesteld_op=now, reden=reden,
    )
    _controleer_gebruiker(wijziging)
    wijziging.save()
    if vier_ogen:
        _meld_voorstel(wijziging)
    else:
        _voer_uit(wijziging)
    return wijziging


@transaction.atomic
def stel_factorherstel_voor(gebruiker_id, user, *, reden: str, now=None) -> Rolwijziging:
    """Propose to reset another user's second factor: a second beheerder approves it (`keur_goed`),
    or, on an installation with one beheerder, `manage.py rol_goedkeuren`."""
    now = now or timezone.now()
    gebruiker = _vergrendel_gebruiker(gebruiker_id)
    if gebruiker.pk == user.pk:
        raise Weigering(_(
            "Je eigen tweede factor herstel je niet via een voorstel: dat doet een andere beheerder voor je. "
            "Er is niets veranderd."
        ))
    vereis(user, "omo.stel_factorherstel_voor", gebruiker,
           melding=_("Alleen een beheerder stelt voor een tweede factor te herstellen. Er is niets veranderd."))
    _weiger_bij_open_voorstel(gebruiker=gebruiker, actie=A.HERSTELLEN, veld="reden")
    if not heeft_tweede_factor(gebruiker):
        raise Weigering(
            _("%(wie)s heeft geen tweede factor ingesteld: er is niets te herstellen. Bij het volgende inloggen "
              "stelt %(wie)s er een in. Er is niets veranderd.") % {"wie": gebruiker}
        )
    stap = _stap(None, S.VOORGESTELD, VOORSTELLER)
    reden = (reden or "").strip()
    if stap.reden_verplicht and not reden:
        raise Weigering(
            _("Schrijf waarom de tweede factor van %(wie)s hersteld moet worden (bijvoorbeeld: telefoon kwijt, "
              "zelf gebeld op het bekende nummer): de tweede beheerder beoordeelt dat.") % {"wie": gebruiker},
            "reden",
        )
    wijziging = Rolwijziging.objects.create(
        gebruiker=gebruiker, rol="", actie=A.HERSTELLEN, status=stap.naar, voorgesteld_door=user,
        voorgesteld_op=now, reden=reden,
    )
    _meld_voorstel(wijziging)
    # The user hears of it before it takes effect, so a reset they did not ask for can be stopped.
    notify(gebruiker, _("%(wie)s stelt voor je tweede factor te herstellen; een tweede beheerder beslist erover. "
                        "Heb je hier niet om gevraagd? Neem dan direct contact op met de functioneel beheerder.")
           % {"wie": user}, key=f"rolwijziging-{wijziging.pk}-aangekondigd")
    return wijziging


def _weiger_bij_open_voorstel(*, veld: str, **filters) -> None:
    """Refuse when a proposal of this kind for this user is still open (one at a time)."""
    open_voorstel = (
        Rolwijziging.objects.filter(status=S.VOORGESTELD, **filters).select_related("voorgesteld_door").first()
    )
    if open_voorstel is not None:
        raise Weigering(
            _("Er staat al een voorstel open om %(wat)s (van %(wie)s, %(wanneer)s). Er is niets veranderd.")
            % {
                "wat": omschrijving(open_voorstel),
                "wie": open_voorstel.voorgesteld_door,
                "wanneer": timezone.localtime(open_voorstel.voorgesteld_op).strftime("%d-%m-%Y %H:%M"),
            },
            veld,
        )


def _meld_voorstel(wijziging) -> None:
    for beheerder in beoordelaars(wijziging):
        notify(
            beheerder,
            _("%(wie)s stelt voor: %(wat)s.")
            % {"wie": wijziging.voorgesteld_door, "wat": omschrijving(wijziging)},
            reverse("rolwijzigingen"),
            key=f"rolwijziging-{wijziging.pk}-voorstel",
            doel=("omo.bekijk_rolwijzigingen", None),
            onderwerp=onderwerp_van(wijziging),
            vraag=_("Keur het goed of wijs het af."),
        )


def _meld_besluit(wijziging, tekst: str) -> None:
    if wijziging.voorgesteld_door_id is not None:
        notify(
            wijziging.voorgesteld_door, tekst, reverse("gebruiker_rollen", kwargs={"pk": wijziging.gebruiker_id}),
            key=f"rolwijziging-{wijziging.pk}-besluit",
            doel=("omo.bekijk_rolwijzigingen", None),
        )


def _vereis_beoordelaar(user, wijziging) -> None:
    if user.pk == wijziging.voorgesteld_door_id:
        melding = _("Je eigen voorstel keurt een andere beheerder goed of af, niet jij. Er is niets veranderd.")
    elif user.pk == wijziging.gebruiker_id:
        melding = _("Over je eigen rollen beslist een andere beheerder. Er is niets veranderd.")
    else:
        melding = _("Alleen een beheerder beoordeelt een rolwijziging. Er is niets veranderd.")
    vereis(user, "omo.beoordeel_rolwijziging", wijziging, melding=melding)


@transaction.atomic
def keur_goed(wijziging_id, user, *, toelichting: str = "", now=None) -> Rolwijziging:
    """A second beheerder approves a proposal: the role change takes effect now."""
    wijziging = _vergrendel(wijziging_id)
    _vereis_beoordelaar(user, wijziging)
    stap = _stap(wijziging, S.GOEDGEKEURD, BEOORDELAAR)
    _controleer_gebruiker(wijziging)
    wijziging.status = stap.naar
    wijziging.beoordeeld_door = user
    wijziging.beoordeeld_op = now or timezone.now()
    wijziging.toelichting = (toelichting or "").strip()
    wijziging.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "toelichting"])
    handel_af(onderwerp_van(wijziging))
    _voer_uit(wijziging)
    _meld_besluit(wijziging, _("%(wie)s heeft je voorstel goedgekeurd: %(wat)s.") % {
        "wie": user, "wat": omschrijving(wijziging)})
    return wijziging


@transaction.atomic
def wijs_af(wijziging_id, user, *, toelichting: str, now=None) -> Rolwijziging:
    """A second beheerder rejects a proposal, with a reason: the roles stay as they are."""
    wijziging = _vergrendel(wijziging_id)
    _vereis_beoordelaar(user, wijziging)
    stap = _stap(wijziging, S.AFGEWEZEN, BEOORDELAAR)
    toelichting = (toelichting or "").strip()
    if stap.reden_verplicht and not toelichting:
        raise Weigering(_("Schrijf waarom je dit voorstel afwijst."), "toelichting")
    wijziging.status = stap.naar
    wijziging.beoordeeld_door = user
    wijziging.beoordeeld_op = now or timezone.now()
    wijziging.toelichting = toelichting
    wijziging.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op", "toelichting"])
    handel_af(onderwerp_van(wijziging))
    _meld_besluit(wijziging, _("%(wie)s heeft je voorstel afgewezen: %(wat)s. Reden: %(reden)s") % {
        "wie": user, "wat": omschrijving(wijziging), "reden": toelichting})
    return wijziging


@transaction.atomic
def trek_in(wijziging_id, user, *, toelichting: str = "", now=None) -> Rolwijziging:
    """The proposer withdraws their proposal."""
    wijziging = _vergrendel(wijziging_id)
    vereis(user, "omo.trek_rolwijziging_in", wijziging,
           melding=_("Alleen wie het voorstel deed, trekt het in. Er is niets veranderd."))
    stap = _stap(wijziging, S.INGETROKKEN, VOORSTELLER)
    wijziging.status = stap.naar
    wijziging.beoordeeld_op = now or timezone.now()
    wijziging.toelichting = (toelichting or "").strip()
    wijziging.save(update_fields=["status", "beoordeeld_op", "toelichting"])
    handel_af(onderwerp_van(wijziging))
    return wijziging


def os_gebruiker() -> str:
    """Who runs a management command, as the server knows them (for the audit trail)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


@transaction.atomic
def keur_goed_via_commando(wijziging_id, uitgevoerd_door: str = "", now=None) -> Rolwijziging:
    """`manage.py rol_goedkeuren`: approve a proposal when no beheerder can (a single-beheerder
    installation). Recorded on the change: `via_commando` and the explanation."""
    wijziging = _vergrendel(wijziging_id)
    stap = _stap(wijziging, S.GOEDGEKEURD, COMMANDO)
    andere = beoordelaars(wijziging)
    if andere:
        raise Weigering(
            _("Er is een andere beheerder die dit voorstel kan beoordelen (%(namen)s): het vier-ogenprincipe "
              "geldt, laat het in OMO goedkeuren. Er is niets veranderd.")
            % {"namen": ", ".join(f"{u} ({u.username})" for u in andere)}
        )
    _controleer_gebruiker(wijziging)
    wijziging.status = stap.naar
    wijziging.via_commando = True
    wijziging.beoordeeld_op = now or timezone.now()
    wijziging.toelichting = _(
        "Goedgekeurd met manage.py rol_goedkeuren (op de server, door %(wie)s): er is geen tweede beheerder "
        "die het kan goedkeuren. Het vier-ogenprincipe is met een beheercommando omzeild."
    ) % {"wie": uitgevoerd_door or os_gebruiker()}
    wijziging.save(update_fields=["status", "via_commando", "beoordeeld_op", "toelichting"])
    handel_af(onderwerp_van(wijziging))
    _voer_uit(wijziging)
    _meld_besluit(wijziging, _("Je voorstel is goedgekeurd met een beheercommando op de server (er is geen "
                               "tweede beheerder): %(wat)s.") % {"wat": omschrijving(wijziging)})
    return wijziging


# --- The first account ------------------------------------------------------------------------


def actieve_beheerders() -> list[User]:
    return wie_mag("omo.beheer")


def controleer_gebruikersnaam(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise Weigering(_("Vul een gebruikersnaam in."), "username")
    try:
        User.username_validator(username)
    except ValidationError as fout:
        raise Weigering(" ".join(fout.messages), "username") from None
    if User.objects.filter(username__iexact=username).exists():
        raise Weigering(_("De gebruikersnaam ‘%(naam)s’ is al in gebruik.") % {"naam": username}, "username")
    return username


def controleer_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise Weigering(_("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."), "email") from None
    return email


def controleer_wachtwoord(password: str, username: str, email: str) -> None:
    try:
        validate_password(password, user=User(username=username, email=email))
    except ValidationError as fout:
        raise Weigering(" ".join(fout.messages), "password") from None


@transaction.atomic
def maak_eerste_beheerder(username: str, email: str, password: str, uitgevoerd_door: str = "", now=None) -> User:
    """`manage.py maak_beheerder`: the installation's first account, with the role beheerder.
    Refused when an active beheerder exists: then roles go through the four-eyes flow."""
    now = now or timezone.now()
    groep, _nieuw = Group.objects.get_or_create(name=BEHEERDER)
    Group.objects.select_for_update().get(pk=groep.pk)  # two runs at once: one after the other
    bestaande = actieve_beheerders()
    if bestaande:
        raise Weigering(
            _("Er is al een actieve beheerder (%(namen)s). Een nieuwe beheerder stelt die voor in OMO en een "
              "tweede beheerder keurt het goed (vier ogen). Er is niets veranderd.")
            % {"namen": ", ".join(u.username for u in bestaande)}
        )
    username = controleer_gebruikersnaam(username)
    email = controleer_email(email)
    controleer_wachtwoord(password, username, email)
    gebruiker = User.objects.create_user(username=username, email=email, password=password)
    gebruiker.groups.add(groep)
    Rolwijziging.objects.create(
        gebruiker=gebruiker, rol=BEHEERDER, actie=A.TOEKENNEN, status=_stap(None, S.GOEDGEKEURD, COMMANDO).naar,
        voorgesteld_door=None, voorgesteld_op=now, beoordeeld_op=now, via_commando=True,
        reden=_("Eerste account van de installatie."),
        toelichting=_("Aangemaakt met manage.py maak_beheerder (op de server, door %(wie)s): er was nog geen "
                      "beheerder.") % {"wie": uitgevoerd_door or os_gebruiker()},
    )
    return gebruiker


# --- Accounts: passwords are chosen by the user ------------------------------------------------


def _geldigheid() -> str:
    uren = settings.PASSWORD_RESET_TIMEOUT // 3600
    if uren and uren % 24 == 0:
        return ngettext("%(n)s dag", "%(n)s dagen", uren // 24) % {"n": uren // 24}
    return ngettext("%(n)s uur", "%(n)s uur", uren) % {"n": uren}


def herstelmail_context(gebruiker=None, **extra) -> dict:
    """What the reset e-mail's templates need besides Django's own context (uid, token, user)."""
    context = {
        "basis_url": settings.OMO_BASE_URL.rstrip("/"),
        "gemeente": settings.OMO_GEMEENTE,
        "geldig": _geldigheid(),
        **extra,
    }
    if gebruiker is not None:
        context.update({
            "user": gebruiker,
            "email": gebruiker.email,
            "uid": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
            "token": default_token_generator.make_token(gebruiker),
        })
    return context


def stuur_herstellink(gebruiker_id, user, *, nieuw_account: bool = False) -> None:
    """Send the user `gebruiker_id` Django's password-reset e-mail: they choose their own
    password. Raises `Weigering` (inactive, no e-mail address) or OSError (the mail server)."""
    gebruiker = User.objects.filter(pk=gebruiker_id).first()
    if gebruiker is None:
        raise Weigering(_("Deze gebruiker bestaat niet. Er is niets verstuurd."))
    vereis(user, "omo.change_user", gebruiker)
    if not gebruiker.is_active:
        raise Weigering(_("%(wie)s is niet actief; er is geen herstellink verstuurd.") % {"wie": gebruiker})
    if gebruiker.email_onbevestigd:
        raise Weigering(_(
            "Het e-mailadres van %(wie)s is door een beheerder gewijzigd; een herstellink gaat pas naar het nieuwe "
            "adres als %(wie)s zelf weer heeft ingelogd. Er is geen herstellink verstuurd."
        ) % {"wie": gebruiker})
    if not gebruiker.email:
        raise Weigering(_("%(wie)s heeft geen e-mailadres; er is geen herstellink verstuurd.") % {"wie": gebruiker})
    context = herstelmail_context(gebruiker, nieuw_account=nieuw_account)
    onderwerp = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
    tekst = render_to_string("registration/password_reset_email.html", context)
    EmailMultiAlternatives(onderwerp, tekst, None, [gebruiker.email]).send()


@transaction.atomic
def verplicht_wachtwoordwijziging(gebruiker_ids, user) -> int:
    """At their next request these users must choose a new password first. Returns how many."""
    aantal = 0
    for gebruiker in User.objects.select_for_update().filter(pk__in=list(gebruiker_ids)).order_by("pk"):
        vereis(user, "omo.change_user", gebruiker)
        if not gebruiker.moet_wachtwoord_wijzigen:
            gebruiker.moet_wachtwoord_wijzigen = True
            gebruiker.save(update_fields=["moet_wachtwoord_wijzigen"])
        aantal += 1
    return aantal


def ingelogd(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: whoever logs in with their own password owns the account, so an
    address a beheerder changed is theirs now."""
    if getattr(user, "email_onbevestigd", False):
        User.objects.filter(pk=user.pk).update(email_onbevestigd=False)
        user.email_onbevestigd = False


def wachtwoord_gekozen(gebruiker) -> None:
    """The user chose a new password (changed or reset): the forced change is done."""
    if User.objects.filter(pk=gebruiker.pk, moet_wachtwoord_wijzigen=True).update(moet_wachtwoord_wijzigen=False):
        gebruiker.moet_wachtwoord_wijzigen = False


def meld_emailwijziging(gebruiker, user, *, oud: str) -> None:
    """A beheerder changed another user's e-mail address: tell the old address, and send no
    reset link to the new one until the user has logged in themselves (`ingelogd`). Otherwise
    a beheerder could put their own address on any account, send it a reset link and log in as
    that user: a way round the four eyes on privileged roles and round need-to-know."""
    if not oud or oud.lower() == (gebruiker.email or "").lower():
        return
    User.objects.filter(pk=gebruiker.pk).update(email_onbevestigd=True)
    gebruiker.email_onbevestigd = True
    berichten.plaats(
        f"email-gewijzigd-{gebruiker.pk}-{timezone.now():%Y%m%d%H%M%S%f}",
        [oud],
        _("OMO: je e-mailadres is gewijzigd"),
        _("Beste %(naam)s,\n\n%(door)s heeft het e-mailadres van je OMO-account gewijzigd van %(oud)s in %(nieuw)s.\n\n"
          "Klopt dat niet? Neem dan direct contact op met de functioneel beheerder van %(gemeente)s.\n")
        % {"naam": gebruiker, "door": user, "oud": oud, "nieuw": gebruiker.email or "—",
           "gemeente": settings.OMO_GEMEENTE},
    )
