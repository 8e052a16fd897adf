"""Users without superusers: the flag for a forced password change at the next login, the
manager whose create_superuser refuses, and every existing superuser made an ordinary user
(recorded by the audit trigger); 0006 then forbids superusers with a CHECK constraint."""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

import omo.models


class Migration(migrations.Migration):

    dependencies = [
        ('omo', '0004_toegangslog_soort_en_rollen_zonder_rechten'),
    ]

    operations = [
        migrations.AlterModelManagers(
            name='user',
            managers=[
                ('objects', omo.models.OmoUserManager()),
            ],
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='user',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='user',
            name='update_update',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='user',
            name='delete_delete',
        ),
        migrations.AddField(
            model_name='user',
            name='moet_wachtwoord_wijzigen',
            field=models.BooleanField(default=False, help_text='Na het inloggen kan deze gebruiker pas verder als hij een nieuw wachtwoord heeft gekozen.', verbose_name='moet wachtwoord wijzigen'),
        ),
        migrations.AddField(
            model_name='userevent',
            name='moet_wachtwoord_wijzigen',
            field=models.BooleanField(default=False, help_text='Na het inloggen kan deze gebruiker pas verder als hij een nieuw wachtwoord heeft gekozen.', verbose_name='moet wachtwoord wijzigen'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='user',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "omo_userevent" ("date_joined", "email", "first_name", "functie", "id", "is_active", "is_staff", "is_superuser", "last_name", "moet_wachtwoord_wijzigen", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "team_id", "telefoon", "username") VALUES (NEW."date_joined", NEW."email", NEW."first_name", NEW."functie", NEW."id", NEW."is_active", NEW."is_staff", NEW."is_superuser", NEW."last_name", NEW."moet_wachtwoord_wijzigen", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."team_id", NEW."telefoon", NEW."username"); RETURN NULL;', hash='6606adcbde0db19dddf6d1eefeffb3e0d4d8eedf', operation='INSERT', pgid='pgtrigger_insert_insert_38f86', table='omo_user', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='user',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."date_joined" IS DISTINCT FROM (NEW."date_joined") OR OLD."email" IS DISTINCT FROM (NEW."email") OR OLD."first_name" IS DISTINCT FROM (NEW."first_name") OR OLD."functie" IS DISTINCT FROM (NEW."functie") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."is_active" IS DISTINCT FROM (NEW."is_active") OR OLD."is_staff" IS DISTINCT FROM (NEW."is_staff") OR OLD."is_superuser" IS DISTINCT FROM (NEW."is_superuser") OR OLD."last_name" IS DISTINCT FROM (NEW."last_name") OR OLD."moet_wachtwoord_wijzigen" IS DISTINCT FROM (NEW."moet_wachtwoord_wijzigen") OR OLD."team_id" IS DISTINCT FROM (NEW."team_id") OR OLD."telefoon" IS DISTINCT FROM (NEW."telefoon") OR OLD."username" IS DISTINCT FROM (NEW."username"))', func='INSERT INTO "omo_userevent" ("date_joined", "email", "first_name", "functie", "id", "is_active", "is_staff", "is_superuser", "last_name", "moet_wachtwoord_wijzigen", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "team_id", "telefoon", "username") VALUES (NEW."date_joined", NEW."email", NEW."first_name", NEW."functie", NEW."id", NEW."is_active", NEW."is_staff", NEW."is_superuser", NEW."last_name", NEW."moet_wachtwoord_wijzigen", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."team_id", NEW."telefoon", NEW."username"); RETURN NULL;', hash='b096dcfaa257f798598807c2044c3820610e95b6', operation='UPDATE', pgid='pgtrigger_update_update_507c5', table='omo_user', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='user',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "omo_userevent" ("date_joined", "email", "first_name", "functie", "id", "is_active", "is_staff", "is_superuser", "last_name", "moet_wachtwoord_wijzigen", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "team_id", "telefoon", "username") VALUES (OLD."date_joined", OLD."email", OLD."first_name", OLD."functie", OLD."id", OLD."is_active", OLD."is_staff", OLD."is_superuser", OLD."last_name", OLD."moet_wachtwoord_wijzigen", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."team_id", OLD."telefoon", OLD."username"); RETURN NULL;', hash='9d2b12edfef404e77bb7c2d3742fb951b6f7fac8', operation='DELETE', pgid='pgtrigger_delete_delete_d6569', table='omo_user', when='AFTER')),
        ),
        migrations.RunSQL(
            "UPDATE omo_user SET is_superuser = false WHERE is_superuser",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
