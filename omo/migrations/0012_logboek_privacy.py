"""The privacy officer's logboek: its own kind of access-log row ("logboek"), the change log
readable per period (an index on the time of every event table of this app; the other apps
have theirs) and per user (the user in the request context of the events)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('omo', '0011_rol_privacy'),
        ('pghistory', '0007_auto_20250421_0444'),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX pghistory_context_user_idx ON pghistory_context ((metadata->>'user'))",
            "DROP INDEX pghistory_context_user_idx",
        ),
        migrations.AlterField(
            model_name='toegangslog',
            name='soort',
            field=models.CharField(choices=[('bekeken', 'bekeken'), ('lijst', 'in een lijst'), ('zoeken', 'in zoekresultaten'), ('export', 'geëxporteerd'), ('extern', 'via de externe link'), ('geweigerd', 'geweigerd'), ('logboek', 'in het logboek (privacy)')], default='bekeken', max_length=12, verbose_name='soort inzage'),
        ),
        migrations.AddIndex(
            model_name='notificatieevent',
            index=models.Index(fields=['pgh_created_at'], name='omo_notific_pgh_cre_ea3d63_idx'),
        ),
        migrations.AddIndex(
            model_name='rolwijzigingevent',
            index=models.Index(fields=['pgh_created_at'], name='omo_rolwijz_pgh_cre_4d74f5_idx'),
        ),
        migrations.AddIndex(
            model_name='sluitingsdagevent',
            index=models.Index(fields=['pgh_created_at'], name='omo_sluitin_pgh_cre_e327d1_idx'),
        ),
        migrations.AddIndex(
            model_name='teamevent',
            index=models.Index(fields=['pgh_created_at'], name='omo_teameve_pgh_cre_5fde50_idx'),
        ),
        migrations.AddIndex(
            model_name='userevent',
            index=models.Index(fields=['pgh_created_at'], name='omo_usereve_pgh_cre_ab4574_idx'),
        ),
        migrations.AddIndex(
            model_name='usergroupsevent',
            index=models.Index(fields=['pgh_created_at'], name='omo_usergro_pgh_cre_71fb8a_idx'),
        ),
    ]
