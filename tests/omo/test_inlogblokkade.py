"""Login lockout per username and address, per address and per username (django-axes).

Limits within 5 minutes (omo/settings.py): username+address 5, address 20, username 10.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FOUT = "verkeerd-wachtwoord"
GEBLOKKEERD = 429
LIMIET_GEBRUIKER_ADRES = settings.OMO_INLOG_LIMIETEN[("username", "ip_address")]
LIMIET_ADRES = settings.OMO_INLOG_LIMIETEN[("ip_address",)]
LIMIET_GEBRUIKER = settings.OMO_INLOG_LIMIETEN[("username",)]


def inloggen(username, password, ip, client=None):
    """POST the real login form from `ip`, with a fresh browser unless a client is given."""
    client = client or Client()
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def is_ingelogd(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home")


def zonder_csrf(response) -> str:
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


def foutmelding(response) -> str:
    match = re.search(r'<div class="alert alert-danger"[^>]*id="login-fout">(.*?)</div>', response.content.decode(), re.S)
    assert match, "no login error on the page"
    return match.group(1)


def test_limits_are_as_documented():
    assert (LIMIET_GEBRUIKER_ADRES, LIMIET_ADRES, LIMIET_GEBRUIKER) == (5, 20, 10)
    assert settings.AXES_FAILURE_LIMIT == LIMIET_GEBRUIKER_ADRES
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=5)


def test_five_failures_lock_username_on_that_address(make_user):
    make_user("consulent", username="sanne")
    make_user("consulent", username="ruud")
    for n in range(1, LIMIET_GEBRUIKER_ADRES + 1):
        response = inloggen("sanne", FOUT, "10.1.0.1")
        assert response.status_code == (GEBLOKKEERD if n == LIMIET_GEBRUIKER_ADRES else 200), n
    # Locked: the right password does not help, and nobody is logged in.
    client = Client()
    response = inloggen("sanne", PASSWORD, "10.1.0.1", client)
    assert response.status_code == GEBLOKKEERD
    assert "_auth_user_id" not in client.session
    # A colleague behind the same address, and sanne from elsewhere, still get in.
    assert is_ingelogd(inloggen("ruud", PASSWORD, "10.1.0.1"))
    assert is_ingelogd(inloggen("sanne", PASSWORD, "10.1.0.2"))


def test_many_usernames_from_one_address_lock_the_address(make_user):
    make_user("consulent", username="sanne")
    # Password spraying: one try per username, existing or not.
    for n in range(1, LIMIET_ADRES + 1):
        response = inloggen(f"medewerker{n}", FOUT, "10.2.0.1")
        assert response.status_code == (GEBLOKKEERD if n == LIMIET_ADRES else 200), n
    # Now every username from that address is refused, the right password included.
    client = Client()
    response = inloggen("sanne", PASSWORD, "10.2.0.1", client)
    assert response.status_code == GEBLOKKEERD
    assert "_auth_user_id" not in client.session
    assert inloggen("medewerker99", FOUT, "10.2.0.1").status_code == GEBLOKKEERD
    # Other addresses are not affected.
    assert is_ingelogd(inloggen("sanne", PASSWORD, "10.2.0.2"))


def test_an_office_behind_one_address_survives_a_morning_of_typos(make_user):
    collegas = [make_user("consulent", username=f"collega{n}").username for n in range(4)]
    # Four colleagues mistype four times each (16 failures), all from the office's NAT address.
    for naam in collegas:
        for _ in range(4):
            assert inloggen(naam, FOUT, "10.9.0.1").status_code == 200
    # Each then logs in.
    for naam in collegas:
        assert is_ingelogd(inloggen(naam, PASSWORD, "10.9.0.1"))


def test_a_successful_login_does_not_clear_the_address_count(make_user):
    make_user("consulent", username="sanne")
    for n in range(1, LIMIET_ADRES):
        assert inloggen(f"medewerker{n}", FOUT, "10.2.1.1").status_code == 200
    # Whoever owns one account cannot reset the address's count by logging in with it.
    assert is_ingelogd(inloggen("sanne", PASSWORD, "10.2.1.1"))
    assert inloggen("medewerker99", FOUT, "10.2.1.1").status_code == GEBLOKKEERD


def test_one_username_from_many_addresses_locks_the_username(make_user):
    make_user("consulent", username="sanne")
    make_user("consulent", username="ruud")
    for n in range(1, LIMIET_GEBRUIKER + 1):
        response = inloggen("sanne", FOUT, f"10.3.0.{n}")
        assert response.status_code == (GEBLOKKEERD if n == LIMIET_GEBRUIKER else 200), n
    # The right password from an address never used before is refused too.
    client = Client()
    response = inloggen("sanne", PASSWORD, "10.3.1.99", client)
    assert response.status_code == GEBLOKKEERD
    assert "_auth_user_id" not in client.session
    # Other users from the addresses used are not affected.
    assert is_ingelogd(inloggen("ruud", PASSWORD, "10.3.0.1"))


def test_unknown_and_existing_usernames_look_the_same(make_user):
    make_user("consulent", username="sanne")

    # The same failure message, on otherwise identical pages.
    bestaand = inloggen("sanne", FOUT, "10.4.0.1")
    onbekend = inloggen("niemand", FOUT, "10.4.0.2")
    assert bestaand.status_code == onbekend.status_code == 200
    assert foutmelding(bestaand) == foutmelding(onbekend)
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in foutmelding(bestaand)
    assert zonder_csrf(bestaand).replace('value="sanne"', "") == zonder_csrf(onbekend).replace(
        'value="niemand"', ""
    )

    # The same lockout page, both at the failure that locks and afterwards.
    for _ in range(LIMIET_GEBRUIKER_ADRES - 2):
        inloggen("sanne", FOUT, "10.4.0.1")
        inloggen("niemand", FOUT, "10.4.0.2")
    bestaand = inloggen("sanne", FOUT, "10.4.0.1")
    onbekend = inloggen("niemand", FOUT, "10.4.0.2")
    assert bestaand.status_code == onbekend.status_code == GEBLOKKEERD
    assert zonder_csrf(bestaand) == zonder_csrf(onbekend)
    na_bestaand = inloggen("sanne", PASSWORD, "10.4.0.1")
    na_onbekend = inloggen("niemand", PASSWORD, "10.4.0.2")
    assert na_bestaand.status_code == na_onbekend.status_code == GEBLOKKEERD
    assert zonder_csrf(na_bestaand) == zonder_csrf(bestaand)
    assert zonder_csrf(na_onbekend) == zonder_csrf(bestaand)

    html = zonder_csrf(bestaand)
    assert "Tijdelijk geblokkeerd" in html
    assert "5 minuten geblokkeerd" in html
    assert "sanne" not in html

    # A lock of the whole address reads exactly the same.
    for n in range(LIMIET_ADRES):
        adres = inloggen(f"medewerker{n}", FOUT, "10.4.1.1")
    assert adres.status_code == GEBLOKKEERD
    assert zonder_csrf(adres) == zonder_csrf(bestaand)


def test_lock_ends_after_the_cool_off(make_user):
    make_user("consulent", username="sanne")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as klok:
        for _ in range(LIMIET_GEBRUIKER_ADRES):
            inloggen("sanne", FOUT, "10.5.0.1")
        for n in range(LIMIET_ADRES):
            inloggen(f"medewerker{n}", FOUT, "10.5.0.2")

        klok.shift(timedelta(minutes=4))
        assert inloggen("sanne", PASSWORD, "10.5.0.1").status_code == GEBLOKKEERD
        # Trying again during the lock neither counts nor stretches the lock.
        assert inloggen("sanne", FOUT, "10.5.0.1").status_code == GEBLOKKEERD
        assert inloggen("sanne", PASSWORD, "10.5.0.2").status_code == GEBLOKKEERD

        klok.move_to(start + timedelta(minutes=5, seconds=1))
        assert is_ingelogd(inloggen("sanne", PASSWORD, "10.5.0.1"))
        assert is_ingelogd(inloggen("sanne", PASSWORD, "10.5.0.2"))
