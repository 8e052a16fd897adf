"""What a login through the identity provider changes in OMO, and the break-glass accounts.

- `synchroniseer_rollen`: at every login through the provider the user's roles become exactly
  the roles its groups map to (`OIDC_ROLLEN`). Each role added or removed is a `Rolwijziging`
  with `via_provider`, approved at once and with neither proposer nor reviewer: the provider is
  the authority on its groups, and the four eyes happen where the groups are managed.
- `synchroniseer_team`: the team from the first mapped group (`OIDC_TEAMS`).
- `zet_noodaccount`: `manage.py noodaccount`, on the server only.
- `meld_noodlogin`: a break-glass account logged in with its password while single sign-on is on:
  every active beheerder is told, and the log says so at WARNING.
"""

import logging

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omo.models import Rolwijziging, Team, User
from omo.rolbeheer import actieve_beheerders, os_gebruiker
from omo.roles import ROLLEN
from omo.services import notify
from omo.toegang import vergeet
from omo.weigering import Weigering

logger = logging.getLogger(__name__)

A = Rolwijziging.Actie
S = Rolwijziging.Status


def _namen(codes) -> str:
    return ", ".join(str(ROLLEN[c].naam) for c in sorted(codes)) or _("geen")


@transaction.atomic
def synchroniseer_rollen(gebruiker_id, *, rollen, now=None) -> tuple[set[str], set[str]]:
    """Make `gebruiker_id`'s roles exactly `rollen` (role codes). Returns (added, removed).

    Under a row lock on the user, so two logins at once record each change once."""
    now = now or timezone.now()
    gewenst = {r for r in rollen if r in ROLLEN}
    onbekend = set(rollen) - gewenst
    if onbekend:
        raise Weigering(_("Onbekende rol: %(rollen)s. Er is niets veranderd.") % {"rollen": ", ".join(sorted(onbekend))})
    gebruiker = User.objects.select_for_update().filter(pk=gebruiker_id).first()
    if gebruiker is None:
        raise Weigering(_("Deze gebruiker bestaat niet. Er is niets veranderd."))
    huidig = set(gebruiker.groups.filter(name__in=list(ROLLEN)).values_list("name", flat=True))
    erbij, eraf = gewenst - huidig, huidig - gewenst
    if not erbij and not eraf:
        return set(), set()
    reden = _("De groepen van %(wie)s bij de identiteitsprovider bepalen de rollen in OMO.") % {"wie": gebruiker}
    for actie, codes in ((A.TOEKENNEN, erbij), (A.INTREKKEN, eraf)):
        for rol in sorted(codes):
            Rolwijziging.objects.create(
                gebruiker=gebruiker, rol=rol, actie=actie, status=S.GOEDGEKEURD, via_provider=True,
                voorgesteld_door=None, voorgesteld_op=now, beoordeeld_op=now, reden=reden,
            )
            groep, _nieuw = Group.objects.get_or_create(name=rol)
            if actie == A.TOEKENNEN:
                gebruiker.groups.add(groep)
            else:
                gebruiker.groups.remove(groep)
    vergeet(gebruiker)
    logger.info(
        "Roles of user %s set by the identity provider: added %s, removed %s",
        gebruiker.pk, sorted(erbij) or "-", sorted(eraf) or "-",
    )
    delen = []
    if erbij:
        delen.append(_("erbij: %(rollen)s") % {"rollen": _namen(erbij)})
    if eraf:
        delen.append(_("vervallen: %(rollen)s") % {"rollen": _namen(eraf)})
    notify(
        gebruiker,
        _("Je rollen in OMO zijn bijgewerkt volgens je groepen bij je organisatie (%(wat)s). Je rollen nu: %(nu)s.")
        % {"wat": "; ".join(delen), "nu": _namen(gewenst)},
        key=f"sso-rollen-{gebruiker.pk}-{now:%Y%m%d%H%M%S%f}",
    )
    return erbij, eraf


def synchroniseer_team(gebruiker, groepen, teams: dict[str, str]) -> None:
    """The team of the first group in `teams` (the order of OIDC_TEAMS) the user is in.

    With OIDC_TEAMS empty the team is left to the beheerder (managed in OMO). With OIDC_TEAMS
    set, the provider decides: no mapped group means no team. A mapped team OMO does not know
    (or that is inactive) is logged and the team is left as it is."""
    if not teams:
        return
    naam = next((teams[g] for g in teams if g in groepen), None)
    if naam is None:
        team = None
    else:
        team = Team.objects.filter(naam=naam, actief=True).first()
        if team is None:
            logger.warning("OIDC_TEAMS names team %r, which OMO does not have (or is inactive)", naam)
            return
    if gebruiker.team_id != (team.pk if team else None):
        gebruiker.team = team
        gebruiker.save(update_fields=["team"])


@transaction.atomic
def zet_noodaccount(username: str, *, aan: bool, uitgevoerd_door: str = "") -> User:
    """`manage.py noodaccount`: mark or unmark a break-glass account. Logged with who did it."""
    gebruiker = User.objects.select_for_update().filter(username__iexact=(username or "").strip()).first()
    if gebruiker is None:
        raise Weigering(_("Er is geen gebruiker met de gebruikersnaam ‘%(naam)s’. Er is niets veranderd.")
                        % {"naam": username})
    if aan and not gebruiker.is_active:
        raise Weigering(_("%(wie)s is niet actief; een noodaccount moet actief zijn. Er is niets veranderd.")
                        % {"wie": gebruiker.username})
    if gebruiker.noodaccount == aan:
        return gebruiker
    gebruiker.noodaccount = aan
    gebruiker.save(update_fields=["noodaccount"])
    logger.warning(
        "Break-glass flag of %s %s on the server by %s",
        gebruiker.username, "set" if aan else "cleared", uitgevoerd_door or os_gebruiker(),
    )
    tekst = (
        _("%(wie)s is nu een noodaccount (gezet op de server door %(door)s): mag bij een storing van de "
          "identiteitsprovider lokaal inloggen.")
        if aan else _("%(wie)s is geen noodaccount meer (op de server door %(door)s).")
    ) % {"wie": gebruiker.username, "door": uitgevoerd_door or os_gebruiker()}
    sleutel = f"noodaccount-{gebruiker.pk}-{'aan' if aan else 'uit'}-{timezone.now():%Y%m%d%H%M%S%f}"
    for beheerder in actieve_beheerders():
        notify(beheerder, tekst, key=sleutel)
    return gebruiker


def meld_noodlogin(gebruiker, ip: str | None, now=None) -> None:
    """A break-glass account logged in with its local password while single sign-on is on."""
    now = timezone.localtime(now or timezone.now())
    logger.warning("Break-glass account %s logged in locally from %s", gebruiker.username, ip or "?")
    tekst = _("Noodaccount %(wie)s heeft lokaal ingelogd om %(tijd)s vanaf IP %(ip)s.") % {
        "wie": gebruiker.username, "tijd": now.strftime("%H:%M"), "ip": ip or "?",
    }
    sleutel = f"noodlogin-{gebruiker.pk}-{now:%Y%m%d%H%M%S%f}"
    for beheerder in actieve_beheerders():
        notify(beheerder, tekst, key=sleutel)
