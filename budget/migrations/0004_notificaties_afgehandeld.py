from django.db import migrations, models


def afgehandeld(apps, schema_editor):
    """Notifications that still ask for a decision on a request already decided, withdrawn or
    put before the College, or for a review already written, are finished."""
    Aanvraag = apps.get_model("budget", "Aanvraag")
    Notificatie = apps.get_model("omo", "Notificatie")
    besloten = Aanvraag.objects.exclude(status="ingediend").values_list("pk", flat=True)
    beoordeeld = Aanvraag.objects.filter(achteraf_beoordeeld_op__isnull=False).values_list("pk", flat=True)
    onderwerpen = [f"budget.aanvraag:{pk}" for pk in besloten] + [
        f"budget.aanvraag:{pk}:achteraf" for pk in beoordeeld
    ]
    for i in range(0, len(onderwerpen), 1000):
        Notificatie.objects.filter(
            onderwerp__in=onderwerpen[i : i + 1000], afgehandeld_op__isnull=True
        ).update(afgehandeld_op=models.F("aangemaakt_op"))


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0003_eenmalig_naar_omo"),
        ("omo", "0009_notificatie_afhandeling"),
    ]

    operations = [migrations.RunPython(afgehandeld, migrations.RunPython.noop)]
