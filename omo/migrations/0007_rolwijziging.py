"""Role changes with four eyes (`omo.rolbeheer`), tracked like every domain model."""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

import omo.models


class Migration(migrations.Migration):

    dependencies = [
        ('omo', '0006_gebruiker_nooit_superuser'),
        ('pghistory', '0007_auto_20250421_0444'),
    ]

    operations = [
        migrations.CreateModel(
            name='Rolwijziging',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rol', models.CharField(choices=omo.models._rol_keuzes, max_length=40, verbose_name='rol')),
                ('actie', models.CharField(choices=[('toekennen', 'toekennen'), ('intrekken', 'intrekken')], max_length=12, verbose_name='actie')),
                ('status', models.CharField(choices=[('voorgesteld', 'voorgesteld'), ('goedgekeurd', 'goedgekeurd'), ('afgewezen', 'afgewezen'), ('ingetrokken', 'ingetrokken')], default='voorgesteld', max_length=12, verbose_name='status')),
                ('voorgesteld_op', models.DateTimeField(verbose_name='voorgesteld op')),
                ('reden', models.TextField(blank=True, verbose_name='reden')),
                ('beoordeeld_op', models.DateTimeField(blank=True, null=True, verbose_name='beoordeeld op')),
                ('toelichting', models.TextField(blank=True, verbose_name='toelichting')),
                ('via_commando', models.BooleanField(default=False, help_text='Doorgevoerd met een beheercommando op de server, zonder tweede beheerder.', verbose_name='via een beheercommando')),
            ],
            options={
                'verbose_name': 'rolwijziging',
                'verbose_name_plural': 'rolwijzigingen',
                'ordering': ['-voorgesteld_op', '-id'],
            },
        ),
        migrations.CreateModel(
            name='RolwijzigingEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('id', models.BigIntegerField()),
                ('rol', models.CharField(choices=omo.models._rol_keuzes, max_length=40, verbose_name='rol')),
                ('actie', models.CharField(choices=[('toekennen', 'toekennen'), ('intrekken', 'intrekken')], max_length=12, verbose_name='actie')),
                ('status', models.CharField(choices=[('voorgesteld', 'voorgesteld'), ('goedgekeurd', 'goedgekeurd'), ('afgewezen', 'afgewezen'), ('ingetrokken', 'ingetrokken')], default='voorgesteld', max_length=12, verbose_name='status')),
                ('voorgesteld_op', models.DateTimeField(verbose_name='voorgesteld op')),
                ('reden', models.TextField(blank=True, verbose_name='reden')),
                ('beoordeeld_op', models.DateTimeField(blank=True, null=True, verbose_name='beoordeeld op')),
                ('toelichting', models.TextField(blank=True, verbose_name='toelichting')),
                ('via_commando', models.BooleanField(default=False, help_text='Doorgevoerd met een beheercommando op de server, zonder tweede beheerder.', verbose_name='via een beheercommando')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='rolwijziging',
            name='beoordeeld_door',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='beoordeeld door'),
        ),
        migrations.AddField(
            model_name='rolwijziging',
            name='gebruiker',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rolwijzigingen', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker'),
        ),
        migrations.AddField(
            model_name='rolwijziging',
            name='voorgesteld_door',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='voorgesteld door'),
        ),
        migrations.AddField(
            model_name='rolwijzigingevent',
            name='beoordeeld_door',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='beoordeeld door'),
        ),
        migrations.AddField(
            model_name='rolwijzigingevent',
            name='gebruiker',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker'),
        ),
        migrations.AddField(
            model_name='rolwijzigingevent',
            name='pgh_context',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
        ),
        migrations.AddField(
            model_name='rolwijzigingevent',
            name='pgh_obj',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='omo.rolwijziging'),
        ),
        migrations.AddField(
            model_name='rolwijzigingevent',
            name='voorgesteld_door',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='voorgesteld door'),
        ),
        migrations.AddIndex(
            model_name='rolwijziging',
            index=models.Index(condition=models.Q(('status', 'voorgesteld')), fields=['voorgesteld_op'], name='rolwijziging_open_idx'),
        ),
        migrations.AddConstraint(
            model_name='rolwijziging',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'voorgesteld')), fields=('gebruiker', 'rol'), name='rolwijziging_een_open_voorstel'),
        ),
        migrations.AddConstraint(
            model_name='rolwijziging',
            constraint=models.CheckConstraint(condition=models.Q(('voorgesteld_door', models.F('gebruiker')), _negated=True), name='rolwijziging_niet_voor_zichzelf'),
        ),
        migrations.AddConstraint(
            model_name='rolwijziging',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('beoordeeld_door', models.F('gebruiker')), _negated=True), models.Q(('beoordeeld_door', models.F('voorgesteld_door')), _negated=True)), name='rolwijziging_vier_ogen'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='rolwijziging',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "omo_rolwijzigingevent" ("actie", "beoordeeld_door_id", "beoordeeld_op", "gebruiker_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reden", "rol", "status", "toelichting", "via_commando", "voorgesteld_door_id", "voorgesteld_op") VALUES (NEW."actie", NEW."beoordeeld_door_id", NEW."beoordeeld_op", NEW."gebruiker_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."reden", NEW."rol", NEW."status", NEW."toelichting", NEW."via_commando", NEW."voorgesteld_door_id", NEW."voorgesteld_op"); RETURN NULL;', hash='058ca9a05da0faa18cb91cf2e5d95797122fd5ed', operation='INSERT', pgid='pgtrigger_insert_insert_eab2a', table='omo_rolwijziging', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='rolwijziging',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "omo_rolwijzigingevent" ("actie", "beoordeeld_door_id", "beoordeeld_op", "gebruiker_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reden", "rol", "status", "toelichting", "via_commando", "voorgesteld_door_id", "voorgesteld_op") VALUES (NEW."actie", NEW."beoordeeld_door_id", NEW."beoordeeld_op", NEW."gebruiker_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."reden", NEW."rol", NEW."status", NEW."toelichting", NEW."via_commando", NEW."voorgesteld_door_id", NEW."voorgesteld_op"); RETURN NULL;', hash='6ae78f37c9f574192d3cbd32f4df71e759c3b881', operation='UPDATE', pgid='pgtrigger_update_update_5326d', table='omo_rolwijziging', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='rolwijziging',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "omo_rolwijzigingevent" ("actie", "beoordeeld_door_id", "beoordeeld_op", "gebruiker_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "reden", "rol", "status", "toelichting", "via_commando", "voorgesteld_door_id", "voorgesteld_op") VALUES (OLD."actie", OLD."beoordeeld_door_id", OLD."beoordeeld_op", OLD."gebruiker_id", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."reden", OLD."rol", OLD."status", OLD."toelichting", OLD."via_commando", OLD."voorgesteld_door_id", OLD."voorgesteld_op"); RETURN NULL;', hash='61caaaaeabbada0dbaf6cfdd2ed5a40d36eb4209', operation='DELETE', pgid='pgtrigger_delete_delete_fde5b', table='omo_rolwijziging', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='rolwijzigingevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION 'pgtrigger: Cannot update or delete rows from % table', TG_TABLE_NAME;", hash='58e1f5d58c4985932fe88bb499993919e57beebc', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_319a4', table='omo_rolwijzigingevent', when='BEFORE')),
        ),
    ]
