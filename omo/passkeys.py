"""Passkeys (WebAuthn, django-otp-webauthn) as a second option for the second factor.

- The authenticator app (TOTP) stays the factor every account enrols; a passkey is added next
  to it (rule `omo.voeg_passkey_toe`: a confirmed app and a session that passed the second
  factor) and removed by its owner (`omo.verwijder_passkey`). So recovery codes always exist,
  and a password alone never adds a passkey.
- At the code step a user who has a passkey may use it instead of a code; django-otp-webauthn
  then marks the session as verified (`otp_login`).
- A passkey is bound to a host name (the relying party ID, from OMO_BASE_URL or
  OTP_WEBAUTHN_RP_ID) and to the origins in OTP_WEBAUTHN_ALLOWED_ORIGINS. A browser accepts no
  IP address as relying party ID and needs https (or http://localhost): `beschikbaar` says
  whether passkeys can work for this request, and the pages offer them only then, saying why not
  otherwise. With `make run`'s default http://127.0.0.1:8000 they are off; with
  OMO_BASE_URL=http://localhost:8000 they work.
"""

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp_webauthn.utils import get_credential_model

from omo.toegang import vereis
from omo.weigering import Weigering


@dataclass(frozen=True)
class Beschikbaarheid:
    ja: bool
    waarom_niet: str = ""


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def beschikbaar(request=None) -> Beschikbaarheid:
    """Can passkeys work here: a host name as relying party ID, a secure origin, and (with a
    request) the page opened on that host or a subdomain of it."""
    rp_id = (settings.OTP_WEBAUTHN_RP_ID or "").lower()
    if not rp_id or _is_ip(rp_id):
        return Beschikbaarheid(False, _(
            "Passkeys werken alleen als OMO via een hostnaam wordt bereikt (bijvoorbeeld https://omo.gemeente.nl), "
            "niet via een IP-adres zoals %(adres)s. Gebruik je app met inlogcodes."
        ) % {"adres": rp_id or "—"})
    origins = [urlsplit(o) for o in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS]
    if not origins or not all(o.scheme == "https" or o.hostname == "localhost" for o in origins):
        return Beschikbaarheid(False, _(
            "Passkeys werken alleen via een beveiligde verbinding (https). Gebruik je app met inlogcodes."
        ))
    if request is not None:
        host = request.get_host().rsplit(":", 1)[0].lower() if not request.get_host().startswith("[") else ""
        if host != rp_id and not host.endswith("." + rp_id):
            return Beschikbaarheid(False, _(
                "Passkeys werken op %(rp)s; je hebt OMO via een ander adres geopend. Gebruik je app met inlogcodes."
            ) % {"rp": rp_id})
    return Beschikbaarheid(True)


def passkeys_van(user):
    """The user's own passkeys, newest first."""
    return get_credential_model().objects.filter(user_id=user.pk).order_by("-created_at", "-pk")


def heeft_passkey(user) -> bool:
    return get_credential_model().objects.filter(user_id=user.pk, confirmed=True).exists()


def standaardnaam(now=None) -> str:
    """The name of a new passkey (the browser tells us nothing a person recognises)."""
    moment = timezone.localtime(now or timezone.now())
    return _("Passkey toegevoegd op %(datum)s") % {"datum": moment.strftime("%d-%m-%Y %H:%M")}


@transaction.atomic
def verwijder_passkey(passkey_id, user) -> str:
    """The owner removes one of their passkeys (in a session that passed the second factor).
    Returns its name. Removing it twice: the second time says it is gone."""
    # One message whether it does not exist, is someone else's or the session has not passed the
    # second factor: a number tells nobody whose passkey it is.
    melding = _("Deze passkey kun je niet verwijderen: hij bestaat niet (meer), of je bent nog niet met je tweede "
                "factor ingelogd. Er is niets veranderd.")
    passkey = get_credential_model().objects.select_for_update().filter(pk=passkey_id).first()
    if passkey is None:
        raise Weigering(melding)
    vereis(user, "omo.verwijder_passkey", passkey, melding=melding)
    naam = passkey.name
    passkey.delete()
    return naam
