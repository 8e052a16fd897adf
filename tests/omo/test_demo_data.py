"""`manage.py demo_data`: one account per role, idempotent, never in production."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from pghistory.models import Events

from omo.models import Sluitingsdag, Team, User
from omo.roles import roles_of
from omo.werkdagen import is_werkdag

pytestmark = pytest.mark.django_db

ACCOUNTS = {
    "consulent": "consulent",
    "coach": "maatwerkcoach",
    "omo": "omo",
    "budgethouder": "budgethouder",
    "wethouder": "portefeuillehouder",
    "college": "college",
    "beleid": "beleid",
    "beheerder": "beheerder",
    "beheerder-2": "beheerder",
    "privacy": "privacy",
}


def test_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG uit"):
        call_command("demo_data")
    assert not User.objects.exists()


def test_creates_one_account_per_role_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("demo_data")
    for username, role in ACCOUNTS.items():
        user = authenticate(RequestFactory().post("/inloggen/"), username=username, password="demo")
        assert user is not None, username
        assert roles_of(user) == [role]
    assert Team.objects.count() >= 3
    counts = (User.objects.count(), Team.objects.count(), Sluitingsdag.objects.count(), Events.objects.count())
    call_command("demo_data")
    assert counts == (User.objects.count(), Team.objects.count(), Sluitingsdag.objects.count(), Events.objects.count())


def test_limburg_closing_days_are_not_werkdagen(settings):
    settings.DEBUG = True
    call_command("demo_data")
    carnavalsmaandag = Sluitingsdag.objects.get(omschrijving="Carnavalsmaandag", datum__year=2027).datum
    assert not is_werkdag(carnavalsmaandag)
