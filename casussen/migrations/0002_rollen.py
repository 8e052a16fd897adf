"""Give the role groups the permissions of the case pages (reference data for beheerder)."""

from django.db import migrations


def sync(apps, schema_editor):
    from omo.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("casussen", "0001_casussen"), ("omo", "0002_rollen_en_auditbescherming")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
