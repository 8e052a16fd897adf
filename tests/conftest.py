"""Shared fixtures: users with roles, a logged-in client per role."""

import pytest
from django.contrib.auth.models import Group

from omo import roles
from omo.models import Team, User

PASSWORD = "een-lang-genoeg-wachtwoord"

pytest_plugins = ("celery.contrib.pytest",)


@pytest.fixture
def make_user(db):
    """make_user("consulent", username=..., team=...) → a user with that role (or none)."""
    counter = {"n": 0, "synced": False}

    def factory(*role_codes, username=None, team=None, email=None, **extra):
        if not counter["synced"]:
            # Transactional tests flush the groups the migrations made; make them once per test.
            roles.sync_roles()
            counter["synced"] = True
        counter["n"] += 1
        username = username or f"{'-'.join(role_codes) or 'zonderrol'}{counter['n']}"
        user = User.objects.create_user(
            username=username,
            password=PASSWORD,
            email=email if email is not None else f"{username}@example.nl",
            team=team,
            **extra,
        )
        for code in role_codes:
            user.groups.add(Group.objects.get(name=code))
        return user

    return factory


@pytest.fixture
def team(db):
    return Team.objects.create(naam="Wijkteam Test", soort=Team.Soort.WIJKTEAM)


@pytest.fixture
def client_as(client, make_user):
    """client_as("beheerder") → a test client logged in as a new user with that role."""

    def login(*role_codes, **kwargs):
        user = make_user(*role_codes, **kwargs)
        client.force_login(user)
        client.user = user
        return client

    return login



@pytest.fixture(scope="session")
def celery_config():
    """Real Redis from REDIS_URL as broker and result store for the worker fixtures."""
    from django.conf import settings

    return {
        "broker_url": settings.REDIS_URL,
        "result_backend": settings.REDIS_URL,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_default_queue": "omo-test",
    }


@pytest.fixture(scope="session")
def celery_worker_parameters():
    return {"queues": ("omo-test",), "perform_ping_check": False}


@pytest.fixture(scope="session")
def celery_includes():
    """The task modules the test worker knows (it does not autodiscover like the real app)."""
    return ["omo.tasks", "casussen.tasks", "escalatie.tasks", "budget.tasks", "rapportage.tasks", "privacy.tasks"]
from tests.oidc_idp.fixture import oidc_aan, oidc_idp_server, oidc_provider  # noqa: E402,F401
