"""Models and migrations agree: a model change without its migration fails here."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_every_role_is_a_group_without_permissions_after_migrating():
    """Roles are groups; what a role may do is in the rules, never in Django permissions."""
    from django.contrib.auth.models import Group

    from omo.roles import ROLLEN

    for code in ROLLEN:
        group = Group.objects.get(name=code)
        assert not group.permissions.exists(), code
