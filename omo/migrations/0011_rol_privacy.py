"""The privacy officer's role group (functionaris gegevensbescherming)."""

from django.db import migrations


def sync(apps, schema_editor):
    from omo.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("omo", "0010_eenmalig")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
