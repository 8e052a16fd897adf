"""Cost lines and price-list items get the units of the price list (eenmalig, per dag, per week,
per maand, per jaar, per uur, per stuk).

- A cost line that was *maandelijks* becomes *per_maand*; *eenmalig* stays *eenmalig*. Their
  amounts do not change.
- A price-list item gets a structured `rekeneenheid`, parsed from its free-text `eenheid`
  ("per persoon per jaar" → per_jaar, "per maand, netto …" → per_maand, "per dag" → per_dag,
  "per uur" → per_uur, "per uitzetting" → per_stuk). The text stays where it says more than the
  unit ("per leerling per jaar"); where it says exactly the unit ("per jaar") it is emptied.
  The item's history rows (append-only) keep an empty unit: it was not recorded then.
"""

import django.core.validators
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

# The first match wins: "per persoon per jaar" is yearly, "per uur" an hourly quantity.
PATRONEN = (
    ("eenmalig", "eenmalig"),
    ("per jaar", "per_jaar"),
    ("jaar", "per_jaar"),
    ("per maand", "per_maand"),
    ("maand", "per_maand"),
    ("per week", "per_week"),
    ("week", "per_week"),
    ("per dag", "per_dag"),
    ("per etmaal", "per_dag"),
    ("dag", "per_dag"),
    ("per uur", "per_uur"),
    ("uur", "per_uur"),
)
ALLEEN_EENHEID = {
    "eenmalig": "eenmalig", "per dag": "per_dag", "per week": "per_week", "per maand": "per_maand",
    "per jaar": "per_jaar", "per uur": "per_uur", "per stuk": "per_stuk",
}


def rekeneenheid(tekst: str) -> str:
    """The unit a free-text `eenheid` describes; anything else ("per uitzetting") is per stuk."""
    tekst = (tekst or "").lower()
    for patroon, eenheid in PATRONEN:
        if patroon in tekst:
            return eenheid
    return "per_stuk"


def vooruit(apps, schema_editor):
    Kostenregel = apps.get_model("casussen", "Kostenregel")
    Kostenregel.objects.filter(frequentie="maandelijks").update(frequentie="per_maand")
    Prijs = apps.get_model("casussen", "Prijs")
    for rij in Prijs.objects.only("pk", "eenheid"):
        tekst = (rij.eenheid or "").strip()
        eenheid = rekeneenheid(tekst)
        if ALLEEN_EENHEID.get(tekst.lower()) == eenheid:
            tekst = ""
        Prijs.objects.filter(pk=rij.pk).update(rekeneenheid=eenheid, eenheid=tekst)


def terug(apps, schema_editor):
    Kostenregel = apps.get_model("casussen", "Kostenregel")
    Kostenregel.objects.filter(frequentie="per_maand").update(frequentie="maandelijks")
    if Kostenregel.objects.exclude(frequentie__in=("eenmalig", "maandelijks")).exists():
        raise RuntimeError("Kostenregels per dag, week, jaar, uur of stuk passen niet in eenmalig/maandelijks.")
    Prijs = apps.get_model("casussen", "Prijs")
    for rij in Prijs.objects.filter(eenheid="").only("pk", "rekeneenheid"):
        Prijs.objects.filter(pk=rij.pk).update(eenheid=rij.rekeneenheid.replace("_", " "))


class Migration(migrations.Migration):

    dependencies = [
        ('casussen', '0007_rapportage_indexen'),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name='prijs',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='prijs',
            name='update_update',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='prijs',
            name='delete_delete',
        ),
        migrations.AddField(
            model_name='prijs',
            name='rekeneenheid',
            field=models.CharField(choices=[('eenmalig', 'Eenmalig'), ('per_dag', 'Per dag'), ('per_week', 'Per week'), ('per_maand', 'Per maand'), ('per_jaar', 'Per jaar'), ('per_uur', 'Per uur'), ('per_stuk', 'Per stuk')], default='eenmalig', help_text='Hoe een kostenregel met dit item telt: eenmalig, per dag, week, maand of jaar, of per uur of stuk.', max_length=12, verbose_name='rekeneenheid'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='prijsevent',
            name='rekeneenheid',
            field=models.CharField(choices=[('eenmalig', 'Eenmalig'), ('per_dag', 'Per dag'), ('per_week', 'Per week'), ('per_maand', 'Per maand'), ('per_jaar', 'Per jaar'), ('per_uur', 'Per uur'), ('per_stuk', 'Per stuk')], default='', help_text='Hoe een kostenregel met dit item telt: eenmalig, per dag, week, maand of jaar, of per uur of stuk.', max_length=12, verbose_name='rekeneenheid'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='kostenregel',
            name='duur_maanden',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Leeg bij kosten per dag, week, maand of jaar: lopen door tot het einde van de horizon.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name='duur in maanden'),
        ),
        migrations.AlterField(
            model_name='kostenregel',
            name='frequentie',
            field=models.CharField(choices=[('eenmalig', 'Eenmalig'), ('per_dag', 'Per dag'), ('per_week', 'Per week'), ('per_maand', 'Per maand'), ('per_jaar', 'Per jaar'), ('per_uur', 'Per uur'), ('per_stuk', 'Per stuk')], max_length=12, verbose_name='eenheid'),
        ),
        migrations.AlterField(
            model_name='kostenregelevent',
            name='duur_maanden',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Leeg bij kosten per dag, week, maand of jaar: lopen door tot het einde van de horizon.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name='duur in maanden'),
        ),
        migrations.AlterField(
            model_name='kostenregelevent',
            name='frequentie',
            field=models.CharField(choices=[('eenmalig', 'Eenmalig'), ('per_dag', 'Per dag'), ('per_week', 'Per week'), ('per_maand', 'Per maand'), ('per_jaar', 'Per jaar'), ('per_uur', 'Per uur'), ('per_stuk', 'Per stuk')], max_length=12, verbose_name='eenheid'),
        ),
        migrations.AlterField(
            model_name='prijs',
            name='eenheid',
            field=models.CharField(blank=True, help_text='Wat de eenheid precies is, als dat meer zegt dan de rekeneenheid (bijv. ‘per leerling per jaar’).', max_length=60, verbose_name='eenheid (toelichting)'),
        ),
        migrations.AlterField(
            model_name='prijsevent',
            name='eenheid',
            field=models.CharField(blank=True, help_text='Wat de eenheid precies is, als dat meer zegt dan de rekeneenheid (bijv. ‘per leerling per jaar’).', max_length=60, verbose_name='eenheid (toelichting)'),
        ),
        migrations.RunPython(vooruit, terug),
        pgtrigger.migrations.AddTrigger(
            model_name='prijs',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "casussen_prijsevent" ("betaler", "bron", "eenheid", "geldig_vanaf", "geldstroom_id", "id", "item", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "prijs", "prijsjaar", "rekeneenheid") VALUES (NEW."betaler", NEW."bron", NEW."eenheid", NEW."geldig_vanaf", NEW."geldstroom_id", NEW."id", NEW."item", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."prijs", NEW."prijsjaar", NEW."rekeneenheid"); RETURN NULL;', hash='c12ea0e703362b418f0a49088014cdd8c2f2c456', operation='INSERT', pgid='pgtrigger_insert_insert_9978d', table='casussen_prijs', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='prijs',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "casussen_prijsevent" ("betaler", "bron", "eenheid", "geldig_vanaf", "geldstroom_id", "id", "item", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "prijs", "prijsjaar", "rekeneenheid") VALUES (NEW."betaler", NEW."bron", NEW."eenheid", NEW."geldig_vanaf", NEW."geldstroom_id", NEW."id", NEW."item", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."prijs", NEW."prijsjaar", NEW."rekeneenheid"); RETURN NULL;', hash='8532a87c4d3245da7e310294d24ae42257107714', operation='UPDATE', pgid='pgtrigger_update_update_97ce3', table='casussen_prijs', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='prijs',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "casussen_prijsevent" ("betaler", "bron", "eenheid", "geldig_vanaf", "geldstroom_id", "id", "item", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "prijs", "prijsjaar", "rekeneenheid") VALUES (OLD."betaler", OLD."bron", OLD."eenheid", OLD."geldig_vanaf", OLD."geldstroom_id", OLD."id", OLD."item", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."prijs", OLD."prijsjaar", OLD."rekeneenheid"); RETURN NULL;', hash='afb5399fb6b0e29a9ed671b3b90ee1894d0183a1', operation='DELETE', pgid='pgtrigger_delete_delete_c45ba', table='casussen_prijs', when='AFTER')),
        ),
        migrations.AddConstraint(
            model_name='kostenregel',
            constraint=models.CheckConstraint(condition=models.Q(('frequentie__in', ['eenmalig', 'per_dag', 'per_week', 'per_maand', 'per_jaar', 'per_uur', 'per_stuk'])), name='kostenregel_eenheid_bekend'),
        ),
        migrations.AddConstraint(
            model_name='prijs',
            constraint=models.CheckConstraint(condition=models.Q(('rekeneenheid__in', ['eenmalig', 'per_dag', 'per_week', 'per_maand', 'per_jaar', 'per_uur', 'per_stuk'])), name='prijs_rekeneenheid_bekend'),
        ),
    ]
