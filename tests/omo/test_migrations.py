"""Models and migrations agree: a model change without its migration fails here."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_every_role_has_exactly_its_permissions_after_migrating():
    """sync_roles skips permissions of apps not migrated yet; after all migrations none is missing."""
    from django.contrib.auth.models import Group

    from omo.roles import ROLE_PERMISSIONS

    for code, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=code)
        have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert have == perms, code
