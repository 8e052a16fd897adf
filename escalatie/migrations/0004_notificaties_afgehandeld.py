from django.db import migrations, models


def afgehandeld(apps, schema_editor):
    """Notifications that still ask for a decision on an escalation already decided, or to chase
    a verzoek already picked up or answered, are finished."""
    Escalatie = apps.get_model("escalatie", "Escalatie")
    Verzoek = apps.get_model("escalatie", "Verzoek")
    Notificatie = apps.get_model("omo", "Notificatie")
    onderwerpen = [
        f"escalatie.escalatie:{pk}" for pk in Escalatie.objects.exclude(beslissing="").values_list("pk", flat=True)
    ] + [
        f"escalatie.verzoek:{pk}"
        for pk in Verzoek.objects.filter(status__in=["opgepakt", "beantwoord"]).values_list("pk", flat=True)
    ]
    for i in range(0, len(onderwerpen), 1000):
        Notificatie.objects.filter(
            onderwerp__in=onderwerpen[i : i + 1000], afgehandeld_op__isnull=True
        ).update(afgehandeld_op=models.F("aangemaakt_op"))


class Migration(migrations.Migration):
    dependencies = [
        ("escalatie", "0003_rapportage_indexen"),
        ("omo", "0009_notificatie_afhandeling"),
    ]

    operations = [migrations.RunPython(afgehandeld, migrations.RunPython.noop)]
