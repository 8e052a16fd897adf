"""The second factor of local accounts (DESIGN §10): required for the privileged roles and every
break-glass account, enrolment forced at the next login, a code at every login after that,
one-time recovery codes, and wrong codes counted by the lockout."""

import base64
import logging
import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pghistory.models import Events

from omo import demo_totp, tweedefactor
from omo.eenmalig import nieuw_token
from omo.models import Bericht, User
from omo.toegang import mag
from tests.conftest import PASSWORD
from tests.tweedefactor import code_van, code_voor, geef_app

pytestmark = pytest.mark.django_db

CODE_URL = reverse("tweede_factor_code")
INSTELLEN_URL = reverse("tweede_factor_instellen")
GEBLOKKEERD = 429
IP = "10.20.0.1"


def inloggen(client, username, password=PASSWORD, next_=None, ip=IP):
    url = reverse("login") + (f"?next={next_}" if next_ else "")
    data = {"username": username, "password": password}
    if next_:
        data["next"] = next_
    return client.post(url, data, REMOTE_ADDR=ip)


def code_geven(client, code, next_="", ip=IP):
    return client.post(CODE_URL, {"code": code, "next": next_}, REMOTE_ADDR=ip)


def geheim_van_pagina(html: str) -> bytes:
    match = re.search(r'data-testid="totp-geheim">([A-Z2-7 ]+)<', html)
    assert match, "geen geheim op de pagina"
    tekst = match.group(1).replace(" ", "")
    return base64.b32decode(tekst + "=" * (-len(tekst) % 8))


def ingelogd(client) -> bool:
    return client.get(reverse("home")).status_code == 200


# --- The rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rol, verplicht",
    [
        ("omo", True), ("budgethouder", True), ("college", True), ("beheerder", True),
        ("consulent", False), ("maatwerkcoach", False), ("portefeuillehouder", False),
        ("beleid", False), ("privacy", False), (None, False),
    ],
)
def test_required_for_the_privileged_roles(make_user, rol, verplicht):
    user = make_user(*([rol] if rol else []))
    assert mag(user, "omo.tweede_factor_verplicht") is verplicht
    assert mag(user, "omo.verwijder_eigen_tweede_factor") is not verplicht
    assert mag(user, "omo.beheer_eigen_tweede_factor")


def test_required_for_every_noodaccount(make_user):
    assert mag(make_user("consulent", noodaccount=True), "omo.tweede_factor_verplicht")
    assert mag(make_user(noodaccount=True), "omo.tweede_factor_verplicht")


# --- Forced enrolment -------------------------------------------------------------------------


def test_privileged_account_without_factor_must_enrol_before_anything_else(client, make_user):
    make_user("beheerder", username="tom")
    response = inloggen(client, "tom")
    assert response.status_code == 302 and response["Location"] == INSTELLEN_URL
    # Logged in with the password, but no page opens before the enrolment is done.
    for pagina in (
        reverse("home"), reverse("notificaties"), reverse("audit"), reverse("casus_lijst"),
        reverse("password_change"), reverse("tweede_factor"), reverse("tweede_factor_herstelcodes"),
        reverse("rolwijzigingen"), "/admin/", "/admin/omo/user/", reverse("login"),
    ):
        response = client.get(pagina)
        assert response.status_code == 302, pagina
        assert response["Location"].startswith(CODE_URL), pagina
        # The code step sends a user without a factor on to enrolment.
        assert client.get(response["Location"])["Location"].startswith(INSTELLEN_URL), pagina
    assert client.post(reverse("notificaties_gelezen")).status_code == 302
    htmx = client.get(reverse("notificaties"), headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and htmx["Content-Type"].startswith("text/plain")
    assert "tweede factor" in htmx.content.decode()
    assert client.get(reverse("gezondheid")).status_code in (200, 503)
    # The enrolment page: QR code inline, the secret in groups of four, no menu.
    html = client.get(INSTELLEN_URL).content.decode()
    assert "<svg" in html and 'class="omo-qr"' in html and 'role="img"' in html
    assert re.search(r'data-testid="totp-geheim">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<', html)
    assert 'id="hoofdmenu"' not in html
    # Logging out works.
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_enrolment_wrong_code_then_right_code_then_recovery_codes_once(client, make_user):
    TOKEN = {"eenmalig": nieuw_token()}  # one form, sent three times: the refusals leave it free
    tom = make_user("beheerder", username="tom")
    inloggen(client, "tom", next_="/meldingen/")
    response = client.get(INSTELLEN_URL + "?next=/meldingen/")
    html = response.content.decode()
    sleutel = geheim_van_pagina(html)
    # A reload shows the same secret (one unconfirmed device).
    assert geheim_van_pagina(client.get(INSTELLEN_URL).content.decode()) == sleutel
    assert TOTPDevice.objects.filter(user=tom).count() == 1

    response = client.post(INSTELLEN_URL, {"code": "000000", "next": "/meldingen/", **TOKEN})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    response = client.post(INSTELLEN_URL, {"code": "12ab", "next": "/meldingen/", **TOKEN})
    assert "Vul de 6 cijfers in" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302
    assert not tweedefactor.heeft_tweede_factor(tom)

    device = TOTPDevice.objects.get(user=tom)
    assert device.bin_key == sleutel
    assert not Bericht.objects.filter(aan__contains=[tom.email]).exists()
    response = client.post(INSTELLEN_URL, {"code": code_van(device), "next": "/meldingen/", **TOKEN})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("tweede_factor_herstelcodes"))
    # The user is told by e-mail, once: a stolen password alone can enrol, and they would learn of it.
    (bericht,) = Bericht.objects.filter(aan__contains=[tom.email])
    assert "ingesteld als tweede factor" in bericht.onderwerp and "Heb jij dit niet gedaan?" in bericht.tekst
    assert sleutel.hex() not in bericht.tekst
    html = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "Ik heb ze bewaard" in html and 'href="/meldingen/"' in html
    # Shown once.
    again = client.get(reverse("tweede_factor_herstelcodes")).content.decode()
    assert not any(code in again for code in codes) and "al getoond" in again
    # In now, and at the next login the code is asked.
    assert ingelogd(client)
    client.post(reverse("logout"))
    response = inloggen(client, "tom")
    assert response["Location"] == CODE_URL
    assert client.get(reverse("home"))["Location"].startswith(CODE_URL)
    # Enrolment again is not a way round the code.
    assert client.get(INSTELLEN_URL)["Location"].startswith(CODE_URL)
    assert client.post(INSTELLEN_URL, {"code": "123456"})["Location"].startswith(CODE_URL)


def test_a_role_granted_later_forces_enrolment_at_the_next_login(client, make_user):
    sanne = make_user("consulent", username="sanne")
    assert inloggen(client, "sanne")["Location"] == reverse("home")
    client.post(reverse("logout"))
    sanne.groups.add(Group.objects.get(name="budgethouder"))
    assert inloggen(client, "sanne")["Location"] == INSTELLEN_URL


# --- The code step ----------------------------------------------------------------------------


def test_code_step_wrong_code_stays_right_code_goes_on(client, make_user):
    ilse = make_user("omo", username="ilse")
    device = geef_app(ilse)
    response = inloggen(client, "ilse", next_="/meldingen/")
    assert response["Location"] == CODE_URL + "?next=%2Fmeldingen%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Code van je tweede factor" in page and 'autocomplete="one-time-code"' in page
    assert 'id="hoofdmenu"' not in page

    response = code_geven(client, "000000", "/meldingen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze code klopt niet" in html
    assert 'value="/meldingen/"' in html
    assert client.get(reverse("home")).status_code == 302

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = code_geven(client, code_van(device), "/meldingen/")
        assert response.status_code == 302 and response["Location"] == "/meldingen/"
        assert ingelogd(client)
        # Verified: the code and enrolment pages send the user on.
        assert client.get(CODE_URL)["Location"] == reverse("home")


def test_throttled_device_says_how_long_to_wait(client, make_user):
    ilse = make_user("omo", username="ilse")
    device = geef_app(ilse)
    inloggen(client, "ilse")
    code_geven(client, "000000")
    # Right away the right code too is refused: django-otp's throttling.
    response = code_geven(client, code_van(device))
    assert re.search(r"Wacht [12] seconden? en probeer", response.content.decode())
    assert not ingelogd(client)


def test_recovery_code_works_once(client, make_user):
    ilse = make_user("omo", username="ilse")
    device = geef_app(ilse)
    inloggen(client, "ilse")
    client.post(INSTELLEN_URL)  # no effect: she has an app
    codes = tweedefactor._nieuwe_herstelcodes(ilse)
    assert StaticToken.objects.filter(device__user=ilse).count() == 10
    response = code_geven(client, codes[0].upper()[:4] + "-" + codes[0].upper()[4:])
    assert response.status_code == 302 and ingelogd(client)
    assert StaticToken.objects.filter(device__user=ilse).count() == 9

    client.post(reverse("logout"))
    inloggen(client, "ilse")
    response = code_geven(client, codes[0])
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()
    assert not ingelogd(client)
    # Another code works (after django-otp's pause after a wrong one).
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert code_geven(client, codes[1]).status_code == 302 and ingelogd(client)
    assert tweedefactor.app(ilse) == device


def test_a_factor_removed_while_the_code_is_owed(client, make_user):
    """A reset between password and code: who needs none goes in, who needs one enrols."""
    sanne = make_user("consulent", username="sanne")
    geef_app(sanne)
    assert inloggen(client, "sanne")["Location"] == CODE_URL
    TOTPDevice.objects.filter(user=sanne).delete()
    assert client.get(CODE_URL)["Location"] == reverse("home")
    assert ingelogd(client)

    tom = make_user("beheerder", username="tom")
    geef_app(tom)
    client = Client()
    assert inloggen(client, "tom")["Location"] == CODE_URL
    TOTPDevice.objects.filter(user=tom).delete()
    assert client.get(CODE_URL)["Location"] == INSTELLEN_URL
    assert not ingelogd(client)


# --- Lockout ----------------------------------------------------------------------------------


def test_five_wrong_codes_lock_and_end_the_session(client, make_user):
    ilse = make_user("omo", username="ilse")
    device = geef_app(ilse)
    inloggen(client, "ilse")
    for n in range(1, 5):
        response = code_geven(client, f"00000{n}")
        assert response.status_code == 200, n
    response = code_geven(client, "000005")
    assert response.status_code == GEBLOKKEERD
    html = response.content.decode()
    assert "Tijdelijk geblokkeerd" in html and "verkeerde code" in html
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    # During the lock: the password is refused, and a right code gets nobody in.
    assert inloggen(client, "ilse").status_code == GEBLOKKEERD
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert code_geven(client, code_van(device))["Location"].startswith(reverse("login"))
        assert not ingelogd(client)
    # What was typed is not kept with the attempts.
    assert not AccessAttempt.objects.filter(post_data__contains="000005").exists()
    # After the cool-off the right password and code work again.
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert inloggen(client, "ilse")["Location"] == CODE_URL
        assert code_geven(client, code_van(device)).status_code == 302 and ingelogd(client)


def test_a_correct_password_does_not_reset_the_wrong_codes(make_user):
    ilse = make_user("omo", username="ilse")
    geef_app(ilse)
    client = Client()
    inloggen(client, "ilse")
    for n in range(4):
        assert code_geven(client, f"00000{n}").status_code == 200
    # Log in again with the right password: the four wrong codes still count.
    client = Client()
    assert inloggen(client, "ilse")["Location"] == CODE_URL
    response = code_geven(client, "999999")
    assert response.status_code == GEBLOKKEERD
    assert "_auth_user_id" not in client.session


def test_a_right_code_resets_the_count(client, make_user):
    ilse = make_user("omo", username="ilse")
    device = geef_app(ilse)
    with time_machine.travel(timezone.now(), tick=False) as klok:
        inloggen(client, "ilse")
        for n in range(4):
            assert code_geven(client, f"00000{n}").status_code == 200
        klok.shift(timedelta(seconds=20))  # past django-otp's throttle, within the 5 minutes
        assert code_geven(client, code_van(device)).status_code == 302
        assert not AccessAttempt.objects.filter(username="ilse").exists()
        client.post(reverse("logout"))
        inloggen(client, "ilse")
        for n in range(4):
            assert code_geven(client, f"11111{n}").status_code == 200


def test_wrong_codes_count_with_wrong_passwords(client, make_user):
    ilse = make_user("omo", username="ilse")
    geef_app(ilse)
    for _ in range(3):
        assert inloggen(Client(), "ilse", "verkeerd").status_code == 200
    inloggen(client, "ilse")
    assert code_geven(client, "000001").status_code == 200
    assert code_geven(client, "000002").status_code == GEBLOKKEERD


# --- Optional for the others; the account page ------------------------------------------------


def test_optional_for_a_consulent_who_can_add_and_remove_it(client, make_user):
    sanne = make_user("consulent", username="sanne")
    assert inloggen(client, "sanne")["Location"] == reverse("home")
    html = client.get(reverse("tweede_factor")).content.decode()
    assert "niet verplicht" in html and "Niet ingesteld" in html
    assert reverse("tweede_factor") in client.get(reverse("home")).content.decode()  # user menu

    html = client.get(reverse("tweede_factor_app")).content.decode()
    sleutel = geheim_van_pagina(html)
    device = TOTPDevice.objects.get(user=sanne, confirmed=False)
    assert device.bin_key == sleutel
    response = client.post(reverse("tweede_factor_app"), {"code": code_van(device), "eenmalig": nieuw_token()})
    assert response["Location"].startswith(reverse("tweede_factor_herstelcodes"))
    assert len(re.findall(r"<li><code>", client.get(response["Location"]).content.decode())) == 10
    html = client.get(reverse("tweede_factor")).content.decode()
    assert "Ingesteld" in html and "App en herstelcodes verwijderen" in html

    # New recovery codes replace the old ones.
    oud = set(StaticToken.objects.filter(device__user=sanne).values_list("token", flat=True))
    response = client.post(reverse("tweede_factor_herstelcodes_nieuw"))
    nieuw = set(StaticToken.objects.filter(device__user=sanne).values_list("token", flat=True))
    assert len(nieuw) == 10 and not oud & nieuw
    getoond = client.get(response["Location"]).content.decode()
    assert all(code in getoond for code in nieuw), getoond

    # Next login: the code is asked of her too.
    client.post(reverse("logout"))
    assert inloggen(client, "sanne")["Location"] == CODE_URL
    assert code_geven(client, code_voor(sanne)).status_code == 302
    response = client.post(reverse("tweede_factor_verwijderen"), follow=True)
    assert "zijn verwijderd" in response.content.decode()
    assert not tweedefactor.heeft_tweede_factor(sanne)
    client.post(reverse("logout"))
    assert inloggen(client, "sanne")["Location"] == reverse("home")


def test_required_factor_cannot_be_removed(client, make_user):
    tom = make_user("beheerder", username="tom")
    device = geef_app(tom)
    inloggen(client, "tom")
    code_geven(client, code_van(device))
    html = client.get(reverse("tweede_factor")).content.decode()
    assert "is een tweede factor verplicht" in html and "verwijderen" not in html
    response = client.post(reverse("tweede_factor_verwijderen"), follow=True)
    assert "kunt hem niet verwijderen" in response.content.decode()
    assert tweedefactor.heeft_tweede_factor(tom)


def test_a_session_without_the_code_cannot_change_the_factor(client, make_user):
    """A session that did not pass the second factor (made before it was set up, elsewhere)
    cannot add an app of its own or make recovery codes."""
    tom = make_user("beheerder", username="tom")
    client.force_login(tom)
    geef_app(tom)
    response = client.get(reverse("tweede_factor_app"), follow=True)
    assert "Log eerst in met je tweede factor" in response.content.decode()
    response = client.post(reverse("tweede_factor_herstelcodes_nieuw"), follow=True)
    assert "Log eerst in met je tweede factor" in response.content.decode()
    assert not StaticToken.objects.filter(device__user=tom).exists()
    assert TOTPDevice.objects.filter(user=tom).count() == 1


# --- Around it --------------------------------------------------------------------------------


def test_admin_login_is_not_a_way_round_the_code(client, make_user):
    tom = make_user("beheerder", username="tom")
    geef_app(tom)
    response = client.get("/admin/login/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.post("/admin/login/", {"username": "tom", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    inloggen(client, "tom")
    assert client.get("/admin/")["Location"].startswith(CODE_URL)
    assert client.get("/admin/login/")["Location"].startswith(CODE_URL)


def test_forced_password_change_comes_after_the_second_factor(client, make_user):
    ilse = make_user("omo", username="ilse", moet_wachtwoord_wijzigen=True)
    device = geef_app(ilse)
    assert inloggen(client, "ilse")["Location"] == CODE_URL
    assert client.get(reverse("password_change"))["Location"].startswith(CODE_URL)
    response = code_geven(client, code_van(device))
    assert client.get(response["Location"])["Location"] == reverse("password_change")


def test_the_secret_is_in_no_audit_event_and_no_log(client, make_user, caplog):
    caplog.set_level(logging.DEBUG)
    make_user("beheerder", username="tom")
    inloggen(client, "tom")
    html = client.get(INSTELLEN_URL).content.decode()
    sleutel = geheim_van_pagina(html)
    device = TOTPDevice.objects.get(user__username="tom")
    client.post(INSTELLEN_URL, {"code": "000000", "eenmalig": nieuw_token()})
    client.post(INSTELLEN_URL, {"code": code_van(device), "eenmalig": nieuw_token()})
    geheimen = {sleutel.hex(), base64.b32encode(sleutel).decode().rstrip("=")}
    for event in Events.objects.all():
        tekst = str(event.pgh_data) + str(event.pgh_context)
        assert not any(g.lower() in tekst.lower() for g in geheimen), event.pgh_label
    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert not any(g.lower() in logs.lower() for g in geheimen)


# --- Demo ---------------------------------------------------------------------------------------


def test_demo_accounts_with_a_required_role_get_the_demo_secret(settings, capsys):
    settings.DEBUG = True
    call_command("demo_data")
    met = {u.username for u in User.objects.all() if tweedefactor.is_verplicht(u)}
    assert met == set(demo_totp.DEMO_ACCOUNTS_MET_TWEEDE_FACTOR)
    for user in User.objects.all():
        device = tweedefactor.app(user)
        if user.username in met:
            assert device.bin_key == demo_totp.sleutel()
        else:
            assert device is None, user.username
    aantal = TOTPDevice.objects.count()
    call_command("demo_data")
    assert TOTPDevice.objects.count() == aantal

    capsys.readouterr()
    call_command("demo_code")
    assert capsys.readouterr().out.strip() == demo_totp.code()
    call_command("demo_code", "beheerder")
    assert re.fullmatch(r"\d{6}", capsys.readouterr().out.strip())
    # The demo code logs the demo beheerder in.
    client = Client()
    assert client.post(reverse("login"), {"username": "beheerder", "password": "demo"})["Location"] == CODE_URL
    assert client.post(CODE_URL, {"code": demo_totp.code()}).status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_demo_code_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_code")


def test_demo_secret_from_the_environment(monkeypatch):
    monkeypatch.setenv("OMO_DEMO_TOTP_SECRET", "jbsw y3dp ehpk 3pxp")
    assert demo_totp.geheim() == "JBSWY3DPEHPK3PXP"
    assert "secret=JBSWY3DPEHPK3PXP" in demo_totp.otpauth_uri()
    monkeypatch.setenv("OMO_DEMO_TOTP_SECRET", "geen-base32!")
    with pytest.raises(ValueError, match="base32"):
        demo_totp.geheim()


def test_make_run_prints_the_demo_secret_once():
    from omo.devservices import tweede_factor_uitleg

    tekst = "\n".join(tweede_factor_uitleg())
    assert demo_totp.geheim() in tekst and demo_totp.otpauth_uri() in tekst
    assert all(naam in tekst for naam in demo_totp.DEMO_ACCOUNTS_MET_TWEEDE_FACTOR)


def test_double_click_on_confirm_sets_up_one_app(client, make_user):
    """The same confirmation twice: one app, no second one begun with another secret, and the
    second answer says it was done."""
    sanne = make_user("consulent", username="sanne")
    client.force_login(sanne)
    url = reverse("tweede_factor_app")
    client.get(url)
    device = TOTPDevice.objects.get(user=sanne)
    data = {"code": code_van(device), "eenmalig": nieuw_token()}
    eerste = client.post(url, data)
    tweede = client.post(url, data, follow=True)
    assert eerste.status_code == 302 and tweede.redirect_chain[0][0] == eerste["Location"]
    assert "Je authenticator-app was al ingesteld" in tweede.content.decode()
    assert list(TOTPDevice.objects.filter(user=sanne).values_list("pk", "confirmed")) == [(device.pk, True)]
