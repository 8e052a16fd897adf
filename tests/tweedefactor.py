"""Second-factor helpers for tests: an enrolled authenticator app and the code it shows now.

`code_van(device)` computes the code the way an authenticator app does (django-otp's own TOTP,
from the device's key), for the next time step the device will still accept: django-otp refuses
a code of a step it has already seen (no replay), so a second login within 30 seconds takes the
next step's code (within the device's tolerance of one step).
"""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from omo import tweedefactor


def geef_app(user) -> TOTPDevice:
    """`user`'s confirmed authenticator app (made when it has none)."""
    device = tweedefactor.app(user)
    return device or TOTPDevice.objects.create(user=user, name=tweedefactor.APP_NAAM, confirmed=True)


def code_van(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t is not None and totp.t() <= device.last_t:
        totp.time += (device.last_t + 1 - totp.t()) * device.step
    return f"{totp.token():0{device.digits}d}"


def code_voor(user) -> str:
    return code_van(tweedefactor.app(user))


def zorg_voor_tweede_factor(user) -> None:
    """Enrol `user`'s app when their role requires a second factor and they have none, so that a
    login through the form goes to the code step (the tests of enrolment itself do not use this)."""
    if tweedefactor.is_verplicht(user) and not tweedefactor.heeft_tweede_factor(user):
        geef_app(user)


def code_stap_in_browser(page, user) -> bool:
    """After a right password in a real browser: give the app's code when the code step asks
    for it (True), or nothing when the login went straight on (False)."""
    from urllib.parse import urlsplit

    page.wait_for_url(lambda url: urlsplit(url).path != "/inloggen/")
    if urlsplit(page.url).path != "/inloggen/code/":
        return False
    page.get_by_label("Code").fill(code_voor(user))
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/inloggen/code/")
    return True
