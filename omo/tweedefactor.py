"""The second factor of local accounts: an authenticator app (TOTP) and one-time recovery codes.

Built on django-otp: a `TOTPDevice` per user for the app, a `StaticDevice` with ten one-time
`StaticToken`s for the recovery codes. A device is a second factor once it is *confirmed*: the
app's device when its first code was right, the recovery codes when they are made (always
together with a confirmed app). Passkeys (django-otp-webauthn) are devices too, and count as a
second factor wherever `heeft_tweede_factor` is asked.

Who needs one is the rule `omo.tweede_factor_verplicht` (the privileged roles and every
break-glass account). At login (`omo.views_inloggen`) the user with a second factor gives a code;
the user who needs one and has none enrols first. Codes are checked by django-otp itself
(`Device.verify_token`), with its throttling: after each wrong code a device refuses every code
for a doubling number of seconds. The lockout after 5 wrong codes is django-axes's, fed by the
login view.

The secret of an app never leaves this module but as the QR code and the text shown at
enrolment: it is not logged and not in the audit history (django-otp's tables are not tracked).
"""

import base64
import logging
import math
import re

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from omo.toegang import mag, vereis
from omo.weigering import Weigering

logger = logging.getLogger(__name__)

AANTAL_HERSTELCODES = 10
APP_NAAM = "Authenticator-app"
HERSTELCODES_NAAM = "Herstelcodes"

# What the login asks of a user after the password (`stap_bij_inloggen`).
CODE = "code"
INSTELLEN = "instellen"


# --- Questions -------------------------------------------------------------------------------


def is_verplicht(user) -> bool:
    """Whether `user` may only work with a second factor (rule `omo.tweede_factor_verplicht`)."""
    return mag(user, "omo.tweede_factor_verplicht")


def heeft_tweede_factor(user) -> bool:
    """Whether `user` has a confirmed second factor of any kind (app, recovery codes, passkey)."""
    return user_has_device(user, confirmed=True)


def stap_bij_inloggen(user) -> str | None:
    """After a right password: CODE (give a code), INSTELLEN (enrol first) or None (done)."""
    if heeft_tweede_factor(user):
        return CODE
    if is_verplicht(user):
        return INSTELLEN
    return None


def app(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def herstelcodes_over(user) -> int:
    """How many unused recovery codes `user` has left."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _normaal(code) -> str:
    """A typed code without spaces or dashes (apps show "123 456", codes may be copied "abcd-efgh")."""
    return re.sub(r"[\s-]", "", str(code or ""))


# --- Enrolment -------------------------------------------------------------------------------


def _vergrendel(user):
    """Lock the user's row: enrolment steps of one user happen one after the other."""
    from omo.models import User

    return User.objects.select_for_update().get(pk=user.pk)


def begin_app(user, *, geverifieerd: bool) -> TOTPDevice:
    """The unconfirmed app device `user` enrols (made once; a reload shows the same secret).

    A user who already has a second factor replaces the app only from a session that passed it
    (`geverifieerd`): the password alone must not be enough to add a factor of one's own."""
    vereis(user, "omo.beheer_eigen_tweede_factor")
    with transaction.atomic():
        device = _app_in_wording(user, geverifieerd=geverifieerd)
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=APP_NAAM, confirmed=False)
        return device


def _app_in_wording(user, *, geverifieerd: bool) -> TOTPDevice | None:
    """Under the user's row lock: the unconfirmed app being enrolled, after checking that this
    session may change the factor at all."""
    _vergrendel(user)
    if heeft_tweede_factor(user) and not geverifieerd:
        raise Weigering(_("Log eerst in met je tweede factor; daarna kun je een andere app instellen."))
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()


def bevestig_app(user, *, code, geverifieerd: bool) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with its first right code: it becomes the user's app (an earlier app is
    removed) and ten new recovery codes replace any earlier ones. Returns the device and the
    codes, which are shown once."""
    vereis(user, "omo.beheer_eigen_tweede_factor")
    code = _normaal(code)
    if not re.fullmatch(r"\d{6}", code):
        raise Weigering(_("Vul de 6 cijfers in die je app nu toont."), "code")
    with transaction.atomic():
        device = _app_in_wording(user, geverifieerd=geverifieerd)
        if device is None:
            raise Weigering(_("Er wordt geen app ingesteld. Begin opnieuw."), "code")
        if not device.verify_token(code):
            raise Weigering(
                _("Deze code klopt niet. Controleer of de tijd op je telefoon klopt en vul de code in die de app nu toont."),
                "code",
            )
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _nieuwe_herstelcodes(user)
        _meld_ingesteld(user, device)
    logger.info("Tweede factor (app) ingesteld voor gebruiker %s", user.pk)
    return device, codes


def _meld_ingesteld(user, device) -> None:
    """Tell the user by e-mail that an app was set up as their second factor. Enrolling needs only
    the password (the first time, or after a reset): whoever holds a stolen password learns of it
    from OMO, and the real user can ask a beheerder to reset the factor."""
    from django.conf import settings

    from omo import berichten

    berichten.plaats(
        f"tweede-factor-ingesteld-{user.pk}-{device.pk}",
        [user.email],
        _("OMO: er is een app ingesteld als tweede factor"),
        _("Beste %(naam)s,\n\nOp %(wanneer)s is een authenticator-app ingesteld als tweede factor van je "
          "OMO-account (%(gebruiker)s). Daarmee log je voortaan in, samen met je wachtwoord.\n\n"
          "Heb jij dit niet gedaan? Neem dan direct contact op met de functioneel beheerder van %(gemeente)s: "
          "iemand anders kent dan je wachtwoord. De beheerder laat je tweede factor herstellen en je kiest een "
          "nieuw wachtwoord.\n")
        % {"naam": user, "gebruiker": user.username,
           "wanneer": timezone.localtime().strftime("%d-%m-%Y %H:%M"), "gemeente": settings.OMO_GEMEENTE},
    )


def _nieuwe_herstelcodes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=HERSTELCODES_NAAM, confirmed=True)
    codes: list[str] = []
    while len(codes) < AANTAL_HERSTELCODES:
        token = StaticToken.random_token()
        if token not in codes:
            codes.append(token)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=token) for token in codes)
    return codes


def maak_herstelcodes(user, *, geverifieerd: bool) -> list[str]:
    """Ten new recovery codes for `user`, replacing the old ones (which stop working)."""
    vereis(user, "omo.beheer_eigen_tweede_factor")
    with transaction.atomic():
        _vergrendel(user)
        if not geverifieerd:
            raise Weigering(_("Log eerst in met je tweede factor; daarna kun je nieuwe herstelcodes maken."))
        if app(user) is None:
            raise Weigering(_("Stel eerst een authenticator-app in; de herstelcodes horen daarbij."))
        codes = _nieuwe_herstelcodes(user)
    logger.info("Nieuwe herstelcodes gemaakt voor gebruiker %s", user.pk)
    return codes


def verwijder(user, *, geverifieerd: bool) -> None:
    """Remove the user's app and recovery codes; only where no second factor is required."""
    vereis(
        user,
        "omo.verwijder_eigen_tweede_factor",
        melding=_("Voor jouw rol is een tweede factor verplicht; je kunt hem niet verwijderen."),
    )
    with transaction.atomic():
        _vergrendel(user)
        if heeft_tweede_factor(user) and not geverifieerd:
            raise Weigering(_("Log eerst in met je tweede factor; daarna kun je hem verwijderen."))
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    logger.info("Tweede factor (app en herstelcodes) verwijderd door gebruiker %s", user.pk)


# --- Verification ----------------------------------------------------------------------------


def verifieer(user, *, code):
    """The device of `user` that accepts `code`: a 6-digit code from the app, or a recovery
    code (used up by this). Refuses with a Dutch message otherwise; a wrong code counts for
    django-otp's throttling of the device it was meant for."""
    code = _normaal(code)
    if not code:
        raise Weigering(_("Vul de code in."), "code")
    if re.fullmatch(r"\d{6}", code):
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    else:
        devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
        code = code.lower()
    gevonden, wacht_tot = None, None
    with transaction.atomic():
        for device in devices.select_for_update().order_by("pk"):
            toegestaan, info = device.verify_is_allowed()
            if not toegestaan:
                gevonden_tot = (info or {}).get("locked_until")
                wacht_tot = max(filter(None, [wacht_tot, gevonden_tot]), default=None)
                continue
            if device.verify_token(code):
                gevonden = device
                break
    if gevonden is not None:
        return gevonden
    if wacht_tot is not None:
        seconden = max(1, math.ceil((wacht_tot - timezone.now()).total_seconds()))
        raise Weigering(
            ngettext(
                "Te veel verkeerde codes kort na elkaar. Wacht %(n)s seconde en probeer het dan opnieuw.",
                "Te veel verkeerde codes kort na elkaar. Wacht %(n)s seconden en probeer het dan opnieuw.",
                seconden,
            )
            % {"n": seconden},
            "code",
        )
    raise Weigering(_("Deze code klopt niet. Vul de code in die je app nu toont, of een ongebruikte herstelcode."), "code")


# --- Showing the secret at enrolment ---------------------------------------------------------


def geheim_in_groepen(device: TOTPDevice) -> str:
    """The app's secret in base32, in groups of four, for typing it into an app by hand."""
    tekst = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def qr_svg(device: TOTPDevice, label: str) -> str:
    """The QR code of the app's otpauth:// address, as inline SVG (no image file, no Pillow)."""
    svg = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4
    ).to_string(encoding="unicode")
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', "<svg", svg)
    svg = svg.replace("<svg ", f'<svg class="omo-qr" role="img" aria-label="{escape(label)}" focusable="false" ', 1)
    return mark_safe(svg)  # noqa: S308 - made here from the QR library's path data

