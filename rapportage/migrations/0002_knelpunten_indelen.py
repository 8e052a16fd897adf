"""Data migration: put the knelpunten recorded before the groups existed into their groups.

No notifications: these signals are not news. Idempotent (only knelpunten without a group)."""

from django.db import migrations


def indelen(apps, schema_editor):
    from rapportage.services.signalen import indelen_alle

    indelen_alle(
        apps.get_model("casussen", "Knelpunt"),
        apps.get_model("rapportage", "Knelpuntgroep"),
        apps.get_model("rapportage", "KnelpuntIndeling"),
    )


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0001_initial")]

    operations = [migrations.RunPython(indelen, migrations.RunPython.noop)]
